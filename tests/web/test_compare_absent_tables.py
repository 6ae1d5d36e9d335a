"""A table cell on the web (the comparison page's, worded as the city page's tiles,
:func:`stadstrends.publish.web.tile_gaps.notes`) says once per indicator that CBS's table
leaves a merged municipality and its predecessors out, as the report's 'Vooruitblik' and 'Wat
ontbreekt' do (:func:`stadstrends.publish.report.table_absence.merge_absent`, one function):
'Geen cijfer voor 2012–2019: CBS publiceert tabel 81877NED niet voor alle gemeenten, en in
geen enkel jaar voor deze gemeente; voor 2012–2015, toen de gemeente nog niet bestond, ook
niet voor Groesbeek, Millingen aan de Rijn en Ubbergen, waaruit de gemeente is ontstaan.'
Before, Berg en Dal's cell said it in three sentences ('... in geen enkel jaar voor deze
gemeente.', 'Geen cijfer voor 2012–2014: de gemeente bestond toen nog niet; ...', the same of
2015): 35 sentences in the cells of 16 municipalities (the safety survey), now 16. Real
snapshot."""

from __future__ import annotations

import pytest

from stadstrends.publish.format import fmt_years
from tests.publish.loaded import connect, kept_city

INDICATOR = "feels_unsafe_share"  # a key indicator: a row of the comparison's table
ABSENT = """
SELECT region_code, list(DISTINCT year ORDER BY year) FILTER (
           WHERE reason = 'predecessors_never_in_table') AS before,
       list(DISTINCT year ORDER BY year) AS years
FROM indicator_gaps WHERE indicator_id = ?
  AND reason IN ('never_in_table', 'predecessors_never_in_table')
GROUP BY 1
HAVING count(DISTINCT reason) = 2
   AND NOT EXISTS (SELECT 1 FROM indicator_values v WHERE v.region_code = indicator_gaps
                   .region_code AND v.indicator_id = ? AND v.value IS NOT NULL)
ORDER BY 1
"""


def _cell(client, code: str, lang: str = "nl") -> dict:
    body = client.get(f"/vergelijk?regions={code},GM0193&lang={lang}&format=json").json()
    at = [r["region_code"] for r in body["regions"]].index(code)
    row = next(r for r in body["table"] if r["indicator"]["indicator_id"] == INDICATOR)
    return row["cells"][at]


def test_one_sentence_per_indicator_with_the_years_before_the_merger(client, wh) -> None:
    rows = wh.execute(ABSENT, [INDICATOR, INDICATOR]).fetchall()
    assert len(rows) >= 15, rows  # 16 municipalities on the snapshot
    for code, before, years in rows:
        cell = _cell(client, code)
        assert cell["value"] is None, (code, cell)
        said = [m for m in cell["missing"] if "81877NED" in m]
        assert len(said) == 1, (code, cell["missing"])
        assert said[0].startswith(f"Geen cijfer voor {fmt_years(years)}: "), said
        assert "in geen enkel jaar voor deze gemeente; voor " \
               f"{fmt_years(before)}, toen de gemeente nog niet bestond, ook niet voor " \
               in said[0], said
        assert "bestond toen nog niet;" not in said[0]  # no reason without its years


def test_the_words_are_the_reports(client, warehouse_path) -> None:
    """Berg en Dal's cell is the report's line (its name there, 'deze gemeente' here)."""

    from stadstrends.publish.report.gap_words import indicator_reasons

    with connect(warehouse_path) as con:
        data = kept_city(con, "GM1945")
        report = indicator_reasons(data, INDICATOR, "nl")
    assert len(report) == 1, report
    cell = _cell(client, "GM1945")
    said = cell["missing"][0].split(": ", 1)[1]
    assert said == report[0].replace(f"voor {data.name};", "voor deze gemeente;") + ".", said
    assert "Groesbeek, Millingen aan de Rijn en Ubbergen" in said


def test_english(client) -> None:
    said = _cell(client, "GM1945", "en")["missing"]
    assert len(said) == 1 and said[0].startswith("No figure for 2012–2019: CBS publishes table "
                                                 "81877NED for some municipalities only, and "
                                                 "for this municipality in no year; for "
                                                 "2012–2015, before the municipality existed"), said


@pytest.mark.parametrize("code", ["GM1945"])
def test_the_page_says_it_once(client, code) -> None:
    import html
    import re

    page = client.get(f"/vergelijk?regions={code},GM0193", headers={"accept": "text/html"})
    text = html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page.text)))
    assert text.count("81877NED niet voor alle gemeenten") == 1
