"""Which municipalities have neighbourhood figures, said once and plainly for one without
them: 'alleen berekend voor de gemeenten van de G40 en de G4', not '... van G40, G4'; a set
whose members all belong to another named set is not listed beside it."""

from __future__ import annotations

import duckdb
import pytest

from stadstrends.publish.report import builder
from stadstrends.publish.report.set_words import outer_sets
from tests.publish.loaded import kept_city

SAID = {"nl": "Verschillen tussen buurten zijn in deze uitgave alleen berekend voor de gemeenten "
              "van {sets}, niet voor {city}.",
        "en": "Differences between neighbourhoods were computed in this edition only for the "
              "municipalities of {sets}, not for {city}."}


def test_a_set_inside_another_is_not_listed() -> None:
    con = duckdb.connect()
    con.execute("CREATE TABLE region_sets (set_id TEXT, region_code TEXT)")
    con.execute("INSERT INTO region_sets VALUES ('A', 'x'), ('A', 'y'), ('A', 'z'), "
                "('B', 'x'), ('C', 'q'), ('D', 'q')")
    assert outer_sets(con, ("B", "A")) == ["A"]
    assert outer_sets(con, ("A", "C")) == ["A", "C"]
    assert outer_sets(con, ("C", "D")) == ["C"]  # the same members: the first


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("city", ["GM1911", "GM0088"])
def test_a_municipality_without_neighbourhood_figures_reads_well(wh, city, lang) -> None:
    data = kept_city(wh, city)
    assert not data.ineq_coverage
    sets = list(data.settings.neighbourhood_sets)
    members = {s: {r for (r,) in wh.execute("SELECT region_code FROM region_sets WHERE "
                                           "set_id = ?", [s]).fetchall()} for s in sets}
    # the settings' sets of this snapshot do not overlap: both are named
    assert sorted(sets) == ["G4", "G40"] and not members["G4"] & members["G40"]
    html = builder.render("city.html.j2", builder.city_context(data, lang, None), pdf=False)
    named = {"nl": "de G40 en de G4", "en": "the G40 and the G4"}[lang]
    assert SAID[lang].format(sets=named, city=data.name) in html
    assert "G40, G4" not in html
