"""One figure, one precision in one sentence (the real snapshot): where the position in the
group prints the city's figure one decimal finer to tell it from the median, the sentence
prints its figures so throughout. Zwolle's population growth read 'van 1,1% in 2018 naar
0,3% in 2025 (...) rond de mediaan van de G40 (0,25% tegen 0,32%)': 0,3% and 0,25% were
the same figure of 2025."""

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
    """The sentence of the finer pair prints its other figures at the pair's decimals."""
    _, ctx = contexts["Zwolle", "nl"]
    said = next(s.text for s in builder.collect_sentences(ctx)
                if s.text.startswith("Bevolkingsgroei 2018–2025:"))
    assert "(0,25% tegen 0,32%)" in said, said
    assert "naar 0,25% in 2025" in said and "0,3%" not in said, said
    levels = re.findall(r"−?\d+,(\d+)%", said)
    assert levels and {len(d) for d in levels} == {2}, said
