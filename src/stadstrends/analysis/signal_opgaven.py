"""The five opgaven and the domain names: ``opgaven.yaml`` validated by pydantic."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pandas as pd
import yaml
from pydantic import BaseModel, ConfigDict, ValidationError, model_validator

from stadstrends.errors import CatalogueError
from stadstrends.indicators.catalogue import DOMAINS, OPGAVEN, Catalogue, Domain, Opgave


class Named(BaseModel):
    """A display name in Dutch and English."""

    model_config = ConfigDict(extra="forbid")

    name_nl: str
    name_en: str


class Lens(Named):
    """The tweedeling lens read across all opgaven."""

    id: str
    description_nl: str
    description_en: str


class OpgaveSpec(Lens):
    """One opgave: its linked domains, indicators and neighbourhood inequality measures;
    ``lead``: the linked indicators that matter most for it, in order (they open the
    opgave in a report's 'In een oogopslag')."""

    id: Opgave
    domains: list[Domain]
    indicators: list[str]
    lead: list[str] = []
    neighbourhood_measures: list[str] = []

    @model_validator(mode="after")
    def _no_duplicates(self) -> OpgaveSpec:
        for field in ("domains", "indicators", "neighbourhood_measures"):
            items = getattr(self, field)
            dupes = sorted({i for i in items if items.count(i) > 1})
            if dupes:
                raise ValueError(f"{self.id}: duplicate {field}: {dupes}")
        unlinked = [i for i in self.lead if i not in self.indicators]
        if unlinked:
            raise ValueError(f"{self.id}: lead indicators not in its indicators: {unlinked}")
        return self


class OpgavenConfig(BaseModel):
    """The whole file: the lens, the eight domain names and the five opgaven in order."""

    model_config = ConfigDict(extra="forbid")

    lens: Lens
    domains: dict[Domain, Named]
    opgaven: list[OpgaveSpec]

    @model_validator(mode="after")
    def _complete(self) -> OpgavenConfig:
        ids = [o.id for o in self.opgaven]
        if sorted(ids) != sorted(OPGAVEN):
            raise ValueError(f"opgaven must be exactly {list(OPGAVEN)} once each, got {ids}")
        missing = [d for d in DOMAINS if d not in self.domains]
        if missing:
            raise ValueError(f"domains without a name: {missing}")
        return self

    def get(self, opgave_id: str) -> OpgaveSpec:
        """The opgave with this id (KeyError when unknown)."""
        for opgave in self.opgaven:
            if opgave.id == opgave_id:
                return opgave
        raise KeyError(opgave_id)


def load_opgaven(path: Path | None = None) -> OpgavenConfig:
    """Load and validate ``opgaven.yaml`` (default: the packaged file)."""
    if path is None:
        text = resources.files("stadstrends.analysis").joinpath("opgaven.yaml").read_text("utf-8")
        where = "opgaven.yaml"
    else:
        text, where = Path(path).read_text("utf-8"), str(path)
    try:
        return OpgavenConfig.model_validate(yaml.safe_load(text))
    except (yaml.YAMLError, ValidationError) as exc:
        raise CatalogueError(f"the opgaven file {where} is invalid: {exc}",
                             "fix the entry named above") from exc


def catalogue_problems(config: OpgavenConfig, catalogue: Catalogue) -> list[str]:
    """Mismatches with the indicator catalogue: unknown linked indicators, catalogue
    indicators missing from an opgave they list, and linked domains that are not declared."""
    by_id = {i.id: i for i in catalogue.indicators}
    problems = []
    for opgave in config.opgaven:
        for ind in opgave.indicators:
            if ind not in by_id:
                problems.append(f"{opgave.id}: unknown indicator '{ind}'")
            elif by_id[ind].domain not in opgave.domains:
                problems.append(f"{opgave.id}: '{ind}' is in domain '{by_id[ind].domain}', "
                                "which the opgave does not list")
        for ind in catalogue.indicators:
            if opgave.id in ind.opgaven and ind.id not in opgave.indicators:
                problems.append(f"{opgave.id}: catalogue indicator '{ind.id}' lists this "
                                "opgave but is not linked")
    return problems


def opgaven_frame(config: OpgavenConfig) -> pd.DataFrame:
    """One row per opgave (in file order) for the warehouse table ``opgaven``."""
    return pd.DataFrame([{
        "opgave_id": o.id, "position": i + 1, "name_nl": o.name_nl, "name_en": o.name_en,
        "description_nl": o.description_nl, "description_en": o.description_en,
        "domains": list(o.domains), "indicators": list(o.indicators),
        "neighbourhood_measures": list(o.neighbourhood_measures), "lead": list(o.lead),
    } for i, o in enumerate(config.opgaven)])


def domains_frame(config: OpgavenConfig) -> pd.DataFrame:
    """One row per trend domain (catalogue order) for the warehouse table ``domains``."""
    return pd.DataFrame([{"domain": d, "position": i + 1, "name_nl": config.domains[d].name_nl,
                          "name_en": config.domains[d].name_en} for i, d in enumerate(DOMAINS)])
