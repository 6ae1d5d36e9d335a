"""Checks of the catalogue that keep a computed figure true, and its texts written as readers
read them (:func:`dash_ranges`); called by its validators."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from stadstrends.indicators.measure_types import load_measure_types
from stadstrends.ranges import year_ranges

if TYPE_CHECKING:
    from stadstrends.indicators.catalogue import Change, Indicator, SourcePart

EDITION_DIMENSIONS = ("StatusCijfer",)  # a filter that picks an edition of the figures


def _edition(part: SourcePart) -> tuple:
    """What must be equal for two parts to give figures of the same year and edition."""
    return (part.table.lower(), part.api, part.years, part.period, part.part,
            part.boundary_year,
            sorted(w for w in part.where if w.split("=")[0] in EDITION_DIMENSIONS))


def dash_ranges(ind: Indicator) -> None:
    """The indicator's texts for readers (titles, descriptions, caveats, break reasons,
    snapshot notes) with each range of years as readers see ranges elsewhere: '1999-2009
    (80860ned)' -> '1999–2009 (80860ned)' (:func:`~stadstrends.ranges.year_ranges`); the
    API, `stadstrends indicators`, docs/indicators.md and the warehouse get them so."""
    for field in ("title_nl", "title_en", "description_nl", "description_en"):
        setattr(ind, field, year_ranges(getattr(ind, field)))
    ind.snapshot_notes = [year_ranges(n) for n in ind.snapshot_notes]
    for c in ind.caveats:
        c.nl, c.en = year_ranges(c.nl), year_ranges(c.en)
    for b in ind.breaks:
        b.reason = year_ranges(b.reason)


def check_parts(ind: Indicator) -> None:
    """The checks of one entry's source parts (below)."""
    check_paired_parts(ind)
    check_provisional_rank(ind)
    check_provisional_edition_stated(ind)
    check_prices(ind)


#: a caveat saying an amount is in current prices (nl, en): what ``current_prices`` states
CURRENT_PRICES = (re.compile(r"lopende prijzen", re.IGNORECASE),
                  re.compile(r"current prices", re.IGNORECASE))


def check_prices(ind: Indicator) -> None:
    """An amount in euro (``unit`` names euro) is declared ``current_prices`` (a series
    deflated to constant prices would need a field of its own: none is in the catalogue),
    and such a series has a caveat saying so in Dutch and English ("Lopende prijzen",
    "Current prices"); a ValueError otherwise. A rise in current euros is no improvement by
    itself (part of it is inflation), so its trend gets no verdict."""
    money = bool(re.search(r"\beuro\b", ind.unit, re.IGNORECASE))
    if money != ind.current_prices:
        raise ValueError(f"{ind.id}: unit {ind.unit!r}: set current_prices: {str(money).lower()} "
                         "(an amount in euro is in current prices)")
    said = [c for c in ind.caveats if CURRENT_PRICES[0].search(c.nl)
            and CURRENT_PRICES[1].search(c.en)]
    if ind.current_prices and not said:
        raise ValueError(f"{ind.id}: current_prices needs a caveat 'Lopende prijzen' / "
                         "'Current prices'")


def check_paired_parts(ind: Indicator) -> None:
    """A ``ratio`` with its own denominator (a share: 65-plussers / inhabitants) divides
    figures of one table, year and edition: its denominator's parts pair with its
    numerator's (the same table, years, period and boundary year, rank by rank), and a
    series' parts cover disjoint years, so the build (which takes each series' best part
    per year) never divides one table's or year's count by another's. A ratio declaring
    ``denominator_unpaired`` (per 1 000 of CBS's average population, which 37259eng and
    03759ned give alike) keeps only the disjoint years of each side's parts."""
    if ind.count_fallback and ind.method != "weighted_mean":  # a count for a missing rate
        raise ValueError(f"{ind.id}: count_fallback is for a weighted_mean only")
    if ind.region_fallback and ind.method != "count":  # CBS's figure where the numerator
        raise ValueError(f"{ind.id}: region_fallback is for a count only")  # has none
    if ind.count_is_exact and not ind.count_fallback:
        raise ValueError(f"{ind.id}: count_is_exact needs a count_fallback (the exact count)")
    if ind.denominator_unpaired and (ind.method != "ratio" or not ind.denominator):
        raise ValueError(f"{ind.id}: denominator_unpaired is for a ratio with a denominator")
    if ind.method != "ratio" or not ind.denominator:
        return
    if ind.denominator_unpaired:  # another table's base (the average population): the
        _disjoint(ind, ind.numerator)  # years still come from one part each
        _disjoint(ind, ind.denominator)
        return
    num = [_edition(p) for p in ind.numerator]
    den = [_edition(p) for p in ind.denominator]
    if num != den:
        raise ValueError(f"{ind.id}: the denominator's parts must pair with the numerator's "
                         "(same table, years, period, boundary year and edition, in order)")
    _disjoint(ind, ind.numerator)


def _disjoint(ind: Indicator, parts: list[SourcePart]) -> None:
    """A share's parts give disjoint years (a ValueError otherwise)."""
    spans = sorted(p.years or (0, 9999) for p in parts)  # no years: every year
    if any(a[1] >= b[0] for a, b in zip(spans, spans[1:], strict=False)):
        raise ValueError(f"{ind.id}: the parts of a share must give disjoint years")


