"""How many a place in a comparison group is out of, one way for the city page's tiles and
the command-line profile: a municipality compared with a group it is not in (Utrecht in the
city set) ranks among the members with a figure and itself (``group_benchmarks.n`` counts the
members only), so its place is out of ``n + 1``, said with the words 'deze gemeente
meegeteld' (``web.outsider_counted``). The profile printed 'Grijze druk 40/39' and
'65-plussers 42/41' for Utrecht; the tiles said 'plaats 40 van 40, deze gemeente meegeteld'."""

from __future__ import annotations

from stadstrends import vocabulary


def out_of(n: int, outsider: bool) -> int:
    """The number a place is out of: the members with a figure ``n``, and the municipality
    itself when it is not a member (``outsider``)."""
    return int(n) + 1 if outsider else int(n)


def counted_words(lang: str) -> str:
    """'deze gemeente meegeteld' / 'this municipality included': what a place out of
    :func:`out_of` adds for an outsider."""
    return vocabulary.word(lang, "web", "outsider_counted")
