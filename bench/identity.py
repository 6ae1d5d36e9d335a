"""Output identity of a warehouse: row count and an order-independent checksum per table.

Usage:
  python bench/identity.py DB                      # print the fingerprint as JSON
  python bench/identity.py DB --write FILE.json    # store it (e.g. the baseline from main)
  python bench/identity.py DB --against FILE.json  # compare; exit 1 when a table differs
  python bench/identity.py DB --against OTHER.duckdb

Every table and view of the warehouse gets ``rows`` and ``checksum``: the sum (mod 2**64) of
DuckDB's ``hash`` of each row, so row order does not matter but every value does. DOUBLE
columns are hashed after formatting to 10 significant digits (``printf('%.10g')``): parallel
sums and regressions differ in the 12th digit between two builds of main without any figure
changing; values below 1e-12 in absolute value count as 0 (a weighted mean of values that
cancel out is 0.0 or -1.3e-17 depending on the order of the parallel sum), and values
below 0.01 are rounded to 12 decimals first (a Theil-Sen slope near 0 of the relative gap
moves in its 9th significant digit with the order of the sums it is the difference of). JSON object
columns of ``build_info`` (``cells_out_of_validity``) are hashed as sorted key/value lists
(their key order follows a parallel scan). When a table
differs, ``columns`` (one checksum per column) shows which column it is.

Volatile columns, left out (they differ between two builds of the same inputs):
``build_info``: ``built_at``, ``build_id`` (when and which build), ``seconds``,
``stage_seconds`` (timings), ``snapshot`` (absolute path of the snapshot folder), and the
build's resource settings ``memory_limit``, ``temp_directory`` (how, not what, is computed).
Tables present on one side only are reported as such (a new table is not a changed output).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import duckdb

VOLATILE = {
    "build_info": {"built_at", "build_id", "seconds", "stage_seconds", "snapshot",
                   "memory_limit", "temp_directory"},
}


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


#: JSON objects whose key order is not part of the output
JSON_OBJECTS = {"build_info": {"cells_out_of_validity"}}


def _expr(table: str, column: str, data_type: str) -> str:
    if data_type in ("DOUBLE", "FLOAT", "REAL"):
        # |x| < 1e-12 is 0: a mean that is 0 comes out as 0.0 or -1.3e-17 by summation order;
        # and 12 decimals at most: a slope near 0 (-3.3042438269e-08) is a difference of
        # nearly equal sums, whose order moves it in the 9th significant digit
        return (f"printf('%.10g', CASE WHEN abs({_q(column)}) < 1e-12 THEN 0.0 "
                f"WHEN abs({_q(column)}) < 1e-2 THEN round({_q(column)}, 12) "
                f"ELSE {_q(column)} END)")
    if column in JSON_OBJECTS.get(table, set()):
        return (f"list_sort(map_entries(json_transform({_q(column)}, "
                "'\"MAP(VARCHAR, JSON)\"')))")
    return _q(column)


def _sum_hash(exprs: list[str]) -> str:
    row = f"hash({', '.join(exprs)})" if exprs else "0"
    return f"sum({row}::HUGEINT) % 18446744073709551616"


def fingerprint(db: Path | str, *, per_column: bool = True) -> dict[str, dict]:
    """``{table: {"rows": n, "checksum": str, "columns": {column: str}}}`` for every table
    and view of the warehouse ``db`` (opened read-only)."""
    out: dict[str, dict] = {}
    with duckdb.connect(str(db), read_only=True) as con:
        tables = [r[0] for r in con.execute(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema = 'main' ORDER BY table_name").fetchall()]
        for table in tables:
            cols = con.execute(
                "SELECT column_name, data_type FROM information_schema.columns "
                "WHERE table_name = ? AND table_schema = 'main' ORDER BY ordinal_position",
                [table]).fetchall()
            cols = [(c, t) for c, t in cols if c not in VOLATILE.get(table, set())]
            exprs = [_expr(table, c, t) for c, t in cols]
            selects = ["count(*)", _sum_hash(exprs)]
            if per_column:
                selects += [_sum_hash([e]) for e in exprs]
            row = con.execute(f"SELECT {', '.join(selects)} FROM {_q(table)}").fetchall()[0]
            out[table] = {
                "rows": int(row[0]), "checksum": str(row[1]),
                "columns": {c: str(v) for (c, _), v in zip(cols, row[2:], strict=False)},
            }
    return out


def compare(old: dict[str, dict], new: dict[str, dict]) -> list[str]:
    """Readable differences between two fingerprints (empty: identical outputs)."""
    problems = []
    for table in sorted(set(old) | set(new)):
        if table not in new:
            problems.append(f"{table}: missing in the new warehouse")
            continue
        if table not in old:
            problems.append(f"{table}: only in the new warehouse (new table)")
            continue
        a, b = old[table], new[table]
        if a["rows"] != b["rows"] or a["checksum"] != b["checksum"]:
            cols = sorted(c for c in set(a["columns"]) | set(b["columns"])
                          if a["columns"].get(c) != b["columns"].get(c))
            problems.append(f"{table}: rows {a['rows']} -> {b['rows']}; "
                            f"differing columns: {', '.join(cols) or '(none: row multiset)'}")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", type=Path)
    parser.add_argument("--write", type=Path, help="store the fingerprint as JSON")
    parser.add_argument("--against", type=Path,
                        help="a fingerprint JSON or another warehouse to compare with")
    args = parser.parse_args(argv)
    mine = fingerprint(args.db)
    if args.write:
        args.write.write_text(json.dumps(mine, indent=1, sort_keys=True) + "\n")
    if args.against is None:
        if not args.write:
            print(json.dumps({t: {k: v[k] for k in ("rows", "checksum")}
                              for t, v in mine.items()}, indent=1))
        return 0
    other = (json.loads(args.against.read_text()) if args.against.suffix == ".json"
             else fingerprint(args.against))
    problems = compare(other, mine)
    shared = len(set(other) & set(mine))
    changed = [p for p in problems if "only in the new" not in p]
    for p in problems:
        print(p)
    print(f"{shared} tables compared, {len(changed)} differ "
          f"({sum(v['rows'] for t, v in mine.items() if t in other)} rows)")
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main())
