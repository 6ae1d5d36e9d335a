"""The `stadstrends report` command."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from stadstrends.commands.options import DEFAULT_DB, DbOption, Lang, console, err_console
from stadstrends.errors import InvalidParameter


class ReportFormat(StrEnum):
    html = "html"
    pdf = "pdf"
    both = "both"


def report(
    city: Annotated[str | None, typer.Argument(
        help="City of the city set (settings): name, alias or code "
        "(e.g. Zwolle, 'Den Bosch', GM0193).")] = None,
    set_: Annotated[str | None, typer.Option(
        "--set", help="All cities of a set (the city set or one within it) plus an "
        "overview document.")] = None,
    lang: Annotated[Lang, typer.Option("--lang", help="Report language.")] = Lang.nl,
    fmt: Annotated[ReportFormat, typer.Option(
        "--format", help="html (interactive), pdf (A4) or both.")] = ReportFormat.html,
    out: Annotated[Path, typer.Option("--out", help="Output folder.")] = Path("reports"),
    db: DbOption = DEFAULT_DB,
    workers: Annotated[int, typer.Option(
        min=0, max=16, help="Processes for --set (0: the number of cores).")] = 0,
) -> None:
    """Write a city's trend study (HTML and/or PDF), or those of a whole set."""
    from stadstrends.commands.progress import step_progress

    if (city is None) == (set_ is None):
        raise InvalidParameter("give a CITY or --set SET (not both)",
                               "e.g. `stadstrends report Zwolle` or `stadstrends report --set G40`")
    if set_ is not None:
        from stadstrends.publish.report.batch import write_set

        with step_progress(f"report {set_}", console, err_console, transient=False) as step:
            result = write_set(db, set_.upper(), out,
                               lang.value, fmt.value, workers or None, progress=step)
        console.print(f"[green]Wrote[/green] {result['cities']} city reports and the overview "
                      f"to {out}/ in {result['seconds']:.1f} s. Bron: CBS")
        return
    from stadstrends.publish.report.builder import open_db, write_city

    with open_db(db) as con:
        done = write_city(con, city, out, lang.value, fmt.value)
    for path in done.paths:
        console.print(f"[green]Wrote[/green] {path}")
    console.print(f"{done.name} ({done.code}) in {done.seconds['total']:.2f} s. Bron: CBS")
