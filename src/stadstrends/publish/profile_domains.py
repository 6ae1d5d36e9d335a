"""The city profile's counts per domain and their summary ('20 indicatoren met cijfers: 0
verbeteren, ...'), judged as the report judges a trend: its panels, its sentences and the
dashboard's tiles (:func:`stadstrends.publish.sentence_jumps.status`, over a jump the trend
the report leads with, :func:`~stadstrends.publish.sentence_jumps.shown_trend`).

A series with fewer than the settings' ``min_significant_points`` figures in its window is
never tested (the report: 'te weinig jaren voor een toets'; ``trends`` classifies it 'not
tested', ``indicative``): it counts as untested, not as 'zonder significante trend'.
Leeuwarden's demography on the 2025 snapshot: '4 zonder significante trend en 9 met te
weinig recente, vergelijkbare jaren voor een toets (minder dan 5 jaren met cijfers)'; before,
'6 zonder duidelijke trend en 7 ... (minder dan 3)' counted the shares of 65-plussers (4
figures) and 75-plussers (3) as tested.
"""

from __future__ import annotations

import duckdb

from stadstrends.publish import sentence_jumps as sj
from stadstrends.publish.relations import relations
from stadstrends.publish.sentence_signals import PROFILE, missing
from stadstrends.publish.sentence_verdicts import steps_only
from stadstrends.publish.small_base_words import MARKED_BASES

#: the counts of a domain, in the order the summary says them; they add up to its indicators
#: (projections apart); 'stale': the latest figure is before the build's first fresh year,
#: counted apart from the trends, as the city page marks such a tile 'verouderd' and the
#: signals leave it out (Zwolle's safety: 2 'verbeteren' were the survey of 2019); 'steps':
#: not tested for too few distinct (rounded) values, as the report's 'niet getoetst'
#: (:func:`~stadstrends.publish.sentence_verdicts.steps_only`; Oss's low incomes 6-7%);
#: 'rounding': a significant trend CBS's rounding of its years could undo (``coarse_trends``,
#: ``rests_on_rounding``: Ameland's payment arrears), not counted as improving or worsening
KINDS = ("improving", "worsening", "neutral", "flat", "steps", "rounding", "untested",
         "over_jump", "stale")
_KIND = {"stable": "flat", "indicative": "untested", "none": "untested"}


#: A municipality's indicators with their latest figure, trend, position in a group, latest
#: ommeland figure (``ommeland``: a count's too, as the city page; before, ``region_gaps``
#: only, and Land van Cuijk's population said '–' beside the tile's 592 156), its gap and
#: small base, and the mean count a year behind its trend (``trend_counts.mean_count``: the
#: small-count caveat of the report's sentence) (``$code``, ``$set_id``): the profile's domain
#: rows (``$small``: the build's ``small_count``).
DOMAINS_SQL = f"""
WITH latest AS (
    SELECT indicator_id, max(year) AS year, arg_max(value, year) AS value,
           coalesce(list(year ORDER BY year) FILTER (WHERE provisional), []) AS provisional
    FROM indicator_values WHERE region_code = $code GROUP BY ALL),
sampled AS (  -- the years of a small municipality's sample figures, with the series' years
    SELECT v.indicator_id, list(v.year ORDER BY v.year) AS years,
           list(v.year ORDER BY v.year) FILTER (WHERE e.year IS NOT NULL) AS survey
    FROM indicator_values v LEFT JOIN survey_estimates e USING (region_code, indicator_id, year)
    WHERE v.region_code = $code AND v.value IS NOT NULL
      AND v.indicator_id IN (SELECT indicator_id FROM survey_estimates WHERE region_code = $code)
    GROUP BY ALL),
omm AS (  -- every ommeland figure, a count's too (its population, as the city page's tile);
    -- the gap only where region_gaps has one (none of a count)
    -- and ommeland_zeros: a 0 on its members' counts CBS rounded to 0 (publish/ommeland_zeros)
    SELECT o.indicator_id, o.year AS ommeland_year, o.ommeland_value, g.gap AS ommeland_gap,
           o.ommeland_zeros
    FROM ommeland o
    LEFT JOIN region_gaps g USING (region_code, indicator_id, year)
    WHERE o.region_code = $code AND o.ommeland_value IS NOT NULL
    QUALIFY o.year = max(o.year) OVER (PARTITION BY o.indicator_id))
SELECT i.domain, i.indicator_id, i.title_nl, i.unit, i.decimals, i.direction, i.key_indicator,
       i.current_prices, i.year_offset, i.signed,
       i.projection, l.year, l.value, l.provisional, t.first_year, t.last_year, t.first_value,
       t.abs_change AS change, t.rel_change,
       t.theil_sen_slope AS slope, t.mk_p AS p_value, t.classification, t.direction_label,
       t.indicative, t.n_distinct, t.n_counts, coalesce(NOT k.holds, false) AS rests_on_rounding,
       b.median, z.median_zeros, b.rank, b.n, b.percentile, b.robust_z,
       o.ommeland_year, o.ommeland_value, o.ommeland_gap, o.ommeland_zeros, sb.base_count,
       sb.base_unit, sb.survey,
       c.mean_count, coalesce(c.mean_count < $small, false) AS small_counts,
       sp.years AS series_years, sp.survey AS sampled_years  -- popped: survey_span
FROM indicators i
JOIN latest l USING (indicator_id)
LEFT JOIN sampled sp USING (indicator_id)
LEFT JOIN {MARKED_BASES} sb ON sb.region_code = $code AND sb.indicator_id = i.indicator_id
 AND sb.year = l.year
LEFT JOIN trends t ON t.region_code = $code AND t.indicator_id = i.indicator_id
LEFT JOIN coarse_trends k ON k.region_code = $code AND k.indicator_id = i.indicator_id
LEFT JOIN trend_counts c ON c.region_code = $code AND c.indicator_id = i.indicator_id
LEFT JOIN group_benchmarks b ON b.set_id = $set_id AND b.region_code = $code
 AND b.indicator_id = i.indicator_id AND b.year = l.year
LEFT JOIN benchmark_zeros z  -- a median of 0 on counts CBS rounded to 0 (publish/median_zeros)
  ON z.set_id = $set_id AND z.region_code = $code AND z.indicator_id = i.indicator_id
 AND z.year = l.year
LEFT JOIN omm o ON o.indicator_id = i.indicator_id
ORDER BY i.domain, NOT i.key_indicator, i.indicator_id
"""


