"""Amounts in euro are declared to be in current prices, with a caveat saying so.

Before (review of 2 Dec): incomes and wealth in current euros were a 'gunstige trend' for
342 of 342 municipalities (Zwolle's median standardised income 24,9 -> 33,9 duizend euro in
2016-2023, +36%), most of it inflation, and the catalogue had no field to tell the analysis
so; the median wealth and the house prices had no caveat 'Lopende prijzen' at all. The
catalogue's ``current_prices`` now marks every such series
(:func:`stadstrends.indicators.catalogue_checks.check_prices`) and the warehouse records it.
"""

from __future__ import annotations

import pytest

from stadstrends.indicators.catalogue import Catalogue, load_catalogue

MONEY = {"income_disposable_mean", "income_standardised_median", "wealth_median", "woz_mean",
         "house_price_mean"}


def test_every_amount_in_euro_is_marked_current_prices_with_its_caveat():
    catalogue = load_catalogue()
    euro = {i.id for i in catalogue.indicators if "euro" in i.unit.lower()}
    marked = {i.id for i in catalogue.indicators if i.current_prices}
    assert euro == marked == MONEY
    for ind in catalogue.indicators:
        if ind.current_prices:
            assert any("lopende prijzen" in c.nl.lower() and "current prices" in c.en.lower()
                       for c in ind.caveats), ind.id


def test_the_warehouse_records_the_field(wh):
    rows = dict(wh.execute("SELECT indicator_id, current_prices FROM indicators").fetchall())
    assert {i for i, v in rows.items() if v} == MONEY
    assert rows["low_income_households_share"] is False  # a share, not an amount


def _entry(data: dict, ident: str) -> dict:
    return next(i for i in data["indicators"] if i["id"] == ident)


def test_the_catalogue_refuses_an_amount_in_euro_without_the_field():
    data = load_catalogue().model_dump()
    _entry(data, "wealth_median")["current_prices"] = False
    with pytest.raises(ValueError, match="wealth_median: unit '1 000 euro': set current_prices"):
        Catalogue.model_validate(data)


def test_the_catalogue_refuses_the_field_on_a_figure_that_is_no_amount():
    data = load_catalogue().model_dump()
    _entry(data, "unemployment_rate")["current_prices"] = True
    with pytest.raises(ValueError, match="unemployment_rate: unit '%': set current_prices"):
        Catalogue.model_validate(data)


def test_the_catalogue_refuses_current_prices_without_the_caveat():
    data = load_catalogue().model_dump()
    house = _entry(data, "house_price_mean")
    house["caveats"] = [c for c in house["caveats"] if "Lopende prijzen" not in c["nl"]]
    with pytest.raises(ValueError, match="house_price_mean: current_prices needs a caveat"):
        Catalogue.model_validate(data)
