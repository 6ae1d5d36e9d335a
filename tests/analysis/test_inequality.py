"""Inequality and segregation: textbook values, the SQL against the numpy reference, and the
real snapshot (coverage of the partial neighbourhood tables)."""

from __future__ import annotations

import math
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pytest

from stadstrends.analysis.ineq_coverage import last_municipality, sort_key
from stadstrends.analysis.ineq_measures import (
    between_share,
    dissimilarity,
    gini,
    theil,
    trend,
    weighted_sd,
)
from stadstrends.analysis.inequality import (
    MIN_TREND_YEARS,
    PRINTED_DECIMALS,
    RESULT_SQL,
    _trends,
    build_inequality,
)
from stadstrends.publish.sentence_inequality import DIGITS

# ---------------------------------------------------------------- textbook values (numpy)


def test_gini_textbook_values() -> None:
    assert gini([1, 1, 1, 1]) == pytest.approx(0.0)
    assert gini([0, 0, 0, 1]) == pytest.approx(0.75)  # population Gini: (n - 1) / n
    assert gini([1, math.e]) == pytest.approx((math.e - 1) / (2 * (math.e + 1)))
    assert gini([2, 4, 6]) == pytest.approx(gini([1, 2, 3]))  # scale invariant


def test_weighted_gini_and_theil_equal_the_expanded_sample() -> None:
    rng = np.random.default_rng(7)
    x = rng.lognormal(3, 0.6, 40)
    w = rng.integers(1, 9, 40)
    expanded = np.repeat(x, w)
    assert gini(x, w) == pytest.approx(gini(expanded))
    assert theil(x, w) == pytest.approx(theil(expanded))


def test_theil_textbook_values() -> None:
    assert theil([5, 5, 5]) == pytest.approx(0.0)
    assert theil([0, 0, 0, 1]) == pytest.approx(math.log(4))  # maximum ln(n)
    mu = (1 + math.e) / 2
    expected = 0.5 * ((1 / mu) * math.log(1 / mu) + (math.e / mu) * math.log(math.e / mu))
    assert theil([1, math.e]) == pytest.approx(expected)


def test_against_pysal_inequality() -> None:
    pysal_gini = pytest.importorskip("inequality.gini")
    pysal_theil = pytest.importorskip("inequality.theil")
    rng = np.random.default_rng(3)
    for x in (rng.lognormal(2, 1, 50), np.array([0, 0, 0, 1.0]), np.array([1, math.e])):
        assert gini(x) == pytest.approx(pysal_gini.Gini(x).g)
        assert theil(x) == pytest.approx(pysal_theil.Theil(x).T)
    x, w = rng.uniform(1, 10, 20), rng.integers(1, 5, 20)
    assert gini(x, w) == pytest.approx(pysal_gini.Gini(np.repeat(x, w)).g)


def test_dissimilarity_textbook_values() -> None:
    assert dissimilarity([10, 0], [0, 30]) == pytest.approx(1.0)  # perfectly segregated
    assert dissimilarity([10, 20], [30, 60]) == pytest.approx(0.0)  # even spread
    assert dissimilarity([10, 0], [5, 5]) == pytest.approx(0.5)
    with pytest.raises(ValueError):
        dissimilarity([0, 0], [1, 2])


def test_between_share_is_the_law_of_total_variance() -> None:
    rng = np.random.default_rng(11)
    groups = [rng.normal(m, s, n) for m, s, n in [(0, 1, 300), (1, 0.5, 200), (-1, 2, 500)]]
    pooled = np.concatenate(groups)
    means = [g.mean() for g in groups]
    sds = [g.std() for g in groups]
    sizes = [len(g) for g in groups]
    between = weighted_sd(means, sizes) ** 2
    assert between_share(means, sds, sizes) == pytest.approx(between / pooled.var())


