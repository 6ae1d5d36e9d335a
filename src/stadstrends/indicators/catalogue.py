"""The indicator catalogue: YAML data validated by pydantic."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from stadstrends.errors import IndicatorNotFound
from stadstrends.indicator_ids import resolve_indicator
from stadstrends.indicators.catalogue_checks import (
    check_change,
    check_parts,
    check_provisional_tables,
    check_unusable_series,
    dash_ranges,
)
from stadstrends.indicators.measure_types import packaged
from stadstrends.ingest.spec import SourceSpec
from stadstrends.yamlfiles import read_yaml

DOMAINS = (
    "demography", "economy", "social", "spatial",
    "technology", "sustainability", "safety", "governance",
)
#: a caveat stating that the last year is provisional (see Indicator.provisional_latest)
LATEST_PROVISIONAL = re.compile(r"laatste jaar is (doorgaans )?voorlopig", re.IGNORECASE)
OPGAVEN = ("wonen", "zorg_welzijn", "verduurzaming", "economie", "bestuur_samenspel")
Domain = Literal[
    "demography", "economy", "social", "spatial",
    "technology", "sustainability", "safety", "governance",
]
Opgave = Literal["wonen", "zorg_welzijn", "verduurzaming", "economie", "bestuur_samenspel"]


class SourcePart(BaseModel):
    """One CBS table/measure that supplies a series for some years."""

    model_config = ConfigDict(extra="forbid")

    table: str
    api: Literal["v3", "v4"] = Field(
        "v3", description="CBS OData API of the source (v4: measure codes and dimension codes)")
    measure: str = Field(description="a measure key, or a sum/difference 'A + B - C'")
    where: list[str] = Field(default_factory=list, description="dimension filters 'Dim=value'")
    years: tuple[int, int] | None = None
    period: Literal["year", "month", "half", "quarter"] = "year"
    part: int | None = Field(None, description="month, half or quarter to take")
    boundary_year: int | None = Field(
        None, description="boundary year the table uses, if not detected from its codes")
    scale: float = Field(1.0, description="multiplier to the unit, e.g. 1000 for 'x 1 000'")

    @field_validator("table", mode="before")
    @classmethod
    def _table_id_text(cls, value: object) -> object:
        return str(value) if isinstance(value, int) else value

    @field_validator("measure")
    @classmethod
    def _expression(cls, value: str) -> str:
        if not re.fullmatch(r"\s*\w+(\s*[+-]\s*\w+)*\s*", value):
            raise ValueError(f"measure {value!r} must be a key or keys joined by + and -")
        return value

    @property
    def terms(self) -> list[tuple[str, float]]:
        """The measure keys with their sign: ``'A + B - C'`` -> A +1, B +1, C -1."""
        tokens = re.findall(r"([+-]?)\s*(\w+)", self.measure)
        return [(key, -1.0 if sign == "-" else 1.0) for sign, key in tokens]

    @field_validator("where")
    @classmethod
    def _pairs(cls, value: list[str]) -> list[str]:
        for item in value:
            if "=" not in item:
                raise ValueError(f"filter {item!r} is not of the form 'Dimension=value'")
        return value


class SourceOptions(BaseModel):
    """How to read one source table: API, server-side filter, age bands from single years."""

    model_config = ConfigDict(extra="forbid")

    table: str
    api: Literal["v3", "v4"] = "v4"
    filter: str | None = Field(None, description="OData $filter sent to CBS (v4)")
    age_bands: dict[str, tuple[int, int | None]] = Field(
        default_factory=dict, description="Leeftijd bands summed from single years (v4)")

    @field_validator("table", mode="before")
    @classmethod
    def _table_id_text(cls, value: object) -> object:
        return str(value) if isinstance(value, int) else value

    def spec(self) -> SourceSpec:
        bands = tuple((name, low, high) for name, (low, high) in self.age_bands.items())
        return SourceSpec(self.table, self.api, self.filter, bands)


class Break(BaseModel):
    """A year from which the indicator's definition differs from the years before."""

    model_config = ConfigDict(extra="forbid")

    year: int = Field(description="the first year of the new definition")
    reason: str = Field(description="why the series breaks here (Dutch, for readers)")


