"""The ``stadstrends`` command line."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import pandas as pd
import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from stadstrends import CREDIT
from stadstrends.errors import StadstrendsError

app = typer.Typer(
    help="Stadstrends: trend studies for Dutch municipalities from CBS data. " + CREDIT,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
console = Console()
err_console = Console(stderr=True)

DbOption = Annotated[Path, typer.Option("--db", help="Warehouse file (DuckDB).")]
DEFAULT_DB = Path("stadstrends.duckdb")


class Format(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


FormatOption = Annotated[Format, typer.Option("--format", help="Output format.")]


def print_frame(frame: pd.DataFrame, fmt: Format, title: str | None = None) -> None:
    """Print a result as a Rich table, CSV or JSON records."""
    for col in frame.columns:
        if frame[col].dtype.kind == "M":
            frame[col] = frame[col].dt.strftime("%Y-%m-%d")
    if fmt is Format.csv:
        sys.stdout.write(frame.to_csv(index=False))
    elif fmt is Format.json:
        sys.stdout.write(frame.to_json(orient="records", force_ascii=False, indent=2) + "\n")
    else:
        table = Table(title=title, caption=CREDIT)
        for col in frame.columns:
            table.add_column(str(col), justify="right" if frame[col].dtype.kind in "if" else "left")
        for row in frame.itertuples(index=False):
            table.add_row(*["" if pd.isna(v) else _fmt(v) for v in row])
        console.print(table)


def _fmt(value: object) -> str:
    if isinstance(value, float):
        return f"{value:,.0f}" if abs(value) >= 1000 else f"{value:,.2f}"
    return str(value)


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
) -> None:
    """Build the warehouse (ingest, regions, harmonisation, indicators, analysis)."""
    from stadstrends.ingest.sources import table_reader
    from stadstrends.warehouse.build import build_warehouse

    reader, reference_dir, origin = table_reader(snapshot, cache_dir, refresh)
    with Progress(TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn(),
                  console=err_console, transient=True) as bar:
        task = bar.add_task("build", total=1)

        def step(label: str, done: int, total: int) -> None:
            bar.update(task, description=label, completed=done, total=total)

        result = build_warehouse(db, reader, reference_dir, progress=step, origin=origin,
                                 window=window)
    console.print(
        f"[green]Built[/green] {result.db_path}: {result.tables} tables, "
        f"{result.observations:,} observations, {result.indicator_values:,} indicator values, "
        f"boundaries of {result.reference_year}, {result.seconds:.1f} s. {CREDIT}"
    )
    for failed in result.checks_failed:
        err_console.print(f"[yellow]check failed:[/yellow] {failed['message']}: {failed['rows']}")


@app.command()
def regions(
    query: Annotated[str | None, typer.Argument(help="Name, code or part of it.")] = None,
    level: Annotated[str | None, typer.Option(help="gemeente, corop, provincie or land")] = None,
    all_: Annotated[bool, typer.Option("--all", help="Include former municipalities.")] = False,
    db: DbOption = DEFAULT_DB,
    fmt: FormatOption = Format.table,
) -> None:
    """List or search regions."""
    from stadstrends.publish.queries import search_regions
    from stadstrends.warehouse.build import open_warehouse

    with open_warehouse(db) as con:
        frame = search_regions(con, query, level=level, include_former=all_)
    print_frame(frame, fmt, title="Regio's")


@app.command()
def show(
    city: Annotated[str, typer.Argument(help="Municipality or region: name, alias or code.")],
    indicator: Annotated[str, typer.Argument(help="Indicator id, e.g. population.")],
    db: DbOption = DEFAULT_DB,
    fmt: FormatOption = Format.table,
) -> None:
    """Print an indicator's series for a region, with its source."""
    from stadstrends.publish.queries import indicator_series
    from stadstrends.warehouse.build import open_warehouse

    with open_warehouse(db) as con:
        meta, frame = indicator_series(con, city, indicator)
    title = f"{meta['title_nl']} — {meta['region_name']} ({meta['region_code']}), {meta['unit']}"
    print_frame(frame, fmt, title=title)


@app.command()
def profile(
    city: Annotated[str, typer.Argument(help="Municipality: name, alias or code.")],
    db: DbOption = DEFAULT_DB,
    fmt: FormatOption = Format.table,
) -> None:
    """Print a city's profile: domains, the five opgaven with tweedeling, kies richting.

    json gives the whole profile, csv the city's signals."""
    from stadstrends.publish.profile import city_profile, city_signals, render_profile, to_json
    from stadstrends.warehouse.build import open_warehouse

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
    from stadstrends.warehouse.build import open_warehouse

    with open_warehouse(db) as con:
        frame = list_indicators(con, domain)
    print_frame(frame, fmt, title="Indicatoren")


@app.command()
def docs(
    out: Annotated[Path, typer.Option(help="Where to write the Markdown.")] = Path(
        "docs/indicators.md"),
) -> None:
    """Regenerate docs/indicators.md from the indicator catalogue."""
    from stadstrends.indicators.catalogue import load_catalogue
    from stadstrends.indicators.docs import render_markdown

    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render_markdown(load_catalogue()), encoding="utf-8")
    console.print(f"wrote {out}")


def _register_commands() -> None:
    """Import the modules whose commands register themselves on ``app``."""
    from stadstrends.commands import report, serve  # noqa: F401


_register_commands()


def main() -> None:
    """Entry point: run the CLI, turning Stadstrends errors into short messages."""
    try:
        app(standalone_mode=False)
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
