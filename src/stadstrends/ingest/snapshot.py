"""Read CBS exports from a snapshot folder into :class:`WideTable`.

StatLine dumps (``cbs_statline_dump/**/<TABLEID>.csv``, written by the ``cbsodata`` client)
are read by :func:`read_statline_csv`: ``;``-separated, UTF-8 with BOM, first column ``ID``,
then dimension columns (names without a ``_<number>`` suffix, holding labels) and measure
columns (``Name_<number>``). Only numeric measures are kept. Files cut at the OData row
limit are reduced to their complete part (:mod:`stadstrends.ingest.truncation`).

Region column: ``RegioS``, a column starting with ``RegioS``/``RegioIndeling``, or
``WijkenEnBuurten``. Commuting tables (``WoonregioS`` + ``WerkregioS``) use the **work**
region ``WerkregioS`` as region and keep ``WoonregioS`` as an ordinary dimension.
When the table carries its own codes (``Regiocode_76``, ``RegiocodeKoppelvariabele_1``,
``Codering_3``, ...) those give ``region_code``; otherwise (and where they are empty) the
label is mapped with :class:`~stadstrends.ingest.labels.RegionLabels`.

Damaged files (cut rows, text in numeric cells, duplicate keys, no data rows, a region
label that names no region) are refused with the file and lines or labels named
(:mod:`stadstrends.ingest.edge`); a file with fewer rows,
region labels or periods than the snapshot's SOURCES.md lists for it (cut at a row
boundary, a region's rows removed) with both counts (:mod:`stadstrends.ingest.listing`).
Other snapshot formats live in :mod:`stadstrends.ingest.snapshot_formats`;
:func:`read_table` dispatches on the table id.
"""

from __future__ import annotations

import csv
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv

from stadstrends.closest import closest
from stadstrends.errors import MalformedSource, TableNotFound, os_reason
from stadstrends.ingest.cells import left_out, parse_cells, status_columns
from stadstrends.ingest.edge import (
    check_cells,
    check_duplicates,
    check_lines,
    check_region_labels,
    check_utf8,
    clean_table,
    renamed_measures,
)
from stadstrends.ingest.labels import RegionLabels, clean_codes
from stadstrends.ingest.listing import check_listed
from stadstrends.ingest.raw import WideTable
from stadstrends.ingest.snapshot_files import (
    default_labels,
    listed_file,
    not_a_snapshot,
    read_bytes,
    require_file,
    snapshot_root,
    source_info,
)
from stadstrends.ingest.snapshot_formats import (
    read_37259eng,
    read_agegroups_2020,
    read_commuting_matrix,
    read_kwb2019,
)
from stadstrends.ingest.snapshot_v4 import read_v4_recording
from stadstrends.ingest.spec import SourceSpec, as_spec
from stadstrends.ingest.truncation import ROW_LIMIT, complete_part

__all__ = [
    "SNAPSHOT_TABLES", "STATLINE_DIR", "available_tables", "find_table", "read_37259eng",
    "read_agegroups_2020", "read_commuting_matrix", "read_kwb2019", "read_statline_csv",
    "read_table",
]

STATLINE_DIR = "cbs_statline_dump"
MEASURE = re.compile(r"_\d+$")
CODE_COLUMN = re.compile(r"^(Regiocode\w*|Codering)_\d+$")
#: Period of tables without a period dimension (lower-case table id -> period).
TABLE_PERIODS = {"85984ned": "2024"}


def _columns(header: list[str], path: Path) -> tuple[list[str], list[str]]:
    """(dimensions, measures) in file order; the first column must be ``ID``."""
    if not header or header[0] != "ID":
        found = (header[0] if header else "").lstrip("\ufeff")
        raise MalformedSource.worded("not_statline_export", file=str(path),
                                     found=found[:40] + ("..." if len(found) > 40 else ""))
    dims = [c for c in header[1:] if not MEASURE.search(c)]
    measures = [c for c in header[1:] if MEASURE.search(c)]
    return dims, measures