class Caveat(BaseModel):
    """Something a reader should know about an indicator, in Dutch and English (shown on the
    pages and in the reports). Notes on this snapshot's coverage are ``snapshot_notes``."""

    model_config = ConfigDict(extra="forbid")

    nl: str = Field(min_length=1)
    en: str = Field(min_length=1)
    years: list[int] = Field(
        default_factory=list, description="years the indicator leaves out for the reason this "
        "caveat gives (the report says it with the period and in 'Wat ontbreekt')")

    @field_validator("nl", "en")
    @classmethod
    def _no_snapshot_talk(cls, value: str) -> str:
        if re.search(r"snapshot|momentopname|importer|rekenmachine", value, re.IGNORECASE):
            raise ValueError(f"caveat {value[:60]!r}... speaks of the snapshot or the code: "
                             "put it in snapshot_notes (internal)")
        return value


class Unusable(BaseModel):
    """Municipality-years whose CBS figure the indicator leaves out because it cannot be
    true (e.g. 82900NED's 0 housing-association dwellings of Ameland, where CBS's own
    71446ned counted 17% up to 2011): ``indicator_results`` gives them no value and the
    reason code ``reason`` (its words: ``reasons`` in the language files)."""

    model_config = ConfigDict(extra="forbid")

    regions: list[str] = Field(min_length=1, description="municipality codes (GM....)")
    years: tuple[int, int] = Field(description="the first and last year left out")
    reason: str = Field(pattern=r"^[a-z][a-z_]*$", description="a reason code")


class Change(BaseModel):
    """Years whose numerator is the change of a count indicator over the year: its
    harmonised value on 1 January of the next year minus that of this year (X(t+1) - X(t),
    in today's boundaries; :mod:`stadstrends.indicators.build`)."""

    model_config = ConfigDict(extra="forbid")

    indicator: str = Field(description="the count indicator (a stock on 1 January)")
    years: tuple[int, int] = Field(description="the first and last year of the change")


