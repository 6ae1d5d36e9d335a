"""A tweedeling row whose ommeland lacks a figure because this snapshot's copy of a CBS table
is cut before a member says so (real snapshot): Breda's ommeland had no share of over-75s for
2017 since 60039fvw stops at Zevenaar, before Zundert; it said 'omdat Zundert er geen heeft'
(since session 45 that ommeland is CBS's COROP figure minus Breda's).
Zevenaar itself, in whose 2010 rows the copy stops (``table_cut_within``), was 'er geen heeft'
in 15 ommelanden (Arnhem's, Nijmegen's, ...)."""

from __future__ import annotations

import re

from stadstrends.publish.gap_missing import missing_trends, no_trend_reason


def _names(wh) -> dict[str, str]:
    return dict(wh.execute("SELECT region_code, name FROM current_municipalities").fetchall())


def test_edam_volendam_says_the_copy_is_cut_before_amsterdam(wh) -> None:
    """Session 45: Breda's ommeland of 2017 (60039fvw cut before Zundert) is now CBS's
    COROP figure minus Breda's (``analysis/ommeland_cbs.py``), so the case is Edam-Volendam's
    one-person households: 71486ned stops after Moerdijk, and Groot-Amsterdam's CBS figure
    before 2023 is of another area (Weesp), so its ommeland has none for 2017-2022."""
    reason = missing_trends(wh, "GM0385", ["one_person_household_share"])[
        "one_person_household_share"]
    assert set(reason["lacking"]) >= {"GM0363", "GM0439"}
    assert reason["lacking"]["GM0363"] == [2017, 2018, 2019, 2020, 2021, 2022]
    names = _names(wh)
    nl = no_trend_reason(reason, "nl", "Edam-Volendam", names.get)
    assert nl.endswith("het ommeland heeft geen cijfer voor 2017–2022: het deel van CBS-tabel "
                       "71486ned dat Stadstrends heeft, stopt na Moerdijk en mist daardoor "
                       "Amsterdam, Oostzaan, Ouder-Amstel en nog 3 andere gemeenten, zodat het "
                       "totaal van de regio niet te vormen is"), nl
    assert "er geen heeft" not in nl
    en = no_trend_reason(reason, "en", "Edam-Volendam", names.get)
    assert en.endswith("the surrounding region has no figure for 2017–2022: the Stadstrends "
                       "copy of CBS table 71486ned stops after Moerdijk and so lacks Amsterdam, "
                       "Oostzaan, Ouder-Amstel and 3 other municipalities, so the regional "
                       "total cannot be formed"), en


def test_arnhem_s_ommeland_is_cbs_s_where_the_copy_stops_inside_zevenaar(wh) -> None:
    """Zevenaar's over-75s of 2017: the copy stops in the middle of its rows
    (``table_cut_within``); Arnhem's ommeland of that year is no longer missing but CBS's
    COROP figure minus Arnhem's (session 45), so no reason names the cut."""
    got = wh.execute("SELECT DISTINCT reason, reason_detail FROM indicator_gaps WHERE "
                     "region_code = 'GM0299' AND indicator_id = 'share_age_75_plus' AND "
                     "year = 2017").fetchall()
    assert got == [("table_cut_within", "60039fvw")]
    value = wh.execute("SELECT ommeland_value FROM ommeland WHERE region_code = 'GM0202' "
                       "AND indicator_id = 'share_age_75_plus' AND year = 2017").fetchone()[0]
    assert value is not None
    assert "share_age_75_plus" not in missing_trends(wh, "GM0202", ["share_age_75_plus"])


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
