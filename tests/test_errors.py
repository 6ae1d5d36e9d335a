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


def test_every_error_survives_the_trip_from_a_reading_process_whole():
    """The build reads tables in worker processes: an error raised there must arrive with
    its type, message, hint, suggestions and words key, not as a bare message."""
    import pickle

    import stadstrends.errors as errors

    kinds = [c for c in vars(errors).values()
             if isinstance(c, type) and issubclass(c, errors.StadstrendsError)]
    assert len(kinds) > 5
    for kind in kinds:
        error = kind("the message", "the hint", suggestions=["Zwolle"], details={"n": 1})
        back = pickle.loads(pickle.dumps(error))
        assert type(back) is kind
        assert (str(back), back.hint, back.suggestions, back.details, back.status) == (
            "the message", "the hint", ["Zwolle"], {"n": 1}, kind.status)
    worded = pickle.loads(pickle.dumps(
        errors.GroupNotFound.worded("unknown_group", group="XX1", examples="G4")))
    assert worded.key == "unknown_group" and worded.params == {"group": "XX1", "examples": "G4"}
    assert worded.in_language("nl") != worded.in_language("en")


def test_echoed_input_is_one_printable_line_and_a_message_keeps_its_lines() -> None:
    """What a user typed is repeated as escapes a reader can type back, cut at 60 characters;
    a message's own line breaks (a data check's rows, printed by the CLI) stay line breaks."""
    from stadstrends.errors import ECHO_MAX, echo, error_words, printable

    assert echo("ab\x00cd\x1b[31m\u202e\n") == "ab\\x00cd\\x1b[31m\\u202e\\x0a"
    assert echo("q" * 90) == "q" * (ECHO_MAX - 1) + "…" and echo("q" * ECHO_MAX) == "q" * 60
    assert printable("rows:\n\tGM0193\x07") == "rows:\n\tGM0193\\x07"
    message, hint = error_words("unknown_region", "nl", {"query": "x\x00" + "y" * 80,
                                                         "search": "x\x00y"})
    assert message == "Onbekende gemeente 'x\\x00" + "y" * 54 + "…'", message
    assert "\x00" not in hint
