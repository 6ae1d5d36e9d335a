"""Nederland of a published mean is CBS's own national figure (real snapshot).

A published mean (``weighted_mean``: gas and electricity use per dwelling, income, WOZ
value, unemployment %) is summed over the municipalities as mean x base. For Nederland
(NL01) that gave Stadstrends' own weighted mean, more precise than and different from the
figure CBS publishes in the same table: gas use per dwelling 2012 was 1 524.6 m³ where
81528NED has 1 500 for Nederland. Now NL01 takes CBS's national mean and base
(:mod:`stadstrends.indicators.aggregate`); a COROP region or province takes CBS's figure
only where its table publishes one for today's region (tests/indicators/test_regional_means.py).
"""

from __future__ import annotations

# CBS's national figure of each published mean and year: its NL01 rows of series_raw
CBS_NL_SQL = """
SELECT c.indicator_id, n.year, n.value / d.value * c.scale AS cbs, v.value
FROM catalogue_indicators c
JOIN series_raw n ON n.indicator_id = c.indicator_id AND n.role = 'num'
                 AND n.region_code = 'NL01'
JOIN series_raw d ON d.indicator_id = c.indicator_id AND d.role = 'den'
                 AND d.region_code = 'NL01' AND d.year = n.year
LEFT JOIN indicator_values v ON v.indicator_id = c.indicator_id AND v.region_code = 'NL01'
                            AND v.year = n.year
WHERE c.method = 'weighted_mean' AND n.value IS NOT NULL AND d.value IS NOT NULL
"""


def test_gas_use_nederland_is_cbs_figure(wh):
    rows = dict(wh.execute(
        "SELECT year, value FROM indicator_values WHERE region_code = 'NL01' "
        "AND indicator_id = 'gas_use_per_dwelling'").fetchall())
    # 81528NED, Nederland, GemiddeldAardgasverbruik_1: 1 500 in 2012 (not 1 524.6), 820 in 2023
    assert rows[2012] == 1500 and rows[2023] == 820 and rows[2010] == 1850


def test_every_published_mean_of_nederland_is_cbs_figure(wh):
    rows = wh.execute(CBS_NL_SQL).fetchall()
    assert len({r[0] for r in rows}) >= 9, rows  # every published mean of the catalogue
    wrong = [r for r in rows if r[3] is None or abs(r[3] - r[2]) > 1e-6 * max(1, abs(r[2]))]
    assert not wrong, wrong[:5]
    # every year of those means with a national value has CBS's own
    n_values = wh.execute(
        "SELECT count(*) FROM indicator_values v JOIN catalogue_indicators c "
        "USING (indicator_id) WHERE c.method = 'weighted_mean' AND v.region_code = 'NL01'"
    ).fetchone()[0]
    assert n_values == len(rows)


def test_corop_gas_use_stays_sum_of_members(wh):
    """Zwolle's COROP region (CR10 Noord-Overijssel) in 2012: its members' weighted mean,
    not a CBS figure rounded to tens (81528NED has no COROP rows)."""
    value = wh.execute(
        "SELECT value FROM indicator_values WHERE region_code = 'CR10' "
        "AND indicator_id = 'gas_use_per_dwelling' AND year = 2012").fetchone()[0]
    assert value % 10 != 0


def test_mean_rounding_finds_cbs_tens(wh):
    """81528NED publishes the municipalities' gas and electricity use rounded to tens."""
    units = dict(wh.execute("SELECT indicator_id, max(unit) FROM mean_rounding "
                            "GROUP BY 1").fetchall())
    assert units.get("gas_use_per_dwelling") == 10
    assert units.get("electricity_use_per_dwelling") == 10
    assert "income_disposable_mean" not in units  # one decimal, no rounding to fives
