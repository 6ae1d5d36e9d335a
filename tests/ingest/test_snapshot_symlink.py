"""A snapshot whose sub-folder is a symlink (``cbs_statline_dump/municipal_complete`` linked to
the real folder) finds its tables: ``Path.rglob`` of Python 3.11 does not enter a symlinked
folder, and the build said 'tabel 80860ned ontbreekt in de snapshot: het bestand
.../municipal_complete/80860ned.csv is er niet' (real snapshot). A link back up the tree is
read once, not without end."""

from __future__ import annotations

from pathlib import Path

from stadstrends.ingest.snapshot import available_tables, find_table


def _linked(tmp_path: Path, statline: Path) -> Path:
    snap = tmp_path / "snap"
    (snap / "cbs_statline_dump").mkdir(parents=True)
    (snap / "cbs_statline_dump" / "municipal_complete").symlink_to(
        statline / "municipal_complete", target_is_directory=True)
    # a loop: a folder linking back to the dump itself
    (snap / "cbs_statline_dump" / "loop").symlink_to(snap / "cbs_statline_dump",
                                                      target_is_directory=True)
    return snap


def test_a_symlinked_folder_holds_its_tables(tmp_path: Path, statline: Path) -> None:
    real = statline / "municipal_complete" / "80860ned.csv"
    assert real.exists()
    snap = _linked(tmp_path, statline)
    found = find_table(snap, "80860ned")
    assert found.resolve() == real.resolve()
    assert found.name == "80860ned.csv"
    have = {t.lower() for t in available_tables(snap)}
    want = {p.stem.lower() for p in (statline / "municipal_complete").glob("*.csv")}
    assert want and want <= have
