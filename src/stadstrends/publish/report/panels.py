"""A domain's small multiples: one panel per indicator (its trend and jump lines under the
title) and the table of the numbers behind them."""

from __future__ import annotations

from stadstrends import vocabulary
from stadstrends.publish import chart_panels, figure_notes
from stadstrends.publish.chart_rounding import series_step
from stadstrends.publish.format import fmt_list, fmt_years
from stadstrends.publish.harmonised import cbs_steps, round_computed, step_digits
from stadstrends.publish.median_zeros import zero_mark, zero_words
from stadstrends.publish.report.cells import column_digits, fmt, provisional, unit_label
from stadstrends.publish.report.data import CityData, fact
from stadstrends.publish.report.texts import t
from stadstrends.publish.sentence_jumps import direction, shown_trend
from stadstrends.publish.sentence_tables import switched
from stadstrends.publish.sentence_verdicts import steps_only
from stadstrends.publish.sentence_words import WORDS
from stadstrends.publish.sentences import trend_span

SERIES_YEARS = 20


def trend_label(tr: dict | None, lang: str, untested: dict | None = None,
                min_distinct: int = 0) -> str:
    """A panel's second subtitle line: the years the trend was tested over and its verdict
    ("trend 2017-2024: stijgend, significant"; the first and last year with a figure in the
    window, after a series break only the years after it, as the sentences say:
    :func:`~stadstrends.publish.sentences.trend_span`), at most 40 characters; not the
    years the panel draws. Without a trend, why, as the analysis recorded it (``untested``:
    the series' row of ``untested_series``): a series break or a change of source tables
    left too few of the window's figures after it ("na reeksbreuk 2024: te weinig jaren"
    above 24 years of figures), or the window holds too few figures ("te weinig recente,
    vergelijkbare jaren"). A trend on fewer than ``min_distinct`` distinct values was not
    tested ("trend 2016-2023: niet getoetst, afgerond": Oss's low incomes). A trend that may
    rest on CBS's rounding of its years (``rests_on_rounding``): "dalend, niet zeker"."""
    words = vocabulary.section(lang, "trend_labels")
    if tr is None:
        reason = (untested or {}).get("reason") or "few_recent_years"
        return words[reason].format(year=(untested or {}).get("segment_start"))
    span = "–".join(map(str, trend_span(tr)))
    kind = "indicative" if tr.get("indicative") else "steps" if steps_only(
        tr, min_distinct) or tr["classification"] == "not tested" else tr["classification"]
    if tr.get("rests_on_rounding") and kind in ("rising", "falling"):
        kind += "_rounding"  # CBS's rounding of its years could undo it: 'dalend, niet zeker
    return words["window"].format(span=span, verdict=words.get(
        kind, words["no significant change"]))


def prices(meta: dict, lang: str) -> str:
    """'in lopende prijzen' for an amount in euro in current prices (catalogue
    ``current_prices``: its trend has no verdict, part of a rise is inflation), beside its
    unit under a panel's title and in the chart's description; '' otherwise."""
    return WORDS[lang]["current_prices_short"] if meta.get("current_prices") else ""


def shown_jumps(data: CityData, ind: str) -> list[dict]:
    """The city's ``series_jumps`` rows of an indicator between two years its panel draws."""
    rows = data.series.get(ind, [])[-SERIES_YEARS:]
    first = min((r["year"] for r in rows), default=None)
    return [j for j in data.jumps.get(ind, []) if first is not None
            and j["previous_year"] >= first]


def shown_humps(data: CityData, ind: str) -> list[dict]:
    """The city's ``series_humps`` rows of an indicator whose year before the hump its panel
    draws."""
    rows = data.series.get(ind, [])[-SERIES_YEARS:]
    first = min((r["year"] for r in rows), default=None)
    return [h for h in data.humps.get(ind, []) if first is not None
            and h["before_year"] >= first]


def shown_steps(data: CityData, ind: str) -> list[dict]:
    """The city's ``series_steps`` rows of an indicator whose year before the step its
    panel draws."""
    rows = data.series.get(ind, [])[-SERIES_YEARS:]
    first = min((r["year"] for r in rows), default=None)
    return [st for st in data.steps.get(ind, []) if first is not None
            and st["before_year"] >= first]


def _third_line(rows: list[dict], lang: str, several: str, one) -> str:  # noqa: ANN001
    """A panel's third subtitle line: '' without ``rows``, the ``several`` words for more
    than one ('2 abrupte veranderingen (zie tekst)'), else ``one(words, row)``."""
    if not rows:
        return ""
    words = vocabulary.section(lang, "trend_labels")
    return words[several].format(n=len(rows)) if len(rows) > 1 else one(words, rows[0])


