"""Where the indicator stage lets the build's early analysis begin: once its series are
harmonised and aggregated, before the gaps are explained (the stage's statements from there
leave a core partly idle; from the stage's start the early steps ran beside its matching
and checks, which kept both cores busy)."""

from __future__ import annotations

from types import SimpleNamespace

import duckdb

from stadstrends.indicators import build as indicator_build

STEPS = ("harmonise_series", "harmonise_means", "aggregate_regions", "drop_harmonised",
         "explain_cut_gaps", "explain_survey_gaps", "explain_level_gaps", "explain_span_gaps",
         "mark_latest", "_picked_checks", "_beside_harmonisation", "_after_values")
STATEMENTS = ("SERIES_RAW_SQL", "CONFIRM_SQL", "SERIES_RAW_FINAL_SQL", "FALLBACK_SQL",
              "RAW_MEANS_SQL", "EMPTY_CELLS_SQL", "CHANGE_SQL", "VALUES_SQL",
              "EMPTY_TABLES_SQL", "FILL_SQL", "REGIONS_SQL")


def test_the_early_analysis_begins_after_the_aggregation_before_the_gaps(monkeypatch) -> None:
    """The stage's steps in order (their statements left out): ``aggregated`` is called once,
    after ``aggregate_regions`` and before the statements that explain the gaps."""
    done: list[str] = []
    for name in STEPS:
        monkeypatch.setattr(indicator_build, name,
                            lambda *_, name=name, **__: done.append(name))
    for name in STATEMENTS:
        monkeypatch.setattr(indicator_build, name, "SELECT 1")
    con = duckdb.connect()
    con.execute("CREATE TABLE _later(x INT); CREATE TABLE _picked(x INT); "
                "CREATE TABLE _part_info(x INT); CREATE TABLE _terms(x INT); "
                "CREATE TABLE _part_dims(x INT); CREATE TABLE _own_means(x INT)")
    indicator_build._steps(con, SimpleNamespace(indicators=[]), None,
                           lambda: done.append("aggregated"))
    main = [n for n in done if not n.startswith("_")]  # the beside steps' threads vary
    assert main.count("aggregated") == 1
    at = main.index("aggregated")
    assert main[at - 1] == "aggregate_regions"
    assert {"explain_cut_gaps", "explain_survey_gaps", "explain_span_gaps"} <= set(main[at:])
    assert "harmonise_series" in main[:at]
