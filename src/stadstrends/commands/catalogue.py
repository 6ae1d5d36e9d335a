"""The table of `stadstrends indicators`: the catalogue in words, readable at 80 columns.

The rows of :func:`~stadstrends.publish.queries.list_indicators` grouped by domain (its
name in the command's language, ``domains`` of the language files, with the code that
``--domain`` takes in brackets: 'Demografie (demography)'), one row per indicator in three
columns that wrap, never cut: the indicator (its id, title and unit), its direction
(``directions``: 'hoger is slechter') and its CBS tables (with the tables that make one
series and the break years, each named as the ``columns`` of the language files). The
longest unbreakable word, an id of 37 characters, sets the narrowest width: 3 columns fit
in 80. csv and json print the rows as they are, with codes (:func:`options.print_frame`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich import box
from rich.table import Table
from rich.text import Text

from stadstrends.commands.options import console, credit, said
from stadstrends.publish.nowrap_text import print_table

if TYPE_CHECKING:
    from stadstrends.publish.rows import Rows


def print_catalogue(rows: Rows, lang: str) -> None:
    """Print ``rows`` (the catalogue's: ``indicator_id``, ``domain``, ``title_nl``,
    ``title_en``, ``unit``, ``direction``, ``sources``, ``one_series``, ``breaks``) as the
    grouped table, in ``lang``."""
    from stadstrends.vocabulary import section

    console.print(said(lang, "indicators_title"), style="italic", highlight=False,
                  markup=False, soft_wrap=True)
    heads, domains = section(lang, "columns"), section(lang, "domains")
    table = Table(caption=credit(lang), box=box.SIMPLE_HEAD, show_edge=False)
    cells = [(_indicator(r, lang), _direction(r["direction"], lang), _sources(r, heads))
             for r in rows.records()]
    titles = {d: _heading(d, domains) for d in rows.column("domain")}
    whole = [*rows.column("indicator_id"), *titles.values()]  # never broken
    for head, width in zip(("indicator_id", "direction", "sources"),
                           _widths(cells, whole, console.width), strict=True):
        # never narrower than the header's words ('direction', not 'directi' / 'on')
        width = max(width, *(len(w) for w in heads[head].split()))
        table.add_column(heads[head], width=width, overflow="fold")
    last = None
    for row, cell in zip(rows.records(), cells, strict=True):
        if row["domain"] != last:
            if last is not None:
                table.add_row()
            last = row["domain"]
            table.add_row(Text(titles[last], style="bold"))
        table.add_row(*cell)
    print_table(console, table)  # a record per indicator where the three columns do not fit


#: the table's width beside its columns: a space either side of each of the three
SPACING = 8
#: the narrowest CBS-tables column that keeps 'doorlopende reeks: 82056NED,' on one line
SOURCES_MIN = 28


def _heading(domain: str, domains: dict[str, str]) -> str:
    """'Demografie (demography)': the domain's name and the code --domain takes."""
    name = domains.get(domain, domain)
    return name if name == domain else f"{name} ({domain})"


def _widths(cells: list[tuple], ids: list[str], room: int) -> tuple[int, int, int]:
    """The three columns' widths in ``room`` characters: the directions' longest phrase
    (else their longest word, where that leaves the sources too narrow); the indicator as
    wide as its longest line can be beside the sources' narrowest (never narrower than the
    longest of ``ids``: the ids and domain headings, kept whole); the sources the rest, at
    most as wide as their longest line."""
    def longest(texts: list[str]) -> int:
        return max((len(line) for t in texts for line in str(t).splitlines()), default=1)

    ind, dirs, srcs = (longest([c[i] for c in cells]) for i in range(3))
    room -= SPACING
    if ind + dirs + SOURCES_MIN > room:
        dirs = max(len(w) for c in cells for w in (c[1].split() or [""]))
    first = max(longest(ids), min(ind, room - dirs - SOURCES_MIN))
    return first, dirs, max(1, min(srcs, room - first - dirs))


def _indicator(row: dict, lang: str) -> Text:
    """The id (bold), the title in ``lang`` and the unit in words, one per line (no unit
    where the title ends in it: 'Geboorten per 1 000 inwoners')."""
    from stadstrends.publish.sentence_numbers import unit_text
    from stadstrends.vocabulary import localised

    title = localised(row, lang)[f"title_{lang}"]
    unit = unit_text(row["unit"], lang) or row["unit"]
    if title.endswith(unit):
        return Text.assemble((row["indicator_id"], "bold"), "\n", title)
    return Text.assemble((row["indicator_id"], "bold"), "\n", title, "\n", (unit, "dim"))


def _direction(code: str | None, lang: str) -> str:
    from stadstrends.vocabulary import section

    return section(lang, "directions").get(code, code) if code else ""


def _sources(row: dict, heads: dict[str, str]) -> str:
    """The CBS tables; then '<doorlopende reeks>: ...' and '<trendbreuken>: ...' when set."""
    lines = [row["sources"] or ""]
    lines += [f"{heads[k]}: {row[k]}" for k in ("one_series", "breaks") if row[k]]
    return "\n".join(lines)