def hump_label(humps: list[dict], lang: str) -> str:
    """A panel's third subtitle line for a series at another level for a few years
    (``series_humps``; a panel with a jump keeps the jump's line): 'tijdelijk hoger
    2017–2018 (zie tekst)'; several: '2 tijdelijke afwijkingen (zie tekst)'; '' without
    one. At most 40 characters."""
    def one(words: dict, h: dict) -> str:
        years = str(h["first_year"]) if h["first_year"] == h["last_year"] else (
            f"{h['first_year']}–{h['last_year']}")
        return words["hump_up" if h["ratio"] > 1 else "hump_down"].format(years=years)
    return _third_line(humps, lang, "humps", one)


def step_label(steps: list[dict], lang: str) -> str:
    """A panel's third subtitle line for a lasting step in one year (``series_steps``; a
    jump's or a hump's line goes first): 'blijvende sprong omlaag 2017 (zie tekst)';
    several: '2 blijvende sprongen (zie tekst)'; '' without one. At most 40 characters."""
    return _third_line(steps, lang, "lasting_steps", lambda words, st: words[
        "lasting_step_up" if st["ratio"] > 1 else "lasting_step_down"].format(year=st["year"]))


def jump_label(jumps: list[dict], lang: str) -> str:
    """A panel's third subtitle line: where the series changes abruptly (no known break)
    ('abrupte daling 2012–2013 (zie tekst)'; several: '2 abrupte veranderingen (zie
    tekst)'); '' without one. At most 40 characters."""
    return _third_line(jumps, lang, "jumps", lambda words, j: words[direction(j)].format(
        years=f"{j['previous_year']}–{j['year']}"))


def panel(data: CityData, ind: str, lang: str) -> chart_panels.Panel:
    """One indicator's panel of the small multiples: its last :data:`SERIES_YEARS` years;
    ``significant`` (the dark line) for a significant trend that does not rest on CBS's
    rounding."""
    meta = data.catalogue[ind]
    rows = data.series[ind][-SERIES_YEARS:]
    tr = shown_trend(fact(data, ind, lang))  # over a jump: as its sentence leads
    count = meta["method"] == "count"

    def pick(col: str) -> list[dict]:
        return [{"year": r["year"], "value": shown_value(data, ind, r, col)} for r in rows
                if r[col] is not None]

    band = [] if count else [{"year": r["year"], **{k: shown_value(data, ind, r, k) for k in
                                                    ("p25", "median", "p75")}}
                             for r in rows if r["p25"] is not None]
    # dark only for a significant trend CBS's rounding cannot undo: one that may rest on it
    # (``rests_on_rounding``, 'dalend, niet zeker') is drawn as no trend, as the report gives
    # it no signal (Ameland's payment arrears 2017-2024)
    sig = tr is not None and tr["classification"] in ("rising", "falling") \
        and not tr.get("rests_on_rounding")
    jumps = shown_jumps(data, ind)
    return chart_panels.Panel(
        title=meta[f"title_{lang}"],
        subtitle=", ".join(filter(None, (unit_label(meta["unit"], lang), prices(meta, lang)))),
        trend=trend_label(tr, lang, data.untested.get(ind), data.settings.min_distinct_values),
        unit=meta["unit"], decimals=meta.get("decimals"), city=pick("value"),
        ommeland=[] if count else pick("ommeland_value"), nl=[] if count else pick("nl_value"),
        band=band, significant=sig, tested=trend_span(tr) if tr else None,
        breaks=list(meta.get("break_years") or []),
        provisional=sorted(data.provisional.get(ind, ())),
        harmonised=sorted(data.harmonised.get(ind, ())),
        harmonised_word=WORDS[lang]["harmonised"],
        recomputed=sorted(data.recomputed.get(ind, ())),
        recomputed_word=WORDS[lang]["recomputed"],
        ommeland_notes=_omm_notes(data, ind, lang),
        nl_notes={y: figure_notes.without(names, lang)
                  for y, names in data.nl_left_out.get(ind, {}).items()},
        median_notes={r["year"]: zero_words(r.get("median_zeros"), lang) for r in rows
                      if r.get("median_zeros")},  # a 0 on counts CBS rounded to 0
        jump=jump_label(jumps, lang) or hump_label(shown_humps(data, ind), lang)
        or step_label(shown_steps(data, ind), lang),
        jumps=[{"year": j["year"], "label": jump_label([j], lang)} for j in jumps],
        # CBS's rounding of the city's figures (jobs to hundreds): the axis spans 10 of it
        step=series_step(cbs_steps(data.computed.get(ind), data.published.get(ind)),
                         [r["year"] for r in rows if r["value"] is not None]))


