"""Municipality -> COROP / province membership per year from Gebieden in Nederland.

CBS published one edition per year (1996-2025, 30 tables). The year of an edition is not
in the file; :data:`EDITIONS` records it (inferred from the number of municipalities,
which equals the official count on 1 January, and the table-number order for equal
counts). Column meaning shifts per edition; :data:`EDITION_COLUMNS` records the COROP and
province column of each (found once with :func:`detect_columns`, which ``edition_columns``
still runs for a new edition). A build reads only those columns and checks them set-based:

* from 2013 (82000NED) codes carry a prefix; the COROP and province columns are the
  ``Code_*`` columns whose values all look like ``CR..`` and ``PV..``;
* before 2013 codes are bare numbers; the COROP (province) column is the ``Code_k``/
  ``Naam_k+1`` pair whose numbers, read as ``CR%02d`` (``PV%02d``), carry the name 70739ned
  gives that code for (nearly) every row. Municipality codes are ``Code_1`` -> ``GM%04d``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

import pandas as pd

from stadstrends.errors import MalformedSource, phrase
from stadstrends.ingest.edge import restore_hint
from stadstrends.regions.sources import edition_paths, read_edition, read_herindeling

#: table id -> edition year (situation on 1 January), with the municipality count.
EDITIONS: dict[str, tuple[int, int]] = {
    "GIR96": (1996, 625),
    "gir97": (1997, 572),
    "7249PCR": (1998, 548),
    "7427PCR": (1999, 538),
    "37144gin": (2000, 537),
    "37194": (2001, 504),
    "60049GIN": (2002, 496),
    "70174NED": (2003, 489),
    "70785NED": (2004, 483),
    "70931NED": (2005, 467),
    "71110NED": (2006, 458),
    "71377NED": (2007, 443),
    "71539ned": (2008, 443),
    "72014ned": (2009, 441),
    "80397ned": (2010, 431),
    "81008ned": (2011, 418),
    "81498ned": (2012, 415),
    "82000NED": (2013, 408),
    "82496NED": (2014, 403),
    "82949NED": (2015, 393),
    "83287NED": (2016, 390),
    "83553NED": (2017, 388),
    "83859NED": (2018, 380),
    "84378NED": (2019, 355),
    "84721NED": (2020, 355),
    "84929NED": (2021, 352),
    "85067NED": (2022, 345),
    "85385NED": (2023, 342),
    "85755NED": (2024, 342),
    "86059NED": (2025, 342),
}
#: table id -> (COROP column, province column), as :func:`detect_columns` finds them
EDITION_COLUMNS: dict[str, tuple[str, str]] = {
    "GIR96": ("Code_11", "Code_41"), "gir97": ("Code_11", "Code_39"),
    "7249PCR": ("Code_11", "Code_39"), "7427PCR": ("Code_11", "Code_39"),
    "37144gin": ("Code_11", "Code_45"), "37194": ("Code_11", "Code_45"),
    "60049GIN": ("Code_11", "Code_45"), "70174NED": ("Code_11", "Code_45"),
    "70785NED": ("Code_11", "Code_43"), "70931NED": ("Code_10", "Code_46"),
    "71110NED": ("Code_8", "Code_32"), "71377NED": ("Code_8", "Code_32"),
    "71539ned": ("Code_8", "Code_34"), "72014ned": ("Code_8", "Code_34"),
    "80397ned": ("Code_8", "Code_32"), "81008ned": ("Code_6", "Code_30"),
    "81498ned": ("Code_6", "Code_30"), "82000NED": ("Code_6", "Code_30"),
    "82496NED": ("Code_8", "Code_34"), "82949NED": ("Code_8", "Code_34"),
    "83287NED": ("Code_8", "Code_34"), "83553NED": ("Code_8", "Code_32"),
    "83859NED": ("Code_8", "Code_32"), "84378NED": ("Code_8", "Code_26"),
    "84721NED": ("Code_8", "Code_26"), "84929NED": ("Code_8", "Code_26"),
    "85067NED": ("Code_8", "Code_26"), "85385NED": ("Code_10", "Code_28"),
    "85755NED": ("Code_10", "Code_28"), "86059NED": ("Code_10", "Code_28"),
}
MEMBERSHIP_COLUMNS = ["year", "gm_code", "corop_code", "province_code", "inhabitants"]
MIN_NAME_MATCH = 0.9  # share of rows whose name must match 70739ned for a bare-number column


@lru_cache(maxsize=4096)
def _key_of(text: str) -> str:
    ascii_ = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _NOT_KEY.sub("", ascii_.lower())


_NOT_KEY = re.compile(r"[^a-z0-9]")


def _key(text: pd.Series) -> pd.Series:
    """Accent/case/punctuation-free comparison key (NFKD, ASCII, lower), once per distinct
    name: the 30 editions repeat the same few hundred (0.2 s of CPU as pandas string
    operations per edition)."""
    text = text.astype(str)
    return text.map(_key_of).astype(text.dtype)


def known_names(snapshot_dir: Path) -> pd.DataFrame:
    """``code, key``: accepted name keys of every CR/PV code in 70739ned.

    A province has two names there: the label (``'Fryslân (PV)'``) and ``Provincie_4``
    (``'Friesland'``); older editions use the latter.
    """
    cbs = read_herindeling(snapshot_dir)
    cbs = cbs[cbs["code"].str.match(r"(CR|PV)")]
    label = cbs["label"].str.replace(r"\s*\((CR|PV)\)$", "", regex=True)
    names = pd.concat(
        [
            pd.DataFrame({"code": cbs["code"], "key": _key(label)}),
            pd.DataFrame({"code": cbs["code"], "key": _key(cbs["province"].fillna(""))}),
        ]
    )
    return names[names["key"] != ""].drop_duplicates(ignore_index=True)


def _pairs(columns: list[str]) -> list[tuple[str, str]]:
    """``(Code_k, Naam_k+1)`` column pairs."""
    return [
        (a, b)
        for a, b in zip(columns, columns[1:], strict=False)
        if a.startswith("Code_") and b.startswith("Naam_")
    ]


def _prefixed_column(raw: pd.DataFrame, prefix: str) -> str:
    hits = [
        c
        for c in raw.columns
        if c.startswith("Code_") and raw[c].str.fullmatch(prefix + r"\d{2}").all()
    ]
    if len(hits) != 1:
        raise MalformedSource.worded("edition_columns_found", prefix=prefix,
                                     found=", ".join(hits) or "-")
    return hits[0]


def _numbered_column(raw: pd.DataFrame, prefix: str, names: pd.DataFrame) -> str:
    """The Code column whose numbers, as ``prefix%02d``, best match the known names."""
    accepted = set(zip(names["code"], names["key"], strict=True))
    scores: dict[str, float] = {}
    for code_col, name_col in _pairs(list(raw.columns)):
        if not raw[code_col].str.fullmatch(r"\d{1,2}").all():
            continue
        codes = prefix + raw[code_col].str.zfill(2)
        hits = [pair in accepted for pair in zip(codes, _key(raw[name_col]), strict=True)]
        scores[code_col] = sum(hits) / len(raw)
    best = max(scores, key=scores.__getitem__, default=None)
    ranked = sorted(scores.values(), reverse=True)
    if best is None or scores[best] < MIN_NAME_MATCH or (len(ranked) > 1 and ranked[1] >= 0.5):
        raise MalformedSource.worded("edition_column_unclear", prefix=prefix, scores=", ".join(
            f"{c} {s:.2f}" for c, s in scores.items()) or "-")
    return best


def _name_share(raw: pd.DataFrame, code_col: str, prefix: str, names: pd.DataFrame) -> float:
    """Share of rows whose ``prefix%02d`` code and next ``Naam_`` column match 70739ned."""
    name_col = f"Naam_{int(code_col.split('_')[1]) + 1}"
    if name_col not in raw.columns:
        return 0.0
    pairs = pd.DataFrame({"code": prefix + raw[code_col].str.zfill(2),
                          "key": _key(raw[name_col])})
    hits = pairs.merge(names.drop_duplicates(), on=["code", "key"], how="inner")
    return len(hits) / len(raw)


def _name_columns(table_id: str) -> list[str]:
    return [f"Naam_{int(c.split('_')[1]) + 1}" for c in EDITION_COLUMNS[table_id]]


def known_columns(raw: pd.DataFrame, table_id: str, names: pd.DataFrame,
                  path: Path | None = None) -> tuple[str, str]:
    """The recorded ``(corop_column, province_column)`` of an edition, checked set-based:
    prefixed codes must all look like ``CR..``/``PV..``; bare numbers must carry the 70739ned
    name for at least :data:`MIN_NAME_MATCH` of the rows. Raises :class:`MalformedSource`
    naming the file (``path``) and, for prefixed codes, the first line that breaks it."""
    columns = EDITION_COLUMNS[table_id]
    prefixed = raw["Code_1"].str.startswith("GM").all()
    for column, prefix in zip(columns, ("CR", "PV"), strict=True):
        values = raw[column] if column in raw.columns else pd.Series([""])
        bad = ~values.str.fullmatch(prefix + r"\d{2}" if prefixed else r"\d{1,2}")
        ok = not bad.any() and (prefixed or _name_share(raw, column, prefix, names)
                                >= MIN_NAME_MATCH)
        if not ok:
            name = str(path) if path else table_id
            where = (phrase("edition_where", line=int(bad.idxmax()) + 2,
                            found=str(values[bad].iloc[0]))
                     if bad.any() and column in raw.columns else {"en": ""})
            raise MalformedSource.worded(
                "edition_codes_wrong", file=name, column=column, prefix=prefix, table=table_id,
                where=where, restore=restore_hint(path) if path else phrase("damaged_plain"))
    return columns


def detect_columns(raw: pd.DataFrame, names: pd.DataFrame) -> tuple[str, str]:
    """``(corop_column, province_column)`` of one edition (``Code_*`` column names)."""
    if raw["Code_1"].str.startswith("GM").all():
        return _prefixed_column(raw, "CR"), _prefixed_column(raw, "PV")
    return _numbered_column(raw, "CR", names), _numbered_column(raw, "PV", names)


@lru_cache(maxsize=8192)
def _code_of(value: str, prefix: str, width: int) -> str | None:
    """``prefix`` + the digits of ``value`` (with or without the prefix) padded to
    ``width``; None when they are not all digits."""
    digits = value[len(prefix):] if value.startswith(prefix) else value
    return prefix + digits.zfill(width) if _DIGITS.fullmatch(digits) else None


_DIGITS = re.compile(r"\d+", re.ASCII)


def _clean_code(values: pd.Series, prefix: str, width: int) -> pd.Series:
    """Codes as ``prefix`` + ``width`` digits, once per distinct value (the editions repeat
    them)."""
    codes = values.map(lambda v: _code_of(v, prefix, width))
    if codes.isna().any():
        raise MalformedSource.worded("edition_codes_text", prefix=prefix,
                                     found=", ".join(sorted(set(values))[:5]))
    return codes.astype(values.dtype)


def parse_edition(raw: pd.DataFrame, year: int, names: pd.DataFrame,
                  table_id: str | None = None, path: Path | None = None) -> pd.DataFrame:
    """One edition -> ``year, gm_code, corop_code, province_code, inhabitants`` (the
    edition's ``Inwonertal``, used to apportion boundary corrections; NaN when absent).
    With ``table_id`` the recorded columns are used (:func:`known_columns`), else detected."""
    corop_col, province_col = (known_columns(raw, table_id, names, path) if table_id
                               else detect_columns(raw, names))
    count = next((c for c in raw.columns if c.startswith("Inwonertal")), None)
    inhabitants = (pd.to_numeric(raw[count].str.strip(), errors="coerce") if count
                   else pd.Series(float("nan"), index=raw.index))
    return pd.DataFrame(
        {
            "year": year,
            "gm_code": _clean_code(raw["Code_1"], "GM", 4),
            "corop_code": _clean_code(raw[corop_col], "CR", 2),
            "province_code": _clean_code(raw[province_col], "PV", 2),
            "inhabitants": inhabitants.astype("float64"),
        }
    )


def _editions(snapshot_dir: Path) -> dict[str, Path]:
    paths = edition_paths(snapshot_dir)
    unknown = sorted(set(paths) - set(EDITIONS))
    if unknown:
        raise MalformedSource.worded("editions_unknown", tables=", ".join(unknown))
    return paths


def edition_columns(snapshot_dir: Path) -> pd.DataFrame:
    """Per edition: ``table_id, year, rows, corop_column, province_column``."""
    names = known_names(snapshot_dir)
    rows = []
    for table_id, path in _editions(snapshot_dir).items():
        raw = read_edition(path)
        corop_col, province_col = detect_columns(raw, names)
        rows.append((table_id, EDITIONS[table_id][0], len(raw), corop_col, province_col))
    cols = ["table_id", "year", "rows", "corop_column", "province_column"]
    return pd.DataFrame(rows, columns=cols).sort_values("year", ignore_index=True)


def membership(snapshot_dir: Path) -> pd.DataFrame:
    """``year, gm_code, corop_code, province_code, inhabitants`` over all editions
    (1996-2025)."""
    names = known_names(snapshot_dir)
    frames = []
    for table_id, path in _editions(snapshot_dir).items():
        year, expected = EDITIONS[table_id]
        raw = read_edition(path, [*EDITION_COLUMNS[table_id], *_name_columns(table_id)])
        if len(raw) != expected:
            raise MalformedSource.worded("edition_count", file=str(path), count=len(raw),
                                         expected=expected, year=year,
                                         restore=restore_hint(path))
        frames.append(parse_edition(raw, year, names, table_id, path))
    out = pd.concat(frames, ignore_index=True)
    return out.sort_values(["year", "gm_code"], ignore_index=True)[MEMBERSHIP_COLUMNS]


def edition_year(table_id: str) -> int:
    """Year of a Gebieden in Nederland table id (case-insensitive)."""
    lookup = {k.lower(): v[0] for k, v in EDITIONS.items()}
    try:
        return lookup[table_id.lower()]
    except KeyError:
        raise MalformedSource.worded("editions_unknown", tables=table_id) from None
