"""A city's trend profile (:func:`stadstrends.publish.profile.city_profile`) as text in
the terminal (Rich): domains, opgaven, kies richting and peers, in the language the profile
was made in."""

from __future__ import annotations

from datetime import date

from rich.console import Console
from rich.markup import escape
from rich.rule import Rule
from rich.table import Table

from stadstrends import vocabulary
from stadstrends.publish.figure_notes import about, meaning_short, offset_note, rough
from stadstrends.publish.format import fmt_date, fmt_number, fmt_under
from stadstrends.publish.group_count import counted_words, out_of
from stadstrends.publish.harmonised import round_computed, round_median
from stadstrends.publish.kies_withheld import withheld_words
from stadstrends.publish.median_zeros import with_zero
from stadstrends.publish.nowrap_text import Wrapped, print_table
from stadstrends.publish.ommeland_zeros import zero_mark, zero_words
from stadstrends.publish.profile_parts import LABEL_KEYS, group_phrase
from stadstrends.publish.sentence_signals import (
    LABELS,
    PROFILE,
    difference_text,
    missing,
    printed_change,
    value_text,
)
from stadstrends.publish.sentence_words import (
    ROUNDING_WORDS,
    WORDS,
    figure_marks,
    marks_joined,
    stale,
)
from stadstrends.publish.small_base_words import sampled_aside, small_base_brief
from stadstrends.publish.trend_line import line_places, off_words

SHOWN_KIES = 5
DOMAIN_ROWS = 6


