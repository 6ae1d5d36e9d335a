"""`stadstrends show` says which day a figure is when the catalogue shows CBS's stock on
31 December at the next year (``indicators.year_offset``: payment arrears, 81064ned
'per 31 december'), as the report and the website do; before, it printed Kerkrade's 2,1%
at 2024 beside the source 81064ned, where CBS lists it under 2023, without a word. Real
snapshot; an indicator without an offset gets no such line."""

from __future__ import annotations

import subprocess

import pytest

LINE = {"nl": "Elk jaar staat voor de stand op 31 december van het jaar ervoor",
        "en": "Each year stands for the situation on 31 December of the year before"}


def show(cli_run, db, *args: str) -> subprocess.CompletedProcess:
    """`show ARGS --db DB` in this process (``cli_run``, tests/conftest.py), ended well."""
    out = cli_run("show", *args, "--db", str(db))
    assert out.returncode == 0 and "Traceback" not in out.stderr, out.stderr
    return out


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_payment_arrears_say_they_are_the_stock_of_the_year_before(cli_run, wh, warehouse_path,
                                                                    lang):
    offsets = dict(wh.execute("SELECT indicator_id, year_offset FROM indicators "
                              "WHERE year_offset <> 0").fetchall())
    assert offsets == {"payment_arrears_share": 1, "payment_arrears_per_1000": 1}
    for indicator in offsets:
        out = show(cli_run, warehouse_path, "Kerkrade", indicator, "--lang", lang)
        assert LINE[lang] in out.stderr
        assert "2024" in out.stdout  # the year shown, which the line explains


def test_an_indicator_without_an_offset_has_no_such_line(cli_run, warehouse_path):
    out = show(cli_run, warehouse_path, "Kerkrade", "population")
    assert "31 december" not in out.stdout + out.stderr


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_csv_and_json_carry_year_offset_as_the_profile_does(cli_run, wh, warehouse_path, fmt):
    """`show --format csv|json` had no ``year_offset`` where the profile's CSV has one: a
    saved file lost the line on stderr, and with it that 2024 is 31 December 2023."""
    import csv
    import io
    import json

    offsets = dict(wh.execute("SELECT indicator_id, year_offset FROM indicators").fetchall())
    for indicator in ("payment_arrears_share", "population"):
        out = show(cli_run, warehouse_path, "Kerkrade", indicator, "--format", fmt).stdout
        rows = (json.loads(out) if fmt == "json" else list(csv.DictReader(io.StringIO(out))))
        assert rows and {int(r["year_offset"]) for r in rows} == {offsets[indicator]}, indicator
    if fmt == "csv":  # last before the credit, as in the profile's CSV
        assert out.splitlines()[0].endswith(",year_offset,credit")
