"""What a tile's municipality lacks after its latest figure, with the report's reason
(``indicator_gaps``, worded by :func:`stadstrends.publish.report.gap_words.gap_reason`, as
the report's 'Wat ontbreekt'): Vlieland's share of 85-plussers shows 1,8% in 2017 and says
'Geen cijfer voor 2018–2023: waarde ontbreekt in de bron.'; its share of 0-14 year olds
shows 2019 and says 2024 is 'niet in deze momentopname: de kopie van CBS-tabel 85984NED
stopt na 10.000 regels bij gemeente Maasdriel; ...'. Without it a tile's older year reads as
the newest CBS has (1 437 tiles of the 342 municipalities on the snapshot).
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from stadstrends.publish.cuts import cut_sources
from stadstrends.publish.report.gap_words import (
    PIECES_SQL,
    SOURCES_SQL,
    formed_of,
    gap_reason,
    named_codes,
)
from stadstrends.publish.report.table_absence import merge_absent
from stadstrends.publish.web import units
from stadstrends.publish.web.i18n import texts
from stadstrends.publish.web.state import WebWarehouse


def newer_gaps(wh: WebWarehouse, code: str) -> dict[str, list[dict[str, Any]]]:
    """Per indicator the city's ``indicator_gaps`` after its latest figure (all of them for
    an indicator without any figure: the comparison page says why, :mod:`.compare_table`),
    one row per reason and detail (most years first, as the report lists them): reason,
    reason_detail, years (a list). Empty for a warehouse without the table."""
    if not wh.has("indicator_gaps"):
        return {}
    out: dict[str, list[dict[str, Any]]] = {}
    for r in wh.rows("""
        SELECT g.indicator_id, g.reason, g.reason_detail, list(g.year ORDER BY g.year) AS years
        FROM indicator_gaps g
        LEFT JOIN (SELECT indicator_id, max(year) AS latest FROM indicator_values
                   WHERE region_code = $1 AND value IS NOT NULL GROUP BY 1) v
               USING (indicator_id)
        WHERE g.region_code = $1 AND (v.latest IS NULL OR g.year > v.latest)
        GROUP BY ALL ORDER BY 1, count(*) DESC, min(g.year), 2, 3""", [code]):
        out.setdefault(r.pop("indicator_id"), []).append(r)
    return out


def context(wh: WebWarehouse, code: str, gaps: dict[str, list[dict[str, Any]]],
            own_name: bool = False) -> SimpleNamespace:
    """What :func:`gap_reason` reads of the report's city facts: the city's code, the cut
    source tables (``sources.cut_after``) and the names of the predecessors ``gaps`` name;
    with ``own_name`` (one municipality's page: its tiles) also the municipality's name, so
    the words name it ('... zoals Utrecht'), as the report's. Pages listing several
    municipalities under one sentence (heatmap, ranking, comparison) say 'deze gemeente'."""
    sources = wh.memo(("cut_sources",), lambda: _cut_sources(wh))
    named = sorted(named_codes([g for rows in gaps.values() for g in rows]))
    names = {r["region_code"]: r["name"] for r in wh.rows(
        "SELECT region_code, any_value(name ORDER BY valid_from DESC) AS name FROM regions "
        "WHERE region_code IN (SELECT unnest(?)) GROUP BY 1", [named])} if named else {}
    pieces = {r["source_code"] for r in wh.rows(PIECES_SQL, [code])} if named else set()
    formed = formed_of(wh.rows(SOURCES_SQL, [code])) if named else {}
    ns = SimpleNamespace(code=code, sources=sources, region_names=names, pieces=pieces,
                         formed=formed)
    if own_name:
        ns.name = wh.name(code)
    return ns


def _cut_sources(wh: WebWarehouse) -> list[dict[str, Any]]:
    """The rows of ``sources`` with a ``cut_after`` and where the copy stops (none where
    the warehouse lacks it): :func:`~stadstrends.publish.cuts.cut_sources`."""
    with wh.cursor() as cur:
        return cut_sources(cur)


def notes(gaps: list[dict[str, Any]], why: SimpleNamespace, lang: str) -> list[str]:
    """One sentence per reason: 'Geen cijfer voor 2018–2023: waarde ontbreekt in de bron.';
    the CBS tables that leave the municipality and its predecessors out in one, as the
    report's 'Vooruitblik' (:func:`~stadstrends.publish.report.table_absence.merge_absent`):
    'Geen cijfer voor 2012–2019: CBS publiceert tabel 81877NED niet voor alle gemeenten, en
    in geen enkel jaar voor Berg en Dal; voor 2012–2015, toen de gemeente nog niet bestond,
    ook niet voor ...', not three sentences of one fact."""
    return [texts(lang)["newer_missing"].format(years=units.spans(g["years"]),
                                                reason=gap_reason(why, g, lang))
            for g in merge_absent(gaps)]


def series_missing(wh: WebWarehouse, indicator_id: str, columns: list[tuple[str, str]],
                   years: list[int], lang: str) -> list[str]:
    """The notes under a year x region table (:func:`.page_parts.pivot`) for its empty cells
    with a stored reason (``indicator_gaps``), one per region and reason, in the report's
    words: 'Nederland heeft geen cijfer voor 2012–2015: niet alle gemeenten van de regio
    hebben een waarde.' (solar capacity: the sum over the municipalities lacks those whose
    cell CBS left empty; the table showed '–' without a word). ``columns``: (code, label)."""
    if not wh.has("indicator_gaps") or not years or not columns:
        return []
    codes = [c for c, _ in columns]
    found: dict[str, list[dict[str, Any]]] = {}
    for r in wh.rows("""
        SELECT region_code, reason, reason_detail, list(year ORDER BY year) AS years
        FROM indicator_gaps WHERE indicator_id = ? AND list_contains(?, region_code)
          AND list_contains(?, year)
        GROUP BY ALL ORDER BY region_code, min(year), reason""", [indicator_id, codes, years]):
        found.setdefault(r.pop("region_code"), []).append(r)
    out = []
    for code, label in columns:
        gaps = found.get(code, [])
        why = context(wh, code, {indicator_id: gaps}) if gaps else None
        out += [texts(lang)["series_missing"].format(
            region=label, years=units.spans(g["years"]), reason=gap_reason(why, g, lang))
            for g in gaps]
    return out
