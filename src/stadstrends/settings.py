"""The build settings: one validated file (``settings.yaml`` beside this module), recorded
in ``build_info``; the analysis gets them from the build, publish reads them back from
``build_info`` (:meth:`BuildSettings.from_info`)."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from stadstrends.errors import InvalidParameter
from stadstrends.yamlfiles import PACKAGE, read_yaml

# stored as comma-separated text in build_info
LIST_FIELDS = ("neighbourhood_sets", "national_includes_more", "exact_sum_tables")


class BuildSettings(BaseModel):
    """What the analysis claims rest on (see ``settings.yaml`` for each field)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    window: int = Field(ge=3, le=30)
    significance: float = Field(gt=0, lt=0.5)
    min_trend_points: int = Field(ge=2)
    min_significant_points: int = Field(ge=3)
    min_distinct_values: int = Field(ge=0)
    stale_after_years: int = Field(ge=0)
    jump_factor: float = Field(gt=1)
    jump_max_usual_factor: float = Field(gt=1)
    top_percentile: float
    bottom_percentile: float
    city_set: str = Field(min_length=1)
    featured_set: str = Field(min_length=1)
    neighbourhood_sets: tuple[str, ...]
    raw_measures: Literal["used", "all"] = "used"
    coarse_share: float = Field(default=0.05, gt=0, lt=1)
    divide_min_gaps: int = Field(default=2, ge=1)
    divide_min_share: float = Field(default=0.75, gt=0.5, le=1)
    member_step_usual: float = Field(default=10, gt=1)
    ommeland_dominant_share: float = Field(default=0.75, ge=0.5, lt=1)
    shift_min_change: float = Field(default=0.10, gt=0, lt=1)
    shift_usual_multiple: float = Field(default=4, gt=0)
    shift_own_multiple: float = Field(default=4, gt=0)
    shift_resolution_multiple: float = Field(default=3, gt=0)
    hump_max_years: int = Field(default=3, ge=1, le=6)
    step_min_years_after: int = Field(default=2, ge=1)
    small_count: float = Field(default=30, ge=0)
    small_base: int = Field(default=100, ge=1)
    survey_small_base: float = Field(default=10000, gt=0)
    deviation_min_z: float = Field(default=1.0, gt=0)
    ommeland_min: float = Field(default=1.0, gt=0)
    trend_min_strength: float = Field(default=0.25, ge=0)
    # the data check counts_add_up (warehouse/check_counts.py): no defaults, the file says
    sum_spreads: float = Field(gt=0)
    national_includes_more: tuple[str, ...]
    exact_sum_tables: tuple[str, ...]

    @field_validator("national_includes_more", "exact_sum_tables")
    @classmethod
    def _table_ids(cls, tables: tuple[str, ...]) -> tuple[str, ...]:
        """CBS table ids as the data check compares them (lower case, '83582NED' alike)."""
        return tuple(t.strip().lower() for t in tables if t.strip())

    @model_validator(mode="after")
    def _quartiles(self) -> BuildSettings:
        if not 0 <= self.bottom_percentile < 50 < self.top_percentile <= 100:
            raise ValueError("need 0 <= bottom_percentile < 50 < top_percentile <= 100")
        return self

    def record(self) -> dict[str, Any]:
        """The settings as build_info columns."""
        out = self.model_dump()
        for name in LIST_FIELDS:
            out[name] = ",".join(out[name])
        return out

    @classmethod
    def from_info(cls, info: dict[str, Any]) -> BuildSettings:
        """The settings a warehouse was built with (``build_info`` as a dict); a field an
        older warehouse did not record keeps the default."""
        known = {k: getattr(info[k], "item", lambda v=info[k]: v)()
                 for k in cls.model_fields if info.get(k) is not None}
        for name in LIST_FIELDS:
            if isinstance(known.get(name), str):
                known[name] = tuple(known[name].split(","))
        return cls(**{**default_settings().model_dump(), **known})


def load_settings(path: Path | None = None, **overrides: Any) -> BuildSettings:
    """The settings in ``path`` (default: the packaged ``settings.yaml``) with
    ``overrides`` (None values ignored); a file that cannot be read or is not YAML is a
    :class:`~stadstrends.errors.YAMLFileError`, a bad value an InvalidParameter."""
    raw = read_yaml(PACKAGE / "settings.yaml" if path is None else path,
                    "the settings file") or {}
    if not isinstance(raw, dict):
        raise InvalidParameter.worded("settings_not_mapping", path=str(path))
    raw.update({k: v for k, v in overrides.items() if v is not None})
    try:
        return BuildSettings(**raw)
    except (ValidationError, TypeError) as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}"
                             for e in getattr(exc, "errors", lambda: [])()) or str(exc)
        raise InvalidParameter.worded("settings_invalid", path=str(path or "settings.yaml"),
                                      problems=problems) from None


@cache
def default_settings() -> BuildSettings:
    """The packaged settings."""
    return load_settings()
