"""The build settings: one validated file; the analysis follows it; build_info records it."""

from __future__ import annotations

from pathlib import Path

import pytest

from stadstrends.analysis.trends import build_trends
from stadstrends.errors import InvalidParameter
from stadstrends.settings import BuildSettings, default_settings, load_settings

from .analysis.test_trends import make_con


def test_the_packaged_file_gives_the_defaults_and_overrides_apply() -> None:
    s = default_settings()
    assert (s.window, s.significance, s.min_significant_points, s.stale_after_years) == (
        8, 0.05, 5, 4)
    assert (s.bottom_percentile, s.top_percentile, s.city_set) == (25, 75, "G40")
    assert (s.jump_factor, s.jump_max_usual_factor) == (5, 1.5)
    assert (s.small_base, s.survey_small_base) == (100, 10000)
    assert load_settings(window=10).window == 10
    assert load_settings(window=None).window == 8


@pytest.mark.parametrize("text, problem", [
    ("window: 2\n", "window"),
    ("significance: 0.7\n", "significance"),
    ("top_percentile: 40\n", "top_percentile"),
    ("jump_factor: 1\n", "jump_factor"),  # every change would be a jump
    ("small_base: 0\n", "small_base"),  # every share would be of few cases
    ("windw: 8\n", "windw"),
    ("- 1\n- 2\n", "not a mapping"),
])
def test_a_bad_settings_file_is_a_clear_error(tmp_path: Path, text: str, problem: str) -> None:
    path = tmp_path / "settings.yaml"
    base = Path(__file__).parents[1] / "src" / "stadstrends" / "settings.yaml"
    path.write_text(text if text.startswith("-") else base.read_text() + text)
    with pytest.raises(InvalidParameter) as info:
        load_settings(path)
    assert problem in info.value.message and info.value.hint


def test_build_info_round_trip() -> None:
    s = load_settings(window=10, significance=0.01, neighbourhood_sets=["G4"], small_base=50)
    back = BuildSettings.from_info(s.record())
    assert back == s and (s.record()["small_base"], back.small_base) == (50, 50)
    old = BuildSettings.from_info({"window": 6})  # an older warehouse recorded less
    assert old.window == 6 and old.significance == default_settings().significance


def test_the_significance_level_decides_which_trends_are_significant() -> None:
    """A steady rise over 6 years has Mann-Kendall p = 0.0028 (exact): significant at 0.05
    and 0.01, not at 0.001."""
    series = {"UP": (range(2001, 2007), [1.0, 2.0, 3.0, 4.0, 5.0, 6.0])}
    found = {}
    for level in (0.05, 0.01, 0.001):
        con = make_con(series)
        build_trends(con, settings=load_settings(significance=level))
        found[level] = con.execute("SELECT classification FROM trends").fetchone()[0]
    assert found[0.05] == found[0.01] == "rising"
    assert found[0.001] == "no significant change"


def test_a_build_records_its_settings_in_build_info(syn) -> None:
    """The synthetic warehouse: built by the real build with the default settings."""
    info = syn.execute("SELECT * FROM build_info").df().iloc[0].to_dict()
    assert BuildSettings.from_info(info) == default_settings()
    assert {k: info[k] for k in default_settings().record()} == default_settings().record()


def test_settings_naming_an_unknown_region_set_stop_the_build() -> None:
    import duckdb

    from stadstrends.warehouse.build import check_sets

    con = duckdb.connect()
    con.execute("CREATE TABLE region_sets AS SELECT * FROM (VALUES ('G40', 'GM0193'), "
                "('G4', 'GM0363')) t(set_id, region_code)")
    check_sets(con, default_settings())
    with pytest.raises(InvalidParameter, match="G41"):
        check_sets(con, load_settings(city_set="G41"))
    with pytest.raises(InvalidParameter, match="G5"):
        check_sets(con, load_settings(featured_set="G5"))
