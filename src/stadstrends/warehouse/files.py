"""The warehouse file: what may be replaced, one build at a time, temp-file hygiene, and the
schema version every reader checks.

A build writes ``.<name>.building-<pid>`` next to the target and renames it over the target
at the end (see :mod:`stadstrends.warehouse.build`). This module decides whether the target
may be replaced at all (:func:`check_target`), serialises builds to the same file
(:func:`build_lock`, an ``flock`` on ``.<name>.lock``), removes temp files of builds that died
(:func:`clean_stale`), turns SIGTERM and Ctrl-C into a clean stop (:func:`sigterm_stops`) and
opens a warehouse for reading only when its schema is this version's (:func:`open_warehouse`).
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import signal
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from stadstrends.engine import duckdb
from stadstrends.errors import (
    BuildInterrupted,
    BuildLocked,
    WarehouseFileError,
    WarehouseMissing,
    WarehouseOutdated,
    is_damaged,
    open_failure,
    open_failure_key,
    os_reason,
    phrase,
    warehouse_read_error,
)
from stadstrends.opened import ON_OPEN
from stadstrends.paths import build_command

# Bump when tables or columns change so that an older warehouse cannot be read correctly.
# Recorded in build_info.schema_version; warehouses from before it count as version 0.
SCHEMA_VERSION = 50  # 2: table domains, indicators.projection, settings in build_info;
# 3: signals, kies_richting, opgave_summary keyed by set_id; benchmarks without group columns
# 4: reason codes (reason, reason_detail; ommeland_note), table labels
# 5: untested_series (why a series has no trend), series_jumps and jump_trends
# 6: set_benchmarks a view of set_distributions, set_positions and peer_benchmarks;
# jump_trends with the change after the jump (first_value .. direction_label)
# region_gap_trends.over_jump (a gap trend over a jump in the city's series)
# 7: indicators.decimals (the catalogue's printed decimals of each indicator)
# 8: coarse_counts, coarse_positions (CBS's coarse rounding: one rule for signals and report)
# 9: provisional_latest_years (the catalogue's provisional_latest: last years CBS marks
# provisional where the snapshot has no status), also in provisional_cells and the view
# 10: recomputed_raw, recomputed_cells (a published rate's count_fallback: values from counts)
# 11: indicators.used_tables (every table an indicator's figures come from: the report's
# source lists)
# 12: coarse_changes, coarse_trends (whether CBS's rounding could undo a change or a trend)
# 13: opgave_summary.n_divides, n_divides_widening, n_divides_narrowing (gaps of indicators
# with a direction) and tweedeling_verdict 'too few', 'no divides'; build_info.divide_min_gaps,
# divide_min_share
# 14: ommeland.ommeland_rounding (how far CBS's rounding can move an ommeland derived from its
# COROP figure); set_positions keyed by set_distributions.distribution_no; signal_rows without
# the indicator's domain, direction and projection (the views unchanged)
# 15: ommeland_steps; region_gap_trends.no_verdict (why a gap trend gives no verdict),
# city_distinct, step_member, step_previous_year, step_year
# 16: opgave_summary.tweedeling_way (which way a verdict 'gaps widen' / 'gaps narrow' goes for
# the city)
# 17: untested_gaps (why a city-ommeland gap has no gap trend, with its years); a figure <= 0
# before the trend window no longer drops a gap trend, a measure that can be negative gets none
# 18: indicators.current_prices (euro in current prices: a trend without a verdict)
# 19: untested_gaps.left_out and reason ommeland_members; region_gap_trends.ends_level
# 20: region_gap_trends.starts_level (movements left_level_ahead / left_level_behind)
# 21: indicator_results stores why a table leaves a municipality out in every year
# (never_in_table, not_in_copy): publish no longer derives it from observations
# 22: indicator_results stores a reason for every year of a series' span without a figure
# (omitted_by_catalogue, no_source_for_year, no_reason_recorded) and table unsourced_years (an
# indicator's years without a source table, or left out by the catalogue): publish no longer
# derives them (publish/year_reasons.py); never_in_table for a harmonised row of a table that
# never holds the municipality (Voorne aan Zee in 81877NED, was predecessor_missing)
# 23: series_humps (a series at another level for 1-3 years that returns: Deventer's jobs
# 2017-2018)
# 24: region_gap_trends.city_mean_count and no_verdict small_counts (a changing gap of a rate
# on fewer than 30 counts a year: analysis/gap_small.py)
# 25: series_steps (a series that moves to another level in one year of its tested years and
# stays there: Zutphen's jobs 2017, analysis/steps.py)
# 26: opgave_summary counts tested gap trends only (n_gap_trends, n_divides: as the report);
# n_gaps_untested, n_divides_untested (3-4 years, region_gap_trends.indicative) apart
# 27: trend_counts (the mean count a year behind a municipality's trend: 'op kleine
# aantallen'); build_info records the thresholds of humps, steps and small counts
# 28: rounded_counts (every rounded count); coarse_trends from every rounded figure, its
# s_worst exact, n_coarse renamed n_rounded
# 29: gap_rounding (a gap trend tested against CBS's rounding of the city's and the ommeland's
# figures) and region_gap_trends.no_verdict gap_rounding
# 30: series_parts (the parts and crosswalk weights behind a merged or split municipality's
# additive figure); rounded_counts' spreads count those parts and a rounded denominator
# 31: gap_spreads (how far CBS's rounding can move a gap's city and ommeland figures: the gap
# trends' rounding test and the signals' ommeland deviation read it)
# 32: published_rounding (the unit CBS publishes a figure it computes itself in: the report
# names it for a series with few distinct values)
# 33: kies_richting.base_count and base_unit (a share CBS computes from fewer than 100 cases,
# analysis/small_bases.py: the report's caveat); better_peers only beyond the figures' rounding
# 34: regions.name of current municipalities sharing a name carries the province: 'Bergen
# (Limburg)' (regions/history.py told_apart; the website's own disambiguation is gone)
# 35: small_bases (every municipal share's base under 100 cases, by year: report and website)
# 36: not used; 37: catalogue_parts.final (60039fvw's population counts final, not provisional)
# 38: indicators.year_offset (a stock on 31 December shown at the next year: payment arrears)
# 39: comparison_group_members.peer_rank (0 the municipality, 1..10 its peers nearest first)
# 40: indicator_results.reason never_in_table also for the years a table skips (one reason)
# 41: harmonised_cells (values the harmonisation summed from several codes or a part of one:
#     the '*' / 'omgerekend' mark, read from what was done to the value)
# 42: indicator_results.reason predecessors_never_in_table (a never_in_table year before the
#     municipality existed, reason_detail '<tables>:<codes>': its predecessors)
# 43: build_info.sum_spreads and build_info.national_includes_more (the settings of the one
#     sum check, counts_add_up; municipalities_add_up is gone)
# 44: trends.n_counts and count_unit (a ratio whose count CBS rounds: its distinct counts in
#     the tested years; under min_distinct_values not tested, as a count: Vaals's self-employed)
# 45: build_info.exact_sum_tables (tables counts_add_up checks exactly where unrounded)
# 46: region_cbs_means.reason (published_mean, region_incomplete, one_series: Nederland of a
#     table whose national figure counts more, CBS's in every year of the series)
# 47: printed_steps (the step a recalculated figure is printed to) and view printed_figures
#     (every municipal figure with its printed key: positions, rounding tests, ranking page)
# 48: jump_trends.n_distinct, n_counts and count_unit (the years after a jump: the trends' rule
#     for a ratio whose count CBS rounds to few values, trends.COUNT_STEPS_SQL)
# 49: region_gap_trends.mk_s, mk_p, tau, rel_gap_slope of ln(city / ommeland) turned to the
#     side the city ends on, not |ln ratio| (analysis/gap_crossings.py); gap_rounding too
# 50: catalogue_indicators.count_series (the catalogue's counts_from: the people another
#     indicator counts behind a published percentage; trend_counts has a row for it)
STADSTRENDS = "stadstrends"
_DUCKDB_MAGIC = b"DUCK"  # bytes 8-11 of every DuckDB database file
WRITE_ERRNOS = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EROFS, errno.EACCES, errno.EPERM}


def temp_path(db_path: Path, pid: int | None = None) -> Path:
    """The file a build by process ``pid`` writes before it is swapped in."""
    return db_path.with_name(f".{db_path.name}.building-{pid or os.getpid()}")


def lock_path(db_path: Path) -> Path:
    return db_path.with_name(f".{db_path.name}.lock")


def file_kind(path: Path) -> tuple[str, dict[str, Any]]:
    """What the file at ``path`` is: (:data:`STADSTRENDS`, {}) for a Stadstrends warehouse,
    else the key of its description (``errors.db_kind_<...>``: 'an empty file', 'a DuckDB
    file that cannot be opened ({reason})', ...) and its parameters (``reason``: why it
    cannot be read or opened, per language)."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(12)
    except OSError as exc:
        return "db_kind_unreadable", {"reason": os_reason(exc)}
    if not head:
        return "db_kind_empty", {}
    if head[8:12] != _DUCKDB_MAGIC:
        return "db_kind_not_duckdb", {}
    try:
        with duckdb.connect(str(path), read_only=True) as con:
            tables = {r[0] for r in con.execute(
                "SELECT table_name FROM information_schema.tables").fetchall()}
    except duckdb.Error as exc:
        return "db_kind_unopenable", {"reason": open_failure(exc)}
    if {"build_info", "indicator_values"} <= tables:
        return STADSTRENDS, {}
    return "db_kind_other_duckdb", {}


