"""A figure's ``source_measures`` are the measures of its ``source_tables``, by one rule per
figure (view ``indicator_values``, schema 56), in the warehouse and the downloads (real
snapshot). Before, the measures were the indicator-year's whatever the figure: Voorne aan
Zee's jobs per 1 000 inhabitants of 2023 named tables 37259eng and 83582NED but only the
jobs' measure; its Wmo clients per 1 000, CBS's own rate kept as published, named table
86050NED alone but the population's measure (the weights) beside it."""

from __future__ import annotations

import io

import pandas as pd

VOORNE = "GM1992"

#: every measure of a figure is one of its tables', every table has one of its measures (a
#: catalogue sum 'k_75Tot85Jaar_5 + k_85JaarOfOuder_6' read as its two measures)
MISMATCHES_SQL = """
WITH pairs AS (SELECT DISTINCT table_id, measure FROM raw_observations),
cells AS (SELECT indicator_id, string_split(source_tables, ', ') AS tabs,
                 string_split(replace(source_measures, ' + ', ', '), ', ') AS meas
          FROM (SELECT DISTINCT indicator_id, source_tables, source_measures
                FROM indicator_values)),
m AS (SELECT c.*, unnest(meas) AS one FROM cells c),
t AS (SELECT c.*, unnest(tabs) AS one FROM cells c)
SELECT 'measure', indicator_id, one FROM m WHERE NOT EXISTS (
    SELECT 1 FROM pairs p WHERE p.measure = m.one AND list_contains(m.tabs, p.table_id))
UNION ALL
SELECT 'table', indicator_id, one FROM t WHERE NOT EXISTS (
    SELECT 1 FROM pairs p WHERE p.table_id = t.one AND list_contains(t.meas, p.measure))
"""


def _cell(wh, indicator_id: str) -> tuple[str, str]:
    return wh.execute("SELECT source_tables, source_measures FROM indicator_values WHERE "
                      "indicator_id = ? AND region_code = ? AND year = 2023",
                      [indicator_id, VOORNE]).fetchone()


def test_measures_and_tables_name_the_same_sources(wh) -> None:
    assert _cell(wh, "job_ratio") == ("37259eng, 83582NED",
                                      "BanenVanWerknemersInDecember_1, PopulationOn1January_1")
    tables, measures = _cell(wh, "wmo_clients_per_1000")
    assert (tables, measures) == ("86050NED", "WmoClientenPer1000Inwoners_2")
    assert wh.execute(MISMATCHES_SQL).fetchall() == []


def test_the_download_gives_the_figures_measures(client) -> None:
    response = client.get("/api/v1/download/job_ratio.csv")
    frame = pd.read_csv(io.StringIO(response.text), keep_default_na=False)
    row = frame[(frame.region_code == VOORNE) & (frame.year == 2023)]
    assert row.source_measures.tolist() == [
        "BanenVanWerknemersInDecember_1, PopulationOn1January_1"]
    meta = client.get("/api/v1/download/job_ratio.json").json()
    assert "source_tables" in meta["columns"]["source_measures"]
