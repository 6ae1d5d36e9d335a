"""Every measure the catalogue uses has a declared timing and basis (measures.yaml)."""

from __future__ import annotations

import pytest

from stadstrends.errors import CatalogueError
from stadstrends.indicators.build import catalogue_parts
from stadstrends.indicators.catalogue import load_catalogue
from stadstrends.indicators.measure_types import load_measure_types


def test_every_catalogue_table_has_a_measure_type():
    types = load_measure_types()
    missing = sorted({p.table for i in load_catalogue().indicators
                      for p in [*i.numerator, *(i.denominator or [])]
                      if types.of(p.table, p.terms[0][0]) is None})
    assert missing == [], "declare these tables in indicators/measures.yaml"


def test_known_flows_and_stocks():
    types = load_measure_types()
    assert types.of("37259eng", "LiveBornChildren_3") == ("flow", "persons")
    assert types.of("37259eng", "PopulationOn1January_1") == ("stock_start", "persons")
    assert types.of("84903NED", "BeginstandVoorraad_1") == ("stock_start", "dwellings")
    assert types.of("84903NED", "Nieuwbouw_2") == ("flow", "dwellings")
    assert types.of("83628ned", "BanenVanWerknemers_1") == ("stock_end", "persons")
    parts = catalogue_parts(load_catalogue()).set_index(["series_id", "table_id"])
    assert parts.loc[("births_per_1000:num", "37259eng"), "timing"] == "flow"


def test_invalid_measure_types_are_refused(tmp_path):
    path = tmp_path / "m.yaml"
    path.write_text("tables:\n  X: {timing: sometimes, basis: persons}\n", encoding="utf-8")
    with pytest.raises(CatalogueError, match="measure types"):
        load_measure_types(path)
