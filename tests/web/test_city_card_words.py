"""The city page's cards and tiles say what the report says, in its words and numbers (the
real snapshot): a tile's verdict has no verb that
could disagree with a plural title, its figures are printed by the report's formatter with
the report's decimals, and a trend cut at a series break says so."""

from __future__ import annotations

import re

import pytest

from stadstrends import vocabulary
from stadstrends.publish import trend_badge
from stadstrends.publish.report.glance import glance
from stadstrends.publish.sentence_words import WORDS
from tests.publish.loaded import connect, kept_city

HTML = {"accept": "text/html"}
# Utrecht, Zwolle, Amsterdam, Ameland, Helmond, Noordenveld: big and small, the G4 and the G40
CITIES = ["GM0344", "GM0193", "GM0363", "GM0060", "GM0794", "GM1699"]
TESTED = ("improving", "worsening", "neutral", "stable")


def _tiles(client, city: str, lang: str = "nl") -> list[dict]:
    page = client.get(f"/gemeente/{city}?lang={lang}&format=json").json()
    return [x for d in page["domains"] for x in d["tiles"]]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_tile_verdicts_agree_with_any_title(client, lang):
    """'Banen van werknemers ... ↑ verbetert', 'Zonnestroominstallaties per 1 000 inwoners ...
    verbetert': a plural title with a singular verb. The report's sentences carry no verb
    for a title to agree with ('een significante stijging'); the catalogue has no number for
    its titles. A tile's tested verdict is now a verb-free phrase, the report's badge where
    it has one ('gunstige trend'), over every indicator the six cities have a tile of; the
    'Kies richting' reasons lose their verb too ('gunstige trend sinds 2017')."""
    web = vocabulary.section(lang, "web")
    badges = vocabulary.section(lang, "report")
    assert web["improving"] == badges["badge_trend_favourable"]
    assert web["worsening"] == badges["badge_trend_adverse"]
    assert web["neutral"] == badges["badge_trend_neutral"]
    # finite verbs in the third person singular, as the tiles and kies reasons had them
    singular = {"nl": r"\b(verbetert|verslechtert|stijgt|daalt|steeg|daalde|verandert|veranderd)\b",
                "en": r"\b(improving|worsening|improves|worsens)\b"}[lang]
    seen: dict[str, set[str]] = {s: set() for s in TESTED}
    for city in CITIES:
        for x in _tiles(client, city, lang):
            if x["status"] in TESTED:
                seen[x["status"]].add(x["indicator_id"])
                # or, without an arrow, the report's 'niet getoetst: ...' (few rounded
                # values or counts), in its sentence's words
                said = x["status_text"].split(";")[0]
                # a tested trend on small counts carries the report's caveat (session 46)
                said = re.sub(r" \((op kleine aantallen|on small counts|op een klein saldo|"
                              r"on a small net balance): .*\)$", "", said)
                for key in ("rounding_rise", "rounding_fall"):  # may rest on CBS's rounding
                    said = said.removesuffix(" " + vocabulary.section(lang, "words")[key])
                untested = not x["arrow"] and said.startswith(
                    WORDS[lang]["steps"].split(":")[0] + ": ")
                # a verdict that is no signal: 'gunstige trend, te klein voor een signaal'
                small = trend_badge.label(x["status"], False, lang)
                assert untested or said in (web[x["status"]], small), x
                assert not re.search(singular, x["status_text"]), x
        page = client.get(f"/gemeente/{city}?lang={lang}&format=json").json()
        for k in (k for g in page["kies"] for k in g["rows"]):
            assert not re.search(singular, k["why"]), k
    assert all(seen.values()), seen  # every verdict met on the snapshot
    assert len(set().union(*seen.values())) >= 40
    assert "jobs_employees" in seen["improving"]  # 'Banen van werknemers', plural


def _decimals(number: str) -> int:
    """Decimals of a Dutch number: '52,6' 1, '1.196' 0."""
    return len(number.split(",")[1]) if "," in number else 0


@pytest.mark.parametrize("city", CITIES)
def test_tile_figures_as_the_report_prints_them(client, warehouse_path, city):
    """Zwolle's income: '€ 52.600' on the tile, '52,6 duizend euro' in the report; Zwolle's
    population density: '1.196 inwoners per km²' and '+74,0 (+6,6%)'. A tile's figures are
    printed by the report's formatter, with the report's decimals: its latest value is the
    number the report's sentence prints for that year, and a change has the decimals of the
    figures it is the difference of."""
    with connect(warehouse_path) as con:
        report = glance(kept_city(con, city), "nl")
    cited = {(c.indicator_id, c.year): c.shown for o in report["opgaven"] for it in o["items"]
             for c in it["sentence"].cites if c.field == "value" and c.region_code == city}
    compared = 0
    for x in _tiles(client, city):
        assert "€" not in x["value"] + (x["change"] or "") + (x["ommeland"] or ""), x
        shown = cited.get((x["indicator_id"], x["year"]))
        if shown is not None:
            compared += 1
            assert x["value"] == shown or x["value"].startswith(shown + " "), (x, shown)
        # a change along the trend line (a first year far off it, publish/trend_line.py)
        # is the line's slope, with a decimal more where it would print as zero
        if x["change"] and x["unit"] != "%" and x["status"] != "over_jump" \
                and not re.search("trendlijn|trend line", x["change"]):
            change = re.match(r"[−+]?[\d.,]+", x["change"]).group(0)
            value = re.match(r"[−+]?[\d.,]+", x["value"]).group(0)
            assert _decimals(change) == _decimals(value), x
    assert compared >= 5


def test_zwolle_income_and_density_as_in_the_report(client):
    tiles = {x["indicator_id"]: x for x in _tiles(client, "GM0193")}
    assert tiles["income_disposable_mean"]["value"] == "52,6 duizend euro"
    assert tiles["population_density"]["change"].startswith("+74 inwoners per km² (+6,6%)")


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_trend_cut_at_a_break_says_earlier_years_are_not_comparable(client, warehouse_path,
                                                                      lang):
    """The report: 'geen significante trend; eerdere jaren zijn niet vergelijkbaar
    (reeksbreuk)' (Utrecht's gas use per dwelling, 2019-2023); its tile said only 'geen
    significante verandering'. Every tile whose trend was cut at a break or source switch
    (``trends.segment_reason``) says it, and no other."""
    cut = WORDS[lang]["cut"]
    with connect(warehouse_path) as con:
        found = 0
        for city in CITIES:
            reasons = dict(con.execute(
                "SELECT indicator_id, segment_reason FROM trends WHERE region_code = ?",
                [city]).fetchall())
            for x in _tiles(client, city, lang):
                said = cut in x["status_text"]
                assert said == bool(reasons.get(x["indicator_id"])), (city, x)
                found += said
    assert found >= 10
