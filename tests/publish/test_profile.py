"""City profiles: the dict, the Dutch text and the `stadstrends profile` command; on the
synthetic warehouse (tests/fixtures/synthetic_warehouse.py). Bergen (NH.): test_end_to_end."""

from __future__ import annotations

import csv
import io
import json
import re

import duckdb
import pytest
from rich.console import Console

from stadstrends.errors import RegionNotFound, WarehouseMissing
from stadstrends.publish.profile import city_profile, render_profile

OPGAVEN = ["wonen", "zorg_welzijn", "verduurzaming", "economie", "bestuur_samenspel"]


@pytest.fixture()
def wh(syn):
    """This module's warehouse: the synthetic one."""
    return syn


def test_profile_of_a_g40_city(wh):
    p = city_profile(wh, "zwolle")
    assert p["region"]["code"] == "GM0193"
    assert (p["group"]["set_id"], p["group"]["is_default"]) == ("G40", True)
    assert p["credit"].startswith("Bron: CBS")
    assert p["retrieved"] == {"first": "2025-04", "last": "2025-04", "copies": 0,  # the
                              "copied_first": None, "copied_last": None}  # synthetic tables
    assert [o["id"] for o in p["opgaven"]] == OPGAVEN
    assert len(p["domains"]) == 8  # projections apart, not counted (the page shows none)
    assert sum(d["n_indicators"] + len(d["projections"]) for d in p["domains"]) == 9
    assert not any(i["projection"] for d in p["domains"] for i in d["indicators"])
    for opgave in p["opgaven"]:
        assert opgave["n_signals"] == opgave["adverse"] + opgave["favourable"] + opgave[
            "neutral"]
        assert opgave["tweedeling"]["verdict"] in (
            "gaps widen", "gaps narrow", "mixed", "too few", "stable", "no divides", "no data")
        # an indicator once, by its strongest signal (test_profile_signals_once.py)
        assert len(opgave["top_signals"]) == min(5, opgave["n_signal_indicators"])
        assert len({s["indicator_id"] for s in opgave["top_signals"]}) == len(
            opgave["top_signals"])
        assert all(s["text_nl"].endswith(".") for s in opgave["top_signals"])
    assert sum(bool(o["top_signals"]) for o in p["opgaven"]) >= 4
    # the other four G40 cities of the synthetic warehouse first, then the rest
    assert [p["peer_set"] for p in p["peers"]][:5] == ["G40"] * 4 + ["all"]
    json.dumps(p)  # plain JSON types only


def test_profile_numbers_match_the_warehouse(wh):
    p = city_profile(wh, "GM0193")
    unemployment = next(i for d in p["domains"] for i in d["indicators"]
                        if i["indicator_id"] == "unemployment_rate")
    latest = wh.execute("""SELECT value, year FROM indicator_values WHERE region_code =
                           'GM0193' AND indicator_id = 'unemployment_rate'
                           ORDER BY year DESC LIMIT 1""").fetchall()[0]
    assert (unemployment["value"], unemployment["year"]) == latest == (3.8, 2024)
    first = p["opgaven"][0]["top_signals"][0]
    row = wh.execute("""SELECT strength, value FROM signals WHERE region_code = 'GM0193'
                        AND opgave_id = 'wonen' AND rank_opgave = 1 AND set_id = 'G40'
                        """).fetchall()[0]
    assert (first["strength"], first["value"]) == row