def jump_facts(con: duckdb.DuckDBPyConnection, code: str) -> tuple[set[str], dict[str, dict]]:
    """The municipality's indicators with an abrupt change inside their tested years
    (``series_jumps.in_tested_years``), and its ``jump_trends`` rows by indicator; none for
    a warehouse built before the jumps."""
    if not {"series_jumps", "jump_trends"} <= relations(con):
        return set(), {}
    jumped = {r[0] for r in con.execute(
        "SELECT DISTINCT indicator_id FROM series_jumps WHERE region_code = ? "
        "AND in_tested_years", [code]).fetchall()}
    cur = con.execute("SELECT indicator_id, classification, direction_label, indicative, "
                      "first_year, last_year, n_distinct, n_counts FROM jump_trends "
                      "WHERE region_code = ?", [code])
    after = {r[0]: {"classification": r[1], "direction_label": r[2], "indicative": r[3],
                    "first_year": r[4], "last_year": r[5], "n_distinct": r[6],
                    "n_counts": r[7]} for r in cur.fetchall()}
    return jumped, after


def untested_facts(con: duckdb.DuckDBPyConnection, code: str) -> dict[str, dict]:
    """The municipality's ``untested_series`` rows by indicator (why a series has no trend:
    ``reason``, ``segment_start``); none for a warehouse built before that table."""
    try:
        rows = con.execute("SELECT indicator_id, reason, segment_start FROM untested_series "
                           "WHERE region_code = ?", [code]).fetchall()
    except duckdb.CatalogException:
        return {}
    return {r[0]: {"reason": r[1], "segment_start": r[2]} for r in rows}


def mark_tested(row: dict, min_distinct: int, trend_key: str = "classification") -> dict:
    """``row`` (a profile row with its ``trends`` fields) with ``tested`` (None without a
    trend) and ``untested_reason``: 'too_few_years' (``indicative``: its ``p_value`` set to
    None) or 'few_distinct_values' (fewer than ``min_distinct`` distinct values,
    :func:`~stadstrends.publish.sentence_verdicts.steps_only`: its ``p_value`` set to None,
    no test was run; Oss's low incomes had p = 0.037 beside 'no significant change', now
    classified 'not tested')."""
    reason = None
    if missing(row.get(trend_key)):
        tested = None
    elif steps_only(row, min_distinct):
        tested, reason, row["p_value"] = False, "few_distinct_values", None
    elif row.get("indicative"):  # no p-value beside 'not tested' either (Vlieland's share
        # of 65-plussers, 4 figures: p = 0.33 in the API before)
        tested, reason, row["p_value"] = False, "too_few_years", None
    else:
        tested = True
    row["tested"], row["untested_reason"] = tested, reason
    return row


