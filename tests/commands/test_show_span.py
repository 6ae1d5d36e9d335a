"""`stadstrends show` accounts for every year between a series' first and last: each year
is printed or named in the 'Niet getoond' note with its true reason (Zwolle's share of
over-65s printed 1999-2009, 2019, 2023-2024 and named only 2010-2017; 2018 and 2020-2022
went unexplained)."""

from __future__ import annotations

import csv
import io
import re

import pytest

#: a clause of the note: its years before the reason in brackets
YEARS = re.compile(r"(?:: |\); )((?:\d{4}(?:[-–]\d{4})?(?:, )?)+) \(")


def _show(cli_run, db, region: str, indicator: str, lang: str = "nl"
          ) -> tuple[list[int], str]:
    """`show REGION INDICATOR --format csv` in this process (``cli_run``, tests/conftest.py):
    the years printed and the note (stderr) on one line."""
    out = cli_run("show", region, indicator, "--db", str(db), "--format", "csv", "--lang", lang)
    assert out.returncode == 0, out.stderr
    return [int(r["year"]) for r in csv.DictReader(io.StringIO(out.stdout))], " ".join(
        out.stderr.split())


def _noted(note: str) -> list[int]:
    years = []
    for clause in YEARS.findall(note):
        for run in clause.split(", "):
            first, _, last = run.replace("–", "-").partition("-")
            years += range(int(first), int(last or first) + 1)
    return years


@pytest.mark.parametrize(("region", "indicator"), [
    ("Zwolle", "share_65plus"), ("GM1641", "house_price_mean"),
    ("Ameland", "social_housing_share"), ("Assen", "share_age_15_24"),
    ("Groningen", "share_age_15_24"), ("CR17", "share_65plus")])
def test_printed_and_noted_years_cover_the_span(cli_run, warehouse_path, region, indicator):
    shown, note = _show(cli_run, warehouse_path, region, indicator)
    noted = _noted(note)
    assert not set(shown) & set(noted), note
    every = sorted(shown + noted)
    assert every == list(range(every[0], every[-1] + 1)), (shown, note)


def test_the_empty_age_years_of_60039fvw_say_why(cli_run, wh, warehouse_path):
    """60039fvw has rows for 2018-2022 without any age figure: Amersfoort's share of
    over-65s in 2018 and 2020-2022 is 'waarde ontbreekt in de bron', as its over-85s; it said
    'geen bron voor deze jaren' (the catalogue read 60039fvw up to 2017 only). Zwolle, after
    the copy's cut at Zevenaar, says the cut for those years as for 2010-2017."""
    sourced = {r[0] for r in wh.execute("SELECT year FROM indicator_sources WHERE "
                                        "indicator_id = 'share_age_65_plus'").fetchall()}
    assert {2018, 2020, 2021, 2022} <= sourced
    _, note = _show(cli_run, warehouse_path, "Amersfoort", "share_65plus")
    assert note == "Niet getoond: 2018, 2020–2022 (waarde ontbreekt in de bron).", note
    _, note = _show(cli_run, warehouse_path, "Amersfoort", "share_age_75_plus", "en")
    assert note == "Not shown: 2018–2022 (value missing in the source).", note
    _, note = _show(cli_run, warehouse_path, "Zwolle", "share_65plus")
    assert note == ("Niet getoond: 2010–2018, 2020–2022 (Stadstrends heeft CBS-tabel "
                    "60039fvw niet compleet: de tabel houdt op bij Zevenaar; de gemeenten "
                    "die in het alfabet daarna komen, ontbreken, omdat het CBS bij één keer "
                    "ophalen hoogstens 10.000 rijen van een tabel levert)."), note


@pytest.mark.parametrize(("lang", "words"), [
    ("nl", "CBS meet dit niet elk jaar; tabel 70262ned heeft wel cijfers voor eerdere en "
           "latere jaren"),
    ("en", "CBS does not measure this every year; table 70262ned has figures for earlier and "
           "later years")])
def test_land_use_between_survey_years_says_cbs_did_not_survey_them(cli_run, warehouse_path,
                                                                    lang, words):
    """Land use (70262ned) is surveyed in 1996, 2000, 2003, 2006, 2008, 2010, 2012, 2015 and
    2017: the years between were 'geen bron' (no source); CBS did not measure them."""
    shown, note = _show(cli_run, warehouse_path, "Utrecht", "land_use_residential_share", lang)
    assert shown == [1996, 2000, 2003, 2006, 2008, 2010, 2012, 2015, 2017]
    assert ("1997–1999, 2001–2002, 2004–2005, 2007, 2009, 2011, 2013–2014, 2016 "
            f"({words})") in note, note
    assert "geen bron" not in note and "no source" not in note, note


def test_every_missing_year_inside_a_series_has_a_recorded_reason(wh):
    """Inside a municipality's series (first to last year with a figure) every year the
    catalogue reads has a figure or a row with its reason, so `show` never has to say
    'geen cijfer, en het warehouse legt geen reden vast' there. (Maasgouw's house prices
    2007-2014 were such years: the cut v3 copy of 83625NED, now ``table_cut``.)"""
    n = wh.execute("""
        WITH span AS (SELECT indicator_id, region_code, min(year) AS lo, max(year) AS hi
                      FROM indicator_results WHERE value IS NOT NULL GROUP BY ALL),
        years AS (SELECT indicator_id, region_code, unnest(generate_series(lo, hi)) AS year
                  FROM span)
        SELECT count(*) FROM years y
        JOIN regions g ON g.region_code = y.region_code AND g.valid_to IS NULL
         AND g.level = 'gemeente'
        JOIN (SELECT DISTINCT indicator_id, year FROM indicator_sources) s
          ON s.indicator_id = y.indicator_id AND s.year = y.year
        ANTI JOIN indicator_results r ON r.indicator_id = y.indicator_id
         AND r.region_code = y.region_code AND r.year = y.year""").fetchone()[0]
    assert n == 0
    maasgouw = wh.execute("SELECT DISTINCT reason FROM indicator_results WHERE indicator_id = "
                          "'house_price_mean' AND region_code = 'GM1641' AND year BETWEEN "
                          "2007 AND 2014").fetchall()
    assert maasgouw == [("table_cut",)]