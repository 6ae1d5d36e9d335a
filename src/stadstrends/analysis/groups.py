"""Comparison groups: every group a municipality can be compared with, as one table.

``build_groups(con)`` reads ``region_sets``, ``region_set_labels``, ``regions`` and
``municipality_classes`` (regions stage), ``indicator_values`` (indicators stage) and
``peers_variables`` (the structural variables the peers step chose), adds
the data-driven groups configured in ``typology.yaml`` and creates

* ``comparison_group_members``: ``set_id, focal_code, region_code, peer_rank``: the current
  municipalities of each group. ``focal_code`` is NULL for groups that are the same for
  everyone (a named region set, GK5, PV23, TY3, ...) and the municipality the group belongs to for
  ``PEERS`` (that municipality and its ``n`` structurally nearest others; ``peer_rank`` 0 for
  it, 1..n for them, nearest first, so that a page can list them in order; else NULL);
* ``comparison_groups``: ``set_id, family, label_nl, label_en, n_members, population_year``
  (for ``PEERS`` ``n_members`` is the size of each municipality's group, the same for all;
  ``population_year``: for a size group the year on whose 1 January population CBS classed
  the municipalities (``municipality_classes.year``, the Gebieden in Nederland edition),
  else NULL);
* ``typology``: ``region_code, set_id, distance, n_variables``: each municipality's type
  (k-means on the standardised structural variables of the peers step) and its distance
  to the type centre, in standard deviations;
* ``typology_types``: ``set_id, concept, side, z``: the two variables that name each type.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import duckdb
import numpy as np
import pandas as pd
from pydantic import BaseModel, ConfigDict, Field

from stadstrends.analysis.peers import chosen_matrix, distance_matrix, nearest, zscores
from stadstrends.analysis.trends import row_count
from stadstrends.duck import store_frame
from stadstrends.errors import CatalogueError
from stadstrends.labels import Label
from stadstrends.yamlfiles import read_yaml

CONFIG_FILE = Path(__file__).with_name("typology.yaml")
PEERS_SET = "PEERS"
TYPE_PREFIX = "TY"


class Typology(BaseModel):
    model_config = ConfigDict(extra="forbid")
    k: int = Field(ge=2, le=20)
    random_state: int = 0
    n_init: int = Field(default=20, ge=1)
    label: Label  # a type's label: {n} its number, {words} the two variables' words
    words: dict[str, dict[Literal["high", "low"], Label]]


class GroupsConfig(BaseModel):
    """The validated ``typology.yaml``."""

    model_config = ConfigDict(extra="forbid")
    peers: dict[Literal["n"], int]
    typology: Typology
    labels: dict[Literal["peers", "country", "province", "corop"], Label]


def load_config(path: Path = CONFIG_FILE) -> GroupsConfig:
    """Read and validate ``typology.yaml``; raises YAMLFileError (a CatalogueError) naming
    the problem."""
    return read_yaml(path, "the comparison-group settings", GroupsConfig)


def _kmeans(data: np.ndarray, k: int, seed: int, iterations: int = 100
            ) -> tuple[np.ndarray, np.ndarray]:
    """scipy's ``kmeans2(data, k, iter=iterations, minit="++", seed=seed)``, one iteration
    at a time, stopped at the first that leaves every assignment as it was: from there
    every iteration gives the same centres (the means of the same rows; a type without
    rows keeps its centre) and assignments, so the result is that of all ``iterations``.
    On the real data the 20 starts settle after 8-34 of the 100 iterations (equal centres
    and assignments in all 20, and for k = 2..11): cluster_types 0.09 -> 0.04 s of CPU
    (median of 7 alternating runs)."""
    from scipy.cluster.vq import kmeans2

    centres, assigned = kmeans2(data, k, iter=1, minit="++", seed=seed)
    for _ in range(iterations - 1):
        centres, again = kmeans2(data, centres, iter=1, minit="matrix")
        if np.array_equal(again, assigned):
            break
        assigned = again
    return centres, assigned


def cluster_types(z: np.ndarray, k: int, random_state: int = 0,
                  n_init: int = 20) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """k-means (scipy, the best of ``n_init`` k-means++ starts) on the rows of ``z``
    (municipalities x standardised variables, NaN = missing).

    Fitted on the complete rows; a row with missing values joins the nearest centre on the
    variables it has (rescaled as in :func:`peers.distance_matrix`). Types are numbered by
    descending first variable of their centre (the size variable first: type 1 = largest).
    Returns (type index 0..k-1 per row, distance to its centre, centres k x variables)."""
    complete = ~np.isnan(z).any(axis=1)
    if complete.sum() < k:
        raise CatalogueError.worded("typology_too_few", count=int(complete.sum()), k=k)
    data = z[complete]
    best, best_inertia = None, np.inf
    for seed in range(random_state, random_state + n_init):  # n_init k-means++ starts
        centres, assigned = _kmeans(data, k, seed)
        inertia = ((data - centres[assigned]) ** 2).sum()
        if inertia < best_inertia and len(np.unique(assigned)) == k:
            best, best_inertia = centres, inertia
    if best is None:
        raise CatalogueError.worded("typology_empty", k=k)
    centres = best[np.argsort(-best[:, 0], kind="stable")]
    mask = ~np.isnan(z)
    diff = np.where(mask[:, None, :], z[:, None, :] - centres[None, :, :], 0.0)
    shared = mask.sum(axis=1)[:, None]
    dist = np.sqrt((diff ** 2).sum(axis=2) * z.shape[1] / np.maximum(shared, 1))
    labels = dist.argmin(axis=1)
    return labels, dist[np.arange(len(z)), labels], centres


def type_names(centres: np.ndarray, concepts: list[str], config: Typology) -> pd.DataFrame:
    """``set_id, concept, side, z, rank`` of the two variables furthest from the mean per
    type centre (``side`` 'high'/'low')."""
    rows = []
    for t, centre in enumerate(centres):
        for rank, v in enumerate(np.argsort(-np.abs(centre), kind="stable")[:2], start=1):
            rows.append((f"{TYPE_PREFIX}{t + 1}", concepts[v],
                         "high" if centre[v] > 0 else "low", float(centre[v]), rank))
    return pd.DataFrame(rows, columns=["set_id", "concept", "side", "z", "rank"])


def _type_labels(names: pd.DataFrame, config: Typology) -> pd.DataFrame:
    words = {(c, side, lang): getattr(w, lang) for c, sides in config.words.items()
             for side, w in sides.items() for lang in ("nl", "en")}
    rows = []
    for set_id, part in names.groupby("set_id", sort=True):
        pairs = list(zip(part["concept"], part["side"], strict=True))
        nl = ", ".join(words[(c, s, "nl")] for c, s in pairs)
        en = ", ".join(words[(c, s, "en")] for c, s in pairs)
        n = set_id[len(TYPE_PREFIX):]
        # the type's profile, not each member's (typology.yaml's label)
        rows.append((set_id, "typology", config.label.nl.format(n=n, words=nl),
                     config.label.en.format(n=n, words=en)))
    return pd.DataFrame(rows, columns=["set_id", "family", "label_nl", "label_en"])


GEO_LABELS_SQL = """
SELECT s.set_id,
       CASE WHEN s.set_id = 'NL01' THEN 'country'
            WHEN s.set_id LIKE 'PV%' THEN 'province' ELSE 'corop' END AS family,
       CASE WHEN s.set_id = 'NL01' THEN $country_nl
            WHEN s.set_id LIKE 'PV%' THEN replace($province_nl, '{name}', r.name)
            ELSE replace($corop_nl, '{name}', r.name) END AS label_nl,
       CASE WHEN s.set_id = 'NL01' THEN $country_en
            WHEN s.set_id LIKE 'PV%' THEN replace($province_en, '{name}', r.name)
            ELSE replace($corop_en, '{name}', r.name) END AS label_en
