"""What a DuckDB error met reading a warehouse stands for, said to the user: a damaged file
(rebuild it), a file of another schema (rebuild it with this version), or a mistake in
Stadstrends' own SQL (an internal error to report; the warehouse is fine).

Every reader opens the warehouse through :func:`~.files.open_warehouse`, which checks the
schema version first: a missing table or column met after that is a bug in our statements
(a ``BinderException`` or ``CatalogException``), not an old warehouse, unless the file was
replaced since by one of another schema (checked again here). It was said as 'het warehouse
... is beschadigd' with the hint to rebuild a warehouse that was fine (h54d)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from stadstrends import __version__
from stadstrends.engine import duckdb
from stadstrends.errors import StadstrendsError, WarehouseOutdated, warehouse_read_error

#: DuckDB's errors of a statement it cannot parse or bind: our SQL, not the file's bytes
OUR_SQL = (duckdb.BinderException, duckdb.CatalogException, duckdb.ParserException,
           duckdb.SyntaxException)


class InternalError(StadstrendsError):
    """A mistake in Stadstrends itself (a statement that names what the schema has not)."""

    status = 500
    code = "internal_error"


def read_error(exc: Exception, db_path: Any = None) -> StadstrendsError:
    """The error to show for ``exc``, a ``duckdb.Error`` met reading the warehouse at
    ``db_path``: :class:`WarehouseOutdated` when its schema is not this version's,
    :class:`InternalError` for a statement of ours DuckDB cannot bind on a warehouse of
    this schema, else the damaged file's error (:func:`warehouse_read_error`)."""
    if not isinstance(exc, OUR_SQL):
        return warehouse_read_error(exc, db_path)
    if db_path is not None and Path(db_path).is_file():
        from stadstrends.warehouse.files import check_schema

        try:
            with duckdb.connect(str(db_path), read_only=True) as con:
                check_schema(con, Path(db_path))
        except WarehouseOutdated as outdated:
            return outdated
        except duckdb.Error:  # cannot be read again: as DuckDB said it first
            return warehouse_read_error(exc, db_path)
    detail = (str(exc).strip().splitlines() or [type(exc).__name__])[0][:200]
    return InternalError.worded("internal_error_cli", version=__version__, detail=detail,
                                path=str(db_path or "stadstrends.duckdb"))
