"""A tweedeling row whose ommeland lacks a figure because this snapshot's copy of a CBS table
is cut before a member says so (real snapshot): Breda's ommeland has no share of over-75s for
2017 since 60039fvw stops at Zevenaar, before Zundert; it said 'omdat Zundert er geen heeft'.
Zevenaar itself, in whose 2010 rows the copy stops (``table_cut_within``), was 'er geen heeft'
in 15 ommelanden (Arnhem's, Nijmegen's, ...)."""

from __future__ import annotations

import re

import pytest

from stadstrends.publish.gap_missing import missing_trends, no_trend_reason


def _names(wh) -> dict[str, str]:
    return dict(wh.execute("SELECT region_code, name FROM current_municipalities").fetchall())


def test_breda_says_the_copy_is_cut_before_zundert(wh) -> None:
    reason = missing_trends(wh, "GM0758", ["share_age_75_plus"])["share_age_75_plus"]
    assert reason["lacking"] == {"GM0879": [2017]}
    names = _names(wh)
    nl = no_trend_reason(reason, "nl", "Breda", names.get)
    assert nl.endswith("het ommeland heeft geen cijfer voor 2017: het deel van CBS-tabel "
                       "60039fvw dat Stadstrends heeft, stopt na Zevenaar en mist daardoor "
                       "Zundert, zodat het totaal van de regio niet te vormen is"), nl
    assert "er geen heeft" not in nl
    en = no_trend_reason(reason, "en", "Breda", names.get)
    assert en.endswith("the surrounding region has no figure for 2017: the Stadstrends copy "
                       "of CBS table 60039fvw stops after Zevenaar and so lacks Zundert, so "
                       "the regional total cannot be formed"), en


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_arnhem_says_the_copy_stops_inside_zevenaar(wh, lang) -> None:
    got = wh.execute("SELECT DISTINCT reason, reason_detail FROM indicator_gaps WHERE "
                     "region_code = 'GM0299' AND indicator_id = 'share_age_75_plus' AND "
                     "year = 2017").fetchall()
    assert got == [("table_cut_within", "60039fvw")]
    reason = missing_trends(wh, "GM0202", ["share_age_75_plus"])["share_age_75_plus"]
    assert reason["lacking"] == {"GM0299": [2017]}
    assert reason["lacking_cut"] == {"GM0299": ["60039fvw", "Zevenaar", True]}
    text = no_trend_reason(reason, lang, "Arnhem", _names(wh).get)
    assert text.endswith({
        "nl": "het ommeland heeft geen cijfer voor 2017: het deel van CBS-tabel "
              "60039fvw dat Stadstrends heeft, stopt midden in de cijfers van Zevenaar, zodat het "
              "totaal van de regio niet te vormen is",
        "en": "the surrounding region has no figure for 2017: the Stadstrends copy of CBS "
              "table 60039fvw stops in the middle of the figures of Zevenaar, so the "
              "regional total cannot be formed"}[lang]), text
    assert "er geen heeft" not in text and "has none" not in text


def test_no_member_a_cut_copy_left_out_is_said_to_have_none(wh) -> None:
    """Across the country: a member whose every lacking year is a cut of one table
    (``indicator_gaps`` table_cut / predecessor_cut / table_cut_within) is named with the
    cut, never in the 'er geen heeft' clause; a member with another reason stays there."""
    names = _names(wh)
    rows = wh.execute("SELECT region_code, list(indicator_id) FROM untested_gaps "
                      "WHERE len(lacking) > 0 GROUP BY 1").fetchall()
    cut_rows = plain = 0
    for code, ids in rows:
        for ind, reason in missing_trends(wh, code, ids).items():
            text = no_trend_reason(reason, "nl", names[code], names.get)
            for member, years in reason["lacking"].items():
                why = {r for r in wh.execute(
                    "SELECT reason, split_part(reason_detail, ':', 1) FROM indicator_gaps "
                    "WHERE region_code = ? AND indicator_id = ? AND list_contains(?, year)",
                    [member, ind, years]).fetchall()}
                got = wh.execute("SELECT count(*) FROM indicator_gaps WHERE region_code = ? "
                                 "AND indicator_id = ? AND list_contains(?, year)",
                                 [member, ind, years]).fetchone()[0]
                is_cut = (got == len(years) and len({t for _, t in why}) == 1
                          and ({r for r, _ in why} <= {"table_cut", "predecessor_cut"}
                               or {r for r, _ in why} == {"table_cut_within"}))
                assert (member in reason["lacking_cut"]) == is_cut, (code, ind, member, why)
                if is_cut:
                    cut_rows += 1
                    none = re.search(r"omdat (.+?) er geen (?:heeft|hebben)", text)
                    assert ("mist daardoor" in text or "midden in de cijfers" in text) and not (
                        none and names[member] in none.group(1)), text
                else:
                    plain += 1
    assert cut_rows >= 50 and plain >= 10, (cut_rows, plain)
