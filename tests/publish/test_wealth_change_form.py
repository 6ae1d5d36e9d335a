"""One form for the change of a quantity that can be below zero (``can_be_negative``: median
wealth, assets minus debts): its difference in its own unit, in the report's sentence and on
the city page's tile. Before session 53 wealth read three ways: Vaals's 25,4 -> 84,0 duizend
euro '+58,6 duizend euro', Stadskanaal's 17,6 -> 94,8 'ruim 5 keer zo hoog', and where it did
not triple a percentage ('+45%')."""

from __future__ import annotations

import re

from stadstrends.publish.report.data import fact
from tests.publish.loaded import kept_city

IND = "wealth_median"


def test_every_wealth_trend_says_its_difference(wh) -> None:
    codes = [r[0] for r in wh.execute("""
        (SELECT region_code FROM trends WHERE indicator_id = 'wealth_median'
          AND region_code IN ('GM0981', 'GM0037'))
        UNION ALL (SELECT region_code FROM trends WHERE indicator_id = 'wealth_median'
          AND region_code LIKE 'GM%' AND rel_change + 1 < 3 AND first_value > 0
          ORDER BY 1 LIMIT 2)""").fetchall()]
    assert len(codes) == 4, codes
    for code in codes:
        for lang, unit in (("nl", "duizend euro"), ("en", "thousand euro")):
            data = kept_city(wh, code).in_language(lang)
            text = data.writer(lang).indicator(fact(data, IND, lang)).text.replace("\xa0", " ")
            change = re.search(r"\(([+−-][\d.,]+ [^();]*?)[;)]", text)
            assert change and unit in change.group(1), text
            assert not re.search(r"\([+−-][\d.,]+%|keer zo hoog|times as high", text), text
    vaals = kept_city(wh, "GM0981").in_language("nl")
    assert "(+58,6 duizend euro)" in vaals.writer("nl").indicator(fact(vaals, IND, "nl")).text
