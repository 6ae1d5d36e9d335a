"""Where CBS's rounding of a count is large next to a municipality's own count.

``numerator_rounding`` (indicator stage) names the indicators whose numerator CBS rounds
(jobs in 83582NED and self-employed in 86043NED to hundreds, payment arrears in 81064ned
and bijstand in 80860ned/85383NED to tens, ...). Half a unit is the most a printed count can
be off; for a small municipality that can exceed the changes and differences the report
speaks of: Vlieland's jobs (83582NED: 600-800, rounded to 100, so +-50 or 6-8%) move its
jobs per 1 000 inhabitants between 527 and 669 in 2018-2022 by rounding alone. Such an
indicator's statement gets a caveat. The rule (build setting ``coarse_share``) is the
analysis stage's, read from its tables ``coarse_counts`` and ``coarse_positions``
(:mod:`stadstrends.analysis.coarse`), as Kies richting and the signals read it; what stays
here is per figure: the analysis stage's verdict on a change (:func:`coarse_change`) and
whether the position printed is of a coarse year.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from stadstrends.publish.read import build_info, build_settings, records
from stadstrends.publish.relations import relations

if TYPE_CHECKING:  # `show` reads coarse_cells: not duckdb's Python layer (tests/test_cli.py)
    import duckdb

__all__ = ["coarse_cells", "coarse_change", "coarse_places", "coarse_position",
           "coarse_rounding", "coarse_rounding_of", "coarse_year", "coarse_years", "count_words",
           "marked_coarse", "near_cut", "one_case_marked", "rounded_zeros", "small_bases",
           "zeros_and_coarse_of"]


def coarse_rounding(con: duckdb.DuckDBPyConnection, code: str) -> dict[str, dict[str, Any]]:
    """indicator_id -> ``{unit, year, count, share, spread, limit_share, spreads}``: the rows of
    ``coarse_counts`` (:mod:`stadstrends.analysis.coarse`) of municipality ``code`` of its
    last coarse count of each indicator, a count whose half unit is more than ``coarse_share``
    of it (a count of 0 always: Vlieland's net growth of its dwelling stock in 2023, 0 in
    86054NED, rounded to fives). ``share``: half the unit / the count (None for 0);
    ``spread``: how far CBS's rounding can move the figure, in the indicator's own unit (per
    1 000 dwellings: 2.5 / 640 x 1 000 = 3.9; more for a merged municipality's parts and a
    rounded denominator), None where a ratio's denominator is missing; ``limit_share``: the build
    setting; ``spreads``: year -> spread of every coarse count of the indicator (a year not
    in it is not coarse); ``zeros``: the years whose count CBS rounded to 0 (a figure on 0 to 2
    dwellings where CBS rounds to fives). Empty for a warehouse without the table."""
    return coarse_rounding_of(con, [code])[code]


def coarse_rounding_of(con: duckdb.DuckDBPyConnection, codes: list[str],
                       indicator_id: str | None = None
                       ) -> dict[str, dict[str, dict[str, Any]]]:
    """:func:`coarse_rounding` of each of the municipalities ``codes`` (each one there), in
    one query: the comparison page's table; of one indicator only where ``indicator_id``
    is given (:func:`coarse_cells`)."""
    out: dict[str, dict[str, dict[str, Any]]] = {c: {} for c in codes}
    if not codes or "coarse_counts" not in relations(con):
        return out
    share = build_info(con).get("coarse_share")  # the build's, without pydantic (`show`)
    if share is None:  # a hand-made warehouse's record: the setting's default
        share = build_settings(con).coarse_share
    one, params = ("", [codes]) if indicator_id is None else (
        "AND indicator_id = ?", [codes, indicator_id])
    for r in records(con, f"""
            SELECT region_code, indicator_id, unit, year, count, share, spread
            FROM coarse_counts WHERE list_contains(?, region_code) {one}
            ORDER BY region_code, indicator_id, year""", params):
        row = out[r.pop("region_code")].setdefault(r["indicator_id"],
                                                   {"spreads": {}, "zeros": set()})
        row["spreads"][int(r["year"])] = r["spread"]
        if r["count"] == 0:
            row["zeros"].add(int(r["year"]))
        row.update(r, limit_share=share)  # by year: the last coarse count's
    return out


def rounded_zeros(con: duckdb.DuckDBPyConnection, code: str) -> dict[str, list[int]]:
    """indicator_id -> the years of municipality ``code`` whose figure rests on a count CBS
    rounded to 0 (:func:`coarse_rounding`'s ``zeros``): marked as a figure 'berekend uit
    afgerond aantal' (Schiermonnikoog's new dwellings of 2023, 0 in 86054NED: 0 to 2 of 615
    dwellings, 0,0 to 4,1 per 1 000)."""
    return _zeros(coarse_rounding(con, code))


def _zeros(coarse: dict[str, dict[str, Any]]) -> dict[str, list[int]]:
    return {i: sorted(r["zeros"]) for i, r in coarse.items() if r["zeros"]}


def coarse_years(con: duckdb.DuckDBPyConnection, code: str) -> dict[str, list[int]]:
    """indicator_id -> the years of municipality ``code`` whose figure rests on a count CBS
    rounds coarsely for it (:func:`coarse_rounding`'s ``spreads``: half the unit more than
    ``coarse_share`` of the count): marked as a figure 'berekend uit afgerond aantal' wherever
    it is printed (Schiermonnikoog's jobs per 1 000 inhabitants of 2023, 611: 0,6 thousand
    jobs in 83582NED, 550 to 649, so 560 to 661 per 1 000). Not a count itself: its figure
    is CBS's rounded count, computed from nothing (Vlieland's 700 jobs of 2023; the sentence
    says CBS rounds it)."""
    return _coarse(_methods(con), coarse_rounding(con, code))


def zeros_and_coarse_of(con: duckdb.DuckDBPyConnection, codes: list[str]
                        ) -> dict[str, tuple[dict[str, list[int]], dict[str, list[int]]]]:
    """Per municipality of ``codes``: its :func:`rounded_zeros` and :func:`coarse_years`,
    read in one query for all (:func:`coarse_rounding_of`)."""
    methods = _methods(con)
    return {c: (_zeros(rows), _coarse(methods, rows))
            for c, rows in coarse_rounding_of(con, codes).items()}


def coarse_cells(con: duckdb.DuckDBPyConnection, indicator_id: str,
                 codes: list[str] | None = None) -> set[tuple[str, int]]:
    """(municipality, year) of every figure of ``indicator_id`` marked 'berekend uit afgerond
    aantal' (``coarse`` of :func:`~stadstrends.publish.sentence_words.year_flags` on
    :func:`zeros_and_coarse_of`, the report's and the tiles' one rule): the downloads' and
    the API's mark ``rounded_count`` (Deventer's demolitions per 1 000 dwellings of 2023);
    of the municipalities ``codes`` only where given (`show`: one)."""
    if "coarse_counts" not in relations(con):
        return set()
    # the municipalities with a coarse count of the indicator (of ``codes`` where given:
    # none for most of `show`'s series, which then reads nothing more: 36 -> 3 ms)
    codes = [c for (c,) in con.execute(
        "SELECT DISTINCT region_code FROM coarse_counts WHERE indicator_id = ?"
        + ("" if codes is None else " AND list_contains(?, region_code)"),
        [indicator_id] + ([] if codes is None else [list(codes)])).fetchall()]
    if not codes:
        return set()
    from stadstrends.publish.sentence_words import year_flags

    methods = _methods(con)
    out: set[tuple[str, int]] = set()
    for code, rows in coarse_rounding_of(con, codes, indicator_id).items():
        zeros, coarse = _zeros(rows), _coarse(methods, rows)
        row = {"rounded_zero": zeros.get(indicator_id, []),
               "coarse_years": coarse.get(indicator_id, [])}
        out |= {(code, y) for y in row["coarse_years"] if year_flags(row, y)["coarse"]}
    return out


def _methods(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    return dict(con.execute("SELECT indicator_id, method FROM indicators").fetchall())


def _coarse(methods: dict[str, str], coarse: dict[str, dict[str, Any]]
            ) -> dict[str, list[int]]:
    return {i: marked_coarse(methods.get(i), r) for i, r in coarse.items()
            if marked_coarse(methods.get(i), r)}


def marked_coarse(method: str | None, coarse: dict[str, Any] | None) -> list[int]:
    """The years an indicator of catalogue ``method`` marks 'berekend uit afgerond aantal'
    from its :func:`coarse_rounding` row ``coarse``: its coarse years, none for a count (its
    figure is CBS's rounded count itself). The one rule of :func:`coarse_years` and the
    report's facts."""
    return [] if method == "count" else sorted((coarse or {}).get("spreads", ()))


def small_bases(con: duckdb.DuckDBPyConnection, code: str) -> dict[str, dict[int, dict]]:
    """indicator_id -> year -> ``{indicator_id, year, base_count, base_unit}``: municipality
    ``code``'s shares CBS computes from fewer than the build's ``small_base`` cases
    (``small_bases``, :mod:`stadstrends.analysis.small_bases`), and its sample figures of a
    small municipality (``{indicator_id, year, survey, base}``: ``survey_estimates``); empty
    for a warehouse without the tables."""
    if "small_bases" not in relations(con):
        return {}
    out: dict[str, dict[int, dict]] = {}
    for r in records(con, "SELECT indicator_id, year, base_count, base_unit FROM small_bases "
                          "WHERE region_code = ?", [code]):
        out.setdefault(r["indicator_id"], {})[int(r["year"])] = r
    if "survey_estimates" in relations(con):  # a small municipality's sample figures
        for r in records(con, "SELECT indicator_id, year, survey, base FROM survey_estimates "
                              "WHERE region_code = ?", [code]):
            out.setdefault(r["indicator_id"], {}).setdefault(int(r["year"]), r)
    return out


def coarse_places(con: duckdb.DuckDBPyConnection, code: str,
                  set_id: str | None) -> dict[str, dict[int, dict[str, Any]]]:
    """indicator_id -> year -> ``{unit, spread, reason}``: the positions of ``code`` in group
    ``set_id`` that CBS's rounding alone could move past the group's p25, median or p75
    (``coarse_positions``, the rule Kies richting and the signals follow)."""
    out: dict[str, dict[int, dict[str, Any]]] = {}
    if set_id is None or "coarse_positions" not in relations(con):
        return out
    for r in records(con, """SELECT indicator_id, year, unit, spread, reason
                            FROM coarse_positions WHERE region_code = ? AND set_id = ?""",
                     [code, set_id]):
        out.setdefault(r["indicator_id"], {})[int(r["year"])] = r
    return out


def one_case_marked(con: duckdb.DuckDBPyConnection, ps: list[str],
                    latest: dict[str, dict]) -> dict[str, dict]:
    """``latest`` (indicator -> the city's latest row in its group, ``ps``: code, set id) with
    ``one_case`` ('top', 'bottom') on the rows of a share at or beyond its group's p75 or p25
    that one case more or less moves to that cut or past it (``case_positions``: the rule of
    Kies richting's labels and the signals' deviations), for the position sentence: 'rond de
    grens van het laagste kwart'. Schiermonnikoog's cleared crimes in 2024, 13,6% of 20
    crimes under GK1's p25 of 16,0%: one cleared crime more is 18,6%, 'bottom'; reason
    'cbs_rounding' where only CBS's rounding (half its unit) can carry it across."""
    if not latest or "case_positions" not in relations(con):
        return latest
    for r in records(con, "SELECT indicator_id, year, cut, reason, case_unit FROM case_positions "
                          "WHERE region_code = ? AND set_id = ?", ps):
        row = latest.get(r["indicator_id"])
        if row is not None and row.get("year") == r["year"]:
            row["one_case"] = "top" if r["cut"] == "p75" else "bottom"
            row["one_case_reason"] = r["reason"]  # 'one_case', 'cbs_rounding' (half a unit)
            row["one_case_unit"] = r["case_unit"]  # CBS's unit of the share (None: none)
    return latest


def coarse_change(f: dict[str, Any]) -> bool:
    """Whether CBS's rounding alone could undo the change of a sentence's fact ``f`` (its
    ``trend``): the analysis stage's verdict (``coarse_changes.undoable``, the rule of
    :mod:`stadstrends.analysis.coarse`), read with the trend (``trend["coarse_change"]``).
    Vlieland's jobs 600 -> 700 (+-50 each): is; Terschelling's thefts per 1 000, 24,7 in
    2017 -> 6,1 +-0,5 in 2024: not."""
    t = f.get("trend")
    return bool(t and f.get("coarse") and t.get("coarse_change"))


def coarse_position(f: dict[str, Any]) -> bool:
    """Whether the position of ``f`` in its group (``bench``, of its latest year) could move
    by rounding alone: ``f["coarse_place"]``, the ``coarse_positions`` row of that year
    (:func:`coarse_places`). Vlieland's 542 jobs per 1 000 inhabitants in 2023, +-7%:
    503-581, passes GK1's p75 of 532: 'in het hoogste kwart' is not sure."""
    b, p = f.get("bench"), f.get("coarse_place")
    return bool(b and p and b.get("year") is not None and int(b["year"]) == p["year"])


def coarse_year(f: dict[str, Any]) -> bool:
    """Whether the count of the year of ``f``'s position (``bench``) is coarse
    (``f['coarse']['spreads']``, :func:`coarse_rounding`): its sentence then says 'bij een
    aantal van deze grootte' (Vlieland's bijstand, 10 recipients +-5); a count that is not
    coarse can still decide a place close to a cut (:func:`near_cut`)."""
    b = f.get("bench") or {}
    spreads = (f.get("coarse") or {}).get("spreads") or {}
    return b.get("year") is not None and int(b["year"]) in spreads


def near_cut(w: Any, f: dict[str, Any], place: str) -> str:
    """The words after a position (``place``: what its words claim, ``Sentence.place``) that
    CBS's rounding of a count that is not coarse could move (``f['coarse_place']``): 'Het CBS
    rondt het onderliggende aantal af op tientallen; zo dicht bij de grens van het laagste
    kwart is de plaats in de groep daardoor onzeker.' (Bunnik's bijstand in 2024: 130
    recipients, 8,07 +-0,31 per 1 000 in GK3); 'dit aantal' for a count itself (jobs); no cut
    named after a place in a group too small for quarters."""
    p = f["coarse_place"]
    count = count_words(w, f)
    unit = w.words[f"unit_{p['unit']}"]
    if place == "rank":
        return w.t("coarse_near_rank", count=count, unit=unit)
    cut = w.words[{"crosses_median": "cut_median", "crosses_p75": "cut_top",
                   "crosses_p25": "cut_bottom"}[p["reason"]]]
    return w.t("coarse_near", count=count, unit=unit, cut=cut)


def count_words(w: Any, f: dict[str, Any]) -> str:
    """The count CBS rounds, as the rounding words name it: 'het onderliggende aantal' (a
    rate's numerator), 'dit aantal' where the figure is the count itself (Vlieland's 700 jobs,
    rounded to hundreds)."""
    return w.words["count_itself" if f.get("method") == "count" else "count_underlying"]