class Indicator(BaseModel):
    """A catalogue entry. ``method`` says how values are computed and harmonised:

    - ``count``: an additive number (sum of ``numerator``);
    - ``ratio``: ``scale`` x numerator / denominator, both additive, harmonised first;
    - ``weighted_mean``: a published mean (numerator) weighted by an additive base
      (denominator), e.g. mean gas use per dwelling weighted by dwellings;
    - ``level``: a published non-additive value (median, percentage without its base); kept
      only where the municipality did not change, else left out with the reason recorded.
    """

    model_config = ConfigDict(extra="forbid")

    id: str
    domain: Domain
    title_nl: str
    title_en: str
    description_nl: str
    description_en: str
    unit: str
    decimals: int = Field(
        ge=0, le=2, description="decimals a value and a change of it are printed with "
        "(report, tiles, API texts, charts): what CBS publishes for the source measure "
        "(whole numbers: 0), one for computed shares and rates")
    direction: Literal["higher_better", "higher_worse", "neutral"]
    current_prices: bool = Field(False, description="euro in current prices (not adjusted for "
                                 "inflation): its trend gets no verdict (check_prices)")
    can_be_negative: bool = Field(
        False, description="a quantity that can lie below zero by its definition (wealth: "
        "assets minus debts) though no figure does: no multiple of it is printed "
        "(publish.multiple_rule.base_allows_multiple); a figure below zero makes it signed anyway")
    opgaven: list[Opgave] = Field(default_factory=list)
    method: Literal["count", "ratio", "weighted_mean", "level"]
    numerator: list[SourcePart]
    change_of: Change | None = Field(
        None, description="years whose numerator is the year-on-year change of a count "
        "indicator (population growth after the last year of its own source)")
    denominator: list[SourcePart] | None = None
    denominator_indicator: str | None = None
    counts_from: str | None = Field(
        None, description="an indicator whose numerator counts the people behind this "
        "published share: its counts are this one's (a small count's caveat)")
    persons_base: list[SourcePart] | None = Field(
        None, description="the persons a published share of persons is of (adults 18+, "
        "households), in the years shown (no year_offset): one person's weight near a cut "
        "(analysis.small_bases); read and harmonised as a count, no part of the figure or "
        "its sources")
    scale: float = 1.0
    year_offset: int = Field(
        0, description="added to the data year, e.g. 1 for stocks on 31 December")
    caveats: list[Caveat] = Field(default_factory=list)
    snapshot_notes: list[str] = Field(
        default_factory=list, description="internal notes on this snapshot's coverage (for "
        "developers and docs/indicators.md; pages and reports state coverage from the data)")
    key: bool = Field(False, description="a key indicator of its domain (shown first)")
    projection: bool = Field(False, description="a projection (prognose), not an observation: "
                             "no trend, no staleness, shown apart")
    aliases: list[str] = Field(default_factory=list, description="other ids users may type")
    breaks: list[Break] = Field(
        default_factory=list, description="years where the definition breaks (trends and "
        "charts do not join the years before and after)")
    continuous_sources: list[str] = Field(
        default_factory=list, description="source tables that together form one comparable "
        "series; a switch between other tables starts a new segment")
    unusable: list[Unusable] = Field(
        default_factory=list, description="municipality-years whose CBS figure is left out")
    provisional_latest: bool = Field(
        False, description="CBS publishes the last year as provisional (voorlopig) but the "
        "snapshot's file carries no status (cbsodata dumps drop the period status): the "
        "build marks that year provisional (:mod:`stadstrends.indicators.provisional`); a "
        "caveat must say so")
    survey: Literal["EBB"] | None = Field(
        None, description="a sample figure of a CBS survey (EBB: the Labour Force Survey); "
        "of a municipality whose base is under the build's survey_small_base every verdict "
        "and label says 'steekproefcijfer' (analysis/survey_estimates.py); a caveat must say so")
    count_fallback: SourcePart | None = Field(None, description="the count behind a published "
        "rate (x scale = rate x base) where CBS gives no rate (:mod:`.fallback`)")
    count_is_exact: bool = Field(False, description="count / base where it rounds to the rate")
    region_fallback: list[SourcePart] = Field(default_factory=list, description="a count's "
        "source for the municipality-years its numerator has none of (:mod:`.region_fallback`)")
    denominator_unpaired: str | None = Field(None, description="why its den's tables differ")

    @field_validator("id")
    @classmethod
    def _snake(cls, value: str) -> str:
        if not re.fullmatch(r"[a-z][a-z0-9_]*", value):
            raise ValueError(f"indicator id {value!r} must be snake_case")
        return value

    @field_validator("continuous_sources", mode="before")
    @classmethod
    def _table_ids_text(cls, value: object) -> object:
        return [str(v) for v in value] if isinstance(value, list) else value

    @property
    def parts(self) -> list[SourcePart]:
        """Every source part read: numerator, explicit denominator, count_fallback,
        region_fallback."""
        fallback = [self.count_fallback] if self.count_fallback else []
        return [*self.numerator, *(self.denominator or []), *fallback, *self.region_fallback]

    @property
    def tables(self) -> list[str]:
        """Every source table of the numerator and the explicit denominator, in order."""
        seen: dict[str, str] = {}
        for part in self.parts:
            seen.setdefault(part.table.lower(), part.table)
        return list(seen.values())

    @model_validator(mode="after")
    def _series_declarations(self) -> Indicator:
        years = [b.year for b in self.breaks]
        if years != sorted(set(years)):
            raise ValueError(f"{self.id}: break years must be increasing and unique: {years}")
        own = {t.lower() for t in self.tables}
        foreign = [t for t in self.continuous_sources if t.lower() not in own]
        if foreign and not self.change_of:  # else the catalogue checks the changed one's
            raise ValueError(f"{self.id}: continuous_sources {foreign} are not source tables "
                             "of this indicator")
        return self

    @model_validator(mode="after")
    def _paired_parts(self) -> Indicator:
        check_parts(self)
        dash_ranges(self)  # '1999-2009' in a caveat as readers read ranges: '1999–2009'
        return self

    def _flag_agrees(self, flag: bool, said: bool, stated: bool, needs: str,
                     set_it: str) -> Indicator:
        """A flag and the caveat that says it, each only with the other: ``flag`` set needs
        ``stated`` (the caveat and what else it needs: ``needs`` says what), a caveat that
        ``said`` it needs the flag (``set_it``)."""
        if flag and not stated:
            raise ValueError(f"{self.id}: {needs}")
        if said and not flag:
            raise ValueError(f"{self.id}: {set_it}")
        return self

    @model_validator(mode="after")
    def _provisional_latest_stated(self) -> Indicator:
        said = any(LATEST_PROVISIONAL.search(c.nl) for c in self.caveats)
        return self._flag_agrees(
            self.provisional_latest, said, said, "provisional_latest needs a caveat saying so "
            "('het laatste jaar is voorlopig')", "a caveat says the last year is provisional: "
            "set provisional_latest: true so that the figures are marked")

    @model_validator(mode="after")
    def _survey_stated(self) -> Indicator:
        said = any(c.nl.startswith("Steekproefcijfers") for c in self.caveats)
        return self._flag_agrees(
            bool(self.survey), said,
            said and bool(self.denominator) and self.method == "weighted_mean",
            "survey needs method weighted_mean, a denominator (its base) and a caveat "
            "'Steekproefcijfers (...)'", "a caveat says these are sample figures: set survey "
            "(e.g. survey: EBB) so that small municipalities' figures are marked")

    @model_validator(mode="after")
    def _method_inputs(self) -> Indicator:
        has_den = bool(self.denominator) or bool(self.denominator_indicator)
        if self.method in ("ratio", "weighted_mean") and not has_den:
            raise ValueError(f"{self.id}: method {self.method} needs a denominator")
        if self.method in ("count", "level") and has_den:
            raise ValueError(f"{self.id}: method {self.method} takes no denominator")
        if self.denominator and self.denominator_indicator:
            raise ValueError(f"{self.id}: give denominator or denominator_indicator, not both")
        return self


