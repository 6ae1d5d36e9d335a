"""An out-of-date latest figure ('verouderd', before the build's ``fresh_from``:
:func:`~stadstrends.publish.sentence_words.year_flags`) shows no trend and no place in the
group in ``stadstrends profile``, as its grey tile on the city page ('verouderd cijfer (van
vóór 2022): geen trend of plaats in de groep getoond') and the report. Before, Vaals' grey
pressure printed '47,0 ... (2017, voorlopig, verouderd) │ ↑ +10,9 sinds 2010 (voorlopig)'.
Real snapshot."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from stadstrends.publish import profile_text
from stadstrends.publish.profile import city_profile, render_profile
from stadstrends.publish.read import build_info, fresh_from
from stadstrends.publish.sentence_words import WORDS


def _stale_moving(wh) -> list[str]:
    """Municipalities with an out-of-date latest figure whose series rises or falls."""
    fresh = fresh_from(build_info(wh))
    assert fresh
    return [r[0] for r in wh.execute("""
        WITH last AS (SELECT region_code, indicator_id, max(year) AS year
                      FROM indicator_values WHERE region_code LIKE 'GM%' GROUP BY ALL)
        SELECT DISTINCT l.region_code FROM last l JOIN trends t USING (region_code, indicator_id)
        WHERE l.year < ? AND t.classification IN ('rising', 'falling')
        ORDER BY 1""", [fresh]).fetchall()]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_no_row_with_an_out_of_date_figure_has_a_trend(wh, monkeypatch, lang) -> None:
    codes = _stale_moving(wh)
    assert "GM0981" in codes and len(codes) > 10  # Vaals, the reviewer's
    monkeypatch.setattr(profile_text, "DOMAIN_ROWS", 100)  # every row of every domain
    stale, checked = WORDS[lang]["stale"], 0
    for code in ["GM0981", *codes[::20]]:
        console = Console(file=io.StringIO(), width=400, record=True, color_system=None)
        render_profile(city_profile(wh, code, lang=lang), console, lang)
        for line in console.export_text().splitlines():
            cells = line.split("│")
            # the latest figure's cell (the ommeland's own cell may be out of date too)
            if "│" in line and f", {stale})" in cells[1]:
                assert not any(a in cells[2] for a in "↑↓"), (code, line)
                assert cells[2].strip() == profile_text.PROFILE[lang]["stale_trend"], line
                assert cells[3].strip() == "–", (code, line)
                checked += 1
    assert checked > 20


def test_vaals_grey_pressure(wh) -> None:
    rows = {i["indicator_id"]: i for d in city_profile(wh, "GM0981")["domains"]
            for i in d["indicators"]}
    grey = rows["grey_pressure"]
    assert grey["classification"] == "rising" and grey["year"] == 2017  # as the reviewer saw
    assert profile_text._trend_cell(grey, "nl") == "verouderd: trend niet getoond"
    fresh = [i for i in rows.values() if i.get("classification") == "rising"
             and int(i["year"]) >= 2022 and i.get("trend_kind") == "improving"]
    assert all("↑" in profile_text._trend_cell(i, "nl") for i in fresh)
