"""Every missing municipal value has a true reason (real snapshot): a year CBS did not
survey says so (land use between survey years: ``not_surveyed``, it said 'geen bron'), a
municipality formed after the years a cut copy covers names its predecessors
(Beekdaelen's house prices 1995-2014 had no reason), the municipality a copy stops in says
the copy stops in it (``table_cut_within``), one a whole CBS table leaves out says that
(``not_in_table`` where the table holds it in other years, ``never_in_table`` where in none:
Assen in the Veiligheidsmonitor, which publish derived from the tables); and no
municipality-year of an indicator is left without value or reason."""

from __future__ import annotations


def _reasons(wh, code: str, indicator: str) -> dict[int, tuple[str, str]]:
    return {y: (r, d) for y, r, d in wh.execute(
        "SELECT year, reason, reason_detail FROM indicator_gaps "
        "WHERE region_code = ? AND indicator_id = ?", [code, indicator]).fetchall()}


def test_land_use_between_survey_years_is_not_surveyed(wh):
    """70262ned (land use) has 1996, 2000, 2003, 2006, 2008, 2010, 2012, 2015 and 2017:
    Utrecht's 2007 is a year CBS did not survey, not a year without a source."""
    got = _reasons(wh, "GM0344", "land_use_residential_share")
    assert got[2007] == ("not_surveyed", "70262ned")
    assert sorted(got) == [1997, 1998, 1999, 2001, 2002, 2004, 2005, 2007, 2009, 2011, 2013,
                           2014, 2016]
    assert {r for r, _ in got.values()} == {"not_surveyed"}


def test_every_not_surveyed_year_has_no_row_in_its_tables(wh):
    """The premise of each ``not_surveyed`` row: its tables hold no row (any region) in that
    year, and rows both before and after it; a table with rows but no value (60039fvw's age
    groups 2018-2022) is never such a year."""
    rows = wh.execute("""
        SELECT DISTINCT indicator_id, year, reason_detail FROM indicator_gaps
        WHERE reason = 'not_surveyed'""").fetchall()
    assert len(rows) >= 50
    for ind, year, tables in rows:
        for table in tables.split(", "):
            before, during, after = wh.execute("""
                SELECT count(*) FILTER (WHERE year < ?), count(*) FILTER (WHERE year = ?),
                       count(*) FILTER (WHERE year > ?)
                FROM raw_observations WHERE lower(table_id) = lower(?)""",
                                               [year, year, year, table]).fetchone()
            assert during == 0 and before > 0 and after > 0, (ind, year, table)
    assert not any(ind == "share_age_75_plus" for ind, _, _ in rows)


def test_beekdaelen_house_prices_blame_the_merger_not_the_cut_copy(wh):
    """Beekdaelen (2019: Nuth, Onderbanken, Schinnen) sorts before Kerkwijk, where the v3
    copy of 83625NED stops, its predecessors after it. A mean price without numbers of sales
    cannot be carried across the merger even from the complete table: 1995-2014 are
    ``level_boundary_change`` (they were ``predecessor_cut``), as 2015-2018 are."""
    got = _reasons(wh, "GM1954", "house_price_mean")
    assert {y: got[y] for y in range(1995, 2019)} == {
        y: ("level_boundary_change", None) for y in range(1995, 2019)}


def test_the_municipality_a_copy_stops_in_says_so(wh):
    """81575NED's copy ends in Veere's 2012 rows: its establishments 2015-2025 are missing
    because the copy stops inside Veere, not 'after' it."""
    got = _reasons(wh, "GM0717", "establishments_per_1000")
    assert set(got.values()) == {("table_cut_within", "81575NED")}
    assert sorted(got) == list(range(2015, 2026))
    # 60039fvw ends in Zevenaar's 2010 rows: its 2011-2017 said 'geen cijfers voor Zevenaar
    # in de grenzen van toen' (predecessor_missing, itself)
    got = _reasons(wh, "GM0299", "share_age_75_plus")
    assert {got[y] for y in range(2011, 2018)} == {("table_cut_within", "60039fvw")}


