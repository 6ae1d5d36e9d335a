"""An error page's suggestion swaps a mistyped entry of ``regions`` only where the name lookup
says the entry names no municipality (Stadstrends' own errors: unknown, ambiguous, former);
any other failure of the lookup is a fault to see, not 'no municipality'. Before, both checks
caught every ``Exception`` (session 49's review): a broken lookup made every entry 'mistyped'
and dropped the suggestion silently. No warehouse: a lookup that raises."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from stadstrends.errors import RegionNotFound
from stadstrends.publish.web.error_pages import _resolves, _swapped
from stadstrends.regions.lookup import AmbiguousRegion


class Index:
    """A name lookup: 'Zwolle' and 'GM0193' are Zwolle, 'Bergen' is ambiguous, 'zwole' is
    unknown, 'kapot' breaks the lookup itself."""

    def resolve(self, query: str) -> str:
        if query in ("Zwolle", "GM0193", "GM0363"):
            return "GM0363" if query == "GM0363" else "GM0193"
        if query == "Bergen":
            raise AmbiguousRegion("'Bergen' is ambiguous")
        if query == "kapot":
            raise KeyError("lookup table missing")
        raise RegionNotFound(f"unknown region {query!r}")


WH = SimpleNamespace(index=Index())


def _request(**params: str) -> SimpleNamespace:
    return SimpleNamespace(query_params=params)


def test_stadstrends_errors_mean_no_municipality() -> None:
    assert _resolves(WH, "Zwolle")
    assert not _resolves(WH, "zwole") and not _resolves(WH, "Bergen")
    swapped = _swapped(_request(regions="GM0363,zwole"), WH, "/vergelijk", "Zwolle")
    assert swapped == "/vergelijk?regions=GM0363,GM0193", swapped
    assert _swapped(_request(regions="GM0363,zwole"), WH, "/vergelijk", "zwole") is None


@pytest.mark.parametrize("entry, suggestion", [("kapot", "Zwolle"), ("zwole", "kapot")])
def test_another_error_of_the_lookup_is_not_swallowed(entry: str, suggestion: str) -> None:
    with pytest.raises(KeyError):
        _swapped(_request(regions=f"GM0363,{entry}"), WH, "/vergelijk", suggestion)
    with pytest.raises(KeyError):
        _resolves(WH, "kapot")
