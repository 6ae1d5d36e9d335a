"""Peer municipalities: the nearest others on standardised structural indicators.

``build_peers(con)`` reads the values (:func:`~.trends.values_relation`: the rows of the view
``indicator_values`` without its sources), ``regions`` and ``region_sets`` and creates

* ``peers``: region_code, peer_code, peer_rank (1..5), distance, peer_set ('all' or the
  settings' city set), variables (indicator ids used for the pair), year_used (aligned with
  variables), n_variables, region_name, peer_name;
* ``peers_variables``: every candidate variable with the year used, its coverage, mean, SD,
  transform and whether it was used (and why not).

Per structural concept the first candidate indicator that has a value for nearly all current
municipalities (``min_share``) in a recent year (at most ``max_age`` years before the latest
population year) is used, at the latest such year. Variables are z-scored across all current
municipalities. Nothing is imputed: a pair is compared on the variables both have, and the
distance is rescaled by sqrt(k_total / k_common); pairs sharing fewer than half of the
variables are not compared.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import duckdb
import numpy as np
import pandas as pd

from stadstrends.analysis.trends import values_relation
from stadstrends.duck import store_frame
from stadstrends.settings import default_settings


@dataclass(frozen=True)
class Variable:
    """A candidate indicator (optionally divided by another) for one structural concept."""

    concept: str
    indicator_id: str
    transform: str = ""  # '' or 'log'
    denominator: str | None = None
    scale: float = 1.0

    @property
    def name(self) -> str:
        return f"{self.indicator_id}/{self.denominator}" if self.denominator else self.indicator_id


CANDIDATES: list[Variable] = [
    Variable("size", "population", "log"),
    Variable("density", "population_density", "log"),
    Variable("age_65plus", "share_age_65_plus"),
    Variable("age_young", "share_age_15_24"),
    Variable("age_young", "share_age_0_14"),
    Variable("income", "income_disposable_mean"),
    Variable("income", "income_standardised_median"),
    Variable("job_ratio", "job_ratio"),
    Variable("job_ratio", "jobs_employees", denominator="population", scale=1000.0),
    Variable("origin", "share_non_western_background"),
    Variable("origin", "share_migration_background_gf"),
]
N_PEERS = 5


def _current(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return con.execute("""SELECT region_code, name FROM regions
                          WHERE level = 'gemeente' AND valid_to IS NULL
                          ORDER BY region_code""").df()


def _values(con: duckdb.DuckDBPyConnection, codes: list[str]) -> pd.DataFrame:
    ids = sorted({v.indicator_id for v in CANDIDATES} | {v.denominator for v in CANDIDATES
                                                         if v.denominator})
    return con.execute(f"""SELECT indicator_id, region_code, year, value FROM {values_relation(con)}
                           WHERE list_contains(?, indicator_id) AND list_contains(?, region_code)
                        """, [ids, codes]).df()


def _wide(values: pd.DataFrame) -> pd.DataFrame:
    """region x (indicator_id, year) table of ``values`` (long rows ``indicator_id,
    region_code, year, value``, one per key as in ``indicator_values``): pivoted once for
    all candidates."""
    return values.pivot_table(index="region_code", columns=["indicator_id", "year"],
                              values="value", aggfunc="first")


def _series(wide: pd.DataFrame, var: Variable) -> pd.DataFrame:
    """region x year table of the candidate (ratio taken per year, log applied), from
    :func:`_wide`'s table."""
    if var.indicator_id not in wide.columns.get_level_values(0):
        return pd.DataFrame()
    table = wide[var.indicator_id]
    if var.denominator:
        if var.denominator not in wide.columns.get_level_values(0):
            return pd.DataFrame()
        den = wide[var.denominator].reindex(columns=table.columns)
        table = table / den.where(den > 0) * var.scale
    if var.transform == "log":
        table = np.log(table.where(table > 0))
    return table


