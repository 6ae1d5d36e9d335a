"""``sentence_signals.missing`` answers as ``pandas.isna`` for every value a DuckDB row
holds, without importing pandas for them (tests/test_cli.py: a report imports no pandas)."""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal

import pandas as pd
import pytest

from stadstrends.publish.profile_parts import clean
from stadstrends.publish.sentence_signals import missing


@pytest.mark.parametrize("value", [None, math.nan, -math.inf, 0.0, 1.5, 0, 7, True, False, "",
                                   "nan", Decimal("1.25"), Decimal("NaN"), dt.date(2024, 1, 1),
                                   dt.datetime(2024, 1, 1, 12), pd.NA, pd.NaT, [1.0, math.nan],
                                   (), pd.Timestamp("2024-01-01")])
def test_missing_is_pandas_isna(value):
    try:
        expected = bool(pd.isna(value))
    except (TypeError, ValueError):
        expected = False
    assert missing(value) is expected


def test_clean_turns_numpy_and_pandas_values_into_plain_ones():
    import numpy as np

    assert clean({"a": np.array([1.0, np.nan]), "b": np.int64(3), 4: pd.Timestamp("2024-05-06"),
                  "d": dt.datetime(2024, 5, 6, 7), "e": (math.nan, "x")}) == \
        {"a": [1.0, None], "b": 3, "4": "2024-05-06", "d": "2024-05-06", "e": [None, "x"]}
