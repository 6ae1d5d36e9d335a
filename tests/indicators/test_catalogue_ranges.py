"""The catalogue's texts for readers write a range of years as every other text does, with an
en dash: '1999–2009 (80860ned): aantallen door CBS afgerond op tientallen', 'prognose
2013–2040'. Before, the API, docs/indicators.md and the warehouse gave them as the YAML
writes them, '1999-2009', while the reports and pages print '1999–2009'."""

from __future__ import annotations

import re

from stadstrends.indicators.catalogue import load_catalogue
from stadstrends.publish.format import WORD_JOINER, keep_numbers_whole
from stadstrends.ranges import year_ranges

HYPHEN_RANGE = re.compile(r"(?<![\d,.])(?:19|20)\d\d-(?:19|20)\d\d(?!\d)")


def _texts(ind) -> list[str]:
    return [ind.title_nl, ind.title_en, ind.description_nl, ind.description_en,
            *ind.snapshot_notes, *[c.nl for c in ind.caveats], *[c.en for c in ind.caveats],
            *[b.reason for b in ind.breaks]]


def test_year_ranges_dashes_years_only():
    assert year_ranges("1999-2009 (80860ned)") == "1999–2009 (80860ned)"
    assert year_ranges("geen cijfers voor 2015-2023.") == "geen cijfers voor 2015–2023."
    for other in ("per 100 inwoners van 20-64 jaar", "ca. 5-10% lager", "1.999-2.009",
                  "20190-2020", "GM0193-2020x"):
        assert year_ranges(other) == other
    # the report's templates: the same dash, with the word joiner after it
    assert keep_numbers_whole("2018-2023") == "2018–" + WORD_JOINER + "2023"


def test_no_catalogue_text_has_a_hyphen_range():
    catalogue = load_catalogue()
    left = [(i.id, t) for i in catalogue.indicators for t in _texts(i) if HYPHEN_RANGE.search(t)]
    assert left == []
    assert sum("–" in t for i in catalogue.indicators for t in _texts(i)) > 50
    assistance = catalogue.get("social_assistance_per_1000")
    assert "Geen cijfers voor 2015–2023." in [c.nl for c in assistance.caveats]
    assert "No figures for 2015–2023." in [c.en for c in assistance.caveats]
    grey = catalogue.get("grey_pressure_projected")
    assert grey.description_nl.endswith("prognose 2013–2040.")
    assert grey.unit == "per 100 inwoners van 20-64 jaar"  # ages, not years
