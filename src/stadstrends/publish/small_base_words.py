"""The words of a percentage CBS computes from small numbers (``base_count``, ``base_unit``:
:mod:`stadstrends.analysis.small_bases`; a ``kies_richting`` row's, or a ``small_bases``
row's), one wording for the report and the website: the caveat of Kies richting's Waarom
(:func:`small_base`) and the short bracket beside a latest figure stated elsewhere
(:func:`small_base_brief`: '5,3% in 2024 (voorlopig; berekend uit ongeveer 55 geregistreerde
misdrijven)'). A small municipality's sample figure (a row with ``survey``:
:mod:`stadstrends.analysis.survey_estimates`) gets CBS's caveat instead: 'steekproefcijfer,
voor kleine gemeenten onnauwkeurig'; a better-doing peer's sample figure is said once after
the peers (:func:`survey_peers`). The words are the ``report`` section's (``why_small_base``,
``small_base_*``, ``why_survey``, ``survey_brief``, ``survey_peers_*``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from stadstrends import vocabulary
from stadstrends.publish.format import fmt_list, fmt_number, fmt_years
from stadstrends.publish.relations import relations

#: the rows these words are of, one relation for the publish layer's SQL: the shares from few
#: cases (``small_bases``, ``survey`` NULL) and a small municipality's sample figures
#: (``survey_estimates``: ``survey`` 'EBB', no case count)
MARKED_BASES = ("(SELECT region_code, indicator_id, year, base_count, base_unit, "
                "NULL::VARCHAR AS survey FROM small_bases UNION ALL "
                "SELECT region_code, indicator_id, year, NULL, NULL, survey FROM survey_estimates)")


def _base(row: Mapping[str, Any]) -> tuple[float, int] | None:
    """The row's base and its rounding unit; None where it has none (or none above 0)."""
    count, unit = row.get("base_count"), row.get("base_unit")
    if count is None or unit is None or count != count or count <= 0:
        return None
    return float(count), int(unit)


def _cases(indicator_id: str, lang: str) -> tuple[str, str]:
    """What the base counts, many and one: the indicator's words ('geregistreerde
    misdrijven', 'opgehelderd misdrijf'), else 'gevallen', 'geval'."""
    words = vocabulary.section(lang, "report")
    return tuple(words.get(f"small_base_{n}_{indicator_id}") or words[f"small_base_{n}"]
                 for n in ("many", "one"))  # type: ignore[return-value]


def one_case(indicator_id: str, lang: str) -> str:
    """What one case of the indicator's share is, for the sentences that say one case more
    or less moves it ('opgehelderd misdrijf', 'volwassene met een betalingsachterstand'), as
    the caveat names it (:func:`_cases`); 'geval' for an indicator without words of its own."""
    return _cases(indicator_id, lang)[1]


def small_base(row: Mapping[str, Any], lang: str) -> str:
    """The caveat of a share CBS computes from small numbers: 'Het CBS berekende dit
    percentage uit kleine aantallen: 55 geregistreerde misdrijven in 2024 (afgerond op
    vijftallen). Eén opgehelderd misdrijf meer of minder verandert het percentage al met
    ongeveer 1,8 procentpunt.' (Rozendaal); a sample figure's (``survey``) says so; empty for
    any other row."""
    if row.get("survey"):
        return vocabulary.word(lang, "report", "why_survey", year=int(row["year"]))
    base = _base(row)
    if base is None:
        return ""
    count, unit = base
    many, one = _cases(row["indicator_id"], lang)
    return vocabulary.word(lang, "report", "why_small_base", count=fmt_number(count, 0, lang),
                           year=int(row["year"]), many=many, one=one,
                           unit=vocabulary.word(lang, "sentences", f"unit_{unit}"),
                           step=fmt_number(100 / count, 1, lang))


def small_base_brief(row: Mapping[str, Any] | None, lang: str) -> str:
    """The same in brief, for a bracket beside the figure: 'berekend uit ongeveer 55
    geregistreerde misdrijven' ('ongeveer': CBS publishes the count rounded); empty for
    None or a row without a base; a small municipality's sample figure (``survey``):
    'steekproefcijfer, voor kleine gemeenten onnauwkeurig'."""
    if row is not None and row.get("survey"):
        return survey_brief(row, lang)
    base = None if row is None else _base(row)
    if base is None:
        return ""
    return vocabulary.word(lang, "report", "small_base_brief",
                           count=fmt_number(base[0], 0, lang),
                           many=_cases(row["indicator_id"], lang)[0])


