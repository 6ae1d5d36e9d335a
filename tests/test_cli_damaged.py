"""A warehouse damaged after its build (a copy of the real build with 200 kB of random bytes
written over it, as a failing disk or an interrupted copy leaves it): the command line says
the file is damaged and how to rebuild it, never a traceback (51 lines ending
'_duckdb.Error: Corrupt database file: computed checksum ... does not match')."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

OFFSETS_MB = (20, 40, 60, 80, 100)  # where the damage starts: data blocks of the tables


def damaged_copy(warehouse: Path, folder: Path, offset_mb: int) -> Path:
    """A copy of ``warehouse`` with 200 kB of random bytes from ``offset_mb`` MB on."""
    copy = folder / f"damaged-{offset_mb}.duckdb"
    shutil.copyfile(warehouse, copy)
    with copy.open("r+b") as f:
        f.seek(offset_mb * 1024 * 1024)
        f.write(os.urandom(200 * 1024))
    return copy


def test_a_damaged_warehouse_is_named_with_the_rebuild_hint(warehouse_path, tmp_path):
    met = 0
    for offset in OFFSETS_MB:
        copy = damaged_copy(warehouse_path, tmp_path, offset)
        out = subprocess.run([sys.executable, "-m", "stadstrends.cli", "report", "Heerlen",
                              "--db", str(copy), "--out", str(tmp_path / "out"),
                              "--format", "html", "--lang", "en"], capture_output=True,
                             text=True,
                             timeout=300)
        assert "Traceback" not in out.stderr + out.stdout, (offset, out.stderr[-2000:])
        if out.returncode == 0:  # the report read no damaged block
            copy.unlink()
            continue
        met += 1
        assert out.returncode == 1, out.stderr
        assert f"the warehouse {copy} is damaged: Corrupt database file" in out.stderr, \
            out.stderr
        assert "stadstrends build --snapshot" in out.stderr and str(copy) in out.stderr
        copy.unlink()
    assert met, "no damaged copy was read where it was damaged"
