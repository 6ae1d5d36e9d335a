"""The city report's later sections: tweedeling, vooruitblik, kies richting, verantwoording
(its source list and the shared appendix: :mod:`stadstrends.publish.report.sources`)."""

from __future__ import annotations

from stadstrends import vocabulary
from stadstrends.publish import chart_gaps, chart_panels, charts, cut_members, figure_notes
from stadstrends.publish.format import fmt_list, fmt_number, fmt_years
from stadstrends.publish.groups import class_sentence
from stadstrends.publish.positions import MIN_QUARTER_N
from stadstrends.publish.report import gap_verdicts as gv
from stadstrends.publish.report import texts as method_texts
from stadstrends.publish.report.caveat_list import caveat_items
from stadstrends.publish.report.cells import figure as make_figure
from stadstrends.publish.report.cells import is_projection, unit_label
from stadstrends.publish.report.data import CityData, fact
from stadstrends.publish.report.direction_words import small_group, why, withheld_lines
from stadstrends.publish.report.gap_cells import gap_cell as _gap_cell
from stadstrends.publish.report.gap_cells import pct_cell as _pct_cell  # noqa: F401
from stadstrends.publish.report.gap_words import (
    OMITTED,
    city_left_out,
    gap_reason,
    indicator_reasons,
    no_rows_reason,
    run_years,
)
from stadstrends.publish.report.set_words import sets_phrase
from stadstrends.publish.report.sources import retrieved, sources_table, used_tables
from stadstrends.publish.report.table_absence import merge_absent
from stadstrends.publish.report.texts import municipalities, neighbourhood_source, reason, t
from stadstrends.publish.sentence_inequality import scale_words
from stadstrends.publish.sentence_numbers import number, p_value, shared_digits, with_unit
from stadstrends.publish.sentence_projections import made_in
from stadstrends.publish.sentence_words import gap_move, other_side
from stadstrends.publish.sentences import Sentence, Writer
from stadstrends.publish.small_base_words import survey_peers

MAX_GAPS = 12
VERDICT_INDEX = {"adverse": 0, "favourable": 1, "neutral": 2}  # the chart's colours


def _comparable(data: CityData, left_out: bool = False, few: bool = False) -> dict[str, dict]:
    """Gap trends the report compares: relative gaps (counts and projections have none), not
    stale, tested (not ``indicative``: 3-4 years, too few for a test), with a verdict (none:
    ``no_verdict``, over a jump in the city's or the ommeland's series or a city figure that
    hardly moves as rounded); ``left_out``: those without a verdict; ``few``: the untested."""
    fresh = data.fresh_from or 0
    return {i: g for i, g in data.gap_trends.items()
            if not is_projection(data.catalogue, i)
            and data.catalogue[i]["method"] != "count" and g["last_year"] >= fresh
            and (g.get("no_verdict") is not None) == left_out
            and (left_out or bool(g.get("indicative")) == few)}


def _gap_ids(data: CityData) -> list[str]:
    ids = [i for i, g in _comparable(data).items() if g["classification"] in gv.MOVING]
    return sorted(ids, key=lambda i: gv.verdict_p(data.gap_trends[i]))[:MAX_GAPS]


def _and(items: list[str], lang: str) -> str:
    """'a, b en c' (:func:`~stadstrends.publish.format.fmt_list`)."""
    return fmt_list(items, lang)