def survey_brief(row: Mapping[str, Any], lang: str) -> str:
    """A sample figure's bracket words, of the years the row's figure stands for where it says
    which of them are sample figures (``survey_years``) and whether all are (``survey_all``):
    'elk jaar een steekproefcijfer, voor kleine gemeenten onnauwkeurig' (Vlieland's
    unemployment 2017-2024: before, only the last year's figure of its trend was marked),
    'steekproefcijfers in 2017–2020, ...' where some are; else of the one figure."""
    years = list(row.get("survey_years") or ())
    if len(years) < 2:
        return vocabulary.word(lang, "report", "survey_brief")
    if row.get("survey_all"):
        return vocabulary.word(lang, "report", "survey_brief_all")
    return vocabulary.word(lang, "report", "survey_brief_years", years=fmt_years(years))


def partly_sampled(sampled: Any, first: Any, last: Any, lang: str) -> str:
    """The mark of a trend from ``first`` to ``last`` whose last figure is no sample figure
    but some of its years are (of ``sampled``, a series' sample years): 'steekproefcijfers in
    2017–2021, voor kleine gemeenten onnauwkeurig' (Asten's unemployment 2017-2024, drawn and
    tested on five such years, said nothing of them), 'steekproefcijfer in 2017, ...' (Ommen);
    '' where none is, the last one is (its figure's own mark says it), or without a trend."""
    sampled = [int(y) for y in sampled or ()]
    if first is None or last is None or int(last) in sampled:
        return ""
    years = [y for y in sampled if int(first) <= y <= int(last)]
    if len(years) == 1:
        return vocabulary.word(lang, "report", "survey_brief_year", year=years[0])
    return vocabulary.word(lang, "report", "survey_brief_years", years=fmt_years(years)
                           ) if years else ""


def sampled_aside(row: Mapping[str, Any], lang: str, last: str = "year") -> str:
    """' (steekproefcijfers in 2017–2021, voor kleine gemeenten onnauwkeurig)' after a change
    from ``row['first_year']`` to ``row[last]`` (:func:`partly_sampled` of its
    ``survey_years``): the tile's, the profile's Trend column and its opgave bullet (Asten's
    unemployment, '↓ −2,1 %-punt sinds 2017' and 'dalend van 5,0% (2017) naar 2,9% (2024):
    −2,1 procentpunt' said nothing of 2017-2021 before); '' where :func:`partly_sampled` is."""
    mark = partly_sampled(row.get("survey_years"), row.get("first_year"), row.get(last), lang)
    return f" ({mark})" if mark else ""


def sampled_brief(f: Mapping[str, Any], lang: str) -> str:
    """:func:`partly_sampled` of a report fact's trend (``f['trend']``) and the city's sample
    years (``f['sampled_years']``), for the trend sentence's change bracket."""
    t = f.get("trend") or {}
    return partly_sampled(f.get("sampled_years"), t.get("first_year"), t.get("last_year"), lang)


def survey_span(years: list[int], sampled: list[int], first: int, last: int
                ) -> dict[str, Any]:
    """``survey_years`` and ``survey_all`` (:func:`survey_brief`) of the years ``first`` to
    ``last``: of ``years`` (with a figure), those in ``sampled`` (sample figures)."""
    shown = [y for y in years if first <= y <= last]
    marked = [y for y in shown if y in set(sampled)]
    return {"survey_years": marked, "survey_all": bool(shown) and len(marked) == len(shown)}


def half_unit_off(value: float | None, cut: float | None, unit: float | None) -> bool:
    """Whether a share CBS rounds to ``unit`` lies exactly half that unit from ``cut`` (to 9
    decimals): its true figure, within half a unit of the published one, can then lie on the
    cut but not beyond it. Noord-Beveland's payment arrears of 2024, 0,8% against GK1's cut
    of 0,75%: 'kan precies op die grens liggen', not 'of aan de andere kant ervan'."""
    if value is None or cut is None or not unit:
        return False
    return round(abs(float(value) - float(cut)) * 2 - float(unit), 9) == 0


