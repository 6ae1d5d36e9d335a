"""`show`'s source column names the tables each figure comes from (real snapshot). A published
mean kept as CBS gives it is its own table's: Amsterdam's Wmo clients per 1 000 of 2023 are
CBS's 73 of 86050NED (WmoClientenPer1000Inwoners_2), and show listed '37259eng, 86050NED', the
population that weighs the figure only where it is recalculated to today's boundaries
(Amsterdam's 2017, with Weesp); Zwolle's of 2015 '37259eng, 83262NED'. A rate per 1 000
inhabitants divided by the population indicator names the population's table too (payment
arrears per 1 000: 81064ned alone)."""

from __future__ import annotations

import csv
import io


def _show(cli_run, db, city: str, indicator: str) -> dict[int, dict]:
    """`show CITY INDICATOR --format csv` in this process (``cli_run``, tests/conftest.py)."""
    out = cli_run("show", city, indicator, "--db", str(db), "--format", "csv")
    assert out.returncode == 0, out.stderr
    return {int(r["year"]): r for r in csv.DictReader(io.StringIO(out.stdout))}


def _raw(wh, table: str, measure: str, code: str, year: int, dims: str) -> float:
    return wh.execute("""SELECT value FROM raw_observations WHERE lower(table_id) = lower(?)
                         AND measure = ? AND region_code = ? AND year = ? AND period_type = 'year'
                         AND dims LIKE ?""", [table, measure, code, year, dims]).fetchone()[0]


def test_a_published_mean_names_its_own_table(cli_run, warehouse_path, wh) -> None:
    ams = _show(cli_run, warehouse_path, "GM0363", "wmo_clients_per_1000")
    assert float(ams[2023]["value"]) == _raw(wh, "86050NED", "WmoClientenPer1000Inwoners_2",
                                             "GM0363", 2023, "%Totaal%") == 73
    assert ams[2023]["source"] == "86050NED"
    assert ams[2017]["source"] == "37259eng, 86050NED"  # Weesp's and Amsterdam's, weighted
    zwolle = _show(cli_run, warehouse_path, "GM0193", "wmo_clients_per_1000")
    assert float(zwolle[2015]["value"]) == _raw(wh, "83262NED", "WmoClientenPer1000Inwoners_2",
                                                "GM0193", 2015, "%Totaal%")
    assert zwolle[2015]["source"] == "83262NED"
    assert zwolle[2023]["source"] == "86050NED"


def test_a_rate_names_its_denominator_indicators_table(cli_run, warehouse_path, wh) -> None:
    rows = _show(cli_run, warehouse_path, "GM0193", "payment_arrears_per_1000")
    for year, row in rows.items():
        (pop,) = wh.execute("SELECT tables FROM indicator_sources WHERE indicator_id = "
                            "'population' AND year = ?", [year]).fetchone()
        assert set(row["source"].split(", ")) == {"81064ned", *pop.split(", ")}, (year, row)
