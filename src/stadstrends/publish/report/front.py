"""The report's front page: a map of the region with its members' density, the city's key
figures, the count of signals and of Kies richting per opgave, peers, data and build dates."""

from __future__ import annotations

from datetime import date, datetime

from stadstrends.publish import chart_maps, maps
from stadstrends.publish.cut_members import names
from stadstrends.publish.format import fmt_date
from stadstrends.publish.groups import class_sentence
from stadstrends.publish.positions import by_rank
from stadstrends.publish.report.cells import figure, fmt, is_projection, unit_label
from stadstrends.publish.report.data import CityData
from stadstrends.publish.report.direction_words import KIES_LABELS, kies_items
from stadstrends.publish.report.facts import fact
from stadstrends.publish.report.glance import opgaven
from stadstrends.publish.report.texts import municipalities, t
from stadstrends.publish.sentence_numbers import number, with_unit
from stadstrends.publish.sentence_words import bracketed, figure_marks

KEY_FIGURES = ["population", "population_growth_pct", "share_age_65_plus", "unemployment_rate",
               "income_disposable_mean", "woz_mean", "job_ratio"]


def _parse_day(text: str | None) -> date | None:
    try:
        return datetime.fromisoformat(str(text)).date()
    except (TypeError, ValueError):
        return None


def data_dates(last_years: list[int]) -> dict | None:
    """The front page's data-date claim from each observed indicator's last year:
    ``last`` (the latest), ``year`` (the latest year that more than half of them reach),
    ``n`` (how many reach ``year`` or later) and ``total``; None without indicators."""
    if not last_years:
        return None
    total = len(last_years)
    year = max(y for y in last_years if 2 * sum(x >= y for x in last_years) > total)
    return {"last": max(last_years), "year": year, "total": total,
            "n": sum(x >= year for x in last_years)}


#: the concepts the peers step compares on, in its order (analysis/peers.py, CANDIDATES),
#: each with the prefixes of its variables ('jobs_employees/population': jobs)
PEER_CONCEPTS = (("size", ("population",)), ("density", ("population_density",)),
                 ("age", ("share_age_",)), ("income", ("income_",)),
                 ("jobs", ("job_ratio", "jobs_")),
                 ("origin", ("share_non_western", "share_migration")))


def _concept(variable: str) -> str | None:
    if variable in ("population", "population_density"):  # 'population' prefixes both
        return "size" if variable == "population" else "density"
    return next((c for c, prefixes in PEER_CONCEPTS[2:]
                 if variable.startswith(prefixes)), None)


def peer_concepts(data: CityData, lang: str) -> str:
    """What the listed peers were compared on: the concepts of the build's variables that
    some pair used, then those no pair or not every pair used, and why ('omvang, dichtheid,
    leeftijd, banen, herkomst; zonder inkomen: Rozendaal heeft geen cijfer over 2023')."""
    used = {_concept(v["variable"]): v for v in data.peer_variables}
    pairs = [{_concept(x) for x in (p.get("variables") or [])} for p in data.peers]
    if not used or not pairs:  # a warehouse without the variables: every concept
        return ", ".join(t(lang, f"peer_{c}") for c, _ in PEER_CONCEPTS)
    shown, notes = [], []
    for concept, _ in PEER_CONCEPTS:
        if concept not in used:
            continue
        word, year = t(lang, f"peer_{concept}"), used[concept]["year"]
        lacking = [p["name"] for p, have in zip(data.peers, pairs, strict=True)
                   if concept not in have]
        if not used[concept]["city_has"]:
            notes.append(t(lang, "peers_city_lacks", concept=word, city=data.name, year=year))
            continue
        if len(lacking) < len(pairs):
            shown.append(word)
        if lacking:
            notes.append(t(lang, "peers_peer_lacks", concept=word, year=year,
                           names=names(lacking, lang)))
    return "; ".join([", ".join(shown), *notes])


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
        # the city's name first, then its neighbours' by population (Heerlen and
        # Sittard-Geleen beside Vaals before a small one), each where it overlaps none
        people = {m["code"]: m.get("population") or 0 for m in data.members}
        order = [data.code] + sorted((c for c in codes if c != data.code),
                                     key=lambda c: (-people.get(c, 0), names[c]))
        labels = maps.spread_labels(maps.label_points(geometries, codes, names), order,
                                    maps.extent(geometries, codes), geometries=geometries)
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
        # marked as the sentences and the tiles mark it: '611 per 1 000 inwoners
        # (voorlopig, berekend uit afgerond aantal)'
        marks = figure_marks(fact(data, ind, lang), row["year"], lang)
        # one bracket: 'Banen per 1 000 inwoners (baanintensiteit, 2023)', not '... (2023)'
        title = meta[f"title_{lang}"]
        own = title.endswith(")")
        key.append({"label": title, "head": title[:-1] if own else title, "year": row["year"],
                    "year_text": f"{', ' if own else '('}{row['year']})", "value": value,
                    "marks": bracketed(marks, lang)})
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
    dates = data_dates(years)
    built = _parse_day(data.build.get("built_at"))
    group = data.group_phrase(lang)
    concepts = peer_concepts(data, lang)
    n = len(data.peers)
    peers_text = (t(lang, "peers_text", city=city, group=group, concepts=concepts, n=n)
                  if data.peers_within_group
                  else t(lang, "peers_text_all", city=city, concepts=concepts, n=n))
    member, is_default = data.group.get("member", True), data.group.get("is_default")
    default = t(lang, ("group_default" if member else "group_default_outside") if is_default
                else "group_outside", city=city) if is_default or not member else ""
    return {
        "id": "kort", "title": t(lang, "front", city=city), "figures": figures,
        "map_note": t(lang, "map_missing") if isinstance(geometries, maps.NoMap) else None,
        "key_figures": key, "peers": data.peers, "summary": summary,
        "peers_text": peers_text, "peers_rest": peers_rest(data, lang),
        "group_line": t(lang, "group_line", group=group, default=default) + class_sentence(
            data.group, city, lang, pointer=True),
        "data_date": t(lang, "data_date" if dates and dates["year"] < dates["last"]
                       else "data_date_all", city=city, **(dates or {"last": "?"})),
        "build_date": t(lang, "build_date", date=fmt_date(built, lang) if built else "?",
                        today=fmt_date(date.today(), lang)),
        # built with --unchecked: no register to check the snapshot's files against
        "unchecked": t(lang, "inputs_unchecked") if data.build.get("inputs_unchecked") else None,
    }


def peers_rest(data: CityData, lang: str) -> str:
    """Under the listed peers of a report compared within the city's peer group, the rest of
    that group: 'Met Kerkrade zelf en de 5 die daarna komen (Rheden, ... en Harlingen)
    vormen ze de vergelijkingsgroep van 11 gemeenten.' (the group phrase says '... en de 10
    gemeenten die er ... het meest op lijken', the list holds the nearest 5); '' otherwise."""
    members = data.group.get("peer_members") or []
    listed = [p["code"] for p in data.peers]
    rest = [m["name"] for m in members if m["code"] not in listed]
    if not rest or listed != [m["code"] for m in members[:len(listed)]]:
        return ""
    return t(lang, "peers_rest", city=data.name, k=len(rest), names=names(rest, lang),
             total=len(members) + 1)
