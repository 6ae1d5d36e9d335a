"""A tile's group median is never printed as the city's figure while the two differ (the real
snapshot): Hollands Kroon's gas use per dwelling in 2023, 970 m³ beside a median of 965 m³,
printed 'mediaan 970 m³' (tests/publish/test_median_beside_value.py: the report)."""

from __future__ import annotations

import re

IND = "gas_use_per_dwelling"


def test_the_tile_prints_the_median_apart_from_the_figure(client) -> None:
    page = client.get("/gemeente/GM1911?format=json").json()
    page = page.get("page", page)
    tile = next(t for d in page["domains"] for t in d["tiles"] if t["indicator_id"] == IND)
    assert tile["value"] == "970 m³"
    assert tile["position"].endswith("mediaan 965 m³"), tile["position"]


def test_a_median_apart_only_below_the_ranked_decimals_prints_as_ranked(client) -> None:
    """Zwolle's population growth of 2025, 0.252% beside a G40 median of 0.320%: its place is
    20 of 41, shared with the members printed '0,3%' (ranks as printed, at the catalogue's one
    decimal: tests/analysis/test_printed_ranks.py). '0,25% tegen een mediaan van 0,32%' said it
    was below the median at a place above the middle (21); the line now prints the median at
    the decimals the place was ranked on: 'mediaan 0,3%', beside the tile's '0,3%'."""
    page = client.get("/gemeente/GM0193?format=json").json()
    page = page.get("page", page)
    tile = next(t for d in page["domains"] for t in d["tiles"]
                if t["indicator_id"] == "population_growth_pct")
    assert "plaats 20 van 41" in tile["position"]
    assert tile["position"].endswith("· mediaan 0,3%"), tile["position"]
    assert tile["value"] == "0,3%", tile["value"]


def _number(shown: str) -> float:
    return float(re.sub(r"[^\d,−-]", "", shown.split(" per ")[0]).replace("−", "-")
                 .replace(",", "."))


def test_a_place_and_its_median_never_contradict_on_the_g40_pages(web_app) -> None:
    """Every G40 member's tiles on its G40 page: a place 'plaats k van n' (1 = highest) in the
    upper half (k < (n + 1) / 2) never beside a figure printed below the median, nor one in
    the lower half beside a figure printed above it, nor the middle place beside a figure that
    is not the median. Deventer's 65-plussers (2025) were 'plaats 21 van 41 · 19,25% tegen een
    mediaan van 19,34%': the place of 19,3, shared with GM0758's 19,338 (the median), the
    figures two decimals; 15 such lines of 27 'tegen een mediaan van' lines before, 0 now."""
    from stadstrends.publish.web.tiles import city_data, tile

    wh = web_app.state.wh
    with wh.cursor() as cur:
        codes = [c for (c,) in cur.execute(
            "SELECT region_code FROM comparison_group_members WHERE set_id = 'G40' "
            "AND focal_code IS NULL ORDER BY 1").fetchall()]
    assert len(codes) == 41
    lines, bad = 0, []
    for code in codes:
        for row in city_data(wh, code, "G40")["rows"]:
            t = tile(row, "nl")
            found = re.search(r"plaats (\d+) van (\d+)[^·]*· (?:(.+) tegen een mediaan van "
                              r"|mediaan )(.+)$", t.get("position") or "")
            if not found or not (found[3] or t.get("value")):
                continue
            lines += 1
            k, n = int(found[1]), int(found[2])
            x, m = _number(found[3] or t["value"]), _number(found[4])
            if (x < m and k < (n + 1) / 2) or (x > m and k > (n + 1) / 2) \
                    or (x != m and k == (n + 1) / 2):
                bad.append((code, row["indicator_id"], t["value"], t["position"]))
    assert lines > 2000 and not bad, (lines, bad)
