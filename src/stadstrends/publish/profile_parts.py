"""A city's trend profile (:mod:`.profile`) in JSON-ready parts: domains, indicators, trend
counts (:func:`domain_part`); the opgaven, top signals, tweedeling (:func:`opgaven_part`);
'kies richting' (:func:`kies_part`); sentences in Dutch (``*_nl``) and each asked language."""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date
from typing import Any

import duckdb

from stadstrends import vocabulary
from stadstrends.publish import signal_pairs as sp
from stadstrends.publish import small_base_words as sbw
from stadstrends.publish import trend_badge
from stadstrends.publish.cut_members import mark_rows, peer_lists
from stadstrends.publish.divide_words import divide_clause
from stadstrends.publish.figure_notes import ommeland_derived, rough
from stadstrends.publish.groups import phrase
from stadstrends.publish.harmonised import (
    cbs_units,
    computed_rounding,
    marked_years,
    recalculated_rounding,
    round_computed,
    round_median,
)
from stadstrends.publish.kies_change import kies_trends
from stadstrends.publish.kies_withheld import withheld_rows
from stadstrends.publish.ommeland_dominant import ommeland_dominant
from stadstrends.publish.profile_domains import (
    DOMAINS_SQL,
    domain_summary,
    jump_facts,
    kind,
    mark_tested,
    shown,
    titles_in,
    trend_counts,
    untested_facts,
    with_title,
)
from stadstrends.publish.read import (
    build_info,
    build_settings,
    domains,
    fresh_from,
    is_city,
    records,
)
from stadstrends.publish.rounding import coarse_years, rounded_zeros
from stadstrends.publish.sentence_signals import PROFILE, kies_parts, missing, signal_sentence
from stadstrends.publish.sentence_words import year_flags
from stadstrends.publish.trend_line import city_lines

TOP_SIGNALS = 5
LABEL_KEYS = {"distinctive strength": "distinctive_strengths", "urgent task": "urgent_tasks"}


def clean(obj: Any) -> Any:
    """``obj`` with numpy/pandas values turned into plain JSON-ready Python (NaN -> None).
    numpy is looked up, not imported: when no module imported it, no value is numpy's (a
    report does not import it; pandas' Timestamp is a ``datetime``, so a ``date``)."""
    if isinstance(obj, dict):
        return {str(k): clean(v) for k, v in obj.items()}
    np = sys.modules.get("numpy")
    if isinstance(obj, list | tuple) or (np is not None and isinstance(obj, np.ndarray)):
        return [clean(v) for v in obj]
    if isinstance(obj, date):
        return obj.isoformat()[:10]
    if np is not None and isinstance(obj, np.generic):
        obj = obj.item()
    return None if missing(obj) else obj


def json_rows(con: duckdb.DuckDBPyConnection, sql: str, params: Any = None) -> list[dict]:
    """The rows of ``sql`` as JSON-ready dicts (no DataFrame: pandas cost most of 160 ms)."""
    return clean(records(con, sql, params))


def year_marks(con: duckdb.DuckDBPyConnection, code: str) -> Callable[[dict], dict]:
    """What a sentence of ``code`` needs to mark its figures' years as the tiles do
    (:func:`~.sentence_words.figure_marks`): a function giving a row its ``provisional``
    years, the build's ``fresh_from``, its ``harmonised`` and ``recomputed`` years
    (:func:`~.harmonised.marked_years`; ``rounding``: units), ``rounded_zero`` and
    ``coarse_years`` (:mod:`~.rounding`), ``year_offset`` (payment arrears), for the sentence."""
    fresh = fresh_from(build_info(con))
    provisional = dict(con.execute("SELECT indicator_id, list(year ORDER BY year) FROM "
        "indicator_values WHERE region_code = ? AND provisional GROUP BY ALL", [code]).fetchall())
    recalculated = marked_years(con, code, "harmonised")
    recomputed, zeros = marked_years(con, code, "recomputed"), rounded_zeros(con, code)
    steps, coarse = recalculated_rounding(con), coarse_years(con, code)  # no finer than CBS's
    moved = dict(con.execute("SELECT indicator_id, year_offset FROM indicators "
                             "WHERE year_offset <> 0").fetchall())
    return lambda row: {**row, "provisional": provisional.get(i := row.get("indicator_id"), []),
                        "fresh_from": fresh, "year_offset": moved.get(i), "rounding": steps.get(i),
                        "harmonised": sorted(recalculated.get(i, ())),
                        "recomputed": sorted(recomputed.get(i, ())),
                        "rounded_zero": zeros.get(i, []), "coarse_years": coarse.get(i, [])}