def divide(data: CityData, lang: str) -> dict:
    """City vs ommeland: relative gaps that widen, narrow or change sides (one measure in chart,
    table and text: the city's percentage difference from the ommeland), and neighbourhood
    inequality."""
    writer = data.writer(lang)
    ids = _gap_ids(data)
    comparable = list(_comparable(data).values())
    moving = [g for g in comparable if g["classification"] in gv.MOVING]
    n_w, n_c, n_x = (sum(g["classification"] == c for g in moving) for c in gv.MOVING)
    n_fav, n_adv = (sum(g.get("valence") == v for g in moving) for v in ("favourable", "adverse"))
    figures, rows, table = [], [], []
    for ind in ids:
        g = data.gap_trends[ind]
        meta = data.catalogue[ind]
        rows.append({"label": meta[f"title_{lang}"], "first": round(g["first_pct"], 2),
                     "last": round(g["last_pct"], 2),
                     "verdict": VERDICT_INDEX[g.get("valence") or "neutral"],
                     "first_year": g["first_year"], "last_year": g["last_year"]})
        table.append([meta[f"title_{lang}"], _gap_cell(data, ind, g, "first", lang),
                      _gap_cell(data, ind, g, "last", lang), t(lang, f"move_{gap_move(g)}")
                      + other_side(g, lang, data.name, cell=True),  # '(in 2022 lager)'
                      p_value(gv.verdict_p(g), lang)])
    if rows:
        columns = [*(t(lang, f"col_{k}") for k in ("indicator", "first", "last", "verdict")), "p"]
        marks = figure_notes.legends([c for r in table for c in r[1:3]], lang)
        figures.append(make_figure(
            "fig-gaps", chart_gaps.dumbbell(rows, lang, axis=None if data.is_city else t(
                lang, "gap_axis_municipality", city=data.name)),
            " ".join(filter(None, (
                gv.caption(data, lang),
                t(lang, "gap_beyond") if chart_gaps.clipped(rows) else "",
                figure_notes.ommeland_caption([(data.catalogue[i][f"title_{lang}"],
                                                figure_notes.left_out_years(
                    data.ommeland_left_out.get(i, {}), [data.gap_trends[i]["first_year"],
                                                        data.gap_trends[i]["last_year"]],
                    lang)) for i in ids], lang)))),
            t(lang, "gap_alt_one" if len(rows) == 1 else "gap_alt", n=len(rows)),
            {"columns": columns, "rows": table, "notes": marks}))
    # a sentence for every gap the chart shows, as the summary counts them (Leeuwarden: 4
    # widening, 2 narrowing; its fourth widening gap, solar installations, had none)
    sentences = [writer.indicator(fact(data, i, lang), kind) for c, kind in zip(
        gv.MOVING, ("gap_widening", "gap_narrowing", "gap_crossing"), strict=True)
        for i in ids if data.gap_trends[i]["classification"] == c]
    # all moving gaps shown, or plainly which MAX_GAPS of them (Utrecht: 7 + 6, 12 shown);
    # the PDF prints the chart without its table, and says so (one: 'die indicator', Nijkerk)
    key = ("gap_shown_cut" if len(ids) < len(moving) else
           "gap_shown_one" if len(ids) == 1 else "gap_shown_all")
    counts = {k: v or t(lang, "none_count") for k, v in
              (("w", n_w), ("c", n_c), ("fav", n_fav), ("adv", n_adv))}
    counts["crossing"] = t(lang, "gap_summary_crossing", x=n_x, ways=gv.crossing_words(
        data.name, moving, lang)) if n_x else ""
    # relative only (abs_against): a direction, no verdict; the rest have no direction
    n_rel = sum(1 for g in moving if g.get("abs_against")
                and g.get("movement") not in gv.NEUTRAL_MOVES)
    n_rest = len(moving) - n_fav - n_adv - n_rel  # 'de overige indicator heeft', not 'hebben'
    counts["rest"] = ("" if not n_rest else t(
        lang, "gap_summary_rest_one" if n_rest == 1 else "gap_summary_rest", n=n_rest)) + (
        t(lang, "gap_summary_rel_one" if n_rel == 1 else "gap_summary_rel", n=n_rel)
        if n_rel else "")
    counts["points"] = t(lang, "gap_summary_points") if any(  # '2,0 procentpunt (relatief 29%)'
        data.catalogue[i]["unit"] == "%" for i in ids) else ""
    head = (t(lang, "gap_summary", n=len(comparable), city=data.name, **counts) if ids
            else t(lang, "gap_none", city=data.name))
    # what is left out and why: an item per reason (Groningen's were 11 sentences in one <p>)
    left = _comparable(data, True)
    left_out = [s for s in (*gv.no_verdict_tail(data, left, lang), gv.few_years_tail(
        data, _comparable(data, few=True), lang, left), *gv.no_verdict_judged(data, left, lang),
        *gv.no_trend_tail(data, lang)) if s]
    tail = " ".join(left_out)
    lead, lead_pdf = [head + (" " + t(lang, medium, shown=len(ids)) if ids else "")
                      for medium in (key, key + "_pdf")]
    summary, summary_pdf = [text + (" " + tail if tail else "") for text in (lead, lead_pdf)]
    items = neighbourhoods(data, lang, writer)
    return {"id": "tweedeling", "title": t(lang, "divide"),
            "intro": t(lang, "divide_intro" if data.is_city else "divide_intro_municipality",
                       city=data.name),
            "city_region": {"title": t(lang, "city_region" if data.is_city
                                       else "municipality_region"), "summary": summary,
                            "summary_pdf": summary_pdf, "lead": lead, "lead_pdf": lead_pdf,
                            "left_out": tail, "left_out_items": left_out,
                            "sentences": sentences, "figures": figures},
            "neighbourhoods": {"title": t(lang, "neighbourhoods"),
                               "scale": scale_words(items, lang, data.settings.city_set),
                               "items": items}}


