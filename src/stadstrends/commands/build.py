"""`stadstrends build` and `stadstrends docs`: the warehouse and the documents made from it."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from stadstrends import process
from stadstrends.commands.options import (
    DEFAULT_DB,
    DbOption,
    LangOption,
    console,
    err_console,
    number,
    said,
)


def build(
    snapshot: Annotated[Path | None, typer.Option(
        "--snapshot", help="Folder with a CBS snapshot (the CBS exports); "
        "without it, tables are fetched live from CBS OData.")] = None,
    db: DbOption = DEFAULT_DB,
    refresh: Annotated[bool, typer.Option(
        "--refresh", help="Ignore the download cache (live mode).")] = False,
    cache_dir: Annotated[Path | None, typer.Option(help="Download cache folder.")] = None,
    window: Annotated[int | None, typer.Option(
        min=3, max=30, metavar="N",
        help="Years in the trend window (default: the settings').")] = None,
    settings: Annotated[Path | None, typer.Option(
        "--settings", help="Build settings file (default: the packaged one: "
        "window, significance, quartiles, staleness, comparison sets).")] = None,
    force: Annotated[bool, typer.Option(
        "--force", help="Replace --db even when it is not a Stadstrends warehouse.")] = False,
    accept_losses: Annotated[bool, typer.Option(
        "--accept-losses", help="Swap in the new warehouse even when indicators lose values "
        "or sources become partial compared with the one it replaces.")] = False,
    unchecked_inputs: Annotated[bool, typer.Option(
        "--unchecked", help="Build from a snapshot without its register (SOURCES.md "
        "with the rows, regions and periods of each file), so its files are not checked "
        "for completeness; refused without this option. Recorded in build_info "
        "(inputs_unchecked); the reports and the site say the figures were not checked "
        "against the snapshot's counts.")] = False,
    allow_gaps: Annotated[bool, typer.Option(
        "--allow-gaps", help="Build and swap in the new warehouse even when data checks "
        "fail, any of them (a sum that does not add up, a table without the rows of a few "
        "municipalities, ...), exit 0; the checks are still printed and stored in its "
        "build_info. Without it a failed check keeps the previous warehouse.")] = False,
    memory_limit: Annotated[str, typer.Option(
        help="DuckDB memory limit of the build (e.g. 2GB); beyond it the build spills "
        "to --temp-dir.")] = "1GB",
    temp_dir: Annotated[Path | None, typer.Option(
        help="Folder for DuckDB's spill files (default: next to --db, removed after).")] = None,
    lang: LangOption = "nl",
) -> None:
    """Build the warehouse (ingest, regions, harmonisation, indicators, analysis).

    A failed data check keeps the previous warehouse (exit 1), unless --allow-gaps."""
    from stadstrends.commands.progress import step_progress
    from stadstrends.errors import ChecksFailed
    from stadstrends.ingest import ahead
    from stadstrends.ingest.sources import table_reader
    from stadstrends.paths import BUILD_DB, db_option, output_folder
    from stadstrends.settings import load_settings
    from stadstrends.warehouse.files import build_lock, check_target, held_lock_fds
    from stadstrends.warehouse.resources import BuildResources

    BUILD_DB.set(db_option(db))  # every hint to build again names this --db
    process.settle_imports()  # before the reading workers fork
    resources = BuildResources.from_options(memory_limit, temp_dir)
    chosen = load_settings(settings, window=window)
    check_target(db, force)
    with build_lock(db, nested=True):  # before any download: a second build fails at once
        if temp_dir is not None:
            output_folder(temp_dir, "--temp-dir", "spill")
        if cache_dir is not None and snapshot is None:  # a snapshot build reads no cache
            output_folder(cache_dir, "--cache-dir", "cbs-cache")
        reader, reference_dir, origin = table_reader(snapshot, cache_dir, refresh,
                                                     unchecked=unchecked_inputs)
        unchecked = snapshot is not None and not read_register(snapshot)
        try:
            if snapshot is not None:  # the region files read while the rest is imported
                ahead.start_early(_snapshot_regions(reference_dir), held_lock_fds())
            from stadstrends.warehouse.build import build_warehouse

            with step_progress("build", console, err_console) as step:  # as report: its name
                result = build_warehouse(
                    db, reader, reference_dir, origin=origin, progress=lambda label, done,
                    total: step(step_words(label, lang), done, total), settings=chosen,
                    force=force, accept_losses=accept_losses, resources=resources,
                    allow_gaps=allow_gaps, inputs_unchecked=unchecked)
        except ChecksFailed as refused:  # the rows, then the refusal (cli: its words)
            print_checks(refused.details, lang)
            raise
        finally:
            ahead.cancel_early()  # not taken by the ingest (a failure before it): stopped
    console.print(f"[green]{escape(said(lang, 'built'))}[/green] " + escape(said(
        lang, "built_summary", path=result.db_path, tables=number(result.tables, lang),
        observations=number(result.observations, lang),
        values=number(result.indicator_values, lang), year=result.reference_year,
        seconds=number(result.seconds, lang, 1))), soft_wrap=True, highlight=False)
    if unchecked:  # said after the build: a failed build's error comes alone
        note_register(snapshot, lang)
    note_renamed(result.db_path, lang)
    for lost in result.accepted_losses:
        err_console.print(f"[yellow]{escape(said(lang, 'accepted_loss'))}[/yellow] "
                          f"{escape(loss_words(lost, lang))}", highlight=False)
    print_gaps(result.checks_failed, lang)


def _snapshot_regions(snapshot: Path) -> partial:
    """The build's side work of a snapshot build, as :func:`~stadstrends.warehouse.build.
    build_warehouse` makes it (its default ``regions``): the one the workers forked early
    start, which the ingest then takes (:func:`~stadstrends.ingest.ahead.start_early`)."""
    from functools import partial

    from stadstrends.regions.reading import checked_regions, read_regions

    return partial(checked_regions, read_regions, snapshot)


def print_gaps(failed: list[dict], lang: str) -> None:
    """The failed data checks of a warehouse swapped in with ``--allow-gaps`` (`build`,
    `update`): their rows (:func:`print_checks`), then that it was installed anyway, on
    stderr; nothing when none failed."""
    print_checks(failed, lang)
    if failed:  # swapped in with --allow-gaps (else refused: ChecksFailed)
        err_console.print(escape(said(lang, "checks_failed")), highlight=False)


def print_checks(failed: list[dict], lang: str) -> None:
    """The failed data checks (``{check, rows}``), a line each with its first five rows
    worded (:func:`check_row`), on stderr."""
    for check in failed:
        rows = check["rows"]
        shown = "; ".join(check_row(r, lang) for r in rows[:5]) + (
            "; " + said(lang, "more_rows", n=number(len(rows), lang)) if len(rows) > 5 else "")
        err_console.print(f"[yellow]{escape(said(lang, 'check_failed'))}[/yellow] "
                          f"{escape(check_row({'': check['check']}, lang))}: "
                          f"{escape(shown)}", highlight=False)


def note_renamed(db: Path | str, lang: str) -> None:
    """Say which files of the build had columns of numbers without CBS's '_<number>' end,
    left unread as renamed measures (``sources.renamed_columns``), a line each on stderr."""
    import duckdb

    try:  # the warehouse just built (a test's stand-in build may have written none)
        with duckdb.connect(str(db), read_only=True) as con:
            rows = con.execute("SELECT location, renamed_columns FROM sources "
                               "WHERE coalesce(renamed_columns, '') <> '' ORDER BY location"
                               ).fetchall()
    except duckdb.Error:
        return
    for location, columns in rows:
        line = said(lang, "renamed_columns", file=location, columns=columns.replace(",", ", "))
        err_console.print(f"[yellow]{escape(line)}[/yellow]", highlight=False, soft_wrap=True)


def note_register(snapshot: Path, lang: str) -> None:
    """Say once that the snapshot's files were not checked against a register when it has
    none (no SOURCES.md, or no counts per file in it: :mod:`stadstrends.ingest.listing`)."""
    from stadstrends.ingest.listing import REGISTER, listing

    if listing(snapshot) is None:
        err_console.print(f"[yellow]{escape(said(lang, 'no_register', path=snapshot / REGISTER))}"
                          "[/yellow]", highlight=False, soft_wrap=True)


def read_register(snapshot: Path) -> bool:
    """Read the snapshot's register once, before the reading workers fork (they inherit it);
    whether it has one (SOURCES.md with counts per file: :mod:`stadstrends.ingest.listing`;
    without one the build says after it that the files were not checked against it)."""
    from stadstrends.ingest.listing import listing

    return listing(snapshot) is not None


def check_row(row: dict, lang: str) -> str:
    """A failed data check's row as ``name: value, ...`` in ``lang``: the column's name from
    ``check_columns`` of the language files (else the column), a number as ``lang`` writes it
    (14.002.314, not 14002314.0), yes/no for a truth value, a list's items joined by ' & ', '-'
    for none, a problem's code worded (``data_checks``); a row with one unnamed value is that value,
    worded."""
    from stadstrends.vocabulary import section

    names, columns = section(lang, "data_checks"), section(lang, "check_columns")
    yes_no = section(lang, "yes_no")
    parts = []
    for key, value in row.items():
        if isinstance(value, list):
            value = " & ".join(str(v) for v in value) or "-"
        if value is None:  # e.g. no municipality departs in the sum's direction
            value = "-"
        if isinstance(value, bool):
            value = yes_no["yes" if value else "no"]
        elif isinstance(value, int | float) and value == value and not key.endswith("year"):
            value = number(value, lang, next(  # a sum's float error is no decimal
                d for d in (0, 1, 2) if abs(round(value, d) - value) < 1e-6 or d == 2))
        value = names.get(value, value) if isinstance(value, str) else value
        parts.append(f"{columns.get(key, key)}: {value}" if key else str(value))
    return ", ".join(parts)


def step_words(label: str, lang: str) -> str:
    """A build step's label (a stage of :mod:`stadstrends.warehouse.build`, 'ingest 83648NED')
    in ``lang`` (``build_steps`` of the language files): 'inlezen 83648NED'."""
    from stadstrends.vocabulary import section

    steps = section(lang, "build_steps")
    head, _, rest = label.partition(" ")
    if label in steps:
        return steps[label]
    return f"{steps[head]} {rest}" if head in steps else label


def loss_words(lost: dict, lang: str) -> str:
    """A loss the build accepted (:func:`stadstrends.warehouse.guard.losses`) in ``lang``:
    'indicator population: 1.200 van 2.400 waarden kwijt'."""
    from stadstrends.warehouse.guard import loss_lines

    return loss_lines([lost], lang)[0]


def docs(
    out: Annotated[Path, typer.Option(help="Where to write the Markdown.")] = Path(
        "docs/indicators.md"),
    db: Annotated[Path | None, typer.Option(
        help="A built warehouse: also rewrite the blocks of docs/*.md generated from "
        "the data.")] = None,
    lang: LangOption = "nl",
) -> None:
    """Regenerate docs/indicators.md from the indicator catalogue (and, with --db, the
    statements in docs/ that come from the data)."""
    from stadstrends.indicators.catalogue import load_catalogue
    from stadstrends.indicators.docs import render_markdown
    from stadstrends.paths import output_file

    output_file(out, "--out")
    out.write_text(render_markdown(load_catalogue()), encoding="utf-8")
    _wrote(out, lang)
    if db is not None:
        from stadstrends.warehouse.facts import sync_docs
        from stadstrends.warehouse.files import open_warehouse

        with open_warehouse(db) as con:
            for path in sync_docs(con, out.parent):
                _wrote(path, lang)


def _wrote(path: Path, lang: str) -> None:
    """'Opgeslagen: docs/indicators.md' ('Wrote ...'), the first word green, as `report`."""
    console.print(f"[green]{escape(said(lang, 'wrote'))}[/green] {escape(str(path))}",
                  soft_wrap=True, highlight=False)
