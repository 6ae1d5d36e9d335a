"""The eight domain sections: which indicators each shows, its commentary sentences (with
those on abrupt changes), its small multiples and a regional map."""

from __future__ import annotations

from stadstrends.publish import chart_maps, chart_panels, figure_notes, maps
from stadstrends.publish.harmonised import round_computed
from stadstrends.publish.report.cells import (
    column_digits,
    figure,
    fmt,
    is_projection,
    provisional,
    unit_label,
)
from stadstrends.publish.report.data import CityData, fact
from stadstrends.publish.report.gap_words import no_domain_data
from stadstrends.publish.report.panels import (
    SERIES_YEARS,
    computed_note,
    panel,
    panel_notes,
    prices,
    series_table,
    shown_humps,
    shown_jumps,
    shown_steps,
)
from stadstrends.publish.report.texts import domain_title, municipalities, t
from stadstrends.publish.sentence_cites import Sentence
from stadstrends.publish.sentence_humps import hump_sentence
from stadstrends.publish.sentence_steps import step_sentence

MAX_PANELS, MIN_PANELS = 6, 4
MAP_MIN_SHARE = 0.6


def domain_indicators(data: CityData, domain: str) -> list[str]:
    """Key indicators of the domain with data, topped up to four by the longest series."""
    ids = [i for i, m in data.catalogue.items() if m["domain"] == domain
           and not is_projection(data.catalogue, i) and data.series.get(i)]
    key = [i for i in ids if data.catalogue[i]["key_indicator"]]
    rest = sorted((i for i in ids if i not in key and len(data.series[i]) >= 3),
                  key=lambda i: -len(data.series[i]))
    return (key + rest[:max(0, MIN_PANELS - len(key))])[:MAX_PANELS]


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
        own = {(r["year"], r["region_code"]) for r in rows if r.get("harmonised")}
        quotients = {(r["year"], r["region_code"]) for r in rows if r.get("recomputed")}
        steps = data.rounding.get(ind)  # a recalculated figure no finer than its sources
        for r in rows:
            by_year.setdefault(r["year"], {})[r["region_code"]] = round_computed(
                r["value"], steps, r["year"]) if r.get("harmonised") else r["value"]
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
        cells = [[names.get(c, c), provisional(figure_notes.marked(
            fmt(values.get(c), meta["unit"], lang, digits), (year, c) in own,
            (year, c) in quotients), (year, c) in marked, lang)]
            for c in sorted(members, key=lambda c: names.get(c, c))]  # '18,2° (voorlopig)'
        table = {"columns": [t(lang, "col_municipality"), f"{title} ({unit}), {year}"],
                 "rows": cells, "notes": figure_notes.legends([r[1] for r in cells], lang)}
        # the PDF prints no table: the caption names the marked members
        notes = figure_notes.members_caption(
            *([names.get(c, c) for y, c in cells_of if y == year] for cells_of in (own, quotients)),
            lang=lang)
        caption = t(lang, "map_ind_caption", title=title, corop=data.corop["name"], year=year,
                    city=data.name)
        # a stock on 31 December mapped at the next year: which day it is
        moved = figure_notes.offset_note("one", meta.get("year_offset"), lang, year)
        notes = " ".join(filter(None, (notes, moved)))
        return figure(f"fig-map-{domain}", spec, f"{caption} {notes}".strip(), alt, table,
                      kind="map")
    return None


def commentary(data: CityData, domain: str, lang: str, n: int = 2,
               named: bool = False) -> list:
    """The domain's strongest facts as sentences (signals first,
    else furthest from the set median); ``named``: the section's intro names the comparison
    group, so the sentences name it shorter (else from their second position on). An old
    figure is no headline: out-of-date indicators (:meth:`CityData.is_stale`: Oss's
    migration background of 2009) are left to the charts and tables, unless the domain has
    nothing newer; then a sentence says so first and theirs follow, marked 'verouderd'."""
    writer = data.writer(lang, named)
    candidates = _candidates(data, domain)
    chosen = [c for c in candidates if not data.is_stale(c["indicator_id"])][:n]
    lead = []
    if not chosen and _only_stale(data, domain):
        chosen = candidates[:n]
        s = Sentence("")
        s.text = t(lang, "domain_only_stale", domain=domain_title(domain, lang),
                   year=writer._year(s, data.fresh_from))
        lead = [s]
    return lead + [writer.indicator(fact(data, c["indicator_id"], lang), c["kind"],
                                    c.get("valence")) for c in chosen]


