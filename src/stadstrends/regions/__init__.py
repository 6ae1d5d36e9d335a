"""Stage: regions - municipality history, COROP/province membership, region sets, lookup."""

from stadstrends.regions.history import (
    final_successor,
    municipality_history,
    region_list,
    unresolved_endings,
)
from stadstrends.regions.lookup import AmbiguousRegion, RegionIndex, load_aliases
from stadstrends.regions.membership import EDITIONS, edition_columns, membership
from stadstrends.regions.sets import load_sets, region_sets

__all__ = [
    "EDITIONS",
    "AmbiguousRegion",
    "RegionIndex",
    "edition_columns",
    "final_successor",
    "load_aliases",
    "load_sets",
    "membership",
    "municipality_history",
    "region_list",
    "region_sets",
    "unresolved_endings",
]
