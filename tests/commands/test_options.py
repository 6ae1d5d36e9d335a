"""Tables, CSV and JSON printed from plain rows (:class:`~stadstrends.publish.rows.Rows`, what
`show`, `regions` and `indicators` print without pandas) are the ones the DataFrame that
DuckDB's ``.df()`` gives would print."""

from __future__ import annotations

import duckdb
import pytest

from stadstrends.commands.options import Format, print_frame
from stadstrends.publish.rows import Rows

QUERIES = [  # what show, regions and indicators print: integers, floats, booleans, dates, NULLs
    "SELECT year, value, source_tables AS source, provisional FROM indicator_values "
    "WHERE indicator_id = 'population' AND region_code = 'GM0193' ORDER BY year",
    "SELECT year, value, source_tables AS source, provisional FROM indicator_values "
    "WHERE indicator_id = 'unemployment_rate' AND region_code = 'GM0363' ORDER BY year",
    "SELECT region_code, name, level, valid_from, valid_to FROM regions ORDER BY region_code",
    "SELECT indicator_id, domain, title_nl, unit, array_to_string(break_years, ', ') AS breaks "
    "FROM indicators ORDER BY indicator_id",
    "SELECT 1::INTEGER AS n, NULL::BIGINT AS m, 2.5::DECIMAL(4, 1) AS d, NULL::BOOLEAN AS b, "
    "TIMESTAMP '2024-03-01 12:00' AS t UNION ALL SELECT 2, 3, NULL, true, NULL",
    "SELECT year, value, provisional FROM indicator_values WHERE false",  # no rows
]


@pytest.mark.parametrize("sql", QUERIES)
@pytest.mark.parametrize("fmt", list(Format))
def test_rows_print_as_the_frame_duckdb_gives(synthetic_path, capsys, sql, fmt) -> None:
    with duckdb.connect(str(synthetic_path), read_only=True) as con:
        frame, rows = con.execute(sql).df(), Rows.fetch(con.execute(sql))
    assert [frame[c].dtype.kind for c in frame.columns] == rows.kinds
    print_frame(frame, fmt, title="t", lang="en")
    from_frame = capsys.readouterr().out
    print_frame(rows, fmt, title="t", lang="en")
    assert capsys.readouterr().out == from_frame
    assert len(from_frame.splitlines()) > 2 or "WHERE false" in sql
