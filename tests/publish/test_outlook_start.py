"""The Vooruitblik's population sentence starts from CBS's forecast for the jump-off year,
the observed count beside it, on the real snapshot (``publish.sentence_projections``).

Before: 'Prognose inwoners: van 163.764 in 2026 naar 179.000 in 2050.' for Amersfoort,
163.764 being the register's count on 1 January 2026 and CBS's forecast for 2026 (85171NED)
162.700 (Leeuwarden: 130.162 observed, 129.400 forecast); the 65-plus sentence already read
'van 16,8% in 2024 (waargenomen: 16,4%)'. The English said 'inhabitants' three times
('from 162,700 inhabitants in 2026 (observed: 163,764 inhabitants) to ...'): now once."""

from __future__ import annotations

import pytest

from stadstrends.publish.report.data import load_city
from stadstrends.publish.report.sections import outlook

WANT = {("Amersfoort", "nl"): "Prognose inwoners: van 162.700 in 2026 (waargenomen: 163.764) "
                              "naar 179.000 in 2050.",
        ("Leeuwarden", "nl"): "Prognose inwoners: van 129.400 in 2026 (waargenomen: 130.162) "
                              "naar 134.200 in 2050.",
        ("Amersfoort", "en"): "Projected population: from 162,700 in 2026 "
                              "(observed: 163,764) to 179,000 inhabitants in 2050."}


@pytest.mark.parametrize(("city", "lang"), sorted(WANT))
def test_the_population_forecast_starts_from_its_own_figure(wh, city: str, lang: str) -> None:
    data = load_city(wh, city, None)
    (s,) = [s for s in outlook(data, lang)["sentences"]
            if s.indicator_id == "population_projected"]
    assert s.text == WANT[city, lang]
    first, beside = s.cites[0], s.cites[1]
    assert (first.indicator_id, first.year) == ("population_projected", 2026)
    assert (beside.indicator_id, beside.year) == ("population", 2026)
