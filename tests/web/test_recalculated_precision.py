"""The website prints a figure Stadstrends recalculated for today's boundaries no finer than
the CBS figures it is made of, as the report (:mod:`stadstrends.publish.web.recalculated`),
and a tile's change from a recalculated first figure says so; the API keeps the figure
(real snapshot).

Before, the 2015 ranking of gas use per dwelling printed 'Westerwolde 1.851 m³ (omgerekend)'
among CBS's figures in tens, Land van Cuijk's indicator page 1.434 m³ for 2019, and its
population tile '+4.669 inwoners (+5,2%) 2019–2026' without saying that 2019's 88 976 is
recalculated.
"""

from __future__ import annotations

import html
import re

GAS = "gas_use_per_dwelling"
CITY = "GM1982"  # Land van Cuijk


def _text(page: str) -> str:
    page = re.sub(r"<script.*?</script>", "", page, flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page)))


def _number(shown: str) -> int:
    return int(shown.replace(".", ""))


def test_ranking_prints_recalculated_figures_in_tens(client, wh):
    text = _text(client.get(f"/ranglijst?indicator={GAS}&year=2015").text)
    own = re.findall(r"([\d.]+) m³ \(omgerekend\)", text)
    n = wh.execute("SELECT count(*) FROM harmonised_cells h JOIN current_municipalities "
                   "USING (region_code) WHERE indicator_id = ? AND year = 2015", [GAS]).fetchone()
    assert len(own) == n[0] > 0
    assert all(_number(v) % 10 == 0 for v in own), own  # before: Westerwolde 1.851
    # the CSV keeps the figure, as the downloads
    csv = client.get(f"/ranglijst/download.csv?indicator={GAS}&year=2015&variant=plain")
    assert re.search(r"GM1950,Westerwolde,gas_use_per_dwelling,2015,1851\.04,", csv.text)


def test_indicator_page_chart_and_table_in_tens(client):
    page = client.get(f"/indicator/{GAS}?regions={CITY}").text
    shown = re.findall(r'"shown": "([\d.]+) m\\u00b3 \(omgerekend', page)
    assert shown and all(_number(v) % 10 == 0 for v in shown), shown  # before: 1.434 (2019)


def test_api_keeps_the_recalculated_figure(client):
    answer = client.get(f"/api/v1/series?indicator={GAS}&region={CITY}").json()
    rows = [r for r in answer["series"] if r["year"] == 2019]
    assert rows and abs(rows[0]["value"] - 1434.35) < 0.01, rows


def test_tile_change_from_a_recalculated_figure_says_so(client, wh):
    text = _text(client.get(f"/gemeente/{CITY}").text)
    first = wh.execute("SELECT first_year FROM trends WHERE indicator_id = 'population' "
                       "AND region_code = ?", [CITY]).fetchone()[0]
    own = wh.execute("SELECT count(*) FROM harmonised_cells WHERE indicator_id = 'population' "
                     "AND region_code = ? AND year = ?", [CITY, first]).fetchone()[0]
    assert own  # 2019's population, summed from the former municipalities' parts
    assert re.search(rf"Inwoners op 1 januari [\d.]+ inwoners \(\d{{4}}\).*?"
                     rf"[+−][\d.]+ inwoners \([^)]*\) {first}–\d{{4}} \({first}, omgerekend\)",
                     text), text[:3000]
    en = _text(client.get(f"/gemeente/{CITY}?lang=en").text)
    assert f"({first}, recalculated)" in en  # one bracket, the year first (h49e)


def test_tile_sparkline_label_marks_a_recalculated_year(client):
    page = client.get(f"/gemeente/{CITY}").text
    labels = [html.unescape(m) for m in re.findall(r'class="spark"[^>]*aria-label="([^"]*)"',
                                                   page)]
    assert any("(omgerekend)" in label for label in labels), labels[:5]


def test_kies_waarom_uses_the_printed_figure(client):
    text = _text(client.get(f"/gemeente/{CITY}").text)
    # 'geen significante trend; van 1.430 m³ (omgerekend) in 2019 naar ...' (its '..., maar
    # wel een daling van' until session 55, 'sinds 2019 (−460 m³)' before it until 57)
    said = re.findall(r"; van ([\d.]+) m³ \(omgerekend\) in \d{4} naar", text)
    assert said and all(_number(v) % 10 == 0 for v in said), said  # before: 1.434, unmarked
