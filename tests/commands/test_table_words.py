"""Every table of the command line wraps between words, never inside one, at 60 and 80
columns and in a pipe (no terminal: plain lines, no colour codes). Before, Rich narrowed a
table too wide for the screen evenly below its columns' longest words: at 60 columns
`profile Zwolle` printed '(2023, voorlop' / 'ig)' and the header 'Ommelan' / 'd', `regions
--set G40` cut "'s-Hertog…", and `indicators` folded table ids ('03759ne' / 'd'); at 80,
`indicators --lang en` folded its header 'directi' / 'on'. Measured on the real snapshot:
each word printed at 60 or 80 columns or in a pipe is a word of the same command printed at
400 columns (where nothing wraps)."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

COMMANDS = [
    ("profile", "Zwolle"), ("profile", "Enschede", "--lang", "en"),
    ("regions", "--set", "G40"), ("regions", "berg"),
    ("show", "Leeuwarden", "thefts_per_1000"), ("show", "Zwolle", "feels_unsafe_share"),
    ("indicators",), ("indicators", "--lang", "en"),
]
#: a table's lines and frame: not words
_WORD = re.compile(r"[^\s│┃━─╇┏┓┗┛┡┩╷╵┼┬┴╸╹]+")


def _run(db, command: tuple[str, ...], columns: int | None) -> str:
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    if columns:
        env["COLUMNS"] = str(columns)
    out = subprocess.run([sys.executable, "-m", "stadstrends.cli", *command, "--db", str(db)],
                         capture_output=True, text=True, timeout=180, env=env)
    assert out.returncode == 0, out.stderr
    return out.stdout


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_no_word_is_cut_at_60_and_80_columns_nor_in_a_pipe(warehouse_path, command):
    whole = set(_WORD.findall(_run(warehouse_path, command, 400)))
    for columns in (60, 80, None):  # None: a pipe, as Rich sees it without COLUMNS
        out = _run(warehouse_path, command, columns)
        assert "\x1b[" not in out  # a pipe or not: plain text, no colour codes
        cut = sorted(set(_WORD.findall(out)) - whole)
        assert cut == [], (columns, cut)


def test_a_narrow_profile_keeps_its_figures_whole_as_records(warehouse_path):
    """At 60 columns Zwolle's domain tables do not fit with whole words (the indicator
    'betalingsachterstand' and 'vergelijkbare' alone): each indicator prints as a record,
    its title on a line, then a line per column ('Laatste  52,6 duizend euro (2023,
    voorlopig)')."""
    out = _run(warehouse_path, ("profile", "Zwolle"), 60)
    lines = out.splitlines()
    assert all(len(line) <= 60 for line in lines)
    start = lines.index("Gemiddeld besteedbaar huishoudensinkomen")
    latest = lines[start + 1]
    assert latest.strip().startswith("Laatste") and "(2023, voorlopig)" in latest
    fields = [line.split()[0] for line in lines[start + 1:start + 8]
              if line.startswith("  ") and not line.startswith("   ")]
    assert fields == ["Laatste", "Trend", "Plaats", "Ommeland"]
    assert "(2023, voorlopig)" in _run(warehouse_path, ("profile", "Zwolle"), 80)
