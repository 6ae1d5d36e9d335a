"""`stadstrends build` and `stadstrends docs`: the warehouse and the documents made from it."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from stadstrends import CREDIT, process
from stadstrends.commands.options import DEFAULT_DB, DbOption, console, err_console


def build(
    snapshot: Annotated[Path | None, typer.Option(
        "--snapshot", help="Folder with a CBS snapshot (the CBS exports); "
        "without it, tables are fetched live from CBS OData.")] = None,
    db: DbOption = DEFAULT_DB,
    refresh: Annotated[bool, typer.Option(help="Ignore the download cache (live mode).")] = False,
    cache_dir: Annotated[Path | None, typer.Option(help="Download cache folder.")] = None,
    window: Annotated[int | None, typer.Option(
        min=3, max=30, help="Years in the trend window (default: the settings').")] = None,
    settings: Annotated[Path | None, typer.Option(
        "--settings", help="Build settings file (default: the packaged settings.yaml: "
        "window, significance, quartiles, staleness, comparison sets).")] = None,
    force: Annotated[bool, typer.Option(
        "--force", help="Replace --db even when it is not a Stadstrends warehouse.")] = False,
    accept_losses: Annotated[bool, typer.Option(
        "--accept-losses", help="Swap in the new warehouse even when indicators lose values "
        "or sources become partial compared with the one it replaces.")] = False,
    allow_gaps: Annotated[bool, typer.Option(
        "--allow-gaps", help="Exit 0 even when data checks fail (they are still printed "
        "and stored in build_info.checks_failed).")] = False,
    memory_limit: Annotated[str, typer.Option(
        help="DuckDB memory limit of the build (e.g. 2GB); beyond it the build spills "
        "to --temp-dir.")] = "1GB",
    temp_dir: Annotated[Path | None, typer.Option(
        help="Folder for DuckDB's spill files (default: next to --db, removed after).")] = None,
) -> None:
    """Build the warehouse (ingest, regions, harmonisation, indicators, analysis).

    Exits with code 1 when a data check fails, unless --allow-gaps."""
    from stadstrends.commands.progress import step_progress
    from stadstrends.ingest.sources import table_reader
    from stadstrends.paths import output_folder
    from stadstrends.settings import load_settings
    from stadstrends.warehouse.build import build_warehouse
    from stadstrends.warehouse.files import build_lock, check_target
    from stadstrends.warehouse.resources import BuildResources

    process.settle_imports()  # before the reading workers fork
    resources = BuildResources.from_options(memory_limit, temp_dir)
    chosen = load_settings(settings, window=window)
    check_target(db, force)
    with build_lock(db, nested=True):  # before any download: a second build fails at once
        if temp_dir is not None:
            output_folder(temp_dir, "--temp-dir", "spill")
        if cache_dir is not None and snapshot is None:  # a snapshot build reads no cache
            output_folder(cache_dir, "--cache-dir", "cbs-cache")
        reader, reference_dir, origin = table_reader(snapshot, cache_dir, refresh)
        with step_progress("build", console, err_console) as step:
            result = build_warehouse(db, reader, reference_dir, progress=step, origin=origin,
                                     settings=chosen, force=force, accept_losses=accept_losses,
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
    from stadstrends.paths import output_file

    output_file(out, "--out")
    out.write_text(render_markdown(load_catalogue()), encoding="utf-8")
    console.print(f"wrote {out}")
    if db is not None:
        from stadstrends.warehouse.facts import sync_docs
        from stadstrends.warehouse.files import open_warehouse

        with open_warehouse(db) as con:
            for path in sync_docs(con, out.parent):
                console.print(f"wrote {path}")
