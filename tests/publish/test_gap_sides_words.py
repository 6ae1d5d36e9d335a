"""The tweedeling of a city that is on the other side of its ommeland in some year between
two ends on one side (analysis/gap_crossings.py): Voorne aan Zee's deaths per 1 000, +9,2% in
2016, below in 2017 and 2020, +15,9% in 2023, no significant signed trend. The report said
'Het verschil wordt significant groter' and counted it in its summary and chart."""

from __future__ import annotations

import pytest

from stadstrends.publish.report import builder
from tests.publish.loaded import kept_city

ALT = {"nl": "Puntgrafiek van 1 indicator waarvan het verschil met het ommeland significant "
             "groeit, krimpt of van kant wisselt.",
       "en": "Dot plot of 1 indicator whose difference with the surrounding region widens, "
             "narrows or changes sides significantly."}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_voorne_aan_zee_deaths_are_no_growing_gap(wh, lang) -> None:
    """No sentence nor table row of the tweedeling names the deaths; the one gap left
    (Veilig Thuis reports, 37% -> 3,1% below the ommeland) is '1 indicator' in the chart's
    text, not '1 indicatoren'."""
    data = kept_city(wh, "Voorne aan Zee", None)
    assert data.gap_trends["deaths_per_1000"]["classification"] == "stable"
    ctx = builder.city_context(data, lang, None)
    said = [s for s in builder.collect_sentences(ctx) if s.indicator_id == "deaths_per_1000"]
    assert not [s.text for s in said if "significant" in s.text]
    (fig,) = [f for f in builder.figures_of(ctx) if f.get("id") == "fig-gaps"]
    assert fig["alt"] == ALT[lang]
    assert [r[0] for r in fig["table"]["rows"]] == [
        data.catalogue["domestic_violence_reports_per_1000"][f"title_{lang}"]]
