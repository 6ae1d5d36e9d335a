"""``stadstrends profile`` says a significant trend rests on small counts, as the report's
sentence and the city page's tile do (:func:`~stadstrends.publish.sentence_verdicts.
small_counts`): Vlieland's deaths printed a bare '↓ −14,5 sinds 2016' on 12 deaths a year
(24 in 2016, 8-13 after), where the tile says 'op kleine aantallen ... toeval speelt sterk
mee'; likewise after every tested trend's verdict ('dalend, niet zeker (op kleine
aantallen: gemiddeld 8 per jaar)'), as the report. Real snapshot."""

from __future__ import annotations

from stadstrends.publish import profile_text
from stadstrends.publish.profile import city_profile
from stadstrends.publish.read import build_info, build_settings, fresh_from


def _rows(wh, code: str) -> dict[str, dict]:
    return {i["indicator_id"]: i for d in city_profile(wh, code)["domains"]
            for i in d["indicators"]}


def test_vlieland_deaths_say_small_counts(wh) -> None:
    deaths = _rows(wh, "GM0096")["deaths_per_1000"]
    assert deaths["classification"] == "falling" and deaths["first_year"] == 2016
    cell = profile_text._trend_cell(deaths, "nl")
    # 2016 lies far off the trend's line: its slope, not the ends' −14,2 (trend_line.py)
    # (the caveat beside the line's words, the years off the line last: one phrase)
    assert cell == ("↓ −1,1 per jaar langs de trendlijn sinds 2016 (op kleine aantallen: "
                    "gemiddeld 12 per jaar); 2016 ligt ver boven die lijn"), cell
    assert " (on small counts: 12 a year on average); " in profile_text._trend_cell(
        deaths, "en")


def test_caveat_exactly_where_the_counts_are_small(wh) -> None:
    small, fresh = build_settings(wh).small_count, fresh_from(build_info(wh))
    mean = {(r[0], r[1]): r[2] for r in wh.execute(
        "SELECT region_code, indicator_id, mean_count FROM trend_counts").fetchall()}
    smalls = [r[0] for r in wh.execute(  # municipalities with a tested trend on few
        """SELECT DISTINCT t.region_code FROM trends t JOIN trend_counts c
           USING (region_code, indicator_id) WHERE t.region_code LIKE 'GM%'
           AND t.classification IS NOT NULL AND c.mean_count < ?
           ORDER BY 1""", [small]).fetchall()]
    assert len(smalls) > 100
    seen = {True: 0, False: 0}
    for code in [*smalls[::25], "GM0363", "GM0193"]:
        for ind, row in _rows(wh, code).items():
            cell = profile_text._trend_cell(row, "nl")
            if not row.get("tested") or row.get("trend_after_jump") or row["year"] < fresh:
                continue  # no trend of its own series shown
            m = mean.get((code, ind))
            expect = m is not None and m < small
            said = "op een klein saldo" if row.get("signed") else "op kleine aantallen"
            assert (said in cell) == expect, (code, ind, m, cell)
            seen[expect] += 1
    assert seen[True] >= 10 and seen[False] >= 50, seen


def test_rozendaal_net_international_migration_says_small_counts(wh) -> None:
    """A balance on a small net (since schema 63): Rozendaal's net international migration
    rose from 2 people in 2016 to 51 in 2023, 12 a year on average in size. The note says
    it is a net's size, up or down, not 12 people ('op kleine aantallen: gemiddeld 12 per
    jaar' until session 54)."""
    row = _rows(wh, "GM0277")["net_international_migration_per_1000"]
    assert row["classification"] == "rising" and row["small_counts"] and row["signed"]
    assert profile_text._trend_cell(row, "nl").endswith(
        " (op een klein saldo: gemiddeld 12 per jaar erbij of eraf)")
    assert profile_text._trend_cell(row, "en").endswith(
        " (on a small net balance: 12 a year on average, up or down)")


def test_a_mean_just_under_the_limit_is_not_printed_as_the_limit(wh) -> None:
    """Heemskerk's and Heerde's net international migration average 29,625 a year, under
    the limit of 30: the profile printed 'gemiddeld 30 per jaar', where the report and the
    tile say 29,6 (:func:`~stadstrends.publish.format.fmt_under`)."""
    small = build_settings(wh).small_count
    for code in ("GM0396", "GM0246"):
        row = _rows(wh, code)["net_international_migration_per_1000"]
        assert small - 0.5 <= row["mean_count"] < small and row["small_count"] == small
        cell = profile_text._trend_cell(row, "nl")
        assert cell.endswith(" (op een klein saldo: gemiddeld 29,6 per jaar erbij of eraf)"), cell
        row = {i["indicator_id"]: i for d in city_profile(wh, code, lang="en")["domains"]
               for i in d["indicators"]}["net_international_migration_per_1000"]
        assert profile_text._trend_cell(row, "en").endswith(
            " (on a small net balance: 29.6 a year on average, up or down)")
    # a mean not near the limit stays whole, as the report's: Vlieland's deaths, 12
    deaths = _rows(wh, "GM0096")["deaths_per_1000"]
    assert "(op kleine aantallen: gemiddeld 12 per jaar)" in profile_text._trend_cell(deaths, "nl")
