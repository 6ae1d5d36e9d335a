"""Comparison groups: the k-means typology on hand-made data; the real group tables."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import yaml

from stadstrends.analysis.groups import (
    CONFIG_FILE,
    cluster_types,
    load_config,
    type_names,
)
from stadstrends.errors import CatalogueError


def _three_blobs() -> np.ndarray:
    """Three tight groups of 10 rows on (size, density): large, small-dense, small-sparse."""
    rng = np.random.default_rng(1)
    centres = np.array([[3.0, 0.0], [-1.0, 2.0], [-1.0, -2.0]])
    return np.vstack([c + rng.normal(scale=0.1, size=(10, 2)) for c in centres])


def test_clusters_are_found_and_numbered_by_size() -> None:
    z = _three_blobs()
    labels, dist, centres = cluster_types(z, 3)
    assert labels[:10].tolist() == [0] * 10  # the large ones are type 1
    assert len(set(labels[10:20])) == 1 and len(set(labels[20:])) == 1
    assert set(labels[10:20]) != set(labels[20:])
    assert centres[0, 0] == pytest.approx(3.0, abs=0.1)
    assert (dist < 1).all()


def test_a_row_with_a_missing_value_joins_the_nearest_type_on_what_it_has() -> None:
    z = np.vstack([_three_blobs(), [[np.nan, -2.1]]])
    labels, dist, _ = cluster_types(z, 3)
    assert labels[-1] == labels[25]  # sparse: nearest on density alone
    assert np.isfinite(dist[-1])


def test_types_are_named_by_their_two_most_distinct_variables() -> None:
    z = _three_blobs()
    _, _, centres = cluster_types(z, 3)
    names = type_names(centres, ["size", "density"], load_config().typology)
    first = names[names.set_id == "TY1"].sort_values("rank")
    assert first.concept.tolist() == ["size", "density"] and first.side.iloc[0] == "high"
    assert set(names.set_id) == {"TY1", "TY2", "TY3"}


def test_too_few_complete_rows_is_a_clear_error() -> None:
    z = np.full((5, 2), np.nan)
    z[0] = [1, 2]
    with pytest.raises(CatalogueError, match="only 1 municipalities have every"):
        cluster_types(z, 3)


def test_invalid_settings_name_the_file(tmp_path: Path) -> None:
    data = yaml.safe_load(CONFIG_FILE.read_text(encoding="utf-8"))
    data["typology"]["k"] = 1
    bad = tmp_path / "typology.yaml"
    bad.write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(CatalogueError, match="typology.yaml"):
        load_config(bad)


# --- real warehouse ---------------------------------------------------------------------

def test_real_every_municipality_has_one_type_and_eleven_peers(analysed) -> None:
    con, _ = analysed
    n, types, k = con.execute("SELECT count(*), count(DISTINCT region_code), "
                              "count(DISTINCT set_id) FROM typology").fetchone()
    assert n == types == 342 and k == load_config().typology.k
    sizes = con.execute("SELECT focal_code, count(*) FROM comparison_group_members "
                        "WHERE set_id = 'PEERS' GROUP BY 1").fetchall()
    assert len(sizes) == 342 and {s for _, s in sizes} == {11}
    own = con.execute("SELECT count(*) FROM comparison_group_members "
                      "WHERE set_id = 'PEERS' AND focal_code = region_code").fetchone()[0]
    assert own == 342


def test_real_groups_table_lists_every_family_with_labels(analysed) -> None:
    con, _ = analysed
    groups = con.execute("SELECT * FROM comparison_groups").df().set_index("set_id")
    assert {"named", "size", "urbanity", "country", "province", "corop", "typology",
            "peers"} == set(groups.family)
    assert (groups.label_nl.str.len() > 0).all() and (groups.label_en.str.len() > 0).all()
    assert groups.loc["NL01", "n_members"] == 342 and groups.loc["G40", "n_members"] == 41
    assert groups.loc["GK5", "n_members"] == 64 and groups.loc["PEERS", "n_members"] == 11
    assert groups.loc["PV26", "label_nl"] == "de gemeenten van de provincie Utrecht"
    members = con.execute("SELECT set_id, count(*) FROM comparison_group_members "
                          "WHERE focal_code IS NULL GROUP BY 1").fetchall()
    for set_id, count in members:
        assert groups.loc[set_id, "n_members"] == count
    # Zwolle: G40 member, size class 6, sterk stedelijk, province Overijssel, COROP Zwolle
    zwolle = {r[0] for r in con.execute(
        "SELECT set_id FROM comparison_group_members "
        "WHERE region_code = 'GM0193' AND focal_code IS NULL").fetchall()}
    assert {"G40", "G32_2017", "GK6", "ST2", "PV23", "CR10", "NL01"} <= zwolle
