"""The city report's content: front page, 'in een oogopslag' and the eight domain sections,
as plain dicts for the templates (sections, sentences, chart specs with their data tables).
"""

from __future__ import annotations

import statistics
from datetime import date, datetime

from stadstrends import vocabulary
from stadstrends.publish import chart_maps, chart_panels, maps
from stadstrends.publish.format import fmt_date
from stadstrends.publish.positions import by_rank
from stadstrends.publish.report.data import CityData, fact
from stadstrends.publish.report.direction_words import KIES_LABELS, kies_items, kies_line
from stadstrends.publish.report.gap_words import no_domain_data
from stadstrends.publish.report.texts import KIES_VALENCE, badge, domain_title, municipalities, t
from stadstrends.publish.sentence_jumps import direction, shown_trend
from stadstrends.publish.sentence_numbers import number, shared_digits, unit_text, with_unit
from stadstrends.publish.sentence_words import WORDS
from stadstrends.publish.sentences import trend_span

MAX_PANELS, MIN_PANELS, SERIES_YEARS = 6, 4, 20
KEY_FIGURES = ["population", "population_growth_pct", "share_age_65_plus", "unemployment_rate",
               "income_disposable_mean", "woz_mean", "job_ratio"]
GLANCE_LEADS, GLANCE_PER_OPGAVE = 3, 5
MAP_MIN_SHARE = 0.6


def fmt(value: float | None, unit: str, lang: str, digits: int | None = None) -> str:
    """A table cell: the number as in sentences (percent sign kept, other units in headers);
    ``digits`` those of its column (:func:`column_digits`)."""
    return number(value, unit, lang, digits)


def column_digits(values: list[float | None], unit: str, decimals: int | None = None) -> int:
    """The decimals the figures of one indicator share in a table or a text alternative, as
    in a sentence (:func:`~stadstrends.publish.sentence_numbers.shared_digits`: the
    catalogue's ``decimals``; without them by size, a balance one with a negative figure)."""
    return shared_digits(values, unit, any(v is not None and v < 0 for v in values), decimals)


def provisional(text: str, is_provisional: bool, lang: str) -> str:
    """A table cell marked as CBS marks it: '35,3 (voorlopig)'."""
    return f"{text} ({WORDS[lang]['provisional']})" if is_provisional and text != "–" else text


def figure(fid: str, spec: dict, caption: str, alt: str, table: dict | None = None,
           kind: str = "wide") -> dict:
    """A figure for the template: spec (SVG or embedded), caption, text alternative, table."""
    return {"id": fid, "spec": spec, "caption": caption, "alt": alt, "table": table,
            "kind": kind, "svg": None}


def unit_label(unit: str, lang: str) -> str:
    return unit if unit == "%" else unit_text(unit, lang).strip("()")


def is_projection(catalogue: dict[str, dict], indicator_id: str) -> bool:
    """A projection (catalogue ``projection: true``), not an observed series."""
    return bool(catalogue.get(indicator_id, {}).get("projection"))


# --- front ------------------------------------------------------------------------------


def _parse_day(text: str | None) -> date | None:
    try:
        return datetime.fromisoformat(str(text)).date()
    except (TypeError, ValueError):
        return None


