"""The command-line profile's signal sentences and the set overview's heatmap tooltips say that
members a cut copy of a CBS table left out are missing from the snapshot, not that they have
no figures, on the real snapshot.

Enschede's signal 'Aandeel inwoners 15-24 jaar: 16,3% (2024), boven de mediaan van de G40'
ended '; plaats 4 van de 30 gemeenten met cijfers (1 = hoogste; 11 van de 41 zonder
cijfers)', and the G40 overview's cells for 2024's figures from 85984NED read '... plaats 13
van 30; 11 van de 41 zonder cijfers)': the 11 (Maastricht ... Zwolle) have CBS figures, the
snapshot's copy of 85984NED stops at Maasdriel. Both now use the report's words
(:mod:`stadstrends.publish.cut_members`). Expectations are read fresh from the warehouse
(``indicator_values``, ``indicator_gaps``)."""

from __future__ import annotations

import re
from collections import defaultdict

import duckdb
import pytest

from stadstrends.publish.profile import city_profile
from stadstrends.publish.report.overview import overview_context

CUT = ("table_cut", "predecessor_cut")
ENSCHEDE = "GM0153"
#: all missing members cut / some of them / none
SAID = {"nl": ("; {cut} van de 41 ontbreken in het deel van CBS-tabel {table} dat "
               "Stadstrends heeft)",
               " hebben bij Stadstrends geen cijfer, {cut} daarvan omdat",
               "; geen cijfer voor {missing} van de 41)"),
        "en": ("; {cut} of the 41 are missing from the Stadstrends copy of CBS "
               "table {table})", " have no figures in Stadstrends, {cut} of them "
               "because", "; no figures for {missing} of the 41)")}


@pytest.fixture(scope="module")
def con(warehouse_path):
    with duckdb.connect(str(warehouse_path), read_only=True) as c:
        yield c


def missing(con, ind: str, year: int, own: str) -> dict[str, set[str]]:
    """G40 members other than ``own`` without a value: code -> the tables of their cut gaps
    (empty: absent for another reason)."""
    rows = con.execute("""
        SELECT m.region_code, list(DISTINCT split_part(g.reason_detail, ':', 1))
               FILTER (WHERE g.reason IN ('table_cut', 'predecessor_cut'))
        FROM comparison_group_members m
        LEFT JOIN indicator_values v ON v.region_code = m.region_code
             AND v.indicator_id = $1 AND v.year = $2
        LEFT JOIN indicator_gaps g ON g.region_code = m.region_code
             AND g.indicator_id = $1 AND g.year = $2
        WHERE m.set_id = 'G40' AND m.region_code <> $3 AND v.value IS NULL
        GROUP BY 1""", [ind, year, own]).fetchall()
    return {code: set(tables or []) for code, tables in rows}


def expect(text: str, gone: dict[str, set[str]], lang: str) -> str:
    """Which of the three ways ``text`` says the absent members: 'cut', 'some', 'none'."""
    cut = {c: t for c, t in gone.items() if t}
    all_cut, some_cut, none_cut = SAID[lang]
    if cut and len(cut) == len(gone):
        tables = sorted({t for ts in cut.values() for t in ts})
        assert len(tables) == 1, tables
        assert all_cut.format(cut=len(cut), table=tables[0]) in text, text
        assert "geen cijfer voor" not in text and "no figures for" not in text, text
        return "cut"
    if cut:
        assert some_cut.format(cut=len(cut)) in text, text
        return "some"
    assert none_cut.format(missing=len(gone)) in text, text
    return "none"


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_signal_sentences_say_cut_members_are_missing_from_the_snapshot(con, lang):
    """Every ranked group signal of Enschede's profile over fewer than the G40's 41."""
    profile = city_profile(con, ENSCHEDE, "G40", lang)
    seen = defaultdict(list)
    for sig in (s for o in profile["opgaven"] for s in o["top_signals"]):
        text = sig[f"text_{lang}"]
        if sig["kind"] != "group_deviation" or sig.get("rank") is None or sig["n"] >= 41:
            continue
        gone = missing(con, sig["indicator_id"], int(sig["year"]), ENSCHEDE)
        assert len(gone) == 41 - sig["n"], (sig["indicator_id"], gone)
        seen[expect(text, gone, lang)].append(text)
        assert "n_cut" not in sig and "cut_tables" not in sig  # the API's answer unchanged
    assert seen["cut"], dict(seen)
    assert any(t.startswith({"nl": "Aandeel inwoners 15-24 jaar: ", "en": "Share of "
                             "inhabitants aged 15-24: "}[lang]) and
               {"nl": "plaats 4 van de 30 gemeenten waarvan Stadstrends cijfers heeft "
                      "(1 = hoogste; 11 van de 41 ontbreken in het deel van CBS-tabel "
                      "85984NED dat Stadstrends heeft)",
                "en": "rank 4 of the 30 municipalities for which Stadstrends has figures "
                      "(1 = highest; 11 of the 41 are missing from the Stadstrends copy "
                      "of CBS table 85984NED)"}[lang] in t for t in seen["cut"])


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_heatmap_tooltips_say_cut_members_are_missing_from_the_snapshot(con, lang):
    """Every G40 overview position cell over fewer than the 41 members."""
    ctx = overview_context(con, {}, lang, "G40")
    section = next(s for s in ctx["sections"] if s["id"] == "heat-positions")
    rows = section["figures"][0]["spec"]["datasets"]["rows"]
    labels = defaultdict(list)
    for ind, title in con.execute(f"SELECT indicator_id, title_{lang} FROM indicators"
                                  ).fetchall():
        labels[title].append(ind)
    codes = dict(con.execute(
        "SELECT r.name, r.region_code FROM comparison_group_members m JOIN regions r "
        "USING (region_code) WHERE m.set_id = 'G40' AND r.valid_to IS NULL").fetchall())
    pattern = {"nl": r"\((\d{4}); plaats \d+ van (\d+)", "en": r"\((\d{4}); rank \d+ of (\d+)"}
    seen = defaultdict(int)
    for row in rows:
        found = re.search(pattern[lang], row["tip"])
        # an out-of-date column's header carries its year: 'Voelt zich weleens onveilig (2019,
        # verouderd)'
        title = re.sub(r" \([\d, ]+, (verouderd|out of date)\)$", "", row["indicator"])
        if not found or int(found[2]) >= 41 or len(labels[title]) != 1:
            continue
        year, n = int(found[1]), int(found[2])
        gone = missing(con, labels[title][0], year, codes[row["city"]])
        assert len(gone) == 41 - n, (row, gone)
        seen[expect(row["tip"], gone, lang)] += 1
    assert seen["cut"] >= 2 * 30, dict(seen)  # 30 cells for each key indicator cut (60)
    # 2019's safety survey (it lacks Assen and Tilburg, no cut) is out of date: its cells give
    # no rank and so no count of members to explain (session 42: no position for an old figure)
    stale = [r for r in rows if re.search(r", (verouderd|out of date)\)$", r["indicator"])]
    assert stale and not any(re.search(pattern[lang], r["tip"]) for r in stale), stale[:2]