def _region_column(dims: list[str], path: Path) -> str:
    if "WerkregioS" in dims:  # commuting: jobs located in the work region
        return "WerkregioS"
    for pick in (
        lambda c: c == "RegioS",
        lambda c: c.startswith("RegioS"),
        lambda c: c.startswith("RegioIndeling"),
        lambda c: c == "WijkenEnBuurten",
    ):
        if found := [c for c in dims if pick(c)]:
            return found[0]
    raise MalformedSource.worded("no_region_column", file=str(path), dims=", ".join(dims))


def _period_column(dims: list[str]) -> str | None:
    found = [c for c in dims if c == "Perioden"] or [c for c in dims if c.startswith("Period")]
    return found[0] if found else None


_TEXT = pd.StringDtype("pyarrow", na_value=float("nan"))  # what pandas' dtype=str gives


def _numbered(header: list[str]) -> list[str]:
    """``header`` with a repeated name numbered as pandas numbers it ('X', 'X.1', 'X.2';
    the commuting matrices' Van_20xx.csv repeat theirs)."""
    given, seen, names = set(header), {}, []
    for name in header:
        col, count = name, seen.get(name, 0)
        while count > 0:  # pandas' C parser: a number is skipped where the file has that name
            seen[name] = count + 1
            col = f"{name}.{count}"
            count = count + 1 if col in given else seen.get(col, 0)
        seen[col] = count + 1
        names.append(col)
    return names


def _text_frame(data: bytes, sep: str = ";") -> pd.DataFrame:
    """Every cell as text, as ``pd.read_csv(dtype=str, keep_default_na=False)`` reads it,
    parsed by Arrow's multi-threaded CSV reader (about 4x less CPU than pandas' parser on
    the snapshot's 89 exports, identical frames; a repeated name numbered as pandas does)."""
    data = data.removeprefix(b"\xef\xbb\xbf")
    end = data.find(b"\n")
    first = (data if end < 0 else data[:end]).decode("utf-8").rstrip("\r")
    names = _numbered(next(csv.reader([first], delimiter=sep)))
    table = pacsv.read_csv(
        pa.BufferReader(data), parse_options=pacsv.ParseOptions(delimiter=sep),
        read_options=pacsv.ReadOptions(column_names=names, skip_rows=1),
        convert_options=pacsv.ConvertOptions(
            column_types=dict.fromkeys(names, pa.string()), strings_can_be_null=False,
            quoted_strings_can_be_null=False))
    # labels without CBS's padding, here only, in Arrow's kernels (edge.clean_table)
    return clean_table(table).to_pandas(types_mapper={pa.string(): _TEXT}.get)


def _read_csv(path: Path) -> pd.DataFrame:
    data = None
    try:
        data = read_bytes(path)
        check_lines(data, path)
        return _text_frame(data)  # labels without CBS's padding (edge.clean_table)
    except (OSError, UnicodeDecodeError, pa.ArrowInvalid, pd.errors.ParserError,
            pd.errors.EmptyDataError) as exc:
        if data is not None:
            check_utf8(data, path)  # a byte that is not UTF-8: named by line and byte
        raise MalformedSource.worded(
            "csv_unreadable", file=str(path),
            reason=os_reason(exc) if isinstance(exc, OSError) else str(exc)) from exc


