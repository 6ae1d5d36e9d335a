"""What a city's report says beside its ommeland's figures, read for one municipality: the
years derived from CBS's COROP figure and their rounding, its 0 on members' counts rounded
to 0, the members its sums leave out (:mod:`stadstrends.publish.figure_notes`,
:mod:`stadstrends.publish.ommeland_zeros`) and the member carrying most of it
(:mod:`stadstrends.publish.ommeland_dominant`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from stadstrends.publish import figure_notes as notes
from stadstrends.publish.ommeland_dominant import ommeland_dominant
from stadstrends.publish.ommeland_zeros import ommeland_zeros

if TYPE_CHECKING:
    import duckdb

    from stadstrends.publish.report.data import CityData


def read_ommeland_notes(con: duckdb.DuckDBPyConnection, code: str, data: CityData) -> None:
    """Set ``data``'s ``omm_rounding``, ``omm_zeros``, ``cbs_corop``, ``ommeland_left_out``
    and ``omm_dominant`` for municipality ``code`` (each indicator -> year -> ...)."""
    data.omm_rounding = notes.ommeland_derived(con, code)
    data.omm_zeros = ommeland_zeros(con, code)  # publish/ommeland_zeros.py
    data.cbs_corop = {i: sorted(years) for i, years in data.omm_rounding.items()}
    data.ommeland_left_out = notes.ommeland_left_out(con, code)
    data.omm_dominant = ommeland_dominant(con, code)  # (code, name, share)
