"""Data checks on a built warehouse. Each returns the offending rows (empty = passed).

A failed check refuses the build (:func:`refusal`): the new file is discarded, the
warehouse at ``--db`` stays byte for byte (a fresh path gets nothing), ``stadstrends build``
prints the failed checks' rows and exits 1: bad input never replaces what was built. With
``--allow-gaps`` the build is swapped in anyway, its failed checks stored in
``build_info.checks_failed`` (the commands that read it warn). A check in
:data:`DAMAGE_CHECKS` can only fail on a damaged copy of a source: a snapshot build's
refusal then names the tables and municipalities (:func:`damage_refusal`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

import duckdb

from stadstrends.cbs_order import SORT_KEY_SQL
from stadstrends.duck import rows_as_dicts
from stadstrends.errors import (
    ChecksFailed,
    MalformedSource,
    StadstrendsError,
    counted,
    joined,
    phrase,
)
from stadstrends.settings import BuildSettings
from stadstrends.warehouse.check_conserved import counts_conserved
from stadstrends.warehouse.check_counts import counts_add_up

SPLIT_TOLERANCE = 0.01  # measured split transfers and CBS's register may differ by 1%
# a table-year with rows for at least this share of its boundary year's municipalities is
# meant to cover them all; on the real snapshot every table not cut inside its region list
# has 100% or at most 25% (regional selections: 82220NED, 81877NED, 84525NED, 85171NED)
MOST_MUNICIPALITIES = 0.9
# ... of at least this many municipalities (every real boundary year has 342 or more): in a
# world of a few (a test's hand-made warehouse of eleven) one without rows is no lost copy
FEW_MUNICIPALITIES = 100


def split_shares_agree_with_register(con: duckdb.DuckDBPyConnection) -> list[dict]:
    """Splits whose transfer measured in 37259 differs from CBS's register by more than 1%."""
    return rows_as_dicts(con.execute(
        """
        SELECT s.code, s.year, s.recipient, s.received AS measured, t.inhabitants AS register
        FROM split_shares s
        LEFT JOIN boundary_transfers t ON t.donor = s.code AND t.recipient = s.recipient
         AND year(t.date) = s.year
        WHERE t.inhabitants IS NULL
           OR abs(s.received - t.inhabitants) > ? * greatest(t.inhabitants, 1)
        """, [SPLIT_TOLERANCE]))


def unapportioned_changes(con: duckdb.DuckDBPyConnection) -> list[dict]:
    """Boundary corrections in the data's years that could not be apportioned (the donor's
    inhabitants are unknown)."""
    return rows_as_dicts(con.execute(
        """
        SELECT * FROM unapportioned_transfers
        WHERE date > (SELECT make_date(min(boundary_year), 1, 1) FROM table_boundaries)
        """))


def unknown_periods(con: duckdb.DuckDBPyConnection) -> list[dict]:
    """Period forms no parser rule reads, per table (their rows have no year)."""
    return rows_as_dicts(con.execute(
        """
        SELECT table_id, period, count(*) AS cells FROM raw_observations
        WHERE period_type = 'unknown' OR year IS NULL
        GROUP BY ALL ORDER BY table_id, period
        """))


def unmatched_catalogue_parts(con: duckdb.DuckDBPyConnection) -> list[dict]:
    """Catalogue parts that match no observation: a measure key that is not in the table, or
    a filter that matches no rows (CBS relabels categories between table versions)."""
    return rows_as_dicts(con.execute(
        """
        WITH tables AS (SELECT DISTINCT lower(table_id) AS table_id FROM raw_observations),
        measures AS (SELECT DISTINCT lower(table_id) AS table_id, measure
                     FROM raw_observations),
        matched AS (SELECT DISTINCT series_id, lower(table_id) AS table_id, measure
                    FROM series_matched)
        SELECT p.indicator_id, p.table_id, p.measure, p.where_list AS filters,
               CASE WHEN t.table_id IS NULL THEN 'table_not_loaded'
                    WHEN m.measure IS NULL THEN 'measure_not_in_table'
                    ELSE 'no_rows_match' END AS problem
        FROM catalogue_parts p
        LEFT JOIN tables t ON t.table_id = p.table_id
        LEFT JOIN measures m ON m.table_id = p.table_id AND m.measure = p.measure
        WHERE NOT EXISTS (
            SELECT 1 FROM matched x
            WHERE x.series_id = p.series_id AND x.table_id = p.table_id
              AND list_contains(string_split(x.measure, ' + '), p.measure))
        ORDER BY p.indicator_id, p.table_id
        """))