def kind(row: dict, jumped: set[str] = frozenset(), after: dict | None = None,
         fresh: int | None = None, min_distinct: int = 0) -> str:
    """One of :data:`KINDS` for a profile row (its ``trends`` fields and latest ``year``):
    'stale' when that year is before ``fresh`` (:func:`stadstrends.publish.read.fresh_from`),
    else as the report judges the trend it shows: 'steps' for one not tested for fewer than
    ``min_distinct`` distinct values or counts (the row's own trend, or the one after a jump
    the report leads with; not one over a jump without a verdict after it)."""
    if fresh is not None and row.get("year") is not None and int(row["year"]) < fresh:
        return "stale"
    trend = shown(row, jumped, after)
    st = sj.status(trend)
    if st not in ("indicative", "over_jump") and steps_only(trend, min_distinct):
        return "steps"
    if trend is own(row) and row.get("rests_on_rounding") and st in (
            "improving", "worsening", "neutral"):
        return "rounding"
    return _KIND.get(st, st)


def own(row: dict) -> dict | None:
    """A profile row as its own ``trends`` row (None without a trend)."""
    return row if row.get("classification") else None


def shown(row: dict, jumped: set[str] = frozenset(), after: dict | None = None
          ) -> dict | None:
    """The trend the report's panel labels for a profile row
    (:func:`~stadstrends.publish.sentence_jumps.shown_trend`): the row itself, the trend
    after an abrupt change (a ``jump_trends`` row of ``after``) or the row marked
    'over_jump'; None without a trend."""
    ind = row["indicator_id"]
    return sj.shown_trend({"trend": own(row),
                           "jumps": [{"in_tested_years": True}] if ind in jumped else [],
                           "jump_trend": (after or {}).get(ind)})


def trend_counts(rows: list[dict], jumped: set[str] = frozenset(),
                 after: dict | None = None, fresh: int | None = None,
                 min_distinct: int = 0) -> dict[str, int]:
    """How many of a domain's rows are of each of :data:`KINDS` (they add up to
    ``len(rows)``)."""
    kinds = [kind(r, jumped, after, fresh, min_distinct) for r in rows]
    return {k: kinds.count(k) for k in KINDS}


def domain_summary(total: int, n: dict[str, int], min_points: int, lang: str = "nl",
                   fresh: int | None = None) -> str:
    """'20 indicatoren met cijfers: 0 verbeteren, 0 verslechteren, 7 veranderen zonder
    oordeel, 4 zonder significante trend en 9 met te weinig recente, vergelijkbare jaren voor
    een toets (minder dan 5 jaren met cijfers).' ``min_points``: the settings'
    ``min_significant_points``; the untested, over-jump and stale parts (latest figure before
    ``fresh``) only when there are any; none with figures: 'Geen cijfers ...'."""
    w = PROFILE[lang]
    if total == 0:  # not '0 indicatoren met cijfers: 0 verbeteren, 0 ...'
        return w["domain_summary_none"]
    parts = [w[f"n_{k}"].format(n=n[k]) for k in ("improving", "worsening", "neutral", "flat")]
    if n.get("steps"):
        parts.append(w["n_steps"].format(n=n["steps"]))
    if n.get("rounding"):
        parts.append(w["n_rounding"].format(n=n["rounding"]))
    if n["untested"]:
        parts.append(w["n_untested"].format(n=n["untested"], min=min_points))
    if n["over_jump"]:
        parts.append(w["n_over_jump"].format(n=n["over_jump"]))
    if n.get("stale"):
        parts.append(w["n_stale"].format(n=n["stale"], fresh=fresh))
    return w["domain_summary"].format(
        total=total, noun=w["indicator_one" if total == 1 else "indicator_many"],
        parts=", ".join(parts[:-1]), last=parts[-1])


def titles_in(con: duckdb.DuckDBPyConnection, lang: str) -> dict[str, str]:
    """Indicator titles in ``lang`` from the labels table (English where it has none)."""
    rows = con.execute(
        "SELECT code, arg_max(text, lang = ?) FROM labels WHERE kind = 'indicator' "
        "AND field = 'title' AND lang IN (?, 'en') GROUP BY code", [lang, lang]).fetchall()
    return dict(rows)


def with_title(row: dict, lang: str, titles: dict[str, dict[str, str]]) -> dict:
    """``row`` with its title in ``lang`` (a Dutch row has ``title_nl`` already)."""
    if lang == "nl":
        return row
    return {**row, f"title_{lang}": titles[lang].get(row["indicator_id"])}
