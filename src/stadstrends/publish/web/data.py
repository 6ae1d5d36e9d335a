"""Parameterised, size-bounded queries behind the API and the pages."""

from __future__ import annotations

from typing import Any

from stadstrends.errors import InvalidParameter
from stadstrends.publish.gap_missing import missing_trends, named_in
from stadstrends.publish.groups import PEERS_SQL
from stadstrends.publish.harmonised import as_downloaded
from stadstrends.publish.notes import NO_NOTES, NOTES, cell_notes
from stadstrends.publish.read import fresh_from
from stadstrends.publish.small_base_words import MARKED_BASES
from stadstrends.publish.web import units
from stadstrends.publish.web.state import WebWarehouse

MAX_SERIES_REGIONS = 25
MIN_COMPARE, MAX_COMPARE = 2, 5  # municipalities on /vergelijk
MAX_NAME = 100  # characters of one region name or code
MAX_CODES_TEXT = 2_000  # characters of a whole region list
YEAR_MIN, YEAR_MAX = 1900, 2100  # a series window's years
SPARK_YEARS = 12


def parse_codes(values: list[str] | str | None, repeats: bool = False) -> list[str]:
    """``['A,B', 'C']`` or ``'A,B'`` -> ``['A', 'B', 'C']`` (stripped, no empties, no repeats
    unless ``repeats``); :class:`InvalidParameter` (``errors.region_*_too_long``) for a list
    longer than :data:`MAX_CODES_TEXT` or a name longer than :data:`MAX_NAME` characters."""
    if values is None:
        return []
    items = [values] if isinstance(values, str) else values
    size = sum(len(str(v)) for v in items)
    if size > MAX_CODES_TEXT:
        raise InvalidParameter.worded("region_list_too_long", size=size, limit=MAX_CODES_TEXT)
    out = [p.strip() for v in items for p in str(v).split(",") if p.strip()]
    if long := [p for p in out if len(p) > MAX_NAME]:
        raise InvalidParameter.worded("region_name_too_long", size=len(long[0]), limit=MAX_NAME)
    return out if repeats else list(dict.fromkeys(out))


def check_years(year_from: int | None, year_to: int | None) -> None:
    """``from`` not after ``to``; else a worded :class:`InvalidParameter` (``errors.
    years_reversed``). Years outside :data:`YEAR_MIN`-:data:`YEAR_MAX`: :func:`check_year`."""
    if year_from is not None and year_to is not None and year_from > year_to:
        raise InvalidParameter.worded("years_reversed", first=year_from, last=year_to)


def check_year(years: list[int], **asked: int | None) -> None:
    """Every year parameter (``year=``, ``from=``, ``to=`` of the API and the pages) within
    :data:`YEAR_MIN`-:data:`YEAR_MAX`, else one 400 in one wording ('het jaar -1 (year=-1)
    valt buiten 1900–2100'; FastAPI's bounds said 'less than 0'), its hint naming
    ``years``, the years with figures ('1999–2026')."""
    for name, year in asked.items():
        if year is not None and not YEAR_MIN <= year <= YEAR_MAX:
            raise InvalidParameter.worded(
                "year_out_of_range", year=year, asked=f"{name}={year}", low=YEAR_MIN, high=YEAR_MAX,
                span=units.spans(years) if years else "–", suggestions=[str(y) for y in years[-5:]])


SERIES_CACHE = 128  # indicators kept in memory: all of them (~1 MB each, ~0.4 s to load all)


def _indicator_table(wh: WebWarehouse, indicator_id: str) -> dict[str, list[tuple]]:
    """All values of one indicator by region (one query, then kept: the data are read-only),
    with each value's notes (:func:`~stadstrends.publish.notes.cell_notes`); a
    recalculated value rounded as the download gives it (:func:`~stadstrends.publish.
    harmonised.as_downloaded`: Amsterdam's population of 1999, 746149, not 746148.9695)."""
    def load() -> dict[str, list[tuple]]:
        with wh.cursor() as cur:
            rows = cur.execute(
                "SELECT region_code, year, value, provisional, source_tables "
                "FROM indicator_values WHERE indicator_id = ? ORDER BY region_code, year",
                [indicator_id]).fetchall()
            notes = cell_notes(cur, indicator_id)
        unit = wh.indicator(indicator_id)["unit"]
        table: dict[str, list[tuple]] = {}
        shared: dict[str, str] = {}
        for code, year, value, provisional, source in rows:
            source = shared.setdefault(source, source)
            if notes.get((code, int(year)), NO_NOTES)[0]:  # recalculated: as the download
                value = as_downloaded(value, unit)
            table.setdefault(code, []).append((year, value, provisional, source,
                                               notes.get((code, int(year)), NO_NOTES)))
        return table

    return wh.memo(("series", indicator_id), load, size=SERIES_CACHE)


