"""`stadstrends update` and `stadstrends changes`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape

from stadstrends.commands.options import (
    DEFAULT_DB,
    DbOption,
    Format,
    FormatOption,
    LangOption,
    console,
    number,
    print_frame,
    said,
)

if TYPE_CHECKING:  # duckdb and pandas load when a command runs, not for every command
    import duckdb
    import pandas as pd


def update(
    db: DbOption = DEFAULT_DB,
    cache_dir: Annotated[Path | None, typer.Option(help="Download cache folder.")] = None,
    allow_gaps: Annotated[bool, typer.Option(
        "--allow-gaps", help="Swap in the rebuilt warehouse even when data checks fail, any "
        "of them (as `build --allow-gaps`); without it a failed check keeps the warehouse "
        "as it was.")] = False,
    lang: LangOption = "nl",
) -> None:
    """Check CBS for new figures; refetch only changed tables, rebuild, store what changed."""
    from stadstrends.commands.build import note_renamed, print_checks, print_gaps
    from stadstrends.errors import ChecksFailed
    from stadstrends.paths import BUILD_DB, db_option, output_folder
    from stadstrends.warehouse.update import update_warehouse

    BUILD_DB.set(db_option(db))  # every hint to build again names this --db
    if cache_dir is not None:
        output_folder(cache_dir, "--cache-dir", "cbs-cache")
    try:
        result = update_warehouse(db, cache_dir, allow_gaps=allow_gaps)
    except ChecksFailed as refused:  # the rows, then the refusal (cli: its words)
        print_checks(refused.details, lang)
        raise
    for check in result.checks:
        mark = (f"[yellow]{said(lang, 'table_changed')}[/yellow]" if check.changed
                else said(lang, "table_unchanged"))
        console.print(f"{check.table_id} (OData {check.api}): {mark} "
                      f"{check.cached or '-'} -> {check.current or '-'}", highlight=False)
    if not result.rebuilt:
        console.print(said(lang, "up_to_date", db=db), highlight=False, markup=False,
                      soft_wrap=True)
        return
    from stadstrends.vocabulary import section

    kinds = section(lang, "change_kinds")
    counts = ", ".join(f"{number(n, lang)} {kinds.get(kind, kind)}"
                       for kind, n in sorted(result.counts.items())) or said(lang, "none")
    console.print(f"[green]{escape(said(lang, 'updated'))}[/green] " + escape(said(
        lang, "updated_summary", db=db, since=result.since, counts=counts)), highlight=False,
        soft_wrap=True)
    note_renamed(db, lang)  # files with a renamed measure, not read: as `build` says
    print_gaps(result.checks_failed, lang)  # swapped in with --allow-gaps, as `build` says


def change_set(con: duckdb.DuckDBPyConnection, region_code: str | None = None
               ) -> tuple[str | None, pd.DataFrame]:
    """``(since, changes)`` of the last update (``since`` None when there was none)."""
    tables = {r[0] for r in con.execute(
        "SELECT table_name FROM information_schema.tables").fetchall()}
    if "changes" not in tables:
        import pandas as pd

        return None, pd.DataFrame()
    since = con.execute("SELECT since FROM change_info").fetchone()[0]
    where = "WHERE region_code = ?" if region_code else ""
    frame = con.execute(f"""
        SELECT kind, region_code, indicator_id, year, old_value, new_value, old_provisional,
               new_provisional, signal_kind, valence
        FROM changes {where} ORDER BY region_code, indicator_id, year, kind""",
        [region_code] if region_code else []).df()
    return since, frame


def changes(
    city: Annotated[str | None, typer.Argument(help="Municipality or region (all if left out).")
                    ] = None,
    db: DbOption = DEFAULT_DB,
    fmt: FormatOption = Format.table,
    lang: LangOption = "nl",
) -> None:
    """What the last `stadstrends update` changed: new years, revised values, signals."""
    from stadstrends.publish.queries import resolve_region
    from stadstrends.warehouse.files import open_warehouse

    with open_warehouse(db) as con:
        code = resolve_region(con, city)["region_code"] if city else None
        since, frame = change_set(con, code)
        units = dict(con.execute("SELECT indicator_id, unit FROM indicators").fetchall())
    if since is None:
        console.print(said(lang, "no_update_yet"), highlight=False, markup=False,
                      soft_wrap=True)
        return
    title = said(lang, "changes_title", day=str(since)[:10]) + (f" — {city}" if city else "")
    if frame.empty:
        console.print(said(lang, "nothing_changed", title=title), highlight=False,
                      markup=False, soft_wrap=True)
        return
    if fmt is not Format.table:  # values as every data output gives them (as_data)
        from stadstrends.publish.harmonised import frame_as_data

        frame = frame_as_data(frame, frame["indicator_id"].map(units), fmt is Format.csv)
    print_frame(frame, fmt, title=title, lang=lang)
