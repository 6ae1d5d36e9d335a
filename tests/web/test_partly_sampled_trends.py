"""A trend partly on a small municipality's sample figures whose latest figure is none (real
snapshot): Asten's unemployment 2017-2024 rests on five sample years (2017-2021, labour force
under 10 000) and its 2024 figure on none, so no mark was said (the mark followed the latest
figure only): 'van 5,0% in 2017 naar 2,9% in 2024 (−2,1 procentpunt), een significante
daling' and the tile's '−2,1 %-punt 2017–2024'. Seven such trends on the snapshot (Asten,
Gennep, Ommen, Son en Breugel, Staphorst, Waalre: unemployment; Woudenberg: participation);
since session 54 the trend sentence and the tile say which years are sample figures
('steekproefcijfers in 2017–2021, voor kleine gemeenten onnauwkeurig'; Ommen's one year
'steekproefcijfer in 2017, ...'), the profile's ``survey_years`` names them, and the
downloads' notes mark each such year (as they did), not the latest."""

from __future__ import annotations

import html
import re

import pytest

from stadstrends.publish.report.data import fact
from stadstrends.publish.small_base_words import partly_sampled
from tests.publish.loaded import kept_city

HTML = {"accept": "text/html"}
ASTEN, OMMEN, WOUDENBERG = "GM0743", "GM0175", "GM0351"
#: the trends (municipality, indicator) with sample years whose last figure is none
PARTLY_SQL = """
    SELECT t.region_code, t.indicator_id, list(e.year ORDER BY e.year)
    FROM trends t JOIN survey_estimates e ON e.region_code = t.region_code
     AND e.indicator_id = t.indicator_id AND e.year BETWEEN t.first_year AND t.last_year
    WHERE NOT EXISTS (SELECT 1 FROM survey_estimates x WHERE x.region_code = t.region_code
                      AND x.indicator_id = t.indicator_id AND x.year = t.last_year)
    GROUP BY ALL ORDER BY ALL"""
MARK = {"nl": ("steekproefcijfers in {years}, voor kleine gemeenten onnauwkeurig",
               "steekproefcijfer in {years}, voor kleine gemeenten onnauwkeurig"),
        "en": ("sample figures in {years}, imprecise for small municipalities",
               "sample figure in {years}, imprecise for small municipalities")}


def _text(page: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).replace("\xa0", " ").split())


def _mark(years: list[int], lang: str) -> str:
    """The mark of ``years`` (consecutive on the snapshot: '2017–2021', or one year)."""
    span = str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"
    assert years == list(range(years[0], years[-1] + 1))
    return MARK[lang][len(years) == 1].format(years=span)


def test_the_seven_trends_partly_on_sample_years(wh) -> None:
    rows = wh.execute(PARTLY_SQL).fetchall()
    assert [(c, i) for c, i, _ in rows] == [
        ("GM0175", "unemployment_rate"), ("GM0180", "unemployment_rate"),
        ("GM0351", "net_labour_participation"), ("GM0743", "unemployment_rate"),
        ("GM0848", "unemployment_rate"), ("GM0866", "unemployment_rate"),
        ("GM0907", "unemployment_rate")]
    by = {c: y for c, _, y in rows}
    assert by[ASTEN] == [2017, 2018, 2019, 2020, 2021] and by[OMMEN] == [2017]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_trend_sentence_says_its_sample_years(wh, lang) -> None:
    """Each of the seven says the mark of its own years in the change's bracket, after the
    latest year; no other mark of a sample figure (the latest figure is none)."""
    for code, ind, years in wh.execute(PARTLY_SQL).fetchall():
        data = kept_city(wh, code).in_language(lang)
        text = data.writer(lang).indicator(fact(data, ind, lang)).text.replace("\xa0", " ")
        mark = _mark(years, lang)
        assert re.search(r" (in|to) 2024 \([^()]*; " + re.escape(mark) + r"\)", text), text
        assert text.count("steekproef" if lang == "nl" else "sample figure") == 1, text