def neighbourhoods(data: CityData, lang: str, writer: Writer) -> list[dict]:
    """Per neighbourhood source: its name and what it measures, then its inequality
    sentences, or plainly why there are none."""
    items = []
    for cov in data.ineq_coverage:
        table = cov["source_table"]
        item = {"source": neighbourhood_source(table, lang),
                "about": vocabulary.word(lang, "neighbourhood_sources", f"{table} about"),
                "sentences": [], "missing": None}
        items.append(item)
        if not cov["has_data"]:
            item["missing"] = t(lang, "no_neighbourhood", city=data.name,
                                reason=reason(cov, lang))
            continue
        trends = [r for r in data.ineq_trends if r["source_table"] == table]
        if trends:
            item["sentences"] = [writer.inequality(r) for r in trends]
        else:
            item["sentences"] = [writer.inequality_level(r) for r in data.ineq_levels
                                 if r["source_table"] == table]
        item["stale"] = stale_note(data, trends or [
            r for r in data.ineq_levels if r["source_table"] == table], lang)
    if not data.ineq_coverage:  # this build computed neighbourhood figures for other sets
        sets = sets_phrase(data.ineq_sets, lang, t(lang, "neighbourhood_set"))
        items.append({"source": None, "about": None, "sentences": [], "missing": t(
            lang, "no_neighbourhood_set", city=data.name, sets=sets)})
    return items


def stale_note(data: CityData, rows: list[dict], lang: str) -> str | None:
    """'Verouderd: het laatste jaar met cijfers (2019) ligt vóór 2022.' above a neighbourhood
    source's sentences when their latest year is older than the build's staleness limit
    (``stale_after_years``, as an indicator's figures); else None. Before, Amersfoort's
    'Sociaaleconomische status per buurt, 2014-2019' gave 'nam significant af ... in 2019'
    unmarked while the method said out-of-date figures are not in the text."""
    years = [r.get("last_year", r.get("year")) for r in rows]
    last = max((y for y in years if y is not None), default=None)
    fresh = data.fresh_from
    if last is None or not fresh or last >= fresh:
        return None
    return t(lang, "neighbourhood_stale", year=last, fresh=fresh)


