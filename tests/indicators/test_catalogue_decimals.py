"""The catalogue's ``decimals`` say what CBS publishes (the real snapshot): a published value
(a level or a published mean) has the decimals of its source measure, whole numbers none
(37259eng's 68 inhabitants per km², 82550NED's 95 m², 86004NED's whole percentage in the
lowest 10%); a count none; a computed rate at most one, none where its numerator is rounded
by CBS to hundreds (jobs, self-employed)."""

from __future__ import annotations

import pytest

from stadstrends.indicators.catalogue import Indicator, load_catalogue

CATALOGUE = load_catalogue()
PUBLISHED = ("level", "weighted_mean")

# the decimals CBS publishes a measure with: the most any of its values has (max 2)
SOURCE_DECIMALS = """
SELECT max(CASE WHEN abs(value * 10 - round(value * 10)) > 1e-6 THEN 2
                WHEN abs(value - round(value)) > 1e-6 THEN 1 ELSE 0 END)
FROM observations WHERE lower(table_id) = lower(?) AND measure = ? AND value IS NOT NULL
"""


def test_every_indicator_says_its_decimals():
    base = CATALOGUE.indicators[0].model_dump()
    with pytest.raises(ValueError, match="decimals"):
        Indicator.model_validate({k: v for k, v in base.items() if k != "decimals"})
    with pytest.raises(ValueError):
        Indicator.model_validate({**base, "decimals": 3})
    assert {i.decimals for i in CATALOGUE.indicators} == {0, 1}


@pytest.mark.parametrize("ind", [i for i in CATALOGUE.indicators if i.method in PUBLISHED],
                         ids=lambda i: i.id)
def test_a_published_value_has_the_decimals_cbs_publishes(wh, ind):
    found = set()
    for part in ind.numerator:
        if part.api == "v4" or len(part.terms) != 1:
            continue
        row = wh.execute(SOURCE_DECIMALS, [part.table, part.measure]).fetchone()
        if row[0] is not None:
            found.add(int(row[0]))
    assert found, f"{ind.id}: no source values in the snapshot"
    assert max(found) == ind.decimals, (ind.id, found)


def test_counts_and_rates_of_rounded_counts_are_whole():
    """Counts, amounts per inhabitant (hundreds of m³, kWh, Wp) and rates per 1 000 of a
    count CBS publishes in thousands (jobs, self-employed: rounded to hundreds, Ameland's
    3 700 inhabitants could not carry '520,8' jobs per 1 000) are whole; shares one."""
    whole = []
    for ind in CATALOGUE.indicators:
        rounded = any(p.scale == 1000 for p in ind.numerator)  # CBS's 'x 1 000' tables
        if ind.method == "count" or ind.method == "ratio" and (
                ind.unit.endswith(" per inwoner")
                or rounded and ind.unit == "per 1 000 inwoners"):
            assert ind.decimals == 0, ind.id
            whole.append(ind.id)
        if ind.method == "ratio" and ind.unit == "%":
            assert ind.decimals == 1, ind.id
    assert {"job_ratio", "self_employed_per_1000", "population"} <= set(whole)
