"""The named sets a report says neighbourhood figures were computed for, worded without
overlap: a set whose members all belong to another of them is left out ('de gemeenten van
de G40', not 'de gemeenten van G40, G4': the four largest cities are G40 members)."""

from __future__ import annotations

import duckdb

from stadstrends.publish.figure_notes import and_words


def outer_sets(con: duckdb.DuckDBPyConnection, sets: tuple[str, ...] | list[str]) -> list[str]:
    """``sets`` in their order less each one whose members (``region_sets``) all belong to
    another of them; of two sets with the same members the first stays."""
    members = {s: {r for (r,) in con.execute(
        "SELECT DISTINCT region_code FROM region_sets WHERE set_id = ?", [s]).fetchall()}
        for s in sets}
    out = []
    for i, s in enumerate(sets):
        inside = any(o != s and members[s] <= members[o]
                     and (members[s] != members[o] or sets.index(o) < i) for o in sets)
        if not inside:
            out.append(s)
    return out


def sets_phrase(sets: list[str], lang: str, word: str) -> str:
    """'de G40' or 'de G40 en de G32' (``word``: the locale's '{set}' phrase of one set)."""
    return and_words([word.format(set=s) for s in sets], lang)