def test_not_in_table_is_true_on_the_raw_rows(wh):
    """Hoeksche Waard (2019) has Veiligheidsmonitor figures (81877NED, a whole CBS table)
    for 2019, none for itself or its predecessors in 2013-2017: those years are
    ``not_in_table``; Assen, in no year of it, is ``never_in_table`` (it had no rows: publish
    worded it from the tables). Every such row's tables are whole CBS tables that hold other
    municipalities that year but not this one (or, ``never_in_table``, skip the year, as
    they do for others: ``not_surveyed``); ``not_in_table``'s hold it (or a principal
    predecessor) in another year, ``never_in_table``'s in none."""
    got = _reasons(wh, "GM1963", "feels_unsafe_share")
    assert {got[y] for y in range(2013, 2018)} == {("not_in_table", "81877NED")}
    assen = _reasons(wh, "GM0106", "feels_unsafe_share")
    # 2018, which CBS skipped (Utrecht's is not_surveyed), too: one reason for every year
    assert assen == {y: ("never_in_table", "81877NED") for y in range(2012, 2020)}
    wrong = wh.execute("""
        WITH g AS (
            SELECT g.*, t.table_id FROM indicator_gaps g,
                   unnest(string_split(g.reason_detail, ', ')) AS t(table_id)
            WHERE g.reason IN ('not_in_table', 'never_in_table')),
        codes AS (  -- each one's code and principal predecessors of any year
            SELECT DISTINCT region_code, region_code AS code FROM g
            UNION SELECT target_code, source_code FROM crosswalk WHERE weight >= 0.5)
        SELECT g.indicator_id, g.region_code, g.year, g.reason, g.reason_detail FROM g
        WHERE EXISTS (SELECT 1 FROM raw_observations o WHERE o.region_code = g.region_code
                      AND o.year = g.year AND lower(o.table_id) = lower(g.table_id))
           OR NOT EXISTS (SELECT 1 FROM raw_observations o WHERE o.year = g.year
                          AND o.region_code LIKE 'GM%' AND lower(o.table_id) = lower(g.table_id))
              AND NOT (g.reason = 'never_in_table' AND EXISTS (  -- or a year it skips
                  SELECT 1 FROM indicator_gaps s WHERE s.reason = 'not_surveyed'
                  AND s.indicator_id = g.indicator_id AND s.year = g.year))
           OR EXISTS (SELECT 1 FROM sources s WHERE lower(s.table_id) = lower(g.table_id)
                      AND s.completeness_code <> 'complete')
           OR (g.reason = 'never_in_table') = EXISTS (
                SELECT 1 FROM raw_observations o JOIN codes k ON k.code = o.region_code
                WHERE k.region_code = g.region_code AND lower(o.table_id) = lower(g.table_id))
        LIMIT 5""").fetchall()
    assert wrong == []
    n = dict(wh.execute("SELECT reason, count(*) FROM indicator_gaps WHERE reason IN "
                        "('not_in_table', 'never_in_table') GROUP BY 1").fetchall())
    # 23 931 (session 57): 85173NED's forecast took the years 2023-2050 of the 254
    # municipalities 85171NED never holds (their own figure, or the copy's cut, table_cut)
    assert n["never_in_table"] > 23000 and n["not_in_table"] >= 20, n


def test_no_municipality_year_is_missing_without_a_reason(wh):
    """Every current municipality, in every year of an indicator in which any current
    municipality has a figure, has a figure or a stored reason: 29 873 such years had
    neither (municipalities a whole CBS table holds in no year: Assen in 81877NED, the
    projections 82220NED, 84525NED, 85171NED), which publish worded from the tables."""
    rows = wh.execute("""
        WITH cur AS (SELECT region_code FROM regions WHERE level = 'gemeente'
                     AND valid_to IS NULL),
        iy AS (SELECT DISTINCT indicator_id, year FROM indicator_values
               WHERE region_code IN (SELECT region_code FROM cur))
        SELECT iy.indicator_id, cur.region_code, iy.year FROM iy, cur
        ANTI JOIN indicator_results r ON r.indicator_id = iy.indicator_id
         AND r.region_code = cur.region_code AND r.year = iy.year
         AND (r.value IS NOT NULL OR r.reason IS NOT NULL)
        LIMIT 5""").fetchall()
    assert rows == []