def municipalities_missing_from_table(con: duckdb.DuckDBPyConnection) -> list[dict]:
    """Municipalities of a table-year's boundaries (``table_boundaries.boundary_year``,
    ``membership``, at least :data:`FEW_MUNICIPALITIES`) without any row in it while at
    least 90% of them have rows: a copy
    that lost a municipality's rows (81064ned without Amersfoort). Tables whose copy is cut
    inside the region list (``sources.cut_after``) are left out: their missing tail is
    recorded and said. One row per table and municipality: its first and last missing
    year and how many years."""
    return rows_as_dicts(con.execute(
        """
        WITH obs AS (SELECT DISTINCT lower(table_id) AS t, year, region_code
                     FROM raw_observations WHERE region_code LIKE 'GM%'),
        expected AS (SELECT lower(b.table_id) AS t, b.year, m.gm_code
                     FROM table_boundaries b JOIN membership m ON m.year = b.boundary_year
                     WHERE lower(b.table_id) NOT IN (
                         SELECT lower(table_id) FROM sources WHERE cut_after IS NOT NULL)),
        -- obs joined once (the share and the missing rows from the same join): 0.15 ->
        -- 0.11 s of CPU
        marked AS (SELECT e.*, o.region_code IS NOT NULL AS present
                   FROM expected e LEFT JOIN obs o ON o.t = e.t AND o.year = e.year
                    AND o.region_code = e.gm_code),
        share AS (SELECT t, year, count(*) FILTER (WHERE present) / count(*) AS share
                  FROM marked GROUP BY ALL HAVING count(*) >= ?),
        missing AS (SELECT m.t, m.year, m.gm_code FROM marked m JOIN share s USING (t, year)
                    WHERE NOT m.present AND s.share >= ?)
        SELECT t AS table_id, gm_code AS region_code, min(year) AS first_year,
               max(year) AS last_year, count(*) AS years
        FROM missing GROUP BY ALL ORDER BY table_id, region_code
        """, [FEW_MUNICIPALITIES, MOST_MUNICIPALITIES]))


#: The CTEs both cut checks read: ``marked``, every municipality of each table-year's
#: boundaries (``table_boundaries``, ``membership``) of a table not known to be cut
#: (``sources.cut_after``), its label, CBS's sort key ``k`` of it (:mod:`stadstrends.
#: cbs_order`, computed once per municipality) and whether the table has it (``present``).
MARKED_SQL = """lab AS (SELECT region_code, label, {key} AS k
                     FROM (SELECT region_code, min(coalesce(label, name)) AS label FROM regions
                           WHERE level = 'gemeente' GROUP BY ALL)),
        obs AS (SELECT DISTINCT lower(table_id) AS t, year, region_code
                FROM raw_observations WHERE region_code LIKE 'GM%'),
        marked AS (SELECT lower(b.table_id) AS t, b.year, m.gm_code, l.label, l.k,
                          o.region_code IS NOT NULL AS present
                   FROM table_boundaries b JOIN membership m ON m.year = b.boundary_year
                   JOIN lab l ON l.region_code = m.gm_code
                   LEFT JOIN obs o ON o.t = lower(b.table_id) AND o.year = b.year
                    AND o.region_code = m.gm_code
                   WHERE lower(b.table_id) NOT IN (
                       SELECT lower(table_id) FROM sources WHERE cut_after IS NOT NULL))""".replace(
    "{key}", SORT_KEY_SQL.format(x="label"))


def _marked_cte(marked: str | None) -> str:
    """The ``marked`` CTE of the cut checks: :data:`MARKED_SQL`, or the rows of ``marked``, a
    table made of it once for both (:func:`cut_checks`)."""
    return MARKED_SQL if marked is None else f"marked AS (SELECT * FROM {marked})"


def cut_checks(con: duckdb.DuckDBPyConnection) -> dict[str, list[dict]]:
    """The rows of :data:`CUT_CHECKS`, both read from one temporary table of
    :data:`MARKED_SQL`'s rows instead of each making them: 0.23 -> 0.17 s of CPU (one
    thread, the real warehouse, medians of 7; the same rows, also with no cut recorded)."""
    con.execute(f"CREATE OR REPLACE TEMP TABLE _marked AS WITH {MARKED_SQL} SELECT * FROM marked")
    try:
        return {"tables_cut_alphabetically": tables_cut_alphabetically(con, "_marked"),
                "tables_cut_by_year": tables_cut_by_year(con, "_marked")}
    finally:
        con.execute("DROP TABLE IF EXISTS _marked")


