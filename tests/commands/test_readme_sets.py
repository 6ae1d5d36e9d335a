"""What the README says about `report --set G40` is the set file's and the warehouse's truth:
how many members the G40 has today and why that is not 40 (the G32 of 2017 and who joined
when, from ``regions/sets.yaml``'s ``since`` dates). Real warehouse."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
README = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
SETS = yaml.safe_load((ROOT / "src/stadstrends/regions/sets.yaml").read_text(encoding="utf-8"))


def _members(con, set_id: str) -> set[str]:
    return {r[0] for r in con.execute("SELECT DISTINCT region_code FROM region_sets "
                                      "WHERE set_id = ?", [set_id]).fetchall()}


def test_readme_g40_count_is_the_set_s(wh) -> None:
    assert "all 41 cities" not in README  # the unexplained count
    said = re.search(r"The G40 has (\d+) members today, not 40: the (\d+) cities of the G32 "
                     r"in 2017, (.+?) \(since July 2022\)", README)
    assert said, "the README says how many members the G40 has and why"
    n, n_g32 = int(said.group(1)), int(said.group(2))
    g40 = _members(wh, "G40")
    assert n == len(g40) == len(SETS["G40"]["members"])
    assert n_g32 == len(_members(wh, "G32_2017")) == len(SETS["G32_2017"]["members"])
    joined = [m for m in SETS["G40"]["members"] if "since" in m]
    g32 = {m["code"] for m in SETS["G32_2017"]["members"]}
    assert {m["code"] for m in joined} == g40 - g32  # the joiners are exactly the non-G32
    assert n == n_g32 + len(joined)
    named = said.group(3)  # 'Assen and Hilversum (since 2018) and Amstelveen'
    for m in joined:
        assert m["name"] in named or m["name"] in said.group(0)
        year = str(m["since"].year)
        where = said.group(0).index(m["name"])
        assert year in said.group(0)[where:], f"{m['name']} joined in {year}"
    assert f"writes a report for each of the {n} and an overview" in README
