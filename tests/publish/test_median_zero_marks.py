"""A group's median of 0 on its middle members' counts CBS rounded to 0 is marked where the
report and the profile print it, as the city's own figure and an ommeland on such counts are
(real snapshot; ``benchmark_zeros``, :mod:`stadstrends.publish.median_zeros`). Before:
Westland's 'In 2023 staat Westland op plaats 1 van de 3 gemeenten van COROP-gebied Delft en
Westland (1 = hoogste; mediaan 0,0) en hoger dan het ommeland (0,0, berekend uit op 0
afgeronde aantallen).': the median is Delft's 0 demolitions in 86054NED, rounded to fives,
as the ommeland beside it is."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from stadstrends.publish import chart_panels
from stadstrends.publish import signal_pairs as sp
from stadstrends.publish.profile import city_profile, render_profile
from stadstrends.publish.profile_text import _rank_cell
from stadstrends.publish.read import records
from stadstrends.publish.report import builder, panels
from stadstrends.publish.sentence_signals import kies_parts, signal_text
from tests.publish.loaded import connect, kept_city

DEMOLITION = "demolition_per_1000_dwellings"
ONE = {"nl": "berekend uit een op 0 afgerond aantal", "en": "computed from a count rounded to 0"}
MANY = {"nl": "berekend uit op 0 afgeronde aantallen", "en": "computed from counts rounded to 0"}
ZERO = {"nl": "0,0", "en": "0.0"}

#: every municipality's position beside a median of 0 on counts rounded to 0 in the
#: indicator's latest year (40 in the snapshot)
LATEST_SQL = """
SELECT z.set_id, z.region_code, z.indicator_id, z.year, z.median_zeros
FROM benchmark_zeros z SEMI JOIN benchmark_latest l USING (region_code, indicator_id, year)
WHERE z.median_zeros IS NOT NULL ORDER BY ALL
"""


@pytest.mark.parametrize(("lang", "shown"), [
    ("nl", "(1 = hoogste; mediaan 0,0, berekend uit een op 0 afgerond aantal) en hoger dan "
           "het ommeland (0,0, berekend uit op 0 afgeronde aantallen)"),
    ("en", "(1 = highest; median 0.0, computed from a count rounded to 0) and higher than "
           "the surrounding region (0.0, computed from counts rounded to 0)")])
def test_the_reports_position_marks_the_median(warehouse_path, lang, shown):
    with connect(warehouse_path) as con:
        data = kept_city(con, "Westland", "CR27")
    texts = [s.text for s in builder.collect_sentences(builder.city_context(data, lang, None))]
    title = data.catalogue[DEMOLITION][f"title_{lang}"]
    text = next(t for t in texts if t.startswith(f"{title} "))
    assert shown in text, text
    # no other median of Westland's report in its COROP group is such a 0
    assert sum(t.count(ONE[lang]) for t in texts) == 1


def test_every_latest_median_on_rounded_counts_reaches_the_reports_facts(wh, warehouse_path):
    """The report's position clause reads ``bench['median_zeros']``: every one of the 40."""
    rows = wh.execute(LATEST_SQL).fetchall()
    assert len(rows) == 40
    with connect(warehouse_path) as con:
        for set_id, code, ind, year, n in rows:
            if set_id == "PEERS":
                continue  # the report does not compare within the PEERS group
            bench = kept_city(con, code, set_id).latest[ind]
            assert (bench["year"], bench["median"], bench["median_zeros"]) == (year, 0, n)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_panel_table_and_the_charts_median_line(warehouse_path, lang):
    with connect(warehouse_path) as con:
        data = kept_city(con, "Westland", "CR27")
    table = panels.series_table(data, [DEMOLITION], lang)
    cols = table["columns"]
    by_year = {r[1]: dict(zip(cols, r, strict=True)) for r in table["rows"]}
    median_col, p25_col, p75_col = cols[4], cols[3], cols[5]
    # Delft's 0 the median; the p25 between Midden-Delfland's and Delft's 0s
    assert by_year[2023][median_col] == f"{ZERO[lang]} ({ONE[lang]})"
    assert by_year[2023][p25_col] == f"{ZERO[lang]} ({MANY[lang]})"
    assert ONE[lang] not in by_year[2023][p75_col] and MANY[lang] not in by_year[2023][p75_col]
    marked = {y for y, r in by_year.items() if ONE[lang] in r[median_col] or MANY[lang] in
              r[median_col]}
    zeros = {r["year"] for r in data.series[DEMOLITION] if r.get("median_zeros")}
    assert marked == zeros & set(by_year)
    assert all(r["median"] == 0 for r in data.series[DEMOLITION] if r["year"] in zeros)
    p = panels.panel(data, DEMOLITION, lang)
    assert p.median_notes.get(2023) == ONE[lang]
    spec = chart_panels.small_multiples([p], data.name, lang, group="Delft en Westland")
    tips = {r["who"] for rows in spec["datasets"].values() for r in rows
            if isinstance(r, dict) and r.get("year") == 2023 and "who" in r}
    assert any(t.endswith(f"({ONE[lang]})") for t in tips), tips


