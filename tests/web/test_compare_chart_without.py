"""The compare page says under its chart which chosen municipality has no line, and why
(real snapshot; h51d).

Before, /vergelijk?regions=Zwolle,Rozendaal&indicator=payment_arrears_share drew Zwolle's
line alone and said nothing of Rozendaal: CBS's table leaves its cell empty in every year
(``indicator_gaps``: 'missing_in_source'). Now 'Rozendaal staat niet in de grafiek. Geen
cijfer voor 2011–2024: waarde ontbreekt in de bron.' under it; with no chart at all (both
of household waste, this snapshot's copy of 83452NED cut before them) each is named."""

from __future__ import annotations

import html
import re

import pytest

from stadstrends import vocabulary

HTML = {"accept": "text/html"}
WORDS = {"nl": ("staat niet in de grafiek", "Geen cijfers voor"),
         "en": ("is not in the chart", "No figures for")}


def _notes(page: str) -> list[str]:
    return [" ".join(html.unescape(re.sub(r"<[^>]+>", "", n)).split())
            for n in re.findall(r'<p class="note chart-without">(.*?)</p>', page, re.S)]


def _reasons(wh, indicator: str, code: str) -> set[str]:
    return {r for (r,) in wh.execute("SELECT DISTINCT reason FROM indicator_gaps WHERE "
                                     "indicator_id = ? AND region_code = ?",
                                     [indicator, code]).fetchall()}


def _has_figures(wh, indicator: str, code: str) -> bool:
    return wh.execute("SELECT count(*) FROM indicator_values WHERE indicator_id = ? AND "
                      "region_code = ? AND value IS NOT NULL", [indicator, code]).fetchone()[0] > 0


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_chosen_municipality_without_a_line_is_named_with_its_reason(client, wh,
                                                                       lang) -> None:
    ind = "payment_arrears_share"
    assert _has_figures(wh, ind, "GM0193") and not _has_figures(wh, ind, "GM0277")
    assert _reasons(wh, ind, "GM0277") == {"missing_in_source"}  # the premise
    page = client.get(f"/vergelijk?regions=Zwolle,Rozendaal&indicator={ind}&lang={lang}",
                      headers=HTML).text
    notes = _notes(page)
    reason = vocabulary.word(lang, "reasons", "missing_in_source")
    assert len(notes) == 1 and notes[0].startswith(f"Rozendaal {WORDS[lang][0]}. "), notes
    assert reason in notes[0] and "2011–2024" in notes[0] and "Zwolle" not in notes[0]
    chart = page.index('id="lines"')
    assert chart < page.index("chart-without") < page.index("<details>", chart)  # under it
    both = client.get(f"/vergelijk?regions=Zwolle,Deventer&indicator={ind}&lang={lang}",
                      headers=HTML).text
    assert "chart-without" not in both  # both drawn: nothing to say


def test_without_any_chart_each_chosen_one_is_named(client, wh) -> None:
    ind = "household_waste_per_inhabitant"
    codes = ["GM0193", "GM0037"]  # Zwolle, Stadskanaal
    assert not any(_has_figures(wh, ind, c) for c in codes)
    assert all(_reasons(wh, ind, c) == {"table_cut"} for c in codes)
    page = client.get(f"/vergelijk?regions={','.join(codes)}&indicator={ind}",
                      headers=HTML).text
    notes = _notes(page)
    assert 'id="lines"' not in page and len(notes) == 2, notes
    for name, note in zip(("Zwolle", "Stadskanaal"), notes, strict=True):
        assert note.startswith(f"{WORDS['nl'][1]} {name}. ") and "83452NED" in note, note
