"""The one 'Bedoelde u ...?' of the command line, the API and the pages: the names closest to
one typed wrong, closest first. Before, four places ranked them each their own way (the
comparison groups by their shared start, the domains by difflib's ratio, the API's choices
and parameter names by :func:`difflib.get_close_matches`), and a mistyped city network's id
was answered with a shorter id first, the one a key away second.

Closeness, in this order: the longest start shared with what was typed (a typo is rarely in
the first letters); the fewest letters changed (Damerau-Levenshtein: one wrong, missing,
extra or swapped letter is one); with as many changes, the name as long as what was typed
(a wrong key is likelier than one key too many or too few: 'AB41' is AB40 before AB4); then
difflib's ratio, then the name. Only names at least ``cutoff`` alike by difflib's ratio are
offered, compared without case. The regions' names (regions/lookup: a name not found, and
the search's fuzzy score through :func:`alike`), the snapshot's table files
(ingest/snapshot, without the shared start: a table id's digits) and a file's columns
(ingest/edge) are offered here too, and the indicator search weighs a title's words by
:func:`alike`."""

from __future__ import annotations

import difflib
import os
from collections.abc import Callable, Iterable, Sequence

#: a similarity (difflib's ratio) below which a name is not offered
CUTOFF = 0.6


def edits(a: str, b: str) -> int:
    """The letters to change to make ``a`` into ``b``: each wrong, missing or extra letter,
    and two neighbours swapped, count one (optimal string alignment distance)."""
    rows = [list(range(len(b) + 1))]
    for i in range(1, len(a) + 1):
        row = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            row[j] = min(rows[-1][j] + 1, row[j - 1] + 1,
                         rows[-1][j - 1] + (a[i - 1] != b[j - 1]))
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                row[j] = min(row[j], rows[-2][j - 2] + 1)
        rows.append(row)
    return rows[-1][-1]


def alike(a: str, b: str) -> float:
    """How alike two texts are, 0..1, compared without case: difflib's ratio, the one
    measure of this module (a region search's fuzzy score, an indicator title's word)."""
    return difflib.SequenceMatcher(None, a.casefold(), b.casefold()).ratio()


def _rank(key: str, word: str, start: bool = True) -> tuple[int, int, int, float]:
    """How far ``word`` is from ``key`` (both case folded): smaller is closer; without
    ``start`` the shared start does not count."""
    ratio = alike(key, word)
    return (-len(os.path.commonprefix([key, word])) * start, edits(key, word),
            abs(len(word) - len(key)), -ratio)


def closest(text: str, names: Sequence[str], n: int = 3, cutoff: float = CUTOFF,
            words: Callable[[str], Iterable[str]] | None = None, start: bool = True
            ) -> list[str]:
    """Up to ``n`` of ``names`` closest to ``text``, closest first (see the module's
    docstring), each at least ``cutoff`` alike (0: the closest whatever it is, for a choice
    of a few values). ``words``: the ways a name may be typed (a domain's code and its names
    in every language; default the name itself); a name counts by its closest. ``start``
    False: the shared start does not count first, for a number whose every digit is as
    easily mistyped (a CBS table id: '7014ned' is 72014ned, one digit left out, not
    70174NED and four others that start '70')."""
    key = text.strip().casefold()
    bounds = difflib.SequenceMatcher(None, "", key)  # what was typed analysed once

    def at_least(word: str) -> bool:
        """Whether ``word`` is at least ``cutoff`` alike ``key``: difflib's cheap upper
        bounds first, as :func:`difflib.get_close_matches`, so that 3 000 region names are
        not each compared letter by letter (a region name not found: 0,03 s, not 0,5 s)."""
        bounds.set_seq1(word)
        return (bounds.real_quick_ratio() >= cutoff and bounds.quick_ratio() >= cutoff
                and alike(key, word) >= cutoff)

    ranked = []
    for name in dict.fromkeys(names):
        typed = [str(w).casefold() for w in (words(name) if words else [name])] or [name]
        if any(at_least(w) for w in typed):
            ranked.append((min(_rank(key, w, start) for w in typed), name))
    return [name for _, name in sorted(ranked)][:n]