def front(data: CityData, lang: str, geometries: dict[str, dict] | None) -> dict:
    """Map of the region, key figures, peers, data and build dates."""
    city = data.name
    figures = []
    if geometries:
        codes = [m["code"] for m in data.members]
        names = {m["code"]: m["name"] for m in data.members}
        dens_rows = [r for r in data.region_values if r["indicator_id"] == "population_density"]
        dens_year = max((r["year"] for r in dens_rows), default=None)
        density = {r["region_code"]: r["value"] for r in dens_rows if r["year"] == dens_year}
        meta = data.catalogue.get("population_density")
        dens_title = (f"{meta[f'title_{lang}']} ({unit_label(meta['unit'], lang)}), "
                      f"{dens_year}") if meta else ""
        table = {"columns": [t(lang, "col_municipality"), "CBS", dens_title],
                 "rows": [[names[c], c, fmt(density.get(c), "", lang,
                                            (meta or {}).get("decimals"))]
                          for c in sorted(codes, key=lambda c: names[c])]}
        order = [data.code] + sorted((c for c in codes if c != data.code),
                                     key=lambda c: -(density.get(c) or 0))
        labels = maps.spread_labels(maps.label_points(geometries, codes, names), order)
        spec = chart_maps.locator_map(maps.region_features(geometries, codes, None, names),
                                      labels, data.code, lang)
        figures.append(figure("fig-map", spec, t(lang, "map_caption", city=city,
                                                 corop=data.corop["name"]),
                              t(lang, "map_alt", city=city, corop=data.corop["name"],
                                n=len(codes), n_municipalities=municipalities(len(codes), lang)),
                              table, kind="map"))
    key = []
    for ind in KEY_FIGURES:
        row = data.latest.get(ind)
        meta = data.catalogue.get(ind)
        if row is None or meta is None:
            continue
        value = with_unit(number(row["value"], meta["unit"], lang, meta.get("decimals")),
                          meta["unit"], lang)
        key.append({"label": meta[f"title_{lang}"], "year": row["year"], "value": provisional(
            value, row["year"] in data.provisional.get(ind, ()), lang)})
    summary = None
    if data.has_signals:
        # Kies richting's counts beside the signals' where the group can have quarters: a
        # position in the worst quarter need not be a clear deviation (Land van Cuijk's
        # cleared crimes, 20,9% against a median of 22,9%: an urgent task, no signal)
        kies = [] if by_rank(data.group.get("n")) else KIES_LABELS
        rows = []
        for opg in opgaven(data, lang):
            sig = [x for x in data.signals if x["opgave_id"] == opg["id"]]
            compared = (data.summary.get(opg["id"]) or {}).get("n_indicators_compared")
            if not sig and not compared:  # nothing compared is no clean bill of health
                rows.append([opg["name"]] + [t(lang, "not_compared")] * (3 + len(kies)))
                continue
            rows.append([opg["name"]] + [sum(x["valence"] == v for x in sig)
                                         for v in ("favourable", "adverse", "neutral")]
                        + [len(kies_items(data, opg["id"], label)) for label in kies])
        summary = {"columns": [t(lang, "col_opgave"), t(lang, "favourable"),
                               t(lang, "adverse"), t(lang, "neutral")]
                   + [t(lang, f"col_{KIES_LABELS[label]}") for label in kies], "rows": rows,
                   "text": t(lang, "signal_summary_text") + (
                       " " + t(lang, "signal_summary_kies", section=t(lang, "direction"),
                               group=data.group_mention(lang))
                       if kies else "")}
    years = [c["last_year"] for i, c in data.coverage.items()
             if not is_projection(data.catalogue, i)]
    last = max(years) if years else None
    typical = int(statistics.median(years)) if years else None
    built = _parse_day(data.build.get("built_at"))
    group = data.group_phrase(lang)
    peers_text = (t(lang, "peers_text", city=city, group=group) if data.peers_within_group
                  else t(lang, "peers_text_all", city=city))
    member, is_default = data.group.get("member", True), data.group.get("is_default")
    default = t(lang, ("group_default" if member else "group_default_outside") if is_default
                else "group_outside", city=city) if is_default or not member else ""
    return {
        "id": "kort", "title": t(lang, "front", city=city), "figures": figures,
        "key_figures": key, "peers": data.peers, "summary": summary,
        "peers_text": peers_text,
        "group_line": t(lang, "group_line", group=group, default=default),
        "data_date": t(lang, "data_date", last=last, typical=typical),
        "build_date": t(lang, "build_date", date=fmt_date(built, lang) if built else "?",
                        today=fmt_date(date.today(), lang)),
    }


# --- in een oogopslag ---------------------------------------------------------------------


def opgaven(data: CityData, lang: str) -> list[dict]:
    """The five opgaven (id, name, description) from the warehouse."""
    return [{"id": o["opgave_id"], "name": o[f"name_{lang}"], "lead": o.get("lead") or [],
             "description": o[f"description_{lang}"]} for o in data.opgaven]


def _glance_choice(data: CityData, opg: dict, used: set[str]) -> list[dict]:
    """The opgave's lead indicators with recent data first, then its strongest signals;
    nothing stale, nothing already shown under an earlier opgave."""
    chosen: list[dict] = []
    for ind in opg["lead"]:
        if len(chosen) == GLANCE_LEADS:
            break
        if ind in used or ind not in data.latest or data.is_stale(ind) \
                or ind not in data.catalogue:
            continue
        sig = next((x for x in data.signals if x["indicator_id"] == ind
                    and x["opgave_id"] == opg["id"]), None)
        chosen.append(sig or {"indicator_id": ind, "kind": "trend", "valence": None,
                              "lead": True})
        used.add(ind)
    if data.has_signals:
        pool = [x for x in data.signals if x["opgave_id"] == opg["id"]]
    else:
        ids = [i for i, m in data.catalogue.items() if opg["id"] in (m["opgaven"] or [])
               and i in data.latest and data.latest[i].get("robust_z") is not None]
        ids.sort(key=lambda i: -abs(data.latest[i]["robust_z"]))
        pool = [{"indicator_id": i, "kind": "group_deviation", "valence": None} for i in ids]
    for sig in pool:
        if len(chosen) == GLANCE_PER_OPGAVE:
            break
        if sig["indicator_id"] in used or data.is_stale(sig["indicator_id"]):
            continue
        chosen.append(sig)
        used.add(sig["indicator_id"])
    return chosen


