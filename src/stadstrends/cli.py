"""The ``stadstrends`` command line."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import pandas as pd
import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from stadstrends import CREDIT
from stadstrends.errors import InvalidParameter, StadstrendsError

app = typer.Typer(
    help="Stadstrends: trend studies for Dutch municipalities from CBS data. " + CREDIT,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
console = Console()
err_console = Console(stderr=True, soft_wrap=True)  # messages and hints unbroken

DbOption = Annotated[Path, typer.Option("--db", help="Warehouse file (DuckDB).")]
DEFAULT_DB = Path("stadstrends.duckdb")


class Format(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


FormatOption = Annotated[Format, typer.Option("--format", help="Output format.")]


class Lang(StrEnum):
    nl = "nl"
    en = "en"


LangOption = Annotated[Lang, typer.Option(
    "--lang", help="Language of titles and numbers in tables (nl: 1.234,5; en: 1,234.5); "
    "csv and json keep plain numbers.")]
YES_NO = {"nl": ("ja", "nee"), "en": ("yes", "no")}


def print_frame(frame: pd.DataFrame, fmt: Format, title: str | None = None,
                lang: str = "nl", headers: dict[str, str] | None = None) -> None:
    """Print a result as a Rich table (numbers formatted for ``lang``), CSV or JSON records."""
    for col in frame.columns:
        if frame[col].dtype.kind == "M":
            frame[col] = frame[col].dt.strftime("%Y-%m-%d")
    if fmt is Format.csv:
        sys.stdout.write(frame.to_csv(index=False))
    elif fmt is Format.json:
        sys.stdout.write(frame.to_json(orient="records", force_ascii=False, indent=2) + "\n")
    else:
        if title:  # above the table, unbroken (a narrow table would wrap it)
            console.print(title, style="italic", highlight=False, markup=False, soft_wrap=True)
        table = Table(caption=CREDIT)
        cells = []
        for col in frame.columns:
            numeric = frame[col].dtype.kind in "iuf"
            table.add_column((headers or {}).get(col, str(col)),
                             justify="right" if numeric else "left")
            cells.append(_cells(frame[col], lang))
        for row in zip(*cells, strict=True):
            table.add_row(*row)
        console.print(table)


def _cells(column: pd.Series, lang: str) -> list[str]:
    """A column's values as text: numbers with one number of decimals for the whole column
    (none when all are whole, else as :func:`auto_decimals` gives for the largest)."""
    from stadstrends.publish.format import auto_decimals, fmt_number

    if column.dtype.kind == "b":
        yes, no = YES_NO[lang]
        return [yes if v else no for v in column]
    if column.dtype.kind not in "iuf" or column.name == "year":
        return ["" if pd.isna(v) else str(v) for v in column]
    values = column.dropna().astype(float)
    whole = bool(((values % 1) == 0).all())
    decimals = 0 if whole or values.empty else auto_decimals(values.abs().max())
    return ["" if pd.isna(v) else fmt_number(float(v), decimals, lang) for v in column]


@app.command()
def build(
    snapshot: Annotated[Path | None, typer.Option(
        "--snapshot", help="Folder with a CBS snapshot (e.g. ../shared/data); "
        "without it, tables are fetched live from CBS OData.")] = None,
    db: DbOption = DEFAULT_DB,
    refresh: Annotated[bool, typer.Option(help="Ignore the download cache (live mode).")] = False,
    cache_dir: Annotated[Path | None, typer.Option(help="Download cache folder.")] = None,
    window: Annotated[int, typer.Option(min=3, max=30,
                                        help="Years in the trend window.")] = 8,
    force: Annotated[bool, typer.Option(
        "--force", help="Replace --db even when it is not a Stadstrends warehouse.")] = False,
    accept_losses: Annotated[bool, typer.Option(
        "--accept-losses", help="Swap in the new warehouse even when indicators lose values "
        "or sources become partial compared with the one it replaces.")] = False,
    allow_gaps: Annotated[bool, typer.Option(
        "--allow-gaps", help="Exit 0 even when data checks fail (they are still printed "
        "and stored in build_info.checks_failed).")] = False,
    memory_limit: Annotated[str, typer.Option(
        help="DuckDB memory limit of the build (e.g. 1GB); beyond it the build spills "
        "to --temp-dir.")] = "1GB",
    temp_dir: Annotated[Path | None, typer.Option(
        help="Folder for DuckDB's spill files (default: next to --db, removed after).")] = None,
) -> None:
    """Build the warehouse (ingest, regions, harmonisation, indicators, analysis).

    Exits with code 1 when a data check fails, unless --allow-gaps."""
    from stadstrends.commands.progress import step_progress
    from stadstrends.ingest.sources import table_reader
    from stadstrends.warehouse.build import build_warehouse
    from stadstrends.warehouse.files import build_lock, check_target
    from stadstrends.warehouse.resources import BuildResources

    resources = BuildResources.from_options(memory_limit, temp_dir)
    check_target(db, force)
    with build_lock(db, nested=True):  # before any download: a second build fails at once
        reader, reference_dir, origin = table_reader(snapshot, cache_dir, refresh)
        with step_progress("build", console, err_console) as step:
            result = build_warehouse(db, reader, reference_dir, progress=step, origin=origin,
                                     window=window, force=force, accept_losses=accept_losses,
                                     resources=resources)
    console.print(
        f"[green]Built[/green] {result.db_path}: {result.tables} tables, "
        f"{result.observations:,} observations, {result.indicator_values:,} indicator values, "
        f"boundaries of {result.reference_year}, {result.seconds:.1f} s. {CREDIT}",
        soft_wrap=True,
    )
    for lost in result.accepted_losses:
        err_console.print(f"[yellow]accepted loss:[/yellow] {lost['kind']} {lost['id']}: "
                          f"{lost['note']}", highlight=False)
    for failed in result.checks_failed:
        rows = failed["rows"]
        shown = "; ".join(str(r) for r in rows[:5]) + (f"; ... ({len(rows)} rows)"
                                                       if len(rows) > 5 else "")
        err_console.print(f"[yellow]check failed[/yellow] {failed['check']}: "
                          f"{escape(failed['message'])}: {escape(shown)}", highlight=False)
    if result.checks_failed and not allow_gaps:
        err_console.print("The warehouse was built; see build_info.checks_failed. "
                          "Pass --allow-gaps to accept these gaps (exit code 0).")
        raise typer.Exit(1)


@app.command()
def regions(
    query: Annotated[str | None, typer.Argument(help="Name, code or part of it.")] = None,
    level: Annotated[str | None, typer.Option(help="gemeente, corop, provincie or land")] = None,
    set_: Annotated[str | None, typer.Option(
        "--set", help="List the members of a region set: G40, G4, G32_2017, or a COROP or "
        "province code (CR17, PV27).")] = None,
    all_: Annotated[bool, typer.Option("--all", help="Include former municipalities.")] = False,
    db: DbOption = DEFAULT_DB,
    fmt: FormatOption = Format.table,
) -> None:
    """List or search regions, or list the members of a region set (a query such as G40
    that names a set lists its members too)."""
    from stadstrends.publish.queries import find_set, search_regions, set_members
    from stadstrends.warehouse.files import open_warehouse

    with open_warehouse(db) as con:
        if set_ is None and query and find_set(con, query) and not search_regions(
                con, query, level=level, include_former=all_, limit=1).size:
            set_, query = query, None
        if set_ is not None:
            if query:
                raise InvalidParameter("give a QUERY or --set SET (not both)",
                                       f"e.g. `stadstrends regions --set {set_}`")
            set_id, frame = set_members(con, set_)
            title = f"Regioset {set_id}: {len(frame)} regio's"
        else:
            frame = search_regions(con, query, level=level, include_former=all_)
            title = "Regio's"
    print_frame(frame, fmt, title=title)


@app.command()
def show(
    city: Annotated[str, typer.Argument(help="Municipality or region: name, alias or code.")],
    indicator: Annotated[str, typer.Argument(help="Indicator id, e.g. population.")],
    db: DbOption = DEFAULT_DB,
    fmt: FormatOption = Format.table,
    lang: LangOption = Lang.nl,
) -> None:
    """Print an indicator's series for a region, with its source."""
    from stadstrends.publish.queries import indicator_series
    from stadstrends.publish.sentences import unit_text
    from stadstrends.warehouse.files import open_warehouse

    with open_warehouse(db) as con:
        meta, frame = indicator_series(con, city, indicator)
    unit = unit_text(meta["unit"], lang.value) or meta["unit"]
    title = (f"{meta[f'title_{lang.value}']} — {meta['region_name']} ({meta['region_code']}), "
             f"{unit}")
    headers = SHOW_HEADERS_NL if lang is Lang.nl else None
    if meta.get("note"):
        err_console.print(escape(meta["note" if lang is Lang.nl else "note_en"]),
                          highlight=False)
    print_frame(frame, fmt, title=title, lang=lang.value, headers=headers)


