"""The `stadstrends report` command."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from stadstrends.commands.options import (
    DEFAULT_DB,
    DbOption,
    console,
    err_console,
    language,
)
from stadstrends.commands.usage import UsageError
from stadstrends.errors import StadstrendsError
from stadstrends.paths import output_folder


def _sets():  # noqa: ANN202 - BuildSettings, imported only for an error's example
    """The build settings, whose region sets the examples of a hint name."""
    from stadstrends.settings import default_settings

    return default_settings()


def _credit(lang: str) -> str:
    """'Bron: CBS (CC BY 4.0)' in the report's language ('Source: CBS (CC BY 4.0)'), as the
    other commands' last lines."""
    from stadstrends.commands.options import credit

    return credit(lang)


def _said(lang: str, key: str, **params: object) -> str:
    """A line of the command in its language (``report_command.<key>`` of the language
    files; English where a file lacks it), ``seconds`` formatted for it ('3,21' in Dutch)
    and the credit filled in: 'Zwolle (GM0193) klaar in 3,21 s. Bron: CBS'."""
    from stadstrends.publish.format import fmt_number
    from stadstrends.vocabulary import word

    if "seconds" in params:
        seconds, places = params["seconds"]
        params["seconds"] = fmt_number(seconds, places, lang)
    return word(lang, "report_command", key, credit=_credit(lang), **params)


def _wrote(path: Path, lang: str) -> None:
    """'Opgeslagen: reports/zwolle.nl.html' ('Wrote ...'), the first word green."""
    from rich.markup import escape

    console.print(f"[green]{escape(_said(lang, 'wrote'))}[/green] {escape(str(path))}",
                  soft_wrap=True)  # a path unbroken


def _reports(n: int, lang: str) -> str:
    """'5 rapporten', '1 rapport'."""
    return _said(lang, "reports_one" if n == 1 else "reports", n=n)


class ReportFormat(StrEnum):
    html = "html"
    pdf = "pdf"
    both = "both"


def report(
    city: Annotated[str | None, typer.Argument(
        help="Municipality: name, alias or code (e.g. Zeist, 'Den Bosch', GM0355).")] = None,
    vergelijk: Annotated[str | None, typer.Option(
        "--vergelijk", help="Compare within this group: an id (GK5, ST2, TY3, PEERS, NL01, "
        "a named set) or the province or COROP code naming one (PV26, "
        "CR17); default: the municipality's default group (its named "
        "set, else its size class, of at least 6 members, or a larger set it is compared "
        "with as an outsider).")] = None,
    set_: Annotated[str | None, typer.Option(
        "--set", help="Every municipality of a comparison group, compared within it, plus "
        "an overview document (e.g. GK5, PV26 or a named set).")] = None,
    all_: Annotated[bool, typer.Option(
        "--all", help="Every municipality, each within its default group.")] = False,
    overview: Annotated[bool, typer.Option(
        "--overview", help="With --set: only the group's overview, linking to the members' "
        "reports already in --out (written by --set or --all).")] = False,
    lang: Annotated[str, typer.Option("--lang", callback=language, help=(
        "Report language: nl, en or any language with a file in the package's locale "
        "folder; also of what the command prints."))] = "nl",
    fmt: Annotated[ReportFormat, typer.Option(
        "--format", metavar="FORMAT",
        help="html (interactive), pdf (A4) or both.")] = ReportFormat.html,
    out: Annotated[Path, typer.Option("--out", help="Output folder.")] = Path("reports"),
    db: DbOption = DEFAULT_DB,
    workers: Annotated[int, typer.Option(
        min=0, max=16, metavar="N",
        help="Processes for --set and --all (0: the number of cores).")] = 0,
) -> None:
    """Write a municipality's trend study (HTML and/or PDF), or those of a whole group.

    What it prints is in the report's language (--lang), as its errors."""
    from stadstrends.commands.progress import step_progress

    # arguments that do not go together: a command line that cannot be read (exit 2)
    if overview and set_ is None:
        raise UsageError.worded("overview_needs_set", example=_sets().featured_set)
    if sum((city is not None, set_ is not None, all_)) != 1:
        raise UsageError.worded("report_target", example=_sets().city_set)
    if vergelijk is not None and city is None:
        raise UsageError.worded("vergelijk_needs_city")
    # before any work (minutes for --set or --all), but nothing made: the writers make the
    # folder once the municipality, group and warehouse are known good
    output_folder(out, "--out", create=False)
    if overview:
        from stadstrends.publish.report.batch import write_set_overview

        done = write_set_overview(db, set_.strip().upper(), out, lang, fmt.value)
        for path in done["paths"]:
            _wrote(path, lang)
        console.print(_said(lang, "overview_done", n=done["cities"], linked=done["linked"],
                            out=out, seconds=(done["seconds"], 2)),
                      markup=False, highlight=False, soft_wrap=True)
        return
    if set_ is not None or all_:
        from stadstrends.publish.report.batch import write_set

        group = set_.strip().upper() if set_ is not None else None
        with step_progress(f"report {group or 'all'}", console, err_console,
                           transient=False) as step:
            result = write_set(db, group, out, lang, fmt.value, workers or None,
                               progress=step)
        console.print(_said(lang, "set_done" if group else "all_done",
                            reports=_reports(result["cities"], lang), out=out,
                            seconds=(result["seconds"], 1)),
                      markup=False, highlight=False, soft_wrap=True)
        failed = result["failed"]
        if failed:
            for f in failed:
                err_console.print(_said(lang, "failed", name=f["name"], code=f["code"],
                                        error=f["error"]),
                                  markup=False, highlight=False, soft_wrap=True)
            raise StadstrendsError.worded(
                "reports_failed", failed=len(failed), total=len(failed) + result["cities"],
                names=", ".join(f["name"] for f in failed[:5]) + (
                    ", ..." if len(failed) > 5 else ""))
        return
    if fmt is not ReportFormat.html:
        from stadstrends.publish.report.pdf_engine import start_process

        start_process()  # WeasyPrint starts on another core while the report's data are read
    from stadstrends.publish.report.builder import open_db, write_city
    from stadstrends.publish.report.pdf_engine import stop_process

    try:
        with open_db(db) as con:
            done = write_city(con, city, out, lang, fmt.value, group=vergelijk)
    finally:
        stop_process(wait=False)  # the engine serves this command only
    for path in done.paths:
        _wrote(path, lang)
    for note in done.notes:  # a damaged boundary file: the report without its map
        err_console.print(_said(lang, "note", name=done.name, note=note), markup=False,
                          highlight=False, soft_wrap=True)
    console.print(_said(lang, "done", name=done.name, code=done.code,
                        seconds=(done.seconds["total"], 2)),
                  markup=False, highlight=False, soft_wrap=True)
