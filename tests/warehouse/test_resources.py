"""The build's memory limit and spill folder: validated, applied, recorded (issue 16)."""

from __future__ import annotations

import subprocess
import sys

import duckdb
import pytest

from stadstrends.errors import InvalidParameter
from stadstrends.warehouse.resources import BuildResources


def test_limit_and_folder_are_applied_and_recorded(tmp_path):
    spill = tmp_path / "spill"
    resources = BuildResources.from_options("300MB", spill)
    with duckdb.connect(str(tmp_path / "w.duckdb")) as con:
        resources.apply(con)
        limit = con.execute("SELECT current_setting('memory_limit')").fetchall()[0][0]
        recorded = resources.record(con)
    assert limit.endswith("MiB") and 280 <= float(limit.split()[0]) <= 300  # 300 MB in MiB
    assert spill.is_dir()
    assert recorded == {"memory_limit": "300MB", "temp_directory": str(spill)}


@pytest.mark.parametrize("bad", ["lots", "12", "-1GB", "1 GBB"])
def test_a_limit_that_is_not_a_size_is_refused(bad):
    with pytest.raises(InvalidParameter, match="is not a size"):
        BuildResources.from_options(bad, None)


def test_cli_refuses_a_bad_limit_before_reading_anything(tmp_path):
    out = subprocess.run([sys.executable, "-m", "stadstrends.cli", "build", "--snapshot",
                          str(tmp_path), "--db", str(tmp_path / "w.duckdb"),
                          "--memory-limit", "lots"], capture_output=True, text=True, timeout=120)
    assert out.returncode == 1
    assert "--memory-limit 'lots' is not a size" in out.stderr and "Traceback" not in out.stderr
    assert not (tmp_path / "w.duckdb").exists()