def series_loaded(wh: WebWarehouse, indicator_id: str) -> bool:
    """Whether the indicator's values are in memory (:func:`series` is then lookups only)."""
    return wh.memoized(("series", indicator_id))


def series(wh: WebWarehouse, indicator_id: str, codes: list[str], year_from: int | None = None,
           year_to: int | None = None) -> list[dict[str, Any]]:
    """Yearly values of one indicator for the given region codes (in that order), as stored,
    with ``recalculated`` (Stadstrends' estimate for today's boundaries), ``recomputed``
    (divided from CBS's rounded count, CBS publishing no rate), ``left_out`` (members an
    aggregate leaves out), ``rounded_zero``, ``rounded_count``, ``small_base`` and
    ``survey_estimate`` (:data:`~stadstrends.publish.notes.NOTES`)."""
    table = _indicator_table(wh, indicator_id)
    lo, hi = year_from or YEAR_MIN, year_to or YEAR_MAX
    return [{"region_code": code, "year": y, "value": v, "provisional": p, "source_tables": s,
             **dict(zip(NOTES, n, strict=True))}
            for code in codes for y, v, p, s, n in table.get(code, ()) if lo <= y <= hi]


def series_years(wh: WebWarehouse, indicator_id: str, codes: list[str]) -> list[int]:
    """The years with a value of the indicator for any of ``codes``, ascending."""
    table = _indicator_table(wh, indicator_id)
    return sorted({row[0] for code in codes for row in table.get(code, ())})


def context_regions(wh: WebWarehouse, code: str) -> list[str]:
    """The COROP region, province and country of a municipality (latest membership)."""
    rows = wh.rows("SELECT arg_max(corop_code, year) AS cr, arg_max(province_code, year) AS pv "
                   "FROM membership WHERE gm_code = ?", [code])
    found = [rows[0]["cr"], rows[0]["pv"]] if rows else []
    return [c for c in (*found, "NL01") if c]


def municipal_years(wh: WebWarehouse, indicator_id: str) -> list[int]:
    """Years with values for current municipalities (at most a few dozen)."""
    return [r["year"] for r in wh.rows(
        "SELECT year FROM indicator_values v JOIN current_municipalities USING (region_code) "
        "WHERE indicator_id = ? GROUP BY year HAVING count(*) >= 10 ORDER BY year",
        [indicator_id])]


def default_year(wh: WebWarehouse, indicator_id: str, years: list[int]) -> int | None:
    """The latest observed (non-projected) year, else the latest year."""
    built = str(wh.build_info.get("built_at", ""))[:4]
    now = int(built) if built.isdigit() else YEAR_MAX
    observed = [y for y in years if y <= now]
    return (observed or years)[-1] if years else None


def municipal_values(wh: WebWarehouse, indicator_id: str, year: int) -> list[dict[str, Any]]:
    """All current municipalities' values in one year (<= ~350 rows), with names and whether
    they are in the settings' city set (column ``in_city_set``)."""
    rows = wh.rows(
        """
        SELECT m.region_code, m.name, v.value, v.provisional,
               s.region_code IS NOT NULL AS in_city_set
        FROM current_municipalities m
        JOIN indicator_values v ON v.region_code = m.region_code
             AND v.indicator_id = ? AND v.year = ?
        LEFT JOIN region_sets s ON s.region_code = m.region_code AND s.set_id = ?
        ORDER BY m.name
        """, [indicator_id, year, wh.settings.city_set])
    for row in rows:
        row["name"] = wh.name(row["region_code"])
    return rows


def group_summary(wh: WebWarehouse, set_id: str, indicator_id: str,
                  year: int) -> dict[str, Any] | None:
    """Median, quartiles and n of comparison group ``set_id`` in one year, with NL."""
    rows = wh.rows(
        "SELECT any_value(median) AS median, any_value(p25) AS p25, any_value(p75) AS p75, "
        "any_value(n) AS n, (SELECT any_value(value) FROM indicator_values "
        "WHERE region_code = 'NL01' AND indicator_id = $2 AND year = $3) AS nl "
        "FROM set_benchmarks WHERE set_id = $1 AND indicator_id = $2 AND year = $3",
        [set_id, indicator_id, year])
    return rows[0] if rows and rows[0]["n"] else None


