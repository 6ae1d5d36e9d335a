"""The named sets a report says neighbourhood figures were computed for, worded without
overlap and as a sentence reads: 'de gemeenten van de <set> en de <set>', not '... van <set>,
<set>'; a set whose members all belong to another of them is left out (the settings' two
sets of this snapshot have no member in common: both are named)."""

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
    """'de <set>' or 'de <set> en de <set>' (``word``: the locale's phrase of one set)."""
    return and_words([word.format(set=s) for s in sets], lang)
