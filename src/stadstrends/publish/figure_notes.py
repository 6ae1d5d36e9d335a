"""What a table or chart says beside a figure that is not simply CBS's: a city's figure that
Stadstrends recalculated for today's boundaries (:mod:`stadstrends.publish.harmonised`)
gets the mark '*' and a legend line ('* omgerekend naar de huidige grenzen', the words of
the sentences); an ommeland figure summed without members the catalogue rejects
(``region_left_out``, :mod:`stadstrends.indicators.aggregate`) says which ('zonder
Ameland': Leeuwarden's ommeland in Noord-Friesland, CR04, for the social housing share of
2012-2024, and 'zonder Ameland en Terschelling' in 2016-2017). A figure per 1 000 that
Stadstrends divided from CBS's rounded count because CBS publishes none
(:func:`stadstrends.publish.harmonised.marked_years`) gets '°' and its own legend line
('° berekend uit het afgeronde aantal: ...'). A stock CBS counts on 31 December that the
catalogue shows at the next year (``year_offset``: payment arrears) says so beside its
sentences, charts and maps (:func:`offset_note`, :func:`offset_caption`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from stadstrends import vocabulary
from stadstrends.publish.format import fmt_list, fmt_years
from stadstrends.publish.relations import columns, once, relations
from stadstrends.publish.sentence_words import WORDS

if TYPE_CHECKING:  # annotations only: `show` marks its figures without the duckdb package
    import duckdb

    from stadstrends.publish.sentence_cites import Sentence
    from stadstrends.publish.sentences import Writer

HARMONISED_MARK = "*"
RECOMPUTED_MARK = "°"
#: a figure on a count CBS rounds coarsely for the city ('berekend uit afgerond aantal', the
#: ``coarse`` of :func:`~stadstrends.publish.sentence_words.year_flags`): the site's year x
#: region table (:func:`~stadstrends.publish.web.page_parts.pivot`)
COARSE_MARK = "‡"

#: per region, indicator and year the members of the ommeland's COROP region (that year's
#: ``ommeland.corop_code``) that its sums leave out, other than the region itself, with their
#: latest names; ~1 800 rows of ~60 municipalities
OMMELAND_LEFT_OUT_SQL = """
WITH out AS (
    SELECT o.region_code, o.indicator_id, o.year, unnest(l.members) AS member
    FROM ommeland o
    JOIN region_left_out l ON l.region_code = o.corop_code AND l.year = o.year
     AND l.indicator_id = o.indicator_id
    WHERE o.ommeland_value IS NOT NULL)
SELECT out.region_code, out.indicator_id, out.year, out.member,
       (SELECT any_value(r.name ORDER BY r.valid_from DESC) FROM regions r
        WHERE r.region_code = out.member) AS name