SHOW_HEADERS_NL = {"year": "jaar", "value": "waarde", "source": "bron",
                   "provisional": "voorlopig"}


@app.command()
def profile(
    city: Annotated[str, typer.Argument(help="Municipality: name, alias or code.")],
    db: DbOption = DEFAULT_DB,
    fmt: FormatOption = Format.table,
) -> None:
    """Print a city's profile: domains, the five opgaven with tweedeling, kies richting.

    json gives the whole profile, csv the city's signals."""
    from stadstrends.publish.profile import city_profile, city_signals, render_profile, to_json
    from stadstrends.warehouse.files import open_warehouse

    with open_warehouse(db) as con:
        data = city_signals(con, city) if fmt is Format.csv else city_profile(con, city)
    if fmt is Format.csv:
        print_frame(data, fmt)
    elif fmt is Format.json:
        sys.stdout.write(to_json(data) + "\n")
    else:
        render_profile(data, console)


@app.command()
def indicators(
    domain: Annotated[str | None, typer.Option(help="Only this domain.")] = None,
    db: DbOption = DEFAULT_DB,
    fmt: FormatOption = Format.table,
) -> None:
    """List the indicator catalogue."""
    from stadstrends.publish.queries import list_indicators
    from stadstrends.warehouse.files import open_warehouse

    with open_warehouse(db) as con:
        frame = list_indicators(con, domain)
    print_frame(frame, fmt, title="Indicatoren")