def outlook(data: CityData, lang: str) -> dict:
    """Projected population, share of over-65s and grey pressure, with observed history."""
    writer = data.writer(lang)
    pairs = [("population_projected", "population"),
             ("share_age_65_plus_projected", "share_age_65_plus"),
             ("grey_pressure_projected", None)]
    panels, sentences, table = [], [], []
    for proj, obs in pairs:
        rows = data.series.get(proj) or []
        if not rows:
            continue
        meta = data.catalogue[proj]
        observed = (data.series.get(obs) or [])[-15:] if obs else []
        last_obs = observed[-1] if observed else None
        start_year = last_obs["year"] if last_obs else data.build.get("reference_year") or 0
        ahead = [r for r in rows if r["year"] >= start_year]
        future = ahead or rows
        panel_rows = [{"year": r["year"], "value": r["value"], "kind": "observed"}
                      for r in observed]
        panel_rows += [{"year": r["year"], "value": r["value"], "kind": "projected"}
                       for r in future]
        panels.append({"title": meta[f"title_{lang}"], "unit": meta["unit"],
                       "decimals": meta.get("decimals"),
                       "subtitle": unit_label(meta["unit"], lang), "rows": panel_rows})
        f = fact(data, proj, lang)
        # from the projection's own first year from the last observed one on, the observed
        # figure beside it (none when the projection ends before it)
        seen = {"indicator_id": obs, **last_obs} if last_obs and ahead else None
        made = made_in(data.forecasts.get(proj, []), future[0]["year"])
        sentences.append(writer.projection(f, {"indicator_id": proj, **future[0]},
                                           {"indicator_id": proj, **future[-1]}, seen, made))
        # observed rows are named by the observed indicator, not by the projection
        names = {"observed": data.catalogue[obs][f"title_{lang}"] if obs else "",
                 "projected": meta[f"title_{lang}"]}
        digits = shared_digits([r["value"] for r in panel_rows], meta["unit"],
                               decimals=meta.get("decimals"))
        for r in panel_rows:
            table.append([names[r["kind"]], r["year"], charts.LABELS[lang][r["kind"]],
                          with_unit(number(r["value"], meta["unit"], lang, digits),
                                    meta["unit"], lang)])
    figures = []
    if panels:
        columns = [t(lang, "col_indicator"), t(lang, "col_year"), t(lang, "col_kind"),
                   t(lang, "col_value")]
        figures.append(make_figure("fig-outlook", chart_panels.projection_chart(panels, lang),
                                   t(lang, "outlook_caption", city=data.name),
                                   t(lang, "outlook_alt", city=data.name),
                                   {"columns": columns, "rows": table}))
    caveats = [f"{data.catalogue[p][f'title_{lang}']}: {lower_first(c)}" for p, _ in pairs
               if data.series.get(p)
               for c in (data.catalogue[p].get("caveats_en" if lang == "en" else "caveats") or [])]
    # a projection the city lacks: why, for this city (not the catalogue's list of others)
    caveats += [f"{data.catalogue[p][f'title_{lang}']}: {why}."
                for p, _ in pairs if p in data.catalogue and not data.series.get(p)
                for why in indicator_reasons(data, p, lang)]
    return {"id": "vooruitblik", "title": t(lang, "outlook"), "intro": t(lang, "outlook_intro"),
            "sentences": sentences, "figures": figures, "caveats": caveats,
            "empty": None if panels else t(lang, "no_outlook", city=data.name)}


def _better(writer: Writer, data: CityData, row: dict, lang: str) -> Sentence:
    """'Beter bij vergelijkbare steden: Breda (118,1), ...' with the peers' values cited, and
    the peers with no figure and why (a cut copy of a CBS table: Enschede's Tilburg and
    Nijmegen on establishments in transport and ICT, 85984NED; before, they were left out
    without a word and 'Geen van de vergelijkbare gemeenten scoort hier beter' could rest on
    the peers that happened to be in the snapshot); a peer's sample figure said after them."""
    meta = data.catalogue[row["indicator_id"]]
    s = Sentence("", indicator_id=row["indicator_id"])
    peers = row.get("better_peers") or []
    absent = row.get("peers_absent") or []  # peers with no figure: named, and why
    tail = cut_members.peers_sentence(lang, absent, int(row["year"]))
    if tail and any(not tables for _, tables in absent):
        s.years.append(int(row["year"]))
    if not peers:
        s.text = " ".join(p for p in (cut_members.word(lang, "no_better_with_figure") if absent
                                      else t(lang, "no_better_peers"), tail) if p)
        return s
    parts, digits = [], shared_digits([p["value"] for p in peers], meta["unit"],
                                      decimals=meta.get("decimals"))  # all alike
    for p in peers:
        shown = writer.cite(s, row["indicator_id"], row["year"], "value", p["value"], number(
            p["value"], meta["unit"], lang, digits), region=p["region_code"])
        parts.append(f"{p['name']} ({with_unit(shown, meta['unit'], lang)})")
    s.text = " ".join(p for p in (t(lang, "better_peers", peers=", ".join(parts)), tail,
                                  survey_peers(peers, lang)) if p)  # their sample figures
    return s


