"""Default locations: the snapshot folder beside the repository and the cache; writing a
cache file; checking an output path a user gave before any work is done."""

from __future__ import annotations

import contextlib
import os
import shlex
import threading
from contextvars import ContextVar
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[2]


def default_snapshot_dir() -> Path:
    """``$STADSTRENDS_SNAPSHOT`` or ``../shared/data`` next to the repository checkout."""
    env = os.environ.get("STADSTRENDS_SNAPSHOT")
    return Path(env) if env else REPO_ROOT.parent / "shared" / "data"


#: `` --db FILE`` of the command that builds (``build``, ``update``) when FILE is not the
#: default warehouse, else empty: filled into every hint that names a build command
#: (``{db}`` in the language files, at the end of the command in backticks, by
#: :func:`stadstrends.errors.error_words`), so following it rebuilds the user's file, not
#: ./stadstrends.duckdb
BUILD_DB: ContextVar[str] = ContextVar("build_db", default="")


def db_option(db_path: Path | str | None) -> str:
    """`` --db <db_path>`` for a build command a hint names, empty for the default file."""
    if db_path is None or str(db_path) == "stadstrends.duckdb":
        return ""
    return f" --db {shlex.quote(str(db_path))}"


def build_command(db_path: Path | str | None = None,
                  lang: str | None = None) -> str | dict[str, str]:
    """The build command a hint names (in backticks), true wherever the user runs it: its
    --snapshot the default snapshot folder, absolute, when that folder exists, else ``DIR``
    and what DIR is, worded per language (``{"nl": ..., "en": ...}``, a worded error's
    parameter; in ``lang`` alone when given); ``--db <db_path>`` when it is not the default
    warehouse file."""
    folder = default_snapshot_dir()
    snapshot = shlex.quote(str(folder.absolute())) if folder.is_dir() else "DIR"
    command = f"`stadstrends build --snapshot {snapshot}{db_option(db_path)}`"
    if folder.is_dir():
        return command
    from stadstrends.errors import phrase  # what DIR is, in every language

    said = phrase("build_command_dir", command=command)
    return said if lang is None else said.get(lang, said["en"])


def warehouse_file(con: Any) -> str | None:
    """The file a DuckDB connection reads (absolute; None: in memory, or not to be asked),
    so that a hint found on an open connection names the user's --db."""
    from stadstrends.engine import duckdb

    try:
        row = con.execute("SELECT path FROM duckdb_databases() "
                          "WHERE database_name = current_database()").fetchone()
    except duckdb.Error:
        return None
    return str(row[0]) if row and row[0] else None


def rebuild_command(con: Any, lang: str | None = None) -> str | dict[str, str]:
    """:func:`build_command` for the warehouse ``con`` reads: with its ``--db`` unless it is
    ``stadstrends.duckdb`` here (a warehouse lacking a table, ``profile --db gone.duckdb``:
    a hint without --db would build ./stadstrends.duckdb and leave the file it read)."""
    path = warehouse_file(con)
    default = os.path.abspath("stadstrends.duckdb")
    return build_command(None if path is None or path == default else path, lang)


def output_folder(path: Path, option: str = "--out", example: str = "reports",
                  create: bool = True) -> Path:
    """``path`` as a folder to write in, created when missing; else :class:`OutputPathError`
    naming it: a file is there, it cannot be created (a missing or read-only parent,
    ``/proc``) or this user may not write in it; its hint suggests ``example``. Existing
    contents are left as they are. ``create=False``: only checked, nothing made (a command
    that may still refuse its input leaves no folder behind; the writer makes it). The
    error is worded (``errors.out_*`` of the language files): the command line says it in
    the command's language."""
    from stadstrends.errors import OutputPathError

    problem = _folder_problem(Path(path), create)
    if problem:
        key, words = problem
        raise OutputPathError.worded(key, option=option, path=str(path),
                                     example=_example(example), **words)
    return Path(path)


def output_file(path: Path, option: str = "--out") -> Path:
    """``path`` as a file to write, its folder created when missing; else
    :class:`OutputPathError` naming it (a folder is there, the file is read-only, or its
    folder fails as in :func:`output_folder`). An existing file is not touched here."""
    from stadstrends.errors import OutputPathError

    path = Path(path)
    if path.is_dir():
        raise OutputPathError.worded("out_file_is_folder", option=option, path=str(path),
                                     example=str(path / "indicators.md"))
    if path.exists() and not os.access(path, os.W_OK):
        raise OutputPathError.worded("out_file_read_only", option=option, path=str(path))
    problem = _folder_problem(path.parent)
    if problem:
        key, words = problem
        raise OutputPathError.worded(f"{key}_file", option=option, path=str(path),
                                     folder=str(path.parent), example=_example(path.name),
                                     **words)
    return path


def _folder_problem(path: Path, create: bool = True) -> tuple[str, dict[str, str]] | None:
    """Why ``path`` cannot be a folder to write in, as a key of the language files' ``errors``
    (``out_is_file``, ``out_blocked``, ``out_cannot_create``, ``out_read_only``; with
    ``_file`` for the folder of a file) and its words (``None``: it is one now, made when
    missing; ``create=False``: the folders made to try it are removed again)."""
    if path.exists() and not path.is_dir():
        return "out_is_file", {}
    made = [p for p in (path, *path.parents) if not p.exists()]
    try:
        return _made_problem(path)
    finally:
        if not create:  # the deepest first; one a writer put there meanwhile stays
            for folder in made:
                with contextlib.suppress(OSError):
                    folder.rmdir()


def _made_problem(path: Path) -> tuple[str, dict[str, str]] | None:
    """:func:`_folder_problem` of a path that is no file: made, then checked."""
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        blocking = next((p for p in path.parents if p.exists() and not p.is_dir()), None)
        if blocking is not None:
            return "out_blocked", {"blocking": str(blocking)}
        from stadstrends.errors import os_reason

        return "out_cannot_create", {"reason": os_reason(exc)}
    if not os.access(path, os.W_OK | os.X_OK):
        return "out_read_only", {}
    return None


def _example(name: str) -> str:
    """A path to suggest: ``name`` in the working folder when that is writable, else in the
    user's home."""
    base = Path.cwd() if os.access(Path.cwd(), os.W_OK) else Path.home()
    return shlex.quote(str(base / name)) if base != Path.cwd() else name


def default_cache_dir() -> Path:
    """``$STADSTRENDS_CACHE`` or ``~/.cache/stadstrends``."""
    env = os.environ.get("STADSTRENDS_CACHE")
    return Path(env) if env else Path.home() / ".cache" / "stadstrends"


def write_cache(path: Path, data: bytes) -> None:
    """Write a cache file atomically (a temporary file renamed into place, folders made);
    best effort: a read-only or full disk only costs the work again next time."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except OSError:
        tmp.unlink(missing_ok=True)
