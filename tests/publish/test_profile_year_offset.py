"""`stadstrends profile` and the profile's sentences (the API's /profile, the city page's
cards) say which day a payment-arrears figure is: CBS counts them on 31 December
(81064ned) and the catalogue shows them at the next year (``indicators.year_offset``).
Before, the profile printed Kerkrade's '2,1% (2024)' in its table and its opgaven, and
Meppel's 'dalend van 1,2% (2017) naar 0,7% (2024)', where CBS lists 2016 and 2023; now
'(2024, stand op 31 december 2023)', as the website's tiles do. Real snapshot; no other
indicator gets the mark."""

from __future__ import annotations

import csv
import io
import os
import re
import subprocess
import sys

import pytest
from rich.console import Console

from stadstrends.publish.profile import city_profile, render_profile

MARK = {"nl": "stand op 31 december", "en": "situation on 31 December"}


def texts(obj, found: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """(indicator_id, text) of every ``text_<lang>`` in the profile."""
    if isinstance(obj, dict):
        found += [(obj.get("indicator_id") or "", v) for k, v in obj.items()
                  if k.startswith("text_") and isinstance(v, str)]
        for v in obj.values():
            texts(v, found)
    elif isinstance(obj, list):
        for v in obj:
            texts(v, found)
    return found


@pytest.mark.parametrize(("code", "group"), [
    ("GM0928", None),  # Kerkrade: both arrears above the median of its size class
    ("GM0119", "PEERS"),  # Meppel: falling arrears, a trend sentence with two years
    ("GM0080", "CR04"),  # Leeuwarden: the share an urgent task in Kies richting
])
def test_every_year_of_a_payment_arrears_sentence_says_its_day(wh, code, group) -> None:
    moved = dict(wh.execute("SELECT indicator_id, year_offset FROM indicators "
                            "WHERE year_offset <> 0").fetchall())
    assert moved == {"payment_arrears_share": 1, "payment_arrears_per_1000": 1}
    said = texts(city_profile(wh, code, group, "en"), [])
    arrears = [(i, x) for i, x in said if i in moved]
    assert arrears
    for _, text in arrears:
        lang = "en" if "arrears" in text else "nl"
        years = re.findall(r"\((20\d\d)\b([^)]*)\)", text)  # every bracketed figure's year
        assert years, text
        for year, rest in years:
            assert f", {MARK[lang]} {int(year) - 1}" in rest, text
    assert not [x for i, x in said if i not in moved and
                (MARK["nl"] in x or MARK["en"] in x)]


def test_the_profile_table_marks_the_latest_payment_arrears_figure(wh, warehouse_path) -> None:
    """The domain table's 'Laatste' column marks the year, '2,1% (2024¹)', and the line
    below the table says which day that is: 'stand op 31 december 2023' in the cell took
    four lines of the column at 80 columns ('(2024, stand op 31' / 'december' / '2023)').
    The command as a user runs it at 80 columns, and the profile rendered in English."""
    out = subprocess.run([sys.executable, "-m", "stadstrends.cli", "profile", "Kerkrade",
                          "--db", str(warehouse_path)], capture_output=True, text=True,
                         timeout=120, env={**os.environ, "COLUMNS": "80"})
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    rows = [line for line in lines if "│" in line and "(2024¹)" in line]
    assert len(rows) == 2, rows
    # the figure and its year in one cell: on one line, or the year under the figure (since
    # session 45 the table narrows a column to its longest word, never inside one)
    for row, figure in zip(rows, ("17,9", "2,1%"), strict=True):
        above = lines[lines.index(row) - 1]
        assert f"{figure} (2024¹)" in row or (
            figure in above and row.index("(2024¹)") + len("(2024¹)")
            == above.index(figure) + len(figure)), (above, row)
    assert not [line for line in lines if "│" in line and "december" in line]
    note = "¹ De cijfers van 2024 zijn de stand op 31 december 2023 (CBS-periode 2023)."
    assert lines.count(note) == 1, lines
    after = lines[lines.index(note) - 1]  # right below the table's last row
    assert "│" in after and "betalingsachterstand" in " ".join(lines[lines.index(rows[0]):
                                                                    lines.index(note)])
    console = Console(record=True, width=80)
    render_profile(city_profile(wh, "Kerkrade", lang="en"), console, "en")
    text = console.export_text().splitlines()
    assert len([line for line in text if "│" in line and "(2024¹)" in line]) == 2
    assert ("¹ The figures of 2024 are the situation on 31 December 2023 (CBS period "
            "2023).") in text
    assert "¹" not in "".join(line for line in text if "│" in line and "(2024¹)" not in line)


def test_the_profile_csv_gives_the_offset_of_each_signal(cli_run, warehouse_path) -> None:
    """`profile --format csv` gives a signal's ``year`` 2024 beside 81064ned's figure of
    period 2023: its ``year_offset`` column says so (1 for payment arrears, 0 for every other
    indicator); before, nothing in the file did."""
    out = cli_run("profile", "Kerkrade", "--db", str(warehouse_path), "--format", "csv")
    assert out.returncode == 0, out.stderr
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    moved = [r for r in rows if r["indicator_id"].startswith("payment_arrears")]
    assert moved and len(moved) < len(rows)
    assert {r["year_offset"] for r in moved} == {"1"}
    assert {r["year_offset"] for r in rows if r not in moved} == {"0"}
