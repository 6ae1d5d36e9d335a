"""Sample figures of small municipalities (the catalogue's ``survey: EBB``: unemployment and
net labour participation, CBS's Labour Force Survey, 'voor kleine gemeenten onnauwkeurig').
Vlieland's report called its unemployment of 2024, 3,2% (labour force 1 000), 'ongunstig
vergeleken met de groep' and an urgent task without saying it is a survey estimate; session
52 marked every verdict and label on such a figure 'steekproefcijfer' (report sentence, opgave
list, Kies richting's Waarom, tile, profile); Zwolle's (labour force 70 000) say nothing of it.
The threshold (a published base under 10 000 people) is the build's setting, recorded in
``build_info.survey_small_base``.

Session 53 (a reader on Vlieland, Schiermonnikoog, Terschelling and Ameland):

1. Kies richting still named Vlieland's 3,2% an 'urgent task' ('hoogste kwart' of GK1, whose
   p75 is 3,0%) on a figure CBS calls imprecise and gives no margin with: its head line and
   the opgaven's 'Urgente opgaven' lists said no mark. Now Kies richting gives no label on a
   small municipality's sample figure (``withheld_labels`` reason 'survey': 147 labels on the
   snapshot, 4 urgent tasks and 143 strengths; ``kies_richting`` rows on such a figure 147 ->
   0), and every surface says it once where the label would be: 'Werkloosheid: 3,2% in 2024
   valt in het ongunstigste kwart (de grens ligt bij 3,0%), maar het is een steekproefcijfer
   ...; dus maken we er geen sterkte of opgave van.' The position itself ('hoogste kwart', a
   rank) stays: it describes the published figures, marked. Session 54 names the two labels
   ('geen onderscheidende sterkte of urgente opgave'): the opgave's list of adverse signals
   names the same figure's group deviation, marked, and 'opgave' read as if it did not.
2. A better-doing peer whose figure is a small municipality's sample figure is said so once
   after the peers (19 peer mentions in 14 labels of 5 municipalities; 96 in 58 before the
   labels above were withheld).
3. The mark stood on a trend's last figure only ('naar 75,3% (steekproefcijfer, ...) in
   2024'); where every year shown is a sample figure it says so: 'elk jaar een
   steekproefcijfer, voor kleine gemeenten onnauwkeurig' (report, tile, profile).
"""

from __future__ import annotations

import html
import re

import pytest

from stadstrends.indicators.catalogue import Indicator, load_catalogue
from stadstrends.publish.profile import city_profile
from stadstrends.publish.report import builder
from stadstrends.vocabulary import word
from tests.publish.loaded import kept_city

HTML = {"accept": "text/html"}
BRIEF = "steekproefcijfer, voor kleine gemeenten onnauwkeurig"
ALL = "elk jaar een steekproefcijfer, voor kleine gemeenten onnauwkeurig"
VLIELAND, ZWOLLE, EERSEL = "GM0096", "GM0193", "GM0770"
#: the one line that says Vlieland's unemployment gets no label, in both languages
WITHHELD = {"nl": ("Werkloosheid: 3,2% in 2024 valt in het ongunstigste kwart (de grens ligt "
                   "bij 3,0%), maar het is een steekproefcijfer uit de Enquête "
                   "beroepsbevolking. Het CBS noemt zulke cijfers voor kleine gemeenten "
                   "onnauwkeurig, dus maken we er geen onderscheidende sterkte of urgente "
                   "opgave van."),
            "en": ("Unemployment rate: 3.2% in 2024 falls in the least favourable quarter (the "
                   "edge lies at 3.0%), but it is a sample figure of the Labour Force Survey. "
                   "CBS calls such figures imprecise for small municipalities, so we do not make "
                   "it a distinctive strength or an urgent task.")}
PEER = "Het cijfer van Hilvarenbeek is een steekproefcijfer, voor kleine gemeenten onnauwkeurig."


def _text(page: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).replace("\xa0", " ").split())


