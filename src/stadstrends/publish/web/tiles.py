"""The city page's content: signal tiles per domain, opgaven, peers, tweedeling, reports."""

from __future__ import annotations

from typing import Any

from stadstrends.errors import StadstrendsError
from stadstrends.publish import figure_notes as fn
from stadstrends.publish.chart_rounding import series_step
from stadstrends.publish.charts import LABELS
from stadstrends.publish.cut_members import group_codes, mark_rows
from stadstrends.publish.divide_words import divide_clause
from stadstrends.publish.harmonised import marked_years, round_computed, round_median
from stadstrends.publish.median_zeros import median_zeros, zero_count
from stadstrends.publish.multiple_rule import says_relative
from stadstrends.publish.news import describe, region_changes
from stadstrends.publish.ommeland_dominant import dominant_words, ommeland_dominant
from stadstrends.publish.ommeland_zeros import ommeland_zeros, zero_mark
from stadstrends.publish.profile_parts import signal_counts
from stadstrends.publish.read import is_city
from stadstrends.publish.rounding import coarse_years, rounded_zeros
from stadstrends.publish.sentence_humps import hump_sentence
from stadstrends.publish.sentence_numbers import printed_difference, relative_readable
from stadstrends.publish.sentence_steps import step_sentence
from stadstrends.publish.web import (
    data,
    direction,
    gap_marks,
    group_menu,
    group_place,
    opgave_cards,
    page_parts,
    report_files,
    tile_gaps,
    tile_jumps,
    tile_line,
    tile_verdict,
    units,
)
from stadstrends.publish.web.gap_text import gap_row
from stadstrends.publish.web.i18n import DOMAINS, domain_name, opgave_name, texts, title
from stadstrends.publish.web.recalculated import round_tile
from stadstrends.publish.web.spark import rounding_steps, spark_window, sparkline
from stadstrends.publish.web.state import WebWarehouse

STATUS_ORDER = ("improving", "worsening", "neutral", "stable", "indicative", "steps",
                "over_jump", "none", "stale")
status = tile_verdict.status  # the colour class, as the report judges (:mod:`.tile_verdict`)

#: a tile's status as a signal's valence (the cards count the valences they show)
VALENCES = {"improving": "favourable", "worsening": "adverse"}


def stale(row: dict[str, Any]) -> bool:
    """Whether a tile's latest figure is older than the build's first fresh year
    (``fresh_from``, :func:`stadstrends.publish.read.fresh_from`: 2022 on the snapshot).
    Such a tile is grey with status 'stale' and says so, without arrow, verdict colour,
    change or place in the group (Zwolle's share with a non-western background, 8,8% in
    2009, had a blue 'significante trend' and 'plaats 32 van 41'); it keeps the note that
    its drawn years start at a break, and a jump's note only without a verdict in it."""
    fresh = row.get("fresh_from")
    return fresh is not None and int(row["latest_year"]) < int(fresh)