def test_every_measure_is_zero_for_alike_units_and_grows_with_their_differences() -> None:
    """The report says so: 'Elke maat hieronder is 0 als alle buurten gelijk zijn; hoe hoger
    het getal, hoe groter de verschillen tussen buurten.'"""
    w = [1.0, 2.0, 3.0]
    levels = {"alike": [5.0, 5.0, 5.0], "apart": [4.0, 5.0, 6.0], "far": [2.0, 5.0, 8.0]}
    measures = {
        "gini": lambda x: gini(x, w), "theil": lambda x: theil(x, w),
        "sd": lambda x: weighted_sd(x, w), "between": lambda x: between_share(x, [1.0] * 3, w),
        # group a's share per unit moves away from group b's
        "dissimilarity": lambda x: dissimilarity([10 * v for v in x], [50.0, 50.0, 50.0]),
    }
    for name, measure in measures.items():
        alike, apart, far = (measure(levels[k]) for k in ("alike", "apart", "far"))
        assert alike == pytest.approx(0.0, abs=1e-12), name
        assert 0 < apart < far, name


def test_trend_on_a_straight_line() -> None:
    years = np.arange(2014, 2020)
    up = trend(years, 0.2 + 0.01 * (years - 2014))
    assert up["slope"] == pytest.approx(0.01) and up["trend"] == "increasing"
    assert up["mk_p"] < 0.05
    flat = trend(years, [0.3, 0.31, 0.29, 0.3, 0.31, 0.29])
    assert flat["trend"] == "no trend"


# ---------------------------------------------------------------- SQL on a mini warehouse

KWB_UNITS = {  # code: (inhabitants, non-European, Dutch, European, WOZ)
    "WK000101": (1500, 400, 1030, 70, 183.3),
    "BU00010001": (1000, 100, 850, 50, 200.0),
    "BU00010002": (500, 300, 180, 20, 150.0),
    "WK000102": (820, 10, 790, 20, 210.0),
    "BU00010003": (800, 0, 780, 20, None),  # WOZ suppressed
    "BU00010004": (20, 10, 10, 0, 500.0),  # fewer than 50 inhabitants
    "WK000201": (300, 10, 280, 10, 250.0),  # Bedorp: one wijk, one buurt -> no index
    "BU00020001": (300, 10, 280, 10, 250.0),
    "WK000301": (400, 40, 350, 10, 300.0),  # Cestad: last in the file, cut
    "BU00030001": (200, 20, 175, 5, 310.0),
    "BU00030002": (200, 20, 175, 5, 290.0),
}
SES_HH = {"BU00010001": 400, "BU00010002": 400, "BU00010003": 200}
SES_DIR = {"BU00010001": 1, "BU00010002": -1, "BU00010003": 0}
NAMES = {"GM0001": "Aastad", "GM0002": "Bedorp", "GM0003": "Cestad", "GM0009": "Zedam",
         "GM0008": "Oudedorp"}


def _obs(table: str, code: str, year: int, measure: str, value: float | None) -> dict:
    label = NAMES.get(code, "Buurt Z" if code == "BU00030002" else code)
    return {"table_id": table, "measure": measure, "dims": "", "region_code": code,
            "region_label": label, "period": str(year), "year": year, "period_type": "year",
            "period_part": None, "value": value, "status": "definitief", "origin": "test"}


def make_mini(con: duckdb.DuckDBPyConnection) -> None:
    rows = [_obs("85984NED", gm, 2024, "AantalInwoners_5", 1.0) for gm in
            ("GM0001", "GM0002", "GM0003")]
    for code, (inh, non_eu, nl, eu, woz) in KWB_UNITS.items():
        for measure, value in [("AantalInwoners_5", inh), ("BuitenEuropa_19", non_eu),
                               ("Nederland_17", nl), ("EuropaExclusiefNederland_18", eu),
                               ("GemiddeldeWOZWaardeVanWoningen_39", woz)]:
            rows.append(_obs("85984NED", code, 2024, measure, value))
    for year in range(2014, 2020):
        a = 0.1 * (1 + (year - 2014) / 5)
        rows.append(_obs("85163NED", "GM0001", year, "ParticuliereHuishoudens_2", 1000.0))
        for code, hh in SES_HH.items():
            for measure, value in [("ParticuliereHuishoudens_2", hh),
                                   ("GemiddeldeScore_29", SES_DIR[code] * a),
                                   ("Waarde_37", 0.5), ("GemiddeldePercentielgroep_10", 50.0),
                                   ("k_1eTotEnMet40ePercentielgroep_7", 40.0),
                                   ("k_81eTotEnMet100ePercentielgroep_9", 20.0)]:
                rows.append(_obs("85163NED", code, year, measure, value))
    con.register("obs_df", pd.DataFrame(rows))
    con.execute("CREATE TABLE raw_observations AS SELECT * FROM obs_df")
    con.execute("""CREATE TABLE sources AS SELECT '85984NED' AS table_id,
        'cut at 10 000 rows: regions up to ''Buurt Z'' (Buurt Z complete)' AS completeness,
        'Cestad' AS cut_after""")
    regions = pd.DataFrame([{"region_code": c, "name": n, "label": n, "level": "gemeente",
                             "valid_from": pd.Timestamp("1900-01-01"),
                             "valid_to": pd.Timestamp("2022-01-01") if c == "GM0008" else None}
                            for c, n in NAMES.items()])
    con.register("reg_df", regions)
    con.execute("CREATE TABLE regions AS SELECT * FROM reg_df")
    con.execute("""CREATE TABLE region_sets AS SELECT * FROM (VALUES
        ('G40', 'GM0001'), ('G40', 'GM0003'), ('G40', 'GM0009')) t(set_id, region_code)""")
    con.execute("""CREATE TABLE region_history AS SELECT 'GM0008' AS code, 'Oudedorp' AS name,
        'Oudedorp' AS cbs_label, DATE '1900-01-01' AS valid_from, DATE '2022-01-01' AS valid_to,
        'GM0001' AS successor""")