def lower_first(text: str) -> str:
    """``text`` after a colon: its first letter small unless it starts an abbreviation
    ('Een prognose' -> 'een prognose', 'A projection' -> 'a projection'; 'COROP-waarden',
    'CBS' unchanged)."""
    return text[:1].lower() + text[1:] if text[1:2].islower() or text[:2] == "A " else text


def direction(data: CityData, lang: str) -> dict:
    """Distinctive strengths and urgent tasks, with the peers that do better. The intro
    names the comparison group; the lines name it shorter."""
    writer = data.writer(lang, named=True)
    groups = []
    for label, key, none in (("distinctive strength", "strengths", "none_strengths"),
                             ("urgent task", "tasks", "none_tasks")):
        items = []
        for row in (r for r in data.kies if r["label"] == label):
            f = fact(data, row["indicator_id"], lang, bool(row.get("base_count")))  # in 'why'
            said = writer.indicator(f, "group_deviation")  # the Waarom does not repeat it
            items.append({"sentence": said, "why": why(data, row, lang, said),
                          "peers": _better(writer, data, row, lang)})
        groups.append({"title": t(lang, key), "items": items, "none": t(lang, none),
                       "withheld": withheld_lines(data, label, lang)})  # said once, here
    small = small_group(data, lang)  # no quarter, no labels: the intro says so, no lists
    # the group in full (a size group with its date), the peers without the city: 'Zwolle
    # hoort bij het gunstigste kwart van de 11 structureel vergelijkbare gemeenten'
    group = data.group_intro(lang) if data.group.get("family") == "peers" else (
        data.group_phrase(lang))
    return {"id": "kies-richting", "title": t(lang, "direction"),
            "intro": small or t(lang, "direction_intro", city=data.name, group=group,
                                min_n=MIN_QUARTER_N, fresh=data.fresh_from,
                                small_base=fmt_number(data.settings.small_base, 0, lang)),
            "groups": [] if small else groups,
            "missing": None if data.has_signals else t(lang, "no_kies")}


