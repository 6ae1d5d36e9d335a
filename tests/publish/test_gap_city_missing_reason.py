"""A gap without a trend names why the city itself lacks a year, as 'Wat ontbreekt' does:
Zevenaar's over-75s said 'Zevenaar heeft geen cijfer voor 2017.' with no reason, while the
same report's missing-figures list gave the cut copy of 60039fvw (stored table_cut_within);
Zwolle's Wmo clients 'Zwolle heeft geen cijfer voor 2019' (stored missing_in_source). The
words come from the city's own stored reason (``indicator_results.reason``), year by year."""

from __future__ import annotations

import duckdb
import pytest

from stadstrends.publish.gap_missing import missing_trends, no_trend_reason
from stadstrends.publish.report.texts import reason as reason_words


@pytest.mark.parametrize(("code", "name", "indicator"), [
    ("GM0299", "Zevenaar", "share_age_75_plus"), ("GM0193", "Zwolle", "share_age_75_plus"),
    ("GM0193", "Zwolle", "wmo_clients_per_1000")])
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_citys_missing_years_say_their_stored_reason(warehouse_path, code, name,
                                                         indicator, lang) -> None:
    with duckdb.connect(str(warehouse_path), read_only=True) as con:
        why = missing_trends(con, code, [indicator])[indicator]
        assert why["city_missing"], why  # the gap lacks a year for the city alone
        stored = {int(y): (r, d) for y, r, d in con.execute(
            "SELECT year, reason, reason_detail FROM indicator_results WHERE region_code = ? "
            "AND indicator_id = ? AND value IS NULL", [code, indicator]).fetchall()}
    said = no_trend_reason(why, lang, name)
    for row in why["city_missing_why"]:
        assert {stored[y] for y in row["years"]} == {(row["reason"], row["reason_detail"])}
        words = reason_words({**row, "source": ""}, lang)
        assert words and f"({words})" in said, (said, words)
    if code == "GM0299":  # the cut copy, not the source, as 'Wat ontbreekt' says
        assert stored[2017][0] == "table_cut_within"
        assert ("het deel van CBS-tabel 60039fvw dat Stadstrends heeft" if lang == "nl"
                else "the Stadstrends copy of CBS table 60039fvw") in said, said