def tables_cut_alphabetically(con: duckdb.DuckDBPyConnection, marked: str | None = None
                              ) -> list[dict]:
    """Tables (not known to be cut, ``sources.cut_after``) whose municipalities stop at the
    same place in CBS's alphabetical order (:mod:`stadstrends.cbs_order`) in every year: each
    year holds every municipality of its boundaries (at least :data:`FEW_MUNICIPALITIES`)
    sorting before the last one the table has anywhere, and none after it, while it has
    some: a copy cut short (81064ned cut to 5 000 rows stops at Opsterland; a SOURCES.md
    beside it would have said so). One row per table: the last municipality, its years, how
    many municipalities after it the table lacks and the first of them. ``marked``: a table
    of :data:`MARKED_SQL`'s rows (:func:`cut_checks`), else they are made here."""
    # the sort key once per municipality (not per table-year row) and the last one's once
    # per table; the lacking counted by one grouping of the cut tables' rows, not by two
    # correlated subqueries per table: 0.34 -> 0.15 s of CPU (one thread, medians of 7,
    # alternated; the same rows, bench/README.md session 50)
    return rows_as_dicts(con.execute(f"""
        WITH {_marked_cte(marked)},
        x AS (SELECT t, arg_max(label, k) AS last_label, max(k) AS last_k FROM marked
              WHERE present GROUP BY t),
        per_year AS (SELECT m.t, m.year,
                            count(*) FILTER (WHERE NOT m.present AND m.k < x.last_k) AS gaps,
                            count(*) FILTER (WHERE m.k > x.last_k) AS after
                     FROM marked m JOIN x USING (t) GROUP BY ALL
                     HAVING count(*) >= ?),
        cut AS (SELECT p.t, x.last_label, x.last_k, min(p.year) AS first_year,
                       max(p.year) AS last_year
                FROM per_year p JOIN x USING (t) GROUP BY ALL
                HAVING max(p.gaps) = 0 AND min(p.after) > 0),
        lacking AS (SELECT m.t, count(DISTINCT m.gm_code) AS lacking,
                           arg_min(m.gm_code, m.k) AS first_lacking
                    FROM marked m JOIN cut c ON c.t = m.t AND m.k > c.last_k GROUP BY m.t),
        files AS (SELECT lower(table_id) AS t, min(location) AS file FROM sources GROUP BY ALL)
        SELECT c.t AS table_id, c.last_label AS cut_after, c.first_year, c.last_year,
               n.lacking, n.first_lacking, f.file
        FROM cut c JOIN lacking n USING (t) LEFT JOIN files f USING (t) ORDER BY table_id
        """, [FEW_MUNICIPALITIES]))


def tables_cut_by_year(con: duckdb.DuckDBPyConnection, marked: str | None = None
                       ) -> list[dict]:
    """Tables (not known to be cut, ``sources.cut_after``) whose last year stops in CBS's
    alphabetical order while the year before holds every municipality but a few: the last
    year has all municipalities of its boundaries (at least :data:`FEW_MUNICIPALITIES`)
    sorting before its last one and none after, and the year before has at least
    :data:`MOST_MUNICIPALITIES` of its own, some of them after that one. A copy ordered by
    year cut short (as 10 000 rows of a table whose periods come before its regions), where
    the years after are missing for every municipality too; a table CBS ends earlier has
    its last year whole (every table of the real snapshot). One row per table: the year, its
    last municipality, how many after it the year lacks and the first of them. ``marked``: as
    :func:`tables_cut_alphabetically`'s."""
    return rows_as_dicts(con.execute(f"""
        WITH {_marked_cte(marked)},
        years AS (SELECT t, year, count(*) FILTER (WHERE present) / count(*) AS share
                  FROM marked GROUP BY ALL
                  HAVING count(*) >= ? AND count(*) FILTER (WHERE present) > 0),
        last AS (SELECT t, max(year) AS year, max(year) FILTER (WHERE share >= ?) AS full,
                 FROM years GROUP BY t),
        before AS (SELECT y.t, max(y.year) AS year FROM years y JOIN last l USING (t)
                   WHERE y.year < l.year GROUP BY y.t),
        s AS (SELECT m.t, m.year, arg_max(m.label, m.k) AS cut_after, max(m.k) AS stop
              FROM marked m JOIN last USING (t, year) WHERE m.present GROUP BY ALL),
        files AS (SELECT lower(table_id) AS t, min(location) AS file FROM sources GROUP BY ALL)
        SELECT s.t AS table_id, s.year, s.cut_after,
               count(*) FILTER (WHERE m.k > s.stop AND m.year = s.year) AS lacking,
               arg_min(m.gm_code, m.k) FILTER (WHERE m.k > s.stop AND m.year = s.year)
                   AS first_lacking,
               any_value(f.file) AS file
        FROM s JOIN before b USING (t) JOIN last l USING (t) LEFT JOIN files f USING (t)
        JOIN marked m ON m.t = s.t AND m.year IN (s.year, b.year)
        WHERE l.full = b.year
        GROUP BY ALL
        HAVING count(*) FILTER (WHERE m.year = s.year AND NOT m.present AND m.k < s.stop) = 0
           AND count(*) FILTER (WHERE m.year = s.year AND m.k > s.stop) > 0
           AND count(*) FILTER (WHERE m.year = b.year AND m.present AND m.k > s.stop) > 0
        ORDER BY table_id
        """, [FEW_MUNICIPALITIES, MOST_MUNICIPALITIES]))


