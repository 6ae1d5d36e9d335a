"""The indicator page says why a chosen municipality has no figures (real snapshot; h52d).

Before, its note under the time series named them only: 'Geen cijfers van deze indicator voor
Stadskanaal, Twenterand en Veendam.', while the warehouse knows why (``indicator_gaps``) and
the city page's tiles and /vergelijk say it. Now one note per reason, naming those it
explains: 'Geen cijfers van deze indicator voor Stadskanaal en Veendam. Geen cijfer voor
2000–2024: Stadstrends heeft CBS-tabel 71486ned niet compleet: ...', and Twenterand's own
(its predecessor Vriezenveen's 2000 is missing too)."""

from __future__ import annotations

import html
import re

import pytest

from stadstrends.vocabulary import section

HTML = {"accept": "text/html"}
INDICATOR = "one_person_household_share"


def _notes(page: str) -> list[str]:
    return [html.unescape(re.sub(r"<[^>]+>", "", n)) for n in
            re.findall(r'<p class="note series-without">(.*?)</p>', page, re.S)]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_each_chosen_municipality_without_figures_gets_its_reason(client, wh, lang) -> None:
    names = dict(wh.execute("SELECT region_code, name FROM regions WHERE valid_to IS NULL "
                            "AND level = 'gemeente'").fetchall())
    # the warehouse's reasons of the municipalities without any figure of the indicator
    gaps: dict[str, set[tuple]] = {}
    for code, year, reason, detail in wh.execute(
            "SELECT g.region_code, g.year, g.reason, g.reason_detail FROM indicator_gaps g "
            "JOIN current_municipalities USING (region_code) WHERE g.indicator_id = ? AND "
            "NOT EXISTS (SELECT 1 FROM indicator_values v WHERE v.indicator_id = "
            "g.indicator_id AND v.region_code = g.region_code AND v.value IS NOT NULL)",
            [INDICATOR]).fetchall():
        gaps.setdefault(code, set()).add((year, reason, detail))
    plain = [c for c, rows in gaps.items() if {r for _, r, _ in rows} == {"table_cut"}]
    mixed = [c for c, rows in gaps.items() if {r for _, r, _ in rows} > {"table_cut"}]
    assert plain and mixed  # the premise: a cut table, and also a cut predecessor's rows
    alike = [c for c in plain if gaps[c] == gaps[plain[0]]]
    lacking = sorted({plain[0], *alike[1:2], mixed[0]})
    with_figures = wh.execute(
        "SELECT min(region_code) FROM indicator_values JOIN current_municipalities "
        "USING (region_code) WHERE indicator_id = ? AND value IS NOT NULL",
        [INDICATOR]).fetchone()[0]
    chosen = [with_figures, *lacking]
    page = client.get(f"/indicator/{INDICATOR}?regions={','.join(chosen)}&lang={lang}",
                      headers=HTML).text
    notes = _notes(page)
    plain_words = section(lang, "web")["no data"]
    for code in lacking:
        mine = [n for n in notes if names[code] in n.split(".")[0]]
        assert len(mine) == 1, (code, notes)  # named once, in the note of its reason
        note = mine[0]
        assert plain_words not in note, note  # a reason, not 'geen gegevens'
        for _, _, detail in gaps[code]:
            table, _, predecessors = (detail or "").partition(":")
            assert table in note, (code, detail, note)  # the CBS table that is cut
            for p in filter(None, predecessors.split(",")):  # and the predecessor it lacks
                assert wh.execute("SELECT any_value(name) FROM regions WHERE region_code = ?",
                                  [p]).fetchone()[0] in note, (p, note)
    assert not any(names[with_figures] in n.split(".")[0] for n in notes)
    # those the same reasons explain share one note; a municipality with others has its own
    same = [n for n in notes if all(names[c] in n.split(".")[0] for c in lacking
                                    if gaps[c] == gaps[lacking[0]])]
    assert len(same) == 1 and len(notes) == len({frozenset(gaps[c]) for c in lacking}), notes