class Catalogue(BaseModel):
    model_config = ConfigDict(extra="forbid")

    indicators: list[Indicator]
    known_gaps: dict[Domain, list[str]] = Field(
        default_factory=dict, description="what the data cannot show, per domain")
    sources: list[SourceOptions] = Field(
        default_factory=list, description="per source table: API, filter, age bands")

    def source_spec(self, table: str, api: str = "v3") -> SourceSpec:
        """What to read for ``table`` on ``api`` (options from ``sources``, if listed)."""
        for option in self.sources:
            if option.table.lower() == table.lower() and option.api == api:
                return option.spec()
        return SourceSpec(table, api)

    @model_validator(mode="after")
    def _unique_and_linked(self) -> Catalogue:
        ids = [i.id for i in self.indicators] + [a for i in self.indicators for a in i.aliases]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"duplicate indicator ids: {dupes}")
        listed = [(o.table.lower(), o.api) for o in self.sources]
        if len(listed) != len(set(listed)):
            raise ValueError(f"a source is listed twice under sources: {listed}")
        known = set(ids)
        for ind in self.indicators:
            ref = ind.denominator_indicator
            if ref and ref not in known:
                raise ValueError(f"{ind.id}: denominator_indicator {ref!r} is not in the catalogue")
            if ref and next(i for i in self.indicators if i.id == ref).method != "count":
                raise ValueError(f"{ind.id}: denominator_indicator {ref!r} must be a count")
            if ind.change_of:
                check_change(ind, ind.change_of, self.indicators)
        check_unusable_series(self.indicators)
        check_provisional_tables(self.indicators)
        return self

    def unusable_rows(self) -> list[tuple[str, str, int, int, str]]:
        """(indicator_id, region_code, first year, last year, reason code) of every
        municipality's years an indicator leaves out (``Indicator.unusable``)."""
        return [(i.id, code, u.years[0], u.years[1], u.reason)
                for i in self.indicators for u in i.unusable for code in u.regions]

    def get(self, indicator_id: str) -> Indicator:
        """The entry with this id, or :class:`IndicatorNotFound` with suggestions."""
        found = resolve_indicator(indicator_id, ((i.id, i.aliases) for i in self.indicators))
        for ind in self.indicators:
            if ind.id == found:
                return ind
        from stadstrends.closest import closest

        close = closest(indicator_id, [i.id for i in self.indicators], n=5)
        raise IndicatorNotFound.worded("no_indicator", indicator=indicator_id, suggestions=close)


def load_catalogue(path: Path | None = None) -> Catalogue:
    """Load and validate the catalogue (default: the packaged ``catalogue.yaml``, read
    through its JSON copy: 0.08 s less in every build); errors as
    :func:`~stadstrends.indicators.measure_types.load_measure_types`."""
    return read_yaml(packaged(path, "catalogue.yaml"), "the indicator catalogue", Catalogue)