#: the checks, by code (their words: ``data_checks`` of the language files)
CHECKS = [
    ("counts_add_up", counts_add_up),  # the one sum check, population's too
    ("counts_conserved", counts_conserved),  # harmonisation loses or doubles no count
    ("split_shares_agree_with_register", split_shares_agree_with_register),
    ("unapportioned_changes", unapportioned_changes),
    ("unknown_periods", unknown_periods),
    ("unmatched_catalogue_parts", unmatched_catalogue_parts),
    ("municipalities_missing_from_table", municipalities_missing_from_table),
    ("tables_cut_alphabetically", tables_cut_alphabetically),
    ("tables_cut_by_year", tables_cut_by_year),
]


#: checks that only a damaged copy fails (CBS publishes a table's rows for every region of
#: its boundaries; a table cut inside its region list is left out): the build is refused
DAMAGE_CHECKS = frozenset({"municipalities_missing_from_table", "tables_cut_alphabetically",
                           "tables_cut_by_year"})
#: the damage checks that find a copy cut short: said first, recorded (:func:`record_cuts`)
CUT_CHECKS = ("tables_cut_alphabetically", "tables_cut_by_year")
SHOWN = 5  # missing municipalities named in the refusal (all are in its details)


def damage_refusal(con: duckdb.DuckDBPyConnection, failed: list[dict]
                   ) -> MalformedSource | None:
    """The error refusing a build whose failed checks (:func:`run_checks`) include one of
    :data:`DAMAGE_CHECKS`: the tables and municipalities (code, name, years) and the hint
    to restore the files; None when none failed."""
    rows = [r for f in failed if f["check"] in DAMAGE_CHECKS for r in f["rows"]]
    if not rows:
        return None
    names = dict(con.execute("SELECT region_code, name FROM regions").fetchall())
    if cuts := [r for f in failed if f["check"] in CUT_CHECKS
                for r in f["rows"]]:  # said first: the cut's missing tail is no lost rows
        return MalformedSource.worded("tables_cut", rows=joined([phrase(
            "tables_cut_row" if "first_year" in r else "tables_cut_year_row",
            table=r["table_id"], last=r["cut_after"], year=r.get("year"),
            first_year=r.get("first_year"), last_year=r.get("last_year"),
            count=counted(r["lacking"]),
            first=f"{r['first_lacking']} {names.get(r['first_lacking'], '')}".rstrip())
            for r in cuts]), files=", ".join(str(r["file"] or r["table_id"]) for r in cuts),
            details=cuts)
    shown = "; ".join(
        f"{r['table_id']} {r['region_code']} {names.get(r['region_code'], '')}".rstrip()
        + f" ({r['first_year']}-{r['last_year']})" for r in rows[:SHOWN])
    tables = sorted({r["table_id"] for r in rows})
    return MalformedSource.worded(
        "municipalities_missing", rows=shown, count=len(rows),
        more=phrase("more_labels", n=len(rows) - SHOWN) if len(rows) > SHOWN else {},
        tables=", ".join(tables), details=rows)


def refusal(con: duckdb.DuckDBPyConnection, failed: list[dict], origin: str, db_path: Path
            ) -> StadstrendsError | None:
    """The error refusing a build whose checks failed (:func:`run_checks`); None when all
    passed. A snapshot copy's lost rows as :func:`damage_refusal` words them (a live build's
    are CBS's own answer: said as any other check); else :class:`ChecksFailed` naming the
    checks, whose details are ``failed`` (``stadstrends build`` prints their rows) and whose
    words say whether ``db_path`` holds a previous file (it stays) or nothing."""
    if origin == "snapshot" and (damaged := damage_refusal(con, failed)) is not None:
        return damaged
    if not failed:
        return None
    from stadstrends.vocabulary import languages, section

    checks = {lang: "; ".join(section(lang, "data_checks")[f["check"]] for f in failed)
              for lang in languages()}
    return ChecksFailed.worded("checks_refused" if db_path.exists() else "checks_refused_new",
                               path=str(db_path), checks=checks, count=len(failed),
                               details=failed)


