"""The city page's tweedeling row names the years the city lay on the other side of its
ommeland inside a growing or shrinking gap (``other_side_years``, as the report's sentence):
Noordoostpolder's owner-occupied share, above its ommeland in 2017 and 2024, below in 2019."""

from __future__ import annotations

import pytest

from stadstrends.publish.sentence_words import other_side


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_noordoostpolders_owner_occupied_share_names_2019(client, wh, lang):
    code, last, years = wh.execute("""
        SELECT t.region_code, t.last_ratio, t.other_side_years FROM region_gap_trends t
        JOIN regions r USING (region_code)
        WHERE r.name = 'Noordoostpolder' AND t.indicator_id = 'owner_occupied_share'
          AND t.classification = 'diverging' AND t.no_verdict IS NULL""").fetchone()
    assert years == [2019] and last > 1
    page = client.get(f"/gemeente/{code}?format=json&lang={lang}").json()
    gaps = page["page"]["gaps"] if "page" in page else page["gaps"]
    row = next(g for g in gaps if g["indicator_id"] == "owner_occupied_share")
    words = other_side({"last_ratio": last, "other_side_years": years,
                        "classification": "diverging"}, lang, "Noordoostpolder")
    assert words[2:-1] in row["trend"], row["trend"]
    assert {"nl": "juist onder", "en": "was below"}[lang] in row["trend"]
