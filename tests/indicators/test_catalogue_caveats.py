"""Catalogue caveats are for readers, in Dutch and English; notes on this snapshot's coverage
are internal (``snapshot_notes``) and never a caveat."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from stadstrends.errors import CatalogueError
from stadstrends.indicators.catalogue import load_catalogue

CATALOGUE = Path(__file__).resolve().parents[2] / "src/stadstrends/indicators/catalogue.yaml"


def test_every_caveat_has_dutch_and_english_and_no_snapshot_talk():
    catalogue = load_catalogue()
    caveats = [c for i in catalogue.indicators for c in i.caveats]
    assert len(caveats) > 120
    for c in caveats:
        assert c.nl.strip() and c.en.strip() and c.nl != c.en
        for word in ("snapshot", "momentopname", "importer", "rekenmachine"):
            assert word not in (c.nl + c.en).lower()
    notes = {i.id: i.snapshot_notes for i in catalogue.indicators}
    assert any("'Kerkwijk'" in n for n in notes["house_price_mean"])
    assert any("rekenmachine" in n for n in notes["grey_pressure_projected"])


def test_a_caveat_names_an_indicator_by_its_title_not_its_id():
    """Caveats are shown to readers (the report's Verantwoording, each tile): 'zie
    youth_care_share voor het aandeel van de jongeren' named a code (h57l); now the title in
    the caveat's language, and a dash is a dash (' – '), not a hyphen between spaces."""
    catalogue = load_catalogue()
    ids = {i.id for i in catalogue.indicators if "_" in i.id}
    titles = {i.id: (i.title_nl, i.title_en) for i in catalogue.indicators}
    named = []
    for i in catalogue.indicators:
        for c in i.caveats:
            named += [(i.id, x) for x in ids if x in c.nl or x in c.en]
            assert " - " not in c.nl + c.en, (i.id, c.nl)
    assert named == []
    said = next(c for c in catalogue.get("youth_care_per_1000").caveats
                if "jongeren." in c.nl)
    assert f"‘{titles['youth_care_share'][0]}’" in said.nl
    assert f"‘{titles['youth_care_share'][1]}’" in said.en


def _with_caveat(tmp_path: Path, caveat: object) -> Path:
    data = yaml.safe_load(CATALOGUE.read_text(encoding="utf-8"))
    data["indicators"][0]["caveats"] = [caveat]
    path = tmp_path / "catalogue.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.parametrize("caveat", [
    "Alleen Nederlands.",  # a plain string: no English
    {"nl": "Een zin."},  # English missing
    {"nl": "In deze snapshot alleen tot Veere.", "en": "In this snapshot only up to Veere."},
])
def test_caveats_without_english_or_about_the_snapshot_are_refused(tmp_path, caveat):
    with pytest.raises(CatalogueError) as info:
        load_catalogue(_with_caveat(tmp_path, caveat))
    assert "caveats" in info.value.message


def test_a_percentage_or_ratio_is_not_called_a_count_in_thousands():
    """CBS gives counts in thousands with one decimal (82220NED, 86043NED); a share or ratio
    computed from them is not 'in duizenden'. Zwolle's Vooruitblik read 'Prognose aandeel
    65-plussers / grijze druk: prognose in duizenden met één decimaal (afgerond op 100
    inwoners)' under a percentage and a ratio; the caveat now says what is rounded."""
    import re

    wrong = [(i.id, c.nl) for i in load_catalogue().indicators if i.method != "count"
             for c in i.caveats if re.search(r"(^|; )(Prognose )?in duizenden", c.nl)
             or re.search(r"(^|; )(Projection )?in thousands", c.en)]
    assert not wrong, wrong
    counts = [c.nl for c in load_catalogue().get("population_projected").caveats]
    assert any(c.startswith("Prognose in duizenden") for c in counts)  # a count: as it is
