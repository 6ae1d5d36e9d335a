"""What the city report says holds (issue 10): 'In een oogopslag', kies richting, tweedeling,
dates and Dutch text, on the real snapshot for Zwolle and Enschede."""

from __future__ import annotations

import re
from datetime import date

import pytest

from stadstrends.publish.format import fmt_date
from stadstrends.publish.report import builder
from stadstrends.publish.sentence_verdicts import steps_only
from tests.publish.loaded import connect, kept_city

CITIES = ["Zwolle", "Enschede"]


@pytest.fixture(scope="module")
def contexts(warehouse_path):

    with connect(warehouse_path) as con:
        out = {}
        for city in CITIES:
            data = kept_city(con, city)
            out[city] = (data, builder.city_context(data, "nl", None))
        return out


@pytest.mark.parametrize("city", CITIES)
def test_glance_leads_with_what_matters_and_never_repeats_or_goes_stale(contexts, city):
    data, ctx = contexts[city]
    glance = ctx["glance"]
    firsts = [o["items"][0]["sentence"].indicator_id for o in glance["opgaven"] if o["items"]]
    assert len(firsts) == len(set(firsts)) == 5  # no bullet opens several opgaven
    shown = [it["sentence"].indicator_id for o in glance["opgaven"] for it in o["items"]]
    assert len(shown) == len(set(shown))
    assert not [i for i in shown if data.is_stale(i)]
    wonen = next(o for o in glance["opgaven"] if o["id"] == "wonen")
    assert [it["sentence"].indicator_id for it in wonen["items"][:2]] == ["dwellings",
                                                                          "woz_mean"]
    for o in glance["opgaven"]:
        for it in o["items"]:
            text = it["sentence"].text
            assert not re.search(r"\bp [=<]", text), text  # no p-values in running text
            assert "m3" not in text and "m2" not in text


@pytest.mark.parametrize("city", CITIES)
def test_kies_richting_rows_say_why_and_agree_with_the_trend(contexts, city):
    data, ctx = contexts[city]
    groups = {g["title"]: g["items"] for g in ctx["direction"]["groups"]}
    rows = [r for r in data.kies]
    assert rows and all(r["momentum"] != "improving" for r in rows
                        if r["label"] == "urgent task")
    assert all(r["momentum"] != "worsening" for r in rows
               if r["label"] == "distinctive strength")
    for items in groups.values():
        for it in items:
            assert it["why"].startswith(city) and it["why"].endswith(".")
    by_id = {r["indicator_id"]: r for r in rows}
    for items in groups.values():  # "no significant change" only where a trend was tested
        for it in items:
            row = by_id[it["sentence"].indicator_id]
            if row["momentum"] == "none":
                # nor where too few distinct (rounded) values left it untested
                steps = steps_only(data.trends.get(row["indicator_id"]),
                                   data.settings.min_distinct_values)
                tested = row["indicative"] is False and row["n_points"] is not None \
                    and not steps
                assert ("verandert niet significant" in it["why"]) == tested, it["why"]
                assert ("te weinig recente, vergelijkbare jaren" in it["why"]) == (
                    not tested and not steps), it["why"]
                assert ("niet op een trend getoetst" in it["why"]) == steps, it["why"]
    urgent = groups["Urgente opgaven"]
    if city == "Zwolle":  # bijstand in the unfavourable G40 quarter (2,3 x its ommeland)
        assert any("Bijstandsuitkeringen" in it["sentence"].text for it in urgent)
    if city == "Enschede":  # falling unemployment is no urgent task
        assert not any(it["sentence"].indicator_id == "unemployment_rate" for it in urgent)


@pytest.mark.parametrize("city", CITIES)
def test_tweedeling_chart_table_and_text_show_the_same_relative_gaps(contexts, city):
    data, ctx = contexts[city]
    section = ctx["divide"]["city_region"]
    if not section["figures"]:
        pytest.skip("no significant gap movement")
    fig = section["figures"][0]
    chart_rows = fig["spec"]["datasets"]["rows"]
    table = fig["table"]["rows"]
    assert len(chart_rows) == len(table)
    for chart_row, row in zip(chart_rows, table, strict=True):
        g = next(g for g in data.gap_trends.values()
                 if data.catalogue[g["indicator_id"]]["title_nl"] == row[0])
        assert chart_row["last"] == pytest.approx(round(g["last_pct"], 2))
        assert row[2].startswith(f"{g['last_year']}: ")
        assert ("hoger" in row[2]) == (g["last_pct"] > 0)
        assert data.catalogue[g["indicator_id"]]["method"] != "count"
    counts = re.search(r"Bij (\d+) van de \d+ indicatoren met een recente vergelijking wordt "
                       r"het verschil significant groter, bij (\d+) significant kleiner"
                       r"(?:; bij (\d+) wisselt het significant van kant)?",
                       section["summary"])  # a gap that changes sides: a crossing
    assert counts and sum(int(n or 0) for n in counts.groups()) == len(table)
    for s in section["sentences"]:
        # a percentage's relative gap after its points: '2,0 procentpunt (relatief 29%) hoger'
        assert re.search(r"%\)? (hoger|lager)", s.text), s.text


@pytest.mark.parametrize("city", CITIES)
def test_dutch_report_has_no_developer_text_and_true_dates(contexts, city):
    data, ctx = contexts[city]
    front, acc = ctx["front"], ctx["acc"]
    assert "Warehouse" not in front["build_date"]
    retrieved = {row[2] for row in acc["sources"]["rows"]}
    assert "april 2025" in retrieved  # the snapshot documents: retrieved from CBS April 2025
    built = date.fromisoformat(str(data.build["built_at"])[:10])
    assert fmt_date(built, "nl") not in retrieved  # not the day the build ran
    for row in acc["sources"]["rows"]:
        assert not re.search(r"\b(cut at|complete|first slice|regions up to)\b", row[3]), row
    stale = [row for row in acc["indicators"]["rows"] if "verouderd" in row[3]]
    assert stale  # e.g. migration background 1999-2009
    assert any("reeksbreuk" in row[3] for row in acc["indicators"]["rows"])