@pytest.fixture()
def mini() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    make_mini(con)
    build_inequality(con)
    yield con
    con.close()


def _row(con: duckdb.DuckDBPyConnection, measure: str, year: int = 2024) -> dict:
    frame = con.execute("SELECT * FROM inequality WHERE region_code = 'GM0001' AND measure = ?"
                        " AND year = ?", [measure, year]).df()
    assert len(frame) == 1, measure
    return frame.iloc[0].to_dict()


def test_sql_dissimilarity_matches_reference_and_drops_small_units(mini) -> None:
    row = _row(mini, "dissimilarity_origin_non_european")
    # buurten 1-3 kept (buurt 4 has 20 inhabitants); 'rest' = Dutch + European origin
    assert row["value"] == pytest.approx(dissimilarity([100, 300, 0], [900, 200, 800]))
    assert (row["unit_level"], row["n_units"], row["n_dropped_small"]) == ("buurt", 3, 1)
    assert "1 units < 50 inhabitants" in row["note"]
    assert row["rank_city_set"] == 1


def test_sql_gini_falls_back_to_wijken_when_buurten_cover_too_little(mini) -> None:
    # WOZ is known for buurten holding 1500 of 2320 inhabitants (< 80%): wijk level
    gini_row, theil_row = _row(mini, "gini_woz"), _row(mini, "theil_woz")
    assert gini_row["unit_level"] == "wijk" and gini_row["n_units"] == 2
    assert gini_row["value"] == pytest.approx(gini([183.3, 210.0], [1500, 820]))
    assert theil_row["value"] == pytest.approx(theil([183.3, 210.0], [1500, 820]))


def test_sql_ses_measures_trend_and_boundary_flag(mini) -> None:
    for year in range(2014, 2020):
        a = 0.1 * (1 + (year - 2014) / 5)
        x, hh, sd = [a, -a, 0.0], [400, 400, 200], [0.5, 0.5, 0.5]
        assert _row(mini, "ses_sd", year)["value"] == pytest.approx(weighted_sd(x, hh))
        share = _row(mini, "ses_between_share", year)
        assert share["value"] == pytest.approx(between_share(x, sd, hh))
        assert "excludes Oudedorp" in share["note"]  # merged after the 2021 boundaries
        assert _row(mini, "dissimilarity_low_income", year)["value"] == pytest.approx(0.0)
        assert _row(mini, "gini_income_percentile", year)["value"] == pytest.approx(0.0)
    trends = mini.execute("SELECT * FROM inequality_trends WHERE measure = 'ses_sd'").df()
    assert len(trends) == 1 and trends.loc[0, "trend"] == "increasing"
    assert trends.loc[0, "slope"] == pytest.approx(0.02 * math.sqrt(0.8))
    assert trends.loc[0, "n_years"] == 6


def test_cut_and_thin_municipalities_get_no_index(mini) -> None:
    assert last_municipality(mini, "85984NED") == "GM0003"
    assert last_municipality(mini, "85163NED") is None  # not at the row limit, no note
    codes = {r[0] for r in mini.execute("SELECT DISTINCT region_code FROM inequality").fetchall()}
    assert codes == {"GM0001"}  # Bedorp: one unit only; Cestad: cut


