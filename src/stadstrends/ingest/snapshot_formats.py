"""Readers for the snapshot's non-StatLine files (each returns a :class:`WideTable`).

* :func:`read_37259eng` - CBS 37259eng with codes (comma CSV, ``Regions`` = padded codes).
* :func:`read_kwb2019` - KWB 2019 municipality rows (``unique_id`` = GM code).
* :func:`read_agegroups_2020` - population by 10-year age group on 1 January 2020.
* :func:`read_commuting_matrix` - ``Van_YYYY.csv`` residence x work matrices (no header).
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import numpy as np
import pandas as pd

from stadstrends.errors import MalformedSource, os_reason
from stadstrends.ingest.cells import Cells, left_out, parse_cells, status_columns
from stadstrends.ingest.edge import (
    check_cells,
    check_lines,
    check_region_labels,
    check_utf8,
    clean_text,
    restore_from,
)
from stadstrends.ingest.labels import RegionLabels, clean_codes
from stadstrends.ingest.listing import check_listed, root_of
from stadstrends.ingest.raw import WideTable
from stadstrends.ingest.snapshot_files import (
    default_labels,
    read_bytes,
    require_file,
    source_info,
)

MEASURE = re.compile(r"_\d+$")


def _read(path: Path, *, final_newline: bool = True, **kwargs) -> pd.DataFrame:
    """Every cell as text; a row with too few or too many fields (or a cut last row, when
    the file ends with a newline as its source does) is refused naming file and line."""
    data = None
    try:
        data = read_bytes(path)
        check_lines(data, path, kwargs.get("sep", ","), final_newline=final_newline,
                    header=kwargs.get("header", 0) is not None, refetch=False)
        # labels without CBS's padding ('GM0363  '): cleaned here, once
        return clean_text(pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False,
                                      **kwargs))
    except (OSError, UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        if isinstance(exc, UnicodeDecodeError) and data is not None:
            check_utf8(data, path)  # names the line and byte
        raise MalformedSource.worded(
            "file_unreadable", file=str(path), restore=restore_from(path),
            reason=os_reason(exc) if isinstance(exc, OSError) else str(exc)) from exc


def _require(frame: pd.DataFrame, columns: list[str], path: Path) -> None:
    if missing := [c for c in columns if c not in frame.columns]:
        raise MalformedSource.worded(
            "file_lacks_columns", file=str(path), missing=", ".join(missing),
            found=", ".join(map(str, frame.columns[:8])) + (", ..." if len(frame.columns) > 8
                                                             else ""),
            restore=restore_from(path))


def _floats(frame: pd.DataFrame) -> Cells:
    """Measure columns parsed (numbers, CBS symbols as cell status, text left out)."""
    return parse_cells(frame)


def _table(
    path: Path,
    table_id: str,
    title: str,
    base: pd.DataFrame,
    cells: Cells,
    dimensions: list[str],
    snapshot_dir: Path | None,
    units: dict[str, str] | None = None,
) -> WideTable:
    check_listed(path, snapshot_dir or root_of(path), base, None, None)  # SOURCES.md's rows
    check_cells(cells.junk, path)
    measures = cells.numbers
    flags, cell_status = status_columns(cells)
    frame = pd.concat([base, measures, flags], axis=1).reset_index(drop=True)
    info = source_info(
        path, table_id, title=title, snapshot_dir=snapshot_dir, rows_read=len(base),
        rows_kept=len(frame), left_out=left_out(cells),
    )
    return WideTable(
        source=info, dimensions=dimensions, measures=list(measures.columns), frame=frame,
        units=units or {}, cell_status=cell_status,
    )


def read_37259eng(path: Path | str, *, snapshot_dir: Path | None = None) -> WideTable:
    """CBS 37259eng (population dynamics per region 2012-2023, English edition).

    ``region_code`` from ``Regions`` (padding stripped), ``region_label`` from
    ``Regions Label``, ``period`` = the key (``2012JJ00``), dimension ``Sex`` = the label
    (``Total male and female``, ``Male``, ``Female``), as CBS's other exports carry labels."""
    path = require_file(Path(path))
    raw = _read(path, sep=",", encoding="utf-8-sig", final_newline=False)  # none at its end
    _require(raw, ["Sex", "Regions", "Regions Label", "Periods"], path)
    base = pd.DataFrame(
        {
            "region_label": raw["Regions Label"],
            "region_code": clean_codes(raw["Regions"]),
            "period": raw["Periods"],
            "Sex": raw["Sex Label"],
        }
    )
    measures = _floats(raw[[c for c in raw.columns if MEASURE.search(c)]])
    return _table(
        path, "37259eng", "Population dynamics; birth, death and migration per region",
        base, measures, ["Sex"], snapshot_dir,
    )


