"""The Vooruitblik's population sentence starts from CBS's forecast for the jump-off year,
the observed count beside it, on the real snapshot (``publish.sentence_projections``).

Before: 'Prognose inwoners: van 163.764 in 2026 naar 179.000 in 2050.' for Amersfoort,
163.764 being the register's count on 1 January 2026 and CBS's forecast for 2026 (85171NED)
162.700 (Leeuwarden: 130.162 observed, 129.400 forecast); the 65-plus sentence already read
'van 16,8% in 2024 (waargenomen: 16,4%)'. The English said 'inhabitants' three times
('from 162,700 inhabitants in 2026 (observed: 163,764 inhabitants) to ...'): now once."""

from __future__ import annotations

import pytest

from stadstrends.publish.report.sections import outlook
from tests.publish.loaded import kept_city

# the gap after them: tests/publish/test_outlook_observed.py
WANT = {("Amersfoort", "nl"): "Prognose inwoners: van 162.700 in 2026 (waargenomen: 163.764) "
                              "naar 179.000 in 2050. In 2026 ligt de prognose 1.100 "
                              "inwoners onder het waargenomen aantal.",
        ("Leeuwarden", "nl"): "Prognose inwoners: van 129.400 in 2026 (waargenomen: 130.162) "
                              "naar 134.200 in 2050. In 2026 ligt de prognose 800 "
                              "inwoners onder het waargenomen aantal.",
        ("Amersfoort", "en"): "Projected population: from 162,700 in 2026 "
                              "(observed: 163,764) to 179,000 inhabitants in 2050. In 2026 "
                              "the projection is 1,100 inhabitants below the "
                              "observed number."}


@pytest.mark.parametrize(("city", "lang"), sorted(WANT))
def test_the_population_forecast_starts_from_its_own_figure(wh, city: str, lang: str) -> None:
    data = kept_city(wh, city, None)
    (s,) = [s for s in outlook(data, lang)["sentences"]
            if s.indicator_id == "population_projected"]
    assert s.text == WANT[city, lang]
    first, beside = s.cites[0], s.cites[1]
    assert (first.indicator_id, first.year) == ("population_projected", 2026)
    assert (beside.indicator_id, beside.year) == ("population", 2026)


def test_every_g40_forecast_line_shows_the_observed_figure_of_its_first_year(wh) -> None:
    """One rule for both lines, on all 41 G40 members: a forecast's first figure is its own,
    and where the city has an observed figure for that year it follows, also where the two
    print the same. Deventer's 'Prognose aandeel 65-plussers (prognose uit 2013, verouderd):
    van 19,3% in 2024 naar 26,2% in 2040' (the forecast's 19,27, the observed 19,25) said
    nothing of the observed figure, its population line did: 1 of 61 such lines before, 0 now."""
    from stadstrends.publish.sentence_numbers import number

    observed_of = {"population_projected": "population",
                   "share_age_65_plus_projected": "share_age_65_plus"}
    codes = [c for (c,) in wh.execute(
        "SELECT region_code FROM comparison_group_members WHERE set_id = 'G40' "
        "AND focal_code IS NULL ORDER BY 1").fetchall()]
    assert len(codes) == 41
    lines, bad = 0, []
    for code in codes:
        data = kept_city(wh, code, None)
        for s in outlook(data, "nl")["sentences"]:
            obs = observed_of.get(s.indicator_id)
            seen = {r["year"]: r["value"] for r in data.series.get(obs) or []} if obs else {}
            first = s.cites[0]
            if first.indicator_id != s.indicator_id or first.year not in seen:
                continue
            lines += 1
            unit = data.catalogue[obs]["unit"]
            shown = [number(seen[first.year], unit, "nl", d) for d in range(3)]
            beside = [c for c in s.cites if (c.indicator_id, c.year) == (obs, first.year)]
            if not beside or not any(f"(waargenomen: {x}" in s.text for x in shown):
                bad.append((code, s.text, seen[first.year]))
    assert lines > 40 and not bad, (lines, bad)
