"""The group's median and quartiles are printed no more precisely than the members' figures
they are interpolated between (real snapshot, Zwolle; :func:`stadstrends.publish.harmonised.
computed_rounding`).

Before, Zwolle's gas table printed the G40's p25 of 2011 as 1.352 m³ and p75 of 2014 as
1.216 m³ (``set_benchmarks``: 1 351.7 and 1 216.0, interpolations) where CBS rounds every
municipality's gas use to tens; the chart's band and tooltips carried the same figures.
"""

from __future__ import annotations

import pytest

from stadstrends.publish.report import builder
from stadstrends.publish.report.panels import panel
from tests.publish.loaded import connect, kept_city

GAS, POWER = "gas_use_per_dwelling", "electricity_use_per_dwelling"


@pytest.fixture(scope="module")
def zwolle(warehouse_path):

    with connect(warehouse_path) as con:
        data = kept_city(con, "Zwolle")
        return data, builder.city_context(data, "nl", None)


def _rows(ctx: dict, title: str) -> dict[int, list]:
    for d in ctx["domains"]:
        for f in d["figures"]:
            if f["table"] and not f["id"].startswith("fig-map-"):
                rows = {r[1]: r for r in f["table"]["rows"] if r[0].startswith(title + " (")}
                if rows:
                    return rows
    raise AssertionError(title)


def test_gas_quartiles_in_the_table(zwolle):
    data, ctx = zwolle
    rows = _rows(ctx, data.catalogue[GAS]["title_nl"])
    assert rows[2011][3:6] == ["1.250", "1.350", "1.500"], rows[2011]  # before: 1.352, 1.502
    assert rows[2014][3:6] == ["1.050", "1.150", "1.220"], rows[2014]  # before: 1.216


@pytest.mark.parametrize("ind", [GAS, POWER])
def test_quartile_columns_and_chart_band_no_finer_than_tens(zwolle, ind):
    data, ctx = zwolle
    rows = _rows(ctx, data.catalogue[ind]["title_nl"]).values()
    cells = [float(c.replace(".", "")) for r in rows for c in r[3:6] if c != "–"]
    assert len(cells) >= 30 and all(v % 10 == 0 for v in cells), cells
    band = [v for r in panel(data, ind, "nl").band for k, v in r.items()
            if k != "year" and v is not None]
    assert band and all(abs(v % 10) < 1e-9 for v in band), band
