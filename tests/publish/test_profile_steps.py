"""A trend not tested for its few distinct (rounded) values is said 'niet getoetst' in the
city profile as in the report (:func:`~stadstrends.publish.sentence_verdicts.steps_only`):
its Kies richting sentence, the API's fields and the domain counts, and the CLI's profile.
Oss's households in the lowest 10% of incomes, 6, 6, 6, 6, 6, 7, 7, 7% (2016-2023), two
distinct values: the profile said 'geen significante trend sinds 2016 (+1 procentpunt)',
gave p = 0.037 and counted it '2 zonder significante trend'. Real snapshot."""

from __future__ import annotations

import os
import subprocess
import sys

import duckdb
import pytest

from stadstrends.publish.profile import city_profile
from stadstrends.publish.profile_parts import domain_part
from stadstrends.settings import default_settings

OSS, LOW_INCOMES = "GM0828", "low_income_households_share"
STEPS_NL = ("niet getoetst: afgerond op hele procenten heeft de reeks sinds 2016 maar 2 "
            "verschillende waarden (+1 procentpunt)")


@pytest.fixture(scope="module")
def oss(warehouse_path) -> dict:
    with duckdb.connect(str(warehouse_path), read_only=True) as con:
        distinct = con.execute("SELECT n_distinct FROM trends WHERE region_code = ? AND "
                               "indicator_id = ?", [OSS, LOW_INCOMES]).fetchone()[0]
        assert distinct == 2 < default_settings().min_distinct_values  # the case itself
        return city_profile(con, OSS, lang="en")


def _kies_rows(profile: dict) -> list[dict]:
    kies = profile["kies_richting"]
    return [r for key in ("distinctive_strengths", "urgent_tasks") for r in kies[key]
            if r["indicator_id"] == LOW_INCOMES]


def test_the_kies_sentence_says_not_tested_as_the_report(oss):
    rows = _kies_rows(oss)
    assert rows
    for row in rows:
        assert STEPS_NL in row["text_nl"], row["text_nl"]
        assert "significant" not in row["text_nl"]
        en = "not tested: rounded to whole per cent, the series takes only 2 different values"
        assert en in row["text_en"], row["text_en"]
        assert (row["tested"], row["untested_reason"], row["p_value"]) == (
            False, "few_distinct_values", None)
        assert row["trend"] == "not tested"  # as stored (before schema 53: 'no significant
        # change' beside tested false)


def test_the_domain_counts_it_apart_and_leaves_its_p_value_out(oss):
    social = next(d for d in oss["domains"]
                  if any(i["indicator_id"] == LOW_INCOMES for i in d["indicators"]))
    row = next(i for i in social["indicators"] if i["indicator_id"] == LOW_INCOMES)
    assert row["classification"] == "not tested"
    assert (row["tested"], row["untested_reason"], row["p_value"]) == (
        False, "few_distinct_values", None)
    steps = [i["indicator_id"] for i in social["indicators"]
             if i["untested_reason"] == "few_distinct_values" and i["year"] >= i["fresh_from"]]
    assert LOW_INCOMES in steps and social["n_steps"] == len(steps)
    assert f"{len(steps)} niet getoetst (door de afronding" in social["summary_nl"]
    # ``counted`` quotes the tiles' words in the language asked (h50h: 'niet getoetst' and
    # 'verouderd' in English); the Dutch profile's the Dutch words
    assert "n_steps" in social["counted"] and "('not tested')" in social["counted"]
    assert "('out of date')" in social["counted"]
    assert not {"niet getoetst", "verouderd"} & set(social["counted"].split("'"))
    assert sum(social[f"n_{k}"] for k in ("improving", "worsening", "neutral", "flat",
                                          "steps", "untested", "over_jump", "stale")) \
        == social["n_indicators"]
    tested = [i for d in oss["domains"] for i in d["indicators"] if i["tested"]]
    assert tested and all(i["p_value"] is not None for i in tested)


def test_the_cli_profile_says_not_tested(warehouse_path):
    """Its Kies line; and its table's trend column says what the report's panels say of a
    series not tested, never 'geen trend' (Oss's share of 65-plussers, 4 figures)."""
    env = {**os.environ, "COLUMNS": "250"}  # the table's cells unbroken
    out = subprocess.run([sys.executable, "-m", "stadstrends.cli", "profile", "Oss", "--db",
                          str(warehouse_path)], capture_output=True, text=True, timeout=120,
                         env=env)
    assert out.returncode == 0, out.stderr
    text = " ".join(out.stdout.split())
    assert STEPS_NL in text, text
    assert "geen significante trend sinds 2016 (+1 procentpunt)" not in text
    assert "│ trend 2017–2024: te weinig jaren │" in text, text
    assert "│ te weinig recente, vergelijkbare jaren │" in text  # social assistance
    assert "geen trend" not in text


def test_the_dutch_profile_quotes_the_dutch_words(warehouse_path) -> None:
    with duckdb.connect(str(warehouse_path), read_only=True) as con:
        counted = domain_part(con, OSS, "G40")[0]["counted"]
    assert "('niet getoetst')" in counted and "('verouderd')" in counted