FROM out WHERE out.member <> out.region_code
ORDER BY out.region_code, out.indicator_id, out.year, name
"""


def ommeland_left_out(con: duckdb.DuckDBPyConnection, code: str
                      ) -> dict[str, dict[int, list[str]]]:
    """indicator_id -> year -> the names of the members municipality ``code``'s ommeland
    leaves out ('Ameland'), by name; empty without ``region_left_out`` or ``ommeland``. Read
    for all municipalities once per read-only connection
    (:func:`~stadstrends.publish.relations.once`: one scan of ``ommeland`` instead of one a
    report); each call gets lists of its own."""
    have = relations(con)
    if not {"region_left_out", "ommeland", "regions"} <= have:
        return {}

    def read() -> dict[str, dict[str, dict[int, list[str]]]]:
        found: dict[str, dict[str, dict[int, list[str]]]] = {}
        for region, ind, year, member, name in con.execute(OMMELAND_LEFT_OUT_SQL).fetchall():
            found.setdefault(region, {}).setdefault(ind, {}).setdefault(int(year), []).append(
                name or member)
        return found
    return {ind: {year: list(names) for year, names in years.items()}
            for ind, years in once(con, "ommeland left out", read).get(code, {}).items()}


def aggregate_left_out(con: duckdb.DuckDBPyConnection, region: str = "NL01"
                       ) -> dict[str, dict[int, list[str]]]:
    """indicator_id -> year -> the names of the members aggregate ``region`` (Nederland, a
    province) leaves out (``region_left_out``: Nederland's social housing share of 2017
    without Ameland, Koggenland, Opmeer, Renswoude, Terschelling and Voorne aan Zee); empty
    without that table."""
    have = relations(con)
    if not {"region_left_out", "regions"} <= have:
        return {}
    out: dict[str, dict[int, list[str]]] = {}
    for ind, year, names in con.execute("""
            SELECT l.indicator_id, l.year, list(coalesce(
                (SELECT any_value(r.name ORDER BY r.valid_from DESC) FROM regions r
                 WHERE r.region_code = m.member), m.member) ORDER BY 1)
            FROM region_left_out l, unnest(l.members) AS m(member)
            WHERE l.region_code = ? GROUP BY ALL""", [region]).fetchall():
        out.setdefault(ind, {})[int(year)] = sorted(names)
    return out


#: per region and indicator the years whose figure of a count or ratio is CBS's own figure
#: of that region (Nederland, a COROP region, a province), not a sum over municipalities
#: (``region_cbs_means``; indicators/aggregate.py)
CBS_TOTALS_SQL = """
SELECT m.region_code, m.indicator_id, list(m.year ORDER BY m.year)
FROM region_cbs_means m JOIN indicators i USING (indicator_id)
WHERE i.method IN ('count', 'ratio') GROUP BY 1, 2
"""


def cbs_total_years(con: duckdb.DuckDBPyConnection) -> dict[str, dict[str, list[int]]]:
    """region code -> indicator_id -> the years whose figure of a count or ratio comes from
    CBS's own figures of that region because the municipalities' sum is incomplete
    (71486ned's one-person households: the copy is cut after 'Moerdijk'; Nederland
    2000-2024, the province of Utrecht 2019-2024, not before: Vijfheerenlanden joined it in
    2019); empty without ``region_cbs_means``."""
    if not {"region_cbs_means", "indicators"} <= relations(con):
        return {}
    out: dict[str, dict[str, list[int]]] = {}
    for region, ind, years in con.execute(CBS_TOTALS_SQL).fetchall():
        out.setdefault(region, {})[ind] = [int(y) for y in years]
    return out


#: the indicators whose Nederland is CBS's national figure in every year, so that the series
#: is one kind of figure (``region_cbs_means.reason`` 'one_series': a table whose national
#: figure counts more than its municipalities, indicators/aggregate.py)
NL_SERIES_SQL = """
SELECT DISTINCT indicator_id FROM region_cbs_means
WHERE region_code = 'NL01' AND reason = 'one_series' ORDER BY 1
"""


def nl_cbs_series(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The indicators whose Nederland figure is CBS's in every year, also where the sum over
    the municipalities is complete (electricity delivered to businesses, solar panels:
    CBS's national figure counts more than the municipalities, a switch to the sum would be
    a step that is no change); empty without ``region_cbs_means.reason``."""
    if not {"region_cbs_means", "indicators"} <= relations(con) or not con.execute(
            "SELECT count(*) FROM information_schema.columns WHERE table_name = "
            "'region_cbs_means' AND column_name = 'reason'").fetchone()[0]:
        return []
    return [r[0] for r in con.execute(NL_SERIES_SQL).fetchall()]


def nl_cbs_years(con: duckdb.DuckDBPyConnection) -> dict[str, list[int]]:
    """indicator_id -> the years whose Nederland figure of a count or ratio is CBS's
    national figure (:func:`cbs_total_years` of NL01)."""
    return cbs_total_years(con).get("NL01", {})


def and_words(items: list[str], lang: str) -> str:
    """'a, b en c' (:func:`~stadstrends.publish.format.fmt_list`)."""
    return fmt_list(items, lang)