def tile(row: dict[str, Any], lang: str, w: tile_jumps.Writer | None = None,
         why: Any = None) -> dict[str, Any]:
    """One indicator tile with texts already formatted for ``lang``; over an abrupt change
    the trend the report leads with (:func:`.tile_jumps.shown`, its notes by ``w``, a writer
    in ``lang``); its verdict, colour and marks as the report's (:mod:`.tile_verdict`); the
    values missing after its latest figure with the report's reasons (``row['newer_gaps']``,
    worded with ``why``: :func:`.tile_gaps.context`)."""
    t, unit = texts(lang), row["unit"]
    jump, whole = None, row.get("classification")  # the verdict over the whole window
    w = w or tile_jumps.writer(lang)
    if any(j["in_tested_years"] for j in row.get("jumps") or ()):
        row, jump = tile_jumps.shown(row, w)
    if jump is None and row.get("humps"):  # a few years at another level: the report's words
        jump = hump_sentence(w, tile_jumps.fact(row, lang), row["humps"]).text
    if jump is None and row.get("steps"):  # a lasting one-year step: the report's words
        jump = step_sentence(w, tile_jumps.fact(row, lang), row["steps"]).text
    st = status(row)
    # the tile's figures share the report's decimals: a count's change '+74', not '+74,0'
    places = units.digits([row.get(k) for k in ("first_value", "last_value", "latest_value",
                                                 "ommeland_value", "median")], unit,
                          bool(row.get("signed")), row if row.get("first_year") else None,
                          row.get("decimals"))
    change = None
    if st != "over_jump" and row.get("abs_change") is not None and row.get("first_year"):
        rel, diff = row.get("rel_change"), row["abs_change"]
        first_v, last_v = row.get("first_value") or 0, row.get("last_value") or 0
        # none where CBS's rounding could undo the change (Kerkrade's 10 -> 5 new dwellings)
        absolute = first_v > 0 and last_v > 0 and not row.get("coarse_change") \
            and says_relative(
                {**row, "nl_values": {row["first_year"]: row.get("nl_first")}}, row)
        if absolute and rel is not None and row.get("decimals") is not None \
                and not relative_readable(first_v, last_v, rel, places):
            absolute = False  # as the report: levels that do not give the relative change
        if row.get("first_value") is not None and row.get("last_value") is not None:
            # the printed levels' difference, as the report: 32,1% -> 29,8% is −2,3 %-punt
            diff = printed_difference(first_v, last_v, places)
        change = (tile_line.change(row, lang, places, w.settings.min_distinct_values)
                  or f"{units.change(diff, unit, lang, rel if absolute else None, places)} "
                  f"{row['first_year']}–{row['last_year']}") + tile_verdict.first_mark(
            row, lang) + tile_verdict.prices(row, lang) + tile_verdict.sampled_mark(row, lang)
    position = group_place.place(row, lang, places)  # the report's convention: 1 = highest
    ommeland = None  # the table's cell; the card's line says 'Ommeland: ' before it
    if row.get("ommeland_value") is not None:
        ommeland = zero_mark(fn.with_without(units.show(
            row["ommeland_value"], unit, lang, places), row.get("ommeland_left_out"), lang,
            bool(row.get("ommeland_rough"))), row.get("ommeland_zeros"), lang)  # '≈ 50,5':
        # from CBS's rounded COROP figure; '0,0 (berekend uit een op 0 afgerond aantal)'
        if row.get("ommeland_cbs"):  # that year's: CBS's COROP figure minus the city's
            ommeland += f" ({t['omm_cbs']})"
        if main := dominant_words(row.get("ommeland_dominant"), lang):  # one member's mostly
            ommeland += f" ({main})"
    first, last = spark_window(row)
    by_year = dict(zip(row["years"], row["values"], strict=True))
    spark_years = list(range(first, last + 1))
    spark_values = [by_year.get(y) for y in spark_years]
    shown = [(y, v) for y, v in zip(spark_years, spark_values, strict=True) if v is not None]
    # CBS's rounding (jobs to hundreds): the y axis spans ten of it, as the report's panel
    step = series_step(row.get("rounding") or {}, [y for y, _ in shown])
    spark_label = " → ".join(f"{y}: {units.show(v, unit, lang, places)}"  # one year: once
                             + tile_verdict.own_mark(row, y, lang)  # ' (omgerekend)'
                             for y, v in shown[:1] + shown[1:][-1:])
    missing = [y for y, v in zip(spark_years, spark_values, strict=True) if v is None]
    if missing:
        spark_label += f" ({t['spark_gap']}: {', '.join(map(str, missing))})"
    breaks = [b for b in row.get("break_years") or () if first < b <= last]
    if first in (row.get("break_years") or ()) and int(row["years"][0]) < first:
        breaks.insert(0, first)  # a window cut at a break: earlier years not comparable
    for b in breaks:  # the report's panel's words: 'reeksbreuk vanaf 2024'
        spark_label += f" ({LABELS[lang]['break'].format(year=b)})"
    if stale(row):  # an old figure is no headline: grey, no arrow, verdict, change or rank
        if st != "over_jump" or whole in ("rising", "falling"):
            jump = None  # a jump's note that tells a verdict or the change left out
        st, change, position = "stale", None, None
    return {
        "indicator_id": row["indicator_id"], "title": title(row, lang), "unit": unit,
        "key": bool(row["key_indicator"]), "year": row["latest_year"],
        "value": units.show(row["latest_value"], unit, lang, places),
        "marks": tile_verdict.marks(row, w), "status": st,
        "what": fn.meaning_short(row["indicator_id"], lang),  # not the inhabitants it counts
        "status_text": (t["stale_tile"].format(fresh=row["fresh_from"]) if st == "stale"
                        else tile_verdict.status_text(row, st, w)) + tile_verdict.cut(row, lang),
        "arrow": "" if st == "stale" else tile_verdict.arrow(
            row, st, w.settings.min_distinct_values), "change": change,
        "missing": tile_gaps.notes(row.get("newer_gaps") or [], why, lang) if why else [],
        "jump": jump, "position": position,
        "ommeland": ommeland and f"{t['ommeland']}: {ommeland}",  # the card's line
        "ommeland_cell": ommeland,  # under the table's column 'Ommeland'
        "percentile": None if st == "stale" else row.get("percentile"),
        "spark": sparkline(spark_years, spark_values, breaks=breaks, step=step),
        "spark_years": spark_years, "spark_values": spark_values,
        "spark_first": first, "spark_last": last, "spark_label": spark_label,
        "opgaven": row.get("opgaven") or [],
    }