#: the KWB 2019 copy's title: its id ``kwb2019`` (the snapshot's folder) is no StatLine number,
#: so the title gives CBS's (SOURCES.md section 9: table 84583NED), which the reports' list of
#: source tables shows beside the id ('Elke tabel is op StatLine te vinden onder haar nummer')
KWB2019_TITLE = "Kerncijfers wijken en buurten 2019 (gemeenten; op StatLine tabel 84583NED)"


def read_kwb2019(path: Path | str, *, snapshot_dir: Path | None = None) -> WideTable:
    """KWB 2019 municipality rows: ``unique_id`` = GM code, numeric columns = measures,
    period ``2019`` (population on 1 January 2019)."""
    path = require_file(Path(path))
    raw = _read(path, sep=",", encoding="utf-8-sig")
    _require(raw, ["region", "unique_id"], path)
    base = pd.DataFrame(
        {
            "region_label": raw["region"],
            "region_code": clean_codes(raw["unique_id"]),
            "period": "2019",
        }
    )
    measures = _floats(raw.drop(columns=["region", "unique_id"]))
    return _table(
        path, "kwb2019", KWB2019_TITLE, base, measures, [],
        snapshot_dir,
    )


def read_agegroups_2020(path: Path | str, *, snapshot_dir: Path | None = None) -> WideTable:
    """Population by 10-year age group per municipality on 1 January 2020.

    The column ``okt-19`` (an Excel date artefact) is renamed to ``10-19``; ``safetyRegion``
    (an attribute of the municipality, not a dimension) is dropped; period ``2020``."""
    path = require_file(Path(path))
    raw = _read(path, sep=",", encoding="utf-8-sig").rename(columns={"okt-19": "10-19"})
    _require(raw, ["name", "Gemeentecode"], path)
    base = pd.DataFrame(
        {
            "region_label": raw["name"],
            "region_code": clean_codes(raw["Gemeentecode"]),
            "period": "2020",
        }
    )
    measures = _floats(raw.drop(columns=["name", "safetyRegion", "Gemeentecode"], errors="ignore"))
    return _table(
        path, "agegroups2020", "Bevolking naar leeftijdsgroep per gemeente, 1 januari 2020",
        base, measures, [], snapshot_dir,
    )


def read_commuting_matrix(
    path: Path | str,
    labels: RegionLabels | None = None,
    *,
    year: str | None = None,
    snapshot_dir: Path | None = None,
) -> WideTable:
    """A ``Van_YYYY.csv`` commuting matrix (jobs of employees, x 1 000, December).

    No header; row i = residence municipality (ASCII-fied StatLine label), fields 2.. =
    work municipality in the same order. One output row per (work, residence) pair:
    ``region`` = work municipality, dimension ``Woonregio`` = residence municipality code,
    measure ``Banen``; ``-`` = missing, ``0`` = fewer than 50 jobs. Residence rows without
    a code (``Buitenland``, ``Onbekend``: all ``-``) are dropped; the work columns
    ``Buitenland``/``Onbekend`` are kept with ``region_code`` None."""
    path = require_file(Path(path))
    year = year or (m[1] if (m := re.search(r"(\d{4})", path.stem)) else None)
    if year is None:
        raise MalformedSource.worded("no_year_in_name", file=str(path))
    raw = _read(path, sep=";", header=None, encoding="ascii")
    check_listed(path, snapshot_dir or root_of(path), raw, None, None)  # '405 rows x 406 ..'
    n = len(raw)
    if raw.shape[1] != n + 1:
        raise MalformedSource.worded("not_square", file=str(path), rows=n,
                                     fields=raw.shape[1], restore=restore_from(path))
    names = raw[0]
    labels = labels or default_labels(path)
    check_region_labels(names, labels.unknown, path)  # a name edited in a copy: refused
    codes = labels.codes_for(names).to_numpy(dtype=object)
    # row-major: residence i, then work j
    cells = pd.Series(raw.iloc[:, 1:].to_numpy(dtype=object).ravel())
    values = pd.to_numeric(cells.replace("-", ""), errors="coerce")
    if (bad := values.isna() & ~cells.isin(["-", ""])).any():
        raise MalformedSource.worded("non_numeric_cells", file=str(path),
                                     count=int(bad.sum()), restore=restore_from(path))
    frame = pd.DataFrame(
        {
            "region_label": np.tile(names.to_numpy(dtype=object), n),
            "region_code": np.tile(codes, n),
            "period": str(year),
            "Woonregio": np.repeat(codes, n),
            "Banen": values.astype("float64").to_numpy(),
        }
    )
    frame = frame[frame["Woonregio"].notna()].reset_index(drop=True)
    info = source_info(
        path, f"commuting_matrix_{year}",
        title=f"Banen van werknemers; woon- en werkgemeente {year}", snapshot_dir=snapshot_dir,
        rows_read=n * n, rows_kept=len(frame),
    )
    return WideTable(
        source=info, dimensions=["Woonregio"], measures=["Banen"], frame=frame,
        units={"Banen": "x 1 000"},
    )
