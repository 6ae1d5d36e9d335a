"""Counted words of the report: '1 gemeente', '41 gemeenten' (plural categories by Babel)."""

from __future__ import annotations

import pytest

from stadstrends.publish.report.texts import municipalities, t


@pytest.mark.parametrize(("n", "lang", "words"), [
    (1, "nl", "1 gemeente"), (41, "nl", "41 gemeenten"), (0, "nl", "0 gemeenten"),
    (1, "en", "1 municipality"), (2, "en", "2 municipalities"),
])
def test_municipalities_agree_with_their_number(n, lang, words):
    assert municipalities(n, lang) == words


def test_the_method_note_and_map_text_of_a_group_of_one():
    one = municipalities(1, "nl")
    note = t("nl", "acc_intro", ref=2025, window=8, min_n=6, jump="5", alpha="0,05", fresh=2020,
             group="de enige gemeente van COROP-gebied Delfzijl en omgeving", set_id="CR02",
             n=1, n_municipalities=one)
    assert "(CR02, 1 gemeente);" in note and "1 gemeenten" not in note
    alt = t("en", "map_alt", city="Eemsdelta", corop="Delfzijl en omgeving", n=1,
            n_municipalities=municipalities(1, "en"))
    assert "with 1 municipality;" in alt
