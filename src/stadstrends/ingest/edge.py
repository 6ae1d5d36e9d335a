"""Checks at the snapshot edge: a damaged export fails with the file, the offending lines
and a hint, before anything is computed from it (issue 15).

* :func:`clean_table` / :func:`clean_text`: every label of a CBS file (region, period,
  dimension category, measure name) without the spaces CBS pads some with ('2021 ' in
  85005NED, 'Totaal ' in 85482NED, 'GM0363  ' in 37259eng): the one place labels are
  cleaned, as the file is read;
* :func:`check_utf8`: a byte that is not UTF-8 (named by line, column and byte offset);
* :func:`check_lines`: an empty file, a header without data rows, a last row cut mid-line
  (no final newline) or rows with fewer or more fields than the header (counted set-based
  over the file's bytes with NumPy, quotes respected): every CSV reader of the build runs
  it, so a row that lost a field never shifts its values one column;
* :func:`check_duplicates`: two rows with the same key (region, period, other dimensions);
* :func:`check_cells`: text such as ``n/a`` in a measure column that otherwise holds numbers
  (CBS marks absent cells with ``.``, ``x`` or an empty cell, never with text);
* :func:`check_measures`: a measure the catalogue reads is missing (a renamed column);
  :func:`renamed_measures`: a column of numbers without CBS's '_<number>' end is a renamed
  measure, not read as a dimension (named in ``sources.renamed_columns``; the build says so);
* :func:`check_region_labels`: a region label that names no region (``Deventerr``: the
  label-to-code join would drop its rows, and the build would say CBS publishes nothing
  for Deventer).

Each raises a worded :class:`~stadstrends.errors.MalformedSource` (words: ``errors`` of the
language files); ``details`` holds the offending rows as dicts (``line`` = line number in the
file, header = line 1).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from stadstrends.closest import closest
from stadstrends.errors import MalformedSource, counted, joined, phrase

SHOWN = 5  # offending rows named in the message; all are in ``details``
_HEADING = re.compile(r"^#{2,3} (\d+)\. (.*)$", re.M)


def documented_section(path: Path) -> tuple[str, str] | None:
    """Where the snapshot's ``SOURCES.md`` describes the file (origin and commit to restore
    it from): section number and folder, ``("2", "cbs_37259eng_population_dynamics/")``,
    from the numbered heading naming the longest folder that holds ``path`` (as given, else
    with links resolved); None without one."""
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
    return number, folder


def restore_from(path: Path) -> dict[str, str]:
    """``"restore it from its source (SOURCES.md, section 2 `...`, names the origin and
    commit)"`` per language (:func:`~stadstrends.errors.phrase`)."""
    where = documented_section(path)
    return phrase("restore_from_section", number=where[0], folder=where[1]) if where else \
        phrase("restore_from_copy")


def restore_hint(path: Path, refetch: bool = True) -> dict[str, str]:
    """What to do about a damaged snapshot file, per language: restore it from the source
    its SOURCES.md section names, or (``refetch``: a CBS table the live build reads) fetch
    it again."""
    return phrase("damaged_refetch" if refetch else "damaged", restore=restore_from(path))


def clean_table(table: pa.Table) -> pa.Table:
    """``table`` (a CBS file's cells as Arrow text) with every cell and column name stripped
    of leading and trailing whitespace, as :func:`clean_text` does for a pandas frame, in
    Arrow's kernels: 0.28 s of CPU over the snapshot's 103 CSV files (10.1 million cells),
    where pandas' ``str.strip`` of the same cells took 1.46 s."""
    return pa.table([pc.utf8_trim_whitespace(c) for c in table.columns],
                    names=[n.strip() for n in table.column_names])


