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
from stadstrends.warehouse.schema import SCHEMA_VERSION  # its history there

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
def sigterm_stops(db_path: Path | None = None) -> Iterator[None]:
    """While building, SIGTERM raises :class:`BuildInterrupted` and SIGINT (Ctrl-C)
    :class:`KeyboardInterrupt` (the command line: 'afgebroken', exit 130), so the build's
    cleanup runs (temp files removed, previous warehouse untouched). Only in the main
    thread. A signal that arrives while DuckDB runs a statement comes out of it as DuckDB's
    own error ('Query interrupted'): after a signal, whatever error ends the block is
    reported as what the first signal stands for. Later signals only wait for the cleanup.
    The message says the previous warehouse at ``db_path`` is unchanged only when there is
    one (:func:`unchanged_key`)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    received: list[int] = []

    def interrupted() -> BaseException:
        if received[0] == signal.SIGINT:
            return KeyboardInterrupt()
        return BuildInterrupted.worded(unchanged_key("build_interrupted", db_path))

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


def unchanged_key(key: str, db_path: Path | None) -> str:
    """``key``, or ``<key>_first`` when no warehouse exists at ``db_path`` yet: a stopped or
    failed first build must not say 'the previous warehouse is unchanged' (h53g)."""
    return key if db_path is None or db_path.exists() else f"{key}_first"


#: DuckDB's words for a statement whose commit could not write the file (its transaction
#: error, not an IOException: 'Failed to commit: Could not write file "...": File too large';
#: a file size limit met in the analysis' chains, one DuckDB thread per statement)
COMMIT_WRITE = "Failed to commit: "


def write_error(db_path: Path, exc: BaseException) -> WarehouseFileError | None:
    """A clear error for a failed write (disk full, file too large, read-only), or ``None``
    when ``exc`` is not a write failure."""
    committed = isinstance(exc, duckdb.TransactionException) and COMMIT_WRITE in str(exc)
    if committed or isinstance(exc, duckdb.IOException) or (
            isinstance(exc, OSError) and exc.errno in WRITE_ERRNOS):
        reason = os_reason(exc) if isinstance(exc, OSError) else \
            str(exc).splitlines()[0].partition(COMMIT_WRITE)[2 if committed else 0][:200]
        return WarehouseFileError.worded(unchanged_key("db_write_failed", db_path),
                                         path=str(db_path),
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
    """Raise :class:`WarehouseOutdated` unless the warehouse has this version's schema: an
    older one, or a newer one (built by a later Stadstrends, whose tables this version may
    misread: a renamed column fell back to other words without an error)."""
    version = schema_version(con)
    words = {"path": str(db_path), "build": build_command(db_path)}
    if version is None:
        raise WarehouseOutdated.worded("not_a_warehouse", **words)
    if version != SCHEMA_VERSION:
        key = "warehouse_outdated" if version < SCHEMA_VERSION else "warehouse_newer"
        raise WarehouseOutdated.worded(key, version=version, wanted=SCHEMA_VERSION, **words)


_OPENED: list[Path] = []  # the warehouse this process last opened to read


def failed_checks(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The codes of the data checks the warehouse's build failed, in the order run, and
    ``inputs_unchecked`` when it was built with ``--unchecked`` from a snapshot
    without its register (the completeness checks of its files not run)."""
    import json

    row = con.execute("SELECT checks_failed, inputs_unchecked FROM build_info LIMIT 1"
                      ).fetchone()
    if not row:
        return []
    return [failed["check"] for failed in json.loads(row[0] or "[]")] + (
        ["inputs_unchecked"] if row[1] else [])


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
        under = next((p for p in db_path.parents if p.is_file()), None)
        if under is not None:  # '--db stadstrends.duckdb/x': no build can write it
            raise WarehouseMissing.worded("no_warehouse_under_file", path=str(db_path),
                                          file=str(under))
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
