"""A year before a municipality existed is not a year CBS left it out (real warehouse,
:data:`stadstrends.indicators.survey_gaps.FORMED_SQL`): Land van Cuijk and Dijk en Waard
(both 2022) said 'CBS publiceert tabel 81877NED niet voor alle gemeenten, en in geen enkel
jaar voor deze gemeente' for 2012-2019, years they did not exist; none of the municipalities
they were formed from is in the table. Their reason is ``predecessors_never_in_table`` with
the predecessors, named in the words (609 rows of 24 municipalities were ``never_in_table``)."""

from __future__ import annotations

import pytest

from stadstrends.publish.queries import gap_context
from stadstrends.publish.report.gap_words import gap_reason

#: Land van Cuijk (2022): Boxmeer, Grave, Mill en Sint Hubert, Cuijk, Sint Anthonis;
#: Dijk en Waard (2022): Heerhugowaard, Langedijk
FORMED = {"GM1982": 2022, "GM1980": 2022}


def _predecessors(wh, code: str, year: int) -> list[str]:
    return [r[0] for r in wh.execute(
        "SELECT DISTINCT source_code FROM crosswalk WHERE target_code = ? AND boundary_year = ?"
        " AND weight >= 0.5 AND source_code <> target_code ORDER BY 1", [code, year]).fetchall()]


@pytest.mark.parametrize("code", sorted(FORMED))
def test_the_years_before_a_merger_name_its_predecessors(wh, code: str) -> None:
    assert wh.execute("SELECT year(valid_from) FROM regions WHERE region_code = ? AND "
                      "valid_to IS NULL", [code]).fetchone()[0] == FORMED[code]
    rows = wh.execute("""
        SELECT year, reason, reason_detail FROM indicator_results
        WHERE indicator_id = 'feels_unsafe_share' AND region_code = ? AND year < 2020
        ORDER BY year""", [code]).fetchall()
    codes = _predecessors(wh, code, 2019)
    assert len(codes) >= 2
    assert rows == [(y, "predecessors_never_in_table", "81877NED:" + ",".join(codes))
                    for y in range(2012, 2020)], rows
    # the claim: 81877NED holds none of them (nor the municipality) in any year
    assert wh.execute("SELECT count(*) FROM raw_observations WHERE lower(table_id) = "
                      "'81877ned' AND list_contains(?, region_code)",
                      [[*codes, code]]).fetchone()[0] == 0


def test_no_year_before_a_merger_says_the_table_left_the_municipality_out(wh) -> None:
    """Every ``never_in_table`` row of a current municipality lies in a year it existed, or
    one without known predecessors; every ``predecessors_never_in_table`` row before it."""
    left = wh.execute("""
        SELECT count(*) FROM indicator_results r
        JOIN regions m ON m.region_code = r.region_code AND m.level = 'gemeente'
                      AND m.valid_to IS NULL
        WHERE r.reason = 'never_in_table' AND r.year < year(m.valid_from)
          AND EXISTS (SELECT 1 FROM crosswalk w WHERE w.target_code = r.region_code
                        AND w.boundary_year = r.year AND w.weight >= 0.5
                        AND w.source_code <> w.target_code)""").fetchone()[0]
    assert left == 0  # 609 before
    n, later = wh.execute("""
        SELECT count(*), count(*) FILTER (WHERE r.year >= year(m.valid_from))
        FROM indicator_results r JOIN regions m ON m.region_code = r.region_code
         AND m.valid_to IS NULL WHERE r.reason = 'predecessors_never_in_table'""").fetchone()
    assert n > 500 and later == 0, (n, later)


@pytest.mark.parametrize(("lang", "said"), [
    ("nl", "de gemeente bestond toen nog niet; CBS publiceert tabel 81877NED niet voor alle "
           "gemeenten, en in geen enkel jaar voor Boxmeer, Grave, Mill en Sint Hubert, Cuijk "
           "en Sint Anthonis, waaruit de gemeente is ontstaan"),  # wholly: no 'deels' (h50g)
    ("en", "the municipality did not exist yet; CBS publishes table 81877NED for some "
           "municipalities only, and in no year for Boxmeer, Grave, Mill en Sint Hubert, Cuijk "
           "and Sint Anthonis, which the municipality was formed from")])
def test_the_words_name_the_predecessors(wh, lang: str, said: str) -> None:
    gaps = [dict(zip(("reason", "reason_detail"), r, strict=True)) for r in wh.execute(
        "SELECT DISTINCT reason, reason_detail FROM indicator_gaps WHERE region_code = "
        "'GM1982' AND indicator_id = 'feels_unsafe_share' AND year < 2020").fetchall()]
    assert len(gaps) == 1
    assert gap_reason(gap_context(wh, "GM1982", gaps), gaps[0], lang) == said
