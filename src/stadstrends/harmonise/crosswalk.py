"""Crosswalk from every municipality code ever used to today's municipalities.

A code's data goes to its successor (RvIG table 33, plus 70739ned for the latest mergers),
following chains. A municipality split over several successors is apportioned by the share
of its population each one received, measured in CBS table 37259 (see ``splits.yaml``).
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources

import pandas as pd
import yaml

from stadstrends.errors import DataCheckError

MAX_CHAIN = 8
TOLERANCE = 0.02  # share of the split municipality's population that may stay unexplained


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
    text = resources.files("stadstrends.harmonise").joinpath("splits.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    src = data["transfer_source"]
    splits = tuple(
        Split(s["code"], int(s["year"]), tuple(s["recipients"])) for s in data["splits"]
    )
    return SplitConfig(
        src["table"], src["population_1_january"], src["population_31_december"],
        tuple(src.get("where", [])), splits,
    )


def split_shares(
    history: pd.DataFrame, population: pd.DataFrame, splits: tuple[Split, ...]
) -> pd.DataFrame:
    """Measured shares per split: columns ``code, recipient, received, share``.

    ``population`` has columns ``code, year, pop_jan, pop_dec`` (1 January and 31 December).
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
            rows.append({"code": split.code, "recipient": recipient,
                         "received": float(gain - from_whole), "population": float(before)})
    shares = pd.DataFrame(rows, columns=["code", "recipient", "received", "population"])
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
        raise DataCheckError(
            f"split municipalities cannot be apportioned: {problems}",
            "check harmonise/splits.yaml against CBS table 37259",
            details=problems,
        )
    shares["share"] = shares["received"] / shares.groupby("code")["received"].transform("sum")
    return shares[["code", "recipient", "received", "share"]]


def build_crosswalk(
    history: pd.DataFrame, current_codes: set[str], shares: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Map every municipality code to today's codes: ``source_code, target_code, weight, steps``.

    ``history`` needs ``code, successor``; ``shares`` (from :func:`split_shares`) replaces the
    single RvIG successor of a split municipality by its measured recipients. Codes that end
    nowhere in ``current_codes`` (dissolved without successor) are left out."""
    single = history.loc[history["successor"].notna(), ["code", "successor"]]
    single = single.rename(columns={"successor": "to"}).assign(w=1.0)
    if shares is not None and not shares.empty:
        single = single[~single["code"].isin(set(shares["code"]))]
        split_edges = shares.rename(columns={"recipient": "to", "share": "w"})[["code", "to", "w"]]
        edges = pd.concat([single, split_edges], ignore_index=True)
    else:
        edges = single
    edges = edges[edges["code"] != edges["to"]]
    paths = pd.DataFrame({"source_code": history["code"].unique()})
    paths = paths.assign(target_code=paths["source_code"], weight=1.0, steps=0)
    for _ in range(MAX_CHAIN):
        step = paths.merge(edges, how="left", left_on="target_code", right_on="code")
        moving = step["to"].notna() & ~step["target_code"].isin(current_codes)
        if not moving.any():
            break
        step.loc[moving, "target_code"] = step.loc[moving, "to"]
        step.loc[moving, "weight"] = step.loc[moving, "weight"] * step.loc[moving, "w"]
        step.loc[moving, "steps"] = step.loc[moving, "steps"] + 1
        paths = step[["source_code", "target_code", "weight", "steps"]]
    else:
        raise DataCheckError("municipal succession chains do not end (cycle?)",
                             "check the successor codes in the RvIG table")
    paths = paths[paths["target_code"].isin(current_codes)]
    return (paths.groupby(["source_code", "target_code"], as_index=False)
            .agg(weight=("weight", "sum"), steps=("steps", "max")))