@app.command()
def docs(
    out: Annotated[Path, typer.Option(help="Where to write the Markdown.")] = Path(
        "docs/indicators.md"),
    db: Annotated[Path | None, typer.Option(
        help="A built warehouse: also rewrite the blocks of docs/*.md generated from "
        "the data.")] = None,
) -> None:
    """Regenerate docs/indicators.md from the indicator catalogue (and, with --db, the
    statements in docs/ that come from the data)."""
    from stadstrends.indicators.catalogue import load_catalogue
    from stadstrends.indicators.docs import render_markdown

    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render_markdown(load_catalogue()), encoding="utf-8")
    console.print(f"wrote {out}")
    if db is not None:
        from stadstrends.warehouse.facts import sync_docs
        from stadstrends.warehouse.files import open_warehouse

        with open_warehouse(db) as con:
            for path in sync_docs(con, out.parent):
                console.print(f"wrote {path}")


def _register_commands() -> None:
    """Import the modules whose commands register themselves on ``app``."""
    from stadstrends.commands import report, serve, update  # noqa: F401


_register_commands()


def main() -> None:
    """Entry point: run the CLI, turning Stadstrends errors into short messages."""
    try:
        code = app(standalone_mode=False)  # a typer.Exit inside a command returns its code
    except StadstrendsError as exc:
        _report(exc)
        raise SystemExit(1) from None
    except typer.Exit as exc:
        raise SystemExit(exc.exit_code) from None
    except (typer.Abort, KeyboardInterrupt):
        err_console.print("[red]aborted[/red]")
        raise SystemExit(130) from None
    except Exception as exc:
        # usage errors from click (vendored by typer): print them the way click does
        if hasattr(exc, "show") and hasattr(exc, "exit_code"):
            exc.show()
            raise SystemExit(exc.exit_code) from None
        raise
    if isinstance(code, int) and code:
        raise SystemExit(code)


def _report(exc: StadstrendsError) -> None:
    err_console.print(f"[red]Error:[/red] {exc.message}", highlight=False)
    if exc.suggestions:
        err_console.print("Did you mean: " + ", ".join(exc.suggestions) + "?", highlight=False)
    if exc.hint:
        err_console.print(f"Hint: {exc.hint}", highlight=False)


if __name__ == "__main__":
    # run the imported module's main, so that commands registered on ``stadstrends.cli.app``
    # by other modules are there (``python -m stadstrends.cli`` runs this file as __main__)
    from stadstrends.cli import main as _main

    _main()
