"""A figure Stadstrends recalculated for today's boundaries is printed no finer than the CBS
figures it is made of (:func:`stadstrends.publish.harmonised.recalculated_rounding`), on the
real snapshot.

Before, Land van Cuijk's gas use per dwelling of 2019 (a mean weighted over five former
municipalities whose figures CBS publishes in tens) was printed '1.434 m³' in the report's
sentences, tables and Waarom line, and `show` printed it so; the downloads keep 1434.35.
"""

from __future__ import annotations

import html
import re
import subprocess
import sys

import pytest

from stadstrends.publish.harmonised import marked_years, recalculated_rounding
from stadstrends.publish.report import builder
from tests.publish.city_contexts import city_contexts, series_tables

CITY = "GM1982"  # Land van Cuijk: five municipalities merged in 2022
GAS = "gas_use_per_dwelling"
TENS = ("gas_use_per_dwelling", "electricity_use_per_dwelling")  # 81528NED: tens


def _text(page: str) -> str:
    page = re.sub(r"<script.*?</script>", "", page, flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page)))


def _number(shown: str) -> int:
    return int(shown.replace(".", "").replace(",", ""))


@pytest.fixture(scope="module")
def contexts(warehouse_path):
    return city_contexts(warehouse_path, [CITY], ["nl"])


def test_the_rule_follows_cbs_rounding(wh):
    """A mean CBS publishes in tens is printed to tens where recalculated, every year CBS
    rounds it; a share CBS published in whole percents (district heating 2010, 23 of 25
    municipal figures whole, the two others recalculated) to whole percents."""
    steps = recalculated_rounding(wh)
    units = dict(((i, y), u) for i, y, u in wh.execute(
        "SELECT indicator_id, year, unit FROM mean_rounding").fetchall())
    assert units and all(steps[i][y] >= u for (i, y), u in units.items())
    assert steps["district_heating_share"][2010] == 1
    own = {c for (c,) in wh.execute("SELECT region_code FROM harmonised_cells WHERE "
                                    "indicator_id = 'district_heating_share' AND year = 2010"
                                    ).fetchall()}
    whole = [v == round(v) for c, v in wh.execute(
        "SELECT region_code, value FROM indicator_values WHERE indicator_id = "
        "'district_heating_share' AND year = 2010 AND region_code LIKE 'GM%'").fetchall()
        if c not in own]
    assert len(whole) >= 20 and all(whole)
    # a ratio Stadstrends divides itself keeps the catalogue's decimals
    assert "births_per_1000" not in steps


def test_report_prints_recalculated_means_in_tens(contexts, wh):
    data, ctx = contexts[CITY, "nl"]
    text = _text(builder.render("city.html.j2", ctx, pdf=False))
    sentences = re.findall(r"([\d.]+) (?:m³|kWh) \(omgerekend", text)
    assert sentences and all(_number(v) % 10 == 0 for v in sentences), sentences
    assert "1.434 m³" not in text  # 2019's 1 434.3, before
    own = marked_years(wh, CITY, "harmonised")
    cells = []
    for ind in TENS:
        title = data.catalogue[ind]["title_nl"] + " ("
        cells += [r[2] for f in series_tables(ctx) for r in f["table"]["rows"]
                  if r[0].startswith(title) and r[1] in own.get(ind, ())]
    assert cells and all(c.split("*")[0].strip() and _number(c.split("*")[0]) % 10 == 0
                         for c in cells), cells


def test_show_prints_recalculated_figures_as_the_report(warehouse_path):
    out = subprocess.run([sys.executable, "-m", "stadstrends.cli", "show", CITY, GAS, "--db",
                          str(warehouse_path)], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    rows = re.findall(r"│ (\d{4}) │\s+([\d.]+) │.*│ (ja|nee)\s+│", out.stdout)
    own = [_number(v) for _, v, flag in rows if flag == "ja"]
    assert own and all(v % 10 == 0 for v in own), out.stdout
    csv = subprocess.run([sys.executable, "-m", "stadstrends.cli", "show", CITY, GAS, "--db",
                          str(warehouse_path), "--format", "csv"],
                         capture_output=True, text=True, timeout=120).stdout
    assert "2019,1434.35" in csv  # the data keep the figure, as the downloads