def warehouse_kind(path: Path) -> str:
    """``'stadstrends'`` for a Stadstrends warehouse, else the key of the file's description
    (:func:`file_kind`)."""
    return file_kind(path)[0]


def check_target(db_path: Path, force: bool = False) -> None:
    """Raise :class:`WarehouseFileError` when a build could not or should not write ``db_path``.

    Refused: a directory, a parent that cannot be created or written, and an existing file
    that is not a Stadstrends warehouse (unless ``force``)."""
    db_path = Path(db_path)
    if db_path.is_dir():
        raise WarehouseFileError.worded("db_is_folder", path=str(db_path),
                                        example=str(db_path / "stadstrends.duckdb"))
    parent = db_path.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WarehouseFileError.worded("db_folder_cannot_create", folder=str(parent),
                                        reason=os_reason(exc)) from None
    if not os.access(parent, os.W_OK | os.X_OK):
        raise WarehouseFileError.worded("db_folder_read_only", folder=str(parent))
    if db_path.exists() and not force:
        kind, params = file_kind(db_path)
        if kind != STADSTRENDS:
            raise WarehouseFileError.worded("db_not_ours", path=str(db_path),
                                            kind=phrase(kind, **params))


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


_OPEN_TO: dict[Path, int] = {}  # lock file -> thread whose nested build_lock may enter
_HELD: dict[Path, int] = {}  # lock file -> descriptor holding its flock


