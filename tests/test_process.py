"""The command line's own process: objects frozen after a command's imports and before exit,
only when the command line owns the process (never in a host such as these tests)."""

from __future__ import annotations

import gc
import subprocess
import sys

import pytest

from stadstrends import cli, process


@pytest.fixture
def unfrozen():
    before = gc.get_freeze_count()
    yield before
    gc.unfreeze()  # the tests' objects are collected again
    process._owned = False


def test_a_host_process_is_never_frozen(unfrozen):
    assert not process.owned()
    process.settle_imports()
    process.finish()
    assert gc.get_freeze_count() == unfrozen


def test_the_command_lines_process_is_frozen_after_the_imports(unfrozen, monkeypatch):
    monkeypatch.setattr(process, "_owned", True)
    kept = [object() for _ in range(10)] + [[i] for i in range(1000)]
    process.settle_imports()
    assert gc.get_freeze_count() >= unfrozen + len(kept)


def test_main_claims_the_process_and_finishes_also_after_an_error(monkeypatch, unfrozen):
    calls = []
    monkeypatch.setattr(process, "finish", lambda: calls.append(process.owned()))
    monkeypatch.setattr(sys, "argv", ["stadstrends", "show", "Zwolle", "population",
                                      "--db", "/nonexistent/warehouse.duckdb"])
    with pytest.raises(SystemExit) as exit_:
        cli.main()
    assert exit_.value.code == 1  # the missing warehouse, reported as a short message
    assert calls == [True]


def test_a_build_freezes_before_its_workers_fork(tmp_path, shared_data):
    """In the command line's process the objects of the build's imports are frozen before
    the build starts (the reading workers fork from it); the build still completes."""
    code = (
        "import gc, sys\n"
        "import stadstrends.warehouse.build as wb\n"
        "seen = []\n"
        "orig = wb.build_warehouse\n"
        "def spy(*a, **k):\n"
        "    seen.append((gc.get_freeze_count(), len(gc.get_objects())))\n"
        "    raise SystemExit(0)\n"
        "wb.build_warehouse = spy\n"
        "sys.argv = ['stadstrends', 'build', '--snapshot', sys.argv[1], '--db', sys.argv[2]]\n"
        "from stadstrends.cli import main\n"
        "try:\n"
        "    main()\n"
        "finally:\n"
        "    print('frozen', seen)\n")
    out = subprocess.run([sys.executable, "-c", code, str(shared_data),
                          str(tmp_path / "w.duckdb")], capture_output=True, text=True,
                         timeout=120)
    assert "frozen [(" in out.stdout, out.stdout + out.stderr
    frozen, tracked = eval(out.stdout.split("frozen")[-1])[0]
    assert frozen > 50_000 and tracked < frozen / 10  # the imports' objects, not walked
