"""Why the regional customer potential gives CBS's provisional figures where 85383NED has
final ones too (the real snapshot): Zwolle's sentence 'van 246.130 inwoners (voorlopig) in
2023 naar 251.400 ...' stood beside CBS's final 250.330 of 2023 without a word. The
provisional series is the one comparable series over all years: a final figure is a later
measurement that mostly equals the next year's provisional one, so joining the two would
count one measurement twice or skip one. The sentence now says so, and each of its claims
is checked on the warehouse's observations."""

from __future__ import annotations

import pytest

from stadstrends.publish.report import builder
from tests.publish.city_contexts import city_contexts

IND = "regional_customer_potential"
OBS = ("SELECT region_code, year, value FROM observations WHERE table_id = '85383NED' AND "
       "measure = 'RegionaalKlantenpotentieel_72' AND status = ? AND value IS NOT NULL")
NOTE = {"nl": "Dit zijn voorlopige cijfers van het CBS; alleen die zijn er voor alle jaren.",
        "en": "These are provisional CBS figures; only these exist for every year."}


def _status(wh, status: str) -> dict[tuple[str, int], float]:
    return {(r[0], r[1]): r[2] for r in wh.execute(OBS, [status]).fetchall()}


def test_the_notes_claims_hold(wh) -> None:
    final, prov = _status(wh, "definitief"), _status(wh, "voorlopig")
    # Zwolle: final figures exist and differ from the provisional ones the report gives
    assert final["GM0193", 2023] == 250330 and prov["GM0193", 2023] == 246130
    # only the provisional figures exist for every year: no final 2025, none in 60039fvw
    assert {y for _, y in final} == {2023, 2024} and {y for _, y in prov} == {2023, 2024, 2025}
    assert not wh.execute("SELECT count(*) FROM observations WHERE table_id = '60039fvw' "
                          "AND status = 'definitief'").fetchone()[0]
    for year in (2023, 2024):
        codes = [c for c, y in final if y == year and (c, year + 1) in prov]
        # 'ligt meestal dicht bij het voorlopige cijfer van het jaar erna' (within 1%)
        near = [c for c in codes if abs(prov[c, year + 1] / final[c, year] - 1) <= 0.01]
        assert len(near) > 0.75 * len(codes), (year, len(near), len(codes))
        # 'horen daarom niet in één reeks': the same year's figures mostly differ
        same = [c for c in codes if prov.get((c, year)) == final[c, year]]
        assert len(same) < 0.1 * len(codes), (year, len(same))
    # the report's figures of Zwolle are the provisional ones, each marked so
    rows = wh.execute("SELECT year, value, provisional FROM indicator_values WHERE "
                      "indicator_id = ? AND region_code = 'GM0193' ORDER BY year",
                      [IND]).fetchall()
    assert rows == [(2023, 246130, True), (2024, 250400, True), (2025, 251400, True)]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_sentence_says_why_its_figures_are_provisional(warehouse_path, lang: str) -> None:
    _, ctx = city_contexts(warehouse_path, ["Zwolle"], [lang])["Zwolle", lang]
    said = [s.text for s in builder.collect_sentences(ctx) if s.indicator_id == IND]
    assert said and all(NOTE[lang] in t for t in said), said
    assert all(t.count(NOTE[lang]) == 1 for t in said), said
    others = [s.text for s in builder.collect_sentences(ctx)
              if s.indicator_id != IND and s.text]
    assert not any(NOTE[lang] in t for t in others)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_paragraph_says_provisional_once(wh, warehouse_path, lang: str) -> None:
    """The note says the figures are provisional; the figures before it said so too ('van
    246.130 inwoners (voorlopig) in 2023 ...'): twice in one paragraph. Now once, by the
    note, where every figure of Zwolle's series is provisional (the note's 'Dit zijn')."""
    assert not wh.execute("SELECT count(*) FROM indicator_values WHERE indicator_id = ? "
                          "AND region_code = 'GM0193' AND NOT provisional", [IND]).fetchone()[0]
    _, ctx = city_contexts(warehouse_path, ["Zwolle"], [lang])["Zwolle", lang]
    said = [s.text for s in builder.collect_sentences(ctx) if s.indicator_id == IND]
    word = {"nl": "voorlopig", "en": "provisional"}[lang]
    # the figures before the note carry no mark of their own; the note says it (once)
    assert said and all(t.count(NOTE[lang]) == 1 and word not in t[:t.index(NOTE[lang])]
                        for t in said), said
