"""A map's legend breaks claim no more precision than the figures: CBS rounds gas use per
dwelling (81528NED) to tens, and a recalculated municipality is printed to tens, so the
breaks are tens too ('810 m³ – 900 m³', not '810 m³ – 909 m³'; the reader saw 1.096 and
1.012 m³). Real snapshot: the home map and the indicator page, every year."""

from __future__ import annotations

import pytest

from stadstrends.publish.web import recalculated, specs

GAS = "gas_use_per_dwelling"


def _tens(x: float) -> bool:
    return abs(x / 10 - round(x / 10)) < 1e-9


@pytest.mark.parametrize("path", [f"/?indicator={GAS}&year={{year}}&format=json",
                                  f"/indicator/{GAS}?regions=GM0193&year={{year}}&format=json"])
def test_gas_legend_breaks_are_tens(client, web_app, path: str) -> None:
    years = web_app.state.wh.rows("SELECT DISTINCT year FROM indicator_values WHERE "
                                  "indicator_id = ? AND region_code LIKE 'GM%'", [GAS])
    assert len(years) >= 10
    for year in (r["year"] for r in years):
        page = client.get(path.format(year=year)).json()
        legend = page["map_spec"]["usermeta"]["legend"]
        assert len(legend) == 5, year
        bounds = [x for c in legend for x in (c["lo"], c["hi"])]
        assert all(_tens(x) for x in bounds), (year, bounds)
        # classes still share no boundary: each ends one step of ten before the next one
        for a, b in zip(legend, legend[1:], strict=False):
            assert b["lo"] - a["hi"] == pytest.approx(10), (year, a, b)
        # and every municipality's figure, as printed, is in exactly one class
        shown = [specs.class_value(v["value"], "m3", 0, 10) for v in page["map_values"]
                 if v["value"] is not None]
        assert all(sum(c["lo"] <= v <= c["hi"] for c in legend) == 1 for v in shown), year


def test_the_precision_is_the_figures_own(web_app) -> None:
    """Gas use: tens in every year; a rate Stadstrends divides itself (births per 1 000, CBS's
    own rate with one decimal) has none: its breaks keep the catalogue's decimals."""
    wh = web_app.state.wh
    assert recalculated.precision(wh, GAS, 2023) == 10
    assert recalculated.precision(wh, "births_per_1000", 2023) is None
    values = [1096.0, 1012.0, 1430.0, 955.0, 1201.0, 1333.0, 870.0, 1149.0, 990.0, 1260.0]
    labels = [c["label"] for c in specs.classes(values, "m3", "nl", decimals=0, precision=10)]
    assert labels == ["870 m³ – 980 m³", "990 m³ – 1.090 m³", "1.100 m³ – 1.140 m³",
                      "1.150 m³ – 1.250 m³", "1.260 m³ – 1.430 m³"]
    # without it the breaks were whole m³ between figures of tens: '1.096 m³ – 1.148 m³'
    assert "1.096 m³ – 1.148 m³" in [c["label"] for c in specs.classes(values, "m3", "nl",
                                                                  decimals=0)]