# entries kept per worker, e.g. 8 municipalities in two languages: a city page in each
# language and its profile are asked close together (by users and the pre-render process)
MEMO = 16


def profile(wh: WebWarehouse, code: str, set_id: str, lang: str = "nl"
            ) -> dict[str, Any] | None:
    """The profile within comparison group ``set_id`` when the signals tables exist, its
    sentences in Dutch and ``lang``; made once for the city page and the profile API
    (kept, never changed)."""
    def make() -> dict[str, Any] | None:
        try:
            from stadstrends.publish.profile import city_profile
        except ImportError:
            return None
        with wh.cursor() as cur:
            try:
                return city_profile(cur, code, set_id, lang)
            except StadstrendsError:
                return None

    return wh.memo(("profile", code, set_id, lang), make, size=MEMO)


def city_data(wh: WebWarehouse, code: str, set_id: str) -> dict[str, Any]:
    """What a city page shows in any language: indicator rows, peers, tweedeling and
    boundary changes (queries once per municipality and group, not per language)."""
    def make() -> dict[str, Any]:
        rows = data.city_indicators(wh, code, set_id)
        gaps = tile_gaps.newer_gaps(wh, code)  # missing after a tile's latest figure
        steps = data.computed_steps(wh)
        with wh.cursor() as cur:  # recalculated years, quotients of a rounded count; an
            own = marked_years(cur, code, "harmonised")  # ommeland's members left out
            quotients = marked_years(cur, code, "recomputed")
            zeros = rounded_zeros(cur, code)  # a figure on a count CBS rounded to 0
            coarse = coarse_years(cur, code)  # or one CBS rounds coarsely for the city
            left = fn.ommeland_left_out(cur, code)
            derived = fn.ommeland_derived(cur, code)  # its rounding, from CBS's COROP figure
            omm_zeros = ommeland_zeros(cur, code)  # its 0 on members' counts rounded to 0
            main = ommeland_dominant(cur, code)  # the member carrying most of it
            mz = median_zeros(cur, code, set_id)  # and the group's median's (median_zeros)
            # members a cut copy of a CBS table left out, said on the tile's place
            placed = [{"indicator_id": r["indicator_id"], "year": r["bench_year"]}
                      for r in rows if r.get("rank") and r.get("bench_year") is not None]
            mark_rows(cur, code, set_id, placed, {})
            size = len(group_codes(cur, set_id, code))
        signalled = tile_verdict.trend_signals(wh, code, set_id)  # its label: trend_badge
        cuts = {p["indicator_id"]: p for p in placed}
        named = rounding_steps(wh)  # CBS's rounding: 'honderdtallen', 'tientallen'
        for row in rows:
            cut = cuts.get(row["indicator_id"], {})
            row["n_cut"], row["cut_tables"] = cut.get("n_cut", 0), cut.get("cut_tables", [])
            row["n_members"] = size + (0 if row.get("outsider") else 1)
            row["newer_gaps"] = gaps.get(row["indicator_id"], [])
            row["rounding"] = named.get(row["indicator_id"], {})  # the sparkline's axis
            row["harmonised"] = sorted(own.get(row["indicator_id"], ()))
            round_tile(wh, row)  # no finer than CBS's figures: 1 430 m³
            row["recomputed"] = sorted(quotients.get(row["indicator_id"], ()))
            row["rounded_zero"] = zeros.get(row["indicator_id"], [])
            row["coarse_years"] = coarse.get(row["indicator_id"], [])
            row["trend_signal"] = tile_verdict.among(row["indicator_id"], signalled)
            row["ommeland_left_out"] = left.get(row["indicator_id"], {}).get(row["bench_year"])
            row["ommeland_rough"] = fn.rough(derived.get(row["indicator_id"], {}).get(
                row["bench_year"]), row.get("decimals"))
            row["ommeland_cbs"] = row.get("bench_year") in derived.get(row["indicator_id"], {})
            row["ommeland_zeros"] = omm_zeros.get(row["indicator_id"], {}).get(row["bench_year"])
            row["ommeland_dominant"] = main.get(row["indicator_id"], {}).get(row["bench_year"])
            if row.get("bench_year") is not None:  # as the report prints an ommeland
                ind_steps = steps.get(row["indicator_id"])
                row["ommeland_value"] = round_computed(row.get("ommeland_value"), ind_steps,
                                                       row["bench_year"])
                # and the group's median, finer where it would print as the city's figure
                row["median"] = round_median(row.get("median"), row.get("bench_value"),
                                             ind_steps, row["bench_year"])
                row["median_zeros"] = zero_count(mz, row["indicator_id"], row["bench_year"])
        compared = data.city_gaps(wh, code)
        missing = data.missing_gap_trends(wh, code, compared)
        gap_marks.annotate(wh, code, compared, rows)  # voorlopig, verouderd, and why old
        for g in compared:  # the city's figure marked as the report's tweedeling table
            g["harmonised"] = g["year"] in own.get(g["indicator_id"], ())
            g["recomputed"] = g["year"] in quotients.get(g["indicator_id"], ())
            g["ommeland_left_out"] = left.get(g["indicator_id"], {}).get(g["year"])
            g["ommeland_dominant"] = main.get(g["indicator_id"], {}).get(g["year"])
            g["ommeland_rough"] = fn.rough(derived.get(g["indicator_id"], {}).get(g["year"]),
                                        g.get("decimals"))
            g["ommeland_cbs"] = g["year"] in derived.get(g["indicator_id"], {})
            g["ommeland_value"] = round_computed(g["ommeland_value"],
                                                 steps.get(g["indicator_id"]), g["year"])
            g["computed"] = named.get(g["indicator_id"])  # the few values' words
            if g.get("step_member"):  # the member whose step leaves the gap without verdict
                g["step_member_name"] = wh.name(g["step_member"])
        for g in compared:  # a gap without a gap trend: why (untested_gaps, gap_missing)
            g["no_trend"] = missing.get(g["indicator_id"])
        return {"rows": rows, "why": tile_gaps.context(wh, code, gaps, own_name=True),
                "peers": data.peers(wh, code, set_id), "gaps": compared,
                "gap_total": data.gap_indicator_count(wh, code),
                "changes": region_changes(wh.rows, wh.tables, code)}

    return wh.memo(("city_data", code, set_id), make, size=MEMO)