def held_lock_fds() -> list[int]:
    """File descriptors of the build locks this process holds: a forked helper process must
    close them, or the lock would outlive a killed build in the helper."""
    return list(_HELD.values())

@contextlib.contextmanager
def build_lock(db_path: Path, nested: bool = False) -> Iterator[None]:
    """Hold an exclusive lock on ``db_path`` for one build; a second build fails at once
    with :class:`BuildLocked` naming the process that holds it. The lock dies with its
    process (``flock``), so a killed build never leaves it stuck. ``nested``: the same
    thread's build inside may take it again (the command line locks before downloading,
    the build locks again); any other attempt, in this process too, fails."""
    path = lock_path(Path(db_path)).absolute()
    if _OPEN_TO.get(path) == threading.get_ident():
        yield
        return
    while True:
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise WarehouseFileError.worded("lock_file", path=str(path),
                                            reason=os_reason(exc)) from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.read(fd, 32).decode(errors="replace").strip() or "unknown"
            os.close(fd)
            raise BuildLocked.worded("build_locked", path=str(db_path), holder=holder) from None
        try:  # the file may have been removed by the previous holder: lock the current one
            same = os.fstat(fd).st_ino == os.stat(path).st_ino
        except FileNotFoundError:
            same = False
        if same:
            break
        os.close(fd)
    try:
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode())
        if nested:
            _OPEN_TO[path] = threading.get_ident()
        _HELD[path] = fd
        yield
    finally:
        _OPEN_TO.pop(path, None)
        _HELD.pop(path, None)
        with contextlib.suppress(OSError):
            path.unlink()
        os.close(fd)


def clean_stale(db_path: Path) -> list[Path]:
    """Remove temp files of builds whose process is gone (killed, crashed). Call it while
    holding :func:`build_lock`. Returns the removed files."""
    removed = []
    for stale in db_path.parent.glob(f".{db_path.name}.building-*"):
        pid = stale.name.rsplit("-", 1)[-1].removesuffix(".wal")
        if pid.isdigit() and int(pid) != os.getpid() and _pid_alive(int(pid)):
            continue
        with contextlib.suppress(FileNotFoundError):
            stale.unlink()
            removed.append(stale)
    return removed