#: checks that read build settings (``counts_add_up``: ``sum_spreads``, ``exact_sum_tables``,
#: ``national_includes_more``)
SETTINGS_CHECKS = frozenset({"counts_add_up"})


#: checks that read a temporary table of the build's connection (the indicator stage's
#: ``series_matched``), which another cursor does not see: :func:`run_checks` runs them
CONNECTION_CHECKS = frozenset({"unmatched_catalogue_parts"})


#: checks run before the indicator stage (:func:`checks_beside` given the connection): a
#: table they find cut is recorded as such (:func:`record_cuts`) before its gaps are worded
EARLY_CHECKS = frozenset({"tables_cut_alphabetically", "tables_cut_by_year"})


def record_cuts(con: duckdb.DuckDBPyConnection, rows: list[dict]) -> None:
    """Record the cuts :data:`CUT_CHECKS` found (their rows) where the snapshot register's
    known cuts live: ``sources.cut_after`` (the last municipality kept),
    ``completeness_code`` 'cut_detected' (no row limit is known to be the cause: the words
    claim none; 'cut_last_year' for a copy cut in its last year only,
    :func:`tables_cut_by_year`: the earlier years are whole) and a note in ``completeness``.
    The indicator stage then says that Stadstrends' copy stops before a municipality
    (``table_cut``), not that CBS leaves it out ('CBS publiceert tabel ... niet voor alle
    gemeenten'), in a build forced with ``--allow-gaps``."""
    if not rows:
        return
    con.executemany(
        "UPDATE sources SET cut_after = ?, completeness_code = ?, completeness = ? "
        "WHERE lower(table_id) = ?",
        [[r["cut_after"], "cut_detected" if "first_year" in r else "cut_last_year",
          f"municipalities stop at '{r['cut_after']}' in every year "
          f"({r['first_year']}-{r['last_year']}): cut (tables_cut_alphabetically)"
          if "first_year" in r else
          f"municipalities of {r['year']}, its last year, stop at '{r['cut_after']}': "
          "cut (tables_cut_by_year)", str(r["table_id"]).lower()] for r in rows])


def checks_beside(settings: BuildSettings | None = None,
                  con: duckdb.DuckDBPyConnection | None = None
                  ) -> tuple[dict[str, list[dict]], list[tuple[str, Callable]]]:
    """A step for the analysis stage's late steps (``build_analysis``'s ``extra``, run on a
    cursor where a core is idle: beside the end of the longer chain or the signals' rows):
    the checks but :data:`CONNECTION_CHECKS` (``settings``: as :func:`run_checks`'); returns
    the dict their rows go into (``found`` for :func:`run_checks`) and the step. They read
    the ingest's, the regions' and the indicator stage's tables only, none of which the
    analysis writes (0.29 s of CPU on one thread, run after the analysis at about one core:
    bench/README.md, session 47). ``con``: the build's connection after the regions stage:
    the :data:`EARLY_CHECKS` run on it now, their cuts recorded (:func:`record_cuts`)."""
    found: dict[str, list[dict]] = {}
    if con is not None:
        found.update(cut_checks(con))
        record_cuts(con, [r for name in CUT_CHECKS for r in found[name]])

    def step(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
        for name, check in CHECKS:
            if name not in CONNECTION_CHECKS and name not in found:
                found[name] = check(con, settings) if name in SETTINGS_CHECKS else check(con)
        return {}

    return found, [("data checks", step)]


def run_checks(con: duckdb.DuckDBPyConnection, settings: BuildSettings | None = None,
               found: Mapping[str, list[dict]] | None = None) -> list[dict]:
    """All checks (``settings``: the build's, for :data:`SETTINGS_CHECKS`; default the
    packaged ones); returns a list of ``{check, rows}`` (``check``: the code of
    :data:`CHECKS`) for the ones that failed, in that order. ``found``: the rows of checks
    already run (:func:`checks_beside`)."""
    failed = []
    found = found or {}
    for name, check in CHECKS:
        if name in found:
            rows = found[name]
        else:
            rows = check(con, settings) if name in SETTINGS_CHECKS else check(con)
        if rows:
            failed.append({"check": name, "rows": rows})
    return failed