def _kies(text: str, lang: str = "nl") -> str:
    """The report's Kies richting section: from its heading to the next one."""
    head, end = (("Kies richting Een onderscheidende sterkte", "Verantwoording") if lang == "nl"
                 else ("Choose a direction A distinctive strength", "Sources and methods"))
    start = text.rindex(head)
    return text[start:text.index(end, start)]


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
    assert rows[(VLIELAND, "unemployment_rate")] == 1000  # Vlieland's labour force
    assert (ZWOLLE, "unemployment_rate") not in rows  # Zwolle's: 70 000
    # every one under the threshold, and every municipality under it is there (2024: 48 of
    # 342 by the labour force, 27 by the population of 15-75)
    counts = dict(wh.execute("""SELECT indicator_id, count(*) FROM survey_estimates
        WHERE year = 2024 GROUP BY ALL""").fetchall())
    assert counts == {"unemployment_rate": 48, "net_labour_participation": 27}
    assert wh.execute("SELECT max(base) FROM survey_estimates").fetchone()[0] < 10000


def test_no_kies_label_rests_on_a_small_municipalitys_sample_figure(wh) -> None:
    """Kies richting labels no sample figure of ``survey_estimates`` (147 before); each
    position it would have labelled is a ``withheld_labels`` row with reason 'survey' and
    no step, and no other row has that reason."""
    assert wh.execute("""SELECT count(*) FROM kies_richting
        SEMI JOIN survey_estimates USING (region_code, indicator_id, year)""").fetchone() == (0,)
    rows = wh.execute("""SELECT would_be, indicator_id, count(*), count(DISTINCT region_code),
        count(e.region_code), count(w.step) FROM withheld_labels w
        LEFT JOIN survey_estimates e USING (region_code, indicator_id, year)
        WHERE reason = 'survey' GROUP BY ALL ORDER BY ALL""").fetchall()
    assert rows == [("distinctive strength", "net_labour_participation", 64, 14, 64, 0),
                    ("distinctive strength", "unemployment_rate", 79, 25, 79, 0),
                    ("urgent task", "unemployment_rate", 4, 1, 4, 0)]
    vlieland = wh.execute("""SELECT set_id, position, value, cut FROM withheld_labels
        WHERE region_code = ? AND indicator_id = 'unemployment_rate' ORDER BY set_id""",
                          [VLIELAND]).fetchall()
    assert [(s, p) for s, p, *_ in vlieland] == [("GK1", "unfavourable_quartile"),
                                                 ("PEERS", "unfavourable_quartile"),
                                                 ("ST5", "unfavourable_quartile"),
                                                 ("TY5", "unfavourable_quartile")]
    assert vlieland[0][2:] == (3.2, 3.0)  # GK1's p75
    # Zwolle (labour force 70 000) keeps its labels on both indicators where it has one
    assert not wh.execute("""SELECT count(*) FROM withheld_labels WHERE region_code = ?
        AND reason = 'survey'""", [ZWOLLE]).fetchone()[0]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_vlielands_report_says_it_once_where_the_label_would_be(wh, tmp_path, lang) -> None:
    """The Kies richting section says the withheld label once, no urgent task and no
    'Urgente opgaven' list names unemployment, and the section says 'steekproef' only there."""
    written = builder.write_city(wh, "Vlieland", tmp_path, lang, "html")
    text = _text(written.paths[0].read_text(encoding="utf-8"))
    assert text.count(WITHHELD[lang]) == 1
    kies = _kies(text, lang)
    assert WITHHELD[lang] in kies
    sample = "steekproef" if lang == "nl" else "sample figure"
    assert kies.count(sample) == 3  # the line; the rule, twice (it quotes the mark)
    lists = re.findall(r"Urgente opgaven? \(zie Kies richting\): [^.]*\." if lang == "nl"
                       else r"Urgent tasks? \(see ‘Choose a direction’\): [^.]*\.", text)
    assert len(lists) >= 3 and not any(("Werkloosheid" if lang == "nl" else "Unemployment")
                                       in x for x in lists), lists