def mark_survey_peers(con: Any, rows: list[dict]) -> None:
    """Give every peer of the Kies richting ``rows``' ``better_peers`` its ``survey``: the
    survey's code where its figure of the row's year is a small municipality's sample figure
    (``survey_estimates``), else None. Eersel's unemployment of 2024 (2,8%, a strength in
    GK4) named Hilvarenbeek (2,6%, a labour force under 10 000) as doing better, unmarked."""
    peers = [(p, r) for r in rows for p in r.get("better_peers") or []]
    found: dict[tuple, str] = {}
    if peers and "survey_estimates" in relations(con):
        codes = sorted({p["region_code"] for p, _ in peers})
        found = {(c, i, int(y)): sv for c, i, y, sv in con.execute(
            "SELECT region_code, indicator_id, year, survey FROM survey_estimates "
            "WHERE list_contains(?, region_code)", [codes]).fetchall()}
    for p, r in peers:
        p["survey"] = found.get((p["region_code"], r["indicator_id"], int(r["year"])))


def survey_spans(con: Any, code: str) -> dict[str, tuple[list[int], list[int]]]:
    """indicator_id -> (the years with a figure of municipality ``code``, those of them that
    are sample figures of a small municipality: ``survey_estimates``), for its indicators
    with any; empty for a warehouse without the table."""
    if "survey_estimates" not in relations(con):
        return {}
    return {i: (list(years), list(sampled)) for i, years, sampled in con.execute("""
        SELECT v.indicator_id, list(v.year ORDER BY v.year),
               coalesce(list(v.year ORDER BY v.year) FILTER (WHERE e.year IS NOT NULL), [])
        FROM indicator_values v LEFT JOIN survey_estimates e USING (region_code, indicator_id, year)
        WHERE v.region_code = $1 AND v.value IS NOT NULL AND v.indicator_id IN (
            SELECT indicator_id FROM survey_estimates WHERE region_code = $1)
        GROUP BY ALL""", [code]).fetchall()}


def trend_span(spans: dict[str, tuple[list[int], list[int]]], row: Mapping[str, Any]
               ) -> dict[str, Any]:
    """A trend signal's :func:`survey_span` from its first year to its last, that its mark
    speaks of them all: Uitgeest's unemployment 'dalend van 4,6% (2017) naar 2,9% (2024, elk
    jaar een steekproefcijfer, ...)', before '(2024, steekproefcijfer, ...)'; where its last
    figure is none, the sample years :func:`sampled_aside` marks (Asten's 2017-2021); empty
    for another row."""
    if row.get("kind") != "trend" or row.get("first_year") is None:
        return {}
    years, sampled = spans.get(row["indicator_id"]) or ([], [])
    return survey_span(years, sampled, int(row["first_year"]), int(row["year"]))


def domain_span(row: dict[str, Any]) -> dict[str, Any]:
    """A profile domain row's :func:`survey_span` of its trend's years (its latest alone
    without a trend), from the columns ``series_years`` and ``sampled_years`` it pops; where
    its latest figure is no sample figure, those of its trend's earlier years that are (Asten's
    unemployment: 2017-2021 of 2017-2024; empty before session 54), ``survey_all`` False."""
    years, sampled = row.pop("series_years", None) or [], row.pop("sampled_years", None) or []
    if row.get("year") is None:
        return {"survey_years": [], "survey_all": False}
    last = int(row["year"])
    return survey_span(years, sampled, int(row.get("first_year") or last), last)


def survey_peers(peers: list[dict], lang: str) -> str:
    """After the better-doing peers, once: 'Het cijfer van Hilvarenbeek is een steekproefcijfer,
    voor kleine gemeenten onnauwkeurig.' ('De cijfers van A en B zijn steekproefcijfers, ...'),
    of the peers whose ``survey`` is set (:func:`mark_survey_peers`); '' for none."""
    names = [p["name"] for p in peers if p.get("survey")]
    if not names:
        return ""
    return vocabulary.word(lang, "report", "survey_peers_one" if len(names) == 1
                           else "survey_peers_many", names=fmt_list(names, lang))
