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


def test_a_read_only_warehouse_s_relations_are_read_once() -> None:
    """A connection marked by ``remember`` (as ``open_warehouse`` marks its read-only one)
    keeps its first answer; any other connection is asked every time; a caller changing the
    set it got does not change what the next one gets."""
    import duckdb

    from stadstrends.publish.relations import remember

    kept, asked = duckdb.connect(), duckdb.connect()
    remember(kept)
    for con in (kept, asked):
        con.execute("CREATE TABLE a (x INTEGER)")
        assert relations(con) == {"a"} and columns(con, "a") == {"x"}
        con.execute("CREATE TABLE b (y INTEGER)")
        con.execute("ALTER TABLE a ADD COLUMN z INTEGER")
    assert relations(kept) == {"a"} and columns(kept, "a") == {"x"}
    assert relations(asked) == {"a", "b"} and columns(asked, "a") == {"x", "z"}
    relations(kept).add("c")
    assert relations(kept) == {"a"}



def test_open_warehouse_marks_its_connection(synthetic_path) -> None:
    """The warehouse publish opens is read-only, so its relations are kept."""
    from stadstrends.publish.read import open_warehouse
    from stadstrends.publish.relations import _KEPT

    con = open_warehouse(synthetic_path)
    try:
        assert con in _KEPT and "indicator_values" in relations(con)
        assert "relations" in _KEPT[con]
    finally:
        con.close()
