"""How much memory a build may use and where it spills: DuckDB settings of the build
connection, validated and recorded in ``build_info`` (``memory_limit``, ``temp_directory``).

A build larger than ``memory_limit`` (DuckDB's buffer manager; Python and pandas frames come
on top) spills to ``temp_directory`` instead of failing. Defaults: 1 GB (a build of
today's catalogue peaks at 720-775 MiB RSS; eight times the catalogue needs the 1 GB: with
800MB it ran out of memory in one of two runs; see bench/README.md),
and DuckDB's own folder next to the file being built
(``.<warehouse>.building-<pid>.tmp``), removed afterwards.
Set them with ``stadstrends build --memory-limit 6GB --temp-dir /big/disk``.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import duckdb
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from stadstrends.duck import MEMORY_LIMIT_VARIABLE
from stadstrends.errors import BuildOutOfMemory, InvalidParameter

#: DuckDB memory limit of a build unless configured (bench/README.md: peak and k = 8).
DEFAULT_MEMORY_LIMIT = "1GB"
#: DuckDB threads per statement of a build. With more, a grouping's partial sums of
#: floating-point numbers (a merged municipality's parts, a region's members) are added in the
#: order the threads happen to finish, and a build under load differed from the one before
#: in the last bit of ~600 sums (``series_all``, ``series_parts``; in 1 of 4 builds beside
#: three busy loops, and in CI's tests/warehouse/test_reproducible.py), with 24 tables after
#: them. One thread adds in the order of the rows, which the build fixes; the build's
#: parallelism is its cursors side by side and its reading processes. On two cores it costs
#: nothing (bench/README.md: 7.6-8.5 s against 7.8-8.4 s, alternated).
BUILD_THREADS = 1
SIZE = re.compile(r"^\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$", re.IGNORECASE)


class BuildResources(BaseModel):
    """DuckDB memory limit (e.g. ``2GB``) and spill folder (``None``: DuckDB's default)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    memory_limit: str = Field(DEFAULT_MEMORY_LIMIT,
                              description="DuckDB memory limit of the build, e.g. 2GB")
    temp_directory: str | None = Field(None, description="folder for DuckDB's spill files")

    @field_validator("memory_limit")
    @classmethod
    def _size(cls, value: str) -> str:
        if not SIZE.match(value.strip()):
            raise ValueError(f"memory limit {value!r} is not a size such as 800MB or 4GB")
        return value.strip()

    @classmethod
    def from_options(cls, memory_limit: str, temp_directory: Path | str | None
                     ) -> BuildResources:
        """From command-line options; :class:`InvalidParameter` naming a bad value."""
        try:
            return cls(memory_limit=memory_limit,
                       temp_directory=str(temp_directory) if temp_directory else None)
        except ValidationError as exc:
            raise InvalidParameter.worded("memory_limit", value=memory_limit) from exc

    def apply(self, con: duckdb.DuckDBPyConnection) -> None:
        """One DuckDB thread per statement (:data:`BUILD_THREADS`); set the limit (also as the
        variable :data:`MEMORY_LIMIT_VARIABLE`, which
        :func:`~stadstrends.duck.release_cached_blocks` sets it back from) and spill folder on
        ``con`` (the folder is created), skip the string compressions DuckDB only tries
        in order to reject (:func:`skip_legacy_strings`), and write without syncing to
        disk until :func:`durable_checkpoint` (:func:`unsynced_writes`)."""
        con.execute(f"SET threads = {BUILD_THREADS}")  # the same rows on any host: see there
        con.execute(f"SET memory_limit = '{self.memory_limit}'")
        con.execute(f"SET VARIABLE {MEMORY_LIMIT_VARIABLE} = '{self.memory_limit}'")
        skip_legacy_strings(con)
        unsynced_writes(con)
        if self.temp_directory:
            Path(self.temp_directory).mkdir(parents=True, exist_ok=True)
            con.execute("SET temp_directory = '" + self.temp_directory.replace("'", "''") + "'")

    def record(self, con: duckdb.DuckDBPyConnection) -> dict[str, str]:
        """The settings as ``build_info`` columns (the spill folder DuckDB really uses)."""
        folder = con.execute("SELECT current_setting('temp_directory')").fetchall()[0][0]
        return {"memory_limit": self.memory_limit, "temp_directory": str(folder)}


#: String compressions DuckDB 2 analyses for every string column it writes but does not pick
#: once its combined dictionary + FSST method (``DICT_FSST``) is there: skipping their
#: analysis gives the same file (156 MB) for less work (build 11.9 -> 11.3 s, 19.8 -> 19.1 s
#: CPU; median of 4 alternating runs, DuckDB 2.0.1). DuckDB 1.x writes with them (there
#: ``DICT_FSST`` needs a newer storage version), so they stay on there.
LEGACY_STRING_COMPRESSIONS = "fsst,dictionary"


def duckdb_major() -> int:
    """The major version of the DuckDB in use (2 for 2.0.1)."""
    return int(duckdb.__version__.split(".")[0])


def skip_legacy_strings(con: duckdb.DuckDBPyConnection) -> None:
    """On DuckDB 2 and later, no analysis of :data:`LEGACY_STRING_COMPRESSIONS` when ``con``
    writes (a setting of the database, for this process only; nothing is stored). Meant for
    a new file (the build's): in a file of an older storage version, where ``DICT_FSST`` is
    not available, strings would be stored uncompressed."""
    if duckdb_major() >= 2:
        con.execute(f"SET disabled_compression_methods = '{LEGACY_STRING_COMPRESSIONS}'")


def unsynced_writes(con: duckdb.DuckDBPyConnection) -> None:
    """On DuckDB 2 and later, no ``fdatasync`` at each commit of ``con``'s database (its
    ``fsync_mode``, for this process only). Meant for the build's file, a temporary one
    that replaces the warehouse only after :func:`durable_checkpoint`: a crash before it
    loses nothing (the next build removes the leftover, ``files.clean_stale``). The
    build's ~120 commits each waited for the disk (0.2 s in all, measured with strace; one
    at a time on the indicator stage's one thread)."""
    if duckdb_major() >= 2:
        con.execute("SET fsync_mode = 'none'")


def durable_checkpoint(con: duckdb.DuckDBPyConnection) -> None:
    """Syncing back on (DuckDB's ``STANDARD``), then ``CHECKPOINT``: the checkpoint writes
    the database file and syncs all of it to disk before the build moves it in place."""
    if duckdb_major() >= 2:
        con.execute("SET fsync_mode = 'standard'")
    con.execute("CHECKPOINT")


def memory_error(exc: BaseException, resources: BuildResources,
                 db_path: Path | None = None) -> BuildOutOfMemory | None:
    """A clear error for DuckDB running out of the build's memory limit, or ``None`` when
    ``exc`` is something else; it says the previous warehouse at ``db_path`` is unchanged
    only when there is one."""
    if not isinstance(exc, duckdb.OutOfMemoryException):
        return None
    detail = str(exc).splitlines()[0].removeprefix("Out of Memory Error: ")[:160]
    from stadstrends.warehouse.files import unchanged_key
    return BuildOutOfMemory.worded(unchanged_key("out_of_memory", db_path),
                                   limit=resources.memory_limit, detail=detail)


def remove_spill(con_temp: str | None, configured: str | None) -> None:
    """Remove DuckDB's default spill folder of a finished build (never a configured one)."""
    if con_temp and not configured:
        shutil.rmtree(con_temp, ignore_errors=True)


DEFAULT_RESOURCES = BuildResources()
