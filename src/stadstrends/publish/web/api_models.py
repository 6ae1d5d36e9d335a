"""The shapes of API answers the OpenAPI spec documents (``/api/v1/openapi.json``); the
routes return plain JSON, these models only describe it."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field


class SeriesGap(BaseModel):
    """Years of one region without a value of the series' indicator, and why."""

    region_code: str
    years: list[int] = Field(description="the years without a value, ascending")
    reason: str = Field(description="the reason's code (indicator_results.reason; its words "
                        "per language: /api/v1/labels?kind=reason)")
    reason_detail: str | None = Field(description="the reason's detail: a CBS table id, "
                                      "region codes, a rounding threshold; null for none")
    text: str = Field(description="the reason in words in the asked language (lang; default "
                      "nl), as the city page and the command line's show say it")


class SeriesBody(BaseModel):
    """``/api/v1/series``: the values of the asked years and the years without one."""

    indicator: dict[str, Any]
    regions: list[dict[str, Any]]
    notes: list[dict[str, Any]] | None = None
    from_: int | None = Field(None, alias="from")
    to: int | None = None
    count: int
    series: list[dict[str, Any]]
    gaps: list[SeriesGap] = Field(description="every year of a region's span without a "
                                  "value inside from/to, grouped by reason")
    credit: str
