"""Which neighbourhood measures feed the inequality table, and the SQL that gathers them.

A spec names the CBS measures per wijk/buurt and how they combine into the inputs of one
family of indices: ``pair`` (group counts a/b -> dissimilarity), ``value`` (a level x with
weight w -> Gini and Theil) or ``score`` (a mean score x, within-unit SD s, weight w ->
weighted SD and between-unit variance share). Expressions use the measure names as columns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

KWB = "85984NED"  # Kerncijfers wijken en buurten 2024 (regio-indeling 2024)
SES = "85163NED"  # SES-WOA scores per wijk en buurt 2014-2019 (regio-indeling 2021)
BOUNDARY_YEAR = {KWB: 2024, SES: 2021}
SOURCE_TITLE = {KWB: "KWB 2024 (85984NED)", SES: "SES-WOA 2014-2019 (85163NED)"}
SIZE = {KWB: "AantalInwoners_5", SES: "ParticuliereHuishoudens_2"}
SIZE_UNIT = {KWB: "inhabitants", SES: "households"}
ROUNDING = {
    KWB: "CBS rounds neighbourhood counts to 5 and suppresses small ones",
    SES: "CBS rounds household counts to 100 and suppresses scores of small units",
}


_HH = "ParticuliereHuishoudens_2"


@dataclass(frozen=True)
class Spec:
    """One input family for the inequality table."""

    key: str
    table: str
    family: str  # 'pair' | 'value' | 'score'
    description: str
    a: str | None = None  # pair: group of interest
    b: str | None = None  # pair: everyone else
    x: str | None = None  # value/score: the unit's level or mean score
    w: str | None = None  # value/score: weight
    s: str | None = None  # score: within-unit standard deviation
    counts: str = ""  # pair: what a and b count

    @property
    def weighting(self) -> str:
        """What the index weighs or counts, in words."""
        if self.family == "pair":
            return self.counts or SIZE_UNIT[self.table]
        return "households" if self.w in ("HuishoudensTotaal_29", _HH) else "inhabitants"

    @property
    def measures(self) -> list[str]:
        """Output measure names."""
        if self.family == "pair":
            return [f"dissimilarity_{self.key}"]
        if self.family == "value":
            return [f"gini_{self.key}", f"theil_{self.key}"]
        return [f"{self.key}_sd", f"{self.key}_between_share"]


SPECS: list[Spec] = [
    Spec("origin_non_european", KWB, "pair",
         "inhabitants with an origin outside Europe vs all others (herkomst, KWB 2024)",
         a="BuitenEuropa_19", b="Nederland_17 + EuropaExclusiefNederland_18"),
    Spec("origin_european", KWB, "pair",
         "inhabitants with a European origin outside the Netherlands vs all others",
         a="EuropaExclusiefNederland_18", b="Nederland_17 + BuitenEuropa_19"),
    Spec("age_65plus", KWB, "pair", "inhabitants aged 65+ vs younger inhabitants",
         a="k_65JaarOfOuder_12",
         b="k_0Tot15Jaar_8 + k_15Tot25Jaar_9 + k_25Tot45Jaar_10 + k_45Tot65Jaar_11"),
    Spec("social_rent", KWB, "pair",
         "dwellings owned by housing corporations vs all other dwellings",
         a="Woningvoorraad_35 * InBezitWoningcorporatie_49 / 100",
         b="Woningvoorraad_35 * (1 - InBezitWoningcorporatie_49 / 100)", counts="dwellings"),
    Spec("woz", KWB, "value",
         "average WOZ value of dwellings (x 1 000 euro) across units, weighted by inhabitants",
         x="GemiddeldeWOZWaardeVanWoningen_39", w="AantalInwoners_5"),
    Spec("income", KWB, "value",
         "average standardised household income across units, weighted by households",
         x="GemGestandaardiseerdInkomenVanHuish_86", w="HuishoudensTotaal_29"),
    Spec("low_income", SES, "pair",
         "households in the national bottom 40% of income vs all other households",
         a=f"{_HH} * k_1eTotEnMet40ePercentielgroep_7 / 100",
         b=f"{_HH} * (1 - k_1eTotEnMet40ePercentielgroep_7 / 100)"),
    Spec("high_income", SES, "pair",
         "households in the national top 20% of income vs all other households",
         a=f"{_HH} * k_81eTotEnMet100ePercentielgroep_9 / 100",
         b=f"{_HH} * (1 - k_81eTotEnMet100ePercentielgroep_9 / 100)"),
    Spec("income_percentile", SES, "value",
         "average national income percentile group of households (1-100, a rank, not euros)"
         " across units, weighted by households",
         x="GemiddeldePercentielgroep_10", w=_HH),
    Spec("ses", SES, "score",
         "SES-WOA total score: SD of unit means (weighted by households) and the between-unit"
         " share of the variance of household scores (within-unit SD = CBS 'spreiding')",
         x="GemiddeldeScore_29", w=_HH, s="Waarde_37"),
]


_NAME = re.compile(r"\b[A-Za-z_]\w*\b")


def _columns(spec: Spec) -> list[str]:
    names: set[str] = {SIZE[spec.table]}
    for expr in (spec.a, spec.b, spec.x, spec.w, spec.s):
        names |= set(_NAME.findall(expr or ""))
    return sorted(names)


def source_measures() -> dict[str, set[str]]:
    """The raw measures (column names) each neighbourhood table must supply to ``SPECS``:
    table id (as in ``KWB``/``SES``) -> measure names."""
    out: dict[str, set[str]] = {}
    for spec in SPECS:
        out.setdefault(spec.table, set()).update(_columns(spec))
    return out


def units_sql(table: str, specs: list[Spec]) -> str:
    """SQL: one wide row per wijk/buurt and year of ``table`` with every measure needed."""
    cols = sorted({c for s in specs if s.table == table for c in _columns(s)})
    picks = ",\n  ".join(f"max(value) FILTER (WHERE measure = '{c}') AS \"{c}\"" for c in cols)
    return f"""
SELECT region_code AS unit_code,
       CASE WHEN region_code LIKE 'BU%' THEN 'buurt' ELSE 'wijk' END AS level,
       'GM' || substr(region_code, 3, 4) AS gm, year,
  {picks}
FROM raw_observations
WHERE table_id = '{table}' AND (region_code LIKE 'BU%' OR region_code LIKE 'WK%')
  AND period_type = 'year'
GROUP BY ALL"""


def input_sql(spec: Spec, units: str) -> str:
    """SQL: the long input rows of one spec from the wide ``units`` relation."""
    def q(expr: str | None) -> str:
        if expr is None:
            return "NULL::DOUBLE"
        return "(" + _NAME.sub(lambda m: f'"{m.group(0)}"', expr) + ")::DOUBLE"

    needed = [e for e in (spec.a, spec.b, spec.x, spec.w, spec.s) if e]
    valid = " AND ".join(f"{q(e)} IS NOT NULL" for e in needed)
    size = SIZE[spec.table]
    return f"""
SELECT gm, year, '{spec.table}' AS source_table, '{spec.key}' AS spec, '{spec.family}' AS family,
       level, unit_code, "{size}"::DOUBLE AS size,
       {q(spec.a)} AS a, {q(spec.b)} AS b, {q(spec.x)} AS x, {q(spec.w)} AS w, {q(spec.s)} AS s,
       ({valid}) AS valid
FROM {units}"""
