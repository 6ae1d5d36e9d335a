"""Readers for the raw region sources in a snapshot directory.

Every reader returns a DataFrame of stripped strings with clean codes (``GM0363``,
``CR17``, ``PV27``, ``LD01``); padding and prefixes are handled here once, so the rest of
the ``regions`` stage works on tidy frames only.
"""

from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path

import pandas as pd

from stadstrends.errors import MalformedSource
from stadstrends.ingest.edge import check_lines, check_utf8, restore_hint
from stadstrends.ingest.listing import check_folder, check_listed, root_of

HERINDELING = Path("cbs_statline_dump/herindeling/70739ned.csv")
RVIG = Path("rvig_gemeententabel/Tabel33_Gemeententabel_utf8.csv")
GEBIEDEN_DIR = Path("cbs_statline_dump/gebieden_in_nederland")

#: GM-like codes that are no municipality (RvIG "Niet GBA"/RNI, CBS "Buitenland").
NON_MUNICIPAL = frozenset({"GM0000", "GM0997", "GM0998", "GM0999", "GM1999"})

_RVIG_COLUMNS = {
    "92.10 Gemeentecode": "code",
    "92.11 Omschrijving": "name",
    "92.12 Nieuwe code": "successor",
    "99.98 Datum ingang": "valid_from",
    "99.99 Datum einde": "valid_to",
}


def _read_csv(path: Path, required: list[str], **kwargs: object) -> pd.DataFrame:
    """Read a CSV as stripped strings ('' = empty) and check its columns; a row with too
    few or too many fields is refused naming the file and the line (before pandas, which
    pads a short row and drops extra fields where ``usecols`` is given), a file with fewer
    rows or region labels (``RegioS``; ``Gemeenten`` in the editions 1996-2002) than the
    snapshot's SOURCES.md lists for it as short
    (:func:`~stadstrends.ingest.listing.check_listed`; Gebieden in Nederland, 70739ned)."""
    if not path.exists():
        raise MalformedSource.worded("region_source_missing", path=str(path))
    data = path.read_bytes()
    check_lines(data, path, str(kwargs.get("sep", ",")))
    try:
        frame = pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False, **kwargs)
    except (ValueError, UnicodeDecodeError, pd.errors.ParserError) as exc:
        if isinstance(exc, UnicodeDecodeError):
            check_utf8(data, path)  # names the line and byte
        said = " ".join(str(exc).split())  # pandas' text on one line
        raise MalformedSource.worded("region_csv_unreadable", file=str(path), path=str(path),
                                     detail=said, restore=restore_hint(path)) from exc
    missing = [c for c in required if c not in frame.columns]
    if missing:
        raise MalformedSource.worded("region_columns_missing", file=str(path),
                                     missing=", ".join(missing),
                                     found=", ".join(frame.columns[:12]),
                                     restore=restore_hint(path))
    frame = frame.apply(lambda s: s.str.strip())
    region = next((c for c in ("RegioS", "Gemeenten") if c in frame.columns), None)
    check_listed(path, root_of(path), frame, region, None)  # a file cut at a row boundary
    return frame


def _yyyymmdd(values: pd.Series) -> pd.Series:
    """``'20230101'`` -> ``datetime.date``; empty -> ``None``."""
    parsed = pd.to_datetime(values.where(values != ""), format="%Y%m%d", errors="coerce")
    return pd.Series(parsed.dt.date, index=values.index, dtype=object).where(parsed.notna(), None)


def read_herindeling(snapshot_dir: Path) -> pd.DataFrame:
    """CBS 70739ned: one row per GM/CR/PV/LD code since 1830.

    Columns: ``code``, ``label`` (the StatLine label, e.g. ``'Groningen (gemeente)'``,
    ``'Drenthe (PV)'``), ``province`` (province name as written there, e.g. ``'Friesland'``),
    ``valid_from`` (date), ``valid_to`` (date or ``None``; exclusive: the first day on
    which the code no longer exists). Dates come from the ``*Sorteerveld`` columns.
    Read once per file version (cached on path, size and mtime; each call gets a copy).
    """
    path = Path(snapshot_dir) / HERINDELING
    stat = path.stat() if path.exists() else None
    key = (stat.st_size, stat.st_mtime_ns) if stat else None
    return _herindeling(str(path.resolve()), key).copy()


@lru_cache(maxsize=4)
def _herindeling(path: str, _version: tuple[int, int] | None) -> pd.DataFrame:
    raw = _read_csv(
        Path(path),
        [
            "RegioS",
            "GebiedsOfGemeentecode_3",
            "Provincie_4",
            "BegindatumSorteerveld_6",
            "EinddatumSorteerveld_7",
        ],
        sep=";",
        encoding="utf-8-sig",
    )
    out = pd.DataFrame(
        {
            "code": raw["GebiedsOfGemeentecode_3"],
            "label": raw["RegioS"],
            "province": raw["Provincie_4"].astype(object).where(raw["Provincie_4"] != "", None),
            "valid_from": _yyyymmdd(raw["BegindatumSorteerveld_6"]),
            "valid_to": _yyyymmdd(raw["EinddatumSorteerveld_7"]),
        }
    )
    if not out["code"].str.fullmatch(r"(GM\d{4}|CR\d{2}|PV\d{2}|LD\d{2})").all():
        raise MalformedSource.worded("crosswalk_bad_codes", path=str(HERINDELING))
    return out


def read_rvig(snapshot_dir: Path) -> pd.DataFrame:
    """RvIG table 33: ``code``, ``name``, ``successor`` (code or ``None``), dates.

    4-digit codes get the ``GM`` prefix; ``valid_from``/``valid_to`` are dates or ``None``.
    """
    raw = _read_csv(Path(snapshot_dir) / RVIG, list(_RVIG_COLUMNS))
    out = raw[list(_RVIG_COLUMNS)].rename(columns=_RVIG_COLUMNS)
    if not out["code"].str.fullmatch(r"\d{4}").all():
        raise MalformedSource.worded("rvig_bad_codes", path=str(RVIG))
    out["code"] = "GM" + out["code"]
    successor = ("GM" + out["successor"]).astype(object)
    out["successor"] = successor.where(out["successor"] != "", None)
    out["valid_from"] = _yyyymmdd(out["valid_from"])
    out["valid_to"] = _yyyymmdd(out["valid_to"])
    return out


def edition_paths(snapshot_dir: Path) -> dict[str, Path]:
    """All Gebieden in Nederland editions: table id (file stem) -> path. Every edition the
    snapshot's SOURCES.md lists must be there (a deleted one would drop its year's
    municipalities, or move the reference year):
    :func:`~stadstrends.ingest.listing.check_folder`."""
    folder = Path(snapshot_dir) / GEBIEDEN_DIR
    paths = {p.stem: p for p in sorted(folder.glob("*.csv"))}
    if not paths:
        raise MalformedSource.worded("no_editions", path=str(folder))
    check_folder(folder, Path(snapshot_dir), [p.name for p in paths.values()])
    return paths


def read_edition(path: Path, columns: list[str] | None = None) -> pd.DataFrame:
    """One Gebieden in Nederland edition as stripped strings: all columns, or only
    ``Code_1``, ``columns`` and the ``Inwonertal*`` column (when present)."""
    if columns is None:
        return _read_csv(Path(path), ["Code_1"], sep=";", encoding="utf-8-sig")
    wanted = {"Code_1", *columns}
    return _read_csv(Path(path), ["Code_1"], sep=";", encoding="utf-8-sig",
                     usecols=lambda c: c in wanted or c.startswith("Inwonertal"))