def accountability(data: CityData, lang: str) -> dict:
    """Indicators (definition, sources, period, retrieval), what is missing, the group."""
    used, missing, said = [], [], {}  # said: the caveats 'Wat ontbreekt' gives, by indicator
    dated: list[tuple[str, list[str]]] = []  # rows with years, in indicator_id order below
    explained = {g["indicator_id"] for g in data.gap_reasons}
    for ind, meta in data.catalogue.items():
        cov = data.coverage.get(ind)
        title = meta[f"title_{lang}"]
        left = city_left_out(data, ind, lang)  # said with the period and in 'Wat ontbreekt'
        dated += [(ind, [title, because, run_years(years)]) for years, because in left]
        said[ind] = {because for _, because in left}
        if cov is None:
            if ind not in explained:  # else its gap rows below say why, per year
                missing.append([title, no_rows_reason(data, lang), "–"])
            continue
        tables = used_tables(meta)
        period = fmt_years(cov["years"])  # with its gaps: '1999-2009, 2019, 2023-2024'
        if data.is_stale(ind):
            period += f" ({t(lang, 'stale')})"
        # a break between two of the city's years (Zwolle's WOZ starts at its 2019 break), a
        # stock on 31 December shown at the next year (payment arrears)
        period += method_texts.period_notes(meta, cov["years"], lang)
        # the PDF's narrow column: the years left out, why in 'Wat ontbreekt' (gas: 8 lines)
        short = period
        for years, because in left:
            period = t(lang, "period_left_out", period=period, why=because)
            short = t(lang, "period_left_out_short", period=short, years=fmt_years(years),
                      missing=t(lang, "acc_missing"))
        used.append([title, meta[f"description_{lang}"], ", ".join(tables), period,
                     retrieved(data, tables, lang), short, ind])
    for g in merge_absent(data.gap_reasons):  # the tables leaving it out: one row
        meta = data.catalogue.get(g["indicator_id"])
        if meta is None or g["reason"] == OMITTED:  # said with its caveat (left) above
            continue
        # as runs, never first-last: '2010-2014, 2018 (6)', not '2010-2018 (6)' (Maastricht's
        # district heating, with figures for 2015-2017); '2010-2014, 2017-2023 (12)' (Borsele's
        # gas: the catalogue leaves 2015-2016 out). 410 gap groups of 255 municipalities said
        # a span over years with figures or without a gap.
        years = run_years(g["years"])
        dated.append((g["indicator_id"], [meta[f"title_{lang}"], gap_reason(data, g, lang),
                                          years]))
    missing += [row for _, row in sorted(dated, key=lambda r: r[0])]  # stable: left out first
    for cov in data.ineq_coverage:
        if not cov["has_data"]:
            missing.append([neighbourhood_source(cov["source_table"], lang),
                            reason(cov, lang), "–"])
    ref = data.build.get("reference_year")
    g = data.group  # a named set's size (other phrases count it), and an outsider says so
    about = [municipalities(int(g.get("n") or 0), lang)] * (g.get("family") == "named") + [
        t(lang, "acc_outside", city=data.name)] * (not g.get("member", True))
    return {
        "id": "verantwoording", "title": t(lang, "accountability"),
        # two CBS figures of the classing date that leave the group as it is (page 1: one)
        "class_note": class_sentence(data.group, data.name, lang, page=False).strip() or None,
        "intro": t(lang, "acc_intro", ref=ref, window=data.settings.window,
                   min_n=data.settings.min_significant_points,
                   min_distinct=data.settings.min_distinct_values, jump=fmt_number(
                       data.settings.jump_factor, 0 if float(data.settings.jump_factor)
                       .is_integer() else 1, lang),
                   step_usual=fmt_number(data.settings.member_step_usual, 0, lang),
                   **method_texts.shift_words(data.settings, lang, data.build["mad_scale"]),
                   alpha=method_texts.level(data.settings.significance, lang),
                   fresh=data.fresh_from or "–", group=data.group_phrase(lang),
                   members=f" ({'; '.join(about)})" if about else ""),
        "indicators": {"title": t(lang, "acc_indicators"), "columns": [
            t(lang, "col_indicator"), t(lang, "col_definition"), t(lang, "col_source"),
            t(lang, "col_period"), t(lang, "col_retrieved")], "rows": [r[:5] for r in used]},
        # the PDF: each indicator's years here, its definition and sources in the appendix
        "periods": {"columns": [t(lang, "col_indicator"), t(lang, "col_period")],
                    "rows": [[row[0], row[5]] for row in used]},
        "appendix_note": t(lang, "acc_appendix_note", title=t(lang, "appendix_title")),
        "appendix_title": t(lang, "appendix_title"),
        "missing": {"title": t(lang, "acc_missing"), "columns": [
            t(lang, "col_indicator"), t(lang, "col_reason"), t(lang, "col_years")],
            "rows": missing, "none": t(lang, "missing_none", city=data.name)},
        "sources": sources_table(data, lang),
        "caveats": caveat_items(data, [r[6] for r in used], said, lang),  # caveat_list.py
        "credit": t(lang, "credit"),
    }
