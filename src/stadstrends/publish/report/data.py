"""Everything one city's report needs, read from the warehouse in a handful of queries.

:func:`load_city` returns a :class:`CityData` of plain records (lists of dicts, keyed where
the report looks things up); later stages never go back to the database. Tables made by the
signals stage (``signals``, ``opgaven``, ``kies_richting``) are optional: without them the
report falls back to the catalogue's opgaven and to benchmark positions. Which municipality
a query means is decided in :mod:`stadstrends.publish.report.city_lookup`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cached_property

import duckdb

from stadstrends.errors import WarehouseMissing
from stadstrends.publish import figure_notes as notes
from stadstrends.publish import rounding
from stadstrends.publish.cut_members import annotate as cut_members
from stadstrends.publish.gap_missing import missing_trends
from stadstrends.publish.groups import resolve_group
from stadstrends.publish.harmonised import (
    computed_rounding,
    marked_years,
    published_rounding,
    recalculated_rounding,
)
from stadstrends.publish.median_zeros import FIELDS, mark_quantiles, median_zeros
from stadstrends.publish.news import region_changes
from stadstrends.publish.positions import GroupNames
from stadstrends.publish.read import build_info, domains, fresh_from, is_city
from stadstrends.publish.read import records as _records
from stadstrends.publish.relations import relations
from stadstrends.publish.report import kept
from stadstrends.publish.report.city_lookup import resolve_city
from stadstrends.publish.report.city_lookup import set_cities as set_cities  # re-exported
from stadstrends.publish.report.facts import fact as fact  # re-exported
from stadstrends.publish.report.gap_words import named_codes, predecessor_facts
from stadstrends.publish.report.ommeland_notes import read_ommeland_notes
from stadstrends.publish.report.own_figures import own_figures
from stadstrends.publish.report.set_words import outer_sets
from stadstrends.publish.report.trend_rows import TREND_COUNTS, TRENDS_SQL
from stadstrends.publish.rounding import coarse_places, coarse_rounding, small_bases
from stadstrends.publish.sentence_projections import forecasts
from stadstrends.publish.sentences import Writer
from stadstrends.publish.small_base_words import mark_survey_peers
from stadstrends.settings import BuildSettings
from stadstrends.vocabulary import localised


@dataclass
class CityData:
    """One municipality's facts, compared within one comparison group (``group``: see
    :func:`stadstrends.publish.groups.describe`). Series and rows are lists of dicts from the
    warehouse; positions (median, p25, p75, n, rank, percentile) are within ``group``."""

    code: str
    name: str
    corop: dict
    province: dict
    build: dict
    catalogue: dict[str, dict]
    series: dict[str, list[dict]]  # indicator -> benchmarks rows by year
    trends: dict[str, dict]
    untested: dict[str, dict]  # untested_series by indicator: why a series has no trend
    latest: dict[str, dict]  # benchmark_latest by indicator
    gap_trends: dict[str, dict]
    gaps: dict[str, list[dict]]  # indicator -> region_gaps rows by year
    peers: list[dict]
    members: list[dict]  # municipalities of the COROP region: code, name
    # indicator_id, region_code, year, value, provisional, harmonised, recomputed (members)
    region_values: list[dict]
    coverage: dict[str, dict]
    gap_reasons: list[dict]  # indicator_id, reason (code), reason_detail, n, first/last_year, years
    sources: list[dict]  # one per table and API, by table id
    ineq_trends: list[dict]
    ineq_levels: list[dict]
    ineq_coverage: list[dict]
    signals: list[dict] = field(default_factory=list)
    opgaven: list[dict] = field(default_factory=list)
    kies: list[dict] = field(default_factory=list)
    withheld: list[dict] = field(default_factory=list)  # labels the near-cut rule withheld
    has_signals: bool = False
    changes: dict | None = None  # what the last `stadstrends update` changed (news.py)
    domains: list[str] = field(default_factory=list)  # the trend domains in order
    provisional: dict[str, set[int]] = field(default_factory=dict)  # indicator -> years
    # indicator -> year -> the CBS table(s) of the city's figure ('60039fvw', '85383NED')
    tables: dict[str, dict[int, str]] = field(default_factory=dict)
    # indicator -> its coarse CBS rounding for the city, last rounded year (publish/rounding.py)
    coarse: dict[str, dict] = field(default_factory=dict)
    # indicator -> year -> a position in the group rounding alone could change (same)
    coarse_places: dict[str, dict[int, dict]] = field(default_factory=dict)
    group: dict = field(default_factory=dict)  # the comparison group (groups.describe)
    # peers: within the group where the build made such a list, else among all ('all')
    # the peers' variables (peers_variables used): variable, year, city_has (its own figure)
    peer_variables: list[dict] = field(default_factory=list)
    summary: dict[str, dict] = field(default_factory=dict)  # opgave_summary by opgave
    # indicator -> series_jumps rows of the city by year (warehouses built before: none)
    jumps: dict[str, list[dict]] = field(default_factory=dict)
    jump_trends: dict[str, dict] = field(default_factory=dict)  # jump_trends by indicator
    humps: dict[str, list[dict]] = field(default_factory=dict)  # series_humps by indicator
    steps: dict[str, list[dict]] = field(default_factory=dict)  # series_steps by indicator
    region_names: dict[str, str] = field(default_factory=dict)  # of codes a gap reason names
    pieces: set[str] = field(default_factory=set)  # codes that gave it a piece (gap_words)
    formed: dict = field(default_factory=dict)  # year -> the codes it was made of (gap_words)
    gap_missing: dict[str, dict] = field(default_factory=dict)  # why no gap trend (gap_missing)
    is_city: bool = False  # a city of the settings' sets: 'stad en ommeland', else 'gemeente'
    ineq_sets: list[str] = field(default_factory=list)  # neighbourhood sets, none inside another
    # indicator -> years recalculated for today's boundaries; the unit they are printed to
    harmonised: dict[str, set[int]] = field(default_factory=dict)
    # indicator -> year -> the members the ommeland leaves out (publish/figure_notes.py)
    ommeland_left_out: dict[str, dict[int, list[str]]] = field(default_factory=dict)
    nl_left_out: dict[str, dict[int, list[str]]] = field(default_factory=dict)  # ... NL's sums'
    nl_cbs: dict[str, list[int]] = field(default_factory=dict)  # ... its CBS figures' years
    nl_cbs_series: list[str] = field(default_factory=list)  # ... CBS's in every year
    rounding: dict[str, dict[int, float]] = field(default_factory=dict)
    # per indicator (publish/harmonised.py): year -> the unit an ommeland or Nederland figure
    # is printed to; the years its ommeland is derived from CBS's COROP figure
    # (region_cbs_means); the years Stadstrends divided from CBS's rounded count
    computed: dict[str, dict[int, int]] = field(default_factory=dict)
    published: dict[str, dict[int, float]] = field(default_factory=dict)  # CBS's coarser unit
    cbs_corop: dict[str, list[int]] = field(default_factory=dict)
    omm_rounding: dict[str, dict[int, float]] = field(default_factory=dict)  # and its rounding
    omm_zeros: dict[str, dict[int, int]] = field(default_factory=dict)  # its 0 on counts at 0
    omm_dominant: dict[str, dict[int, tuple]] = field(default_factory=dict)  # its main member
    recomputed: dict[str, set[int]] = field(default_factory=dict)
    # indicator -> year -> its share's base under small_base cases (table small_bases)
    small_bases: dict[str, dict[int, dict]] = field(default_factory=dict)
    # projection indicator -> its forecasts' (first, last, year made) (sentence_projections)
    forecasts: dict[str, list[tuple]] = field(default_factory=dict)

    def group_phrase(self, lang: str) -> str:
        """How texts name the comparison group ('de 64 gemeenten met ...')."""
        return self.group.get(f"phrase_{lang}") or ""

    def group_intro(self, lang: str) -> str:
        """How a section's intro names the group: in full, without a size group's
        population date (a type with its description, the peers with the city)."""
        return self.group.get(f"intro_{lang}") or self.group_mention(lang)

    def group_mention(self, lang: str, again: bool = False) -> str:
        """How sentences name the group once it is introduced: :meth:`group_phrase` without
        a size group's population date (:func:`~stadstrends.publish.groups.phrase`);
        ``again``: after it was named in the same section ('de 180 gemeenten van deze
        grootte')."""
        first = self.group.get(f"mention_{lang}") or self.group_phrase(lang)
        return (self.group.get(f"again_{lang}") or first) if again else first

    def group_names(self, lang: str) -> GroupNames:
        """The group's names in ``lang`` at first and after, for the sentences."""
        return GroupNames(self.group_mention(lang), self.group_mention(lang, again=True),
                          self.group.get(f"mention_n_{lang}") or "",
                          self.group.get(f"again_n_{lang}") or "",
                          self.group.get("family") or "")

    def writer(self, lang: str, named: bool = False) -> Writer:
        """The sentence writer of this city in ``lang``, positions within its group;
        ``named``: for a section that has named the group (its introduction): the sentences
        name it shorter (:meth:`group_mention` ``again``)."""
        return Writer(self.code, self.name, lang, self.settings, self.group_mention(lang),
                      self.group.get("set_id"), self.group.get("n"),
                      bool(self.group.get("counted")), self.group_names(lang), named,
                      outsider=not self.group.get("member", True))

    def group_short(self, lang: str) -> str:
        """The group in legends and column headers (a named set's id, 'Vergelijkingsgroep')."""
        return self.group.get(f"short_{lang}") or ""

    @property
    def peers_within_group(self) -> bool:
        """True when the peers are the nearest within the comparison group."""
        return bool(self.peers) and self.peers[0]["peer_set"] == self.group.get("set_id")

    def in_language(self, lang: str) -> CityData:
        """The same facts with every catalogue, opgave and source text in ``lang`` (its
        English text where the warehouse has none in that language)."""
        return replace(
            self, catalogue={i: localised(m, lang, ("title", "description"))
                             for i, m in self.catalogue.items()},
            opgaven=[localised(o, lang, ("name", "description")) for o in self.opgaven],
            sources=[localised(s, lang) for s in self.sources])

    @cached_property
    def settings(self) -> BuildSettings:
        """The settings this warehouse was built with (frozen: made once per CityData, a
        report asks ~60 times)."""
        return BuildSettings.from_info(self.build)

    @property
    def fresh_from(self) -> int | None:
        """The first year that is not stale ('verouderd') in this build, if recorded."""
        return fresh_from(self.build)

    def is_stale(self, indicator_id: str) -> bool:
        """True when the indicator's latest value for the city is older than the limit."""
        cov, fresh = self.coverage.get(indicator_id), self.fresh_from
        return bool(cov and fresh and cov["last_year"] < fresh)


def _by(rows: list[dict], key: str) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for row in rows:
        out.setdefault(row[key], []).append(row)
    return out


def load_catalogue(con: duckdb.DuckDBPyConnection) -> dict[str, dict]:
    """indicator_id -> catalogue row (in catalogue order)."""
    return {r["indicator_id"]: r for r in _records(con, "SELECT * FROM indicators")}


#: a municipality's benchmarks rows (all years) with its positions within group ``$2``
#: (``group_benchmarks``), by indicator and year: an indicator's last row is its latest
#: year (what the view ``benchmark_latest`` holds): one scan of each instead of two
BENCHMARKS_SQL = """
SELECT b.*, s.median, s.p25, s.p75, s.n, s.rank, s.percentile, s.robust_z
FROM benchmarks b
LEFT JOIN group_benchmarks s ON s.set_id = $2 AND s.region_code = b.region_code
     AND s.indicator_id = b.indicator_id AND s.year = b.year
WHERE b.region_code = $1
ORDER BY b.indicator_id, b.year"""
SERIES_COLUMNS = ("indicator_id", "year", "value", "median", "p25", "p75", "n", "nl_value",
                  "ommeland_value", "percentile", "rank", *FIELDS.values())  # median_zeros
LATEST_EXTRA = ("median", "p25", "p75", "n", "rank", "percentile", "robust_z")


def _benchmarks(con: duckdb.DuckDBPyConnection, ps: list[str]
                ) -> tuple[dict[str, list[dict]], dict[str, dict]]:
    """(indicator -> the city's rows by year: :data:`SERIES_COLUMNS`, indicator -> its latest
    row: benchmark_latest's columns, LATEST_EXTRA, median_zeros etc. (publish.median_zeros)),
    in the group of ``ps`` (code, set id), the last of each; one_case: rounding.one_case_marked."""
    rows = mark_quantiles(median_zeros(con, *ps), _records(con, BENCHMARKS_SQL, ps))
    series = _by([{c: r[c] for c in SERIES_COLUMNS} for r in rows], "indicator_id")
    return series, rounding.one_case_marked(con, ps, {r["indicator_id"]: r for r in rows})


def load_city(con: duckdb.DuckDBPyConnection, query: str,
              group: str | None = None) -> CityData:
    """Read all facts for one municipality, positions within ``group`` (a group id or the
    code naming one; default: the municipality's default group)."""
    have = relations(con)
    if "benchmarks" not in have:
        from stadstrends.paths import rebuild_command

        raise WarehouseMissing.worded("warehouse_lacks", tables="benchmarks",
                                      build=rebuild_command(con))
    city = resolve_city(con, query)
    code = city["code"]
    chosen = resolve_group(con, code, city["name"], group)
    set_id = chosen["set_id"]
    p = [code]
    ps = [code, set_id]
    geo = _records(con, """
        SELECT s.set_id AS code, any_value(r.name) AS name, any_value(r.level) AS level
        FROM region_sets s LEFT JOIN regions r ON r.region_code = s.set_id
        WHERE s.region_code = ? AND (s.set_id LIKE 'CR%' OR s.set_id LIKE 'PV%')
        GROUP BY 1""", p)
    corop = next((g for g in geo if g["code"].startswith("CR")), {"code": None, "name": None})
    province = next((g for g in geo if g["code"].startswith("PV")), {"code": None, "name": None})
    members = kept.corop_members(con, corop["code"])
    build = kept.shared(con, "build_info", build_info)
    series, latest = _benchmarks(con, ps)
    coarse = {"coarse_changes", "coarse_trends"} <= have
    trends = {r["indicator_id"]: r for r in _records(
        con, (TRENDS_SQL if coarse else "SELECT * FROM trends t WHERE t.region_code = ?")
        .replace("FROM trends t", TREND_COUNTS if "trend_counts" in have else "FROM trends t"),
        p)}
    untested = {r["indicator_id"]: r for r in _records(
        con, "SELECT * FROM untested_series WHERE region_code = ?", p)}
    gap_trends = {r["indicator_id"]: r for r in _records(
        con, "SELECT * FROM region_gap_trends WHERE region_code = ?", p)}
    gaps = _by(_records(con, """SELECT indicator_id, year, city_value, ommeland_value, gap,
                                       ratio FROM region_gaps WHERE region_code = ?
                                ORDER BY indicator_id, year""", p), "indicator_id")
    peers = _records(con, """
        SELECT peer_code AS code, peer_name AS name, peer_rank AS rank, distance, variables,
               peer_set
        FROM peers WHERE region_code = $1 AND peer_set = coalesce(
            (SELECT any_value(peer_set) FROM peers WHERE region_code = $1 AND peer_set = $2),
            'all') ORDER BY peer_rank""", ps)
    region_values = kept.corop_values(con, corop["code"])  # the map table, marked
    own = own_figures(con, code)  # coverage, provisional years, tables, marks
    gap_reasons = _records(con, """
        SELECT g.indicator_id, g.reason, g.reason_detail, count(*) AS n,
               min(g.year) AS first_year, max(g.year) AS last_year,
               list(g.year ORDER BY g.year) AS years,
               -- per year (as ``years``) the CBS tables whose cells are empty, else those
               -- the catalogue reads that year ('ontbreken in CBS-tabel 86050NED')
               list(coalesce(g.empty_tables, s.tables) ORDER BY g.year) AS tables
        FROM indicator_gaps g LEFT JOIN indicator_sources s USING (indicator_id, year)
        WHERE g.region_code = ? GROUP BY g.indicator_id, g.reason, g.reason_detail
        ORDER BY g.indicator_id, n DESC, first_year, g.reason, g.reason_detail""", p)
    sources = kept.sources(con)
    ineq_trends = _records(con, "SELECT * FROM inequality_trends WHERE region_code = ?", p)
    ineq_levels = _records(con, """
        SELECT * FROM (SELECT *, count(rank_city_set) OVER (PARTITION BY measure, year)
                                 AS n_ranked FROM inequality)
        WHERE region_code = ?
        QUALIFY year = max(year) OVER (PARTITION BY measure) ORDER BY measure""", p)
    ineq_coverage = _records(con, """
        SELECT * FROM inequality_coverage WHERE region_code = ?
        QUALIFY region_set = min(region_set) OVER () ORDER BY source_table""", p)
    data = CityData(
        code=code, name=city["name"], corop=corop, province=province, build=build,
        catalogue=kept.shared(con, "catalogue", load_catalogue), series=series,
        trends=trends, untested=untested,
        latest=latest, gap_trends=gap_trends, gaps=gaps, peers=peers, members=members,
        region_values=region_values, coverage=own.coverage, gap_reasons=gap_reasons,
        sources=sources, ineq_trends=ineq_trends, ineq_levels=ineq_levels,
        ineq_coverage=ineq_coverage, provisional=own.provisional, tables=own.tables,
        coarse=coarse_rounding(con, code), coarse_places=coarse_places(con, code, set_id),
        small_bases=small_bases(con, code),
        domains=[d["domain"] for d in kept.shared(con, "domains", domains)], group=chosen)
    if "peers_variables" in have:  # a variable the city lacks is in no pair (front.py);
        # ``indicator_results``' figures are the view ``indicator_values``' rows, whose six
        # joins and source lists an EXISTS does not need (11 -> 4 ms of CPU a report)
        data.peer_variables = _records(con, """
            SELECT v.variable, v.year_used::INTEGER AS year, EXISTS (
                SELECT 1 FROM indicator_results i WHERE i.region_code = ? AND i.value IS NOT NULL
                AND i.indicator_id = v.indicator_id AND i.year = v.year_used) AS city_has
            FROM peers_variables v WHERE v.status = 'used'""", p)
    data.forecasts = kept.shared(con, "forecasts", forecasts,
                                 [i for i, m in data.catalogue.items() if m.get("projection")])
    if {"signals", "opgaven", "kies_richting"} <= have:
        data.has_signals = True
        data.signals = _records(con, """
            SELECT opgave_id, indicator_id, domain, kind, valence, strength, rank_opgave,
                   movement, year
            FROM signals WHERE region_code = ? AND set_id = ? AND NOT stale
            ORDER BY rank_city, opgave_id""", ps)  # strength, ties as the analysis breaks them
        data.opgaven = kept.shared(con, "opgaven", _records,
                                   "SELECT * FROM opgaven ORDER BY position")
        data.kies = _records(con, """
            SELECT label, rank, indicator_id, year, value, p25, median, p75, n, rank_in_group,
                   percentile, favourable_percentile, position, reason, trend, momentum,
                   first_year, first_value, p_value, n_points, indicative, rests_on_rounding,
                   n_peers_compared, better_peers, opgaven, base_count, base_unit
            FROM kies_richting WHERE region_code = ? AND set_id = ?
            ORDER BY label, rank""", ps)
        for r in data.kies:  # a small municipality's sample figure: its Waarom says so
            r["survey"] = ((data.small_bases.get(r["indicator_id"]) or {}).get(
                int(r["year"])) or {}).get("survey")
        mark_survey_peers(con, data.kies)  # a better-doing peer's sample figure: said
        if "withheld_labels" in have:  # said where the label would be (direction_words)
            data.withheld = _records(con, """SELECT indicator_id, year, reason, would_be, value,
                cut, position, case_unit FROM withheld_labels WHERE region_code = ? AND set_id = ?
                ORDER BY indicator_id""", ps)
        data.summary = {r["opgave_id"]: r for r in _records(
            con, "SELECT * FROM opgave_summary WHERE region_code = ? AND set_id = ?", ps)}
    if "series_jumps" in have:
        data.jumps = _by(_records(con, """
            SELECT indicator_id, previous_year, year, previous_value, value, ratio, factor,
                   in_tested_years
            FROM series_jumps WHERE region_code = ? ORDER BY indicator_id, year""", p),
            "indicator_id")
    if "series_humps" in have:
        data.humps = _by(_records(con, """
            SELECT indicator_id, before_year, first_year, last_year, after_year, before_value,
                   after_value, ratio, in_tested_years
            FROM series_humps WHERE region_code = ? ORDER BY indicator_id, first_year""", p),
            "indicator_id")
    if "series_steps" in have:
        data.steps = _by(_records(con, """
            SELECT * EXCLUDE (region_code) FROM series_steps WHERE region_code = ?
            ORDER BY indicator_id, year""", p), "indicator_id")
    if "jump_trends" in have:
        data.jump_trends = {r["indicator_id"]: r for r in _records(
            con, "SELECT * FROM jump_trends WHERE region_code = ?", p)}
    if "untested_gaps" in have:  # gaps without a trend: why (the analysis' untested_gaps)
        reasons = {(r["indicator_id"], int(y)): (r["reason"], r["reason_detail"])
                   for r in gap_reasons if r["reason"] is not None for y in r["years"]}
        data.gap_missing = missing_trends(con, code, [i for i in gaps if i not in gap_trends],
                                          reasons)
    # and the members whose abrupt step leaves a gap trend without verdict (gap_verdicts.py),
    # or whose missing figures leave a gap without a trend
    named = named_codes(gap_reasons) | {g["step_member"] for g in gap_trends.values()
                                        if g.get("step_member")} | {
        m for r in data.gap_missing.values() for key in ("lacking", "left_out")
        for m in r.get(key, ())}
    if named:
        data.region_names, data.pieces, data.formed = predecessor_facts(con, code, named)
    data.is_city = is_city(con, code, data.settings)
    if not ineq_coverage:  # computed for other municipalities: the sets, without overlap
        data.ineq_sets = kept.shared(con, "outer_sets", outer_sets,
                                     data.settings.neighbourhood_sets)
    data.harmonised = own.harmonised
    data.rounding = kept.shared(con, "recalculated_rounding", recalculated_rounding)
    data.computed = kept.shared(con, "computed_rounding", computed_rounding)
    data.published = kept.shared(con, "published_rounding", published_rounding)
    read_ommeland_notes(con, code, data)  # its rounding, zeros, members left out, dominant
    data.recomputed = marked_years(con, code, "recomputed")
    data.nl_left_out = kept.shared(con, "aggregate_left_out", notes.aggregate_left_out, "NL01")
    data.nl_cbs = kept.shared(con, "nl_cbs_years", notes.nl_cbs_years)
    data.nl_cbs_series = kept.shared(con, "nl_cbs_series", notes.nl_cbs_series)
    data.changes = region_changes(lambda sql, args: _records(con, sql, args), have, code)
    cut_members(con, data)  # members and peers a cut copy of a table left out
    return data
