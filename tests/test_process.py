"""The command line's own process: objects frozen after a command's imports and before a
clean exit, only when the command line owns the process (never in a host such as these
tests, which mark themselves one in conftest.py)."""

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


def test_a_host_process_is_never_claimed_nor_frozen(unfrozen):
    assert process._host  # conftest.py marked this test run a host
    with process.command_line():
        assert not process.owned()
        process.settle_imports()
    assert gc.get_freeze_count() == unfrozen


def test_main_in_a_host_leaves_nothing_frozen_and_no_claim(monkeypatch, unfrozen):
    monkeypatch.setattr(sys, "argv", ["stadstrends", "show", "Zwolle", "population",
                                      "--db", "/nonexistent/warehouse.duckdb"])
    with pytest.raises(SystemExit) as exit_:
        cli.main()
    assert exit_.value.code == 1  # the missing warehouse, reported as a short message
    assert not process.owned() and gc.get_freeze_count() == unfrozen


def test_an_owned_process_freezes_after_the_imports_and_at_a_clean_end(monkeypatch, unfrozen):
    monkeypatch.setattr(process, "_host", False)
    with process.command_line():
        assert process.owned()
        made = [[i] for i in range(1000)]
        assert gc.is_tracked(made[0])
        process.settle_imports()
        tracked = {id(x) for x in gc.get_objects()}
        assert not any(id(x) in tracked for x in made)  # out of the collector's sight
        after = [[i] for i in range(10)]
    assert not process.owned()
    assert id(after[0]) not in {id(x) for x in gc.get_objects()}  # frozen at the end


def test_an_owned_process_freezes_nothing_more_after_an_error(monkeypatch, unfrozen):
    monkeypatch.setattr(process, "_host", False)
    with pytest.raises(RuntimeError), process.command_line():
        raise RuntimeError("a failed command")
    assert gc.get_freeze_count() == unfrozen and not process.owned()


def test_a_build_freezes_before_its_workers_fork(tmp_path, shared_data):
    """In the command line's process the objects of the build's imports are frozen before
    the build starts (the reading workers fork from it)."""
    code = (
        "import gc, sys\n"
        "import stadstrends.warehouse.build as wb\n"
        "seen = []\n"
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



_LEAVING = (  # python -v: the interpreter's teardown says '# cleanup['
    "import atexit, os, sys, threading, time\n"
    "marks = sys.argv[1]\n"
    "atexit.register(lambda: open(marks + '.atexit', 'w').write('ran'))\n"
    "if sys.argv[2] == 'thread':\n"
    "    threading.Thread(target=time.sleep, args=(2,)).start()\n"
    "sys.argv = ['stadstrends', *sys.argv[3:]]\n"
    "from stadstrends.cli import main\n"
    "main()\n")


def _leave(tmp_path, thread: str, *argv: str) -> tuple[subprocess.CompletedProcess, bool]:
    """Run ``argv`` in a command line process; whether its exit handlers ran and whether
    the interpreter tore itself down."""
    marks = tmp_path / "mark"
    out = subprocess.run([sys.executable, "-v", "-c", _LEAVING, str(marks), thread, *argv],
                         capture_output=True, text=True, timeout=120)
    assert (tmp_path / "mark.atexit").exists()  # the exit handlers ran
    (tmp_path / "mark.atexit").unlink()
    return out, "\n# cleanup[" in out.stderr


def test_a_clean_end_leaves_at_once_after_the_exit_handlers_with_all_output(tmp_path):
    out, torn_down = _leave(tmp_path, "none", "--help")
    assert out.returncode == 0 and "build" in out.stdout and out.stdout.rstrip().endswith("╯")
    assert not torn_down


def test_an_error_or_a_running_thread_ends_as_usual(tmp_path):
    out, torn_down = _leave(tmp_path, "none", "show", "Zwolle", "population",
                            "--db", str(tmp_path / "none.duckdb"))
    assert out.returncode == 1 and "none.duckdb" in out.stderr and torn_down
    out, torn_down = _leave(tmp_path, "thread", "--help")
    assert out.returncode == 0 and torn_down
