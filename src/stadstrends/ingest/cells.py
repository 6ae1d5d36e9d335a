"""Cell values of CBS exports: numbers, CBS's symbols for absent cells, and text.

CBS marks absent cells with symbols: ``.`` (unknown, *onbekend*) and ``x`` (secret,
*geheim*); an empty cell is simply missing. Such cells are absent with that status; the
other cells of the measure stay. A column holding only other text is a text topic (a name, a
postcode list), not a measure: it is left out and named in the table's provenance. Text in a
column that otherwise holds numbers (``n/a``) is damage: :attr:`Cells.junk` lists it and the
readers refuse the file (:func:`stadstrends.ingest.edge.check_cells`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

#: CBS cell symbol -> status stored with the (absent) observation
SYMBOLS = {".": "onbekend", "x": "geheim", "X": "geheim"}
#: text topics of KWB tables that hold digits (a postcode, a change indicator): not measures
TEXT_TOPICS = re.compile(r"^(MeestVoorkomendePostcode|IndelingswijzigingGemeenteWijkBuurt)_\d+$")
#: statuses of absent cells; ``missing`` is an empty cell
ABSENT_STATUSES = ("missing", "onbekend", "geheim")


@dataclass(frozen=True)
class Cells:
    """Parsed measure columns: floats, the status of symbol cells, text columns left out."""

    numbers: pd.DataFrame
    flags: pd.DataFrame  # long: row (index label of ``numbers``), measure, status
    text_columns: list[str]
    #: text cells (not a CBS symbol) in columns that otherwise hold numbers: damage, not a
    #: text topic; long: row (index label), measure, value. Readers refuse them.
    junk: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(
        columns=["row", "measure", "value"]))


def _numbers(cells: pa.ChunkedArray) -> np.ndarray:
    """Float64 of trimmed string cells: empty cells and CBS symbols NaN; a column holding
    other text falls back to a coercing parse (its odd cells become NaN)."""
    clean = pc.if_else(pc.or_(pc.equal(cells, ""), pc.is_in(cells, _SYMBOLS)), None, cells)
    try:
        floats = pc.cast(clean, pa.float64())
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return pd.to_numeric(clean.to_pandas(), errors="coerce").to_numpy(dtype="float64")
    return floats.to_numpy().astype("float64")  # nulls -> NaN


_SYMBOLS = pa.array(list(SYMBOLS))


def _text(column: pa.ChunkedArray) -> pa.ChunkedArray:
    return column if pa.types.is_string(column.type) else pc.cast(column, pa.string())


def parse_cells(values: pd.DataFrame) -> Cells:
    """Parse string columns into float measures (see the module docstring).

    Column-wise Arrow kernels: trim (Unicode whitespace), symbols and empty cells to null,
    one cast per column; no per-cell Python. ``numbers`` keeps the index of ``values``;
    ``flags.row`` holds its labels."""
    names = list(values.columns)
    table = pa.Table.from_pandas(values.set_axis(range(len(names)), axis=1),
                                 preserve_index=False)
    stripped = {c: pc.utf8_trim_whitespace(pc.fill_null(_text(table.column(i)), ""))
                for i, c in enumerate(names)}
    numbers = pd.DataFrame({c: _numbers(v) for c, v in stripped.items()}, index=values.index,
                           columns=names, dtype="float64")
    # symbols and text are few: look at the non-numeric, non-empty cells only
    filled = np.column_stack([pc.not_equal(v, "").to_numpy(zero_copy_only=False)
                              for v in stripped.values()]) if names else np.zeros((0, 0), bool)
    rows, cols = (filled & numbers.isna().to_numpy()).nonzero()
    found = np.empty(len(rows), dtype=object)
    for c in np.unique(cols):  # per column with odd cells, one take
        at = cols == c
        found[at] = stripped[names[c]].take(pa.array(rows[at])).to_numpy(zero_copy_only=False)
    is_symbol = np.isin(found, list(SYMBOLS))
    col_names = np.array(names, dtype=object)
    text = set(col_names[cols[~is_symbol]])
    has_numbers = set(numbers.columns[numbers.notna().any().to_numpy()])
    damaged = {c for c in text & has_numbers if not TEXT_TOPICS.match(c)}
    text_columns = [c for c in names if (c in text and c not in damaged) or TEXT_TOPICS.match(c)]
    keep = [c for c in names if c not in text_columns]
    in_damaged = ~is_symbol & np.isin(col_names[cols], list(damaged))
    junk = pd.DataFrame({"row": values.index.to_numpy()[rows[in_damaged]],
                         "measure": col_names[cols[in_damaged]], "value": found[in_damaged]})
    flags = pd.DataFrame({
        "row": values.index.to_numpy()[rows[is_symbol]],
        "measure": col_names[cols[is_symbol]],
        "status": [SYMBOLS[v] for v in found[is_symbol]],
    })
    flags = flags[flags["measure"].isin(keep)]
    return Cells(numbers[keep], flags, text_columns, junk)


def status_columns(cells: Cells) -> tuple[pd.DataFrame, dict[str, str]]:
    """One column per measure that has symbol cells, holding the status of those cells
    (None elsewhere), and the ``measure -> column`` map :class:`WideTable` expects."""
    columns: dict[str, pd.Series] = {}
    for measure, group in cells.flags.groupby("measure", sort=False):
        column = pd.Series(None, index=cells.numbers.index, dtype=object)
        column.loc[group["row"].to_numpy()] = group["status"].to_numpy()
        columns[f"{measure}__status"] = column
    frame = pd.DataFrame(columns, index=cells.numbers.index)
    return frame, {name[: -len("__status")]: name for name in columns}


def left_out(cells: Cells) -> str:
    """The provenance note naming the text columns that were not loaded."""
    return f"text topics: {', '.join(cells.text_columns)}" if cells.text_columns else ""


# OData property data types that hold numbers (v3 ``Datatype``, v4 ``DataType``)
NUMERIC_DATATYPES = frozenset(
    "double float single decimal long integer int int16 int32 int64 short byte".split()
)


def to_float(values: pd.Series) -> pd.Series:
    """Numbers as floats; padded strings (``'   12  '``) parsed; ``'.'``, ``'x'``, '' -> NaN."""
    if values.dtype == object or pd.api.types.is_string_dtype(values):
        values = values.map(lambda v: v.strip() if isinstance(v, str) else v)
    return pd.to_numeric(values, errors="coerce").astype(float)
