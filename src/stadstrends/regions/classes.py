"""CBS size and urbanity classes of the current municipalities (Gebieden in Nederland).

Every edition of Gebieden in Nederland gives each municipality CBS's *gemeentegrootte*
class (1 = fewer than 5 000 inhabitants ... 8 = 250 000 or more) and its *stedelijkheid*
(1 = zeer sterk stedelijk, 2 500 or more addresses per km², ... 5 = niet stedelijk, fewer
than 500), each as a ``Code_k`` column followed by its description. The column numbers
shift between editions, so the pair is found by its descriptions ("... inwoners",
"... stedelijk"). Only the latest edition is read: it describes the municipalities of the
reference year (the comparison groups are about today's municipalities).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from stadstrends.errors import MalformedSource
from stadstrends.regions.sources import edition_paths, read_edition

CLASS_COLUMNS = ["region_code", "year", "size_class", "urbanity_class", "inhabitants",
                 "address_density"]
#: class kind -> (pattern every description matches, allowed class codes)
_KINDS = {
    "size_class": (r"\d inwoners", set(range(1, 9))),
    "urbanity_class": (r"stedelijk$", set(range(1, 6))),
}


def _class_column(raw: pd.DataFrame, pattern: str, table_id: str) -> str:
    """The ``Code_k`` column whose next column's descriptions all match ``pattern``."""
    columns = list(raw.columns)
    for code_col, text_col in zip(columns, columns[1:], strict=False):
        if code_col.startswith("Code_") and raw[text_col].str.contains(pattern).all():
            return code_col
    raise MalformedSource.worded("no_class_column", table=table_id, pattern=pattern)


def municipality_classes(snapshot_dir: Path, year: int) -> pd.DataFrame:
    """``region_code, year, size_class (1-8), urbanity_class (1-5), inhabitants,
    address_density`` (omgevingsadressendichtheid, addresses per km²) for every municipality
    of the latest Gebieden in Nederland edition, which must describe ``year``.

    Raises MalformedSource when the edition's classes cannot be found or hold other codes."""
    from stadstrends.regions.membership import edition_year

    paths = edition_paths(snapshot_dir)
    table_id = max(paths, key=edition_year)
    if edition_year(table_id) != year:
        raise MalformedSource.worded("edition_not_reference", table=table_id,
                                     described=edition_year(table_id), year=year)
    raw = read_edition(paths[table_id])
    out = pd.DataFrame({"region_code": raw["Code_1"].str.strip(), "year": year})
    for kind, (pattern, allowed) in _KINDS.items():
        codes = pd.to_numeric(raw[_class_column(raw, pattern, table_id)], errors="coerce")
        bad = raw.loc[~codes.isin(allowed), "Code_1"]
        if not bad.empty:
            raise MalformedSource.worded("class_outside", table=table_id, kind=kind,
                                         low=min(allowed), high=max(allowed),
                                         codes=", ".join(bad.head(5)), details=bad.tolist())
        out[kind] = codes.astype("int64")
    for name, prefix in (("inhabitants", "Inwonertal"), ("address_density", "Omgevings")):
        col = next((c for c in raw.columns if c.startswith(prefix)), None)
        out[name] = pd.to_numeric(raw[col], errors="coerce") if col else float("nan")
    if not out["region_code"].str.fullmatch(r"GM\d{4}").all():
        raise MalformedSource.worded("edition_not_gm", table=table_id)
    return out[CLASS_COLUMNS].sort_values("region_code", ignore_index=True)