def test_profile_of_a_small_municipality_is_within_its_size_class(wh):
    p = city_profile(wh, "Kampen")
    assert p["group"]["family"] == "size" and p["group"]["is_default"]
    assert p["group"]["phrase_nl"] == ("de 2 gemeenten met 50.000 tot 100.000 inwoners op 1 "
                                    "januari 2025")  # the synthetic classes of 2025
    assert len(p["opgaven"]) == 5 and p["kies_richting"]["note"] is None
    kies = p["kies_richting"]["urgent_tasks"] + p["kies_richting"]["distinctive_strengths"]
    assert kies == []  # a group of two has no quarter of two: no strengths or tasks
    wide = city_profile(wh, "Kampen", "NL01")  # the synthetic country: enough members
    kies = wide["kies_richting"]["urgent_tasks"] + wide["kies_richting"]["distinctive_strengths"]
    assert kies
    # over fewer than the 11: 'de 10 gemeenten van Nederland die cijfers hebben'; since no
    # value at the median is labelled, the synthetic country keeps only items all 11 have
    # (the fewer-than wording is tested on the snapshot: tests/publish/test_positions.py)
    for k in kies:
        if k["n"] < wide["group"]["n"]:
            assert f"de {k['n']} gemeenten van Nederland die cijfers hebben" in k["text_nl"]
        else:
            assert wide["group"]["phrase_nl"] in k["text_nl"]
    for opgave in p["opgaven"]:  # no '0 ongunstig' when nothing was compared
        if not opgave["n_signals"]:
            assert "0 ongunstig" not in opgave["summary_nl"]
    other = city_profile(wh, "Kampen", "PV23")  # Overijssel
    assert other["group"]["set_id"] == "PV23" and not other["group"]["is_default"]
    assert "de 5 gemeenten van de provincie Overijssel" in other["group"]["phrase_nl"]


def test_profile_domain_counts_add_up_and_say_what_the_rest_is(wh):
    from stadstrends.publish.read import build_info, fresh_from
    from stadstrends.settings import default_settings

    MIN_POINTS = default_settings().min_trend_points
    fresh = fresh_from(build_info(wh)) or 0  # None: a build that records no fresh year

    cities = [r[0] for r in wh.execute(
        "SELECT region_code FROM region_sets WHERE set_id = 'G40'").fetchall()] + ["GM0166"]
    untested = 0
    for code in cities:
        for dom in city_profile(wh, code)["domains"]:
            parts = [dom[f"n_{k}"] for k in ("improving", "worsening", "neutral", "flat",
                                               "steps", "untested", "over_jump", "stale")]
            assert sum(parts) == dom["n_indicators"], (code, dom["domain"], parts)
            # an out-of-date latest figure counts apart, not by its trend
            assert dom["n_stale"] == sum(i["year"] < fresh for i in dom["indicators"])
            # never tested: no trend, or too few figures for a test (indicative)
            assert dom["n_untested"] == sum(i["year"] >= fresh and (
                i["classification"] is None or bool(i["indicative"]))
                for i in dom["indicators"]), (code, dom["domain"])
            if dom["n_indicators"] == 0:  # said plainly, not '0 indicatoren met cijfers: 0 ..'
                assert dom["summary_nl"].startswith("Geen cijfers"), dom["summary_nl"]
                continue
            numbers = [int(n) for n in re.findall(r"(\d+) ", re.sub(  # not '(minder dan 5 ..)'
                r"\(.*?\)", "", dom["summary_nl"]))]
            assert numbers[0] == dom["n_indicators"] and sum(numbers[1:]) == numbers[0], (
                dom["summary_nl"])
            for ind in dom["indicators"] + dom["projections"]:
                if ind["classification"] is None:  # no trend: too few years of figures in
                    # the calendar window, within its latest comparable segment (issue 10)
                    years = wh.execute("""
                        WITH v AS (SELECT v.year, g.segment_start FROM indicator_values v
                                   JOIN series_segments g USING (indicator_id, year)
                                   WHERE v.region_code = ? AND v.indicator_id = ?)
                        SELECT count(*) FROM v, build_info b
                        WHERE v.year > (SELECT max(year) FROM v) - b."window"
                          AND v.segment_start = (SELECT arg_max(segment_start, year) FROM v)
                        """, [code, ind["indicator_id"]]).fetchone()[0]
                    assert years < MIN_POINTS, (code, ind["indicator_id"], years)
                    untested += 1
    assert untested > 0  # the real data have such indicators (e.g. 2 years of figures)


def test_profile_errors(wh):
    with pytest.raises(RegionNotFound) as err:
        city_profile(wh, "Zwole")
    assert "Zwolle" in err.value.suggestions
    with pytest.raises(RegionNotFound) as err:  # report's words: not InvalidParameter's own
        city_profile(wh, "Overijssel")
    assert err.value.key == "region_is_provincie"
    with pytest.raises(WarehouseMissing):
        city_profile(duckdb.connect(), "Zwolle")


