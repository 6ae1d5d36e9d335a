"""Counted words of the report: '1 gemeente', '41 gemeenten' (plural categories by Babel)."""

from __future__ import annotations

import pytest

from stadstrends.publish.report.texts import municipalities, t
from tests.publish.loaded import kept_city


@pytest.mark.parametrize(("n", "lang", "words"), [
    (1, "nl", "1 gemeente"), (41, "nl", "41 gemeenten"), (0, "nl", "0 gemeenten"),
    (1, "en", "1 municipality"), (2, "en", "2 municipalities"),
])
def test_municipalities_agree_with_their_number(n, lang, words):
    assert municipalities(n, lang) == words


def test_the_method_note_and_map_text_of_a_group_of_one(wh):
    """The method names a group of one as its phrase does, without the group's code or a
    '1 gemeenten'; the map text counts one municipality."""
    from stadstrends.publish.report import sections

    data = kept_city(wh, "Eemsdelta", "CR02")
    note = sections.accountability(data, "nl")["intro"]
    assert "de enige gemeente van" in note and "CR02" not in note, note
    assert "1 gemeenten" not in note and "(1 gemeente)" not in note, note
    alt = t("en", "map_alt", city="Eemsdelta", corop="Delfzijl en omgeving", n=1,
            n_municipalities=municipalities(1, "en"))
    assert "with 1 municipality;" in alt
