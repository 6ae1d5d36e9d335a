"""The five opgaven: ``opgaven.yaml`` validated by pydantic; their names and the domains'
come from the language files (:mod:`stadstrends.vocabulary`)."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd
from pydantic import BaseModel, ConfigDict, model_validator

from stadstrends import vocabulary
from stadstrends.indicators.catalogue import DOMAINS, OPGAVEN, Catalogue, Domain, Opgave
from stadstrends.yamlfiles import PACKAGE, read_yaml


class Lens(BaseModel):
    """The tweedeling lens read across all opgaven (its words: section ``lens``)."""

    model_config = ConfigDict(extra="forbid")

    id: str


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
    """The whole file: the lens and the five opgaven in order (their names, and the domains',
    in every language file: :func:`vocabulary_problems`)."""

    model_config = ConfigDict(extra="forbid")

    lens: Lens
    opgaven: list[OpgaveSpec]

    @model_validator(mode="after")
    def _complete(self) -> OpgavenConfig:
        ids = [o.id for o in self.opgaven]
        if sorted(ids) != sorted(OPGAVEN):
            raise ValueError(f"opgaven must be exactly {list(OPGAVEN)} once each, got {ids}")
        missing = vocabulary_problems(ids)
        if missing:
            raise ValueError("; ".join(missing))
        return self

    def get(self, opgave_id: str) -> OpgaveSpec:
        """The opgave with this id (KeyError when unknown)."""
        for opgave in self.opgaven:
            if opgave.id == opgave_id:
                return opgave
        raise KeyError(opgave_id)


def vocabulary_problems(opgaven: list[str]) -> list[str]:
    """Opgaven and domains without a name (or opgaven without a description) in the Dutch
    or English language file: the warehouse stores both."""
    problems = []
    for lang in ("nl", "en"):
        for name, keys in (("domains", DOMAINS), ("opgaven", opgaven),
                           ("opgave_descriptions", opgaven)):
            missing = [k for k in keys if not vocabulary.section(lang, name).get(k)]
            if missing:
                problems.append(f"locale/{lang}.yaml: section {name} lacks {missing}")
    return problems


def load_opgaven(path: Path | None = None) -> OpgavenConfig:
    """Load and validate ``opgaven.yaml`` (default: the packaged file); YAMLFileError (a
    CatalogueError) naming the problem."""
    return read_yaml(PACKAGE / "analysis" / "opgaven.yaml" if path is None else path,
                     "the opgaven file", OpgavenConfig)


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
        "opgave_id": o.id, "position": i + 1,
        **{f"name_{lang}": vocabulary.section(lang, "opgaven")[o.id] for lang in ("nl", "en")},
        **{f"description_{lang}": vocabulary.section(lang, "opgave_descriptions")[o.id]
           for lang in ("nl", "en")},
        "domains": list(o.domains), "indicators": list(o.indicators),
        "neighbourhood_measures": list(o.neighbourhood_measures), "lead": list(o.lead),
    } for i, o in enumerate(config.opgaven)])


def domains_frame(config: OpgavenConfig) -> pd.DataFrame:
    """One row per trend domain (catalogue order) for the warehouse table ``domains``."""
    return pd.DataFrame([{"domain": d, "position": i + 1,
                          **{f"name_{lang}": vocabulary.section(lang, "domains")[d]
                             for lang in ("nl", "en")}} for i, d in enumerate(DOMAINS)])


def store_opgaven(con: duckdb.DuckDBPyConnection, config: OpgavenConfig) -> None:
    """Create tables ``opgaven`` (one row per opgave, with its linked lists) and ``domains``
    (the trend domains in order, with their names)."""
    con.register("_opgaven_df", opgaven_frame(config))
    con.execute("""
        CREATE OR REPLACE TABLE opgaven AS
        SELECT opgave_id, position::INTEGER AS position, name_nl, name_en, description_nl,
               description_en, domains::VARCHAR[] AS domains,
               indicators::VARCHAR[] AS indicators,
               neighbourhood_measures::VARCHAR[] AS neighbourhood_measures,
               lead::VARCHAR[] AS lead
        FROM _opgaven_df ORDER BY position""")
    con.unregister("_opgaven_df")
    con.register("_domains_df", domains_frame(config))
    con.execute("CREATE OR REPLACE TABLE domains AS SELECT domain, position::INTEGER AS "
                "position, name_nl, name_en FROM _domains_df ORDER BY position")
    con.unregister("_domains_df")
