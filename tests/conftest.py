"""Shared fixtures: the real CBS snapshot in ../shared/data; the ``slow`` marker.

``slow`` is set here, not in the test files: on every test that needs a full-snapshot
warehouse build, a browser or a live (OData) build, directly or through other fixtures,
and on the few single tests listed in ``SLOW_TESTS``. ``python3 -m pytest -m "not slow"``
runs the rest (see the README for both durations); CI runs everything.
"""

from __future__ import annotations

import contextvars
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from stadstrends import process
from stadstrends.paths import default_snapshot_dir

# the tests call the command line's main() in this process: it must not freeze pytest's
# objects for the garbage collector (see stadstrends.process)
process.mark_host()

SLOW_FIXTURES = {
    "warehouse_path",  # builds the warehouse from the whole snapshot (~40 s, once a session)
    "browser",  # Chromium through Playwright
    "snapshot_db", "live",  # tests/ingest/test_live_build.py: builds through a local OData
}
SLOW_TESTS = {  # node id endings of single tests that take many seconds on their own
    "test_snapshot.py::test_all_files_read_and_municipality_labels_map",  # every file
}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if fixtures & SLOW_FIXTURES or any(item.nodeid.endswith(t) for t in SLOW_TESTS):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def shared_data() -> Path:
    path = default_snapshot_dir()
    if not (path / "SOURCES.md").exists():
        pytest.fail(f"real CBS snapshot not found at {path}; set STADSTRENDS_SNAPSHOT")
    return path


@pytest.fixture(scope="session")
def statline(shared_data: Path) -> Path:
    return shared_data / "cbs_statline_dump"


@pytest.fixture(scope="session")
def warehouse_path(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A warehouse built once per test session from the real snapshot, by the command line
    as a user runs it; its output (stdout, not a terminal) is kept in ``build.log`` beside it."""
    db = tmp_path_factory.mktemp("warehouse") / "stadstrends.duckdb"
    out = subprocess.run([sys.executable, "-m", "stadstrends.cli", "build", "--snapshot",
                          str(shared_data), "--db", str(db)],
                         capture_output=True, text=True, timeout=1800)
    if out.returncode != 0:
        pytest.fail(f"stadstrends build failed:\n{out.stdout}\n{out.stderr}")
    (db.parent / "build.log").write_text(out.stdout, encoding="utf-8")
    return db


@pytest.fixture()
def wh(warehouse_path: Path):
    """A read-only connection to the session's warehouse."""
    import duckdb

    con = duckdb.connect(str(warehouse_path), read_only=True)
    yield con
    con.close()


@pytest.fixture(scope="session")
def browser():
    """Headless Chromium for the session (:mod:`tests.browser`; a tab: ``tab(browser, 390)``)."""
    from tests.browser import launched

    yield from launched()


@pytest.fixture(scope="session")
def synthetic_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small synthetic warehouse of :mod:`tests.fixtures.synthetic_warehouse` (eight
    municipalities, five indicators, hand-made values; the real build, ~2-4 s), once a session."""
    from tests.fixtures.synthetic_warehouse import build_synthetic_warehouse

    return build_synthetic_warehouse(tmp_path_factory.mktemp("synthetic") / "stadstrends.duckdb")


@pytest.fixture()
def syn(synthetic_path: Path):
    """A read-only connection to the synthetic warehouse."""
    import duckdb

    con = duckdb.connect(str(synthetic_path), read_only=True)
    yield con
    con.close()


@pytest.fixture()
def cli_run(monkeypatch, capsys) -> Callable[..., subprocess.CompletedProcess]:
    """``cli_run(*args)``: ``stadstrends ARGS`` through the command line's ``main()`` in this
    process (:func:`stadstrends.process.mark_host` above), its exit code, stdout and stderr as
    a finished process's: the same lines as a process of its own, without its start-up
    (~0.4-0.8 s of CPU: Python and the imports) for a test that runs many commands."""
    from stadstrends import cli

    def main() -> int:
        with pytest.raises(SystemExit) as exit_info:
            cli.main()
            raise SystemExit(0)
        return exit_info.value.code or 0

    def run(*args: str) -> subprocess.CompletedProcess:
        capsys.readouterr()
        monkeypatch.setattr(sys, "argv", ["stadstrends", *args])
        # in a copy of the context, as a process of its own: a build's --db
        # (``paths.BUILD_DB``, a context variable) stays out of the tests after it
        code = contextvars.copy_context().run(main)
        out = capsys.readouterr()
        return subprocess.CompletedProcess(args, code, out.out, out.err)

    return run
