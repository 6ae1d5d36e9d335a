"""Comparison groups from CBS classes (size, urbanity), as data in ``groups.yaml``.

``class_groups(classes)`` turns the CBS classes of the current municipalities (see
:mod:`stadstrends.regions.classes`) into ``set_id, region_code`` rows in the shape of
``region_sets``; ``group_info()`` lists every configured group with its family and labels;
``group_classes()`` the CBS classes each class group holds (the table ``group_classes``,
which publish reads: a size group's classes);
``extra_groups(sets)`` the groups municipalities are also compared within without being
members (``also_compare``); ``default_groups(sets, current, extra)`` the group each is
compared with by default: the first rule of ``default_group`` whose group has at least
``min_members`` members, its ``also_compare`` groups counting as candidates.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from stadstrends.errors import CatalogueError
from stadstrends.labels import Label
from stadstrends.yamlfiles import read_yaml

if TYPE_CHECKING:  # pandas only where frames are made (publish reads the table group_classes)
    import pandas as pd

GROUPS_FILE = Path(__file__).with_name("groups.yaml")
INFO_COLUMNS = ["set_id", "family", "label_nl", "label_en"]
CLASS_COLUMNS = ["set_id", "family", "class_column", "class_code"]


class Family(BaseModel):
    model_config = ConfigDict(extra="forbid")
    class_column: Literal["size_class", "urbanity_class"]
    label: Label


class Group(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str = Field(pattern=r"^[A-Z][A-Z0-9_]{1,15}$")
    family: str
    classes: list[int] = Field(min_length=1)
    label: Label


class AlsoCompare(BaseModel):
    """The members of set ``members_of`` can also be compared within group ``within``."""

    model_config = ConfigDict(extra="forbid")
    members_of: str
    within: str


class GroupConfig(BaseModel):
    """The validated ``groups.yaml``."""

    model_config = ConfigDict(extra="forbid")
    families: dict[str, Family]
    groups: list[Group]
    default_group: list[str] = Field(min_length=1)
    min_members: int = Field(ge=1)
    also_compare: list[AlsoCompare] = []

    @model_validator(mode="after")
    def _consistent(self) -> GroupConfig:
        ids = [g.id for g in self.groups]
        if len(ids) != len(set(ids)):
            raise ValueError(f"duplicate group ids: {sorted({i for i in ids if ids.count(i) > 1})}")
        for g in self.groups:
            if g.family not in self.families:
                raise ValueError(f"group {g.id}: unknown family {g.family!r}")
        for family in self.families:
            classes = [c for g in self.groups if g.family == family for c in g.classes]
            if len(classes) != len(set(classes)):
                raise ValueError(f"family {family}: a CBS class is in two groups")
        if self.default_group[-1] not in self.families:
            raise ValueError("default_group must end with a family, so everyone has a group")
        return self


def load_groups(path: Path = GROUPS_FILE) -> GroupConfig:
    """Read and validate ``groups.yaml``; raises YAMLFileError (a CatalogueError) naming the
    problem."""
    return read_yaml(path, "the comparison groups", GroupConfig)


def class_groups(classes: pd.DataFrame, config: GroupConfig | None = None) -> pd.DataFrame:
    """``set_id, region_code`` of every class group for the municipalities in ``classes``
    (columns ``region_code, size_class, urbanity_class``); a municipality whose class no
    group lists is in no group of that family."""
    import pandas as pd

    config = config or load_groups()
    wanted = pd.DataFrame(
        [(g.id, config.families[g.family].class_column, c) for g in config.groups
         for c in g.classes], columns=["set_id", "class_column", "class_code"])
    long = classes.melt(id_vars="region_code", value_vars=["size_class", "urbanity_class"],
                        var_name="class_column", value_name="class_code")
    out = wanted.merge(long.astype({"class_code": "int64"}), on=["class_column", "class_code"])
    return out[["set_id", "region_code"]].sort_values(["set_id", "region_code"],
                                                      ignore_index=True)


def group_classes(config: GroupConfig | None = None) -> pd.DataFrame:
    """``set_id, family, class_column, class_code``: one row per CBS class a configured class
    group holds (``groups.yaml``: GK1 holds size classes 1 and 2, fewer than 10 000
    inhabitants; ST3 urbanity class 3), in the order of the file."""
    import pandas as pd

    config = config or load_groups()
    return pd.DataFrame(
        [(g.id, g.family, config.families[g.family].class_column, c) for g in config.groups
         for c in g.classes], columns=CLASS_COLUMNS).astype({"class_code": "int32"})


def group_info(config: GroupConfig | None = None) -> pd.DataFrame:
    """``set_id, family, label_nl, label_en`` of the named sets (``sets.yaml``, family
    'named') and the configured class groups."""
    import pandas as pd

    from stadstrends.regions.sets import load_sets

    config = config or load_groups()
    named = [(s.set_id, "named", s.label_nl, s.label) for s in load_sets().values()]
    classes = [(g.id, g.family, g.label.nl, g.label.en) for g in config.groups]
    return pd.DataFrame(named + classes, columns=INFO_COLUMNS)


def default_groups(sets: pd.DataFrame, current: list[str], extra: pd.DataFrame | None = None,
                   config: GroupConfig | None = None) -> pd.DataFrame:
    """``region_code, set_id`` for every code in ``current``: its default comparison group,
    the first rule of ``default_group`` that holds for a group of at least ``min_members``
    members (a named set it belongs to or is compared within by ``extra``, the rows of
    :func:`extra_groups`; else its group of a family); when no such group is that large, the
    first rule that holds. ``sets`` has ``set_id, region_code`` rows (region_sets and class
    groups); a group's size is its rows there (an outsider is not counted). A code without
    any group is a CatalogueError."""
    import pandas as pd

    config = config or load_groups()
    family_of = {g.id: g.family for g in config.groups}
    rank = {rule: i for i, rule in enumerate(config.default_group)}
    size = sets.groupby("set_id")["region_code"].nunique()
    rows = pd.concat([sets, extra], ignore_index=True) if extra is not None else sets
    rows = rows.assign(rule=rows["set_id"].map(lambda s: family_of.get(s, s)))
    rows = rows[rows["rule"].isin(rank) & rows["region_code"].isin(current)]
    rows = rows.assign(order=rows["rule"].map(rank),
                       small=rows["set_id"].map(size).fillna(0) < config.min_members)
    rows = rows.sort_values(["region_code", "small", "order", "set_id"])
    out = rows.drop_duplicates("region_code")[["region_code", "set_id"]]
    missing = sorted(set(current) - set(out["region_code"]))
    if missing:
        raise CatalogueError.worded("no_default_group", codes=", ".join(missing[:5]),
                                    details=missing)
    return out.reset_index(drop=True)


def extra_groups(sets: pd.DataFrame, config: GroupConfig | None = None) -> pd.DataFrame:
    """``region_code, set_id``: per ``also_compare`` rule the members of ``members_of``
    that are not in ``within`` (``sets``: ``set_id, region_code`` rows); an unknown set is a
    CatalogueError."""
    import pandas as pd

    config = config or load_groups()
    known = set(sets["set_id"])
    rows = []
    for rule in config.also_compare:
        unknown = [s for s in (rule.members_of, rule.within) if s not in known]
        if unknown:
            raise CatalogueError.worded("also_compare_unknown", sets=", ".join(unknown))
        inside = set(sets.loc[sets["set_id"] == rule.within, "region_code"])
        members = sets.loc[sets["set_id"] == rule.members_of, "region_code"]
        rows += [(code, rule.within) for code in sorted(members) if code not in inside]
    return pd.DataFrame(rows, columns=["region_code", "set_id"]).drop_duplicates(
        ignore_index=True)
