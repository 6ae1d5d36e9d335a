"""60039fvw's population counts are final although the table's StatusCijfer says Voorlopig.

'Voorlopig' in the Gemeentefonds table 60039fvw is the status of the allocation's edition,
not of the inhabitants it counts: the snapshot's file holds only that slice, yet its
population on 1 January equals CBS's final 37259eng figure in every municipality-year both
give. The build marked the shares of 65-, 75- and 85-plussers 2007-2017 and the grey
pressure provisional (Amsterdam 2017 85-plus 1,35% '(voorlopig)'). ``measures.yaml``
lists those measures ``final``; the table's other measures (welfare benefits, customer
potential) stay provisional, and so do the last years CBS marks provisional elsewhere.
"""

from __future__ import annotations

import csv

import pytest

from stadstrends.indicators.measure_types import TableTypes, load_measure_types

FINAL = load_measure_types().tables["60039fvw"].final


def _rows(path, code_col):
    with path.open(encoding="utf-8-sig") as fh:
        return list(csv.DictReader(fh, delimiter=";" if code_col else ","))


def test_the_population_counts_equal_37259eng_final_figures(shared_data, statline):
    fvw = {}
    for r in _rows(statline / "municipal_partial/60039fvw.csv", "Regiocode_76"):
        assert r["StatusCijfer"].strip() == "Voorlopig"  # the file's only slice
        if r["TotaalMannenEnVrouwen_1"].strip():
            key = (r["Regiocode_76"].strip(), int(r["Perioden"]))
            fvw[key] = float(r["TotaalMannenEnVrouwen_1"])
            bands = ("JongerDan20Jaar_2", "k_20Tot65Jaar_3", "k_65Tot75Jaar_4",
                     "k_75Tot85Jaar_5", "k_85JaarOfOuder_6")
            assert sum(float(r[b]) for b in bands) == fvw[key]
    final = {}
    path = shared_data / "cbs_37259eng_population_dynamics/250112_CLEAN_population_regional_NL.csv"
    for r in _rows(path, None):
        if r["Sex Label"] == "Total male and female" and r["Regions"].startswith("GM"):
            final[(r["Regions"].strip(), int(r["Periods Label"]))] = float(
                r["PopulationOn1January_1"])
    both = [k for k in fvw if k in final]
    assert len(both) > 2000
    assert all(fvw[k] == final[k] for k in both)


@pytest.mark.parametrize("indicator", ["share_age_85_plus", "share_age_75_plus",
                                       "share_age_65_plus", "grey_pressure"])
def test_the_age_shares_from_60039fvw_are_final(wh, indicator):
    n, n_provisional = wh.execute("""
        SELECT count(*), count(*) FILTER (WHERE provisional) FROM indicator_values
        WHERE indicator_id = ? AND source_tables LIKE '%60039fvw%'""", [indicator]).fetchone()
    assert n > 2000 and n_provisional == 0


def test_amsterdam_and_kerkrade_2017_are_final_and_truly_provisional_figures_stay(wh):
    rows = wh.execute("""
        SELECT indicator_id, region_code, year, provisional FROM indicator_values
        WHERE (indicator_id LIKE 'share_age_%' AND year = 2017
               AND region_code IN ('GM0363', 'GM0928'))
           OR (indicator_id = 'social_assistance_per_1000' AND year = 2014
               AND region_code = 'GM0363')
           OR (indicator_id = 'regional_customer_potential' AND year = 2017
               AND region_code = 'GM0928')
           OR (indicator_id = 'crimes_per_1000' AND year = 2024 AND region_code = 'GM0363')
        """).fetchall()
    marks = {(i, c): p for i, c, _, p in rows}
    for ind in ("share_age_65_plus", "share_age_75_plus", "share_age_85_plus"):
        assert marks[(ind, "GM0363")] is False and marks[(ind, "GM0928")] is False
    # 60039fvw's allocation measures and another table's last year stay provisional
    assert marks[("social_assistance_per_1000", "GM0363")] is True
    assert marks[("regional_customer_potential", "GM0928")] is True
    assert marks[("crimes_per_1000", "GM0363")] is True


def test_only_population_measures_are_final():
    assert set(FINAL) == {"TotaalMannenEnVrouwen_1", "JongerDan20Jaar_2", "k_20Tot65Jaar_3",
                          "k_65Tot75Jaar_4", "k_75Tot85Jaar_5", "k_85JaarOfOuder_6"}
    assert "TotaalBijstandsuitkeringen_63" not in FINAL


def test_final_measures_need_a_reason():
    with pytest.raises(ValueError, match="final_reason"):
        TableTypes.model_validate({"timing": "stock_start", "basis": "persons",
                                   "final": ["TotaalMannenEnVrouwen_1"]})
