"""Query results as plain rows with their column kinds, for readers that must start fast.

The command line's reading commands (``show``, ``regions``, ``indicators``) print a few
hundred rows; importing pandas for them would cost more than the rest of the command
(issue 16). :class:`Rows` keeps DuckDB's rows as tuples with a numpy-style kind per column
(``i`` integer, ``f`` float, ``b`` boolean, ``M`` date/time, ``O`` other), so a table can
be printed without pandas; :meth:`Rows.frame` gives the DataFrame DuckDB's ``.df()`` would
(CSV and JSON output are written by pandas).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from stadstrends.values import missing

if TYPE_CHECKING:
    import duckdb
    import pandas as pd

_INTEGERS = {"TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT",
             "UINTEGER", "UBIGINT", "UHUGEINT"}
_FLOATS = {"FLOAT", "DOUBLE"}


def kind(duckdb_type: object) -> str:
    """The numpy dtype kind pandas gives a DuckDB column type (``DECIMAL`` becomes float)."""
    name = str(duckdb_type).upper()
    if name in _INTEGERS:
        return "i"
    if name in _FLOATS or name.startswith("DECIMAL"):
        return "f"
    if name == "BOOLEAN":
        return "b"
    if name == "DATE" or name.startswith("TIMESTAMP"):
        return "M"
    return "O"


@dataclass
class Rows:
    """A query result: ``columns``, their ``kinds`` and the ``rows`` as tuples."""

    columns: list[str]
    kinds: list[str]
    rows: list[tuple]

    @classmethod
    def fetch(cls, result: duckdb.DuckDBPyConnection) -> Rows:
        """All rows of an executed DuckDB query."""
        description = result.description
        return cls([d[0] for d in description], [kind(d[1]) for d in description],
                   [tuple(row) for row in result.fetchall()])

    @classmethod
    def of_frame(cls, frame: pd.DataFrame) -> Rows:
        """A DataFrame's rows (missing values as None) and its columns' dtype kinds."""
        columns = [str(c) for c in frame.columns]
        values = [[None if missing(v) else v for v in frame[c].tolist()] for c in frame.columns]
        return cls(columns, [frame[c].dtype.kind for c in frame.columns],
                   list(zip(*values, strict=True)) if values else [])

    def __len__(self) -> int:
        return len(self.rows)

    def column(self, name: str) -> list[Any]:
        i = self.columns.index(name)
        return [row[i] for row in self.rows]

    def records(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]

    def where(self, keep: Callable[[dict[str, Any]], bool]) -> Rows:
        """The rows for which ``keep(row as dict)`` holds, in order."""
        return self._with([r for r, d in zip(self.rows, self.records(), strict=True) if keep(d)])

    def sorted(self, key: Callable[[dict[str, Any]], Any]) -> Rows:
        return self._with([r for _, r in sorted(zip(map(key, self.records()), self.rows,
                                                    strict=True), key=lambda p: p[0])])

    def head(self, n: int) -> Rows:
        return self._with(self.rows[:n])

    def replace(self, name: str, values: Sequence[Any], kind: str | None = None) -> Rows:
        """These rows with column ``name``'s values replaced, of ``kind`` when given (``O``:
        the values as they are, ints beside floats or text, never made one dtype by
        :meth:`frame`)."""
        i = self.columns.index(name)
        kinds = self.kinds if kind is None else [*self.kinds[:i], kind, *self.kinds[i + 1:]]
        return Rows(self.columns, kinds, [(*r[:i], v, *r[i + 1:]) for r, v in zip(
            self.rows, values, strict=True)])

    def add(self, name: str, values: Sequence[Any], kind: str) -> Rows:
        """These rows with a last column ``name`` of ``values`` (dtype kind ``kind``)."""
        return Rows([*self.columns, name], [*self.kinds, kind],
                    [(*r, v) for r, v in zip(self.rows, values, strict=True)])

    def drop(self, names: Iterable[str]) -> Rows:
        keep = [i for i, c in enumerate(self.columns) if c not in set(names)]
        return Rows([self.columns[i] for i in keep], [self.kinds[i] for i in keep],
                     [tuple(r[i] for i in keep) for r in self.rows])

    def _with(self, rows: list[tuple]) -> Rows:
        return Rows(self.columns, self.kinds, rows)

    def frame(self) -> pd.DataFrame:
        """The DataFrame DuckDB's ``.df()`` gives for these rows (nullable integers and
        booleans as pandas' Int64/boolean, dates as datetime64)."""
        import pandas as pd

        data = {}
        for i, (name, kind_) in enumerate(zip(self.columns, self.kinds, strict=True)):
            values = [row[i] for row in self.rows]
            nulls = any(v is None for v in values)
            if kind_ == "M":
                data[name] = pd.to_datetime(pd.Series(
                    [None if v is None else _datetime(v) for v in values], dtype=object)
                ).astype("datetime64[us]")
            else:
                dtype = {"i": "Int64" if nulls else "int64", "f": "float64",
                         "b": "boolean" if nulls else "bool"}.get(kind_, object)
                data[name] = pd.Series(values, dtype=dtype)
        return pd.DataFrame(data, columns=self.columns)


def _datetime(value: dt.date) -> dt.datetime:
    return value if isinstance(value, dt.datetime) else dt.datetime(
        value.year, value.month, value.day)
