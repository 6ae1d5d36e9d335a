"""The class groups' CBS classes as data in the warehouse (``group_classes``, schema 72): the
regions stage stores what ``regions/groups.yaml`` says each class group holds, and publish
reads a size group's classes there (``publish.groups.size_classes``, ``series_moves``), not
the regions stage's file: before session 57 ``series_moves`` imported
``regions.groups.load_groups`` (publish read another stage's configuration in Python)."""

from __future__ import annotations

from stadstrends.publish.groups import resolve_group, series_moves
from stadstrends.regions.groups import group_classes, load_groups
from tests.publish.test_layers import PUBLISH, imports


def test_the_table_holds_the_configuration(wh) -> None:
    """13 rows on the real warehouse: GK1 size classes 1 and 2, the other six size groups
    and the five urbanity groups one class each, as groups.yaml says."""
    config = load_groups()
    rows = wh.execute("SELECT set_id, family, class_column, class_code FROM group_classes "
                      "ORDER BY ALL").fetchall()
    expected = sorted((g.id, g.family, config.families[g.family].class_column, c)
                      for g in config.groups for c in g.classes)
    assert rows == expected and len(rows) == 13
    assert [c for s, _, _, c in rows if s == "GK1"] == [1, 2]
    assert sorted(map(tuple, group_classes().to_numpy().tolist())) == expected


def test_a_class_groups_members_are_the_municipalities_of_its_classes(wh) -> None:
    """The table agrees with the groups the build made: a class group's members
    (``region_sets``) are exactly the municipalities whose CBS class
    (``municipality_classes``) it holds (342 in the size groups, 342 in the urbanity groups)."""
    wrong = wh.execute("""
        WITH classed AS (
            SELECT g.set_id, m.region_code FROM group_classes g JOIN municipality_classes m
              ON g.class_code = CASE g.class_column WHEN 'size_class' THEN m.size_class
                                                    ELSE m.urbanity_class END)
        SELECT count(*) FROM (
            (SELECT * FROM classed EXCEPT SELECT set_id, region_code FROM region_sets)
            UNION ALL (SELECT set_id, region_code FROM region_sets
                       WHERE set_id IN (SELECT set_id FROM group_classes) EXCEPT FROM classed))
    """).fetchone()[0]
    assert wrong == 0
    counts = dict(wh.execute("SELECT g.family, count(DISTINCT s.region_code) FROM region_sets s "
                             "JOIN (SELECT DISTINCT set_id, family FROM group_classes) g "
                             "USING (set_id) GROUP BY ALL").fetchall())
    assert counts == {"size": 342, "urbanity": 342}


def test_publish_reads_a_size_groups_classes_from_the_warehouse(wh) -> None:
    """``describe`` gives a size group's classes from ``group_classes`` (Eemnes's GK1: 1 and
    2; Vaals's GK3: 3), none for another family; ``series_moves`` weighs the population
    series' figure against them: Vaals's 10.007 stays in GK3, 9.996 would leave it (size
    class 2), unless the group held class 2 too."""
    eemnes = resolve_group(wh, "GM0317", "Eemnes")
    assert (eemnes["set_id"], eemnes["size_classes"]) == ("GK1", [1, 2])
    vaals = dict(resolve_group(wh, "GM0981", "Vaals"))
    assert (vaals["set_id"], vaals["size_classes"]) == ("GK3", [3])
    assert resolve_group(wh, "GM0981", "Vaals", "ST3")["size_classes"] == []
    assert not series_moves(vaals)
    vaals["series_inhabitants"] = 9_996.0
    assert series_moves(vaals)
    assert not series_moves({**vaals, "size_classes": [2, 3]})


def test_publish_reads_no_configuration_of_the_regions_stage() -> None:
    """Publish imports of the regions stage only its name lookup, never its groups, sets or
    classes (their configuration reaches publish through the warehouse)."""
    found = {f"{p.relative_to(PUBLISH)}: {m}" for p in sorted(PUBLISH.rglob("*.py"))
             for m in imports(p) if m.startswith("stadstrends.regions")
             and not m.startswith("stadstrends.regions.lookup")}
    assert found == set()