def _opgaven(profile: dict[str, Any] | None, tiles: list[dict[str, Any]], lang: str,
             titles: dict[str, str], city: str = "") -> list[dict[str, Any]]:
    """Per opgave: the tweedeling verdict with the way it goes for ``city`` and its counts
    (:func:`~stadstrends.publish.divide_words.divide_clause`, as the profile's summary says
    it), top signals and the opgave's favourable/adverse/neutral signal counts with their
    line as the API's summary has it (:func:`.profile_parts.signal_counts`; the report's
    glance line replaces it, :func:`.opgave_cards.with_glance`); without a profile the
    counts of the tiles shown (:func:`.opgave_cards.counted`)."""
    out = []
    if profile and profile.get("opgaven"):
        for o in profile["opgaven"]:
            shown = (o.get("top_signals") or [])[:3]
            tops = [s.get(f"text_{lang}") or
                    f"{titles.get(s.get('indicator_id'), s.get('title_nl'))}: {s.get('valence')}"
                    for s in shown]
            tw = o.get("tweedeling") or {}
            out.append({"id": o["id"], "name": o.get(f"name_{lang}") or opgave_name(o["id"], lang),
                        "description": o.get(f"description_{lang}") or "",
                        "favourable": o["favourable"], "adverse": o["adverse"],
                        "neutral": o["neutral"], "n_signals": o["n_signals"],
                        "counts": signal_counts(o["n_signals"], o["n_signal_indicators"],
                                                o["favourable"], o["adverse"], o["neutral"],
                                                lang) if o["n_signals"] else None,
                        "verdict": divide_clause(tw, lang, city) if tw.get("verdict") else None,
                        "top": tops})
        return out
    from stadstrends.publish.web.i18n import OPGAVEN

    for oid in OPGAVEN:
        shown = [x for x in tiles if oid in x["opgaven"]
                 and x["status"] in ("improving", "worsening")][:3]
        out.append({"id": oid, "name": opgave_name(oid, lang), "description": "",
                    **opgave_cards.counted(VALENCES[x["status"]] for x in shown),
                    "counts": None, "verdict": None,
                    "top": [f"{x['title']}: {x['status_text']}" for x in shown]})
    return out


