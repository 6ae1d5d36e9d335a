"""Region sets: named groups of municipalities (city networks of ``sets.yaml``, COROP,
province, NL).

The named sets are data (``sets.yaml``); COROP/province/NL sets follow from the
membership of a reference year.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from stadstrends.errors import CatalogueError, InvalidParameter
from stadstrends.yamlfiles import read_yaml

SETS_FILE = Path(__file__).with_name("sets.yaml")
SET_COLUMNS = ["set_id", "region_code"]


@dataclass(frozen=True)
class SetMember:
    code: str
    name: str
    since: dt.date | None = None

    def member_in(self, year: int) -> bool:
        """Member at some point during ``year`` (joined in or before it)."""
        return self.since is None or self.since.year <= year


@dataclass(frozen=True)
class RegionSet:
    set_id: str
    label: str
    members: tuple[SetMember, ...]
    label_nl: str = ""

    def codes(self, year: int | None = None) -> list[str]:
        """Member codes, optionally only those that are members in ``year``."""
        return [m.code for m in self.members if year is None or m.member_in(year)]


def _invalid(key: str, **params: object) -> CatalogueError:
    """A worded error about the sets file (``errors.<key>``, hint: fix the file)."""
    return CatalogueError.worded(key, file=SETS_FILE.name, **params)


def _member(set_id: str, entry: object) -> SetMember:
    if not isinstance(entry, dict) or set(entry) - {"code", "name", "since"}:
        raise _invalid("set_member_fields", set_id=set_id, entry=str(entry))
    code, since = str(entry.get("code", "")), entry.get("since")
    if not re.fullmatch(r"GM\d{4}", code):
        raise _invalid("set_member_code", set_id=set_id, code=code)
    if isinstance(since, str):
        try:
            since = dt.date.fromisoformat(since)
        except ValueError:
            raise _invalid("set_member_since", set_id=set_id, since=str(since)) from None
    if since is not None and not isinstance(since, dt.date):
        raise _invalid("set_member_since", set_id=set_id, since=str(since))
    return SetMember(code, str(entry.get("name", "")), since)


def load_sets(path: Path = SETS_FILE) -> dict[str, RegionSet]:
    """Read and validate the named region sets."""
    data = read_yaml(path, "the region sets")
    if not isinstance(data, dict) or not data:
        raise _invalid("sets_not_mapping", path=str(path))
    sets = {}
    for set_id, spec in data.items():
        if not isinstance(spec, dict) or not isinstance(spec.get("members"), list):
            raise _invalid("set_no_members", set_id=set_id)
        members = tuple(_member(set_id, m) for m in spec["members"])
        codes = [m.code for m in members]
        dupes = sorted({c for c in codes if codes.count(c) > 1})
        if dupes:
            raise _invalid("set_duplicates", set_id=set_id, codes=", ".join(dupes))
        label = str(spec.get("label", set_id))
        sets[str(set_id)] = RegionSet(str(set_id), label, members,
                                      str(spec.get("label_nl", label)))
    return sets


def region_sets(
    membership: pd.DataFrame, reference_year: int, sets: dict[str, RegionSet] | None = None
) -> pd.DataFrame:
    """``set_id, region_code`` for ``reference_year``.

    Holds the named sets (members joined in or before that year), ``NL01`` (all
    municipalities of the year), one set per province (``PV..``) and per COROP (``CR..``).
    Named-set codes are not checked against the year: a member that did not exist yet
    (e.g. Sittard-Geleen before 2001) is still listed.
    """
    year = membership[membership["year"] == reference_year]
    if year.empty:
        years = sorted(membership["year"].unique())
        raise InvalidParameter.worded("no_membership_year" if years else "no_membership",
                                      year=reference_year, first=years[0] if years else "",
                                      last=years[-1] if years else "")
    sets = load_sets() if sets is None else sets
    named = pd.DataFrame(
        [(s.set_id, code) for s in sets.values() for code in s.codes(reference_year)],
        columns=SET_COLUMNS,
    )
    nl = pd.DataFrame({"set_id": "NL01", "region_code": year["gm_code"]})
    pv = year[["province_code", "gm_code"]].sort_values(["province_code", "gm_code"])
    cr = year[["corop_code", "gm_code"]].sort_values(["corop_code", "gm_code"])
    parts = [named, nl.sort_values("region_code")]
    parts += [df.set_axis(SET_COLUMNS, axis=1) for df in (pv, cr)]
    return pd.concat(parts, ignore_index=True)