def test_text_rendering_is_dutch(wh):
    console = Console(record=True, width=120)
    render_profile(city_profile(wh, "Zwolle"), console)
    text = console.export_text()
    for part in ("Stadsprofiel Zwolle", "Demografie", "Wonen", "Zorg en welzijn",
                 "Tweedeling", "Kies richting", "Bron: CBS", "signalen"):
        assert part in text, part
    # the synthetic tables are all dated by month: '2025-04'
    assert "CBS-cijfers opgehaald in april 2025." in text
    # a projection says so once: 'Prognose grijze druk', not '... (prognose)' as well
    assert "Prognose grijze" in text and "(prognose)" not in text


def test_text_rendering_follows_the_language(wh):
    """--lang en: every heading, summary and sentence from the English file, with the
    indicators' English titles; the JSON keeps its Dutch texts and adds English ones."""
    profile = city_profile(wh, "Zwolle", lang="en")
    console = Console(record=True, width=120)
    render_profile(profile, console, "en")
    text = console.export_text()
    for part in ("City profile Zwolle", "Demography", "Housing",
                 "Divide between municipality and region:", "Choose a direction", "Source: CBS",
                 "signals on", "Unemployment rate"):
        assert part in text, part
    for dutch in ("Stadsprofiel", "signalen", "Tweedeling", "Werkloosheid", " van de G40",
                  "sinds", "ongunstig", "inwoners", "Bron: CBS"):
        assert dutch not in text, dutch
    sig = profile["opgaven"][0]["top_signals"][0]
    assert sig["text_nl"] != sig["text_en"] and sig["text_en"].endswith(
        ("— favourable.", "— adverse.", "— neutral."))
    assert {k for k in profile["domains"][0] if k.startswith("summary")} == {
        "summary_nl", "summary_en"}


def test_cli_profile_json_has_five_opgaven(cli_run, synthetic_path):
    out = cli_run("profile", "Zwolle", "--db", str(synthetic_path), "--format", "json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert [o["id"] for o in data["opgaven"]] == OPGAVEN
    assert data["region"]["name"] == "Zwolle"


def test_cli_profile_csv_and_table(cli_run, synthetic_path):
    out = cli_run("profile", "Zwolle", "--db", str(synthetic_path), "--format", "csv")
    assert out.returncode == 0, out.stderr
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    assert rows and {r["region_code"] for r in rows} == {"GM0193"}
    out = cli_run("profile", "den bosch", "--db", str(synthetic_path))
    assert out.returncode == 0, out.stderr
    assert "Stadsprofiel 's-Hertogenbosch" in out.stdout and "Opgaven" in out.stdout


def test_cli_profile_typo_gives_suggestions_and_no_traceback(cli_run, synthetic_path):
    """In the profile's language (default nl: it said 'Unknown municipality')."""
    out = cli_run("profile", "Zwole", "--db", str(synthetic_path))
    assert out.returncode == 1
    assert out.stderr.splitlines()[:2] == ["Fout: Onbekende gemeente 'Zwole'",
                                           "Bedoelde u: Zwolle?"], out.stderr
    assert "Traceback" not in out.stderr + out.stdout


@pytest.mark.parametrize(("retrieved", "lang", "said"), [
    ({"first": "2022-09-23", "last": "2026-07-17"}, "nl",
     "CBS-cijfers opgehaald tussen 23 september 2022 en 17 juli 2026 (de datum per tabel"),
    ({"first": "2025-04", "last": "2026-07-17"}, "en",
     "CBS figures retrieved between April 2025 and 17 July 2026 (the report's"),
    ({"first": "2026-07-17", "last": "2026-07-17"}, "nl", "CBS-cijfers opgehaald op 17 juli 2026."),
    ({"first": None, "last": None}, "nl", "CBS-cijfers opgehaald op een onbekende datum."),
])
def test_the_retrieval_dates_are_a_range_not_the_last_day(wh, retrieved, lang, said):
    """The tables were read on different days (the snapshot: 2022-09-23 to 2026-07-17): the
    profile said 'opgehaald op 17 juli 2026', the last day, for all of them."""
    console = Console(record=True, width=300)
    render_profile({**city_profile(wh, "Zwolle", lang=lang), "retrieved": retrieved},
                   console, lang)
    assert said in console.export_text()
