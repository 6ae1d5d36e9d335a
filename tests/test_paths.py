"""Cache files are written whole or not at all."""

from __future__ import annotations

import os

import pytest

from stadstrends.paths import write_cache


def test_a_cache_file_is_written_into_new_folders_and_replaced_whole(tmp_path):
    path = tmp_path / "a" / "b" / "x.bin"
    write_cache(path, b"first")
    write_cache(path, b"second")
    assert path.read_bytes() == b"second"
    assert sorted(p.name for p in path.parent.iterdir()) == ["x.bin"]  # no temporary left


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_cache_costs_nothing_but_the_file(tmp_path):
    tmp_path.chmod(0o500)
    try:
        write_cache(tmp_path / "x.bin", b"data")  # no error
        assert not (tmp_path / "x.bin").exists()
    finally:
        tmp_path.chmod(0o700)


def test_a_cache_path_that_is_a_folder_is_left_alone(tmp_path):
    (tmp_path / "x.bin").mkdir()
    write_cache(tmp_path / "x.bin", b"data")  # os.replace onto a folder fails: no error
    assert (tmp_path / "x.bin").is_dir()
    assert [p.name for p in tmp_path.iterdir()] == ["x.bin"]
