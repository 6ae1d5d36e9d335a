"""The rule of Kies richting as the report states it above the strengths and urgent tasks
(``direction_intro``) is the rule the analysis applies (analysis/signal_kies.py), sentence by
sentence, on the real warehouse. Before, it said a figure within the rounding of the median
is in no quarter because 'zo ver kunnen twee afgeronde cijfers uiteenlopen die gelijk zijn',
named no year for 'verouderde cijfers' and left out counts, projections, CBS's rounding and
amounts in current prices."""

from __future__ import annotations

import pytest

from stadstrends.analysis.signal_kies import KIES_MIN_N
from stadstrends.publish.report import sections
from tests.publish.loaded import connect, kept_city

WORDS = {"nl": ("uit {fresh} of later", "minstens {n} gemeenten", "geen aantallen of prognoses",
                "0,1 bij cijfers met één decimaal", "lopende prijzen"),
         "en": ("from {fresh} or later", "at least {n} municipalities", "no counts or projections",
                "0.1 for figures with one decimal", "current prices")}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_rule_in_words_is_the_rule_applied(wh, warehouse_path, lang) -> None:
    (fresh,), = wh.execute("SELECT latest_data_year - stale_after_years FROM build_info"
                           ).fetchall()
    with connect(warehouse_path) as con:
        intro = sections.direction(kept_city(con, "GM0193"), lang)["intro"]
    for words in WORDS[lang]:
        assert words.format(fresh=fresh, n=KIES_MIN_N) in intro, (words, intro)
    labels = wh.execute("""
        SELECT k.label, k.position, k.momentum, k.year, k.n, k.value, k.median, i.method,
               i.projection, i.direction, i.decimals, i.current_prices,
               k.indicator_id IN (SELECT indicator_id FROM mean_rounding) AS mean_unit
        FROM kies_richting k JOIN indicators i USING (indicator_id)
        WHERE k.label IS NOT NULL""").df()
    assert len(labels) >= 10_000
    # a quarter and not worsening; a quarter and not improving, or a half and worsening
    strengths = labels[labels.label == "distinctive strength"]
    tasks = labels[labels.label == "urgent task"]
    assert set(strengths.position) == {"favourable_quartile"}
    assert "worsening" not in set(strengths.momentum)
    assert set(tasks.position) == {"unfavourable_quartile", "unfavourable_half"}
    assert "improving" not in set(tasks[tasks.position == "unfavourable_quartile"].momentum)
    assert set(tasks[tasks.position == "unfavourable_half"].momentum) == {"worsening"}
    # a direction, no counts or projections, from the fresh year on, of at least n figures
    assert set(labels.direction) == {"higher_better", "higher_worse"}
    assert not (labels.method == "count").any() and not labels.projection.any()
    assert labels.year.min() >= fresh and labels.n.min() >= KIES_MIN_N
    # one rounding step from the median (0,1 at one decimal) gets no label
    one = labels[(labels.decimals == 1) & ~labels.mean_unit]
    assert len(one) >= 1000 and ((one["value"] - one["median"]).abs() > 0.1 + 1e-9).all()
    # amounts in current prices keep their place, not their trend
    priced = labels[labels.current_prices]
    assert set(priced.momentum) == {"neutral"} and set(priced.label) == {
        "distinctive strength", "urgent task"}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_few_cases_in_words_are_the_builds_small_base(wh, warehouse_path, lang) -> None:
    """'Weinig gevallen zijn minder dan 100 gevallen': the number is the setting
    ``small_base`` the warehouse was built with (``build_info``), the one the analysis'
    ``small_bases`` and the one-case rule apply; a build with another says that one."""
    import dataclasses

    said = {"nl": "Weinig gevallen zijn minder dan {n} gevallen",
            "en": "Few cases are fewer than {n} cases"}[lang]
    (small_base,), = wh.execute("SELECT small_base FROM build_info").fetchall()
    assert small_base == 100
    assert wh.execute("SELECT count(*) FROM small_bases WHERE base_count >= ?",
                      [small_base]).fetchone()[0] == 0
    with connect(warehouse_path) as con:
        data = kept_city(con, "GM0193")
        intro = " ".join(sections.direction(data, lang)["intro"].split())
        other = dataclasses.replace(data, build={**data.build, "small_base": 50})
        again = " ".join(sections.direction(other, lang)["intro"].split())
        large = dataclasses.replace(data, build={**data.build, "small_base": 1000})
        thousand = " ".join(sections.direction(large, lang)["intro"].split())
    assert said.format(n=small_base) in intro, intro
    assert said.format(n=50) in again and said.format(n=small_base) not in again, again
    # the number written in the report's language: '1.000' (nl), '1,000' (en)
    assert said.format(n={"nl": "1.000", "en": "1,000"}[lang]) in thousand, thousand
