"""A significant trend has one label on the city page's tiles, its opgave cards and the
report's 'In een oogopslag' (:mod:`stadstrends.publish.trend_badge`). A trend in the good or
bad direction is a signal (page 1's 'N gunstig') only where its strength reaches the build's
``trend_min_strength`` (0,25); below it the tile said 'gunstige trend' and the report's badge
'kernindicator' ('valt niet genoeg op') of the same figure: the jobs of Veendam, Assen, Emmen
and 41 other municipalities in their default group (and the tiles' 'significante trend (geen
oordeel)' beside the badge's 'trend (geen oordeel)' 1 756 times: 1 800 of 8 346 bullets). Now
both read 'gunstige trend, te klein voor een signaal', counted as no signal (0 of 8 346
differ); the snapshot has no worsening trend below the threshold (53 worsening tiles, all
signals). Real snapshot."""

from __future__ import annotations

import pytest

from stadstrends.publish.read import build_info
from stadstrends.publish.report.glance import glance
from stadstrends.publish.report.sections import accountability
from stadstrends.publish.report.texts import t
from tests.publish.loaded import kept_city

#: Veendam, Assen, Emmen: a significant rise of the jobs that is no signal (in the default
#: group); Zwolle and Enschede the goldens' cities
NAMED = ["GM0047", "GM0106", "GM0114", "GM0193", "GM0153"]
VERDICTS = ("improving", "worsening", "neutral")


def _page(client, code: str, lang: str) -> dict:
    return client.get(f"/gemeente/{code}?format=json&lang={lang}").json()


def _codes(wh, lang: str) -> list[str]:
    """The named municipalities; in Dutch also every 20th by code (a page: 3-7 s)."""
    every = [c for (c,) in wh.execute(
        "SELECT region_code FROM regions WHERE level = 'gemeente' AND valid_to IS NULL "
        "ORDER BY 1").fetchall()]
    return [*NAMED, *(c for c in every[::20] if c not in NAMED and lang == "nl")]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_tile_and_card_say_the_same_of_a_trend(client, wh, lang: str) -> None:
    """Over 23 municipalities (every 20th by code and the named ones), each card bullet
    (the report's badge) with a trend's label has it on its tile too, and a 'kernindicator'
    stands beside no tile with a significant verdict."""
    trend_labels = {t(lang, f"badge_trend_{v}{s}") for v in ("favourable", "adverse")
                    for s in ("", "_small")} | {t(lang, "badge_trend_neutral")}
    small = {t(lang, f"badge_trend_{v}_small") for v in ("favourable", "adverse")}
    lead = t(lang, "badge_lead")
    seen = {"trend": 0, "small": 0, "lead": 0}
    for code in _codes(wh, lang):
        page = _page(client, code, lang)
        tiles = {x["indicator_id"]: x for d in page["domains"] for x in d["tiles"]}
        for card in page["opgaven"]:
            for it in card["items"]:
                x = tiles.get(it["indicator_id"])
                if x is None or x["status"] == "stale":
                    continue
                if it["label"] in trend_labels:
                    assert x["status_text"].startswith(it["label"]), (code, it, x["status_text"])
                    seen["small" if it["label"] in small else "trend"] += 1
                elif it["label"] == lead:
                    assert x["status"] not in VERDICTS, (code, it, x["status_text"])
                    seen["lead"] += 1
    least = {"nl": (150, 3, 50), "en": (30, 3, 5)}[lang]  # measured: 211, 3, 69; 46, 3, 8
    assert seen["trend"] >= least[0] and seen["small"] >= least[1], seen
    assert seen["lead"] >= least[2], seen


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_trend_that_is_no_signal_says_so_and_counts_as_none(client, wh, lang: str) -> None:
    """Veendam's jobs: a significant rise, no trend signal; tile and report badge 'gunstige
    trend, te klein voor een signaal', the bullet without a valence (no signal counted)."""
    small = t(lang, "badge_trend_favourable_small")
    for code in NAMED[:3]:
        data = kept_city(wh, code, None)
        assert not any(s["indicator_id"] == "jobs_employees" and s["kind"] == "trend"
                       for s in data.signals), code
        item = next(it for o in glance(data, lang)["opgaven"] for it in o["items"]
                    if it["sentence"].indicator_id == "jobs_employees")
        assert item["valence_text"] == small and item["valence"] is None, (code, item)
        tiles = {x["indicator_id"]: x for d in _page(client, code, lang)["domains"]
                 for x in d["tiles"]}
        assert tiles["jobs_employees"]["status"] == "improving"
        assert tiles["jobs_employees"]["status_text"].startswith(small), code


def test_every_tile_with_a_verdict_says_whether_it_is_a_signal(client, wh) -> None:
    """On Zwolle's, Veendam's and Assen's pages every improving or worsening tile is
    'gunstige trend' exactly where its trend is a signal of the default group (``signals``),
    and the API profile's ``trend_badge_nl`` is the tile's label (None without a verdict)."""
    small_seen = 0
    for code in ("GM0193", "GM0047", "GM0106"):
        page = _page(client, code, "nl")
        signalled = {r[0] for r in wh.execute(
            "SELECT indicator_id FROM signals WHERE region_code = ? AND set_id = ? "
            "AND kind = 'trend'", [code, page["group"]["set_id"]]).fetchall()}
        api = {i["indicator_id"]: i["trend_badge_nl"] for d in client.get(
            f"/api/v1/profile/{code}").json()["domains"] for i in d["indicators"]}
        for x in (x for d in page["domains"] for x in d["tiles"]):
            if x["status"] in ("improving", "worsening"):
                v = {"improving": "favourable", "worsening": "adverse"}[x["status"]]
                small = "" if x["indicator_id"] in signalled else "_small"
                assert x["status_text"].startswith(t("nl", f"badge_trend_{v}{small}")), x
                small_seen += bool(small)
            if x["status"] != "stale":
                said = api[x["indicator_id"]]
                assert (said is None) == (x["status"] not in VERDICTS), (code, x, said)
                assert said is None or x["status_text"].startswith(said), (code, x, said)
    assert small_seen >= 2, small_seen


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_threshold_is_said_where_a_reader_finds_it(wh, lang: str) -> None:
    """The Verantwoording says the build's threshold (0,25) and the label below it; the
    glance's intro explains the label."""
    assert float(build_info(wh)["trend_min_strength"]) == 0.25
    data = kept_city(wh, "GM0047", None)
    intro = accountability(data, lang)["intro"]
    assert {"nl": "0,25 keer de spreiding", "en": "0.25 times the spread"}[lang] in intro
    assert t(lang, "badge_trend_favourable_small") in intro
    assert t(lang, "badge_trend_favourable_small").split(", ")[1][:8].lower() in \
        t(lang, "glance_badges", kies="").lower()