def marked(text: str, harmonised: bool, recomputed: bool = False, coarse: bool = False
           ) -> str:
    """A table cell with the marks of a recalculated figure ('26,5*'), of one divided
    from a rounded count ('0,9°', both '1,2*°') and of one on a count CBS rounds coarsely
    ('0,8‡'); '–' stays bare."""
    if text == "–":
        return text
    return (f"{text}{HARMONISED_MARK * harmonised}{RECOMPUTED_MARK * recomputed}"
            f"{COARSE_MARK * coarse}")


def legend(lang: str) -> str:
    """The legend line under a table with marked cells: '* omgerekend naar de huidige
    grenzen'."""
    return f"{HARMONISED_MARK} {WORDS[lang]['harmonised']}"


def legends(cells: list[str], lang: str) -> list[str]:
    """The legend lines of the marks ``cells`` carry on their number (the part before ' ('):
    '* omgerekend naar de huidige grenzen', '° berekend uit het afgeronde aantal: het CBS
    publiceert geen cijfer per 1 000 inwoners'."""
    heads = [s.split(" (")[0] for s in map(str, cells)  # only a cell with a mark can have
             if HARMONISED_MARK in s or RECOMPUTED_MARK in s or COARSE_MARK in s]  # one
    return [f"{mark} {WORDS[lang][key]}" for mark, key in (
        (HARMONISED_MARK, "harmonised"), (RECOMPUTED_MARK, "recomputed"),
        (COARSE_MARK, "coarse_legend")) if any(mark in h for h in heads)]


def ommeland_derived(con: duckdb.DuckDBPyConnection, code: str
                     ) -> dict[str, dict[int, float]]:
    """indicator_id -> year -> how far municipality ``code``'s ommeland can be off by CBS's
    rounding (``ommeland.ommeland_rounding``, :mod:`stadstrends.analysis.ommeland`), for the
    years it is derived from CBS's rounded COROP mean because a member has no figure:
    Leeuwarden's income of 2023, 50,5 +-0,13 thousand euro. Empty for a warehouse without
    that column."""
    if "ommeland_rounding" not in columns(con, "ommeland"):
        return {}
    out: dict[str, dict[int, float]] = {}
    for ind, year, rounding in con.execute("""
            SELECT indicator_id, year, ommeland_rounding FROM ommeland
            WHERE region_code = ? AND ommeland_rounding IS NOT NULL""", [code]).fetchall():
        out.setdefault(ind, {})[int(year)] = float(rounding)
    return out


def rough(rounding: float | None, decimals: int | None) -> bool:
    """Whether a figure that CBS's rounding can move by ``rounding`` is less precise than
    its ``decimals`` claim (more than half the last digit: 0,13 against 0,05)."""
    return rounding is not None and rounding > 0.5 * 10 ** -(decimals or 0)


def about(text: str, lang: str, short: bool = False) -> str:
    """A figure less precise than its digits: 'ongeveer 50,5' in a sentence, '≈ 50,5' in a
    table cell or tile (``short``); '–' stays."""
    if text == "–":
        return text
    return vocabulary.word(lang, "words", "about_short" if short else "about", value=text)


def without(names: list[str] | None, lang: str) -> str:
    """'zonder Ameland', 'zonder Ameland en Terschelling'; '' without names."""
    return vocabulary.word(lang, "words", "without", names=and_words(names, lang)) if names else ""


def aside(names: list[str] | None, lang: str) -> str:
    """' (zonder Ameland)' after a word for the ommeland; '' without names."""
    return f" ({without(names, lang)})" if names else ""


def changed_members(left_out: dict[int, list[str]] | None, first: int, last: int,
                    lang: str) -> str:
    """What a gap sentence says after its first year's gap when the ommeland's members
    differ from its last year's (``left_out``: year -> the members its sums leave out):
    ' (het ommeland toen zonder Ameland en Terschelling)' (Schiermonnikoog's housing shares,
    2017 beside 2024 without Ameland alone); ' (het ommeland toen met Ameland)' when the
    first year left out none; '' when the two years leave out the same."""
    then, now = (left_out or {}).get(int(first)) or [], (left_out or {}).get(int(last)) or []
    if sorted(then) == sorted(now):
        return ""
    if then:
        return vocabulary.word(lang, "sentences", "gap_then_without",
                               without=without(then, lang))
    return vocabulary.word(lang, "sentences", "gap_then_with", names=and_words(now, lang))


