"""A caveat's figures are the warehouse's: the Gemeentefonds measure's caveat said 'Almere 2023
ca. 36%' as if that were the total share, but 36% was this measure's own figure."""

from __future__ import annotations

from stadstrends.indicators.catalogue import load_catalogue


def test_the_gemeentefonds_caveat_compares_its_own_figure_with_a_larger_part(wh) -> None:
    caveat = next(i for i in load_catalogue().indicators
                  if i.id == "share_migration_background_gf").caveats[0]
    got = dict(wh.execute("""
        SELECT indicator_id, round(value, 1) FROM indicator_values
        WHERE region_code = 'GM0034' AND year = 2024
          AND indicator_id IN ('share_migration_background_gf', 'share_non_western_background')
        """).fetchall())
    own, part = got["share_migration_background_gf"], got["share_non_western_background"]
    assert own < part  # the measure counts fewer than a part of the whole: it is not the total
    assert f"Almere in 2024 {own:.1f}%".replace(".", ",") in caveat.nl
    assert f"{part:.1f}%".replace(".", ",") in caveat.nl
    assert f"Almere in 2024 {own:.1f}% by this measure" in caveat.en and f"{part:.1f}%" in caveat.en


def test_the_gemeentefonds_title_says_it_does_not_count_every_origin(wh) -> None:
    """Its title read 'Aandeel inwoners met een migratieachtergrond (Gemeentefonds-maatstaf)'
    ('Almere: 36,7%'), as if it were the share with a migration background; in the
    municipalities with both figures of 2024 it lies below the share with a non-European
    origin alone, so the title says it does not count every origin (reviewer)."""
    ind = next(i for i in load_catalogue().indicators if i.id == "share_migration_background_gf")
    assert "niet iedere herkomst" in ind.title_nl and "not every origin" in ind.title_en
    below, both = wh.execute("""
        SELECT count(*) FILTER (WHERE g.value < n.value), count(*)
        FROM indicator_values g JOIN indicator_values n USING (region_code, year)
        WHERE g.indicator_id = 'share_migration_background_gf' AND g.year = 2024
          AND n.indicator_id = 'share_non_western_background' AND g.region_code LIKE 'GM%'
        """).fetchone()
    assert both >= 100 and below / both >= 0.9, (below, both)