def test_the_profile_marks_every_such_median(wh):
    rows = wh.execute(LATEST_SQL).fetchall()
    for set_id, code, ind, year, n in rows:
        prof = city_profile(wh, code, set_id)
        row = next(i for d in prof["domains"] for i in d["indicators"] if i["indicator_id"] == ind)
        assert (row["year"], row["median"], row["median_zeros"]) == (year, 0, n), (code, set_id)
        for lang in ("nl", "en"):
            cell = _rank_cell(row, lang)
            assert cell.endswith(f"{ZERO[lang]}, {(ONE if n == 1 else MANY)[lang]})"), cell
            # unmarked without: the same row bare
            assert _rank_cell({**row, "median_zeros": None}, lang).endswith(f"{ZERO[lang]})")


def test_the_profile_table_shows_it(wh):
    westland = city_profile(wh, "Westland", "CR27")
    console = Console(record=True, width=400, file=io.StringIO())
    render_profile(westland, console, "nl")
    lines = console.export_text().splitlines()
    line = next(x for x in lines if x.startswith("Sloop per 1"))
    assert "1/3 (med. 0,0, berekend uit een op 0 afgerond aantal)" in line, line
    others = [x for x in lines if "med. 0,0, berekend" in x or "med. 0, berekend" in x]
    assert others == [line]


def test_signals_and_kies_rows_beside_such_a_median(wh):
    """No group-deviation signal and no Kies richting row of the snapshot stands beside a
    median on counts rounded to 0 (all 40 such positions are demolitions, which give none):
    counted, so that one appearing is seen. Their rows carry ``median_zeros``, and their
    words say it after the median, as the report's position clause does (a real row of each
    with its median set to such a 0: Maastricht in Zuid-Limburg, and in the G40)."""
    sql = ("SELECT count(*) FROM {} s JOIN benchmark_zeros z "
           "USING (set_id, region_code, indicator_id, year) WHERE z.median_zeros IS NOT NULL")
    assert wh.execute(sql.format("signals") + " AND s.kind = 'group_deviation'"
                      ).fetchone()[0] == 0
    assert wh.execute(sql.format("kies_richting")).fetchone()[0] == 0
    rows = records(wh, sp.ROWS + " AND s.kind = 'group_deviation'", ["GM0935", "G40"])
    assert rows and all("median_zeros" in r and r["median_zeros"] is None for r in rows)
    row = {**rows[0], "median": 0.0, "median_zeros": 2}
    for lang in ("nl", "en"):
        text = signal_text(row, "de G40", lang)
        assert f", {MANY[lang]})" in text, text
        assert MANY[lang] not in signal_text(rows[0], "de G40", lang)
    kies = records(wh, "SELECT k.*, i.decimals FROM kies_richting k JOIN indicators i "
                   "USING (indicator_id) WHERE region_code = 'GM0935' AND set_id = 'CR39' "
                   "ORDER BY label, rank LIMIT 1")[0]
    text = "".join(kies_parts({**kies, "median": 0.0, "median_zeros": 1}, "de groep", "nl"))
    assert f"(mediaan 0,0 per 1 000 woningen, {ONE['nl']})" in text, text
    assert ONE["nl"] not in "".join(kies_parts(kies, "de groep", "nl"))


def test_no_cut_a_position_is_one_case_from_is_such_a_quartile(wh):
    """The report's 'rond de grens van het laagste kwart (16,0%)' names the p25 or p75 (with
    the mark, as the median: ``positions.case_words``); none of the snapshot's 5 864 such
    positions (shares of few cases) has a cut of 0 on counts rounded to 0: counted, so that
    one appearing is seen."""
    n, zeros = wh.execute("""
        SELECT count(*), count(*) FILTER (WHERE (p.cut = 'p25' AND z.p25_zeros IS NOT NULL)
                                          OR (p.cut = 'p75' AND z.p75_zeros IS NOT NULL))
        FROM case_positions p
        LEFT JOIN benchmark_zeros z USING (set_id, region_code, indicator_id, year)""").fetchone()
    assert (n, zeros) == (5864, 0)