def _candidates(data: CityData, domain: str) -> list[dict]:
    """The domain's signals (one per indicator, strongest first), then its other indicators
    by their distance from the group's median (``robust_z``)."""
    picked: dict[str, dict] = {}
    for sig in data.signals:
        if sig["domain"] == domain and sig["indicator_id"] not in picked \
                and not is_projection(data.catalogue, sig["indicator_id"]):
            picked[sig["indicator_id"]] = sig
    extra = [i for i, m in data.catalogue.items() if m["domain"] == domain
             and i in data.latest and i not in picked and not m["projection"]
             and data.latest[i].get("robust_z") is not None]
    extra.sort(key=lambda i: -abs(data.latest[i]["robust_z"]))
    return list(picked.values()) + [{"indicator_id": i, "kind": "group_deviation",
                                     "valence": None} for i in extra]


def _only_stale(data: CityData, domain: str) -> bool:
    """Whether every indicator of the domain with figures for the city is out of date."""
    ids = [i for i, m in data.catalogue.items() if m["domain"] == domain
           and not m["projection"] and data.series.get(i)]
    return bool(ids) and data.fresh_from is not None and all(data.is_stale(i) for i in ids)


def with_jumps(data: CityData, ids: list[str], lang: str, said: list) -> list:
    """``said`` with a sentence per panel whose series changes abruptly where no series
    break is known (the panel's third line says where; this says from what to what, and
    whether the trend's verdict may rest on it, unless ``said`` already does), and one per
    panel whose series stands at another level for a few years and returns (``series_humps``:
    Deventer's jobs 2017-2018) and one per panel whose tested years hold a lasting step
    (``series_steps``: Zutphen's jobs 2017), each right
    after ``said``'s sentence about its indicator (else at the end): one indicator's
    sentences together."""
    writer, told = data.writer(lang), {s.indicator_id: s.text for s in said}
    jumps = [writer.jumps(fact(data, i, lang), js, told.get(i, "")) for i in ids
             if (js := shown_jumps(data, i))]
    jumps += [hump_sentence(writer, fact(data, i, lang), hs) for i in ids
              if (hs := shown_humps(data, i))]
    jumps += [step_sentence(writer, fact(data, i, lang), st) for i in ids
              if (st := shown_steps(data, i))]
    return [x for s in said for x in [s] + [j for j in jumps if j.indicator_id ==
            s.indicator_id]] + [j for j in jumps if j.indicator_id not in told]


def squeezed_note(squeezes: list[tuple[int, str]], ids: list[str], data: CityData,
                  lang: str) -> str:
    """' // op de tijdas: ... (Bijstandsuitkeringen per 1 000 inwoners: geen cijfers
    2009–2023).' for the panels whose axis squeezes a run of years without figures
    (``squeezes``: (panel index, the '//' mark's words), as
    :func:`~stadstrends.publish.chart_panels.small_multiples` drew them; the PDF shows no
    tooltip); '' without one."""
    said = [f"{data.catalogue[ids[i]][f'title_{lang}']}: {label}" for i, label in squeezes]
    return " " + t(lang, "sm_squeezed", list="; ".join(said)) if said else ""


def domain_section(data: CityData, domain: str, lang: str,
                   geometries: dict[str, dict] | None, first: bool) -> dict:
    """One trend domain: commentary, small multiples with their table, a regional map."""
    title = domain_title(domain, lang)
    ids = domain_indicators(data, domain)
    figures = []
    if ids:
        panels = [panel(data, i, lang) for i in ids]
        years = [r["year"] for i in ids for r in data.series[i][-SERIES_YEARS:]]
        # each with its trend line, as under the panel's title (blue or grey is not read out)
        names = "; ".join(f"{data.catalogue[i][f'title_{lang}']} (" + ", ".join(filter(
            None, (p.trend, prices(data.catalogue[i], lang), p.jump))) + ")"
                          for i, p in zip(ids, panels, strict=True))
        squeezes: list[tuple[int, str]] = []  # the '//' runs the panels draw, for the caption
        spec = chart_panels.small_multiples(panels, data.name, lang,
                                            group=data.group_short(lang), squeezes=squeezes)
        figures.append(figure(
            f"fig-{domain}", spec,
            t(lang, "sm_caption", domain=title, city=data.name,
              years=str(min(years)) if min(years) == max(years)
              else f"{min(years)}–{max(years)}") + computed_note(data, ids, lang) + (
                f" {notes}" if (notes := panel_notes(data, ids, lang)) else "")
            + squeezed_note(squeezes, ids, data, lang),
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