def _omm_notes(data: CityData, ind: str, lang: str) -> dict[int, str]:
    """year -> the note a chart's tooltip gives an ommeland figure: the members it leaves
    out ('zonder Ameland'), 'ongeveer' where it is derived from CBS's rounded COROP figure
    and less precise than its digits (Leeuwarden's income of 2023)."""
    notes = {y: figure_notes.without(names, lang)
             for y, names in data.ommeland_left_out.get(ind, {}).items()}
    for y, rounding in data.omm_rounding.get(ind, {}).items():
        if figure_notes.rough(rounding, data.catalogue[ind].get("decimals")):
            word = figure_notes.about("", lang).strip()
            notes[y] = f"{word}; {notes[y]}" if notes.get(y) else word
    return notes


def series_table(data: CityData, ids: list[str], lang: str) -> dict:
    """The numbers behind small multiples: per indicator and year every line and band; the
    city's provisional figures marked '(voorlopig)' as in the sentences and charts, its
    recalculated ones '*' and those divided from a rounded count '°' (with legend lines in
    ``notes``), an ommeland or Nederland figure without rejected members '(zonder Ameland)'
    (:mod:`~stadstrends.publish.figure_notes`)."""
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
        harmonised = data.harmonised.get(ind, set())
        recomputed = data.recomputed.get(ind, set())
        left = data.ommeland_left_out.get(ind, {})
        nl_left = data.nl_left_out.get(ind, {})  # Nederland: 'zonder Ameland, ...'
        derived = data.omm_rounding.get(ind, {})  # from CBS's rounded COROP figure
        shown = data.series[ind][-SERIES_YEARS:]
        fields = ("value", "p25", "median", "p75", "ommeland_value", "nl_value")
        digits = column_digits([r[c] for r in shown for c in fields], meta["unit"],
                               meta.get("decimals"))
        for r in shown:
            step = data.rounding.get(ind, {}).get(r["year"]) if r["year"] in harmonised \
                else None  # a recalculated figure no finer than its sources: 1.430*
            own = figure_notes.marked(fmt(round_computed(r["value"], {r["year"]: step},
                                                         r["year"]), meta["unit"], lang,
                                          step_digits(digits, step)),
                                      r["year"] in harmonised,
                                      r["year"] in recomputed)  # '35,3* (voorlopig)'
            value = provisional(own, r["year"] in marked, lang)
            cells = [fmt(shown_value(data, ind, r, c), meta["unit"], lang, digits)
                     for c in fields[1:]]
            cells[3] = figure_notes.with_without(cells[3], left.get(r["year"]), lang, rough=(
                figure_notes.rough(derived.get(r["year"]), meta.get("decimals"))))  # '≈ 50,5'
            cells[4] = figure_notes.with_without(cells[4], nl_left.get(r["year"]), lang)
            # '0,0 (berekend uit een op 0 afgerond aantal)': a quartile on counts rounded to 0
            cells[:3] = [zero_mark(c, r.get(f"{k}_zeros"), lang)
                         for c, k in zip(cells[:3], ("p25", "median", "p75"), strict=True)]
            rows.append([label, r["year"], value] + cells)
    return {"columns": cols, "rows": rows,
            "notes": figure_notes.legends([r[2] for r in rows], lang)}


def shown_value(data: CityData, ind: str, row: dict, col: str) -> float | None:
    """``row[col]`` as the report prints it: an ommeland or Nederland figure (Stadstrends'
    sum over municipalities) and the group's quartiles (interpolated between members) no
    more precisely than the municipalities' figures they are made of
    (:func:`~stadstrends.publish.harmonised.computed_rounding`: gas use to tens)."""
    if col not in ("ommeland_value", "nl_value", "p25", "median", "p75"):
        return row[col]
    return round_computed(row[col], data.computed.get(ind), row["year"])


