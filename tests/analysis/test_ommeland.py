"""The ommeland of every municipality: hand-made warehouse with known answers; real data."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from stadstrends.analysis.benchmarks import NOTE_ALONE, NOTE_MISSING
from stadstrends.analysis.ommeland import build_ommeland

from .mini_warehouse import CODE

NAME = {v: k for k, v in CODE.items()}


def test_ommeland_of_every_municipality(mini) -> None:
    build_ommeland(mini)
    om = mini.execute("SELECT * FROM ommeland").df()
    om["name"] = om["region_code"].map(NAME)
    om = om.set_index(["indicator_id", "name", "year"]).sort_index()
    assert set(om.index.get_level_values("name")) == set(CODE)
    # X1's ommeland is A and X2: (10 + 25) / (100 + 50) in 2020
    assert om.loc[("rat", "X1", 2020)].ommeland_value == pytest.approx(35 / 150 * 100)
    assert om.loc[("rat", "Y1", 2020)].ommeland_value == pytest.approx(20)
    assert om.loc[("rat", "A", 2020)].ommeland_value == pytest.approx(40)
    c = om.loc[("rat", "C", 2020)]
    assert pd.isna(c.ommeland_value) and c.ommeland_note == NOTE_ALONE
    a15 = om.loc[("rat", "A", 2015)]  # X2 has no value in 2015
    assert pd.isna(a15.ommeland_value) and a15.ommeland_note == NOTE_MISSING
    # against the sum over the other members of the COROP region, every row
    parts = mini.execute("""
        SELECT m.region_code, s.series_id, s.year, sum(s.value) AS rest, count(s.value) AS n,
               count(*) AS k
        FROM region_sets m
        JOIN region_sets o ON o.set_id = m.set_id AND o.region_code <> m.region_code
        JOIN series_all s ON s.region_code = o.region_code
        WHERE m.set_id LIKE 'CR%' GROUP BY ALL""").df()
    parts = parts[parts.n == parts.k].set_index(["region_code", "series_id", "year"]).rest
    rat = om.xs("rat", level="indicator_id").reset_index()
    for row in rat.itertuples():
        key = (CODE[row.name], row.year)
        num, den = parts.get((key[0], "rat:num", key[1])), parts.get((key[0], "rat:den", key[1]))
        expected = np.nan if num is None or den is None else num / den * 100
        assert row.ommeland_value == pytest.approx(expected, nan_ok=True), key


def test_real_ommeland_equals_the_sum_over_the_other_members(analysed) -> None:
    con, _ = analysed
    n = con.execute("SELECT count(DISTINCT region_code) FROM ommeland "
                    "WHERE ommeland_value IS NOT NULL").fetchone()[0]
    assert n >= 330  # all but the few alone in their COROP region or without a full region
    alone = con.execute("""SELECT DISTINCT o.region_code FROM ommeland o
                           WHERE o.ommeland_note = 'ommeland_city_alone'
                        """).fetchall()
    assert alone == [("GM1979",)]  # Eemsdelta is COROP region Delfzijl en omgeving (CR02)
    # Zeist, Súdwest-Fryslân, Zwolle: ratio indicators against sums over the other members
    # (without those the catalogue rejects: indicators/aggregate.py)
    checked = con.execute("""
        WITH others AS (
            SELECT m.region_code, o.region_code AS other FROM region_sets m
            JOIN region_sets o ON o.set_id = m.set_id AND o.region_code <> m.region_code
            WHERE m.set_id LIKE 'CR%' AND m.region_code IN ('GM0355', 'GM1900', 'GM0193')),
        sums AS (
            SELECT x.region_code, s.series_id, s.year, sum(s.value) AS rest,
                   count(s.value) = count(*) AS complete
            FROM others x JOIN series_all s ON s.region_code = x.other
            WHERE NOT EXISTS (  -- a member the catalogue rejects that year (Renswoude)
                SELECT 1 FROM catalogue_unusable u
                WHERE u.indicator_id = split_part(s.series_id, ':', 1)
                  AND u.region_code = s.region_code AND s.year BETWEEN u.year_from AND u.year_to)
            GROUP BY ALL),
        expected AS (
            SELECT n.region_code, c.indicator_id, n.year,
                   n.rest / d.rest * c.scale AS value
            FROM catalogue_indicators c
            JOIN sums n ON n.series_id = c.indicator_id || ':num' AND n.complete
            JOIN sums d ON d.series_id = c.denominator_series AND d.complete
             AND d.region_code = n.region_code AND d.year = n.year
            WHERE c.method <> 'level' AND d.rest <> 0)
        SELECT count(*), count(*) FILTER (WHERE abs(o.ommeland_value - e.value)
                                          > 1e-9 * abs(e.value))
        FROM expected e JOIN ommeland o USING (region_code, indicator_id, year)""").fetchone()
    assert checked[0] > 1000 and checked[1] == 0