def test_vlielands_report_marks_every_year_of_its_sample_series(wh) -> None:
    """Both series are sample figures in every year with a figure (2003-2024, 2003-2024):
    the one mark of each paragraph says so; Zwolle's say nothing of it."""
    for city, said in ((VLIELAND, True), (ZWOLLE, False)):
        ctx = builder.city_context(kept_city(wh, city), "nl", None)
        text = " ".join(s.text for s in builder.collect_sentences(ctx))
        if not said:
            assert "steekproef" not in text, city
            continue
        assert f"Werkloosheid: 3,2% in 2024 ({ALL})" in text  # its domain and opgave
        # participation's trend: its mark after the year, in the change's bracket (h53i)
        assert f"naar 75,3% in 2024 (+4,0 procentpunt; {ALL})" in text
        assert f"({BRIEF})" not in text  # never the one year's mark of such a series


def test_vlielands_report_file_marks_its_group_verdict(wh, tmp_path) -> None:
    written = builder.write_city(wh, "Vlieland", tmp_path, "nl", "html")
    text = _text(written.paths[0].read_text(encoding="utf-8"))
    # the opgave's list of adverse signals: the verdict and what it rests on together (h53i)
    assert f"Werkloosheid (ongunstig vergeleken met de groep, op een {ALL}" in text \
        or f"Werkloosheid (ongunstig vergeleken met de groep, op een {BRIEF}" in text
    # the Kies line withholds what the report does not give, by the labels' names: 'geen
    # sterkte of opgave' read as if the opgave's list above did not name the figure (h54f);
    # the deviations' rule says they count on a sample figure, not 'the rules of Kies richting'
    assert "dus maken we er geen onderscheidende sterkte of urgente opgave van." in text
    assert "maken we er geen sterkte of opgave van" not in text
    assert ("volgt dezelfde regels als Kies richting, behalve op een steekproefcijfer (zie "
            "hieronder).") in text
    assert "Een afwijking op een steekproefcijfer van een kleine gemeente telt wel mee" in text


def test_vlielands_city_page_says_it_once(client) -> None:
    for lang in ("nl", "en"):
        text = _text(client.get(f"/gemeente/{VLIELAND}?lang={lang}", headers=HTML).text)
        assert text.count(WITHHELD[lang]) == 1, lang  # Kies richting, under urgent tasks
        if lang == "nl":
            assert f"3,2% (2024, {ALL})" in text  # the tile: its years 2017-2024
            assert "Dit is een steekproefcijfer uit de Enquête" not in text  # no Waarom left
    assert BRIEF not in _text(client.get(f"/gemeente/{ZWOLLE}", headers=HTML).text)


def test_vlielands_profile_carries_the_withheld_label_and_the_marks(client) -> None:
    profile = client.get(f"/api/v1/profile/{VLIELAND}").json()
    kies = profile["kies_richting"]
    rows = [r for key in ("urgent_tasks", "distinctive_strengths") for r in kies[key]]
    assert not any(r["indicator_id"] in ("unemployment_rate", "net_labour_participation")
                   for r in rows)
    assert [(r["indicator_id"], r["year"], r["would_be"], r["position"], r["reason"])
            for r in kies["withheld"]] == [("unemployment_rate", 2024, "urgent task",
                                            "unfavourable_quartile", "survey")]
    shown = {i["indicator_id"]: i for d in profile["domains"] for i in d["indicators"]}
    row = shown["unemployment_rate"]
    assert row["survey"] == "EBB" and row["survey_all"] is True
    assert row["survey_years"] == list(range(2017, 2025))  # its trend's years
    zwolle = client.get(f"/api/v1/profile/{ZWOLLE}").json()
    assert not any(i["survey_years"] or i["survey_all"]
                   for d in zwolle["domains"] for i in d["indicators"])


def test_stadstrends_profile_vlieland(cli_run, warehouse_path, monkeypatch) -> None:
    """The command: the withheld line once under 'Urgente opgave', the table's cell marks
    every year, no unemployment bullet among the urgent tasks."""
    monkeypatch.setenv("COLUMNS", "400")  # the table's cells on one line each
    out = cli_run("profile", "Vlieland", "--db", str(warehouse_path))
    assert out.returncode == 0, out.stderr
    text = " ".join(out.stdout.split())
    assert text.count(WITHHELD["nl"]) == 1
    assert text.index("Urgente opgave (5)") < text.index(WITHHELD["nl"])
    assert "• Werkloosheid: 3,2% (2024), bij het ongunstigste kwart" not in text
    cells = [x for x in out.stdout.splitlines() if x.startswith(("Werkloosheid ", "Netto "))]
    assert len(cells) == 2 and all(f"(2024, {ALL})" in x for x in cells), cells


