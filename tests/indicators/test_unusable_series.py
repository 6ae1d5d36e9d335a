"""An indicator's unusable municipality-years are left out of its regional sums
(:mod:`stadstrends.indicators.aggregate`), so its series must be its own: the catalogue
refuses unusable years on an indicator that shares a series with another."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from stadstrends.indicators.catalogue import Catalogue, load_catalogue

UNUSABLE = [{"regions": ["GM0060"], "years": [2012, 2013], "reason": "missing_in_source"}]


def _with(changes: dict[str, dict]) -> dict:
    data = load_catalogue().model_dump()
    for ind in data["indicators"]:
        ind.update(changes.get(ind["id"], {}))
    return data


def test_the_packaged_catalogue_passes():
    Catalogue.model_validate(_with({}))


@pytest.mark.parametrize("changes, named", [
    # a ratio over another indicator's count: its regional denominator would keep Ameland
    ({"establishments_per_1000": {"unusable": UNUSABLE}}, "establishments_per_1000"),
    # a count another indicator divides by: that one's regional numerator would keep it
    ({"population": {"unusable": UNUSABLE}}, "population"),
])
def test_unusable_years_on_a_shared_series_are_refused(changes, named):
    with pytest.raises(ValidationError, match=named):
        Catalogue.model_validate(_with(changes))
