"""Checks at the snapshot edge: a damaged export fails with the file, the offending lines
and a hint, before anything is computed from it (issue 15).

* :func:`check_utf8`: a byte that is not UTF-8 (named by line, column and byte offset);
* :func:`check_lines`: an empty file, a header without data rows, a last row cut mid-line
  (no final newline) or rows with fewer or more fields than the header (counted set-based
  over the file's bytes with NumPy, quotes respected): every CSV reader of the build runs
  it, so a row that lost a field never shifts its values one column;
* :func:`check_duplicates`: two rows with the same key (region, period, other dimensions);
* :func:`check_cells`: text such as ``n/a`` in a measure column that otherwise holds numbers
  (CBS marks absent cells with ``.``, ``x`` or an empty cell, never with text);
* :func:`check_measures`: a measure the catalogue reads is missing (a renamed column).

Each raises :class:`~stadstrends.errors.MalformedSource`; ``details`` holds the offending
rows as dicts (``line`` = line number in the file, header = line 1).
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Iterable
from pathlib import Path

import numpy as np
import pandas as pd

from stadstrends.errors import MalformedSource

SHOWN = 5  # offending rows named in the message; all are in ``details``
REFETCH = ("the file is damaged (cut or edited); restore it from the snapshot's source or "
           "fetch the table again (`stadstrends build` without --snapshot)")
_HEADING = re.compile(r"^#{2,3} (\d+)\. (.*)$", re.M)


def documented_section(path: Path) -> str | None:
    """Where the snapshot's ``SOURCES.md`` describes the file (origin and commit to restore
    it from): ``"SOURCES.md, section 2 `cbs_37259eng_population_dynamics/`"``, from the
    numbered heading naming the longest folder that holds ``path`` (as given, else with
    links resolved); None without one."""
    given = Path(os.path.abspath(path))
    found = [(f, root) for f in (given, given.resolve()) for root in f.parents
             if (root / "SOURCES.md").is_file()]
    if not found:
        return None
    file, root = found[0]
    try:
        text = (root / "SOURCES.md").read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    location = file.relative_to(root).as_posix()
    found = [(len(folder), number, folder) for number, title in _HEADING.findall(text)
             for folder in re.findall(r"`([^`]+/)`", title)
             if location.startswith(folder)]
    if not found:
        return None
    _, number, folder = max(found)
    return f"SOURCES.md, section {number} `{folder}`"


def restore_from(path: Path) -> str:
    """``"restore it from its source (SOURCES.md, section 2 `...`, names the origin and
    commit)"``."""
    where = documented_section(path)
    return f"restore it from its source ({where}, names the origin and commit)" if where else (
        "restore it from the copy the snapshot was made from")


def restore_hint(path: Path, refetch: bool = True) -> str:
    """What to do about a damaged snapshot file: restore it from the source its SOURCES.md
    section names, or (``refetch``: a CBS table the live build reads) fetch it again."""
    again = (" or fetch the table again (`stadstrends build` without --snapshot)"
             if refetch else "")
    return f"the file is damaged (cut or edited); {restore_from(path)}{again}"


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


def _field_counts(data: bytes, sep: str) -> tuple[np.ndarray, np.ndarray, np.ndarray, bool]:
    """Per row of ``data``: line number (1-based, where the row starts), number of fields
    (0 for a blank line) and the row's end offset; and whether the last row lacks its
    newline. Set-based over the bytes with NumPy; a separator or line break inside quotes
    (``"Gemeenten; niet in te delen"``) splits nothing: it has an odd number of quotes
    before it (an escaped ``""`` counts twice)."""
    buf = np.frombuffer(data, dtype=np.uint8)
    newlines = np.flatnonzero(buf == 10)  # '\n'
    seps = np.flatnonzero(buf == ord(sep))
    ends = newlines
    if len(quotes := np.flatnonzero(buf == 34)):  # '"'
        ends = newlines[np.searchsorted(quotes, newlines) % 2 == 0]
        seps = seps[np.searchsorted(quotes, seps) % 2 == 0]
    cut = len(ends) == 0 or ends[-1] != len(buf) - 1
    if cut:
        ends = np.append(ends, len(buf))
    starts = np.concatenate([[0], ends[:-1] + 1])
    fields = np.diff(np.concatenate([[0], np.searchsorted(seps, ends)])) + 1
    length = ends - starts
    last = np.minimum(starts, len(buf) - 1)
    blank = (length == 0) | ((length == 1) & (buf[last] == 13))  # '' or '\r'
    lines = np.searchsorted(newlines, starts) + 1
    return lines, np.where(blank, 0, fields), blank, bool(cut)


def check_lines(data: bytes, path: Path, sep: str = ";", *, header: bool = True,
                final_newline: bool = True, hint: str | None = None,
                refetch: bool = True) -> None:
    """The file has data rows and every row as many fields as the header (``header``; else
    as most rows: a file without header such as a matrix), no more and no fewer; with
    ``final_newline`` it ends with a newline (else its last row was cut). ``data`` are the
    file's bytes (UTF-8 or ASCII); fields are counted set-based (:func:`_field_counts`), so
    a row that lost or gained a field is refused before its values shift a column.
    ``hint`` defaults to :func:`restore_hint` (``refetch``: a table the live build fetches),
    worked out only when the file is refused."""

    def refuse(message: str, details: list[dict] | None = None) -> MalformedSource:
        check_utf8(data, path)  # a byte that is not UTF-8 (a separator overwritten) first
        return MalformedSource(f"{path.name}{message}", hint=hint or restore_hint(path, refetch),
                               details=details)

    if not data.strip():
        raise refuse(" is empty")
    lines, fields, blank, cut = _field_counts(data, sep)
    first = int(np.argmax(~blank))  # the header: the first line that is not blank
    rows = np.flatnonzero(~blank)
    rows = rows[rows > first] if header else rows
    if len(rows) == 0:
        raise refuse(" has a header but no data rows")
    common = int(np.bincount(fields[rows]).argmax())  # the fields of most data rows
    expected = int(fields[first]) if header else common
    wrong = rows[fields[rows] != expected]
    if header and len(wrong) > len(rows) / 2:  # the header lost or gained a field
        raise refuse(f": the header has a wrong number of fields: line {lines[first]}, "
                     f"fields {expected}, expected {common} (as in the data rows)",
                     [{"line": int(lines[first]), "fields": expected, "expected": common}])
    offending = [{"line": int(lines[i]), "fields": int(fields[i]), "expected": expected}
                 for i in wrong]
    if cut and final_newline:
        offending = [r for r in offending if r["line"] != int(lines[-1])]
        offending.append({"line": int(lines[-1]),
                          "problem": "no newline at the end: last row cut"})
    if offending:
        counts = [r.get("fields", 0) for r in offending]
        kind = ("incomplete rows" if max(counts) < expected else "rows with extra fields"
                if min(counts) > expected else "rows with a wrong number of fields")
        raise refuse(f": {kind}: {_lines(offending)}", offending)


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
            hint="a row was duplicated; " + restore_hint(path), details=offending)


def check_cells(junk: pd.DataFrame, path: Path, first_line: int = 2) -> None:
    """``junk`` (``row, measure, value``: text cells of numeric columns) must be empty."""
    if junk.empty:
        return
    offending = [{"line": int(r.row) + first_line, "column": r.measure, "value": r.value}
                 for r in junk.itertuples()]
    raise MalformedSource(
        f"{path.name}: text in numeric cells: {_lines(offending)}",
        hint="CBS marks an absent cell with '.', 'x' or nothing, never with text; "
             + restore_hint(path),
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