FROM (SELECT DISTINCT set_id FROM region_sets
      WHERE set_id = 'NL01' OR set_id LIKE 'PV%' OR set_id LIKE 'CR%') s
LEFT JOIN regions r ON r.region_code = s.set_id
"""

MEMBERS_SQL = """
CREATE OR REPLACE TABLE comparison_group_members AS
SELECT s.set_id, NULL::VARCHAR AS focal_code, s.region_code, NULL::INTEGER AS peer_rank
FROM region_sets s
JOIN regions r ON r.region_code = s.region_code AND r.level = 'gemeente' AND r.valid_to IS NULL
UNION ALL SELECT set_id, NULL, region_code, NULL FROM typology
UNION ALL SELECT set_id, focal_code, region_code, peer_rank FROM peer_group_members
ORDER BY set_id, focal_code, region_code
"""

GROUPS_SQL = """
CREATE OR REPLACE TABLE comparison_groups AS
WITH labels AS (
    SELECT set_id, family, label_nl, label_en FROM region_set_labels
    UNION ALL ({geo})
    UNION ALL SELECT set_id, family, label_nl, label_en FROM group_labels
),
sizes AS (
    SELECT set_id, max(n) AS n_members FROM (
        SELECT set_id, focal_code, count(*) AS n FROM comparison_group_members GROUP BY ALL)
    GROUP BY set_id
)
SELECT l.set_id, l.family, l.label_nl, l.label_en, s.n_members::INTEGER AS n_members,
       CASE WHEN l.family = 'size' THEN (SELECT max(year) FROM municipality_classes)
            END::INTEGER AS population_year
