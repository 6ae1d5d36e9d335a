"""The API gives the catalogue's texts with en-dash year ranges, as the pages print them
('Geen cijfers voor 2015–2023.'), not the YAML's '2015-2023'
(tests/indicators/test_catalogue_ranges.py)."""

from __future__ import annotations

import json
import re

HYPHEN_RANGE = re.compile(r"(?<![\d,.])(?:19|20)\d\d-(?:19|20)\d\d(?!\d)")


def test_the_api_catalogue_has_no_hyphen_year_range(client):
    one = client.get("/api/v1/indicators/social_assistance_per_1000").json()
    assert "Geen cijfers voor 2015–2023." in one["caveats"], one["caveats"]
    assert "No figures for 2015–2023." in one["caveats_en"], one["caveats_en"]
    listed = client.get("/api/v1/indicators").json()
    # the catalogue's words (a source table's title is the snapshot's, as CBS names it)
    said = [{k: v for k, v in one.items() if k != "sources"}, listed]
    assert HYPHEN_RANGE.findall(json.dumps(said, ensure_ascii=False)) == []
