"""The guard at the swap: a rebuild may not silently lose what the warehouse it replaces has.

Before the new file is renamed over the old one, :func:`losses` compares the two:

* an indicator (still in the catalogue) that loses more than :data:`LOSS_SHARE` of its
  non-missing values, or all of them;
* a source table that was read completely before and is now partial or absent.

The build then refuses the swap (:class:`~stadstrends.errors.SwapRefused`, the old file stays)
unless ``--accept-losses`` is given; accepted losses are recorded in ``build_info``.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from stadstrends.errors import SwapRefused

# the previous warehouse while it is compared (not "prev": DuckDB names a database after
# its file, so a warehouse called prev.duckdb would clash)
PREVIOUS = "stadstrends_previous_warehouse"
LOSS_SHARE = 0.01  # an indicator may lose at most 1 % of its values without --accept-losses
SHOWN = 12  # losses listed in the message (all of them are in the error's details)


def _has(con: duckdb.DuckDBPyConnection, catalog: str, table: str) -> bool:
    return bool(con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_catalog = ? "
        "AND table_name = ?", [catalog, table]).fetchone()[0])


def _column(con: duckdb.DuckDBPyConnection, catalog: str | None, table: str, column: str
            ) -> bool:
    return bool(con.execute(
        "SELECT count(*) FROM information_schema.columns WHERE table_catalog = "
        "coalesce(?, current_database()) AND table_name = ? AND column_name = ?",
        [catalog, table, column]).fetchone()[0])


def losses(con: duckdb.DuckDBPyConnection, previous: Path) -> list[dict]:
    """What the warehouse being built in ``con`` would lose against ``previous``: rows
    ``{kind, id, before, after, note}`` (empty when nothing is lost)."""
    path = str(Path(previous).resolve()).replace("'", "''")
    con.execute(f"ATTACH '{path}' AS {PREVIOUS} (READ_ONLY)")
    try:
        found = []
        if _has(con, PREVIOUS, "indicator_values"):
            found += [{"kind": "indicator", "id": r[0], "before": r[1], "after": r[2],
                       "note": f"{r[1] - r[2]:,} of {r[1]:,} values lost"}
                      for r in con.execute(
                f"""
                WITH before AS (SELECT indicator_id, count(value) AS n
                                FROM {PREVIOUS}.indicator_values GROUP BY ALL),
                     after AS (SELECT indicator_id, count(value) AS n
                               FROM indicator_values GROUP BY ALL)
                SELECT b.indicator_id, b.n, coalesce(a.n, 0)
                FROM before b
                JOIN indicators i USING (indicator_id)      -- still in the catalogue
                LEFT JOIN after a USING (indicator_id)
                WHERE coalesce(a.n, 0) < b.n * (1 - ?) OR (b.n > 0 AND coalesce(a.n, 0) = 0)
                ORDER BY (b.n - coalesce(a.n, 0)) / b.n DESC, b.indicator_id
                """, [LOSS_SHARE]).fetchall()]
        if _has(con, PREVIOUS, "sources"):
            # a table read from both APIs (v3 and v4) is one source per API
            api = (_column(con, PREVIOUS, "sources", "api")
                   and _column(con, None, "sources", "api"))
            same_api = "AND a.api = b.api" if api else ""
            found += [{"kind": "source", "id": r[0], "before": r[1], "after": r[2],
                       "note": f"was {r[1]}, now {r[2]}"}
                      for r in con.execute(
                f"""
                SELECT b.table_id{" || ' (' || b.api || ')'" if api else ""},
                       b.completeness, a.completeness
                FROM {PREVIOUS}.sources b
                JOIN sources a ON lower(a.table_id) = lower(b.table_id) {same_api}
                WHERE b.completeness = 'complete' AND a.completeness IS DISTINCT FROM 'complete'
                ORDER BY b.table_id
                """).fetchall()]
        return found
    finally:
        con.execute(f"DETACH {PREVIOUS}")


def refuse(db_path: Path, found: list[dict]) -> SwapRefused:
    """The error for a refused swap: what would be lost, and how to override."""
    n_ind = sum(f["kind"] == "indicator" for f in found)
    n_src = len(found) - n_ind
    from stadstrends.vocabulary import languages

    losses = {lang: "\n".join(f"  {line}" for line in loss_lines(found, lang))
              for lang in languages()}
    return SwapRefused.worded("swap_refused", path=str(db_path), indicators=n_ind,
                              sources=n_src, losses=losses, details=found)


def loss_lines(found: list[dict], lang: str) -> list[str]:
    """The first :data:`SHOWN` losses of :func:`losses` in ``lang`` ('indicator population:
    1.200 van 2.400 waarden kwijt', 'bron 84903NED: was complete, nu ...'; the completeness
    as the warehouse stores it), and how many more."""
    from stadstrends.publish.format import fmt_number
    from stadstrends.vocabulary import word

    def n(value: float) -> str:
        return fmt_number(float(value), 0, lang)

    lines = [word(lang, "command_line", "lost_values", id=f["id"],
                  lost=n(f["before"] - f["after"]), before=n(f["before"]))
             if f["kind"] == "indicator" else
             word(lang, "command_line", "lost_source", id=f["id"], before=f["before"],
                  after=f["after"] or "-") for f in found[:SHOWN]]
    if len(found) > SHOWN:
        lines.append(word(lang, "command_line", "lost_more", n=n(len(found) - SHOWN)))
    return lines
