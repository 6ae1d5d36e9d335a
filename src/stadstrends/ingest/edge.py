"""Checks at the snapshot edge: a damaged export fails with the file, the offending lines
and a hint, before anything is computed from it (issue 15).

* :func:`check_utf8`: a byte that is not UTF-8 (named by line, column and byte offset);
* :func:`check_lines`: an empty file, a header without data rows, a last row cut mid-line
  (no final newline) or rows with fewer fields than the header (counted set-based over the
  file's bytes with NumPy);
* :func:`check_duplicates`: two rows with the same key (region, period, other dimensions);
* :func:`check_cells`: text such as ``n/a`` in a measure column that otherwise holds numbers
  (CBS marks absent cells with ``.``, ``x`` or an empty cell, never with text);
* :func:`check_measures`: a measure the catalogue reads is missing (a renamed column).

Each raises :class:`~stadstrends.errors.MalformedSource`; ``details`` holds the offending
rows as dicts (``line`` = line number in the file, header = line 1).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from pathlib import Path

import numpy as np
import pandas as pd

from stadstrends.errors import MalformedSource

SHOWN = 5  # offending rows named in the message; all are in ``details``
REFETCH = ("the file is damaged (cut or edited); restore it from the snapshot's source or "
           "fetch the table again (`stadstrends build` without --snapshot)")


def check_utf8(data: bytes, path: Path) -> None:
    """``data`` (the bytes of ``path``) is UTF-8, else :class:`MalformedSource` naming the
    first byte that is not: line (header = 1), column and offset in the file."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        at = exc.start
        line = data.count(b"\n", 0, at) + 1
        column = at - data.rfind(b"\n", 0, at)
        raise MalformedSource(
            f"{path.name} is not UTF-8: byte 0x{data[at]:02x} at line {line}, column {column} "
            f"(byte {at:,} of the file)",
            hint="the file was edited or saved in another encoding (such as Windows-1252); "
                 "restore it from the snapshot's source or fetch the table again (`stadstrends "
                 "build` without --snapshot)",
            details=[{"line": line, "column": column, "byte": at}]) from None


def _lines(rows: Iterable[dict]) -> str:
    rows = list(rows)
    shown = "; ".join(", ".join(f"{k} {v!r}" if k != "line" else f"line {v}"
                                for k, v in r.items()) for r in rows[:SHOWN])
    return shown + (f"; ... ({len(rows)} rows)" if len(rows) > SHOWN else "")


def check_lines(data: bytes, path: Path, sep: str = ";") -> None:
    """The file has data rows, ends with a newline and no row has fewer fields than the
    header. ``data`` are the file's bytes (UTF-8, the header on line 1)."""
    if not data.strip():
        raise MalformedSource(f"{path.name} is empty", hint=REFETCH)
    buf = np.frombuffer(data, dtype=np.uint8)
    ends = np.flatnonzero(buf == 10)  # '\n'
    if len(ends) == 0 or ends[-1] != len(buf) - 1:
        ends = np.append(ends, len(buf))  # the last line has no newline: cut
    seps = np.searchsorted(np.flatnonzero(buf == ord(sep)), ends)  # separators before each end
    fields = np.diff(np.concatenate([[0], seps])) + 1
    blank = np.diff(np.concatenate([[-1], ends])) <= 2  # '' or '\r'
    fields = np.where(blank, 0, fields)
    data_lines = np.flatnonzero(~blank[1:]) + 2  # line numbers (1-based) of data rows
    if len(data_lines) == 0:
        raise MalformedSource(f"{path.name} has a header but no data rows", hint=REFETCH)
    short = data_lines[fields[data_lines - 1] < fields[0]]
    offending = [{"line": int(n), "fields": int(fields[n - 1]), "expected": int(fields[0])}
                 for n in short]
    if not data.endswith(b"\n"):
        last = int(len(ends))
        offending = [r for r in offending if r["line"] != last]
        offending.append({"line": last, "problem": "no newline at the end: last row cut"})
    if offending:
        raise MalformedSource(
            f"{path.name}: incomplete rows: {_lines(offending)}", hint=REFETCH,
            details=offending)


def check_duplicates(frame: pd.DataFrame, key: list[str], path: Path,
                     first_line: int = 2) -> None:
    """No two rows share ``key`` (the index of ``frame`` = data-row position in the file)."""
    dup = frame.duplicated(subset=key, keep=False)
    if dup.any():
        rows = frame.loc[dup, key].assign(line=frame.index[dup] + first_line)
        offending = rows[["line", *key]].to_dict("records")
        raise MalformedSource(
            f"{path.name}: {int(dup.sum())} rows share their key "
            f"({', '.join(key)}): {_lines(offending)}",
            hint="a row was duplicated; " + REFETCH, details=offending)


def check_cells(junk: pd.DataFrame, path: Path, first_line: int = 2) -> None:
    """``junk`` (``row, measure, value``: text cells of numeric columns) must be empty."""
    if junk.empty:
        return
    offending = [{"line": int(r.row) + first_line, "column": r.measure, "value": r.value}
                 for r in junk.itertuples()]
    raise MalformedSource(
        f"{path.name}: text in numeric cells: {_lines(offending)}",
        hint="CBS marks an absent cell with '.', 'x' or nothing, never with text; " + REFETCH,
        details=offending)


Key = tuple[str, str]  # (lower-case table id, API)


def check_measures(wanted: dict[Key, set[str]], tables: dict[Key, tuple[str, list[str]]]
                   ) -> None:
    """Every measure the catalogue reads is in its table: ``wanted`` maps (lower-case table
    id, API) to measure names, ``tables`` to ``(location, measures)`` of what was read."""
    offending = []
    for table, measures in sorted(wanted.items()):
        if table not in tables:
            continue
        location, present = tables[table]
        for measure in sorted(measures - set(present)):
            close = difflib.get_close_matches(measure, present, n=3, cutoff=0.5)
            offending.append({"file": location, "measure": measure, "similar": close})
    if offending:
        shown = "; ".join(f"{o['file']} has no column {o['measure']}"
                          + (f" (similar: {', '.join(o['similar'])})" if o["similar"] else "")
                          for o in offending[:SHOWN])
        raise MalformedSource(
            f"measures the catalogue reads are missing: {shown}",
            hint="a column was renamed or removed; " + REFETCH, details=offending)
