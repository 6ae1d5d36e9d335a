"""Sample figures of small municipalities (the catalogue's ``survey: EBB``: unemployment and
net labour participation, CBS's Labour Force Survey, 'voor kleine gemeenten onnauwkeurig').
Vlieland's report called its unemployment of 2024, 3,2% (labour force 1 000), 'ongunstig
vergeleken met de groep' and an urgent task without saying it is a survey estimate. Now every
verdict and label on such a figure says 'steekproefcijfer' (report sentence, opgave list,
Kies richting's Waarom, tile, profile); Zwolle's (labour force 70 000) say nothing of it.
The threshold (a published base under 10 000 people) is the build's setting, recorded in
``build_info.survey_small_base``."""

from __future__ import annotations

import html
import re

import pytest

from stadstrends.indicators.catalogue import Indicator, load_catalogue
from stadstrends.publish.report import builder
from tests.publish.loaded import kept_city

HTML = {"accept": "text/html"}
BRIEF = "steekproefcijfer, voor kleine gemeenten onnauwkeurig"
WHY = ("Dit is een steekproefcijfer uit de Enquête beroepsbevolking (2024); het CBS noemt "
       "zulke cijfers voor kleine gemeenten onnauwkeurig.")


def _text(page: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def test_the_catalogue_flags_cbss_sample_figures_and_validates_the_flag() -> None:
    cat = load_catalogue()
    flagged = {i.id for i in cat.indicators if i.survey}
    assert flagged == {"unemployment_rate", "net_labour_participation"}
    said = {i.id for i in cat.indicators if any("Steekproefcijfers" in c.nl for c in i.caveats)}
    assert said == flagged
    raw = cat.get("unemployment_rate").model_dump()
    with pytest.raises(ValueError, match="set survey"):
        Indicator.model_validate({**raw, "survey": None})
    with pytest.raises(ValueError, match="survey needs"):
        Indicator.model_validate({**raw, "caveats": raw["caveats"][:2]})


def test_the_warehouse_holds_the_small_municipalities_sample_figures(wh) -> None:
    assert wh.execute("SELECT survey_small_base FROM build_info").fetchone()[0] == 10000
    rows = dict(((r[0], r[1]), r[2]) for r in wh.execute(
        "SELECT region_code, indicator_id, base FROM survey_estimates WHERE year = 2024"
    ).fetchall())
    assert rows[("GM0096", "unemployment_rate")] == 1000  # Vlieland's labour force
    assert ("GM0193", "unemployment_rate") not in rows  # Zwolle's: 70 000
    # every one under the threshold, and every municipality under it is there (2024: 48 of
    # 342 by the labour force, 27 by the population of 15-75)
    counts = dict(wh.execute("""SELECT indicator_id, count(*) FROM survey_estimates
        WHERE year = 2024 GROUP BY ALL""").fetchall())
    assert counts == {"unemployment_rate": 48, "net_labour_participation": 27}
    assert wh.execute("SELECT max(base) FROM survey_estimates").fetchone()[0] < 10000


def test_vlielands_report_says_it_wherever_it_judges_its_unemployment(wh) -> None:
    for city, said in (("Vlieland", True), ("Zwolle", False)):
        ctx = builder.city_context(kept_city(wh, city), "nl", None)
        text = " ".join(s.text for s in builder.collect_sentences(ctx))
        if not said:
            assert "steekproefcijfer" not in text, city
            continue
        assert f"Werkloosheid: 3,2% in 2024 ({BRIEF})" in text  # its domain and opgave
        # a trend's last figure: after the year (session 53)
        assert "arbeidsparticipatie" not in text or f"75,3% in 2024 (+4,0 procentpunt; {BRIEF})" \
            in text


def test_vlielands_report_file_marks_its_group_verdict(wh, tmp_path) -> None:
    written = builder.write_city(wh, "Vlieland", tmp_path, "nl", "html")
    text = _text(written.paths[0].read_text(encoding="utf-8"))
    # the opgave's list of adverse signals no bullet shows: the verdict and the mark together
    assert f"Werkloosheid (ongunstig vergeleken met de groep, op een {BRIEF};" in text
    assert WHY in text


def test_vlielands_city_page_and_profile_say_it(client) -> None:
    text = _text(client.get("/gemeente/GM0096", headers=HTML).text)
    assert f"3,2% (2024, {BRIEF})" in text  # the tile
    assert WHY in text  # the Waarom of Kies richting
    profile = client.get("/api/v1/profile/GM0096").json()
    row = next(r for r in profile["kies_richting"]["urgent_tasks"]
               if r["indicator_id"] == "unemployment_rate")
    assert row["survey"] == "EBB" and row["why_nl"].endswith(WHY)
    zwolle = client.get("/api/v1/profile/GM0193").json()
    rows = [r for key in ("urgent_tasks", "distinctive_strengths")
            for r in zwolle["kies_richting"][key]]
    assert rows and all(r.get("survey") is None for r in rows)
    assert "steekproefcijfer" not in _text(client.get("/gemeente/GM0193", headers=HTML).text)


def test_the_ranking_marks_the_small_municipalities_figures_only(client) -> None:
    """GK1 (under 10 000 inhabitants): every member's unemployment of 2024 is a sample
    figure of a labour force under 10 000, each marked; Zwolle's indicator page note not."""
    ranking = _text(client.get("/ranglijst?indicator=unemployment_rate&year=2024&groep=GK1",
                               headers=HTML).text)
    assert re.search(r"Vlieland 3,2% \(" + BRIEF + r"\)", ranking), ranking[:300]
    page = client.get("/indicator/unemployment_rate?year=2024&format=json").json()
    notes = {v["region_code"]: v["note"] for v in page["map_values"]}
    assert BRIEF in notes["GM0096"] and BRIEF not in notes["GM0193"]
    assert sum(BRIEF in n for n in notes.values()) == 48
