"""One figure, one precision (the real snapshot): every figure of an indicator at its
catalogue decimals, in a sentence as on the tile, the profile and in `show`. Zwolle's
population growth read 'van 1,1% in 2018 naar 0,3% in 2025 (...) rond de mediaan van de G40
(0,25% tegen 0,32%)' until session 53 (0,3% and 0,25% the same figure of 2025), then every
figure of that sentence at two decimals ('van 1,10% ... naar 0,25% (−0,85 procentpunt)')
while its tile said '0,3%' and '−0,8 %-punt'; now the sentence prints them as the tile:
the figure near the median that prints as it gets the median alone, '(0,3%)'."""

from __future__ import annotations

import re
from collections import defaultdict

import pytest

from stadstrends.publish.report import builder
from tests.publish.city_contexts import city_contexts

CITIES = ["Zwolle", "Enschede", "Ameland"]
#: the fields that print the city's own figure of a year
OWN = {"value", "first_value", "last_value"}
MARKS = re.compile(r" \((?:voorlopig|provisional)[^)]*\)")


@pytest.fixture(scope="module")
def contexts(warehouse_path):
    return city_contexts(warehouse_path, CITIES, ["nl", "en"])


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("city", CITIES)
def test_a_figure_prints_alike_within_its_sentence(contexts, city: str, lang: str) -> None:
    _, ctx = contexts[city, lang]
    wrong = []
    for s in builder.collect_sentences(ctx):
        shown = defaultdict(set)
        for c in s.cites:
            if c.field in OWN:
                shown[c.indicator_id, c.region_code, c.year].add(MARKS.sub("", c.shown))
        wrong += [(k, v, s.text[:200]) for k, v in shown.items() if len(v) > 1]
    assert not wrong, wrong[:5]


def test_zwolles_population_growth_is_one_precision(contexts) -> None:
    """The figure near the median that prints as it: the median alone, every figure at the
    catalogue's one decimal, as the tile ('0,3%', '−0,8 %-punt')."""
    _, ctx = contexts["Zwolle", "nl"]
    said = next(s.text for s in builder.collect_sentences(ctx)
                if s.text.startswith("Bevolkingsgroei 2018–2025:"))
    assert "van 1,1% in 2018 naar 0,3% in 2025 (−0,8 procentpunt" in said, said
    assert "rond de mediaan van de G40 (0,3%)" in said, said
    levels = re.findall(r"−?\d+,(\d+)%", said)
    assert levels and {len(d) for d in levels} == {1}, said
