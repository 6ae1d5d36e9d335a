"""The website's figures recalculated for today's boundaries as every page prints them: no
finer than the CBS figures they are made of (:func:`stadstrends.publish.harmonised.
recalculated_rounding`: Land van Cuijk's gas use per dwelling of 2019, 1 434.3 m³ from
figures in tens, printed 1 430). The API and the downloads keep the figure
(:func:`~stadstrends.publish.harmonised.as_downloaded`)."""

from __future__ import annotations

from typing import Any

from stadstrends.publish.harmonised import recalculated_rounding, round_computed, step_digits
from stadstrends.publish.web import units
from stadstrends.publish.web.state import WebWarehouse

#: the fields of a tile's row (:func:`.data.city_indicators`) with the year each is of
TILE_FIELDS = (("first_value", "first_year"), ("last_value", "last_year"),
               ("latest_value", "latest_year"), ("bench_value", "bench_year"))


def steps(wh: WebWarehouse) -> dict[str, dict[int, float]]:
    """indicator_id -> year -> the unit a recalculated figure is printed to (kept)."""
    def make() -> dict[str, dict[int, float]]:
        with wh.cursor() as cur:
            return recalculated_rounding(cur)

    return wh.memo(("recalculated_steps",), make, size=1)


def precision(wh: WebWarehouse, indicator_id: str, year: int | None) -> float | None:
    """The unit the figures of ``year`` are no finer than (:func:`steps`: gas use per
    dwelling in tens), which a map's legend breaks are rounded to; None: the catalogue's
    decimals alone."""
    return steps(wh).get(indicator_id, {}).get(int(year)) if year is not None else None


def printed(wh: WebWarehouse, indicator_id: str, value: float | None,
            year: int | None) -> float | None:
    """A recalculated ``value`` of ``year`` as the pages print it."""
    return round_computed(value, steps(wh).get(indicator_id), year)


def shown(wh: WebWarehouse, meta: dict[str, Any], value: float | None, year: int,
          lang: str) -> str:
    """A recalculated ``value`` of indicator ``meta`` in ``year`` with its unit, as the
    ranking prints it: rounded (:func:`printed`), with no decimals finer than its unit
    (:func:`~stadstrends.publish.harmonised.step_digits`: 15%, not '15,0%')."""
    step = steps(wh).get(meta["indicator_id"], {}).get(int(year))
    return units.show(printed(wh, meta["indicator_id"], value, year), meta["unit"], lang,
                      decimals=step_digits(meta.get("decimals"), step))


def round_rows(wh: WebWarehouse, rows: list[dict[str, Any]], indicator_id: str,
               year: int | None = None) -> None:
    """Round the ``value`` of the ``recalculated`` ones of ``rows`` (mutated: a page's
    series, :func:`.data.series`, or the municipalities' values of ``year``,
    :func:`.data.municipal_values` with :func:`.value_marks.mark_values`)."""
    for r in rows:
        if r.get("recalculated"):
            r["value"] = printed(wh, indicator_id, r["value"], r.get("year", year))


def round_tile(wh: WebWarehouse, row: dict[str, Any]) -> None:
    """Round a tile's figures (``row``, mutated: its levels and sparkline values) of the
    years in ``row['harmonised']``: its change is then the difference of the printed
    levels, as the report's (Land van Cuijk's gas use 1 960 m³ in 2013 -> 970 in 2023)."""
    own, ind = set(row.get("harmonised") or ()), row["indicator_id"]
    for field, year_field in TILE_FIELDS:
        year = row.get(year_field)
        if year is not None and int(year) in own and row.get(field) is not None:
            row[field] = printed(wh, ind, row[field], int(year))
    row["values"] = [printed(wh, ind, v, int(y)) if int(y) in own else v
                     for y, v in zip(row["years"], row["values"], strict=True)]