def group_phrase(group: dict, lang: str) -> str:
    """The group's phrase in ``lang`` (English where it has none)."""
    return group.get(f"phrase_{lang}") or group["phrase_en"]


def domain_part(con: duckdb.DuckDBPyConnection, code: str, set_id: str,
                langs: tuple[str, ...] = ("nl",)) -> list[dict]:
    """Per domain (in the warehouse's order): its indicators' latest value, trend, position
    in group ``set_id`` and ommeland (``indicators``: the city page's tiles; CBS's projections
    in ``projections``), how their trends move (:func:`trend_counts`; one with an out-of-date
    latest figure as ``n_stale``), ``counted`` saying so (the tiles' words, ``langs[-1]``). An
    indicator's marks after its latest figure are the tile's, from :func:`year_marks`; its
    ``tested`` and ``untested_reason`` (:func:`~.profile_domains.mark_tested`: a trend not
    tested has no ``p_value``, one for its few distinct values counts as ``n_steps``); its
    ``trend_kind`` (:func:`~.profile_domains.kind` without staleness), ``trend_after_jump``
    (the report shows the trend after an abrupt change), ``trend_label_<lang>`` (the panel's:
    'trend 2016-2023: niet getoetst, afgerond'), ``trend_badge_<lang>`` (the tile's and the
    badge's: :mod:`~stadstrends.publish.trend_badge`); ``base_count``/``base_unit`` (a share
    from few cases: ``small_bases``) or None; ``mean_count``, ``small_counts``, ``small_count``."""
    from stadstrends.publish.report.panels import trend_label

    by_domain, projections = {}, {}  # domain -> its rows; CBS's forecasts apart
    fresh, marked = fresh_from(build_info(con)), year_marks(con, code)  # marks: one rule
    settings = build_settings(con)
    min_points, min_distinct = settings.min_significant_points, settings.min_distinct_values
    lines = city_lines(con, code, min_distinct)  # a first year far off the trend's line
    for row in json_rows(con, DOMAINS_SQL,
                         {"code": code, "set_id": set_id, "small": settings.small_count}):
        row["line"] = lines.get(row["indicator_id"])
        row.update(sbw.domain_span(row))  # a sample figure's mark: of the trend's years
        row.update({k: v for k, v in marked(row).items() if k in (  # as the tiles'
            "fresh_from", "harmonised", "recomputed", "rounded_zero", "coarse_years")})
        mark_tested(row, min_distinct)
        if row["small_counts"]:  # the limit its mean lies under: '29,6', not '30' (fmt_under)
            row["small_count"] = settings.small_count
        (projections if row["projection"] else by_domain).setdefault(
            row.pop("domain"), []).append(row)
    w = {k: vocabulary.word(langs[-1], s, k) for s, k in (  # the tiles' words, as asked
        ("trend_verbs", "not tested"), ("words", "stale"))}  # (en: 'out of date')
    counted = ("indicators with figures, as the city page's tiles (projections apart, not "
               f"counted); n_steps: not tested, fewer than {min_distinct} distinct (rounded) "
               f"values in the tested years ('{w['not tested']}'), not counted as without a "
               "significant trend" + (f"; n_stale: latest figure before {fresh} "
                                      f"('{w['stale']}'), not counted by its trend"
                                      if fresh is not None else ""))
    (jumped, after), untested = jump_facts(con, code), untested_facts(con, code)
    signalled = trend_badge.signalled(con, code, set_id)  # its trend a signal in the group
    for lang in langs:
        titles = titles_in(con, lang) if lang != "nl" else None
        for rows in [*by_domain.values(), *projections.values()]:
            for row in rows:
                if titles is not None:
                    row[f"title_{lang}"] = titles.get(row["indicator_id"])
                trend = shown(row, jumped, after)
                row["trend_kind"] = kind(row, jumped, after, None, min_distinct)
                row["trend_after_jump"] = trend is not None and trend.get(
                    "classification") != "over_jump" and trend is not row
                row[f"trend_label_{lang}"] = trend_label(
                    trend, lang, untested.get(row["indicator_id"]), min_distinct)
                row[f"trend_badge_{lang}"] = trend_badge.label(  # the tile's, the badge's
                    row["trend_kind"], trend_badge.among(row["indicator_id"], signalled), lang)
    out = []
    for dom in domains(con):
        domain = dom["domain"]
        rows = by_domain.get(domain, [])
        counts = trend_counts(rows, jumped, after, fresh, min_distinct)
        out.append({"domain": domain, "title_nl": dom["name_nl"],
                    "title_en": dom["name_en"], "n_indicators": len(rows),
                    **{f"n_{k}": n for k, n in counts.items()}, "counted": counted,
                    **{f"summary_{lang}": domain_summary(len(rows), counts, min_points, lang,
                                                         fresh)
                       for lang in langs},
                    "indicators": rows, "projections": projections.get(domain, [])})
    return out