def read_statline_csv(
    path: Path | str,
    table_id: str | None = None,
    labels: RegionLabels | None = None,
    *,
    row_limit: int = ROW_LIMIT,
    snapshot_dir: Path | None = None,
    period: str | None = None,
) -> WideTable:
    """Read a cbsodata-style StatLine export, cut to its complete part.

    ``table_id`` defaults to the file stem; ``labels`` to the crosswalk of the snapshot
    holding the file; ``period`` is used for tables without a period dimension."""
    path = require_file(Path(path))
    table_id = table_id or path.stem
    raw = _read_csv(path)
    dims, measures = _columns(list(raw.columns), path)
    region = _region_column(dims, path)
    period_col = _period_column(dims)
    # a measure renamed without its '_<number>' end: not a dimension, not read (named)
    renamed = renamed_measures(raw, [d for d in dims if d not in (region, period_col)])
    dims = [d for d in dims if d not in renamed]
    check_listed(path, snapshot_dir or snapshot_root(path), raw, region, period_col)
    if period_col is None:
        period = period or TABLE_PERIODS.get(table_id.lower())
        if period is None:
            raise MalformedSource.worded("no_period_column", file=str(path))
    lead = dims[: dims.index(region)]
    code_col = next((m for m in measures if CODE_COLUMN.match(m)), None)
    labels = (labels or default_labels(path)).for_table(table_id)
    named = raw[region] if code_col is None else raw.loc[clean_codes(raw[code_col]).isna(),
                                                          region]
    check_region_labels(named, labels.unknown, path)  # a name edited in a copy: refused
    key = None
    if code_col and (own_codes := raw[code_col].str.strip()).ne("").all():
        key = "__region_key__"  # neighbourhood names repeat; the table's codes do not
        raw[key] = own_codes
    trailing = [d for d in dims[dims.index(region) + 1:] if d != period_col]
    cut = complete_part(raw, region, period_col, lead, row_limit, region_key=key,
                        series=trailing)
    kept = cut.frame
    other = [d for d in dims if d not in (region, period_col)]
    check_duplicates(kept, [key or region, *([period_col] if period_col else []), *other], path)
    cells = parse_cells(kept[measures])
    check_cells(cells.junk, path)
    numbers = cells.numbers
    flags, cell_status = status_columns(cells)
    codes = pd.Series(None, index=kept.index, dtype=object)
    if code_col:
        codes = clean_codes(kept[code_col])
    todo = codes.isna()
    codes[todo] = labels.codes_for(kept.loc[todo, region])
    frame = pd.concat(
        [
            pd.DataFrame(
                {
                    "region_label": kept[region],
                    "region_code": codes,
                    "period": kept[period_col] if period_col else period,
                },
                index=kept.index,
            ),
            kept[other],
            numbers,
            flags,
        ],
        axis=1,
    ).reset_index(drop=True)
    info = source_info(
        path, table_id, snapshot_dir=snapshot_dir, rows_read=cut.rows_read,
        rows_kept=cut.rows_kept, completeness=cut.note, completeness_code=cut.code,
        left_out=left_out(cells), renamed_columns=",".join(renamed),
        cut_after=_last_municipality(kept[region], codes) if cut.cut_region else None,
    )
    return WideTable(source=info, dimensions=other, measures=list(numbers.columns), frame=frame,
                     cell_status=cell_status)


def _last_municipality(labels: pd.Series, codes: pd.Series) -> str | None:
    """The label of the last municipality (GM code) in file order: where a file cut inside
    its region list stops (a neighbourhood table's last rows are wijken and buurten)."""
    gm = codes.astype("string").str.startswith("GM").fillna(False).astype(bool)
    return str(labels[gm].iloc[-1]) if gm.any() else None


Reader = Callable[[Path, RegionLabels | None, Path], WideTable]


@dataclass(frozen=True)
class SnapshotTable:
    """A non-StatLine source in the snapshot: its path and the reader for it."""

    path: str  # relative to the snapshot folder
    reader: Reader


SNAPSHOT_TABLES: dict[str, SnapshotTable] = {
    "37259eng": SnapshotTable(
        "cbs_37259eng_population_dynamics/250112_CLEAN_population_regional_NL.csv",
        lambda p, _labels, root: read_37259eng(p, snapshot_dir=root),
    ),
    "kwb2019": SnapshotTable(
        "kwb2019_gemeenten/kwb-2019.csv",
        lambda p, _labels, root: read_kwb2019(p, snapshot_dir=root),
    ),
    "agegroups2020": SnapshotTable(
        "population_agegroups_2020_mzelst/municipalities-population-agegroup.csv",
        lambda p, _labels, root: read_agegroups_2020(p, snapshot_dir=root),
    ),
    **{
        f"commuting_matrix_{year}": SnapshotTable(
            f"commuting_gemeente_matrix_2006_2014/Van_{year}.csv",
            lambda p, labels, root: read_commuting_matrix(p, labels, snapshot_dir=root),
        )
        for year in range(2006, 2015)
    },
}