def with_without(text: str, names: list[str] | None, lang: str, rough: bool = False) -> str:
    """An ommeland cell with what it leaves out: '26,1 (zonder Ameland)'; '≈ 50,5' when it
    is ``rough`` (derived from CBS's rounded COROP figure, :func:`rough`)."""
    text = about(text, lang, short=True) if rough else text
    return f"{text} ({without(names, lang)})" if names and text != "–" else text


def left_out_years(by_year: dict[int, list[str]], years: list[int], lang: str) -> str:
    """The members left out in ``years`` with their years, those of the same years together:
    'zonder Ameland (2012-2024) en Terschelling (2016-2017)', Nederland's 'zonder Ameland,
    Koggenland, Opmeer, Renswoude en Voorne aan Zee (2012-2024) en Terschelling
    (2016-2017)'; '' when none of ``years`` leaves one out."""
    seen: dict[str, list[int]] = {}
    for y in sorted(years):
        for name in by_year.get(y, ()):
            seen.setdefault(name, []).append(y)
    if not seen:
        return ""
    groups: dict[tuple[int, ...], list[str]] = {}
    for name, ys in sorted(seen.items(), key=lambda kv: (kv[1][0], kv[0])):
        groups.setdefault(tuple(ys), []).append(name)
    return without([f"{and_words(names, lang)} ({fmt_years(list(ys))})"
                    for ys, names in groups.items()], lang)


def harmonised_caption(items: list[tuple[str, list[int]]], lang: str) -> str:
    """A figure's caption line naming its recalculated figures: 'Omgerekend naar de huidige
    grenzen: Corporatiewoningen 2009-2017; ...'; '' without any."""
    parts = [f"{title} {fmt_years(years)}" for title, years in items if years]
    return vocabulary.word(lang, "words", "harmonised_caption",
                           items="; ".join(parts)) if parts else ""


def recomputed_caption(items: list[tuple[str, list[int]]], lang: str) -> str:
    """A figure's caption line naming its figures divided from a rounded count: 'Berekend
    uit het afgeronde aantal (...): Diefstallen 2010-2017.'; '' without any."""
    parts = [f"{title} {fmt_years(years)}" for title, years in items if years]
    return vocabulary.word(lang, "words", "recomputed_caption",
                           items="; ".join(parts)) if parts else ""


def members_caption(recalculated: list[str], recomputed: list[str], lang: str) -> str:
    """A map's caption lines naming the members whose figure is marked: 'Berekend uit het
    afgeronde aantal (...): Schiermonnikoog en Vlieland.'; '' without any."""
    return " ".join(vocabulary.word(lang, "words", key, items=and_words(sorted(found), lang))
                    for key, found in (("harmonised_caption", recalculated),
                                       ("recomputed_caption", recomputed)) if found)


def nl_caption(items: list[tuple[str, str]], lang: str) -> str:
    """A figure's caption line on Nederland figures that leave members out: 'Nederland bij
    Corporatiewoningen: zonder Ameland (2012-2024), ...'; '' without any."""
    return " ".join(vocabulary.word(lang, "words", "nl_without", title=title, left=left)
                    for title, left in items if left)


def ommeland_caption(items: list[tuple[str, str]], lang: str) -> str:
    """A figure's caption line on ommeland lines that leave members out: 'Ommeland bij
    Corporatiewoningen: zonder Ameland (2012-2024).'; '' without any."""
    return " ".join(vocabulary.word(lang, "words", "ommeland_without", title=title, left=left)
                    for title, left in items if left)


#: the words (section ``words``) of each form of the note on a stock CBS counts on 31 December
#: that the catalogue shows at the next year (``year_offset``: payment arrears), for
#: :func:`offset_note`
OFFSET_FORMS = {"one": "offset_one", "many": "offset_many", "mark": "offset_short",
                "general": "offset_general", "caption": "offset_caption"}


