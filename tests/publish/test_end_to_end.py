"""Publish on the real warehouse: what needs the real country. The behaviour tests of
publish run on the synthetic warehouse (tests/fixtures/synthetic_warehouse.py)."""

from __future__ import annotations

import subprocess
import sys


def test_cli_profile_of_a_name_two_municipalities_share(warehouse_path):
    out = subprocess.run([sys.executable, "-m", "stadstrends.cli", "profile", "Bergen (NH.)",
                          "--db", str(warehouse_path)], capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == 0 and "Stadsprofiel Bergen (NH.) (GM0373)" in out.stdout