def render_profile(profile: dict, console: Console, lang: str = "nl",
                   steps: dict[str, dict[int, int]] | None = None,
                   derived: dict[str, dict[int, float]] | None = None,
                   catalogue: dict[str, dict] | None = None) -> None:
    """Print the profile as text in ``lang`` (a profile made with that ``lang``): domains,
    opgaven, kies richting, peers. ``steps``: the warehouse's
    :func:`~stadstrends.publish.harmonised.computed_rounding`, to print an ommeland as the
    report does (gas use to tens; the profile's JSON keeps the computed value); ``derived``:
    the city's :func:`~stadstrends.publish.figure_notes.ommeland_derived`, to mark an
    ommeland derived from CBS's rounded COROP figure '≈' as the report's tables and the
    tiles do; ``catalogue``: :func:`~.kies_withheld.catalogue_of`, to say a withheld Kies
    richting label in the report's words (without it, those rows are not said)."""
    w = PROFILE[lang]
    region = profile["region"]
    name = region.get("display_name") or region["name"]
    heading = w["title" if region.get("is_city", True) else "title_municipality"]
    console.print(Rule(f"[bold]{heading.format(name=name)}[/bold] ({region['code']})"))
    where = [x for x in (region.get("corop_name"), region.get("province_name")) if x]
    when = _retrieved(profile.get("retrieved") or {}, lang)
    place = w["place"].format(where=", ".join(where)) if where else ""
    group = profile.get("group") or {}
    console.print(Wrapped(w["municipality"].format(place=place, date=when)))
    if group:
        console.print(Wrapped(w["compared_with"].format(group=group_phrase(group, lang),
                                                        set_id=group["set_id"])))
        if group.get("n"):  # an outsider's places are out of the members and itself
            outsider = group.get("member") is False
            note = w["rank_note_outsider" if outsider else "rank_note"]
            console.print(Wrapped(note.format(n=out_of(group["n"], outsider),
                                              counted=counted_words(lang))))
    domain_names = vocabulary.section(lang, "domains")
    for dom in profile["domains"]:
        shown = dom["indicators"]  # the counted ones, as the city page; projections after
        projected = dom.get("projections", [])
        if not shown and not projected:
            continue
        title = dom.get(f"title_{lang}") or domain_names.get(dom["domain"], dom["title_en"])
        console.print(Wrapped(f"\n[bold]{title}[/bold] — {_text(dom, 'summary', lang)}"))
        rows = _domain_rows(shown)
        titles = [_text(ind, "title", lang) + (
            w["projection"] if ind.get("projection")
            and w["projection_word"] not in _text(ind, "title", lang).lower() else "")
            for ind in rows]
        table = Table(show_edge=False, pad_edge=False)
        for col, just in (("col_indicator", "left"), ("col_latest", "right"),
                          ("col_trend", "left"), ("col_rank", "left"),
                          ("col_ommeland", "right")):
            # a title wraps between its words, never cut ('huishoudensin…' at 80 columns)
            table.add_column(w[col], justify=just, overflow="fold", width=_title_width(
                titles, console.width) if col == "col_indicator" else None)
        for ind, title in zip(rows, titles, strict=True):
            # each cell wrapped between words, never inside a number: Rich broke 'per 1 000
            # inwoners' into 'per 1' / '000 inwoners' (two numbers, at 80 columns)
            table.add_row(*map(Wrapped, (
                escape(title), escape(_latest_cell(ind, title, lang)), _trend_cell(ind, lang),
                escape(_rank_cell(ind, lang, group.get("member") is False,
                                  (steps or {}).get(ind["indicator_id"]))),
                escape(_ommeland_cell(ind, lang, (steps or {}).get(ind["indicator_id"]),
                                      (derived or {}).get(ind["indicator_id"]))))))
        print_table(console, table)  # a record per indicator where the columns do not fit
        for ind, title in zip(rows, titles, strict=True):  # a figure not what it seems
            if what := meaning_short(ind["indicator_id"], lang):
                console.print(Wrapped(f"[dim]{escape(title)}: {escape(what)}.[/dim]"))
        for year, offset in sorted({(i["year"], i["year_offset"]) for i in rows
                                    if i.get("year_offset")}):  # the cell's mark, said
            console.print(Wrapped(f"[dim]{escape(w['offset_mark'])} "
                                  f"{escape(offset_note('one', offset, lang, year))}[/dim]"))
        if len(shown) > DOMAIN_ROWS:
            rest = len(shown) - DOMAIN_ROWS
            console.print(f"[dim]{w['more_one' if rest == 1 else 'more_many'].format(n=rest)}"
                          "[/dim]")
        if projected:  # CBS's projections: not among the counted indicators
            titles = "; ".join(_text(i, "title", lang) for i in projected)
            console.print(f"[dim]{w['projections_apart'].format(titles=titles)}[/dim]",
                          highlight=False)
    console.print(Rule(f"[bold]{w['opgaven']}[/bold]"))
    opgave_names = vocabulary.section(lang, "opgaven")
    descriptions = vocabulary.section(lang, "opgave_descriptions")
    for o in profile["opgaven"]:
        oname = o.get(f"name_{lang}") or opgave_names.get(o["id"], o["name_en"])
        desc = o.get(f"description_{lang}") or descriptions.get(o["id"], o["description_en"])
        console.print(Wrapped(f"\n[bold]{oname}[/bold]: {desc}"))
        console.print(Wrapped(_text(o, "summary", lang)))
        for sig in o["top_signals"]:
            colour = {"favourable": "green", "adverse": "red"}.get(sig["valence"], "white")
            console.print(Wrapped(f"  [{colour}]•[/{colour}] {_text(sig, 'text', lang)}"))
    _render_kies(profile["kies_richting"], console, lang, catalogue or {})
    shown = [p for p in profile["peers"] if p["peer_set"] == group.get("set_id")] or [
        p for p in profile["peers"] if p["peer_set"] == "all"]
    if shown:
        console.print("\n" + w["peers"].format(names=", ".join(p["peer_name"] for p in shown)),
                      highlight=False)
    # the credit in the reader's language (the JSON keeps the Dutch one, as every data output)
    console.print(f"\n[dim]{vocabulary.word(lang, 'command_line', 'credit')}[/dim]")