def _provisional_edition(part: SourcePart) -> bool:
    return any(w.replace(" ", "") == "StatusCijfer=Voorlopig" for w in part.where)


def check_provisional_rank(ind: Indicator) -> None:
    """The build takes each year of a series from its best-ranked part, for every region,
    and marks it by that part's status. A part reading a table's provisional edition
    (``StatusCijfer=Voorlopig``) ranked before another table's part for the same years
    would hide that table's own figures: 85383NED's provisional Gemeentefonds
    establishments 2023-2024 beside 81575NED's unmarked 2025 (and 25 955 for
    's-Hertogenbosch in 2024 where 81575NED has 25 970)."""
    for rank, part in enumerate(ind.numerator):
        if not _provisional_edition(part):
            continue
        first, last = part.years or (0, 9999)
        for later in ind.numerator[rank + 1:]:
            low, high = later.years or (0, 9999)
            if (later.table.lower() != part.table.lower() and not _provisional_edition(later)
                    and low <= last and first <= high):
                raise ValueError(
                    f"{ind.id}: {part.table}'s provisional edition ranks before "
                    f"{later.table} for the same years: rank the table's own figures first")


def check_provisional_edition_stated(ind: Indicator) -> None:
    """A part reading a table's provisional edition (``StatusCijfer=Voorlopig``: 60039fvw,
    85383NED) gives figures the build marks provisional, so a caveat must say 'voorlopig',
    as :func:`check_provisional_tables` asks of the readers of a ``provisional_latest``
    table-year (social assistance 2009-2014 from 60039fvw was marked without one). A part
    whose measures are all ``final`` in ``measures.yaml`` (60039fvw's population counts)
    gives final figures and needs no such caveat."""
    types = load_measure_types()
    reads = sorted({p.table for p in ind.parts if _provisional_edition(p)
                    and not all(types.is_final(p.table, key) for key, _ in p.terms)})
    if reads and not any("voorlopig" in c.nl.lower() for c in ind.caveats):
        raise ValueError(f"{ind.id}: reads the provisional edition of {reads} "
                         "(StatusCijfer=Voorlopig): a caveat must say 'voorlopig'")


def check_unusable_series(indicators: list[Indicator]) -> None:
    """A regional sum leaves an ``unusable`` member out of the series of that indicator
    (:mod:`.aggregate`): its numerator and denominator must be its own, not shared with an
    indicator that keeps the member (``denominator_indicator``, ``change_of``)."""
    rejecting = {i.id for i in indicators if i.unusable}
    for ind in indicators:
        shared = {ind.denominator_indicator, ind.change_of and ind.change_of.indicator}
        if ind.unusable and (ind.denominator_indicator or ind.change_of):
            raise ValueError(f"{ind.id}: an indicator with unusable years needs its own "
                             "numerator and denominator (regional sums leave them out)")
        if shared & rejecting:
            raise ValueError(f"{ind.id}: uses the series of {sorted(shared & rejecting)}, "
                             "whose regional sums leave its unusable municipalities out")




def check_provisional_tables(indicators: list[Indicator]) -> None:
    """CBS's status belongs to a table's period: the last year of a ``provisional_latest``
    indicator's numerator tables is provisional for every indicator that reads those tables
    in that year (the build marks their figures, :mod:`.provisional`), so each of them needs
    a caveat saying 'voorlopig' (the report's, the pages' and the downloads' entries)."""
    latest: set[tuple[str, int]] = set()
    for ind in indicators:
        spans = [p for p in ind.numerator if p.years] if ind.provisional_latest else []
        last = max((p.years[1] for p in spans), default=None)
        latest |= {(p.table.lower(), last) for p in spans if p.years[0] <= last <= p.years[1]}
    for ind in indicators:
        reads = sorted({(t, y) for p in ind.parts if p.years for t, y in latest
                        if t == p.table.lower() and p.years[0] <= y <= p.years[1]})
        if reads and not any("voorlopig" in c.nl.lower() for c in ind.caveats):
            raise ValueError(f"{ind.id}: reads {reads}, provisional (provisional_latest of "
                             "another indicator): a caveat must say 'voorlopig'")


def check_change(ind: Indicator, change: Change, indicators: list[Indicator]) -> None:
    """``change_of`` names a count, its years lie outside the numerator's parts, and the
    continuous sources are the tables of both."""
    base = next((i for i in indicators if i.id == change.indicator), None)
    if base is None or base.method != "count":
        raise ValueError(f"{ind.id}: change_of {change.indicator!r} must be a count indicator")
    first, last = change.years
    for part in ind.numerator:
        if part.years is None or not (part.years[1] < first or part.years[0] > last):
            raise ValueError(f"{ind.id}: numerator part {part.table} must give years outside "
                             f"the change years {first}-{last}")
    own = {t.lower() for t in [*ind.tables, *base.tables]}
    foreign = [t for t in ind.continuous_sources if t.lower() not in own]
    if foreign:
        raise ValueError(f"{ind.id}: continuous_sources {foreign} are not source tables of "
                         f"this indicator or of {change.indicator}")
