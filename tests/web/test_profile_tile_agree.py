"""`stadstrends profile` prints a tile's group median and ommeland as the city page does
(real warehouse). Land van Cuijk's jobs: the group's median of figures CBS rounds to
hundreds, 32 550, printed '32,550' by the CLI beside the page's '32,600 jobs' (one rule now:
``harmonised.round_median``); its ommeland's population and jobs, '592,156 inhabitants' and
'312,100 jobs' on the page, were '–' (the CLI read ``region_gaps``, which has no count)."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

CODE = "GM1982"  # Land van Cuijk, in its default group
HTML = {"accept": "text/html"}


@pytest.fixture(scope="module")
def printed(warehouse_path) -> str:
    out = subprocess.run([sys.executable, "-m", "stadstrends.cli", "profile", CODE, "--lang",
                          "en", "--db", str(warehouse_path)], capture_output=True, text=True,
                         timeout=300, env={**os.environ, "COLUMNS": "300"})
    assert out.returncode == 0, out.stderr
    return out.stdout


def _tile(page: str, title: str, unit: str) -> str:
    """The text of the tile of ``title``: its figure, trend, place and ommeland."""
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))
    return re.search(rf"{title} [\d,.]+ {unit} \(.*?Surrounding region: [\d,.]+ {unit}",
                     text).group(0)


def _row(printed: str, title: str) -> list[str]:
    line = next(x for x in printed.splitlines() if x.startswith(title))
    return [c.strip() for c in re.split(r"[│┃]", line)]


@pytest.mark.parametrize(("title", "unit"), [("Jobs of employees", "jobs"),
                                             ("Population on 1 January", "inhabitants")])
def test_the_profile_prints_the_tiles_median_and_ommeland(client, printed, title, unit):
    page = client.get(f"/gemeente/{CODE}?lang=en", headers=HTML).text
    tile = _tile(page, title, unit)
    median = re.search(rf"median ([\d,.]+) {unit}", tile).group(1)
    ommeland = re.search(rf"Surrounding region: ([\d,.]+) {unit}", tile).group(1)
    row = _row(printed, title)
    assert f"(med. {median})" in row[3], (row, tile)
    assert row[4] == ommeland, (row, tile)
