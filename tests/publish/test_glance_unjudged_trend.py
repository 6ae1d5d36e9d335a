"""'In een oogopslag' labels a lead indicator's significant trend without a good direction
(:func:`~stadstrends.publish.report.glance.unjudged`) 'trend (geen oordeel)' whether or not
that trend is a signal. A trend is a signal only where its strength reaches the analysis'
``TREND_MIN_STRENGTH`` (its fitted change against the group's spread); below it, the label
was 'kernindicator' ('valt niet genoeg op om gunstig of ongunstig te noemen'), a verdict
the indicator can never have. Veendam's dwellings, 'van 12.788 woningen in 2018 naar 13.169
woningen in 2025 (+3,0%), een significante stijging', were a 'kernindicator', Harlingen's
'(+6,6%), een significante stijging' a 'trend (geen oordeel)'. On the real snapshot, in the
342 municipalities' default groups: the dwellings' significant rise 248 'kernindicator' and
86 'trend (geen oordeel)' before, 334 'trend (geen oordeel)' after; the job ratio of Bergen
op Zoom, Súdwest-Fryslân and Meierijstad the same (251 labels in all). A lead with a good
direction below the threshold reads as its tile: 'gunstige trend, te klein voor een signaal'
(44 municipalities' jobs, 136 a 'gunstige trend': tests/web/test_trend_one_label.py); the
intro says why ('klein vergeleken met de verschillen tussen de gemeenten van de groep').
Real snapshot."""

from __future__ import annotations

import pytest

from stadstrends.publish import sentence_jumps as sj
from stadstrends.publish.report.facts import fact
from stadstrends.publish.report.glance import glance
from stadstrends.publish.report.texts import t
from tests.publish.loaded import kept_city

#: (municipality, indicator, whether its trend is a signal in the default group)
CASES = [("Veendam", "dwellings", False), ("Harlingen", "dwellings", True),
         ("Meierijstad", "job_ratio", False), ("Bergen op Zoom", "dwellings", False)]
RISE = {"nl": "een significante stijging", "en": "a significant rise"}


def _items(data, lang: str) -> dict[str, dict]:
    return {it["sentence"].indicator_id: it
            for opg in glance(data, lang)["opgaven"] for it in opg["items"]}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_significant_trend_without_a_direction_has_one_label(wh, lang: str) -> None:
    for city, ind, signal in CASES:
        data = kept_city(wh, city, None)
        trend_signal = any(s["indicator_id"] == ind and s["kind"] == "trend"
                           for s in data.signals)
        assert trend_signal == signal, (city, ind)  # both sides of the threshold
        it = _items(data, lang)[ind]
        assert RISE[lang] in it["sentence"].text, (city, it["sentence"].text)
        assert it["valence_text"] == t(lang, "badge_trend_neutral"), (city, it["valence_text"])
        assert it["valence"] == "neutral"


def test_dwellings_in_many_municipalities_sit_below_the_threshold(wh) -> None:
    """The case is common: of the municipalities whose dwellings rise significantly, many
    have a trend signal in none of their groups (123 of 334 on the 2025 snapshot;
    248 of 334 none in their default group)."""
    rows = wh.execute("""
        SELECT count(*), count(*) FILTER (WHERE NOT EXISTS (
            SELECT 1 FROM signals s WHERE s.region_code = t.region_code
            AND s.indicator_id = 'dwellings' AND s.kind = 'trend'))
        FROM trends t JOIN regions r USING (region_code)
        WHERE r.level = 'gemeente' AND r.valid_to IS NULL AND t.indicator_id = 'dwellings'
        AND t.classification = 'rising' AND NOT t.indicative""").fetchone()
    assert rows[0] >= 300 and rows[1] >= 100, rows


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_no_lead_without_a_direction_is_a_kernindicator(wh, lang: str) -> None:
    """Over a sample of the municipalities (every 12th by code, and the cases above): no
    'kernindicator' label on a sentence whose trend is significant without a good direction
    and not one CBS's rounding could undo; Veendam's jobs, a significant rise below the
    threshold, reads 'gunstige trend, te klein voor een signaal' as its tile (the intro's
    example)."""
    codes = [c for (c,) in wh.execute(
        "SELECT region_code FROM regions WHERE level = 'gemeente' AND valid_to IS NULL "
        "ORDER BY 1").fetchall()][::12]
    lead = t(lang, "badge_lead")
    seen = 0
    for code in [*codes, *(c for c, _, _ in CASES)]:
        data = kept_city(wh, code, None)
        for ind, it in _items(data, lang).items():
            if it["valence_text"] != lead:
                continue
            shown = sj.shown_trend(fact(data, ind, lang)) or {}
            assert not (sj.status(shown) == "neutral" and not shown.get("rests_on_rounding")), \
                (data.name, ind, it["sentence"].text)
            seen += 1
    assert seen >= 50, seen  # the label stays where it is true
    jobs = _items(kept_city(wh, "Veendam", None), lang)["jobs_employees"]  # no signal: as
    assert jobs["valence_text"] == t(lang, "badge_trend_favourable_small")  # its tile says
    assert RISE[lang] in jobs["sentence"].text and jobs["valence"] is None
    assert t(lang, "glance_badges", kies="").count(
        "banen" if lang == "nl" else "jobs") == 1  # the intro names that case