def offset_note(form: Literal["one", "many", "mark", "general", "caption"],
                offset: int | None, lang: str, shown: int = 0, items: str = "") -> str:
    """What a figure shown at ``shown`` is when the catalogue moved CBS's year by ``offset``
    (``year_offset``: payment arrears, CBS's stock on 31 December shown at the next year), in
    the ``form`` of its place; '' without an offset:

    * ``one``: a sentence on one year, 'De cijfers van 2024 zijn de stand op 31 december
      2023 (CBS-periode 2023).';
    * ``many``: a text citing several years, 'Elk jaar staat voor de stand op 31 december van
      het jaar ervoor: 2024 is 31 december 2023 (CBS-periode 2023).';
    * ``mark``: after a tile's or a sentence's year, 'stand op 31 december 2023';
    * ``general``: a page's line on all its years, 'Elk jaar staat voor de stand op 31
      december van het jaar ervoor; het CBS vermeldt het cijfer bij dat jaar ervoor.';
    * ``caption``: a figure's caption line naming its indicators ``items``
      (:func:`offset_caption`)."""
    if not offset:
        return ""
    return vocabulary.word(lang, "words", OFFSET_FORMS[form], shown=shown, cbs=shown - offset,
                           items=items)


def offset_caption(items: list[tuple[str, int | None]], shown: int, lang: str) -> str:
    """A figure's caption line naming its indicators with an offset (``items``: title,
    ``year_offset``), at its last year ``shown``: 'Stand op 31 december van het jaar ervoor:
    Volwassenen met een betalingsachterstand op de zorgpremie (bij 2024 staat 31 december
    2023, CBS-periode 2023).'; '' without any."""
    titles = [title for title, offset in items if offset]
    offset = next((o for _, o in items if o), 0)
    return offset_note("caption", offset, lang, shown, and_words(titles, lang)) if titles else ""


def provisional_said(w: Writer, f: dict) -> bool:
    """Whether :func:`provisional_note` says of every figure of ``f`` that it is provisional:
    a note of its indicator, and all the city's years with a figure provisional (Zwolle's
    regional customer potential, 2023-2025). Its figures then carry no '(voorlopig)' of
    their own: 'van 246.130 inwoners (voorlopig) in 2023' before 'Dit zijn voorlopige
    cijfers van het CBS' said it twice in one paragraph."""
    years = set(f.get("years") or ())
    return bool(years and w.words.get(f"provisional_why_{f['indicator_id']}")) \
        and years <= set(f.get("provisional") or ())


def provisional_note(w: Writer, s: Sentence, f: dict) -> Sentence:
    """``s`` with a note after it on why its figures are provisional where CBS publishes
    final ones too (the language file's ``provisional_why_<indicator>``, once a sentence that
    cites a provisional year): Zwolle's regional customer potential 'van 246.130 inwoners
    (voorlopig) in 2023 naar 251.400' beside CBS's final 250.330 of 2023."""
    why = w.words.get(f"provisional_why_{f['indicator_id']}")
    if why and s.text and set(f.get("provisional") or ()) & set(s.years):
        s.text = f"{s.text} {why}"
    return s


def with_meaning(w: Writer, f: dict, parts: list[str]) -> list[str]:
    """``parts`` of a sentence with, after them, what the figure is where a reader would take
    it for something else (the language file's ``figure_is_<indicator>``, naming the
    indicator: between the level and its 'Daarmee' it made 'Daarmee' follow the
    explanation): Amersfoort's regional customer potential, '253.140 inwoners', is no
    count of its 163.764 inhabitants (Schiermonnikoog: 20 of 968)."""
    what = w.words.get(f"figure_is_{f['indicator_id']}")
    return [*parts, what] if what and parts else parts


def meaning_short(indicator_id: str, lang: str) -> str:
    """What a figure is, in a few words beside a figure alone (the city page's tile, the
    profile's table): the language file's ``figure_is_short_<indicator>``, '' without one."""
    return vocabulary.section(lang, "sentences").get(f"figure_is_short_{indicator_id}", "")