def glance(data: CityData, lang: str) -> dict:
    """Per opgave the indicators that matter most for it, then its strongest signals, each
    one sentence with its numbers; no bullet appears under two opgaven. The intro names the
    comparison group; the bullets name it shorter ('de 180 gemeenten van deze grootte')."""
    writer = data.writer(lang, named=True)
    subsections = []
    used: set[str] = set()
    kies = {r["indicator_id"]: r["label"] for r in data.kies}
    for opg in opgaven(data, lang):
        chosen = _glance_choice(data, opg, used)
        items = []
        for sig in chosen:
            s = writer.indicator(fact(data, sig["indicator_id"], lang), sig["kind"],
                                 sig.get("valence"))
            # a lead without a signal that Kies richting names: labelled as there, on the
            # group position its label rests on (not 'kernindicator': 'does not stand out')
            label = kies.get(sig["indicator_id"]) if sig.get("lead") else None
            named = label in KIES_VALENCE
            items.append({"sentence": s, "valence": KIES_VALENCE[label] if named
                          else sig.get("valence"),
                          "kind": "group_deviation" if named else sig["kind"],
                          "valence_text": badge(sig, lang, data.gap_trends.get(
                              sig["indicator_id"]), label)})
        subsections.append({**opg, "items": items, "kies": kies_line(data, opg, lang)
                            if data.has_signals else None})
    group = data.group_intro(lang)
    intro = (t(lang, "glance_intro", fresh=data.fresh_from or "–", group=group) + " "
             + t(lang, "glance_badges", kies="" if by_rank(data.group.get("n")) else t(
                 lang, "glance_kies", group=data.group_mention(lang, again=True)))
             if data.has_signals else t(lang, "glance_fallback", group=group))
    return {"id": "oogopslag", "title": t(lang, "glance"), "intro": intro,
            "opgaven": subsections}


# --- domains ------------------------------------------------------------------------------


def domain_indicators(data: CityData, domain: str) -> list[str]:
    """Key indicators of the domain with data, topped up to four by the longest series."""
    ids = [i for i, m in data.catalogue.items() if m["domain"] == domain
           and not is_projection(data.catalogue, i) and data.series.get(i)]
    key = [i for i in ids if data.catalogue[i]["key_indicator"]]
    rest = sorted((i for i in ids if i not in key and len(data.series[i]) >= 3),
                  key=lambda i: -len(data.series[i]))
    return (key + rest[:max(0, MIN_PANELS - len(key))])[:MAX_PANELS]


def trend_label(tr: dict | None, lang: str, untested: dict | None = None) -> str:
    """A panel's second subtitle line: the years the trend was tested over and its verdict
    ("trend 2017-2024: stijgend, significant"; the first and last year with a figure in the
    window, after a series break only the years after it, as the sentences say:
    :func:`~stadstrends.publish.sentences.trend_span`), at most 40 characters; not the
    years the panel draws. Without a trend, why, as the analysis recorded it (``untested``:
    the series' row of ``untested_series``): a series break or a change of source tables
    left too few of the window's figures after it ("na reeksbreuk 2024: te weinig jaren"
    above 24 years of figures), or the window holds too few figures ("te weinig recente,
    vergelijkbare jaren")."""
    words = vocabulary.section(lang, "trend_labels")
    if tr is None:
        reason = (untested or {}).get("reason") or "few_recent_years"
        return words[reason].format(year=(untested or {}).get("segment_start"))
    span = "-".join(map(str, trend_span(tr)))
    kind = "indicative" if tr.get("indicative") else tr["classification"]
    return words["window"].format(span=span, verdict=words.get(
        kind, words["no significant change"]))


def shown_jumps(data: CityData, ind: str) -> list[dict]:
    """The city's ``series_jumps`` rows of an indicator between two years its panel draws."""
    rows = data.series.get(ind, [])[-SERIES_YEARS:]
    first = min((r["year"] for r in rows), default=None)
    return [j for j in data.jumps.get(ind, []) if first is not None
            and j["previous_year"] >= first]


