"""Split shares measured in CBS table 37259, a check on CBS's boundary-change register.

The crosswalk itself comes from the register (:mod:`stadstrends.harmonise.transfers`).
For the municipalities split over several successors since 2013 (``splits.yaml``) the
population each successor received is also measured here, from 37259: the build checks
that both agree (Haaren -> Tilburg 2021: 1 442 inhabitants in both).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from stadstrends.errors import DataCheckError, joined, phrase
from stadstrends.yamlfiles import PACKAGE, read_yaml

TOLERANCE = 0.02  # share of the split municipality's population that may stay unexplained
# a problem of a split (``details``) -> its words (``errors.<key>``)
_PROBLEMS = {"no population on 31 December before the split": "split_no_population",
             "recipients' gains do not add up to the population": "split_not_adding_up",
             "recipient gained nothing": "split_gained_nothing"}


@dataclass(frozen=True)
class Split:
    code: str
    year: int
    recipients: tuple[str, ...]


@dataclass(frozen=True)
class SplitConfig:
    table: str
    population_1_january: str
    population_31_december: str
    where: tuple[str, ...]
    splits: tuple[Split, ...]


def load_split_config() -> SplitConfig:
    """The curated list of split municipalities (``harmonise/splits.yaml``)."""
    data = read_yaml(PACKAGE / "harmonise" / "splits.yaml", "the split municipalities")
    src = data["transfer_source"]
    splits = tuple(
        Split(s["code"], int(s["year"]), tuple(s["recipients"])) for s in data["splits"]
    )
    return SplitConfig(
        src["table"], src["population_1_january"], src["population_31_december"],
        tuple(src.get("where", [])), splits,
    )


def split_shares(
    history: pd.DataFrame, population: pd.DataFrame, splits: tuple[Split, ...],
    other_received: dict[tuple[str, int], float] | None = None,
) -> pd.DataFrame:
    """Measured shares per split: columns ``code, year, recipient, received, share``.

    ``population`` has columns ``code, year, pop_jan, pop_dec`` (1 January and 31 December).
    A recipient's gain over the change is what it received; less what it received at the
    same time from other codes: ``other_received[(recipient, year)]`` (inhabitants, from
    CBS's register) when given, else the population of its whole predecessors.
    Raises :class:`DataCheckError` with the offending rows when the recipients' gains do not
    account for the split municipality's population."""
    jan = population.set_index(["code", "year"])["pop_jan"]
    dec = population.set_index(["code", "year"])["pop_dec"]
    ended = history.assign(end_year=pd.to_datetime(history["valid_to"]).dt.year)
    split_codes = {s.code for s in splits}
    rows, problems = [], []
    for split in splits:
        before = dec.get((split.code, split.year - 1))
        if before is None or pd.isna(before):
            problems.append({"code": split.code, "year": split.year,
                             "problem": "no population on 31 December before the split"})
            continue
        for recipient in split.recipients:
            gain = jan.get((recipient, split.year), 0) - dec.get((recipient, split.year - 1), 0)
            whole = ended[
                (ended["successor"] == recipient)
                & (ended["end_year"] == split.year)
                & ~ended["code"].isin(split_codes)
            ]["code"]
            from_whole = sum(dec.get((c, split.year - 1), 0) for c in whole)
            if other_received is not None:
                from_whole = other_received.get((recipient, split.year), 0.0)
            rows.append({"code": split.code, "year": split.year, "recipient": recipient,
                         "received": float(gain - from_whole), "population": float(before)})
    shares = pd.DataFrame(rows, columns=["code", "year", "recipient", "received", "population"])
    if not shares.empty:
        totals = shares.groupby("code").agg(received=("received", "sum"),
                                            population=("population", "first"))
        bad = totals[(totals["received"] - totals["population"]).abs()
                     > TOLERANCE * totals["population"]]
        problems += [{"code": c, "received": r.received, "population": r.population,
                      "problem": "recipients' gains do not add up to the population"}
                     for c, r in bad.iterrows()]
        problems += shares[shares["received"] <= 0].assign(
            problem="recipient gained nothing").to_dict("records")
    if problems:
        raise DataCheckError.worded("splits_unapportioned", details=problems, problems=joined(
            [phrase(_PROBLEMS[p["problem"]], code=p["code"], year=p.get("year", ""),
                    recipient=p.get("recipient", "")) for p in problems[:5]]))
    shares["share"] = shares["received"] / shares.groupby("code")["received"].transform("sum")
    return shares[["code", "year", "recipient", "received", "share"]]
