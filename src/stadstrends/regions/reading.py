"""The region tables as read from a snapshot's reference files (Gebieden in Nederland,
70739ned, CBS's boundary-change register), before anything is stored: plain pandas work that
reads no warehouse table. A build runs it in a reading worker while the ingest inserts
(:func:`stadstrends.warehouse.ingesting.ingest_tables`' ``side``), started before the
build's own imports (:func:`stadstrends.ingest.ahead.start_early`); this module imports no
more than that needs (the regions modules when it runs), so that it can be sent there early.
:mod:`stadstrends.warehouse.build` stores the tables."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd

from stadstrends import geofiles

__all__ = ["checked_regions", "read_regions", "region_frames"]


def read_regions(snapshot: Path, register: dict | None = None) -> dict[str, pd.DataFrame]:
    """The region tables from the snapshot's reference files (Gebieden in Nederland, 70739ned,
    CBS's boundary-change register), before anything is stored: plain pandas work that reads
    no warehouse table, so the build runs it while the ingest inserts (in a reading worker).

    ``register`` is the RegioS code list JSON (e.g. fetched live); default: the snapshot's."""
    from stadstrends.regions.classes import municipality_classes
    from stadstrends.regions.history import municipality_history, region_list
    from stadstrends.regions.membership import membership
    from stadstrends.regions.register import read_register
    from stadstrends.regions.sources import read_herindeling

    members = membership(snapshot)
    reference_year = int(members["year"].max())
    return region_frames(
        municipality_history(snapshot), members, region_list(snapshot),
        read_herindeling(snapshot).set_index("code")["label"],
        municipality_classes(snapshot, reference_year),
        register if register is not None else read_register(snapshot))


def region_frames(history: pd.DataFrame, members: pd.DataFrame, regions: pd.DataFrame,
                  labels: pd.Series, classes: pd.DataFrame, register: dict,
                  named_sets: dict | None = None) -> dict[str, pd.DataFrame]:
    """The region tables from the reference data as read: municipality history, membership
    per year, the region list (shared names told apart), CBS's labels (code -> label), the
    municipality classes of the reference year and the RegioS code list JSON; ``named_sets``
    default: ``sets.yaml``'s (a synthetic warehouse hands in its own of all of these)."""
    from stadstrends.harmonise.transfers import transfer_shares
    from stadstrends.regions.groups import (
        class_groups,
        default_groups,
        extra_groups,
        group_classes,
        group_info,
    )
    from stadstrends.regions.history import told_apart
    from stadstrends.regions.register import parse_register
    from stadstrends.regions.sets import region_sets

    reference_year = int(members["year"].max())
    regions = regions[regions["level"].isin(["gemeente", "corop", "provincie", "land"])]
    sets = pd.concat([region_sets(members, reference_year, named_sets), class_groups(classes)],
                     ignore_index=True)
    extra = extra_groups(sets)
    transfers = parse_register(register)
    shares, unapportioned = transfer_shares(history, transfers, members)
    return {
        "region_history": history,
        "regions": told_apart(regions.assign(label=regions["region_code"].map(labels)), members),
        "membership": members,
        "municipality_classes": classes,
        "region_set_labels": group_info(),
        "group_classes": group_classes(),  # what publish reads of groups.yaml (size classes)
        "region_sets": sets,
        "default_group": default_groups(sets, classes["region_code"].tolist(), extra),
        "comparison_extra": extra,
        "boundary_transfers": transfers,
        "transfer_shares": shares,
        "unapportioned_transfers": unapportioned,
    }


def checked_regions(regions: Callable[[Path], dict[str, pd.DataFrame]], snapshot: Path
                    ) -> dict[str, pd.DataFrame]:
    """``regions(snapshot)``, then the boundary files checked (in the ingest's worker; 0.08 s):
    :class:`MalformedSource`: a damaged one, or one missing a municipality the regions know."""
    frames = regions(snapshot)
    geofiles.check_snapshot(snapshot, geofiles.municipalities_of(frames))
    return frames
