"""Report data of real municipalities for the tests, read as ``publish`` reads it and kept for
the test session, so that the many tests over the same cities (the G40, Kies richting's
municipalities, every fourth with a trend on rounding) do not read each again.

:func:`connect` opens the warehouse read-only and marks the connection as
:func:`stadstrends.publish.read.open_warehouse` does (``relations.remember``): what does not
depend on the city (catalogue, sources, rounding units, a COROP region's map figures) is read
once per connection, not once per ``load_city`` (~0.8 -> ~0.3 s of CPU a city);
``test_report_kept.py`` holds that the answers are a fresh read's.

:func:`kept_city` is ``load_city`` once per warehouse file, query and group in the session (on
one such connection per file), kept pickled: every call gets a copy of its own (a report
localises and marks its rows), equal to what ``load_city`` gives on a fresh connection
(``test_loaded.py``).
"""

from __future__ import annotations

import os
import pickle
import zlib
from pathlib import Path

import duckdb

from stadstrends.publish.relations import remember
from stadstrends.publish.report.data import CityData, load_city

#: (warehouse file, its size and time, query, group) -> the CityData pickled, compressed
#: (~0.16 MB a municipality)
_KEPT: dict[tuple, bytes] = {}
#: (warehouse file, its size and time) -> the connection that reads for :func:`kept_city`
_READERS: dict[tuple, duckdb.DuckDBPyConnection] = {}


def connect(warehouse: Path) -> duckdb.DuckDBPyConnection:
    """A read-only connection to ``warehouse`` whose city-independent reads are kept."""
    con = duckdb.connect(str(warehouse), read_only=True)
    remember(con)
    return con


def _file(con: duckdb.DuckDBPyConnection) -> tuple | None:
    """The file of ``con``'s database, its size and time (None: in memory)."""
    path = con.execute("SELECT path FROM duckdb_databases() "
                       "WHERE database_name = current_database()").fetchone()[0]
    if not path or not os.path.isfile(path):
        return None
    stat = os.stat(path)
    return path, stat.st_size, stat.st_mtime_ns


def _reader(file: tuple, con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """One marked read-only connection per warehouse file for the session (what is not a
    city's read once, not once per test); ``con`` itself where the file is open otherwise."""
    if file not in _READERS:
        try:
            _READERS[file] = connect(Path(file[0]))
        except duckdb.Error:  # opened for writing in this process
            return con
    return _READERS[file]


def kept_city(con: duckdb.DuckDBPyConnection, query: str, group: str | None = None) -> CityData:
    """``load_city(con, query, group)``, read once per session; a fresh copy each call."""
    file = _file(con)
    if file is None:
        return load_city(con, query, group)
    key = (*file, query, group)
    if key not in _KEPT:
        data = load_city(_reader(file, con), query, group)
        _KEPT[key] = zlib.compress(pickle.dumps(data, pickle.HIGHEST_PROTOCOL), 1)
    return pickle.loads(zlib.decompress(_KEPT[key]))
