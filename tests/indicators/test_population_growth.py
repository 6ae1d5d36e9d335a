"""Population growth continues where population counts exist (real snapshot).

37259eng gives the growth up to 2023; the warehouse has inhabitants on 1 January up to 2026
(03759ned). The catalogue's ``change_of`` continues the growth with P(t+1) - P(t) of the
harmonised population: before, Utrecht's cover showed 'Bevolkingsgroei (2023) 1,7%' beside
'Inwoners op 1 januari (2026) 378.121', Ameland's 0,0 % for 2023 while 2024 was -1,0 %.
One comparable series: 37259eng's growth is its population on 31 December minus that on
1 January, and its 31 December is the next 1 January (03759ned) but for boundary changes.
"""

from __future__ import annotations

import csv

import pytest

from stadstrends.errors import CatalogueError
from stadstrends.indicators.catalogue import load_catalogue

GROWTH = "population_growth_pct"


def _values(wh, indicator: str) -> dict[tuple[str, int], float]:
    return {(r, y): v for r, y, v in wh.execute(
        "SELECT region_code, year, value FROM indicator_values WHERE indicator_id = ?",
        [indicator]).fetchall()}


def test_37259eng_growth_is_the_difference_of_its_own_population_figures(shared_data):
    path = (shared_data / "cbs_37259eng_population_dynamics"
            / "250112_CLEAN_population_regional_NL.csv")
    with path.open(encoding="utf-8-sig") as fh:
        rows = {(r["Regions"].strip(), int(r["Periods"][:4])): r for r in csv.DictReader(fh)
                if r["Sex"] == "T001038" and r["Regions"].startswith("GM")
                and r["PopulationGrowth_18"] and r["PopulationOn31December_20"]}
    same = [float(r["PopulationGrowth_18"]) == float(r["PopulationOn31December_20"])
            - float(r["PopulationOn1January_1"]) for r in rows.values()]
    assert sum(same) >= len(same) - 2 and len(same) > 4500  # measured 4 524 of 4 526
    nxt = [float(r["PopulationOn31December_20"]) == float(rows[c, y + 1]["PopulationOn1January_1"])
           for (c, y), r in rows.items() if (c, y + 1) in rows]
    assert sum(nxt) / len(nxt) > 0.98  # the rest: boundary changes on 1 January


def test_growth_continues_to_the_year_before_the_last_population(wh):
    growth, pop = _values(wh, GROWTH), _values(wh, "population")
    for region in ("GM0344", "GM0060", "NL01", "GM0193"):
        last_pop = max(y for r, y in pop if r == region)
        assert max(y for r, y in growth if r == region) == last_pop - 1 == 2025, region
    assert growth["GM0344", 2024] == pytest.approx(0.6731, abs=1e-4)   # 374 238 -> 376 757
    assert growth["GM0344", 2025] == pytest.approx(0.3620, abs=1e-4)   # -> 378 121
    assert growth["GM0060", 2024] == pytest.approx(-1.0159, abs=1e-4)  # 3 839 -> 3 800
    derived = [(k, v) for k, v in growth.items() if k[1] >= 2024]
    assert len(derived) == 790  # 342 municipalities, 40 COROP, 12 provinces, NL; 2 years
    for (region, year), value in derived:
        expected = (pop[region, year + 1] - pop[region, year]) / pop[region, year] * 100
        assert value == pytest.approx(expected, rel=1e-9), (region, year)


def test_the_continued_growth_is_one_series_with_the_sources_named(wh):
    rows = wh.execute("""
        SELECT year, segment_start, segment_reason FROM series_segments
        WHERE indicator_id = ? AND year >= 2022 ORDER BY year""", [GROWTH]).fetchall()
    assert [r[0] for r in rows] == [2022, 2023, 2024, 2025]
    assert {r[1] for r in rows} == {2012} and {r[2] for r in rows} == {None}
    sources = dict(wh.execute("SELECT year, tables FROM indicator_sources "
                              "WHERE indicator_id = ? AND year >= 2023", [GROWTH]).fetchall())
    assert sources == {2023: "37259eng", 2024: "03759ned", 2025: "03759ned"}


@pytest.mark.parametrize(("change", "message"), [
    ({"indicator": "births_per_1000", "years": [2024, 2025]}, "must be a count"),
    ({"indicator": "population", "years": [2023, 2025]}, "outside the change years"),
])
def test_a_change_of_a_non_count_or_over_the_source_years_is_refused(tmp_path, change, message):
    import json

    from stadstrends.yamlfiles import PACKAGE, load_yaml

    data = load_yaml((PACKAGE / "indicators" / "catalogue.yaml").read_text(encoding="utf-8"))
    entry = next(i for i in data["indicators"] if i["id"] == GROWTH)
    entry["change_of"] = change
    path = tmp_path / "catalogue.yaml"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(CatalogueError) as info:
        load_catalogue(path)
    assert message in info.value.message
    assert load_catalogue().get(GROWTH).change_of is not None
