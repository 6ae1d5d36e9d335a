"""`stadstrends show` marks a figure per 1 000 that Stadstrends divided from CBS's rounded
count because CBS publishes no rate (``recomputed_cells``) with '°' and the report's legend
line under the table, as the report's tables, tiles, maps and the API (``recomputed``) do;
before, the command line printed such a figure as if it were CBS's own. Real snapshot:
83651NED gives Leeuwarden (GM0080) no thefts per 1 000 for 2010-2013 and 2015-2017, and
83648NED gives Schiermonnikoog (GM0088) no crimes per 1 000 in any year; csv and json keep
plain numbers with a ``recomputed`` column."""

from __future__ import annotations

import csv
import io
import json
import subprocess

import pytest

from stadstrends.publish.harmonised import marked_years

LEGEND = {"nl": "° berekend door Stadstrends uit het aantal: het CBS publiceert geen cijfer per "
                "1 000 inwoners",
          "en": "° computed by Stadstrends from the count: CBS publishes no figure per 1,000 "
                "inhabitants"}


def show(cli_run, db, *args: str) -> subprocess.CompletedProcess:
    """`show ARGS --db DB` in this process (``cli_run``, tests/conftest.py), ended well."""
    out = cli_run("show", *args, "--db", str(db))
    assert out.returncode == 0 and "Traceback" not in out.stderr, out.stderr
    return out


def _values(table: str) -> dict[int, str]:
    """year -> the value cell as printed (with its spaces)."""
    return {int(line.split("│")[1]): line.split("│")[2] for line in table.splitlines()
            if line.startswith("│ ") and line.split("│")[1].strip().isdigit()}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_leeuwardens_thefts_divided_from_a_rounded_count_are_marked(cli_run, wh,
                                                                    warehouse_path, lang):
    own = marked_years(wh, "GM0080", "recomputed")["thefts_per_1000"]
    assert own == {2010, 2011, 2012, 2013, 2015, 2016, 2017}  # measured on the snapshot
    out = show(cli_run, warehouse_path, "Leeuwarden", "thefts_per_1000", "--lang", lang)
    cells = _values(out.stdout)
    assert len(cells) >= 15
    assert {y for y, c in cells.items() if "°" in c} == own
    assert out.stdout.splitlines().count(LEGEND[lang]) == 1
    # the numbers stay aligned: the decimal sign in one column, marked or not
    sign = "," if lang == "nl" else "."
    assert len({c.index(sign) for c in cells.values()}) == 1, cells
    assert cells[2010].strip() == ("41,6°" if lang == "nl" else "41.6°")
    assert cells[2014].strip() == ("43,7" if lang == "nl" else "43.7")


def test_a_series_without_such_a_figure_has_neither_mark_nor_legend(cli_run, warehouse_path):
    out = show(cli_run, warehouse_path, "Zwolle", "crimes_per_1000")
    assert "°" not in out.stdout + out.stderr
    assert not any(line.startswith("° ") for line in out.stdout.splitlines())


def test_csv_and_json_say_it_in_a_column_and_keep_plain_numbers(cli_run, wh, warehouse_path):
    own = marked_years(wh, "GM0088", "recomputed")["crimes_per_1000"]
    assert own == set(range(2010, 2025))  # CBS publishes no rate for Schiermonnikoog
    rows = list(csv.DictReader(io.StringIO(show(cli_run, warehouse_path, "Schiermonnikoog",
                                                "crimes_per_1000", "--format",
                                                "csv").stdout)))
    assert {int(r["year"]) for r in rows if r["recomputed"] == "true"} == own
    assert all("°" not in r["value"] and float(r["value"]) > 0 for r in rows)
    records = json.loads(show(cli_run, warehouse_path, "Leeuwarden", "thefts_per_1000",
                              "--format", "json").stdout)
    assert {r["year"] for r in records if r["recomputed"]} == \
        marked_years(wh, "GM0080", "recomputed")["thefts_per_1000"]


COARSE_LEGEND = {"nl": "‡ berekend uit afgerond aantal: het CBS rondt het aantal waaruit het "
                       "cijfer is berekend grof af",
                 "en": "‡ computed from a rounded count: CBS rounds the count behind the "
                       "figure coarsely"}


@pytest.mark.parametrize(("city", "indicator", "marked"), [
    # Deventer's demolitions: 2017-2023 on a count CBS rounds to fives (0,8 per 1 000 in 2017)
    ("Deventer", "demolition_per_1000_dwellings", set(range(2017, 2024))),
    # Schiermonnikoog's crimes: divided by Stadstrends ('°') from a coarse count too ('‡'),
    # but in 2011 and 2018
    ("Schiermonnikoog", "crimes_per_1000", set(range(2010, 2025)) - {2011, 2018}),
    ("Zwolle", "population", set())])
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_table_marks_a_rounded_count_where_the_csv_does(cli_run, warehouse_path, city,
                                                            indicator, marked, lang):
    """The table's '‡' and its legend line stand where the CSV says ``rounded_count`` (the
    downloads' one rule); before, the table marked none (Deventer's 2017 printed '0,8')."""
    rows = list(csv.DictReader(io.StringIO(show(cli_run, warehouse_path, city, indicator,
                                                "--format", "csv").stdout)))
    flagged = {int(r["year"]) for r in rows if r["rounded_count"] == "true"}
    assert flagged == marked
    out = show(cli_run, warehouse_path, city, indicator, "--lang", lang).stdout
    cells = _values(out)
    assert {y for y, c in cells.items() if "‡" in c} == flagged
    assert out.splitlines().count(COARSE_LEGEND[lang]) == (1 if flagged else 0)
    assert "‡" not in out or flagged
