"""The analysis stage's settings: one validated record, passed to every step and stored
in ``build_info`` (``stadstrends build --window 10`` changes the window)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, model_validator


class AnalysisSettings(BaseModel):
    """What the analysis claims rest on."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    window: int = Field(8, ge=3, le=30, description="calendar years of a trend window")
    min_significant_points: int = Field(
        5, ge=3, description="fewer points in the window: the trend is only indicative")
    stale_after_years: int = Field(
        4, ge=0, description="a figure whose latest year is more than this many years "
        "before the build's latest data year is 'verouderd' (stale)")
    top_percentile: float = Field(75.0, description="G40 percentile from which a city is in "
                                  "the top quartile")
    bottom_percentile: float = Field(25.0, description="G40 percentile up to which a city "
                                     "is in the bottom quartile")

    @model_validator(mode="after")
    def _quartiles(self) -> AnalysisSettings:
        if not 0 <= self.bottom_percentile < 50 < self.top_percentile <= 100:
            raise ValueError("need 0 <= bottom_percentile < 50 < top_percentile <= 100")
        return self

    def record(self) -> dict[str, float | int]:
        """The settings as build_info columns."""
        return self.model_dump()


DEFAULT_SETTINGS = AnalysisSettings()
