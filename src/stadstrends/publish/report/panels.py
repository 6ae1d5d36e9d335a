"""A domain's small multiples: one panel per indicator (its trend and jump lines under the
title) and the table of the numbers behind them."""

from __future__ import annotations

from stadstrends import vocabulary
from stadstrends.publish import chart_panels
from stadstrends.publish.report.cells import column_digits, fmt, provisional, unit_label
from stadstrends.publish.report.data import CityData, fact
from stadstrends.publish.report.texts import t
from stadstrends.publish.sentence_jumps import direction, shown_trend
from stadstrends.publish.sentence_verdicts import steps_only
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
    span = "-".join(map(str, trend_span(tr)))
    kind = "indicative" if tr.get("indicative") else "steps" if steps_only(
        tr, min_distinct) else tr["classification"]
    if tr.get("rests_on_rounding") and kind in ("rising", "falling"):
        kind += "_rounding"  # CBS's rounding of its years could undo it: 'dalend, niet zeker
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


def panel(data: CityData, ind: str, lang: str) -> chart_panels.Panel:
    """One indicator's panel of the small multiples: its last :data:`SERIES_YEARS` years."""
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
        trend=trend_label(tr, lang, data.untested.get(ind), data.settings.min_distinct_values),
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
