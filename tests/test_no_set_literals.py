"""Region sets are data: the ids of the city networks (G4, G32, G40, ...) appear only in the
region-set data and the configuration files that name them, never in code, templates,
help texts, docstrings or the words of the language files (a word that names the city set
takes its name as a parameter, ``{city_set}``)."""

from __future__ import annotations

import re
from pathlib import Path

import stadstrends

SRC = Path(stadstrends.__file__).parent
# the files that may name a set: the region sets themselves, the comparison groups built
# from them, the build settings, and catalogue/opgaven data whose notes are about a set
DATA_FILES = {"regions/sets.yaml", "regions/groups.yaml", "settings.yaml",
              "indicators/catalogue.yaml", "analysis/opgaven.yaml"}
SET_ID = re.compile(r"(?<![A-Za-z0-9])G(?:4|32|40)(?![0-9])", re.IGNORECASE)


def set_literals(root: Path = SRC) -> list[str]:
    """``file:line: text`` of every set id outside the data files (text files only)."""
    found = []
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        if not path.is_file() or rel in DATA_FILES or "__pycache__" in path.parts:
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:  # images, fonts
            continue
        found += [f"{rel}:{n}: {line.strip()[:100]}"
                  for n, line in enumerate(text.splitlines(), 1) if SET_ID.search(line)]
    return found


def test_set_ids_only_in_region_set_data_and_configuration() -> None:
    found = set_literals()
    assert not found, "set ids outside the region-set data and configuration:\n" + "\n".join(
        found)


def test_the_scan_finds_a_literal(tmp_path: Path) -> None:
    """The scan is not blind: code, a template and a word naming a set are each found, the
    data files and look-alikes (GM0400, G400, PG4) are not."""
    (tmp_path / "regions").mkdir()
    (tmp_path / "regions" / "sets.yaml").write_text("G40:\n  label: G40\n", encoding="utf-8")
    (tmp_path / "a.py").write_text('x = 1\nSET = "G40"\ncode = "GM0400"  # G400, PG4\n',
                                   encoding="utf-8")
    (tmp_path / "t.html").write_text("<p>{{ t.g40_median }}</p>\n", encoding="utf-8")
    (tmp_path / "nl.yaml").write_text("tagline: Trends in de G32-steden\n", encoding="utf-8")
    assert set_literals(tmp_path) == ['a.py:2: SET = "G40"', "nl.yaml:1: tagline: Trends in "
                                      "de G32-steden", "t.html:1: <p>{{ t.g40_median }}</p>"]