def computed_note(data: CityData, ids: list[str], lang: str) -> str:
    """The caption's word on the ommeland and Nederland columns, one statement per region
    type: Stadstrends' sums over the municipalities, except Nederland of a published mean
    (``weighted_mean``: gas use) and of a level (no ommeland), CBS's own national figure
    (:mod:`stadstrends.indicators.aggregate`), and Nederland of a count or ratio in the years
    its sum is incomplete (``data.nl_cbs``: Zwolle's Wmo clients 2016-2018, 2020, 2022-2023),
    named with those years in the same sentence. Before, those years had a second Nederland
    sentence after 'Ommeland en Nederland: berekend door Stadstrends'. The table prints both
    columns for every indicator of ``ids``, counts too. A published mean whose ommeland is
    derived from CBS's COROP figure where a member has none (``data.cbs_corop``: Leeuwarden's
    income of 2023) is named with those years. A count or ratio whose Nederland is CBS's
    figure in every year (``data.nl_cbs_series``: solar panels, its table's national figure
    counts more than the municipalities) is named with CBS's figures, 'in elk jaar' and why:
    not every year's sum is complete, so every year is CBS's figure (Enschede's solar
    capacity 2016-2023)."""
    shown = ids
    # a count or ratio whose Nederland is CBS's in every year drawn: one kind of figure
    whole = [_lower(data.catalogue[i][f"title_{lang}"]) for i in shown
             if i in data.nl_cbs_series and _nl_years(data, i)]
    cbs = [_lower(data.catalogue[i][f"title_{lang}"]) for i in shown
           if data.catalogue[i]["method"] in ("weighted_mean", "level")] + [
        t(lang, "nl_cbs_series_item", title=title) for title in whole]
    # a count or ratio whose Nederland is CBS's figure in the years drawn with an incomplete sum
    partial = [(_lower(data.catalogue[i][f"title_{lang}"]), years) for i in shown
               if data.catalogue[i]["method"] not in ("weighted_mean", "level")
               and i not in data.nl_cbs_series
               and (years := [y for y in _nl_years(data, i) if y in data.nl_cbs.get(i, ())])]
    # every Nederland figure drawn CBS's own: a published mean, or a count or ratio whose sum
    # is incomplete in each year drawn (2024 of the cut 85984NED)
    all_cbs = all(data.catalogue[i]["method"] in ("weighted_mean", "level")
                  or _nl_all_cbs(data, i) for i in shown)
    if all(data.catalogue[i]["method"] == "level" for i in shown):  # no ommeland either
        return " " + t(lang, "computed_none")
    extra = _cbs_corop_note(data, shown, lang)
    if not cbs and not partial:  # a count's or ratio's ommeland may still be CBS's minus the city
        return " " + t(lang, "computed_both") + extra
    if all_cbs:
        if partial:  # why a count's Nederland is CBS's figure: said once, here
            return " " + t(lang, "computed_omm_cbs_nl_gaps", titles=_titles(
                [title for title, _ in partial] + cbs[len(cbs) - len(whole):], lang)) + extra
        if whole:  # ... in every year, also where the sum is complete
            return " " + t(lang, "computed_omm_cbs_nl_series",
                           titles=_titles(whole, lang)) + extra
        return " " + t(lang, "computed_omm_cbs_nl") + extra
    items = cbs + [t(lang, "nl_cbs_years_item", title=title, years=fmt_years(years))
                   for title, years in partial]
    return " " + t(lang, "computed_nl_except", titles=_titles(items, lang) + (
        t(lang, "nl_cbs_years_reason") if partial else "")) + extra


def _cbs_corop_note(data: CityData, shown: list[str], lang: str) -> str:
    """' Ommeland bij huishoudens (2024): ... het CBS-cijfer van de regio min dat van de
    gemeente.' for the table's years whose ommeland is CBS's COROP figure minus the city's
    (``data.cbs_corop``: a published mean, count or ratio,
    :mod:`stadstrends.analysis.ommeland_cbs`), and that CBS's rounding makes it less precise
    than its digits only for those where it does
    (:func:`~stadstrends.publish.figure_notes.rough`: Leeuwarden's income of 2023, not
    Utrecht's one-person households, whose counts CBS does not round); '' without any."""
    corop, rough = [], []
    for i in shown:
        drawn = {r["year"] for r in data.series[i][-SERIES_YEARS:]
                 if r["ommeland_value"] is not None}
        years = [y for y in data.cbs_corop.get(i, ()) if y in drawn]
        if not years:
            continue
        title = _lower(data.catalogue[i][f"title_{lang}"])
        corop.append(f"{title} ({fmt_years(years)})")
        if any(figure_notes.rough(data.omm_rounding.get(i, {}).get(y),
                                  data.catalogue[i].get("decimals")) for y in years):
            rough.append(title)
    if not corop:
        return ""
    return " " + " ".join(filter(None, (
        t(lang, "computed_omm_cbs_corop", titles=_titles(corop, lang)),
        t(lang, "computed_omm_cbs_rough", titles=_titles(rough, lang)) if rough else "")))


