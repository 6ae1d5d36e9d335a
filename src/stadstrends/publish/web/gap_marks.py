"""The marks of a tweedeling row's year on the city page, as its tiles mark a figure: 'voorlopig'
where CBS marks the city's figure provisional (Zaanstad's income of 2023 was printed bare
beside the tile's '2023, voorlopig') and 'verouderd' where the year is before the build's
first fresh year (:func:`stadstrends.publish.read.fresh_from`, the tiles' rule: Zaanstad's
Wmo clients, 2019, beside the tile's 58 of 2023); and why a row's year is older than the
city's latest figure: the years after it that the ommeland has no figure for, with the
members that lack one ('geen cijfer van Wormerland na 2019': 86050NED has no full-year
figure of Wormerland for 2020-2023), read from ``ommeland`` (``ommeland_note``
``ommeland_missing``) and ``indicator_values``."""

from __future__ import annotations

from typing import Any

from stadstrends.publish.format import fmt_list, year_runs
from stadstrends.publish.read import fresh_from
from stadstrends.publish.sentence_words import marked_year
from stadstrends.publish.web.i18n import texts
from stadstrends.publish.web.state import WebWarehouse

# per tweedeling indicator: the years after the row's year up to the city's latest figure
# (none has a gap: the city or a member of its COROP region has no figure), and the city
# and members without a figure in each
LATER_SQL = """
WITH rows AS (SELECT unnest(?::VARCHAR[]) AS indicator_id, unnest(?::INTEGER[]) AS gap_year,
                     unnest(?::INTEGER[]) AS last_year),
years AS (SELECT indicator_id, unnest(range(gap_year + 1, last_year + 1)) AS year FROM rows),
corop AS (SELECT any_value(corop_code) AS corop_code FROM ommeland WHERE region_code = $4),
places AS (SELECT $4 AS region_code
           UNION SELECT s.region_code FROM region_sets s JOIN corop c ON s.set_id = c.corop_code)
SELECT y.indicator_id, y.year::INTEGER AS year,
       list(p.region_code ORDER BY p.region_code) FILTER (WHERE v.value IS NULL) AS lacking,
       count(*) AS n
FROM years y CROSS JOIN places p
LEFT JOIN indicator_values v ON v.region_code = p.region_code
 AND v.indicator_id = y.indicator_id AND v.year = y.year AND v.value IS NOT NULL
GROUP BY y.indicator_id, y.year ORDER BY y.indicator_id, y.year
"""


def later_missing(wh: WebWarehouse, code: str, gaps: list[dict[str, Any]]
                  ) -> dict[str, dict[str, Any]]:
    """indicator -> ``years`` (the years after its tweedeling row's year up to the city's
    ``latest_year``: none has a gap), ``lacking`` (the city's or a member's code -> its years
    among them without a figure: 'geen cijfer van Heerlen in 2022', the city itself) and
    ``nobody`` (the years neither the city nor any member has a figure); indicators whose row
    is of the city's latest year are left out."""
    rows = [g for g in gaps if g.get("latest_year") and int(g["latest_year"]) > int(g["year"])]
    if not rows or not wh.has("ommeland"):
        return {}
    out: dict[str, dict[str, Any]] = {}
    for r in wh.rows(LATER_SQL.replace("$4", "?"), [
            [g["indicator_id"] for g in rows], [int(g["year"]) for g in rows],
            [int(g["latest_year"]) for g in rows], code, code]):
        found = out.setdefault(r["indicator_id"], {"years": [], "lacking": {}, "nobody": []})
        found["years"].append(int(r["year"]))
        lacking = r["lacking"] or []
        if len(lacking) == r["n"]:  # no figure for any of them: said once, not each name
            found["nobody"].append(int(r["year"]))
            continue
        for m in lacking:
            found["lacking"].setdefault(m, []).append(int(r["year"]))
    return out


def later_words(later: dict[str, Any], year: int, lang: str) -> str:
    """Why a row of ``year`` is not of a later year: 'geen cijfer van Wormerland na 2019' (a
    member lacks every later year up to the city's ``last``), else with its years ('geen
    cijfer van Heerlen in 2022; geen cijfer van Landgraaf in 2023': Maastricht's Wmo
    clients, 2021), the city and members grouped by their years, 'geen cijfers in 2022'
    where none has one; without a name, the ommeland's: 'ommeland geen cijfer na 2019'.
    ``later``: :func:`later_missing`'s row with ``names`` (member code -> name) and ``last``
    (the city's latest year)."""
    t = texts(lang)
    last = int(later["last"])
    groups: dict[tuple[int, ...], list[str]] = {}
    for member, years in later["lacking"].items():
        groups.setdefault(tuple(years), []).append(later["names"][member])
    span = tuple(range(year + 1, last + 1))
    parts = [t["gap_later_after" if ys == span else "gap_later_in"].format(
        names=fmt_list(sorted(names), lang), year=year, years=", ".join(year_runs(list(ys))))
        for ys, names in groups.items()]
    if later["nobody"]:  # no figure for the city nor any member: not each name
        parts.append(t["gap_later_nobody"].format(years=", ".join(year_runs(later["nobody"]))))
    if not parts:
        ys = later["years"]
        parts = [t["gap_later_ommeland_after" if tuple(ys) == span else
                   "gap_later_ommeland_in"].format(year=year, years=", ".join(year_runs(ys)))]
    return "; ".join(parts)


def annotate(wh: WebWarehouse, code: str, gaps: list[dict[str, Any]],
             rows: list[dict[str, Any]]) -> None:
    """Give each tweedeling row of ``gaps`` ``provisional`` and ``fresh_from`` (from the
    city's tile row of its indicator in ``rows``, :func:`.data.city_indicators`), the
    city's ``latest_year`` and ``later`` (:func:`later_missing`)."""
    tiles = {r["indicator_id"]: r for r in rows}
    fresh = fresh_from(wh.build_info)
    for g in gaps:
        tile = tiles.get(g["indicator_id"], {})
        g["provisional"] = list(tile.get("provisional") or ())
        g["fresh_from"] = fresh
        g["latest_year"] = tile.get("latest_year")
    later = later_missing(wh, code, gaps)
    for g in gaps:
        found = later.get(g["indicator_id"])
        if found:
            found["names"] = {m: wh.name(m) for m in found["lacking"]}
            found["last"] = int(g["latest_year"])
        g["later"] = found


def year_cell(g: dict[str, Any], lang: str) -> str:
    """The row's year with the tiles' marks: '2019, verouderd', '2023, voorlopig'."""
    return marked_year({"provisional": g.get("provisional") or (),
                        "fresh_from": g.get("fresh_from")}, int(g["year"]), lang)


def year_note(g: dict[str, Any], lang: str) -> str | None:
    """Why the row's year is older than the city's latest figure (:func:`later_words`)."""
    return later_words(g["later"], int(g["year"]), lang) if g.get("later") else None
