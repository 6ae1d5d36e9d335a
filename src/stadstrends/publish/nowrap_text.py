"""A terminal table's cell (Rich) that wraps between words but never inside a number: Rich
wraps at every space, so `stadstrends profile Zwolle` at 80 columns printed Zwolle's births as
'10,7 per 1' / '000 inwoners' and a title as 'Zelfstandigen per 1' / '000 inwoners' (two
numbers where CBS's unit says 'per 1 000'). The terminal's twin of :mod:`.nowrap`; where a
number's spaces are one rule with the pages', :data:`.format.NUMBER_SPACE`."""

from __future__ import annotations

import re
from collections.abc import Iterator

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions
from rich.measure import Measurement
from rich.text import Text

from stadstrends.publish.format import NUMBER_SPACE

#: a space that is no place to break: within a number (:data:`.format.NUMBER_SPACE`, the
#: pages' rule: '1 000', '12 345,6'), between it and its unit's sign ('2,3 %-punt', '760 m³'),
#: after a euro sign or a trend's arrow ('€ 44.400', '↓ −2,3', not '↓' alone on a line)
_KEEP = re.compile(f"{NUMBER_SPACE.pattern}|(?<=\\d) (?=%|m[²³])|(?<=[↑↓€]) ")


def breaks(text: str) -> list[int]:
    """The offsets of ``text``'s spaces where a line may break: not :data:`_KEEP`'s."""
    kept = {m.start() for m in _KEEP.finditer(text)}
    return [i for i, ch in enumerate(text) if ch == " " and i not in kept]


def words(text: str) -> list[str]:
    """``text`` cut at :func:`breaks`: its words, '1 000' one word."""
    cuts = [-1, *breaks(text), len(text)]
    return [text[a + 1:b] for a, b in zip(cuts, cuts[1:], strict=False) if b > a + 1]


def wrap_offsets(text: str, width: int) -> list[int]:
    """Where to cut ``text`` into lines of at most ``width`` cells (greedy, each line
    starting after a break's space); a word longer than ``width`` stays whole on its line."""
    offsets: list[int] = []
    start, last = 0, None
    for space in [*breaks(text), len(text)]:
        if cell_len(text[start:space]) > width and last is not None and last > start:
            offsets.append(last + 1)
            start = last + 1
        last = space
    return offsets


class Wrapped:
    """A cell of Rich console markup wrapped at :func:`breaks` only, to the width Rich gives
    its column; measured as at least its longest word, so Rich never narrows the column
    below it (nor cuts it), at most the whole text."""

    def __init__(self, markup: str) -> None:
        self.text = Text.from_markup(markup)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        lines = self.text.plain.split("\n")
        longest = max((cell_len(w) for x in lines for w in words(x)), default=1)
        return Measurement(longest, max(longest, *map(cell_len, lines)))

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Text]:
        for text in self.text.split("\n", allow_blank=True):
            for line in text.divide(wrap_offsets(text.plain, options.max_width)):
                line.rstrip()
                yield line
