"""Municipality history (codes, names, validity, successors) and the region list.

Sources: CBS 70739ned (dates and labels of every GM/CR/PV/LD code since 1830) and RvIG
table 33 (the successor code of every dissolved municipality, state November 2022).

Rules:

* Dates come from 70739ned when the code is there, else from RvIG (a missing RvIG start
  date becomes :data:`SERIES_START`). ``valid_to`` is exclusive: the first day the code no
  longer exists (= ``valid_from`` of the successor).
* ``successor`` comes from RvIG. For a code that ends in 70739ned without an RvIG successor
  (e.g. the 2023 merger of Brielle, Hellevoetsluis and Westvoorne into Voorne aan Zee,
  which is newer than the RvIG snapshot) the successor is *derived*: the code that begins
  on the end date in the same province, but only if exactly one code begins that day in
  that province. Otherwise it stays ``None``; :func:`unresolved_endings` lists those
  (Elten and Tudderen, ceded back to Germany on 1 August 1963).
* Codes that are no municipality (``GM0000``, ``GM0997``-``GM0999``, ``GM1999``) are left out.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

from stadstrends.errors import DataCheckError
from stadstrends.regions.sources import NON_MUNICIPAL, read_herindeling, read_rvig

SERIES_START = dt.date(1830, 1, 1)
LEVELS = ("gemeente", "corop", "provincie", "landsdeel", "land")
_LEVEL_OF_PREFIX = {"GM": "gemeente", "CR": "corop", "PV": "provincie", "LD": "landsdeel"}
HISTORY_COLUMNS = ["code", "name", "cbs_label", "valid_from", "valid_to", "successor"]
REGION_COLUMNS = ["region_code", "name", "level", "valid_from", "valid_to"]
MAX_CHAIN = 50  # far above the real maximum depth (4); deeper means a cycle


def plain_name(labels: pd.Series) -> pd.Series:
    """Strip a trailing CBS/RvIG qualifier: ``'Bergen (NH.)'`` -> ``'Bergen'``."""
    return labels.str.replace(r"\s*\([^()]*\)$", "", regex=True).str.strip()


def _none_if_na(values: pd.Series) -> pd.Series:
    return values.astype(object).where(values.notna(), None)


def _derive_successors(frame: pd.DataFrame) -> pd.Series:
    """Successor by 'the single code beginning on my end date in my province'."""
    ended = frame[frame["valid_to"].notna() & frame["successor"].isna()]
    ended = ended[["code", "province", "valid_to"]].dropna()
    starts = frame[["code", "province", "valid_from"]].rename(
        columns={"code": "candidate", "valid_from": "valid_to"}
    )
    pairs = ended.merge(starts, on=["province", "valid_to"])
    counts = pairs.groupby("code")["candidate"].agg(["count", "first"])
    return counts.loc[counts["count"] == 1, "first"]


def _history_with_province(snapshot_dir: Path) -> pd.DataFrame:
    cbs = read_herindeling(snapshot_dir)
    cbs = cbs[cbs["code"].str.startswith("GM")]
    rvig = read_rvig(snapshot_dir)
    both = cbs.merge(rvig, on="code", how="outer", suffixes=("", "_rvig"), indicator=True)
    both = both[~both["code"].isin(NON_MUNICIPAL)].reset_index(drop=True)
    in_cbs = both["_merge"] != "right_only"
    out = pd.DataFrame(
        {
            "code": both["code"],
            "name": plain_name(both["label"].fillna(both["name"])),
            "cbs_label": _none_if_na(both["label"]),
            "valid_from": both["valid_from"].where(in_cbs, both["valid_from_rvig"]),
            "valid_to": both["valid_to"].where(in_cbs, both["valid_to_rvig"]),
            "successor": _none_if_na(both["successor"]),
            "province": both["province"],
        }
    )
    out["valid_from"] = out["valid_from"].where(out["valid_from"].notna(), SERIES_START)
    out["valid_to"] = _none_if_na(out["valid_to"])
    derived = _derive_successors(out)
    fill = out["code"].map(derived)
    out["successor"] = _none_if_na(out["successor"].where(out["successor"].notna(), fill))
    return out.sort_values("code", ignore_index=True)


def municipality_history(snapshot_dir: Path) -> pd.DataFrame:
    """Every municipality code since 1830: ``code, name, cbs_label, valid_from, valid_to,
    successor`` (dates as ``datetime.date``; ``None`` = still valid / no successor)."""
    return _history_with_province(snapshot_dir)[HISTORY_COLUMNS]


def unresolved_endings(history: pd.DataFrame) -> pd.DataFrame:
    """Municipalities that ended without a known successor."""
    mask = history["valid_to"].notna() & history["successor"].isna()
    return history[mask].reset_index(drop=True)


def current_codes(history: pd.DataFrame, on: dt.date | None = None) -> pd.Series:
    """Codes valid on date ``on`` (default: today)."""
    on = on or dt.date.today()
    valid_to = history["valid_to"]
    alive = (history["valid_from"] <= on) & (valid_to.isna() | (valid_to.fillna(on) > on))
    return history.loc[alive, "code"].reset_index(drop=True)


def region_list(snapshot_dir: Path) -> pd.DataFrame:
    """All regions: ``region_code, name, level, valid_from, valid_to``.

    Levels: gemeente (from :func:`municipality_history`), corop/provincie/landsdeel (from
    70739ned, names without the ``' (CR)'`` suffix) and land (``NL01`` Nederland).
    """
    history = municipality_history(snapshot_dir)
    gm = history.rename(columns={"code": "region_code"}).assign(level="gemeente")
    cbs = read_herindeling(snapshot_dir)
    higher = cbs[~cbs["code"].str.startswith("GM")]
    higher = pd.DataFrame(
        {
            "region_code": higher["code"],
            "name": plain_name(higher["label"]),
            "level": higher["code"].str[:2].map(_LEVEL_OF_PREFIX),
            "valid_from": higher["valid_from"],
            "valid_to": higher["valid_to"],
        }
    )
    land = pd.DataFrame(
        [
            {
                "region_code": "NL01",
                "name": "Nederland",
                "level": "land",
                "valid_from": SERIES_START,
                "valid_to": None,
            }
        ]
    )
    out = pd.concat([gm[REGION_COLUMNS], higher, land], ignore_index=True)
    order = out["level"].map({lvl: i for i, lvl in enumerate(LEVELS)})
    out = out.assign(_o=order).sort_values(["_o", "region_code"]).drop(columns="_o")
    out["valid_to"] = _none_if_na(out["valid_to"])
    return out.reset_index(drop=True)


def final_successor(history: pd.DataFrame) -> pd.DataFrame:
    """Follow successor chains: ``code, final_code, steps`` (``steps`` = hops; 0 = none).

    Iterates one hop per round over the whole frame; raises :class:`DataCheckError` if a
    chain is longer than :data:`MAX_CHAIN` (i.e. the successors contain a cycle).
    """
    successor = history.set_index("code")["successor"].dropna()
    out = pd.DataFrame({"code": history["code"], "final_code": history["code"], "steps": 0})
    for _ in range(MAX_CHAIN):
        nxt = out["final_code"].map(successor)
        moving = nxt.notna()
        if not moving.any():
            return out.reset_index(drop=True)
        out.loc[moving, "final_code"] = nxt[moving]
        out.loc[moving, "steps"] += 1
    stuck = out.loc[out["final_code"].map(successor).notna(), "code"].tolist()
    raise DataCheckError.worded("successor_chain", steps=MAX_CHAIN, count=len(stuck),
                                codes=", ".join(stuck[:5]),
                                details=[{"code": c} for c in stuck[:50]])


def told_apart(regions: pd.DataFrame, members: pd.DataFrame) -> pd.DataFrame:
    """``regions`` (:func:`region_list`'s columns) where municipalities that share a name
    carry their province's after it, as the reports and the website print them:
    'Bergen (Limburg)' (GM0893) and 'Bergen (Noord-Holland)' (GM0373), both current; a former
    municipality whose name another code also bears takes it too: 'Hengelo (Gelderland)'
    (GM0248, part of Bronckhorst since 2005, beside today's Hengelo), 'Valkenburg
    (Zuid-Holland)' (GM0619, part of Katwijk since 2006). A current municipality that alone
    bears its name today keeps it plain (Hengelo, GM0164). A former one without a province
    in ``members`` (ended before 1996) takes CBS's label where it differs ('Sluis (oud)').
    CBS's own labels ('Bergen (L.)') stay in ``label``. ``members``: membership per year
    (``year, gm_code, province_code``), a code's latest year counts. Names stay labels,
    codes the keys: without this a reader could not tell which Bergen or Hengelo was
    meant. Returns ``regions`` itself where no name is shared."""
    municipal = regions["level"] == "gemeente"
    current = municipal & regions["valid_to"].isna()
    shared_now = current & regions["name"].where(current).duplicated(keep=False)
    shared_ever = municipal & regions["name"].where(municipal).duplicated(keep=False)
    told = shared_now | (shared_ever & ~current)
    if not told.any():
        return regions
    latest = members.sort_values("year").drop_duplicates("gm_code", keep="last")
    province = latest.set_index("gm_code")["province_code"]
    province_names = regions[(regions["level"] == "provincie") & regions["valid_to"].isna()
                             ].set_index("region_code")["name"]
    named = regions.loc[told, "region_code"].map(province).map(province_names)
    out = regions.copy()
    out.loc[named.dropna().index, "name"] = (regions["name"] + " (" + named + ")").dropna()
    if "label" in regions:
        unnamed = named.index[named.isna()]
        label = regions.loc[unnamed, "label"]
        other = label.notna() & (label != regions.loc[unnamed, "name"])
        out.loc[other.index[other], "name"] = label[other]
    return out
