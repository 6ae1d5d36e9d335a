"""The maps' tooltips say 'verouderd' where the map's heading does (real snapshot; h52d).

An indicator whose latest year lies before the build's first fresh year (the safety survey's
2019, with figures fresh from 2022) is mapped under '(2019, verouderd)', as the ranking, the
heatmap and the city page's tiles mark it; its tooltips said '35,1% (2019)'. Now '(2019,
verouderd)', the other marks after it; an earlier year of the same indicator, which the
heading gives without the word, not; the table's cells leave it to their caption."""

from __future__ import annotations

import pytest

from stadstrends.publish.sentence_words import WORDS


def _shown(page: dict) -> dict[str, str]:
    """region code -> the text after the figure in the map's tooltip (its spec's lookup)."""
    values = page["map_spec"]["transform"][0]["from"]["data"]["values"]
    return {v["region_code"]: v["shown"] for v in values}


def _stale_indicators(wh) -> list[tuple[str, int, list[int]]]:
    """(indicator, its latest municipal year, its years) for those whose latest year is
    before the build's first fresh year (``latest_data_year - stale_after_years``)."""
    fresh = wh.execute("SELECT latest_data_year - stale_after_years FROM build_info").fetchone()[0]
    rows = wh.execute(
        "SELECT indicator_id, list(DISTINCT year ORDER BY year) FROM indicator_values "
        "JOIN current_municipalities USING (region_code) JOIN indicators i "
        "USING (indicator_id) WHERE NOT i.projection AND value IS NOT NULL GROUP BY 1 "
        "HAVING max(year) < ? ORDER BY 1", [fresh]).fetchall()
    return [(i, years[-1], years) for i, years in rows]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_an_out_of_date_latest_year_says_so_in_every_tooltip(client, wh, lang) -> None:
    stale = _stale_indicators(wh)
    assert stale, "the premise: an indicator whose latest figures are out of date"
    word = WORDS[lang]["stale"]
    for indicator, year, years in stale:
        n = wh.execute("SELECT count(*) FROM indicator_values JOIN current_municipalities "
                       "USING (region_code) WHERE indicator_id = ? AND year = ? AND value IS "
                       "NOT NULL", [indicator, year]).fetchone()[0]
        for path in (f"/?indicator={indicator}", f"/indicator/{indicator}"):
            page = client.get(f"{path}&lang={lang}&format=json" if "?" in path else
                              f"{path}?lang={lang}&format=json").json()
            assert page["year"] == year and page["year_shown"].endswith(f", {word}"), page[
                "year_shown"]
            shown = _shown(page)
            assert len(shown) == len(page["map_values"]) == n > 0
            for code, text in shown.items():
                assert f"({year}, " in text and f", {word}" in text, (path, code, text)
            for v in page["map_values"]:  # the caption says it: not each cell again
                assert word not in v.get("cell_note", v["note"]), v
        earlier = years[-2]
        page = client.get(f"/indicator/{indicator}?year={earlier}&lang={lang}&format=json"
                          ).json()
        assert word not in page["year_shown"]
        assert not any(word in t for t in _shown(page).values())


def test_a_fresh_year_has_no_such_word(client) -> None:
    page = client.get("/?indicator=thefts_per_1000&year=2024&format=json&lang=nl").json()
    assert "verouderd" not in page["year_shown"]
    assert not any("verouderd" in t for t in _shown(page).values())
