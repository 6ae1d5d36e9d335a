"""A sentence or tile that gives a fall gives its sign: Wormerland's population went from
16.329 (2019) to 16.328 (2026), −0,006%, and the report's sentence and the website's tile
printed '(0,0%)' (:func:`stadstrends.publish.sentence_numbers.percent_digits`)."""

from __future__ import annotations

import pytest

from stadstrends.publish.report.facts import fact
from tests.publish.loaded import kept_city


@pytest.mark.parametrize(("lang", "shown"), [("nl", "(−0,01%;"), ("en", "(−0.01%;")])
def test_wormerlands_small_population_fall_is_printed_with_its_sign(wh, lang, shown) -> None:
    data = kept_city(wh, "GM0880", None)
    f = fact(data, "population", lang)
    assert (f["trend"]["first_value"], f["trend"]["last_value"]) == (16329, 16328)
    s = data.in_language(lang).writer(lang).indicator(f, "trend")
    assert shown in s.text and "0,0%" not in s.text and "0.0%" not in s.text, s.text
    assert [c.shown for c in s.cites if c.field == "rel_change"] == [shown[1:-1]]
