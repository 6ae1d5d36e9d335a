"""A terminal table's cell (Rich) that wraps between words but never inside a number: Rich
wraps at every space, so `stadstrends profile Zwolle` at 80 columns printed Zwolle's births as
'10,7 per 1' / '000 inwoners' and a title as 'Zelfstandigen per 1' / '000 inwoners' (two
numbers where CBS's unit says 'per 1 000'). The terminal's twin of :mod:`.nowrap`; where a
number's spaces are one rule with the pages', :data:`.format.NUMBER_SPACE`."""

from __future__ import annotations

import re
from collections.abc import Iterator

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group
from rich.measure import Measurement
from rich.padding import Padding
from rich.table import Table
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


def print_table(console: Console, table: Table) -> None:
    """Print ``table`` with no word cut or folded: Rich narrows a table too wide for the
    screen evenly, below its columns' longest words ('(2017, verouder' / 'd)', 'Ommelan' /
    'd', "'s-Hertog…" at 60 columns). Each column that must give keeps at least its longest
    word (:func:`fit_widths`), the frame's outer edge left off where that is enough; where
    even that does not fit, each row prints as a record of
    its own, one line per cell under the row's first cell ('Laatste  52,6 (2023)'):
    :func:`stacked`."""
    if fit_widths(console, table):
        console.print(table)
        return
    edge, table.show_edge = table.show_edge, False  # two columns more without the frame
    if edge and fit_widths(console, table):
        console.print(table)
    else:
        console.print(stacked(table))


def fit_widths(console: Console, table: Table) -> bool:
    """Set the widths of ``table``'s columns so that it fits ``console`` with every column
    at least as wide as its longest word (header included), the columns with the most room
    to spare narrowed first; False (nothing set) where the longest words alone are wider."""
    options = console.options
    room = options.max_width - table._extra_width  # noqa: SLF001 - Rich's box and edges
    ranges = [table._measure_column(console, options, c)  # noqa: SLF001 - with padding
              for c in table.columns]
    widths = [r.maximum for r in ranges]
    if sum(widths) <= room:
        return True
    lows = [r.minimum for r in ranges]
    if sum(lows) > room:
        return False
    while sum(widths) > room:  # one cell at a time from the column with most to spare
        spare = [w - low for w, low in zip(widths, lows, strict=True)]
        widths[spare.index(max(spare))] -= 1
    for i, (column, width) in enumerate(zip(table.columns, widths, strict=True)):
        column.width = width - table._get_padding_width(i)  # noqa: SLF001 - its padding
    return True


def stacked(table: Table) -> Group:
    """``table``'s rows as records, for a screen too narrow for its columns: each row's
    first cell on a line of its own, then, indented, a line per other cell that is not
    empty: its column's header (in bold), then the cell, wrapped between words beside it;
    a blank line between records. A row with only a first cell (a heading) stays a line."""
    columns = table.columns
    rows = list(zip(*(list(c.cells) for c in columns), strict=True))
    parts: list = []
    for row in rows:
        first, rest = row[0], row[1:]
        filled = [(c.header, cell) for c, cell in zip(columns[1:], rest, strict=True)
                  if _filled(cell)]
        if not filled:  # a heading row, or an empty one between groups
            parts.append(first if _filled(first) else "")
            continue
        if parts and parts[-1] != "":
            parts.append("")  # a blank line between records
        if _filled(first):
            parts.append(first)
        grid = Table.grid(padding=(0, 2))
        grid.add_column(no_wrap=True, style="bold")
        grid.add_column()
        for header, cell in filled:
            grid.add_row(header, cell)
        parts.append(Padding(grid, (0, 0, 0, 2), expand=False))  # under the first cell
    if table.caption:
        parts.append(Text(str(table.caption), style="dim"))
    return Group(*parts)


def _filled(cell: object) -> bool:
    """A cell with text (Rich leaves a row's missing cells as '')."""
    text = cell.text.plain if isinstance(cell, Wrapped) else (
        cell.plain if isinstance(cell, Text) else str(cell))
    return bool(text.strip())
