"""The one root exception: an error with words from the language files."""

from __future__ import annotations

from stadstrends.errors import GroupNotFound, IndicatorNotFound, StadstrendsError


def test_worded_error_is_english_and_speaks_any_language() -> None:
    err = IndicatorNotFound.worded("unknown_indicator", indicator="populaton",
                                   suggestions=["population"])
    assert isinstance(err, IndicatorNotFound) and err.code == "indicator_not_found"
    assert (err.message, err.hint) == ("Unknown indicator 'populaton'",
                                       "list them at /api/v1/indicators")
    assert err.in_language("nl") == ("Onbekende indicator 'populaton'",
                                     "de lijst staat op /api/v1/indicators")
    assert err.as_dict("nl")["error"] == {
        "code": "indicator_not_found", "message": "Onbekende indicator 'populaton'",
        "hint": "de lijst staat op /api/v1/indicators", "suggestions": ["population"]}
    assert err.as_dict() == err.as_dict("en")  # the API's default is English


def test_an_error_without_words_stays_as_raised() -> None:
    err = StadstrendsError("disk full", "free some space")
    assert err.in_language("nl") == ("disk full", "free some space")
    group = GroupNotFound.worded("unknown_group_for", group="G99", name="Urk",
                                 groups="GK3, PV24")
    assert group.hint == "Urk can be compared within GK3, PV24"
    assert group.in_language("nl")[1] == "Urk kan worden vergeleken binnen GK3, PV24"
