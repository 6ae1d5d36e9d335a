"""Plain values as DuckDB and pandas give them, without importing pandas."""

from __future__ import annotations


def missing(value: object) -> bool:
    """True for None, NaN, pandas' NaT and NA."""
    try:
        return value is None or bool(value != value)  # noqa: PLR0124 (NaN, NaT)
    except TypeError:  # pd.NA: its comparisons are NA, which has no truth value
        return True
    except ValueError:  # an array (a list column): a value, even when it holds NaN
        return False
