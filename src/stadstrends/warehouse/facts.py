"""Statements in the docs that come from the data, rendered from a built warehouse.

A generated block in a Markdown file sits between ``<!-- generated: NAME -->`` and
``<!-- end generated -->``; ``stadstrends docs --db PATH`` rewrites every block from the
warehouse, and a test keeps the committed docs in sync with a fresh build.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import duckdb

from stadstrends.settings import BuildSettings

END = "<!-- end generated -->"


def _names(con: duckdb.DuckDBPyConnection, codes: list[str]) -> list[str]:
    labels = dict(con.execute("SELECT region_code, name FROM regions").fetchall())
    return [labels.get(c, c) for c in codes]


def _fmt(value: float, digits: int = 1) -> str:
    return f"{value:.{digits}f}"


def analysis_facts(con: duckdb.DuckDBPyConnection) -> str:
    """docs/analysis.md, 'What the real data say' (about the build's city set)."""
    info = con.execute("SELECT * FROM build_info LIMIT 1").df().iloc[0].to_dict()
    group = BuildSettings.from_info(info).city_set
    rows = con.execute("""
        SELECT t.region_code, t.classification, t.last_value, t.last_year, t.indicative,
               t.window_first_year, t.first_value
        FROM trends t JOIN region_sets s ON s.region_code = t.region_code AND s.set_id = ?
        WHERE t.indicator_id = 'share_age_65_plus' ORDER BY t.region_code
    """, [group]).fetchall()
    n_set = con.execute("SELECT count(*) FROM region_sets WHERE set_id = ?",
                        [group]).fetchone()[0]
    significant = [r for r in rows if r[1] == "rising"]
    indicative = [r for r in rows if r[4] and r[2] is not None and r[6] is not None
                  and r[2] > r[6]]
    youngest = min(rows, key=lambda r: r[2])
    values = sorted(r[2] for r in rows)
    mid = len(values) // 2
    median = values[mid] if len(values) % 2 else (values[mid - 1] + values[mid]) / 2
    coverage = dict(con.execute("""
        SELECT lower(o.table_id), count(DISTINCT o.region_code)
        FROM raw_observations o JOIN region_sets s ON s.region_code = o.region_code
         AND s.set_id = ?
        WHERE lower(o.table_id) IN ('85984ned', '85163ned') GROUP BY 1
    """, [group]).fetchall())
    first = min((r[5] for r in rows if r[5] is not None), default=None)
    last = max(r[3] for r in rows)
    why = (f"the trend window ({first}-{last}) holds fewer than 5 years with figures"
           if first else "too few years with figures")
    if significant and indicative:
        trend = (f"rises significantly in {len(significant)} of the {n_set} {group} cities and "
                 f"in {len(indicative)} more only indicatively ({why})")
    elif significant:
        trend = f"rises significantly in {len(significant)} of the {n_set} {group} cities"
    else:
        trend = (f"rises in {len(indicative)} of the {n_set} {group} cities, but only "
                 f"indicatively: {why}")
    return "\n".join([
        f"- The 65+ share {trend}; {_names(con, [youngest[0]])[0]} is the youngest "
        f"{group} city "
        f"({_fmt(youngest[2])}% 65+ in {youngest[3]}, {group} median {_fmt(median)}%).",
        f"- Neighbourhood data: {coverage.get('85984ned', 0)} of {n_set} {group} cities in the "
        "partial KWB 2024 extract (those sorting after Maasdriel are missing), "
        f"{coverage.get('85163ned', 0)} in the SES-WOA extract.",
    ])


def data_facts(con: duckdb.DuckDBPyConnection) -> str:
    """docs/data.md, the national population check."""
    rows = con.execute("""
        WITH muni AS (
            SELECT year, sum(value) AS total FROM indicator_results
            WHERE indicator_id = 'population' AND region_code LIKE 'GM%' GROUP BY year),
        src AS (
            SELECT year, any_value(table_id) AS table_id,
                   bool_and(value % 10 = 0) FILTER (WHERE region_code LIKE 'GM%') AS tens,
                   count(*) FILTER (WHERE region_code LIKE 'GM%') AS n
            FROM series_raw WHERE series_id = 'population:num' GROUP BY year),
        nl AS (SELECT year, value FROM series_raw
               WHERE series_id = 'population:num' AND region_code = 'NL01')
        SELECT m.year, m.total - nl.value AS diff, s.table_id, s.tens, s.n
        FROM muni m JOIN nl USING (year) JOIN src s USING (year)
        WHERE m.total IS NOT NULL AND nl.value IS NOT NULL ORDER BY m.year
    """).fetchall()
    exact = [y for y, d, _, tens, _ in rows if not tens and abs(d) < 0.5]
    rounded = [(y, d, t) for y, d, t, tens, _ in rows if tens]
    info = con.execute("SELECT * FROM build_info LIMIT 1").df().iloc[0].to_dict()
    spreads = BuildSettings.from_info(info).sum_spreads
    n = max((count for *_, tens, count in rows if tens), default=0)
    tolerance = min(n * 5, spreads * 10 * (n / 12) ** 0.5)  # check_counts.COUNTS_SQL
    lines = []
    if exact:
        lines.append(f"Today's municipalities add up exactly to the national population CBS "
                     f"publishes in the same table in {len(exact)} years "
                     f"({min(exact)}-{max(exact)}).")
    if rounded:
        diffs = [d for _, d, _ in rounded]
        tables = sorted({t for _, _, t in rounded})
        years = [y for y, _, _ in rounded]
        lines.append(
            f"In {min(years)}-{max(years)} ({', '.join(tables)}) CBS rounded every municipal "
            f"figure to tens: the municipalities' sum differs from the national row by "
            f"{round(min(diffs)):+d} to {round(max(diffs)):+d} a year (NL01 is CBS's "
            f"national figure, not a sum). The check `counts_add_up` allows CBS's rounding "
            f"in the CBS file itself: `sum_spreads` ({spreads:g}) times the spread of "
            f"{n} figures rounded to tens (10 x sqrt({n} / 12)), {round(tolerance)} "
            "inhabitants.")
    return " ".join(lines)


BLOCKS: dict[str, tuple[str, Callable[[duckdb.DuckDBPyConnection], str]]] = {
    "analysis-facts": ("analysis.md", analysis_facts),
    "data-national-total": ("data.md", data_facts),
}


def block(text: str, name: str) -> str | None:
    """The current content of block ``name`` in ``text`` (None when absent)."""
    m = re.search(rf"<!-- generated: {re.escape(name)} -->\n(.*?)\n{re.escape(END)}", text, re.S)
    return m[1] if m else None


def replace_block(text: str, name: str, body: str) -> str:
    """``text`` with block ``name`` holding ``body``."""
    start = f"<!-- generated: {name} -->"
    if start not in text:
        raise ValueError(f"no generated block '{name}'")
    pattern = rf"{re.escape(start)}\n.*?\n{re.escape(END)}"
    return re.sub(pattern, lambda _: f"{start}\n{body}\n{END}", text, count=1, flags=re.S)


def sync_docs(con: duckdb.DuckDBPyConnection, docs_dir: Path) -> list[Path]:
    """Rewrite every generated block under ``docs_dir``; returns the files written."""
    written = []
    for name, (file, render) in BLOCKS.items():
        path = Path(docs_dir) / file
        text = path.read_text(encoding="utf-8")
        new = replace_block(text, name, render(con))
        if new != text:
            path.write_text(new, encoding="utf-8")
            written.append(path)
    return written