def test_coverage_explains_missing_cities(mini) -> None:
    cov = mini.execute("SELECT * FROM inequality_coverage WHERE source_table = '85984NED'"
                       ).df().set_index("region_code")
    assert cov.loc["GM0001", "has_data"] and cov.loc["GM0001", "n_measures"] > 0
    assert not cov.loc["GM0003", "has_data"]
    assert cov.loc["GM0003", "reason"] == "cut_last_in_file"
    assert cov.loc["GM0009", "reason"] == "not_in_partial_extract"
    assert cov.loc["GM0009", "reason_detail"] == "Cestad"  # the last municipality in the file


def test_a_city_outside_a_complete_copy_is_not_said_to_fall_within_it(mini) -> None:
    """85163NED holds Aastad alone and is not cut: Cestad and Zedam are outside it (they
    were 'absent within range' "('Aastad'..'')")."""
    cov = mini.execute("SELECT * FROM inequality_coverage WHERE source_table = '85163NED'"
                       ).df().set_index("region_code")
    assert cov.loc["GM0001", "has_data"]
    for code in ("GM0003", "GM0009"):
        assert tuple(cov.loc[code, ["reason", "reason_detail"]]) == ("not_in_copy", "85163NED")


@pytest.mark.parametrize(("lang", "says"), [
    ("nl", "het deel van CBS-tabel 85984NED dat Stadstrends heeft, bevat geen enkele gemeente"),
    ("en", "the Stadstrends copy of CBS table 85984NED holds no municipality")])
def test_a_copy_without_municipalities_says_so(syn, lang, says) -> None:
    """The synthetic warehouse reads no neighbourhood rows: every city's reason was
    'absent_within_range' with the detail "('None'..'')"; now a code of its own, in words."""
    from stadstrends.publish.report.texts import reason

    rows = syn.execute("""SELECT source_table, reason, reason_detail, has_data
        FROM inequality_coverage""").df()
    assert len(rows) > 0 and not rows["has_data"].any()
    assert (rows["reason"] == "table_without_municipalities").all()
    assert (rows["reason_detail"] == rows["source_table"]).all()
    row = rows[rows["source_table"] == "85984NED"].iloc[0].to_dict()
    assert reason(row, lang) == says


def _reference_trends(series: pd.DataFrame) -> dict[tuple[str, str], dict]:
    """The textbook trend (scipy's Theil-Sen interval, pymannkendall's test) per series of
    the most frequent unit level, as inequality_trends documents it."""
    out = {}
    for (gm, measure), grp in series.groupby(["region_code", "measure"]):
        if len(grp) < MIN_TREND_YEARS:
            continue
        level = grp["unit_level"].mode().iloc[0]
        used = grp[grp["unit_level"] == level].sort_values("year")
        if len(used) >= MIN_TREND_YEARS:
            out[(gm, measure)] = {**trend(used["year"], used["value"]), "n_years": len(used),
                                  "unit_level": level}
    return out


def test_sql_trends_equal_the_reference_implementation() -> None:
    """The trend SQL shared with the indicator trends gives what scipy and pymannkendall
    give, to the last bit (the p-value to 1e-12: the standard library's normal distribution
    is not scipy's): ties, a switch of unit level, an odd and an even number of pair
    slopes, too short series."""
    rng = np.random.default_rng(7)
    rows = []
    for i, n in enumerate([4, 5, 6, 7, 8, 3]):
        for year in range(2010, 2010 + n):
            value = round(0.1 * i + 0.01 * (year - 2010) + rng.normal(0, 0.02), 2 if i % 2 else 6)
            level = "wijk" if i == 4 and year == 2010 else "buurt"
            rows.append((f"GM{i:04d}", "gini_woz", "85163NED", year, value, level))
    rows += [("GM0100", "gini_woz", "85163NED", y, 0.3, "buurt") for y in range(2014, 2019)]
    series = pd.DataFrame(rows, columns=["region_code", "measure", "source_table", "year",
                                         "value", "unit_level"])
    con = duckdb.connect()
    con.execute("CREATE TABLE inequality AS SELECT * FROM series")
    got = _trends(con).set_index(["region_code", "measure"])
    want = _reference_trends(series)
    assert set(got.index) == set(want) and len(want) == 6  # GM0005 (3 years) has none
    for key, ref in want.items():
        row = got.loc[key]
        for col in ("slope", "slope_low", "slope_high", "mk_tau", "mk_s"):
            assert row[col] == ref[col] or (np.isnan(row[col]) and np.isnan(ref[col])), (key, col)
        # the p-value from the standard library's normal distribution, not scipy's
        assert row["mk_p"] == pytest.approx(ref["mk_p"], rel=1e-12, abs=1e-15), key
        assert (row["trend"], row["n_years"], row["unit_level"]) == (
            ref["trend"], ref["n_years"], ref["unit_level"])
    assert "1 years at another unit level left out" in got.loc[("GM0004", "gini_woz"), "note"]


