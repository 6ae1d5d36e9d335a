"""indicator_gaps on the real snapshot: a value missing because this snapshot's copy of its
CBS table stops (alphabetically) before the municipality says so (reason ``table_cut``)."""

from __future__ import annotations

import pytest

from stadstrends.cbs_order import SORT_KEY_SQL, sort_key


@pytest.mark.parametrize(("code", "indicator", "table"), [
    ("GM0193", "grey_pressure", "60039fvw"),  # Zwolle after Zevenaar
    ("GM0193", "share_age_85_plus", "60039fvw"),
    ("GM0193", "household_waste_per_inhabitant", "83452NED"),  # after Sluis
    ("GM0344", "household_waste_per_inhabitant", "83452NED"),  # Utrecht
    ("GM0193", "establishments_transport_ict_share", "85984NED"),  # after Maasdriel
])
def test_a_region_after_the_cut_has_the_cut_as_its_reason(wh, code, indicator, table):
    rows = wh.execute("SELECT DISTINCT reason, reason_detail FROM indicator_gaps "
                      "WHERE region_code = ? AND indicator_id = ?", [code, indicator]).fetchall()
    assert ("table_cut", table) in rows, rows


def test_every_cut_reason_is_true_on_the_raw_rows(wh):
    """A ``table_cut`` municipality, or each predecessor a ``predecessor_cut`` row names,
    sorts after the table's last region kept, and the table holds no value of it in that
    year."""
    cuts = dict(wh.execute("SELECT lower(table_id), any_value(cut_after) FROM sources "
                           "WHERE cut_after IS NOT NULL GROUP BY 1").fetchall())
    labels = dict(wh.execute("SELECT region_code, any_value(coalesce(label, name)) "
                             "FROM regions WHERE level = 'gemeente' GROUP BY 1").fetchall())
    rows = wh.execute("""
        SELECT indicator_id, region_code, year, reason, reason_detail FROM indicator_gaps
        WHERE reason IN ('table_cut', 'predecessor_cut')""").fetchall()
    kinds = {r[3] for r in rows}
    assert len(rows) > 1000 and kinds == {"table_cut", "predecessor_cut"}
    checked = set()
    for _ind, code, year, why, detail in rows:
        table, _, codes = detail.partition(":")
        assert table.lower() in cuts, detail
        for c in (codes.split(",") if why == "predecessor_cut" else [code]):
            assert sort_key(labels[c]) > sort_key(cuts[table.lower()]), (code, detail)
            checked.add((table.lower(), c, year))
    wh.execute("CREATE TEMP TABLE _checked (t VARCHAR, c VARCHAR, y INTEGER)")
    wh.executemany("INSERT INTO _checked VALUES (?, ?, ?)", sorted(checked))
    present = wh.execute("""
        SELECT count(*) FROM _checked k JOIN raw_observations o ON lower(o.table_id) = k.t
         AND o.region_code = k.c AND o.year = k.y AND o.value IS NOT NULL""").fetchone()[0]
    assert present == 0


def test_amsterdam_names_weesp_as_the_missing_predecessor(wh):
    """Amsterdam's households before 2022 lack Weesp (and, for a boundary correction,
    Muiden: 71486ned stops at Moerdijk)."""
    rows = wh.execute("SELECT DISTINCT reason, reason_detail FROM indicator_gaps WHERE "
                      "region_code = 'GM0363' AND indicator_id = 'households'").fetchall()
    assert any(why == "predecessor_cut" and detail.startswith("71486ned:")
               and "GM0457" in detail for why, detail in rows), rows
    assert all("GM0363" not in detail for _, detail in rows if detail), rows


def test_the_labels_words_read_true_with_the_detail_filled_in(wh):
    """As the README joins them: the words of table_cut with {detail} = reason_detail name
    the table (Zwolle's grey pressure: 60039fvw)."""
    rows = wh.execute("""
        SELECT DISTINCT replace(l.text, '{detail}', g.reason_detail) FROM indicator_gaps g
        JOIN labels l ON l.kind = 'reason' AND l.code = g.reason AND l.lang = 'nl'
        WHERE g.region_code = 'GM0193' AND g.indicator_id = 'grey_pressure'""").fetchall()
    assert rows == [("het deel van CBS-tabel 60039fvw dat Stadstrends heeft, stopt vóór deze "
                     "gemeente",)], rows


def test_the_sql_sort_key_orders_every_municipality_as_cbs_does(wh):
    """The build compares labels in SQL (``cbs_order.SORT_KEY_SQL``); the report's words use
    ``cbs_order.sort_key``: the same key for every municipality label, accents and
    articles included ('s-Hertogenbosch, Súdwest-Fryslân, De Bilt, Ten Boer, Beek (L.))."""
    rows = wh.execute(f"""SELECT label, {SORT_KEY_SQL.format(x='label')} FROM (
        SELECT DISTINCT coalesce(label, name) AS label FROM regions
        WHERE level = 'gemeente') WHERE label IS NOT NULL""").fetchall()
    assert len(rows) > 600
    assert [k for label, k in rows if k != sort_key(label)] == []
    assert {"hertogenbosch", "sudwestfryslan", "bilt", "boer", "beek\x01l"} <= {
        k for _, k in rows}


