"""The one way publish opens the warehouse: read-only, its schema checked; and what every
reader needs first: the build record, the settings the build used, the trend domains.

Reports, web, API and profile open the warehouse here (never with
``duckdb.connect``) and read only tables; publish imports nothing from the stages before it
(a test in ``tests/publish/test_layers.py`` checks both)."""

from __future__ import annotations

import math
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from stadstrends.publish.relations import once

if TYPE_CHECKING:  # `show` reads through here: neither duckdb's Python layer nor pydantic
    import duckdb  # (tests/test_cli.py: the reading commands' imports)

    from stadstrends.settings import BuildSettings


def open_warehouse(db_path: Path) -> duckdb.DuckDBPyConnection:
    """The built warehouse at ``db_path``, read-only (a clear error when it is missing,
    not a warehouse, or of another schema version)."""
    from stadstrends.publish.relations import remember
    from stadstrends.warehouse.files import open_warehouse as _open

    con = _open(Path(db_path))
    remember(con)  # read-only: its tables and views are read once (publish/relations.py)
    return con


def read_error(exc: Exception, db_path: Any) -> Exception | None:
    """The project's error for ``exc``, a DuckDB error met reading the warehouse at
    ``db_path`` (damaged, or of another schema), or None when it is a statement of ours
    DuckDB cannot bind: a bug, the server's 500 (:mod:`stadstrends.warehouse.read_errors`)."""
    from stadstrends.warehouse.read_errors import InternalError
    from stadstrends.warehouse.read_errors import read_error as said

    error = said(exc, db_path)
    return None if isinstance(error, InternalError) else error


def records(con: duckdb.DuckDBPyConnection, sql: str, params: Any = None) -> list[dict]:
    """The rows of ``sql`` as dicts (column -> value), straight from DuckDB without a
    DataFrame; NaN and infinite floats become ``None`` (a row is only looked at one value at
    a time when a float column's sum is not finite)."""
    cur = con.execute(sql, params or [])
    floats = [i for i, d in enumerate(cur.description) if str(d[1]) in ("DOUBLE", "FLOAT")]
    if not floats:
        from stadstrends.duck import rows_as_dicts

        return rows_as_dicts(cur)
    cols = [d[0] for d in cur.description]
    rows = cur.fetchall()
    if all(math.isfinite(sum(filter(None, map(itemgetter(i), rows)))) for i in floats):
        return [dict(zip(cols, row, strict=True)) for row in rows]
    out = []
    for row in rows:
        if any(not _isfinite(row[i]) for i in floats):
            row = [_finite(v) for v in row]
        out.append(dict(zip(cols, row, strict=True)))
    return out


def _isfinite(value: Any) -> bool:
    return value is None or math.isfinite(value)


def _finite(value: Any) -> Any:
    return None if isinstance(value, float) and not math.isfinite(value) else value


def build_info(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """The build record (``build_info``, one row) as a dict of its own (read once per
    read-only connection: :func:`~stadstrends.publish.relations.once`)."""
    def read() -> dict[str, Any]:
        cur = con.execute("SELECT * FROM build_info LIMIT 1")
        row = cur.fetchone()
        return dict(zip([d[0] for d in cur.description], row, strict=True)) if row else {}
    return dict(once(con, "build_info", read))


def build_settings(con: duckdb.DuckDBPyConnection) -> BuildSettings:
    """The settings the warehouse was built with."""
    from stadstrends.settings import BuildSettings

    return BuildSettings.from_info(build_info(con))


def is_city(con: duckdb.DuckDBPyConnection, code: str,
            settings: BuildSettings | None = None) -> bool:
    """Whether municipality ``code`` is one of the cities of the build's ``city_set`` or
    ``featured_set``: pages, profile and report say 'stad en ommeland'
    only then, else 'gemeente en ommeland' (Westerveld, Vlieland); the report's
    ``CityData.is_city`` is this."""
    settings = settings or build_settings(con)
    return bool(con.execute("SELECT count(*) > 0 FROM region_sets WHERE region_code = ? "
                            "AND set_id IN (?, ?)",
                            [code, settings.city_set, settings.featured_set]).fetchone()[0])


def fresh_from(build: dict[str, Any]) -> int | None:
    """The first year whose figures are not stale ('verouderd') in a build (a
    :func:`build_info` record): ``latest_data_year - stale_after_years`` (2026 - 4 = 2022 on
    the snapshot); None when the build did not record them. The report's sentences and the
    dashboard's tiles mark a figure of an earlier year."""
    latest, limit = build.get("latest_data_year"), build.get("stale_after_years")
    return None if latest is None or limit is None else int(latest) - int(limit)


def domains(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """The trend domains in order: domain, name_nl, name_en."""
    cur = con.execute("SELECT domain, name_nl, name_en FROM domains ORDER BY position")
    return [dict(zip(("domain", "name_nl", "name_en"), r, strict=True)) for r in cur.fetchall()]