def opgave_kies(con: duckdb.DuckDBPyConnection, opgave_id: str, kies: dict,
                langs: tuple[str, ...], gaps: list[dict] | None = None) -> dict:
    """What Kies richting (:func:`kies_part`'s answer ``kies``) names for one opgave, as the
    city page's card and the report's 'In een oogopslag' say it: ``kies_richting``
    (``urgent_tasks``, ``distinctive_strengths``: ``indicator_id``, ``rank``, ``title_<lang>``
    of the items linked to the opgave, ``kies_richting.opgaven``) and ``kies_<lang>``, the
    card's line ('Urgente opgave (zie Kies richting): Opgehelderde misdrijven.', Land van
    Cuijk's governance), None when it names nothing. ``gaps``: the municipality's recent gap
    signals (:func:`gap_signals`), so that a strength whose lead over the ommeland shrinks says
    so in the line, as in the report."""
    from types import SimpleNamespace

    from stadstrends.publish.report.direction_words import kies_line

    rows = [r for key in LABEL_KEYS.values() for r in kies.get(key) or []]
    mine = {key: [{k: r.get(k) for k in ("indicator_id", "rank", *(f"title_{x}" for x in langs))}
                  for r in kies.get(key) or [] if opgave_id in (r.get("opgaven") or ())]
            for key in LABEL_KEYS.values()}
    out: dict[str, Any] = {"kies_richting": mine}
    if not rows:
        return out | {f"kies_{lang}": None for lang in langs}
    catalogue = {i: {"title_nl": nl, "title_en": en} for i, nl, en in con.execute(
        "SELECT indicator_id, title_nl, title_en FROM indicators").fetchall()}
    for lang in langs:
        if lang not in ("nl", "en"):
            for i, text in titles_in(con, lang).items():
                catalogue.setdefault(i, {})[f"title_{lang}"] = text
        data = SimpleNamespace(kies=rows, catalogue=catalogue, signals=gaps or [])
        out[f"kies_{lang}"] = kies_line(data, {"id": opgave_id}, lang)
    return out


def gap_signals(con: duckdb.DuckDBPyConnection, code: str, set_id: str) -> list[dict]:
    """The municipality's recent (not stale) signals on its gap with the ommeland in group
    ``set_id``, strongest first as the report reads them (``indicator_id``, kind, valence)."""
    return json_rows(con,
        "SELECT indicator_id, kind, valence FROM signals WHERE region_code = ? AND set_id = ? "
        "AND NOT stale AND starts_with(kind, 'gap_') "
        "GROUP BY ALL ORDER BY min(rank_city), indicator_id, kind", [code, set_id])