def test_the_mark_is_only_of_a_trend_whose_last_figure_is_none() -> None:
    assert partly_sampled([2017, 2018], 2017, 2024, "nl") == (
        "steekproefcijfers in 2017–2018, voor kleine gemeenten onnauwkeurig")
    assert partly_sampled([2016, 2017], 2017, 2024, "nl") == (  # 2016 is before the trend
        "steekproefcijfer in 2017, voor kleine gemeenten onnauwkeurig")
    assert partly_sampled([2017, 2024], 2017, 2024, "nl") == ""  # the latest's own mark says it
    assert partly_sampled([2010], 2017, 2024, "nl") == ""
    assert partly_sampled([2017], None, None, "nl") == ""


def test_the_tile_and_the_profile_say_them(client, wh) -> None:
    for code, ind, years in wh.execute(PARTLY_SQL).fetchall():
        page = _text(client.get(f"/gemeente/{code}", headers=HTML).text)
        assert re.search(r"[−+]\d+,\d %-punt 2017–2024 \(" + re.escape(_mark(years, "nl"))
                         + r"\)", page), code
        shown = {i["indicator_id"]: i for d in client.get(f"/api/v1/profile/{code}").json()[
            "domains"] for i in d["indicators"]}
        assert shown[ind]["survey_years"] == years and shown[ind]["survey_all"] is False
        assert shown[ind]["survey"] is None  # the latest figure is no sample figure
    en = _text(client.get(f"/gemeente/{OMMEN}?lang=en", headers=HTML).text)
    assert "2017–2024 (sample figure in 2017, imprecise for small municipalities)" in en


def test_the_download_marks_the_sample_years_not_the_latest(client, wh) -> None:
    import io

    import pandas as pd

    for ind in ("unemployment_rate", "net_labour_participation"):
        frame = pd.read_csv(io.StringIO(client.get(f"/api/v1/download/{ind}.csv").text),
                            dtype={"notes": str}, keep_default_na=False)
        for code, i, years in wh.execute(PARTLY_SQL).fetchall():
            if i != ind:
                continue
            rows = frame[(frame.region_code == code) & frame.year.between(2017, 2024)]
            marked = [int(y) for y, n in zip(rows.year, rows.notes, strict=True)
                      if "survey_estimate" in n.split()]
            assert marked == years, (code, ind)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_profile_text_says_them(wh, lang) -> None:
    """The profile's Trend column and its opgave bullets say them as the tile and the report,
    in the report's words: Asten's '↓ −2,1 %-punt sinds 2017' and 'dalend van 5,0% (2017) naar
    2,9% (2024): −2,1 procentpunt, significant — gunstig' said nothing of 2017-2021."""
    from rich.console import Console

    from stadstrends.publish.profile import city_profile, render_profile

    change = {"nl": r"[↓↑] [−+]\d+,\d %-punt sinds 2017 ", "en": r"[↓↑] [−+]\d+\.\d pp since 2017 "}
    points = {"nl": r"\(2024\): [−+]\d+,\d procentpunt ", "en": r"\(2024\): [−+]\d+\.\d percentage "
              r"points "}
    bullets = []
    for code, ind, years in wh.execute(PARTLY_SQL).fetchall():
        mark = re.escape(f"({_mark(years, lang)})")
        profile = city_profile(wh, code, lang=lang)
        console = Console(record=True, width=400)
        render_profile(profile, console, lang)
        text = console.export_text()
        assert len(re.findall(change[lang] + mark, text)) == 1, (code, text)  # its row
        said = [s[f"text_{lang}"] for o in profile["opgaven"] for s in o["top_signals"]
                if s["indicator_id"] == ind and s["kind"] == "trend"]
        for bullet in said:
            assert re.search(points[lang] + mark + ", significant — ", bullet), bullet
            assert bullet in text
        bullets += said
    assert len(bullets) == 12, bullets
