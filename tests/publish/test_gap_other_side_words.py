"""A growing or shrinking city-ommeland gap names the years the city lay on the other side
in between (``region_gap_trends.other_side_years``; :func:`~stadstrends.publish.
sentence_words.other_side`): 'het verschil wordt significant groter' alone hid them. The
words by hand, and the report's sentence and the city page's row on the real warehouse."""

from __future__ import annotations

import pytest

from stadstrends.publish.sentence_words import other_side

ROW = {"classification": "converging", "movement": "lead_shrinking", "no_verdict": None,
       "indicative": False, "last_ratio": 1.2, "other_side_years": [2022, 2023]}


def test_the_years_and_the_side_in_words():
    assert other_side(ROW, "nl", "Vught") == (
        " (in 2022 en 2023 lag het cijfer van Vught juist onder dat van het ommeland)")
    assert other_side({**ROW, "last_ratio": 0.8, "other_side_years": [2019]}, "en", "Ede") == (
        " (in 2019 the figure for Ede was above that of the surrounding region instead)")


@pytest.mark.parametrize("row", [
    {**ROW, "classification": "stable"}, {**ROW, "no_verdict": "city_steps"},
    {**ROW, "indicative": True}, {**ROW, "other_side_years": None}])
def test_no_words_without_a_verdict_of_growing_or_shrinking(row):
    assert other_side(row, "nl", "Vught") == ""


def _strings(node):
    if isinstance(node, str):
        yield node
    elif isinstance(getattr(node, "text", None), str):  # a report Sentence
        yield node.text
    elif isinstance(node, dict):
        for v in node.values():
            yield from _strings(v)
    elif isinstance(node, (list, tuple)):
        for v in node:
            yield from _strings(v)


def test_the_report_names_the_years_on_real_data(city_reports):
    """Every growing or shrinking gap trend of two municipalities with such years: the
    report's sentence (nl and en) names them."""
    con, _ = city_reports([])
    cases = con.execute("""
        SELECT r.name, t.indicator_id, t.last_ratio, t.other_side_years, t.classification
        FROM region_gap_trends t JOIN regions r USING (region_code)
        WHERE t.other_side_years IS NOT NULL AND t.no_verdict IS NULL AND NOT t.indicative
          AND t.classification IN ('diverging', 'converging')
          AND r.name IN ('Noordoostpolder', 'Vught')
        """).fetchall()
    assert len(cases) == 2
    _, reports = city_reports(["Noordoostpolder", "Vught"])
    for name, ind, last, years, cls in cases:
        for lang in ("nl", "en"):
            words = other_side({"last_ratio": last, "other_side_years": years,
                                "classification": cls}, lang, name).strip()
            said = [s for s in _strings(reports[name][1][lang]) if words[1:-1] in s]
            assert said, (name, ind, lang, words)
            cell = other_side({"last_ratio": last, "other_side_years": years,
                               "classification": cls}, lang, name, cell=True)
            assert any(s.endswith(cell) for s in _strings(reports[name][1][lang])), cell


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_profiles_gap_signal_names_the_years(wh, lang):
    """Winterswijk's solar capacity per inhabitant, below its ommeland in 2016 and 2023, above
    it in 2017 and 2018: its signal 'de gemeente raakt significant verder achter' names them
    (the CLI's and the API's profile, the city page's opgaven)."""
    from stadstrends.publish.profile import city_profile

    profile = city_profile(wh, "Winterswijk", lang=lang)
    texts = [sig[f"text_{lang}"] for o in profile["opgaven"] for sig in o["top_signals"]
             if sig["indicator_id"] == "solar_capacity_per_inhabitant"
             and sig["kind"].startswith("gap_")]
    assert texts
    words = {"nl": "in 2017 en 2018 lag het cijfer van de gemeente juist boven dat van het "
                   "ommeland", "en": "in 2017 and 2018 the figure for the municipality was "
                   "above that of the surrounding region instead"}[lang]
    assert all(words in x for x in texts), texts
    assert not any("other_side_years" in sig for o in profile["opgaven"]
                   for sig in o["top_signals"])