def clean_text(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` (a CBS file's cells as text) with every cell and column name stripped of
    leading and trailing whitespace, in place; numbers read the same ('1062265.0 ')."""
    frame.columns = [c.strip() if isinstance(c, str) else c for c in frame.columns]
    for column in frame.columns:
        if frame[column].dtype != object and not isinstance(frame[column].dtype,
                                                            pd.StringDtype):
            continue
        frame[column] = frame[column].str.strip()
    return frame


def check_utf8(data: bytes, path: Path) -> None:
    """``data`` (the bytes of ``path``) is UTF-8, else :class:`MalformedSource` naming the
    first byte that is not: line (header = 1), column and offset in the file."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        at = exc.start
        line = data.count(b"\n", 0, at) + 1
        column = at - data.rfind(b"\n", 0, at)
        raise MalformedSource.worded(
            "not_utf8", file=str(path), byte=f"{data[at]:02x}", line=line, column=column,
            offset=counted(at), details=[{"line": line, "column": column, "byte": at}]
        ) from None


_WORDED_CELLS = ("line", "fields", "expected", "column", "value", "problem", "quote")  # row_*


def _lines(rows: Iterable[dict]) -> dict[str, str]:
    """The first :data:`SHOWN` offending rows per language: 'line 12, fields 3, expected 4;
    ...' ('regel 12, velden 3, verwacht 4'); a dimension as ``RegioS 'GM0363'``; the one
    ``problem`` of a row (a last row cut) and an unclosed ``quote`` in words."""
    rows = list(rows)
    shown = [joined([phrase(f"row_{k}", value=v) if k in _WORDED_CELLS else {"en": f"{k} {v!r}"}
                     for k, v in r.items()], ", ") for r in rows[:SHOWN]]
    if len(rows) > SHOWN:
        shown.append(phrase("rows_more", count=len(rows)))
    return joined(shown)


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
                final_newline: bool = True, refetch: bool = True) -> None:
    """The file has data rows and every row as many fields as the header (``header``; else
    as most rows: a file without header such as a matrix), no more and no fewer; with
    ``final_newline`` it ends with a newline (else its last row was cut). ``data`` are the
    file's bytes (UTF-8 or ASCII); fields are counted set-based (:func:`_field_counts`), so
    a row that lost or gained a field is refused before its values shift a column.
    The hint is :func:`restore_hint` (``refetch``: a table the live build fetches), worked
    out only when the file is refused."""

    def refuse(key: str, details: list[dict] | None = None, **params) -> MalformedSource:
        check_utf8(data, path)  # a byte that is not UTF-8 (a separator overwritten) first
        return MalformedSource.worded(key, file=str(path), restore=restore_hint(path, refetch),
                                      details=details, **params)

    if not data.strip():
        raise refuse("file_empty")
    lines, fields, blank, cut = _field_counts(data, sep)
    first = int(np.argmax(~blank))  # the header: the first line that is not blank
    rows = np.flatnonzero(~blank)
    rows = rows[rows > first] if header else rows
    if len(rows) == 0:
        raise refuse("file_no_rows")
    common = int(np.bincount(fields[rows]).argmax())  # the fields of most data rows
    expected = int(fields[first]) if header else common
    wrong = rows[fields[rows] != expected]
    if header and len(wrong) > len(rows) / 2:  # the header lost or gained a field
        raise refuse("file_header_fields",
                     [{"line": int(lines[first]), "fields": expected, "expected": common}],
                     line=int(lines[first]), fields=expected, expected=common)
    offending = [{"line": int(lines[i]), "fields": int(fields[i]), "expected": expected}
                 for i in wrong]
    if cut and final_newline:
        offending = [r for r in offending if r["line"] != int(lines[-1])]
        # a file that ends on a newline but whose last row has none ends inside quotes: a
        # quote from that row on is never closed (a last row cut has no newline at all)
        offending.append({"line": int(lines[-1]), "quote": "opened and never closed"}
                         if data.endswith(b"\n") else
                         {"line": int(lines[-1]), "problem": "no newline at the end: last row cut"})
    if offending:
        counts = [r.get("fields", 0) for r in offending]
        kind = ("rows_incomplete" if max(counts) < expected else "rows_extra"
                if min(counts) > expected else "rows_wrong")
        raise refuse(f"file_{kind}", offending, rows=_lines(offending))


def check_duplicates(frame: pd.DataFrame, key: list[str], path: Path,
                     first_line: int = 2) -> None:
    """No two rows share ``key`` (the index of ``frame`` = data-row position in the file)."""
    dup = frame.duplicated(subset=key, keep=False)
    if dup.any():
        rows = frame.loc[dup, key].assign(line=frame.index[dup] + first_line)
        offending = rows[["line", *key]].to_dict("records")
        raise MalformedSource.worded(
            "rows_duplicated", file=str(path), count=int(dup.sum()), dims=", ".join(key),
            rows=_lines(offending), restore=restore_hint(path), details=offending)


def check_cells(junk: pd.DataFrame, path: Path, first_line: int = 2) -> None:
    """``junk`` (``row, measure, value``: text cells of numeric columns) must be empty."""
    if junk.empty:
        return
    offending = [{"line": int(r.row) + first_line, "column": r.measure, "value": r.value}
                 for r in junk.itertuples()]
    raise MalformedSource.worded("text_in_cells", file=str(path), rows=_lines(offending),
                                 restore=restore_hint(path), details=offending)


def check_region_labels(names: pd.Series, unknown: Callable[[Iterable[object]], list[str]],
                        path: Path) -> None:
    """Every label in ``names`` (a file's region column; its rows without a code of their
    own) names a region: ``unknown`` (:meth:`~stadstrends.ingest.labels.RegionLabels.unknown`)
    finds none, else :class:`MalformedSource` naming the file, the first :data:`SHOWN`
    labels with their rows and how many there are."""
    found = unknown(names.unique())
    if not found:
        return
    cleaned = names.astype(str).str.split().str.join(" ")
    rows = cleaned[cleaned.isin(found)].value_counts()
    shown = joined([phrase("label_rows", label=label, rows=counted(int(rows.get(label, 0))))
                    for label in found[:SHOWN]], ", ")
    raise MalformedSource.worded(
        "unknown_region_labels", file=str(path), count=counted(len(found)), labels=shown,
        more=phrase("more_labels", n=counted(len(found) - SHOWN)) if len(found) > SHOWN
        else {}, restore=restore_hint(path),
        details=[{"label": label, "rows": int(rows.get(label, 0))} for label in found])


#: a cell of a measure as the snapshot's exports write it: a number ('383600.0', '-2'), or
#: one of CBS's symbols for a missing figure
_NUMBER_CELL = re.compile(r"^-?\d+(\.\d+)?$")
_SYMBOLS = frozenset({"", ".", "x", "-", "?"})


def renamed_measures(frame: pd.DataFrame, columns: list[str]) -> list[str]:
    """Of ``columns`` (a StatLine export's columns without CBS's '_<number>' end, read as
    dimensions), those that hold numbers only (CBS's symbols aside, at least one number):
    a measure renamed (``Inwoners18TotEnMet44Jaar_6X``), not a dimension. CBS's dimensions
    hold labels ('Totaal', 'Nederland', 'Voorlopig'): on the real snapshot no dimension of
    its 89 exports holds a number. Read as a dimension, such a column put each row's figure
    into the key of every other figure of its row (85383NED: 2 -> 781 distinct keys) and
    into the series a cut file is judged by."""
    found = []
    for col in columns:
        values = frame[col].dropna().astype(str).str.strip()
        values = values[~values.isin(_SYMBOLS)]
        if len(values) and values.str.fullmatch(_NUMBER_CELL).all():
            found.append(col)
    return found


Key = tuple[str, str]  # (lower-case table id, API)
# location, measures, other columns (dimensions, renamed columns, ...)
Read = tuple[str, list[str]] | tuple[str, list[str], *tuple[list[str], ...]]


def check_measures(wanted: dict[Key, set[str]], tables: dict[Key, Read]
                   ) -> None:
    """Every measure the catalogue reads is in its table: ``wanted`` maps (lower-case table
    id, API) to measure names, ``tables`` to ``(location, measures[, other columns])`` of
    what was read. The names suggested ('lijkt op') come from every column: a measure
    renamed without its ``_<number>`` end (``InwonersTotaal_1X``) is read as a dimension,
    and among the measures alone the suggestion missed it; not from a column the catalogue
    reads under its own name (:func:`~stadstrends.closest.closest`, which compares without
    case: 'Woningen_2' is as alike 'Inwoners_1' as its cutoff)."""
    offending = []
    for table, measures in sorted(wanted.items()):
        if table not in tables:
            continue
        location, present, *others = tables[table]
        # a column the catalogue reads under its own name is not the one renamed
        columns = [c for c in [*present, *(c for more in others for c in more)]
                   if c not in measures]
        for measure in sorted(measures - set(present)):
            close = closest(measure, columns, n=3, cutoff=0.5)
            offending.append({"file": location, "measure": measure, "similar": close})
    if offending:
        shown = joined([phrase("no_column_similar" if o["similar"] else "no_column",
                               file=o["file"], column=o["measure"],
                               similar=", ".join(o["similar"])) for o in offending[:SHOWN]])
        raise MalformedSource.worded("measures_missing", columns=shown, details=offending)
