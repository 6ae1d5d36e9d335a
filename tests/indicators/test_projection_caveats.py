"""The projection caveats count what the reports compare: of the G40, 15 cities are not in
CBS's 2013 projection (82220NED) and six more get no value because they merged later with
(part of) a municipality outside it. The caveat said '15 G40-steden ontbreken' and named
only Groningen among the mergers, while Almere's report compared it with 20 of the 41
(review finding): 21 had no projected share of 65-plussers."""

from __future__ import annotations

import re

import pytest

from stadstrends.indicators.catalogue import load_catalogue


def _caveats(indicator: str) -> list[str]:
    ind = next(i for i in load_catalogue().indicators if i.id == indicator)
    return [c.nl for c in ind.caveats]


@pytest.mark.parametrize("indicator", ["share_age_65_plus_projected",
                                       "grey_pressure_projected"])
def test_the_caveats_count_the_g40_cities_without_a_projection(wh, indicator):
    missing = {r[0] for r in wh.execute("""
        SELECT m.name FROM region_sets s JOIN current_municipalities m USING (region_code)
        WHERE s.set_id = 'G40' AND s.region_code NOT IN (
            SELECT region_code FROM indicator_values WHERE indicator_id = ?)""",
        [indicator]).fetchall()}
    text = " ".join(_caveats(indicator))
    assert "15 G40-steden staan er niet in" in text and "zes" in text, text
    assert len(missing) == 15 + 6, sorted(missing)
    named = _caveats("share_age_65_plus_projected")
    merged = next(m.group(1) for c in named if (m := re.search(r"zes G40-steden: (.*)\.$", c)))
    six = {n.strip() for n in re.split(r",| en ", merged)}
    assert len(six) == 6 and six <= missing, (six, sorted(missing))
    absent = next(m.group(1) for c in named
                  if (m := re.search(r"\(o\.a\. (.*)\)", c))).split(", ")
    assert set(absent) <= missing - six