def _nl_years(data: CityData, ind: str) -> list[int]:
    """The years whose Nederland figure the panel of ``ind`` draws."""
    return [r["year"] for r in data.series[ind][-SERIES_YEARS:] if r["nl_value"] is not None]


def _nl_all_cbs(data: CityData, ind: str) -> bool:
    """True where every Nederland figure of a count or ratio that the panel draws is CBS's
    national figure (``data.nl_cbs``: the sum over the municipalities incomplete)."""
    years = _nl_years(data, ind)
    return bool(years) and set(years) <= set(data.nl_cbs.get(ind, ()))


def _titles(titles: list[str], lang: str) -> str:
    """['a', 'b', 'c'] -> 'a, b en c'."""
    return fmt_list(titles, lang)


def _lower(title: str) -> str:
    """'Gemiddeld aardgasverbruik' -> 'gemiddeld aardgasverbruik'; 'WOZ-waarde' stays."""
    return title if title[1:2].isupper() else title[:1].lower() + title[1:]


def panel_notes(data: CityData, ids: list[str], lang: str) -> str:
    """The caption lines of a domain's small multiples about the years they draw: which
    city figures are recalculated ('Omgerekend naar de huidige grenzen: Corporatiewoningen
    2009-2017.'), which ommeland lines leave members out ('Ommeland bij Corporatiewoningen:
    zonder Ameland (2012-2024).'), which trends join two CBS
    tables the catalogue declares one series (:func:`table_switch`), which draw CBS's stock
    on 31 December at the next year ('Stand op 31 december van het jaar ervoor: ...'); ''
    without any."""
    own, omm, quotients, nl, switches = [], [], [], [], []
    for ind in ids:
        title = data.catalogue[ind][f"title_{lang}"]
        switches.append(table_switch(data, ind, title, lang))
        shown = data.series[ind][-SERIES_YEARS:]
        own.append((title, [r["year"] for r in shown if r["value"] is not None
                            and r["year"] in data.harmonised.get(ind, ())]))
        quotients.append((title, [r["year"] for r in shown if r["value"] is not None
                                  and r["year"] in data.recomputed.get(ind, ())]))
        count = data.catalogue[ind]["method"] == "count"  # its panel draws no ommeland
        omm.append((title, "" if count else figure_notes.left_out_years(
            data.ommeland_left_out.get(ind, {}),
            [r["year"] for r in shown if r["ommeland_value"] is not None], lang)))
        nl.append((title, "" if count else figure_notes.left_out_years(
            data.nl_left_out.get(ind, {}),
            [r["year"] for r in shown if r["nl_value"] is not None], lang)))
    tables = [w for w in switches if w]
    # a stock on 31 December drawn at the next year (payment arrears), with its last year
    moved = [(data.catalogue[i][f"title_{lang}"], data.catalogue[i].get("year_offset"))
             for i in ids]
    last = max((r["year"] for i in ids if data.catalogue[i].get("year_offset")
                for r in data.series[i][-SERIES_YEARS:] if r["value"] is not None), default=0)
    return " ".join(filter(None, (figure_notes.harmonised_caption(own, lang),
                                  t(lang, "tables_caption", items="; ".join(tables))
                                  if tables else "",
                                  figure_notes.recomputed_caption(quotients, lang),
                                  figure_notes.ommeland_caption(omm, lang),
                                  figure_notes.nl_caption(nl, lang),
                                  figure_notes.offset_caption(moved, last, lang)
                                  if last else "")))


def table_switch(data: CityData, ind: str, title: str, lang: str) -> str:
    """A panel's trend whose first and last figure come from CBS tables that share none
    (:func:`~stadstrends.publish.sentence_tables.switched`, as the sentences disclose them):
    'Aandeel 65-plussers 2017 uit CBS-tabel 60039fvw, 2024 uit 85383NED' (Maastricht: the
    catalogue's ``continuous_sources``; from 2010 all three tables count CBS's population on
    1 January, tests/publish/test_panel_tables.py); '' otherwise."""
    tr = shown_trend(fact(data, ind, lang))
    if not tr:
        return ""
    y0, y1 = trend_span(tr)
    years = data.tables.get(ind, {})
    a, b = switched(years.get(int(y0)), years.get(int(y1)))
    if not a or not b:
        return ""
    said = vocabulary.section(lang, "sentences")["tables_switch"].format(
        y0=y0, t0=", ".join(a), y1=y1, t1=", ".join(b))
    return f"{title} {said}"