def opgaven_part(con: duckdb.DuckDBPyConnection, code: str, group: dict,
                 langs: tuple[str, ...] = ("nl",), kies: dict | None = None) -> list[dict]:
    """The five opgaven in order: signal counts, the tweedeling lens, the signals of its
    ``TOP_SIGNALS`` strongest indicators within ``group`` (each by its strongest) as sentences,
    a summary per language and what Kies richting (``kies``, :func:`kies_part`) names for each
    (:func:`opgave_kies`); a gap sentence says 'stad' only for a city (:func:`is_city`)."""
    city = is_city(con, code)
    summary = json_rows(con,
        "SELECT s.*, o.name_en, o.description_nl, o.description_en FROM opgave_summary s "
        "JOIN opgaven o USING (opgave_id) WHERE s.region_code = ? AND s.set_id = ? "
        "ORDER BY s.position", [code, group["set_id"]])
    top: dict[str, list[dict]] = {}
    for row in json_rows(con, sp.TOP_SQL, [code, group["set_id"], TOP_SIGNALS]):
        top.setdefault(row.pop("opgave_id"), []).append(row)
    # the verdict of the same indicator the other way (Vlieland's unemployment: gunstig
    # against its ommeland, ongunstig in its group), said in its bullet too
    other = sp.others(top, json_rows(con, sp.SIDES_SQL, [code, group["set_id"]]))
    # signals counted per indicator and kind (Zwolle's crimes, Zorg en welzijn: above the
    # ommeland and rising: both counts); the badges of divides that changed sides (counted
    # neither way) and of gap trends without a direction ('geen oordeel'; not '_rel' ones)
    g = group["set_id"]
    counts = {o: rest for o, *rest in con.execute(
        "SELECT opgave_id, count(DISTINCT indicator_id), count(DISTINCT indicator_id) FILTER "
        "(WHERE kind = 'gap_crossing' AND valence <> 'neutral'), count(DISTINCT indicator_id) "
        "FILTER (WHERE starts_with(kind, 'gap_') AND valence = 'neutral' AND NOT (ends_with("
        "movement, '_rel') AND direction <> 'neutral')) FROM signals WHERE region_code = ? AND "
        "set_id = ? AND opgave_id IS NOT NULL AND NOT stale GROUP BY ALL", [code, g]).fetchall()}
    titles = {lang: titles_in(con, lang) for lang in langs if lang != "nl"}
    gaps = gap_signals(con, code, group["set_id"]) if kies else []
    marks, spans = year_marks(con, code), sbw.survey_spans(con, code)  # sample figures' years
    steps = computed_rounding(con)  # an ommeland printed as the report prints it
    lines = city_lines(con, code, build_settings(con).min_distinct_values)  # as the tiles
    derived, main = ommeland_derived(con, code), ommeland_dominant(con, code)  # its marks
    out = []
    signals_all = [sig for sig in [*(x for sigs in top.values() for x in sigs),
                                   *other.values()] if sig.get("year") is not None]
    mark_rows(con, code, group["set_id"], signals_all, {})  # members a cut copy left out

    def shown(sig: dict, lang: str) -> dict:  # its figures as the report and tiles print them
        ind_steps = steps.get(sig.get("indicator_id"))
        return marks(with_title({**sig, "ommeland_value": round_computed(
            sig.get("ommeland_value"), ind_steps, sig["year"]),
            "median": round_median(  # finer where it would print as the figure
                sig.get("median"), sig.get("value"), ind_steps, sig["year"]),
            "ommeland_rough": rough(derived.get(
                sig.get("indicator_id"), {}).get(sig["year"]), sig.get("decimals")),
            "ommeland_dominant": main.get(sig.get("indicator_id"), {}).get(sig["year"]),
            "line": lines.get(sig["indicator_id"]) if sig["kind"] == "trend" else None,
            **sbw.trend_span(spans, sig), "outsider": not group.get("member", 1)}, lang, titles))

    for s in summary:
        signals = top.get(s["opgave_id"], [])
        for sig in signals:
            two = other.get((s["opgave_id"], sig["indicator_id"]))
            for lang in langs:
                said = (group_phrase(group, lang), lang, group.get("n"), city)
                sig[f"text_{lang}"] = (sp.sentence(shown(sig, lang), shown(two, lang), *said)
                                       if two else signal_sentence(shown(sig, lang), *said))
            if two:  # the other verdict, as the sentence names it
                sig["other_verdict"] = {"kind": two["kind"], "valence": two["valence"]}
            for key in sp.SAID:
                sig.pop(key, None)
        period = (f"{s['ineq_first_year']}–{s['ineq_last_year']}"
                  if s["ineq_first_year"] is not None else None)
        item = {
            "id": s["opgave_id"], "name_nl": s["name_nl"], "name_en": s["name_en"],
            "description_nl": s["description_nl"], "description_en": s["description_en"],
            "n_signals": s["n_signals"], "adverse": s["n_adverse"],
            "n_signal_indicators": counts.get(s["opgave_id"], [0, 0, 0])[0],
            "n_indicators_compared": s["n_indicators_compared"],
            "favourable": s["n_favourable"], "neutral": s["n_neutral"],
            "mean_strength": s["mean_strength"],
            "tweedeling": {
                "verdict": s["tweedeling_verdict"], "way": s["tweedeling_way"],
                "n_gap_trends": s["n_gap_trends"], "untested": s["n_gaps_untested"],
                "widening": s["n_gaps_widening"], "narrowing": s["n_gaps_narrowing"],
                "n_divides": s["n_divides"], "divides_widening": s["n_divides_widening"],
                "divides_narrowing": s["n_divides_narrowing"],
                **dict(zip(("divides_crossing", "differences_changing"),
                           counts.get(s["opgave_id"], [0, 0, 0])[1:], strict=True)),
                "neighbourhood_verdict": s["neighbourhood_verdict"],
                "neighbourhood_rising": s["n_ineq_rising"],
                "neighbourhood_falling": s["n_ineq_falling"],
                "neighbourhood_period": period},
            "top_signals": signals,
            **opgave_kies(con, s["opgave_id"], kies or {}, langs, gaps),
        }
        for lang in langs:
            item[f"summary_{lang}"] = opgave_summary(item, lang, s["region_name"])
        out.append(item)
    return out


