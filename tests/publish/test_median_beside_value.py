"""A group's median printed beside the municipality's figure is never printed as that figure
while the two differ (the real snapshot): Hollands Kroon's gas use per dwelling in 2023,
970 m³, is above the median of 965 m³ of its size class, which rounded as a computed figure
(tens) printed '(mediaan 970 m³)' after 'boven de mediaan', in the report and on the tile
(tests/web/test_tile_median.py)."""

from __future__ import annotations

import re

import pytest

from stadstrends.publish.report import builder
from tests.publish.loaded import kept_city

IND = "gas_use_per_dwelling"


def test_the_stored_median_differs_from_the_figure(wh) -> None:
    value, median = wh.execute(
        "SELECT value, median FROM group_benchmarks WHERE region_code = 'GM1911' AND "
        "set_id = 'GK4' AND indicator_id = ? AND year = 2023", [IND]).fetchone()
    assert (value, median) == (970, 965)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_report_prints_the_median_apart_from_the_figure(wh, lang: str) -> None:
    data = kept_city(wh, "GM1911")
    assert data.group["set_id"] == "GK4"
    html = builder.render("city.html.j2", builder.city_context(data, lang, None), pdf=False)
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
    # 970 beside 965 is within CBS's rounding of the mean (tens): near the median, as Kies
    # richting has it (positions.near_median), both figures printed
    above = {"nl": r"rond de mediaan [^()]*\(970 tegen (\S+) m³\)",
             "en": r"close to the median [^()]*\(970 vs (\S+) m³\)"}[lang]
    head = text[text.index({
        "nl": "Gemiddeld aardgasverbruik per woning (ook woningen met stadsverwarming) 2019",
        "en": "Mean natural gas use per dwelling (dwellings on district heating included) 2019",
    }[lang]):]
    found = re.search(above, head[:600])
    assert found, head[:600]
    assert found.group(1) == "965"