@contextlib.contextmanager
def sigterm_stops() -> Iterator[None]:
    """While building, SIGTERM raises :class:`BuildInterrupted` and SIGINT (Ctrl-C)
    :class:`KeyboardInterrupt` (the command line: 'afgebroken', exit 130), so the build's
    cleanup runs (temp files removed, previous warehouse untouched). Only in the main
    thread. A signal that arrives while DuckDB runs a statement comes out of it as DuckDB's
    own error ('Query interrupted'): after a signal, whatever error ends the block is
    reported as what the first signal stands for. Later signals only wait for the cleanup."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    received: list[int] = []

    def interrupted() -> BaseException:
        if received[0] == signal.SIGINT:
            return KeyboardInterrupt()
        return BuildInterrupted.worded("build_interrupted")

    def stop(signum: int, frame: object) -> None:
        received.append(signum)
        if len(received) == 1:  # a second Ctrl-C must not break off the cleanup
            raise interrupted()

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        yield
    except BaseException as exc:
        if received and type(exc) is not type(interrupted()):
            raise interrupted() from exc
        raise
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def write_error(db_path: Path, exc: BaseException) -> WarehouseFileError | None:
    """A clear error for a failed write (disk full, file too large, read-only), or ``None``
    when ``exc`` is not a write failure."""
    if isinstance(exc, duckdb.IOException) or (
            isinstance(exc, OSError) and exc.errno in WRITE_ERRNOS):
        reason = os_reason(exc) if isinstance(exc, OSError) else \
            str(exc).splitlines()[0][:200]
        return WarehouseFileError.worded("db_write_failed", path=str(db_path),
                                         folder=str(db_path.parent), reason=reason)
    return None


def schema_version(con: duckdb.DuckDBPyConnection) -> int | None:
    """The schema version recorded in build_info (0 before it was recorded), ``None`` when the
    file has no build_info (not a Stadstrends warehouse)."""
    try:  # one query for a current warehouse (the catalogue lookups cost 7 ms per command)
        row = con.execute("SELECT max(schema_version) FROM build_info").fetchone()
        return int(row[0] or 0)
    except duckdb.Error:  # no such table or column: an older warehouse, or none
        pass
    cols = {r[0] for r in con.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = 'build_info'"
    ).fetchall()}
    if not cols:
        return None
    if "schema_version" not in cols:
        return 0
    row = con.execute("SELECT max(schema_version) FROM build_info").fetchone()
    return int(row[0] or 0)


def check_schema(con: duckdb.DuckDBPyConnection, db_path: Path) -> None:
    """Raise :class:`WarehouseOutdated` unless the warehouse has this version's schema."""
    version = schema_version(con)
    words = {"path": str(db_path), "build": build_command(db_path)}
    if version is None:
        raise WarehouseOutdated.worded("not_a_warehouse", **words)
    if version < SCHEMA_VERSION:
        raise WarehouseOutdated.worded("warehouse_outdated", version=version,
                                       wanted=SCHEMA_VERSION, **words)


_OPENED: list[Path] = []  # the warehouse this process last opened to read


def failed_checks(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The codes of the data checks the warehouse's build failed, in the order run."""
    import json

    row = con.execute("SELECT checks_failed FROM build_info LIMIT 1").fetchone()
    return [failed["check"] for failed in json.loads(row[0] or "[]")] if row else []


def last_opened() -> Path | None:
    """The warehouse file :func:`open_warehouse` last opened in this process (None: none),
    which a ``duckdb.Error`` reaching the command line was met reading."""
    return _OPENED[-1] if _OPENED else None


def _is_duckdb_file(path: Path) -> bool:
    """Whether ``path`` starts as a DuckDB database file does (``DUCK`` at byte 8)."""
    try:
        with path.open("rb") as f:
            return f.read(12)[8:12] == b"DUCK"
    except OSError:
        return True  # unreadable: said as DuckDB says it


def open_warehouse(db_path: Path) -> duckdb.DuckDBPyConnection:
    """Open a built warehouse read-only after checking its schema, or explain what to do."""
    db_path = Path(db_path)
    _OPENED[:] = [db_path]
    if not db_path.exists():
        raise WarehouseMissing.worded("no_warehouse", path=str(db_path),
                                      build=build_command(db_path))
    if db_path.is_dir():
        raise WarehouseMissing.worded("warehouse_is_folder", path=str(db_path))
    try:
        con = duckdb.connect(str(db_path), read_only=True)
    except duckdb.Error as exc:
        if is_damaged(exc):  # a damaged block: as when met later
            raise warehouse_read_error(exc, db_path) from None
        if not _is_duckdb_file(db_path):  # README.md: no rebuild over it
            raise WarehouseMissing.worded("not_a_duckdb_file", path=str(db_path)) from None
        locked = open_failure_key(exc)[0].startswith("duckdb_locked")  # no rebuild: wait
        raise WarehouseMissing.worded("warehouse_locked" if locked else "warehouse_unreadable",
                                      path=str(db_path), reason=open_failure(exc),
                                      build=build_command(db_path)) from None
    try:
        check_schema(con, db_path)
    except duckdb.Error as exc:
        con.close()
        raise warehouse_read_error(exc, db_path) from None
    except BaseException:
        con.close()
        raise
    if ON_OPEN:
        failed = failed_checks(con)
        for callback in ON_OPEN:
            callback(db_path, failed)
    return con
