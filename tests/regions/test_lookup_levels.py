"""A name asked for as a municipality that is a province, COROP region or the country says
what it is (the real snapshot's regions): 'report Limburg' suggested Rimburg (a municipality
of 1839-1886), 'report Nederland' Reiderland (gone since 2010), 'report ""' hinted
"try `stadstrends regions `" with nothing after it."""

from __future__ import annotations

import pytest

from stadstrends.errors import RegionNotFound
from stadstrends.regions.lookup import RegionIndex


def _error(index: RegionIndex, query: str) -> RegionNotFound:
    with pytest.raises(RegionNotFound) as info:
        index.resolve(query, level="gemeente")
    return info.value


@pytest.mark.parametrize(("query", "code", "what"), [
    ("Limburg", "PV31", "a province"), ("Friesland", "PV21", "a province"),
    ("Twente", "CR12", "a COROP region"), ("Nederland", "NL01", "the country")])
def test_a_province_corop_or_country_is_named_as_such(index: RegionIndex, query, code,
                                                      what) -> None:
    err = _error(index, query)
    assert f"({code}) is {what}, not a municipality" in err.message, err.message
    assert err.key == f"region_is_{index.regions[code]['level']}"
    assert not err.suggestions, err.suggestions  # not Rimburg, Reiderland
    if code[:2] in ("PV", "CR"):  # the command that lists its municipalities
        assert f"stadstrends regions --set {code}" in err.hint, err.hint


def test_a_name_a_municipality_shares_is_the_municipality(index: RegionIndex) -> None:
    """'Utrecht' is the municipality (a name both levels share resolves to it)."""
    assert index.resolve("Utrecht", level="gemeente") == "GM0344"
    assert index.other_level("Utrecht") is None and index.other_level("Zwolle") is None


@pytest.mark.parametrize("query", ["", "   "])
def test_an_empty_name_has_its_own_message(index: RegionIndex, query: str) -> None:
    err = _error(index, query)
    assert err.key == "empty_region" and "no municipality given" in err.message
    assert "regions `" not in err.hint and "Zwolle" in err.hint


@pytest.mark.parametrize(("query", "shown"), [("'", "'''"), ("\x00", "'\\x00'"),
                                              ("\U0001f600", "'\U0001f600'")])
def test_a_name_without_letters_is_unknown_and_named(index: RegionIndex, query: str,
                                                     shown: str) -> None:
    err = _error(index, query)  # given, so not 'no municipality given'
    assert err.key == "unreadable_region" and "given" not in err.message
    assert err.message.startswith(f"Unknown municipality {shown}") and "Zwolle" in err.hint


@pytest.mark.parametrize(("query", "former"), [("Limburgg", "Rimburg"),
                                               ("Nederlandd", "Reiderland")])
def test_long_gone_municipalities_are_not_fuzzy_suggested(index: RegionIndex, query,
                                                          former) -> None:
    code = index.resolve(former)
    assert not index.regions[code]["current"]
    assert former not in _error(index, query).suggestions


def test_a_typo_of_a_former_name_or_a_current_one_still_suggests_it(index) -> None:
    assert "Reiderland" in _error(index, "Reiderlnd").suggestions
    assert _error(index, "Zwole").suggestions[:1] == ["Zwolle"]