def test_the_age_groups_60039fvw_publishes_without_figures_say_so_alike(wh):
    """60039fvw has rows for 2018-2023 without any age figure (every municipality of its
    copy): the over-65s (2018, 2020-2022), over-75s (2018-2022) and over-85s (2018-2023)
    of a municipality in the copy all say 'waarde ontbreekt in de bron'; the over-65s and
    over-75s said 'geen bron' (no source for these years) beside the over-85s."""
    empty = wh.execute("""
        SELECT count(*), count(value) FROM raw_observations
        WHERE lower(table_id) = '60039fvw' AND region_code = 'GM0307' AND year BETWEEN 2018
          AND 2022 AND measure IN ('k_65Tot75Jaar_4', 'k_75Tot85Jaar_5', 'k_85JaarOfOuder_6',
                                   'TotaalMannenEnVrouwen_1')""").fetchone()
    assert empty == (20, 0)  # Amersfoort: the rows are there, their figures empty
    for ind, years in (("share_age_65_plus", [2018, 2020, 2021, 2022]),
                       ("share_age_75_plus", list(range(2018, 2023))),
                       ("share_age_85_plus", list(range(2018, 2023)))):
        got = _reasons(wh, "GM0307", ind)
        assert {got[y] for y in years} == {("missing_in_source", None)}, (ind, got)
        assert wh.execute("SELECT tables FROM indicator_sources WHERE indicator_id = ? AND "
                          "year = 2020", [ind]).fetchone() == ("60039fvw",), ind


def test_every_reason_has_words_in_both_languages(wh):
    from stadstrends.vocabulary import section

    used = {r[0] for r in wh.execute("SELECT DISTINCT reason FROM indicator_gaps").fetchall()}
    assert {"not_surveyed", "not_in_table", "never_in_table", "table_cut_within"} <= used
    for lang in ("nl", "en"):
        assert used <= set(section(lang, "reasons")), lang


def test_a_predecessor_that_gave_no_one_is_not_a_missing_predecessor(wh):
    """CBS's register: Muiden gave Weesp 235 ha but no inhabitants or dwellings in 2016,
    Weesp joined Amsterdam in 2022; Ambt Delden gave Enschede 129 ha and no one in 2001. A
    figure of persons or dwellings does not need their cells: Amsterdam's reasons named
    Muiden as a missing predecessor (63 years of figures), Enschede had no households in
    2000 though CBS counts all of them, nor a mean house price 1995-2000."""
    weights = dict(wh.execute("""
        SELECT basis, max(weight) FROM crosswalk
        WHERE source_code = 'GM0424' AND target_code = 'GM0363' GROUP BY basis""").fetchall())
    assert weights["persons"] == 0 and weights["dwellings"] == 0 and weights["area"] > 0
    named = wh.execute("""
        SELECT count(*) FROM indicator_gaps g JOIN indicators USING (indicator_id)
        WHERE g.region_code = 'GM0363' AND g.reason_detail LIKE '%GM0424%'""").fetchone()[0]
    assert named == 0
    # Weesp named (a survey share of 2013 is the boundary change's now: level_gaps)
    assert _reasons(wh, "GM0363", "share_age_65_plus_projected")[2014] == (
        "predecessor_missing", "GM0457")
    households = wh.execute("""
        SELECT value FROM indicator_values
        WHERE region_code = 'GM0153' AND indicator_id = 'households' AND year = 2000
    """).fetchone()
    assert households is not None and households[0] > 60_000
    prices = wh.execute("""
        SELECT list(year ORDER BY year) FROM indicator_values
        WHERE region_code = 'GM0153' AND indicator_id = 'house_price_mean' AND year <= 2000
    """).fetchone()[0]
    assert prices == [1995, 1996, 1997, 1998, 1999, 2000]


def test_an_empty_cell_of_weesp_is_not_amsterdams_missing_value(wh):
    """86050NED has Amsterdam's Wmo clients of 2018-2020 (65 985, 70 245, 70 395); the cells
    left empty are Weesp's, which joined Amsterdam in 2022. The reason said 'waarde ontbreekt
    in de bron' as if Amsterdam's own were missing; it names Weesp now."""
    own = dict(wh.execute("""
        SELECT year, value FROM raw_observations WHERE table_id = '86050NED'
        AND measure = 'WmoClienten_1' AND region_code = 'GM0363' AND year BETWEEN 2018 AND 2020
        AND value IS NOT NULL""").fetchall())
    weesp = wh.execute("""
        SELECT count(DISTINCT year), count(value) FROM raw_observations
        WHERE table_id = '86050NED' AND measure = 'WmoClienten_1' AND region_code = 'GM0457'
        AND year BETWEEN 2018 AND 2020""").fetchone()
    assert sorted(own) == [2018, 2019, 2020] and weesp == (3, 0)
    got = _reasons(wh, "GM0363", "wmo_clients_per_1000")
    assert all(got[y] == ("missing_in_source", "GM0457") for y in (2018, 2019, 2020))
    # a municipality's own empty cell stays unnamed: 60039fvw's age groups of 2018-2022
    assert _reasons(wh, "GM0363", "share_age_65_plus")[2018] == ("missing_in_source", None)