def signal_counts(n: int, k: int, favourable: int, adverse: int, neutral: int,
                  lang: str = "nl") -> str:
    """'26 signalen bij 21 indicatoren: 9 gunstig, 5 ongunstig, 12 neutraal': an opgave's
    signals (``opgave_summary``) as the API summary, the report's page 1 and 'In een
    oogopslag' and the city page's cards all say them; ``k`` the indicators they are on."""
    w = PROFILE[lang]
    return w["opgave_signals"].format(
        n=n, signals=w["signal_one" if n == 1 else "signal_many"], k=k,
        indicators=w["indicator_one" if k == 1 else "indicator_many"],
        favourable=favourable, adverse=adverse, neutral=neutral)


def opgave_summary(o: dict, lang: str = "nl", city: str = "") -> str:
    """An opgave's signal counts (:func:`signal_counts`; or that it was quiet or not
    compared), its tweedeling verdict with the way it goes for ``city`` and the counts of its
    gaps with a good or bad direction (:func:`~stadstrends.publish.divide_words.
    divide_clause`) and its neighbourhood trends, in one sentence."""
    w, lens = PROFILE[lang], o["tweedeling"]
    if o["n_signals"]:
        text = signal_counts(o["n_signals"], o["n_signal_indicators"], o["favourable"],
                             o["adverse"], o["neutral"], lang)
    elif o["n_indicators_compared"]:
        text = w["opgave_quiet"].format(n=o["n_indicators_compared"])
    else:
        text = w["opgave_uncompared"]
    text = w["opgave_tweedeling"].format(text=f"{text[0].upper()}{text[1:]}",
                                         verdict=divide_clause(lens, lang, city))
    hood = lens["neighbourhood_verdict"]
    if hood != "no data":
        verdict = vocabulary.section(lang, "neighbourhood_verdicts").get(hood, hood)
        text += w["opgave_neighbourhoods"].format(period=lens["neighbourhood_period"],
                                                  verdict=verdict)
    return text + "."