def heatmap(wh: WebWarehouse) -> list[dict[str, Any]]:
    """The city set's municipalities x key indicators: latest value, percentile within the
    set and a favourable score; ``decimals``: the catalogue's, the figure's printed
    decimals; ``provisional`` (the years of provisional figures, a list) and ``fresh_from``
    for the marks after its year, as the tiles print them."""
    fresh = fresh_from(wh.build_info)
    return [{**r, "provisional": list(r["provisional"] or ()), "fresh_from": fresh}
            for r in wh.rows(
        """
        SELECT b.region_code, m.name, b.indicator_id, i.title_nl, i.title_en, i.unit,
               i.decimals, i.direction, b.year, b.value, s.rank, s.n, s.percentile,
               (SELECT list(v.year ORDER BY v.year) FROM indicator_values v
                WHERE v.region_code = b.region_code AND v.indicator_id = b.indicator_id
                  AND v.provisional) AS provisional,
               CASE i.direction WHEN 'higher_worse' THEN 100 - s.percentile
                    ELSE s.percentile END AS score
        FROM benchmark_latest b
        JOIN set_benchmarks s ON s.set_id = ? AND s.region_code = b.region_code
         AND s.indicator_id = b.indicator_id AND s.year = b.year
        JOIN indicators i ON i.indicator_id = b.indicator_id
        JOIN current_municipalities m ON m.region_code = b.region_code
        WHERE i.key_indicator AND NOT i.projection
        ORDER BY m.name, i.domain, b.indicator_id
        """, [wh.settings.city_set])]


def city_indicators(wh: WebWarehouse, code: str, set_id: str) -> list[dict[str, Any]]:
    """Per indicator for one municipality: trend, position within comparison group
    ``set_id``, ommeland, a sparkline series, and the city's ``series_jumps`` rows of the
    indicator (``jumps``, a list) with its ``jump_trends`` row (``jump_trend``, or None) and
    its ``series_humps`` and ``series_steps`` rows (``humps``, ``steps``, lists): a tile leads
    with the years after a jump as the report does (:mod:`.tile_jumps`). For the marks and
    reasons the report gives (:mod:`.tile_verdict`): ``provisional`` (years of provisional
    figures), ``fresh_from`` (the first year not stale, or None), ``untested`` (its
    ``untested_series`` row, or None), ``segment_reason`` (the trend's window cut at a break),
    ``theil_sen_slope`` and ``segment_start`` (the trend's line: :mod:`.tile_line`),
    ``rests_on_rounding`` (``coarse_trends``), ``coarse_change`` (``coarse_changes``: no
    percentage), ``mean_count``, ``base_*`` (the latest share's small base), ``nl_first``,
    ``survey_years`` (those of ``years`` that are sample figures: ``survey_estimates``)."""
    rows = wh.rows(
        f"""
        SELECT i.indicator_id, i.domain, i.title_nl, i.title_en, i.unit, i.direction,
               i.key_indicator, i.opgaven, i.break_years, i.signed, i.decimals, i.year_offset,
               i.current_prices, t.first_year, t.last_year, t.first_value, t.last_value,
               t.abs_change, t.rel_change, t.mk_p, t.classification, t.direction_label,
               t.indicative, t.n_points, t.n_distinct, t.n_counts, t.count_unit,
               t.segment_reason, t.segment_start, t.theil_sen_slope, c.mean_count,
               i.can_be_negative, bf.nl_value AS nl_first,  -- a multiple's rule
               coalesce(NOT k.holds, false) AS rests_on_rounding, b.year AS bench_year,
               coalesce(cc.undoable, false) AS coarse_change, b.value AS bench_value, s.median,
               s.rank, s.n, s.percentile, b.ommeland_value, b.nl_value, sb.year AS base_year,
               sb.base_count, sb.base_unit, sb.survey,
               NOT EXISTS (SELECT 1 FROM comparison_group_members m
                   WHERE m.set_id = $2 AND (m.region_code = $1 AND m.focal_code IS NULL
                                            OR m.focal_code = $1)) AS outsider
        FROM indicators i
        LEFT JOIN trends t ON t.indicator_id = i.indicator_id AND t.region_code = $1
        LEFT JOIN coarse_trends k ON k.indicator_id = i.indicator_id AND k.region_code = $1
        LEFT JOIN coarse_changes cc ON cc.indicator_id = i.indicator_id AND cc.region_code = $1
        LEFT JOIN trend_counts c ON c.indicator_id = i.indicator_id AND c.region_code = $1
        LEFT JOIN benchmark_latest b ON b.indicator_id = i.indicator_id AND b.region_code = $1
        LEFT JOIN benchmarks bf ON bf.indicator_id = i.indicator_id AND bf.region_code = $1
         AND bf.year = t.first_year
        LEFT JOIN {MARKED_BASES} sb ON sb.indicator_id = i.indicator_id AND sb.region_code = $1
         AND sb.year = b.year
        LEFT JOIN group_benchmarks s ON s.set_id = $2 AND s.region_code = $1
         AND s.indicator_id = b.indicator_id AND s.year = b.year
        WHERE NOT i.projection
        ORDER BY i.domain, NOT i.key_indicator, i.indicator_id
        """, [code, set_id])
    spark = wh.rows(  # and the years that are a small municipality's sample figures
        """
        SELECT indicator_id, list(year ORDER BY year) AS years, list(value ORDER BY year) AS vals,
               list(year ORDER BY year) FILTER (WHERE provisional) AS provisional,
               list(year ORDER BY year) FILTER (WHERE e.year IS NOT NULL) AS sampled
        FROM indicator_values LEFT JOIN survey_estimates e USING (region_code, indicator_id, year)
        WHERE region_code = ? AND value IS NOT NULL
          AND indicator_id NOT IN (SELECT indicator_id FROM indicators WHERE projection)
        GROUP BY indicator_id""", [code])
    by_id = {s["indicator_id"]: s for s in spark}
    jumps = _by_indicator(wh, "series_jumps", code, "year")
    humps = _by_indicator(wh, "series_humps", code, "first_year")
    steps = _by_indicator(wh, "series_steps", code, "year")
    after = {r["indicator_id"]: r for r in wh.rows(
        "SELECT * EXCLUDE (region_code) FROM jump_trends WHERE region_code = ?", [code])
    } if wh.has("jump_trends") else {}
    untested = {r["indicator_id"]: r for r in wh.rows(
        "SELECT indicator_id, reason, segment_start FROM untested_series WHERE region_code = ?",
        [code])} if wh.has("untested_series") else {}
    fresh = fresh_from(wh.build_info)
    out = []
    for row in rows:
        s = by_id.get(row["indicator_id"])
        if s is None:
            continue
        row["untested"] = untested.get(row["indicator_id"])
        row["provisional"] = list(s["provisional"] or ())
        row["fresh_from"] = fresh
        row["jumps"] = jumps.get(row["indicator_id"], [])
        row["jump_trend"] = after.get(row["indicator_id"])
        row["humps"] = humps.get(row["indicator_id"], [])
        row["steps"] = steps.get(row["indicator_id"], [])
        row["years"], row["values"], row["survey_years"] = s["years"], s["vals"], s["sampled"] or []
        row["latest_year"], row["latest_value"] = s["years"][-1], s["vals"][-1]
        out.append(row)
    return out


