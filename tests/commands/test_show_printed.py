"""`stadstrends show` prints a computed region's figures (a COROP region, a province,
Nederland: Stadstrends' sums over municipalities) as the report and dashboard do, no more
precisely than the municipalities' figures (gas use to tens: COROP Utrecht's 2023 '750',
it said '752'); a municipality's and CBS's own figures as published; csv gives the value as
every data output does (``harmonised.as_downloaded``: six significant digits for m³)."""

from __future__ import annotations

import subprocess
import sys

from stadstrends.publish.harmonised import as_downloaded, computed_rounding, download_text


def show(db, *args: str) -> str:
    out = subprocess.run([sys.executable, "-m", "stadstrends.cli", "show", *args, "--db",
                          str(db)], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    return out.stdout


def _cell(table: str, year: int) -> str:
    line = next(x for x in table.splitlines() if x.startswith(f"│ {year} "))
    return line.split("│")[2].strip()


def test_a_corop_regions_gas_use_is_printed_to_tens(wh, warehouse_path):
    gas = "gas_use_per_dwelling"
    assert computed_rounding(wh)[gas][2023] == 10
    raw = dict(wh.execute("SELECT region_code, value FROM indicator_values WHERE "
                          "indicator_id = ? AND year = 2023 AND region_code IN "
                          "('CR17', 'GM0344')", [gas]).fetchall())
    assert round(raw["CR17"]) % 10 != 0  # the premise: computed to the m³
    shown = _cell(show(warehouse_path, "CR17", gas), 2023)
    assert int(shown.replace(".", "")) == round(raw["CR17"] / 10) * 10
    # a municipality's figure is CBS's: as published
    assert int(_cell(show(warehouse_path, "Utrecht", gas), 2023).replace(".", "")) == \
        round(raw["GM0344"])
    csv = show(warehouse_path, "CR17", gas, "--format", "csv")
    row = next(x for x in csv.splitlines() if x.startswith("2023,"))
    assert row.split(",")[1] == download_text(raw["CR17"], "m3"), row
    assert as_downloaded(raw["CR17"], "m3") != raw["CR17"]  # rounded, not the raw float


def test_a_series_without_any_figure_says_why(wh, warehouse_path):
    """Assen's 'voelt zich weleens onveilig': an empty table and no word; then a reason
    `show` derived from the tables; now the stored reasons: the table has no value for Assen
    in any year, and the snapshot's file is CBS's whole table (only municipalities with a
    large enough sample): ``never_in_table``, also 2018, which CBS did not survey: one reason
    (it said '2018 (CBS meet dit niet elk jaar ...)' after 'in geen enkel jaar')."""
    assert wh.execute("SELECT count(*) FROM raw_observations WHERE lower(table_id) = "
                      "'81877ned' AND region_code = 'GM0106'").fetchone()[0] == 0
    assert wh.execute("SELECT count(*) FROM raw_observations WHERE lower(table_id) = "
                      "'81877ned' AND value IS NOT NULL").fetchone()[0] > 0
    assert wh.execute("SELECT list(completeness_code) FROM sources WHERE table_id = "
                      "'81877NED'").fetchone()[0] == ["complete"]
    assert wh.execute("SELECT list(DISTINCT reason ORDER BY reason) FROM indicator_gaps "
                      "WHERE region_code = 'GM0106' AND indicator_id = 'feels_unsafe_share'"
                      ).fetchone()[0] == ["never_in_table"]
    args = ["Assen", "feels_unsafe_share", "--db", str(warehouse_path)]
    for lang, said in (("nl", "Niet getoond: 2012–2019 (CBS publiceert tabel 81877NED "
                              "niet voor alle gemeenten, en in geen enkel jaar voor deze "
                              "gemeente)."),
                       ("en", "Not shown: 2012–2019 (CBS publishes table 81877NED for "
                              "some municipalities only, and for this one in no year).")):
        out = subprocess.run([sys.executable, "-m", "stadstrends.cli", "show", *args,
                              "--lang", lang], capture_output=True, text=True, timeout=120)
        assert out.returncode == 0 and out.stderr.strip() == said, out.stderr
    # a series with figures says nothing of the kind
    out = subprocess.run([sys.executable, "-m", "stadstrends.cli", "show", "Assen",
                          "population", "--db", str(warehouse_path)], capture_output=True,
                         text=True, timeout=120)
    assert "Niet getoond" not in out.stderr and "81877NED" not in out.stderr


def test_a_municipality_s_figures_have_the_catalogue_s_decimals(wh, warehouse_path):
    """Kerkrade's Wmo clients per 1 000 (catalogue: 1 decimal) printed as whole numbers,
    '60, 61, 65 ... 119' where the report, the website and `profile` print '64,5' and '119,0':
    the column's decimals came from its largest value. Now every row has the catalogue's."""
    for indicator in ("wmo_clients_per_1000", "income_disposable_mean", "population"):
        decimals = wh.execute("SELECT decimals FROM indicators WHERE indicator_id = ?",
                              [indicator]).fetchone()[0]
        values = dict(wh.execute("SELECT year, value FROM indicator_values WHERE "
                                 "indicator_id = ? AND region_code = 'GM0928'",
                                 [indicator]).fetchall())
        table = show(warehouse_path, "Kerkrade", indicator)
        for year, value in values.items():
            shown = _cell(table, year)
            assert len(shown.partition(",")[2]) == decimals, (indicator, year, shown)
            assert float(shown.replace(".", "").replace(",", ".")) == round(value, decimals)