def jump_label(jumps: list[dict], lang: str) -> str:
    """A panel's third subtitle line: where the series changes abruptly (no known break)
    ('abrupte daling 2012-2013 (zie tekst)'; several: '2 abrupte veranderingen (zie
    tekst)'); '' without one. At most 40 characters."""
    if not jumps:
        return ""
    words = vocabulary.section(lang, "trend_labels")
    if len(jumps) > 1:
        return words["jumps"].format(n=len(jumps))
    j = jumps[0]
    return words[direction(j)].format(years=f"{j['previous_year']}-{j['year']}")


def _panel(data: CityData, ind: str, lang: str) -> chart_panels.Panel:
    meta = data.catalogue[ind]
    rows = data.series[ind][-SERIES_YEARS:]
    tr = shown_trend(fact(data, ind, lang))  # over a jump: as its sentence leads
    count = meta["method"] == "count"

    def pick(col: str) -> list[dict]:
        return [{"year": r["year"], "value": r[col]} for r in rows if r[col] is not None]

    band = [] if count else [{"year": r["year"], "p25": r["p25"], "median": r["median"],
                              "p75": r["p75"]} for r in rows if r["p25"] is not None]
    sig = tr is not None and tr["classification"] in ("rising", "falling")
    jumps = shown_jumps(data, ind)
    return chart_panels.Panel(
        title=meta[f"title_{lang}"], subtitle=unit_label(meta["unit"], lang),
        trend=trend_label(tr, lang, data.untested.get(ind)),
        unit=meta["unit"], decimals=meta.get("decimals"), city=pick("value"),
        ommeland=[] if count else pick("ommeland_value"), nl=[] if count else pick("nl_value"),
        band=band, significant=sig, tested=trend_span(tr) if tr else None,
        breaks=list(meta.get("break_years") or []),
        provisional=sorted(data.provisional.get(ind, ())),
        jump=jump_label(jumps, lang), jumps=[{"year": j["year"], "label": jump_label([j], lang)}
                                             for j in jumps])


def series_table(data: CityData, ids: list[str], lang: str) -> dict:
    """The numbers behind small multiples: per indicator and year every line and band; the
    city's provisional figures marked '(voorlopig)' as in the sentences and charts."""
    city = data.name
    short = data.group_short(lang)
    cols = [t(lang, "col_indicator"), t(lang, "col_year"), city, t(lang, "col_p25", short=short),
            t(lang, "col_median", short=short), t(lang, "col_p75", short=short),
            t(lang, "col_omm"), t(lang, "col_nl")]
    rows = []
    for ind in ids:
        meta = data.catalogue[ind]
        label = f"{meta[f'title_{lang}']} ({unit_label(meta['unit'], lang)})"
        marked = data.provisional.get(ind, ())
        shown = data.series[ind][-SERIES_YEARS:]
        fields = ("value", "p25", "median", "p75", "ommeland_value", "nl_value")
        digits = column_digits([r[c] for r in shown for c in fields], meta["unit"],
                               meta.get("decimals"))
        for r in shown:
            value = provisional(fmt(r["value"], meta["unit"], lang, digits), r["year"] in marked,
                                lang)
            rows.append([label, r["year"], value] + [fmt(r[c], meta["unit"], lang, digits)
                                                     for c in fields[1:]])
    return {"columns": cols, "rows": rows}


def _map_figure(data: CityData, ids: list[str], lang: str, geometries: dict[str, dict],
                domain: str) -> dict | None:
    members = [m["code"] for m in data.members]
    if len(members) < 3:
        return None
    for ind in ids:
        meta = data.catalogue[ind]
        if meta["method"] == "count":
            continue
        rows = [r for r in data.region_values if r["indicator_id"] == ind]
        by_year: dict[int, dict[str, float]] = {}
        marked = {(r["year"], r["region_code"]) for r in rows if r.get("provisional")}
        for r in rows:
            by_year.setdefault(r["year"], {})[r["region_code"]] = r["value"]
        good = [y for y, v in by_year.items() if len(v) >= MAP_MIN_SHARE * len(members)
                and data.code in v]
        if not good:
            continue
        year = max(good)
        values = by_year[year]
        names = {m["code"]: m["name"] for m in data.members}
        feats = maps.region_features(geometries, members, values, names)
        title = meta[f"title_{lang}"]
        unit = unit_label(meta["unit"], lang)
        spec = chart_maps.choropleth(feats, data.code, title, f"{year} · {unit}", unit, lang,
                                     decimals=meta.get("decimals"))
        vals = sorted(values.values())
        digits = column_digits(vals, meta["unit"], meta.get("decimals"))
        alt = t(lang, "map_ind_alt", title=title, n=len(values),
                n_municipalities=municipalities(len(values), lang), corop=data.corop["name"],
                lo=fmt(vals[0], meta["unit"], lang, digits),
                hi=fmt(vals[-1], meta["unit"], lang, digits),
                city=data.name, value=fmt(values[data.code], meta["unit"], lang, digits))
        table = {"columns": [t(lang, "col_municipality"), f"{title} ({unit}), {year}"],
                 "rows": [[names.get(c, c), provisional(fmt(values.get(c), meta["unit"], lang,
                                                            digits), (year, c) in marked, lang)]
                          for c in sorted(members, key=lambda c: names.get(c, c))]}
        return figure(f"fig-map-{domain}", spec, t(lang, "map_ind_caption", title=title,
                                                   corop=data.corop["name"], year=year,
                                                   city=data.name), alt, table, kind="map")
    return None