def _by_indicator(wh: WebWarehouse, table: str, code: str, order: str
                  ) -> dict[str, list[dict[str, Any]]]:
    """A municipality's rows of ``table`` by indicator, in ``order`` (none before the table)."""
    out: dict[str, list[dict[str, Any]]] = {}
    if wh.has(table):
        for r in wh.rows(f"SELECT * EXCLUDE (region_code) FROM {table} WHERE region_code = ? "
                         f"ORDER BY indicator_id, {order}", [code]):
            out.setdefault(r.pop("indicator_id"), []).append(r)
    return out


def peers(wh: WebWarehouse, code: str, set_id: str | None) -> list[dict[str, Any]]:
    """The peers within ``set_id`` first, then among all (``groups.PEERS_SQL``)."""
    rows = wh.rows(PEERS_SQL, [code, set_id])
    for row in rows:
        row["peer_name"] = wh.name(row["peer_code"])
    return rows


#: the gap trend's columns a tweedeling row carries: its years, its verdict only where the
#: analysis gives one (``no_verdict`` NULL, :mod:`stadstrends.analysis.gaps`), else the code
#: saying why not and what its words name (step member, distinct values, mean count a year)
_VERDICT = ("movement", "valence", "classification", "indicative", "gap_sign_changed", "ends_level",
            "starts_level", "other_side_years", "last_ratio", "abs_against", "printed_first_gap",
            "printed_last_gap")
_WHY = ("no_verdict", "step_member", "step_previous_year", "step_year", "city_distinct",
        "city_mean_count")


def _gap_trend_columns(wh: WebWarehouse) -> str:
    """The SELECT list of :func:`city_gaps`' gap trend (all NULL without the table)."""
    if not wh.has("region_gap_trends"):
        return ", ".join(f"NULL AS {c}" for c in (
            "first_year", "trend_last_year", *_VERDICT, *_WHY))
    return ", ".join(["t.first_year", "t.last_year AS trend_last_year",
                      *(f"CASE WHEN t.no_verdict IS NULL THEN t.{c} END AS {c}"
                        for c in _VERDICT), *(f"t.{c}" for c in _WHY)])


