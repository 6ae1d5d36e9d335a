"""Cell values of CBS exports: numbers, CBS's symbols for absent cells, and text.

CBS marks absent cells with symbols: ``.`` (unknown, *onbekend*) and ``x`` (secret,
*geheim*); an empty cell is simply missing. Such cells are absent with that status; the
other cells of the measure stay. A column holding any other text is a text topic (a name, a
postcode list), not a measure: it is left out and named in the table's provenance.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

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


def parse_cells(values: pd.DataFrame) -> Cells:
    """Parse string columns into float measures (see the module docstring)."""
    stripped = values.apply(lambda s: s.fillna("").astype(str).str.strip())
    numbers = stripped.apply(pd.to_numeric, errors="coerce")
    # symbols and text are few: look at the non-numeric, non-empty cells only
    rows, cols = ((stripped != "") & numbers.isna()).to_numpy().nonzero()
    found = stripped.to_numpy(dtype=object)[rows, cols]
    is_symbol = np.isin(found, list(SYMBOLS))
    names = stripped.columns.to_numpy()
    text = set(names[cols[~is_symbol]])
    text_columns = [c for c in stripped.columns if c in text or TEXT_TOPICS.match(c)]
    keep = [c for c in stripped.columns if c not in text_columns]
    flags = pd.DataFrame({
        "row": stripped.index.to_numpy()[rows[is_symbol]],
        "measure": names[cols[is_symbol]],
        "status": [SYMBOLS[v] for v in found[is_symbol]],
    })
    flags = flags[flags["measure"].isin(keep)]
    return Cells(numbers[keep].astype("float64"), flags, text_columns)


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