def kies_part(con: duckdb.DuckDBPyConnection, code: str, group: dict,
              langs: tuple[str, ...] = ("nl",)) -> dict:
    """'Kies richting' within ``group``: its strengths and tasks (LABEL_KEYS), each with
    text_<lang>, why_<lang> (the city page's Waarom: after title, figure and year, with a
    trend's small counts), marks (sentence_words.year_flags), tested, untested_reason
    (profile_domains.mark_tested); note None; withheld: what the near-cut or sample rule held."""
    rows = json_rows(con,
        "SELECT k.* EXCLUDE (region_code, region_name, set_id), i.decimals, t.n_distinct, "
        "t.n_counts, t.count_unit, e.survey, z.median_zeros FROM kies_richting k "  # '0,0, ...'
        "LEFT JOIN benchmark_zeros z USING (set_id, region_code, indicator_id, year) "
        "LEFT JOIN indicators i USING (indicator_id) LEFT JOIN trends t "
        "ON t.region_code = k.region_code AND t.indicator_id = k.indicator_id "
        "LEFT JOIN survey_estimates e ON (e.region_code, e.indicator_id, e.year) = "
        "(k.region_code, k.indicator_id, k.year) "  # a small town's sample figure: Waarom
        "WHERE k.region_code = ? AND set_id = ? ORDER BY label, rank",
        [code, group["set_id"]])
    settings = build_settings(con)
    min_distinct, small = settings.min_distinct_values, settings.small_count
    trends = kies_trends(con, code, min_distinct)  # for the sentence only (kies_change)
    lists = peer_lists(con, code)  # members and peers a cut copy of a table left out
    mark_rows(con, code, group["set_id"], rows,
              {id(r): lists.get(r["peer_set"], []) for r in rows})
    sbw.mark_survey_peers(con, rows)  # a better-doing peer's sample figure: said after them
    titles = {lang: titles_in(con, lang) for lang in langs if lang != "nl"}
    marks = year_marks(con, code)
    steps, named = computed_rounding(con), cbs_units(con)  # median as printed; words
    out: dict[str, Any] = {key: [] for key in LABEL_KEYS.values()}
    for row in rows:
        mark_tested(row, min_distinct, "trend")
        marked, ind = marks(row), row["indicator_id"]
        row["computed"] = named.get(ind)  # CBS's rounding in words: popped below
        median = round_median(row.get("median"), row.get("value"), steps.get(ind), row.get("year"))
        row["marks"] = year_flags(marked, row["year"])
        trend = trends.get(row["indicator_id"])
        for lang in langs:
            row.update(with_title(row, lang, titles))  # title_<lang>, as the domains' rows
            head, why = kies_parts(
                {**marked, **row, "median": median, "trend_row": trend,
                 "caveats_en": (trend or {}).get("caveats_en"), "small_count": small},
                group_phrase(group, lang), lang, group.get("n"), bool(group.get("counted")),
                phrase(group, lang, count="{n}") if "family" in group else "",
                group.get("family") or "")
            row[f"text_{lang}"], row[f"why_{lang}"] = head + why, why
        for key in ("n_cut", "cut_tables", "peers_absent", "computed", "count_unit"):  # not API
            row.pop(key, None)
        out[LABEL_KEYS[row["label"]]].append(row)
    out["withheld"] = withheld_rows(con, code, group["set_id"])  # words: kies_withheld
    out["note"] = None
    return out
