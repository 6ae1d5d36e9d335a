"""The reading commands print exactly what they printed before their start-up was made
faster (issue 16): `show` and `regions` on the synthetic warehouse, byte for byte, against
tests/fixtures/cli_output (written by main 970f879 at a terminal width of 100 columns;
rewrite them only when the output is meant to change: session 21 named the regions' columns
in the command's language, 'code', 'naam', ..., and put 'Source: CBS' under an English
table; session 52 put the unit under `show`'s 'waarde': '(inwoners)')."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

EXPECTED = Path(__file__).parent / "fixtures" / "cli_output"
CASES = {
    "show_Zwolle_population": ("show", "Zwolle", "population"),
    "show_Zwolle_unemployment_rate_lang_en": ("show", "Zwolle", "unemployment_rate",
                                              "--lang", "en"),
    "show_Weesp_population": ("show", "Weesp", "population"),  # a note on stderr
    "regions_Zwolle": ("regions", "Zwolle"),
    "regions_set_G40": ("regions", "--set", "G40"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_reading_commands_print_what_they_printed(synthetic_path, name):
    env = {**os.environ, "COLUMNS": "100"}
    out = subprocess.run([sys.executable, "-m", "stadstrends.cli", *CASES[name], "--db",
                          str(synthetic_path)], capture_output=True, env=env, timeout=120)
    assert out.returncode == 0, out.stderr.decode()
    assert out.stdout == (EXPECTED / f"{name}.out").read_bytes()
    err = EXPECTED / f"{name}.err"
    assert out.stderr == (err.read_bytes() if err.exists() else b"")