def commentary(data: CityData, domain: str, lang: str, n: int = 2,
               named: bool = False) -> list:
    """The domain's strongest facts as sentences (signals first,
    else furthest from the set median); ``named``: the section's intro names the comparison
    group, so the sentences name it shorter (else from their second position on)."""
    writer = data.writer(lang, named)
    picked: dict[str, dict] = {}
    for sig in data.signals:
        if sig["domain"] == domain and sig["indicator_id"] not in picked \
                and not is_projection(data.catalogue, sig["indicator_id"]):
            picked[sig["indicator_id"]] = sig
    chosen = list(picked.values())[:n]
    if len(chosen) < n:
        extra = [i for i, m in data.catalogue.items() if m["domain"] == domain
                 and i in data.latest and i not in picked and not m["projection"]
                 and data.latest[i].get("robust_z") is not None]
        extra.sort(key=lambda i: -abs(data.latest[i]["robust_z"]))
        chosen += [{"indicator_id": i, "kind": "group_deviation", "valence": None}
                   for i in extra[:n - len(chosen)]]
    return [writer.indicator(fact(data, s["indicator_id"], lang), s["kind"], s.get("valence"))
            for s in chosen]


def with_jumps(data: CityData, ids: list[str], lang: str, said: list) -> list:
    """``said`` with a sentence per panel whose series changes abruptly where no series
    break is known (the panel's third line says where; this says from what to what, and
    whether the trend's verdict may rest on it, unless ``said`` already does), each right
    after ``said``'s sentence about its indicator (else at the end): one indicator's
    sentences together."""
    writer, told = data.writer(lang), {s.indicator_id: s.text for s in said}
    jumps = [writer.jumps(fact(data, i, lang), js, told.get(i, "")) for i in ids
             if (js := shown_jumps(data, i))]
    return [x for s in said for x in [s] + [j for j in jumps if j.indicator_id ==
            s.indicator_id]] + [j for j in jumps if j.indicator_id not in told]


def domain_section(data: CityData, domain: str, lang: str,
                   geometries: dict[str, dict] | None, first: bool) -> dict:
    """One trend domain: commentary, small multiples with their table, a regional map."""
    title = domain_title(domain, lang)
    ids = domain_indicators(data, domain)
    figures = []
    if ids:
        panels = [_panel(data, i, lang) for i in ids]
        years = [r["year"] for i in ids for r in data.series[i][-SERIES_YEARS:]]
        # each with its trend line, as under the panel's title (blue or grey is not read out)
        names = "; ".join(f"{data.catalogue[i][f'title_{lang}']} ("
                          f"{', '.join(filter(None, (p.trend, p.jump)))})"
                          for i, p in zip(ids, panels, strict=True))
        figures.append(figure(
            f"fig-{domain}", chart_panels.small_multiples(panels, data.name, lang,
                                                          group=data.group_short(lang)),
            t(lang, "sm_caption", domain=title, city=data.name,
              years=str(min(years)) if min(years) == max(years)
              else f"{min(years)}-{max(years)}"),
            t(lang, "sm_alt", n=len(ids), names=names), series_table(data, ids, lang)))
        if geometries:
            fig = _map_figure(data, ids, lang, geometries, domain)
            if fig:
                figures.append(fig)
    return {"id": f"domein-{domain}", "title": title, "domain": domain,
            "intro": t(lang, "domain_intro", city=data.name, group=data.group_intro(lang),
                       window=data.settings.window) if first else None,
            "sentences": with_jumps(data, ids, lang, commentary(data, domain, lang,
                                                                named=first)),
            "figures": figures,
            "empty": None if ids else no_domain_data(data, domain, lang)}


def domains(data: CityData, lang: str, geometries: dict[str, dict] | None) -> list[dict]:
    return [domain_section(data, d, lang, geometries, i == 0) for i, d in enumerate(data.domains)]