def city_page(wh: WebWarehouse, region: dict[str, Any], lang: str,
              vergelijk: str | None = None) -> dict[str, Any]:
    """The municipality's page, positions within the group ``vergelijk`` names (default:
    its default group); an unknown group is a GroupNotFound naming it."""
    from stadstrends.publish.groups import choices as group_choices
    from stadstrends.publish.groups import class_sentence, group_label, resolve_group

    code = region["region_code"]
    with wh.cursor() as cur:
        group = resolve_group(cur, code, region["name"], vergelijk)
        choices = group_choices(cur, code)
        city = is_city(cur, code, wh.settings)
    shared = city_data(wh, code, group["set_id"])
    rows = shared["rows"]
    w = tile_jumps.writer(lang, code, region["name"], wh.settings)
    all_tiles = [tile(r, lang, w, shared["why"]) | {  # the catalogue's caveats go with it
        "caveats": page_parts.caveats(wh.indicators[r["indicator_id"]], lang)} for r in rows]
    domains = []
    for dom in DOMAINS:
        mine = [x for x, r in zip(all_tiles, rows, strict=True) if r["domain"] == dom]
        if mine:  # out-of-date figures after the current ones, small and grey
            mine.sort(key=lambda x: x["status"] == "stale")
            domains.append({"domain": dom, "name": domain_name(dom, lang), "tiles": mine})
    prof = profile(wh, code, group["set_id"], lang)
    peers = shared["peers"]
    gaps = [gap_row(g, lang, region["name"], wh.settings.small_count) for g in shared["gaps"]]
    return {
        "region": region, "domains": domains,
        "is_city": city,  # read.is_city: 'stad en ommeland', else 'gemeente en ommeland'
        "group": {k: group[k] for k in ("set_id", "family", "n", "is_default", "member")}
        | {"label": group_label(group, lang),  # a size group's with its population date
           "phrase": group.get(f"phrase_{lang}") or group["phrase_en"],
           "class_line": class_sentence(group, region["name"], lang)},  # Eemnes: 9.927
        "groups": group_menu.options(choices, group["set_id"], region["name"], lang),
        # the report's 'In een oogopslag' bullets on the cards, with the counts made here
        "opgaven": opgave_cards.with_glance(
            wh, code, group["set_id"], lang,
            _opgaven(prof, all_tiles, lang, {i: title(m, lang) for i, m in wh.indicators.items()},
                     region["name"])),
        "kies_richting": (prof or {}).get("kies_richting"),
        "kies": direction.kies_richting(wh, prof, lang),
        "missing_domains": direction.missing_domains(wh, {d["domain"] for d in domains}, lang,
                                                     code),
        "peers_group": [p for p in peers if p["peer_set"] == group["set_id"]],
        "peers_all": [p for p in peers if p["peer_set"] == "all"],
        "peer_lists": group_menu.peer_lists(region, group, peers, lang),  # each counted
        "gaps": gaps,  # none: why, when the COROP region is the municipality alone
        "gaps_none": None if gaps else _lone(wh, region, lang),
        # the table shows key indicators only: say it is a selection, and of how many
        "gaps_selection": texts(lang)["gap_selection"].format(
            n=len(gaps), total=shared["gap_total"]) if 0 < len(gaps) < shared["gap_total"]
        else None,
        # the legend lines of the marks its city figures carry, as under the report's table
        "gap_notes": fn.legends([g["city"] for g in gaps], lang),
        "reports": sorted(report_files.reports(wh, region), key=lambda r: (  # as the links
            r["lang"] != lang, r["lang"] is None, r["kind"] != "pdf")),  # below: its language, PDF
        "wijken": _wijken(wh, code, lang),
        "report_links": [{"lang": lg, "kind": kind, "href": f"/rapport/{code}.{lg}.{kind}"}
                         for lg in (lang, "en" if lang == "nl" else "nl")
                         for kind in report_files.KINDS] if report_files.available(wh, code)
        else [],
        "api": f"/api/v1/profile/{code}" + (
            "" if group["is_default"] else f"?set={group['set_id']}"),
        "news": describe(shared["changes"], lang),
    }


def _lone(wh: WebWarehouse, region: dict[str, Any], lang: str) -> str | None:
    """'Geen ommeland: de COROP-regio Delfzijl en omgeving bestaat alleen uit Eemsdelta.'"""
    corop = data.lone_corop(wh, region["region_code"])
    return texts(lang)["gap_city_alone"].format(corop=wh.name(corop), city=region["name"]) \
        if corop else None


def _wijken(wh: WebWarehouse, code: str, lang: str) -> dict[str, Any] | None:
    """The city's wijk map of 2024 (:mod:`.wijken`), computed once per city and language."""
    from stadstrends.publish.web import wijken

    def make() -> dict[str, Any] | None:
        found = wijken.wijk_map(wh, code, lang)
        if found is None:
            return None
        m = found["measures"][0]
        return {**found, "spec": wijken.wijk_spec(found, m["id"], m["title"], m["unit"], lang,
                                                 m["decimals"]),
                "unit_label": units.label(m["unit"], lang), "title": m["title"]}
    return wh.memo(("wijken", code, lang), make, size=64)