def _statline_files(snapshot_dir: Path) -> dict[str, Path]:
    """Lower-case table id -> file, for every CSV under ``cbs_statline_dump``, also in a
    sub-folder that is a symlink (``Path.rglob`` of Python 3.11 does not enter one:
    ``municipal_complete`` linked elsewhere gave 'tabel 80860ned ontbreekt')."""
    files = sorted(_csv_files(Path(snapshot_dir) / STATLINE_DIR))
    index: dict[str, Path] = {}
    for file in files:
        index.setdefault(file.stem.lower(), file)
    return index


def _csv_files(root: Path) -> list[Path]:
    """The ``*.csv`` files under ``root``, following symlinked folders; a folder reached
    twice (a link back up the tree, two links to one folder) is read once."""
    seen: set[tuple[int, int]] = set()
    found: list[Path] = []
    for folder, dirs, names in os.walk(root, followlinks=True):
        try:
            st = os.stat(folder)
        except OSError:
            dirs[:] = []
            continue
        if (st.st_dev, st.st_ino) in seen:
            dirs[:] = []
            continue
        seen.add((st.st_dev, st.st_ino))
        found += [Path(folder) / n for n in names if n.endswith(".csv")]
    return found


def available_tables(snapshot_dir: Path | str) -> list[str]:
    """All table ids readable from the snapshot (StatLine ids as CBS writes them)."""
    statline = [p.stem for p in _statline_files(Path(snapshot_dir)).values()]
    special = [k for k, t in SNAPSHOT_TABLES.items() if (Path(snapshot_dir) / t.path).exists()]
    return sorted(statline + special, key=str.lower)


def find_table(snapshot_dir: Path | str, table_id: str) -> Path:
    """The file of ``table_id`` (case-insensitive) in the snapshot, or :class:`TableNotFound`."""
    snapshot_dir = Path(snapshot_dir)
    key = table_id.strip().lower()
    special = {k.lower(): t for k, t in SNAPSHOT_TABLES.items()}
    if key in special and (snapshot_dir / special[key].path).exists():
        return snapshot_dir / special[key].path
    if (found := _statline_files(snapshot_dir).get(key)) is not None:
        return found
    expected = (snapshot_dir / special[key].path if key in special
                else listed_file(snapshot_dir, table_id.strip(), STATLINE_DIR))
    if (wrong := not_a_snapshot(snapshot_dir)) is not None:  # --snapshot of another folder
        raise wrong
    if expected is not None:  # a file of the snapshot, deleted or moved
        raise TableNotFound.worded("snapshot_file_missing", table=table_id, path=str(expected))
    known = available_tables(snapshot_dir)
    by_lower = {k.lower(): k for k in known}
    similar = [by_lower[m] for m in closest(key, list(by_lower), n=5, start=False)]
    raise TableNotFound.worded("snapshot_no_table_similar" if similar else "snapshot_no_table",
                               table=table_id, similar=", ".join(similar),
                               path=str(snapshot_dir), n=len(known), suggestions=similar)


def read_table(
    snapshot_dir: Path | str, table_id: str | SourceSpec, labels: RegionLabels | None = None
) -> WideTable:
    """Read ``table_id`` from the snapshot with the reader for its format; a v4 source
    from the recorded v4 responses (its filter applied)."""
    snapshot_dir = Path(snapshot_dir)
    spec = as_spec(table_id)
    if spec.api == "v4":
        return read_v4_recording(snapshot_dir, spec.table, spec.filter, age_bands=spec.bands())
    table_id = spec.table
    path = find_table(snapshot_dir, table_id)
    special = {k.lower(): t for k, t in SNAPSHOT_TABLES.items()}.get(table_id.strip().lower())
    if special is not None:
        return special.reader(path, labels, snapshot_dir)
    if labels is None:
        labels = RegionLabels.from_snapshot(snapshot_dir)
    return read_statline_csv(path, path.stem, labels, snapshot_dir=snapshot_dir)