def test_a_table_with_a_complete_copy_is_cut_only_in_the_years_that_copy_lacks(wh):
    """83625NED (house prices): the v3 copy (1995-2024) stops at Kerkwijk, the v4 copy is
    complete for 2015-2025. Zwolle's missing 1996-2014 are the cut's (they had no reason);
    no municipality is said to be cut from 2015, where the complete copy has them all."""
    zwolle = wh.execute("""
        SELECT reason, reason_detail, min(year), max(year), count(*) FROM indicator_gaps
        WHERE region_code = 'GM0193' AND indicator_id = 'house_price_mean'
        GROUP BY ALL""").fetchall()
    # 1995: no inhabitants per municipality (membership), so the harmonisation cannot tell
    # Zwolle's small boundary corrections from a merger: a mean is not kept, cut or not
    assert sorted(zwolle) == [("level_boundary_change", None, 1995, 1995, 1),
                              ("table_cut", "83625NED", 1996, 2014, 19)]
    assert wh.execute("""
        SELECT count(*) FROM indicator_gaps WHERE indicator_id = 'house_price_mean'
        AND reason IN ('table_cut', 'predecessor_cut') AND year >= 2015""").fetchone()[0] == 0
    values = wh.execute("""
        SELECT count(*) FROM indicator_values WHERE region_code = 'GM0193'
        AND indicator_id = 'house_price_mean' AND year >= 2015""").fetchone()[0]
    assert values == 11


def test_an_empty_cell_of_a_small_part_before_the_cut_is_not_the_reason(wh):
    """Zutphen's waste 2001-2004: 83452NED's copy stops at Sluis, so Zutphen and Warnsveld
    are absent; Eibergen's 0.4 % (before the cut) had an empty cell, and the row said
    'waarde ontbreekt in de bron' (``missing_in_source``). The copy's cut is why: ``table_cut``
    (8 rows of the snapshot). A ``missing_in_source`` row whose principal parts of the year
    (crosswalk weight >= 0.5) all sort after a cut table's last region kept is left nowhere;
    where a principal part before the cut is empty (Vijfheerenlanden's Leerdam), it stays."""
    rows = dict(wh.execute("""SELECT year, reason || ':' || coalesce(reason_detail, '')
                              FROM indicator_gaps WHERE region_code = 'GM0301'
                                AND indicator_id = 'household_waste_per_inhabitant'
                                AND year BETWEEN 2001 AND 2004""").fetchall())
    assert rows == {y: "table_cut:83452NED" for y in range(2001, 2005)}, rows
    cut_after = wh.execute("SELECT any_value(cut_after) FROM sources "
                           "WHERE lower(table_id) = '83452ned'").fetchone()[0]
    labels = dict(wh.execute("SELECT region_code, any_value(coalesce(label, name)) "
                             "FROM regions WHERE level = 'gemeente' GROUP BY 1").fetchall())
    left = wh.execute("""
        SELECT g.region_code, g.year, list(DISTINCT w.source_code)
        FROM indicator_gaps g JOIN crosswalk w ON w.target_code = g.region_code
                                              AND w.boundary_year = g.year AND w.weight >= 0.5
        WHERE g.indicator_id = 'household_waste_per_inhabitant'
          AND g.reason = 'missing_in_source' GROUP BY ALL""").fetchall()
    assert left, "the premise: waste has empty cells of its own"
    after = [r for r in left if r[0] in r[2]
             and all(sort_key(labels[c]) > sort_key(cut_after) for c in r[2])]
    assert after == [], after


def test_a_value_cbs_gives_without_its_base_blames_the_boundary_change_first(wh):
    """A mean, median or rate CBS gives without its base (``series_raw.additive`` false) of a
    municipality whose own code did not exist in the year cannot be made from its
    predecessors' figures, whatever the table holds: no cut reason, ``level_boundary_change``
    (Voorne aan Zee's house prices 1995-2014 said 'geen cijfers voor Westvoorne ...
    83625NED niet compleet'). Amsterdam's before 2022 too: Weesp gave it over 2 % of its
    inhabitants. A weighted mean (WOZ value: mean x dwellings) keeps ``predecessor_cut``:
    the complete 37610 would have let Westvoorne's figure be weighed in."""
    blamed = wh.execute("""
        SELECT r.indicator_id, r.region_code, r.year, r.reason FROM indicator_results r
        SEMI JOIN series_raw s ON s.indicator_id = r.indicator_id AND NOT s.additive
        JOIN region_history h ON h.code = r.region_code
        WHERE r.reason IN ('table_cut', 'predecessor_cut', 'table_cut_within')
          AND h.valid_from >= make_date(r.year::INTEGER + 1, 1, 1)""").fetchall()
    assert blamed == [], blamed[:5]
    for code in ("GM1992", "GM0363"):
        got = wh.execute("""SELECT DISTINCT reason, reason_detail FROM indicator_results
            WHERE indicator_id = 'house_price_mean' AND region_code = ?
              AND year BETWEEN 1995 AND 2014""", [code]).fetchall()
        assert got == [("level_boundary_change", None)], (code, got)
    weesp, amsterdam = (wh.execute("SELECT inhabitants FROM membership WHERE year = 2014 "
                                   "AND gm_code = ?", [c]).fetchone()[0]
                        for c in ("GM0457", "GM0363"))
    assert weesp > 0.02 * amsterdam
    woz = wh.execute("""SELECT DISTINCT reason, reason_detail FROM indicator_results
        WHERE indicator_id = 'woz_mean' AND region_code = 'GM1992'
          AND year BETWEEN 2006 AND 2014""").fetchall()
    assert woz == [("predecessor_cut", "37610:GM0612,GM0614")], woz