def test_a_better_doing_peers_sample_figure_is_said_once(client, wh) -> None:
    """Eersel's unemployment of 2024 (2,8%, a distinctive strength in GK4, its default group)
    names Hilvarenbeek (2,6%, labour force under 10 000) as doing better: the profile's peer
    carries ``survey``, the sentence says it once after the peers, on the page, the report
    and the command alike; the peers of large municipalities none."""
    profile = city_profile(wh, EERSEL)
    row = next(r for r in profile["kies_richting"]["distinctive_strengths"]
               if r["indicator_id"] == "unemployment_rate")
    assert [(p["name"], p["survey"]) for p in row["better_peers"]] == [("Hilvarenbeek", "EBB")]
    assert row["why_nl"].count(PEER) == 1 and row["why_nl"].endswith(PEER)
    page = _text(client.get(f"/gemeente/{EERSEL}", headers=HTML).text)
    assert page.count(PEER) == 1
    ctx = builder.city_context(kept_city(wh, EERSEL), "nl", None)
    report = " ".join(s.text for s in builder.collect_sentences(ctx))
    assert report.count(PEER) == 1
    en = word("en", "report", "survey_peers_one", names="Hilvarenbeek")
    row = next(r for r in city_profile(wh, EERSEL, None, "en")["kies_richting"][
        "distinctive_strengths"] if r["indicator_id"] == "unemployment_rate")
    assert row["why_en"].count(en) == 1
    zwolle = city_profile(wh, ZWOLLE)["kies_richting"]
    assert all(p["survey"] is None for key in ("urgent_tasks", "distinctive_strengths")
               for r in zwolle[key] for p in r["better_peers"])


@pytest.mark.parametrize("code", ["GM0096", "GM0088", "GM0093", "GM0060"])
def test_the_islands_say_sample_figures_only_with_their_mark(client, wh, code) -> None:
    """Vlieland, Schiermonnikoog, Terschelling, Ameland (GK1): no Kies richting row on a
    sample figure; the city page's Kies richting says 'steekproefcijfer' only in the
    withheld lines; every tile of such a figure marks it."""
    profile = city_profile(wh, code)
    kies = profile["kies_richting"]
    rows = [r for key in ("urgent_tasks", "distinctive_strengths") for r in kies[key]]
    assert not any(r["indicator_id"] in ("unemployment_rate", "net_labour_participation")
                   for r in rows), code
    withheld = sum(r["reason"] == "survey" for r in kies["withheld"])
    page = client.get(f"/gemeente/{code}", headers=HTML).text
    start = page.index('aria-labelledby="kies-h"')
    section = _text(page[start:page.index("</section>", start)])
    assert section.count("maar het is een steekproefcijfer") == withheld, code
    shown = [i for d in profile["domains"] for i in d["indicators"] if i.get("survey")]
    assert shown, code  # each island's unemployment of 2024 at least
    text = _text(page)
    for i in shown:
        assert i["survey_years"] and i["year"] in i["survey_years"], (code, i["indicator_id"])
        mark = ALL if i["survey_all"] else BRIEF
        assert f"({i['year']}, {mark}" in text or f"{mark})" in text, (code, i["indicator_id"])


def test_the_ranking_marks_the_small_municipalities_figures_only(client) -> None:
    """GK1 (under 10 000 inhabitants): every member's unemployment of 2024 is a sample
    figure of a labour force under 10 000, each marked; Zwolle's indicator page note not."""
    ranking = _text(client.get("/ranglijst?indicator=unemployment_rate&year=2024&groep=GK1",
                               headers=HTML).text)
    assert re.search(r"Vlieland 3,2% \(" + BRIEF + r"\)", ranking), ranking[:300]
    page = client.get("/indicator/unemployment_rate?year=2024&format=json").json()
    notes = {v["region_code"]: v["note"] for v in page["map_values"]}
    assert BRIEF in notes[VLIELAND] and BRIEF not in notes[ZWOLLE]
    assert sum(BRIEF in n for n in notes.values()) == 48