def select_variables(
    values: pd.DataFrame, codes: list[str], min_share: float = 0.95, max_age: int = 10
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Choose one variable per concept; return (region x variable matrix, variable report)."""
    pop = values.loc[values["indicator_id"] == "population", "year"]
    latest = int(pop.max()) if len(pop) else int(values["year"].max())
    chosen: dict[str, pd.Series] = {}
    report = []
    wide = _wide(values)
    for var in CANDIDATES:
        row = {"concept": var.concept, "variable": var.name, "indicator_id": var.indicator_id,
               "denominator": var.denominator, "transform": var.transform, "year_used": None,
               "n_municipalities": 0, "mean": None, "sd": None}
        table = _series(wide, var).reindex(codes)
        counts = table.notna().sum() if len(table.columns) else pd.Series(dtype=int)
        ok = counts[(counts >= min_share * len(codes)) & (counts.index >= latest - max_age)]
        if var.concept in {v.split(":")[0] for v in chosen}:
            row["status"] = "not needed: an earlier candidate covers this concept"
        elif ok.empty:
            best = (f"{counts.max()} in {counts.index[counts == counts.max()].max()}"
                    if len(counts) else "no values")
            row["status"] = (f"dropped: fewer than {min_share:.0%} of municipalities in any year"
                             f" since {latest - max_age} (best: {best})")
        elif table[ok.index.max()].std(ddof=0) == 0:
            row["status"] = f"dropped: constant in {ok.index.max()}"
        else:
            year = int(ok.index.max())
            series = table[year]
            chosen[f"{var.concept}:{var.name}:{year}"] = series
            row.update(status="used", year_used=year, n_municipalities=int(series.notna().sum()),
                       mean=float(series.mean()), sd=float(series.std(ddof=0)))
        report.append(row)
    matrix = pd.DataFrame(chosen, index=codes)
    report = pd.DataFrame(report).astype({"year_used": "Int64", "denominator": "string"})
    return matrix, report


def distance_matrix(x: np.ndarray, min_common: int | None = None) -> np.ndarray:
    """Euclidean distances between rows of z-scores ``x`` (NaN = missing).

    Each pair uses the variables both rows have, rescaled by sqrt(k / k_common); pairs with
    fewer than ``min_common`` (default: half of k, rounded up) shared variables, and the
    diagonal, get +inf."""
    n, k = x.shape
    need = math.ceil(k / 2) if min_common is None else min_common
    mask = ~np.isnan(x)
    filled = np.where(mask, x, 0.0)
    sq = np.zeros((n, n))
    for v in range(k):  # k is small: one n x n outer difference per variable
        both = np.outer(mask[:, v], mask[:, v])
        sq += np.where(both, (filled[:, v, None] - filled[None, :, v]) ** 2, 0.0)
    common = mask.astype(float) @ mask.T.astype(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        dist = np.sqrt(sq * k / common)
    dist[(common < max(need, 1))] = np.inf
    np.fill_diagonal(dist, np.inf)
    return dist


def nearest(dist: np.ndarray, candidates: np.ndarray, n: int = N_PEERS) -> np.ndarray:
    """Per row the column indices of the ``n`` nearest candidate columns (-1 when fewer)."""
    masked = np.where(candidates[None, :], dist, np.inf)
    order = np.argsort(masked, axis=1, kind="stable")[:, :n]
    finite = np.isfinite(np.take_along_axis(masked, order, axis=1))
    found = np.where(finite, order, -1)
    if found.shape[1] < n:  # fewer columns than n: the missing ones are -1 too
        found = np.pad(found, ((0, 0), (0, n - found.shape[1])), constant_values=-1)
    return found


def peer_table(matrix: pd.DataFrame, names: pd.Series, sets: dict[str, set[str]],
               n: int = N_PEERS) -> pd.DataFrame:
    """Long peers table from a region x variable matrix (columns 'concept:variable:year')."""
    z = zscores(matrix)
    dist = distance_matrix(z)
    codes = matrix.index.to_numpy()
    labels = [c.split(":") for c in matrix.columns]
    mask = ~np.isnan(z)
    rows = []
    for peer_set, members in sets.items():
        idx = nearest(dist, np.isin(codes, list(members)), n)
        for i, j in np.argwhere(idx >= 0):
            p = idx[i, j]
            used = np.flatnonzero(mask[i] & mask[p])
            rows.append({
                "region_code": codes[i], "peer_code": codes[p], "peer_rank": int(j) + 1,
                "distance": float(dist[i, p]), "peer_set": peer_set,
                "variables": [labels[v][1] for v in used],
                "year_used": [int(labels[v][2]) for v in used], "n_variables": len(used)})
    out = pd.DataFrame(rows, columns=["region_code", "peer_code", "peer_rank", "distance",
                                      "peer_set", "variables", "year_used", "n_variables"])
    out["region_name"] = out["region_code"].map(names)
    out["peer_name"] = out["peer_code"].map(names)
    return out.sort_values(["peer_set", "region_code", "peer_rank"], ignore_index=True)


def structural_matrix(con: duckdb.DuckDBPyConnection, min_share: float = 0.95,
                      max_age: int = 10) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(current municipalities ``region_code, name``; their matrix of structural variables,
    columns 'concept:variable:year', NaN where missing; the variable report). Reads
    ``regions`` and ``indicator_values``."""
    current = _current(con)
    codes = current["region_code"].tolist()
    matrix, report = select_variables(_values(con, codes), codes, min_share, max_age)
    return current, matrix, report


def chosen_matrix(con: duckdb.DuckDBPyConnection) -> tuple[pd.DataFrame, pd.DataFrame]:
    """:func:`structural_matrix`'s first two, for the variables :func:`build_peers` chose
    (the used rows of its ``peers_variables``): only their values in the years used are
    read and pivoted, not every candidate's in every year to choose them again (the
    comparison groups' step, after the peers: 0.13 -> 0.045 s of CPU, median of 7
    alternating runs; the same matrix and z-scores)."""
    current = _current(con)
    codes = current["region_code"].tolist()
    used = dict(con.execute("SELECT concept || ':' || variable, year_used FROM peers_variables "
                            "WHERE status = 'used'").fetchall())
    chosen = [(var, int(used[f"{var.concept}:{var.name}"])) for var in CANDIDATES
              if f"{var.concept}:{var.name}" in used]  # in the order of CANDIDATES
    ids = sorted({v.indicator_id for v, _ in chosen} | {v.denominator for v, _ in chosen
                                                         if v.denominator})
    values = con.execute(f"""SELECT indicator_id, region_code, year, value
                             FROM {values_relation(con)}
                             WHERE list_contains(?, indicator_id) AND list_contains(?, year)
                               AND list_contains(?, region_code)""",
                         [ids, sorted({y for _, y in chosen}), codes]).df()
    wide = _wide(values)
    matrix = pd.DataFrame({f"{var.concept}:{var.name}:{year}":
                           _series(wide, var).reindex(codes)[year] for var, year in chosen},
                          index=codes)
    return current, matrix


def zscores(matrix: pd.DataFrame) -> np.ndarray:
    """Column z-scores of ``matrix`` over its rows (population SD), NaN kept."""
    values = matrix.to_numpy(dtype=float)
    return (values - np.nanmean(values, axis=0)) / np.nanstd(values, axis=0)


def build_peers(con: duckdb.DuckDBPyConnection, min_share: float = 0.95,
                max_age: int = 10, city_set: str | None = None) -> dict[str, int]:
    """Create ``peers`` and ``peers_variables``; return their row counts. Peers are chosen
    among all municipalities ('all') and among the cities of ``city_set`` (the settings')."""
    city_set = city_set or default_settings().city_set
    current, matrix, report = structural_matrix(con, min_share, max_age)
    codes = current["region_code"].tolist()
    cities = {r[0] for r in con.execute(
        "SELECT region_code FROM region_sets WHERE set_id = ?", [city_set]).fetchall()}
    sets = {"all": set(codes), city_set: cities & set(codes)}
    peers = peer_table(matrix, current.set_index("region_code")["name"], sets)
    store_frame(con, "peers", peers)
    store_frame(con, "peers_variables", report)
    return {"peers": len(peers), "peers_variables": len(report)}