def test_sort_key_follows_cbs_order() -> None:
    assert sort_key("'s-Gravenhage") > sort_key("Gouda") > sort_key("Emmen")
    assert sort_key("Súdwest-Fryslân") == "sudwestfryslan"


# ---------------------------------------------------------------- the real snapshot


@pytest.fixture(scope="module")
def real(warehouse_path: Path):
    """The real warehouse, whose build ran ``build_inequality``; with the tables' row counts."""
    con = duckdb.connect(str(warehouse_path), read_only=True)
    counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0]
              for t in ("inequality", "inequality_trends", "inequality_coverage",
                        "inequality_measures")}
    yield con, counts, None
    con.close()


def test_real_build_is_quick_and_complete(real) -> None:
    con, counts, seconds = real
    assert counts["inequality"] > 1000 and counts["inequality_trends"] > 50
    bad = con.execute("""SELECT count(*) FROM inequality WHERE value IS NULL OR value < 0
        OR (measure NOT LIKE 'theil%' AND measure <> 'ses_sd' AND value > 1)""").fetchall()
    assert bad[0][0] == 0


def test_real_sql_matches_numpy_for_amsterdam(real) -> None:
    con = real[0]
    units = con.execute("""
        PIVOT (SELECT region_code, measure, value FROM raw_observations
               WHERE table_id = '85984NED' AND region_code LIKE 'BU0363%')
        ON measure IN ('AantalInwoners_5', 'BuitenEuropa_19', 'Nederland_17',
                       'EuropaExclusiefNederland_18', 'GemiddeldeWOZWaardeVanWoningen_39')
        USING first(value)""").df()
    kept = units[units["AantalInwoners_5"] >= 50]
    d = dissimilarity(kept["BuitenEuropa_19"],
                      kept["Nederland_17"] + kept["EuropaExclusiefNederland_18"])
    woz = kept.dropna(subset=["GemiddeldeWOZWaardeVanWoningen_39"])
    g = gini(woz["GemiddeldeWOZWaardeVanWoningen_39"], woz["AantalInwoners_5"])
    got = dict(con.execute("""SELECT measure, value FROM inequality WHERE region_code = 'GM0363'
        AND measure IN ('dissimilarity_origin_non_european', 'gini_woz')""").fetchall())
    assert got["dissimilarity_origin_non_european"] == pytest.approx(d)
    assert got["gini_woz"] == pytest.approx(g)


def test_real_partial_tables_exclude_the_cut_municipality(real) -> None:
    con = real[0]
    sources = dict(con.execute("""SELECT measure, list(DISTINCT source_table) FROM inequality
        WHERE region_code IN ('GM0263', 'GM0202') GROUP BY 1""").fetchall())
    assert sources and all(t == ["85984NED"] for t in sources.values())  # Arnhem KWB only
    assert not con.execute("SELECT 1 FROM inequality WHERE region_code = 'GM0263'").fetchall()


def test_real_coverage_of_g40_cities(real) -> None:
    con = real[0]
    cov = con.execute("SELECT * FROM inequality_coverage WHERE region_set = 'G40'").df()
    assert len(cov) == 2 * 41
    kwb = cov[cov["source_table"] == "85984NED"].set_index("name")
    ses = cov[cov["source_table"] == "85163NED"].set_index("name")
    assert kwb["has_data"].sum() == 30 and ses["has_data"].sum() == 7
    assert tuple(kwb.loc["Maastricht", ["reason", "reason_detail"]]) == (
        "not_in_partial_extract", "Maasdriel")
    assert ses.loc["Arnhem", "reason"] == "cut_last_in_file"
    assert (kwb.loc[kwb["has_data"], "n_measures"] == 6).all()
    amsterdam = con.execute("""SELECT reason_detail FROM inequality_coverage
        WHERE region_code = 'GM0363' AND source_table = '85163NED'""").fetchall()[0][0]
    assert "excludes Weesp" in amsterdam


