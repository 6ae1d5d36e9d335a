"""Mean gas use per dwelling is over all dwellings, those on district heating (little or no
gas, CBS) included, and says so in its description and caveats: Almere's 310 m³ in 2023, the
G40's lowest and a 'distinctive strength', goes with 52,5% of its dwellings on district
heating (review finding). Across the municipalities with both figures, the more district
heating, the less gas: the words rest on the data."""

from __future__ import annotations

from stadstrends.indicators.catalogue import load_catalogue


def test_gas_use_says_it_counts_dwellings_on_district_heating(wh) -> None:
    gas = next(i for i in load_catalogue().indicators if i.id == "gas_use_per_dwelling")
    assert "stadsverwarming" in gas.description_nl and "district heating" in gas.description_en
    assert any("stadsverwarming" in c.nl and "district heating" in c.en for c in gas.caveats)
    n, rho = wh.execute("""
        WITH g AS (SELECT region_code, value FROM indicator_values
                   WHERE indicator_id = 'gas_use_per_dwelling' AND year = 2023
                     AND region_code LIKE 'GM%'),
             d AS (SELECT region_code, value FROM indicator_values
                   WHERE indicator_id = 'district_heating_share' AND year = 2023
                     AND region_code LIKE 'GM%'),
             r AS (SELECT rank() OVER (ORDER BY g.value) AS rg,
                          rank() OVER (ORDER BY d.value) AS rd
                   FROM g JOIN d USING (region_code))
        SELECT count(*), corr(rg, rd) FROM r""").fetchone()
    assert n >= 30 and rho < -0.5, (n, rho)
    lowest = wh.execute("""
        SELECT g.value, d.value FROM indicator_values g
        JOIN indicator_values d USING (region_code, year)
        JOIN region_sets s USING (region_code)
        WHERE s.set_id = 'G40' AND g.indicator_id = 'gas_use_per_dwelling'
          AND d.indicator_id = 'district_heating_share' AND g.year = 2023
        ORDER BY g.value LIMIT 1""").fetchone()
    assert lowest == (310.0, 52.5)  # Almere