def city_gaps(wh: WebWarehouse, code: str) -> list[dict[str, Any]]:
    """City vs ommeland per key indicator (latest year) as a ratio, with the gap trend's
    relative movement and valence, or, where the analysis gives no verdict, the code saying
    why (``no_verdict``, with the columns its words need); counts are never compared
    (absolute sizes differ)."""
    trend = _gap_trend_columns(wh)
    join = ("LEFT JOIN region_gap_trends t USING (region_code, indicator_id)"
            if wh.has("region_gap_trends") else "")
    return wh.rows(
        f"""
        SELECT g.indicator_id, i.title_nl, i.title_en, i.unit, i.signed, i.decimals, g.year,
               g.city_value, g.ommeland_value, g.ommeland_zeros, g.ratio, {trend}
        FROM region_gaps g
        JOIN indicators i USING (indicator_id)
        {join}
        WHERE g.region_code = ? AND i.key_indicator AND i.method <> 'count' AND NOT i.projection
          AND g.year = (SELECT max(year) FROM region_gaps x
                        WHERE x.region_code = g.region_code AND x.indicator_id = g.indicator_id)
        ORDER BY i.domain, g.indicator_id LIMIT 100
        """, [code])


def gap_indicator_count(wh: WebWarehouse, code: str) -> int:
    """How many indicators have a city-ommeland gap for ``code`` that the tweedeling table
    could show (no counts, no projections): the whole of which :func:`city_gaps` (key
    indicators only) is a selection."""
    return int(wh.rows(
        """
        SELECT count(DISTINCT g.indicator_id) AS n FROM region_gaps g
        JOIN indicators i USING (indicator_id)
        WHERE g.region_code = ? AND i.method <> 'count' AND NOT i.projection
        """, [code])[0]["n"])


def missing_gap_trends(wh: WebWarehouse, code: str,
                       gaps: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """indicator -> why the city's tweedeling row ``gaps`` has no gap trend (no
    ``region_gap_trends`` row; the analysis' ``untested_gaps``, read by
    :func:`~stadstrends.publish.gap_missing.missing_trends`), with ``names``: the codes it
    names (:func:`~stadstrends.publish.gap_missing.named_in`) -> their names; {} on a warehouse
    without the table."""
    ids = [g["indicator_id"] for g in gaps if g.get("first_year") is None]
    if not ids or not wh.has("untested_gaps"):
        return {}
    with wh.cursor() as cur:
        found = missing_trends(cur, code, ids)
    for reason in found.values():
        reason["names"] = {m: wh.name(m) for m in named_in(reason)}
    return found


def lone_corop(wh: WebWarehouse, code: str) -> str | None:
    """The COROP region a municipality forms alone (``ommeland_note`` ``ommeland_city_alone``:
    Eemsdelta, Delfzijl en omgeving), whose tweedeling has no ommeland; else None."""
    if not wh.has("ommeland"):
        return None
    rows = wh.rows("SELECT any_value(corop_code) AS corop FROM ommeland WHERE region_code = ? "
                   "AND ommeland_note = 'ommeland_city_alone'", [code])
    return rows[0]["corop"] if rows else None


def opgave_summary(wh: WebWarehouse, code: str, set_id: str) -> list[dict[str, Any]]:
    """The opgave summary of a municipality within a comparison group, when the warehouse
    has it."""
    if not wh.has("opgave_summary"):
        return []
    return wh.rows("SELECT * FROM opgave_summary WHERE region_code = ? AND set_id = ? "
                   "ORDER BY position", [code, set_id])


def computed_steps(wh: WebWarehouse) -> dict[str, dict[int, int]]:
    """indicator_id -> year -> the unit a page prints an ommeland figure to: the report's
    rule (:func:`stadstrends.publish.harmonised.computed_rounding`: a sum over
    municipalities no more precise than their figures, gas use to tens). The API keeps the
    raw values."""
    parts = []
    if wh.has("numerator_rounding") and wh.has("indicators"):
        parts.append("SELECT n.indicator_id, n.year, max(n.unit) AS unit FROM numerator_rounding n "
                     "JOIN indicators i USING (indicator_id) WHERE i.method = 'count' "
                     "GROUP BY ALL")
    if wh.has("mean_rounding"):
        parts.append("SELECT indicator_id, year, unit FROM mean_rounding")
    out: dict[str, dict[int, int]] = {}
    for r in wh.rows(" UNION ALL ".join(parts)) if parts else []:
        out.setdefault(r["indicator_id"], {})[int(r["year"])] = int(r["unit"])
    return out