FROM labels l JOIN sizes s USING (set_id)
ORDER BY l.family, l.set_id
"""


def build_groups(con: duckdb.DuckDBPyConnection, config: GroupsConfig | None = None
                 ) -> dict[str, int]:
    """Create the comparison-group tables (see the module docstring); returns row counts."""
    config = config or load_config()
    current, matrix = chosen_matrix(con)
    codes = current["region_code"].to_numpy()
    concepts = [c.split(":")[0] for c in matrix.columns]
    z = zscores(matrix)
    t = config.typology
    labels, dist, centres = cluster_types(z, t.k, t.random_state, t.n_init)
    typology = pd.DataFrame({
        "region_code": codes, "set_id": [f"{TYPE_PREFIX}{i + 1}" for i in labels],
        "distance": dist, "n_variables": (~np.isnan(z)).sum(axis=1)})
    names = type_names(centres, concepts, t)
    n = config.peers["n"]
    idx = nearest(distance_matrix(z), np.ones(len(codes), dtype=bool), n)
    focal = np.repeat(np.arange(len(codes)), n + 1)
    member = np.concatenate([np.arange(len(codes))[:, None], idx], axis=1).ravel()
    keep = member >= 0
    rank = np.tile(np.arange(n + 1), len(codes))  # 0: the municipality itself
    peers = pd.DataFrame({"set_id": PEERS_SET, "focal_code": codes[focal[keep]],
                          "region_code": codes[member[keep]], "peer_rank": rank[keep]})
    group_labels = pd.concat([_type_labels(names, t), pd.DataFrame([(
        PEERS_SET, "peers", config.labels["peers"].nl.format(n=n),
        config.labels["peers"].en.format(n=n))],
        columns=["set_id", "family", "label_nl", "label_en"])], ignore_index=True)
    store_frame(con, "typology", typology)
    store_frame(con, "typology_types", names)
    for name, frame in (("peer_group_members", peers), ("group_labels", group_labels)):
        con.register(f"{name}_df", frame)
        con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS SELECT * FROM {name}_df")
        con.unregister(f"{name}_df")
    con.execute(MEMBERS_SQL)
    con.execute(GROUPS_SQL.format(geo=GEO_LABELS_SQL), {
        f"{family}_{lang}": getattr(config.labels[family], lang)
        for family in ("country", "province", "corop") for lang in ("nl", "en")})
    return {t: row_count(con, t) for t in ("comparison_group_members", "comparison_groups",
                                           "typology", "typology_types")}