def test_ranks_are_of_the_values_as_printed() -> None:
    """Cities whose measures print alike ('0,239': Hoorn, Lelystad and Delft's dissimilarity
    of non-European origin in 2024) share a rank, the next counted after them; the report
    prints the decimals the analysis ranks on; a city outside the city set has no rank."""
    con = duckdb.connect()
    values = {"GM0405": 0.23932323947381481, "GM0995": 0.23900061849181406,
              "GM0503": 0.2386028288173119, "GM0164": 0.24335443037974688,
              "GM0200": 0.21848574283229574, "GM0001": 0.3}
    con.register("_ineq_result", pd.DataFrame([
        {"region_code": c, "year": 2024, "measure": "d", "value": v, "n_units": 9,
         "unit_level": "buurt", "note": "", "source_table": "85984NED", "n_dropped_small": 0,
         "n_dropped_missing": 0, "coverage": 1.0} for c, v in values.items()]))
    con.execute("CREATE TABLE region_sets AS SELECT 'G40' AS set_id, unnest(?) AS region_code",
                [[c for c in values if c != "GM0001"]])
    con.execute(RESULT_SQL, {"city_set": "G40"})
    got = dict(con.execute("SELECT region_code, rank_city_set FROM inequality").fetchall())
    assert got == {"GM0164": 1, "GM0405": 2, "GM0995": 2, "GM0503": 2, "GM0200": 5,
                   "GM0001": None}
    assert PRINTED_DECIMALS == DIGITS == 3


def test_real_ranks_and_trends(real) -> None:
    """Ranks in the city set are 1 + the cities printed higher (ties share one); before, 25
    ranks of 9 measure-years split cities printed alike (Lelystad and Delft, 19th and 20th
    beside Hoorn's 18th, all '0,239')."""
    con = real[0]
    from stadstrends.analysis.claims import CHECKS
    assert con.execute(CHECKS["inequality_rank_not_as_printed"]).fetchall() == []
    ranks = con.execute("""SELECT measure, year, list(rank_city_set ORDER BY rank_city_set) AS r,
        count(*) FILTER (WHERE rank_city_set IS NOT NULL) AS n FROM inequality i
        WHERE region_code IN (SELECT region_code FROM region_sets WHERE set_id = 'G40')
        GROUP BY ALL""").df()
    pairs = zip(ranks["r"], ranks["n"], strict=True)
    assert all(r[0] == 1 and r[-1] <= n for r, n in pairs)
    assert con.execute("""SELECT list(rank_city_set ORDER BY region_code) FROM inequality
        WHERE measure = 'dissimilarity_origin_non_european' AND year = 2024
          AND region_code IN ('GM0405', 'GM0995', 'GM0503')""").fetchone()[0] == [18, 18, 18]
    outside = con.execute("""SELECT count(*) FROM inequality WHERE rank_city_set IS NOT NULL AND
        region_code NOT IN (SELECT region_code FROM region_sets WHERE set_id = 'G40')""")
    assert outside.fetchall()[0][0] == 0
    trends = con.execute("SELECT * FROM inequality_trends").df()
    assert set(trends["n_years"]) == {6} and trends["region_code"].nunique() == 17
    assert trends["trend"].isin(["increasing", "decreasing", "no trend"]).all()
    series = con.execute("SELECT region_code, measure, source_table, year, value, unit_level "
                         "FROM inequality WHERE value IS NOT NULL").df()
    want = _reference_trends(series)
    assert len(want) == len(trends)
    for row in trends.itertuples():
        ref = want[(row.region_code, row.measure)]
        assert (row.slope, row.slope_low, row.slope_high, row.trend) == (
            ref["slope"], ref["slope_low"], ref["slope_high"], ref["trend"])
        # the standard library's normal distribution, not scipy's: equal to 5e-16
        assert row.mk_p == pytest.approx(ref["mk_p"], rel=1e-12, abs=1e-15)
