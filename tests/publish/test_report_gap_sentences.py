"""The tweedeling's 'Stad en ommeland' says how many city-ommeland gaps widen and narrow and
how many the chart shows; the sentences under it are one per shown gap. Leeuwarden (2025
snapshot): 'groeit het verschil significant bij 4 en krimpt het bij 2 ... De grafiek toont
deze 6.' stood above five sentences: the fourth widening gap (Zonnestroominstallaties per
1 000 inwoners, p = 0,031) was in the chart but not in the text (at most 3 widening and 2
narrowing sentences were written)."""

from __future__ import annotations

import re

import duckdb
import pytest

from stadstrends.publish.report import sections
from stadstrends.publish.report.data import load_city

CITY_SET = "G40"
SAID = {"nl": (r"Bij (\d+|geen) van de \d+ indicatoren met een recente vergelijking wordt "
               r"het verschil significant groter, bij (\d+|geen) significant kleiner",
               r"De grafiek en de tabel tonen (?:deze|er) (\d+)"),
        "en": (r"For (\d+|none) of the \d+ indicators with a recent comparison the difference "
               r"grows significantly, for (\d+|none) it shrinks significantly",
               r"The chart and table show (?:these )?(\d+)")}


@pytest.fixture(scope="module")
def city_set_regions(warehouse_path):
    """(code, lang) -> the 'Stad en ommeland' part of the tweedeling, for every city of the
    city set, in Dutch and English."""
    with duckdb.connect(str(warehouse_path), read_only=True) as con:
        codes = [r[0] for r in con.execute(
            "SELECT region_code FROM region_sets WHERE set_id = ? ORDER BY region_code",
            [CITY_SET]).fetchall()]
        out = {}
        for code in codes:
            data = load_city(con, code)
            for lang in SAID:
                out[code, lang] = (data, sections.divide(data, lang)["city_region"])
    return out


def test_every_shown_gap_has_its_sentence(city_set_regions):
    """For every city of the set, in both languages: as many gap sentences as the paragraph
    says the chart shows, one per shown gap; where it shows all, as many widening and
    narrowing sentences as it counts."""
    assert len({code for code, _ in city_set_regions}) >= 40
    wrong = []
    for (code, lang), (data, region) in city_set_regions.items():
        counts, shown_at = SAID[lang]
        said = re.search(counts, region["summary"])
        if not said:
            assert not region["sentences"] and not region["figures"], (code, lang)
            continue
        w, c = (0 if n in ("geen", "none") else int(n) for n in said.groups())
        shown = int(re.search(shown_at, region["summary"]).group(1))
        rows = [r[0] for r in region["figures"][0]["table"]["rows"]]
        ids = [s.indicator_id for s in region["sentences"]]
        titles = [data.catalogue[i][f"title_{lang}"] for i in ids]
        moves = [data.gap_trends[i]["classification"] for i in ids]
        if sorted(titles) != sorted(rows) or len(ids) != shown or (
                w + c == shown and (moves.count("diverging"), moves.count("converging"))
                != (w, c)):
            wrong.append(f"{data.name} ({lang}): {w} + {c}, shown {shown}, "
                         f"{len(ids)} sentences")
    assert not wrong, "\n".join(wrong)


def test_leeuwarden_names_its_solar_installations(city_set_regions):
    """The case above, seen on real data: Leeuwarden's widening gap in solar installations."""
    data, region = city_set_regions["GM0080", "nl"]
    assert "solar_installations_per_1000" in [s.indicator_id for s in region["sentences"]]
    assert data.gap_trends["solar_installations_per_1000"]["classification"] == "diverging"