def _title_width(titles: list[str], room: int) -> int:
    """The indicator column's width: a quarter of the screen, at least the titles' longest
    word and at most their longest title. Rich narrows a column of a table too wide for the
    screen below its longest word and cuts that word ('huishoudensin…', 'arbeidspartic…' at
    80 columns); a fixed width it keeps, and narrows the other columns instead."""
    words = max((len(word) for x in titles for word in x.split()), default=1)
    return max(words, min(max(map(len, titles), default=1), room // 4))


def _latest_cell(ind: dict, title: str, lang: str) -> str:
    """'134.147 inwoners (2026)', '6,5 (2024¹)': the latest figure, its year and the tile's
    marks; a year that is CBS's stock on 31 December of the year before (payment arrears,
    ``year_offset``) with the mark ``offset_mark`` that the line below the table explains
    ('stand op 31 december 2023' in the cell took four lines at 80 columns); without the
    unit where the row's ``title`` ends with it ('Geboorten per 1 000 inwoners': '10,7
    (2023)', not '10,7 per 1 000 inwoners (2023)' over 4 lines at 80 columns), as the trend
    and ommeland cells beside it leave it out."""
    value, digits = ind.get("value"), ind.get("decimals")
    latest = value_text(value, ind["unit"], lang=lang, digits=digits)
    bare = value_text(value, ind["unit"], short=True, lang=lang, digits=digits)
    unit = latest[len(bare):].strip() if latest.startswith(bare) else ""
    if unit and title.lower().endswith(unit.lower()):
        latest = bare
    mark = PROFILE[lang]["offset_mark"] if ind.get("year_offset") else ""
    year = marks_joined([f"{ind['year']}{mark}", *figure_marks(ind, ind["year"], lang),
                         *filter(None, [small_base_brief(ind, lang)])], lang)
    return f"{latest} ({year})"


def _render_kies(kies: dict, console: Console, lang: str = "nl",
                 catalogue: dict[str, dict] | None = None) -> None:
    """Strengths and tasks, the first ``SHOWN_KIES`` of each with how many more, then each
    label the near-cut rule withheld from the list, once, in the report's words."""
    w = PROFILE[lang]
    console.print(Rule(f"[bold]{w['kies_richting']}[/bold]"))
    for label, key in LABEL_KEYS.items():
        items = kies[key]
        console.print(f"\n[bold]{LABELS[lang][label].capitalize()}[/bold] ({len(items)})")
        if not items:
            console.print(f"  {w['none']}")
        for item in items[:SHOWN_KIES]:
            console.print(Wrapped(f"  • {_text(item, 'text', lang)}"))
        if len(items) > SHOWN_KIES:
            more = w["more_kies"].format(n=fmt_number(len(items) - SHOWN_KIES, lang=lang))
            console.print(f"  {more}", highlight=False)
        for line in withheld_words(kies.get("withheld"), catalogue or {}, label, lang):
            console.print(Wrapped(f"  {escape(line)}"))


def _retrieved(retrieved: dict, lang: str) -> str:
    """When the CBS tables were read (the profile's ``retrieved``), in words: 'op 17 juli
    2026' for one day, 'in april 2025' for one month, 'tussen 23 september 2022 en 17 juli
    2026 (...)' for a range, 'op een onbekende datum' without dates."""
    w = PROFILE[lang]
    first, last = retrieved.get("first"), retrieved.get("last")
    if not first or not last:
        return w["unknown_date"]
    if first == last:
        said = w["retrieved_in" if len(last) == 7 else "retrieved_on"].format(
            date=_when(last, lang))
    else:
        said = w["retrieved_between"].format(first=_when(first, lang), last=_when(last, lang))
    return said + _copied(retrieved, lang)


def _copied(retrieved: dict, lang: str) -> str:
    """The tables read from a copy of a CBS file, dated by that copy (a repository's commit:
    kwb2019's 23 September 2022), not by a download from CBS: '. Daarnaast 5 tabellen uit
    kopieën van CBS-bestanden van 23 september 2022 tot 23 april 2025; ...'; '' without."""
    n, first, last = (retrieved.get(k) for k in ("copies", "copied_first", "copied_last"))
    if not n or not first or not last:
        return ""
    return PROFILE[lang]["retrieved_copy" if n == 1 else "retrieved_copies"].format(
        n=fmt_number(n, lang=lang), first=_when(first, lang), last=_when(last, lang))


def _when(day: str, lang: str) -> str:
    """A retrieval date in words: a day, or a month for sources dated by month only
    ('2025-04', as the snapshot's StatLine files are: 'april 2025')."""
    if len(day) == 7:
        return fmt_date(date.fromisoformat(f"{day}-01"), lang).split(" ", 1)[1]
    return fmt_date(date.fromisoformat(day), lang)


def _trend_cell(ind: dict, lang: str = "nl") -> str:
    """'↑ +1,2 sinds 2015' (green when improving, red when worsening; '... sinds 2017
    (voorlopig)' from a provisional first figure) for a significant trend of the series
    itself; else the report's panel line for it (``trend_label_<lang>``: 'trend 2016-2024:
    niet significant', 'trend 2016-2023: niet getoetst, afgerond', 'trend 2019-2024: te
    weinig jaren', 'na reeksbreuk 2024: te weinig jaren', over an abrupt change its verdict),
    never 'geen trend' for a series that was not tested; '–' for a profile without it. An
    out-of-date latest figure (:func:`_stale`) shows no trend, as its grey tile on the city
    page and the report: 'verouderd: trend niet getoond' (Vaals' grey pressure of 2017). A
    first year far off the trend's line (``line``, :func:`~stadstrends.publish.trend_line.
    city_lines`) gives the line's slope, its marks beside its year and the years off the line
    last, in one phrase: '↓ −1,1 per jaar langs de trendlijn sinds 2016 (op kleine aantallen:
    gemiddeld 12 per jaar); 2016 ligt ver boven die lijn' (Vlieland's deaths; it read '... sinds
    2016 (langs de trendlijn; 2016 ligt er ver boven) (op kleine aantallen: ...)'). A trend
    partly on sample years whose latest figure is none says which, as the report and the tile
    (:func:`~stadstrends.publish.small_base_words.sampled_aside`): '↓ −2,1 %-punt sinds 2017
    (steekproefcijfers in 2017–2021, voor kleine gemeenten onnauwkeurig)' (Asten)."""
    w = PROFILE[lang]
    if _stale(ind):
        return w["stale_trend"]
    significant = ind.get("trend_kind", "improving") in ("improving", "worsening", "neutral")
    if (ind.get("classification") not in ("rising", "falling") or not significant
            or ind.get("trend_after_jump")):
        label = ind.get(f"trend_label_{lang}")
        if label and ind.get("tested") and not ind.get("trend_after_jump"):
            return label + _small_counts(ind, lang)  # 'dalend, niet zeker (op kleine ...)'
        if label:
            return label
        return w["no_trend"] if ind.get("classification") else "–"
    arrow = "↑" if ind["classification"] == "rising" else "↓"
    digits = None if missing(ind.get("decimals")) else int(ind["decimals"])
    change = difference_text(printed_change(ind.get("first_value"), ind.get("change"), digits),
                             ind["unit"], short=True, lang=lang, digits=digits)
    colour = {"improving": "green", "worsening": "red"}.get(ind.get("direction_label"), "")
    # a provisional first figure, as the tile's '(2010: voorlopig)' and the report's 'van
    # 30,8 (voorlopig) in 2010' (Heerlen's grey pressure); never stale: it is old
    first = figure_marks({"provisional": ind.get("provisional")}, ind["first_year"], lang)
    marks, extra = "".join(f" ({m})" for m in first) + sampled_aside(ind, lang), ""
    if ind.get("current_prices"):  # euro: part of the change is inflation, no verdict
        extra += ", " + WORDS[lang]["current_prices_short"]
    if ind.get("rests_on_rounding"):  # CBS's rounding of its years could undo it
        extra += " " + WORDS[lang][ROUNDING_WORDS[ind["classification"]]]
    extra += _small_counts(ind, lang)
    line = ind.get("line")  # a first year far off the trend's line: the line's slope, and
    if line and line["first_year"] == ind["first_year"]:  # the years off it said last
        slope = difference_text(line["slope"], ind["unit"], short=True, lang=lang,
                                digits=line_places(line, digits))
        text = w["trend_line_cell"].format(arrow=arrow, slope=slope, year=ind["first_year"],
                                           marks=marks, extra=extra,
                                           off=off_words(lang, line["off"]))
    else:
        text = w["trend_cell"].format(arrow=arrow, change=change, year=ind["first_year"])
        text += marks + extra
    return f"[{colour}]{text}[/{colour}]" if colour else text


def _small_counts(ind: dict, lang: str) -> str:
    """' (op kleine aantallen: gemiddeld 12 per jaar)' after a tested trend whose counts
    average fewer than the build's ``small_count`` a year (``small_counts``, ``mean_count``:
    the report's and the tile's caveat, shorter for the table; Vlieland's deaths, '↓ −14,5
    sinds 2016' on 12 deaths a year); '' otherwise. The mean as the report and the tiles print
    it, with a decimal where whole it would reach the limit (``small_count``,
    :func:`~stadstrends.publish.format.fmt_under`): Heemskerk's net international migration,
    29,625 a year, 'gemiddeld 29,6 per jaar', not '30'."""
    if not ind.get("small_counts") or ind.get("mean_count") is None:
        return ""
    key = "small_balance" if ind.get("signed") else "small_counts"  # 'op een klein saldo'
    return " " + PROFILE[lang][key].format(n=fmt_under(ind["mean_count"], ind.get("small_count"),
                                                       lang))


def _ommeland_cell(ind: dict, lang: str = "nl", steps: dict[int, int] | None = None,
                   derived: dict[int, float] | None = None) -> str:
    """The ommeland's figure as the report prints it (:func:`~stadstrends.publish.harmonised.
    round_computed`: Zwolle's gas use 2023 '990', not '991'), with its year when that is not
    the city's ('47,2 (2022)': Leeuwarden's income of 2023 beside the ommeland's of 2022);
    '≈' before one derived from CBS's rounded COROP figure that is less precise than its
    digits (``derived``: year -> how far CBS's rounding can move it; Leeuwarden's income of
    2023, '≈ 50,5 duizend euro', :func:`~stadstrends.publish.figure_notes.rough`), an old year
    marked as the tiles mark it ('35 (2019, verouderd)'), a 0 on its members' counts CBS
    rounded to 0 as the tile marks it ('0,0 (berekend uit een op 0 afgerond aantal)',
    ``ommeland_zeros``, :mod:`~stadstrends.publish.ommeland_zeros`); '–' without one."""
    year, value = ind.get("ommeland_year"), ind.get("ommeland_value")
    shown = value_text(round_computed(value, steps, year), ind["unit"], short=True, lang=lang,
                       digits=ind.get("decimals"))
    if year is not None and rough((derived or {}).get(int(year)), ind.get("decimals")):
        shown = about(shown, lang, short=True)
    zero = [w] if (w := zero_words(ind.get("ommeland_zeros"), lang)) else []
    if missing(value) or year is None or year == ind.get("year"):
        return zero_mark(shown, ind.get("ommeland_zeros"), lang)
    # an old one says so, as its tile would: '35 (2019, verouderd)' (Zaanstad's Wmo clients)
    old = [WORDS[lang]["stale"]] if stale(ind, year) else []
    return f"{shown} ({marks_joined([str(year), *old, *zero], lang)})"


def _rank_cell(ind: dict, lang: str = "nl", outsider: bool = False,
               steps: dict[int, int] | None = None) -> str:
    """'3/41 (med. 4,5%)', '–' without a position; a municipality outside the group
    (``outsider``) ranks among the members and itself, as the tiles say it
    (:mod:`~stadstrends.publish.group_count`): Utrecht's grey pressure in the city set '40/40,
    deze gemeente meegeteld (med. 29,8)', not '40/39'. An out-of-date latest figure (before
    the build's ``fresh_from``) has no place in the group, as on its grey tile: '–'. A median
    of 0 on counts CBS rounded to 0 as the tile marks it (``median_zeros``): '1/3 (med. 0,0,
    berekend uit een op 0 afgerond aantal)'."""
    if missing(ind.get("rank")) or _stale(ind):
        return "–"
    # the median printed as the city page's tile prints it (round_median: the jobs of Land
    # van Cuijk's group, 32 550 of figures CBS rounds to hundreds, is '32 600' there too)
    median = value_text(round_median(ind.get("median"), ind.get("value"), steps,
                                     ind.get("year")), ind["unit"], short=True, lang=lang,
                        digits=ind.get("decimals"))
    median = with_zero(median, ind.get("median_zeros"), lang)  # inside the cell's bracket
    shown = f"{ind['rank']}/{out_of(ind['n'], outsider)}"
    if outsider:
        shown += f", {counted_words(lang)}"
    return PROFILE[lang]["rank_cell"].format(rank_n=shown, median=median)


def _stale(ind: dict) -> bool:
    """Whether an indicator's latest figure is out of date (before the build's
    ``fresh_from``): :func:`~stadstrends.publish.sentence_words.year_flags`, the rule of the
    tiles and the report."""
    return stale(ind, ind.get("year"))


def _domain_rows(indicators: list[dict]) -> list[dict]:
    """Key indicators first, then those with a significant trend, at most ``DOMAIN_ROWS``."""
    def order(ind: dict) -> tuple:
        moving = ind.get("classification") in ("rising", "falling")
        return (not ind.get("key_indicator"), not moving)
    return sorted(indicators, key=order)[:DOMAIN_ROWS]


def _text(item: dict, field: str, lang: str) -> str:
    """``item``'s ``<field>_<lang>`` (English, then Dutch, when it has none)."""
    return item.get(f"{field}_{lang}") or item.get(f"{field}_en") or item.get(f"{field}_nl") \
        or ""
