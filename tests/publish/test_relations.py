"""What a warehouse holds, as publish asks it (``publish/relations.py``), on the synthetic
warehouse: tables and views by name, a table's columns; nothing for what is not there."""

from __future__ import annotations

from stadstrends.publish.relations import columns, relations


def test_relations_are_the_tables_and_views_and_columns_a_table_s(syn) -> None:
    have = relations(syn)
    views = {r[0] for r in syn.execute("SELECT view_name FROM duckdb_views() "
                                       "WHERE NOT internal").fetchall()}
    assert "indicator_values" in views & have and {"regions", "sources"} <= have
    assert "no_such_table" not in have
    assert {"table_id", "retrieved_at"} <= columns(syn, "sources")
    assert "region_code" in columns(syn, "indicator_values")
    assert columns(syn, "no_such_table") == set()
