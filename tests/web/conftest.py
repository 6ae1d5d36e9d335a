"""Web fixtures: the app in-process (TestClient), a real uvicorn server on loopback, and tabs
of the session's Chromium (``browser``, tests/conftest.py)."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.browser import tab
from tests.publish.loaded import connect

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "web"


def _reports_folder(factory: pytest.TempPathFactory, name: str) -> Path:
    """A reports folder with one (fake) report for Zwolle."""
    folder = factory.mktemp(name)
    (folder / "zwolle.nl.html").write_text("<!doctype html><title>Zwolle</title><p>rapport",
                                           encoding="utf-8")
    return folder


def _app(warehouse: Path, reports: Path):
    from stadstrends.publish.web.app import create_app

    app = create_app(warehouse, reports, warm=False)
    yield app
    app.state.wh.close()


@pytest.fixture()
def wh(warehouse_path: Path):
    """A read-only connection to the session's warehouse, marked as the app marks its own
    (``open_warehouse``): what is not a city's is read once per test (tests/publish/loaded.py)."""
    con = connect(warehouse_path)
    yield con
    con.close()


@pytest.fixture(scope="session")
def reports_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _reports_folder(tmp_path_factory, "reports")


@pytest.fixture(scope="session")
def web_app(warehouse_path: Path, reports_dir: Path):
    yield from _app(warehouse_path, reports_dir)


@pytest.fixture(scope="session")
def client(web_app) -> Iterator[TestClient]:
    with TestClient(web_app) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def syn_reports_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _reports_folder(tmp_path_factory, "syn-reports")


@pytest.fixture(scope="session")
def syn_app(synthetic_path: Path, syn_reports_dir: Path):
    """The app on the synthetic warehouse (tests/fixtures/synthetic_warehouse.py)."""
    yield from _app(synthetic_path, syn_reports_dir)


@pytest.fixture(scope="session")
def syn_client(syn_app) -> Iterator[TestClient]:
    with TestClient(syn_app) as test_client:
        yield test_client


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def live_server(web_app) -> Iterator[str]:
    """The app under uvicorn in a thread on 127.0.0.1 and a random free port."""
    yield from _serve(web_app)


@pytest.fixture(scope="session")
def syn_server(syn_app) -> Iterator[str]:
    """The synthetic warehouse's app under uvicorn on loopback."""
    yield from _serve(syn_app)


def _serve(app) -> Iterator[str]:
    import uvicorn

    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port,
                                           log_level="warning", access_log=False))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture()
def page(browser):
    with tab(browser, 1280) as page:
        yield page


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@pytest.fixture()
def axe_page(browser):
    """A tab that may inject axe-core despite the pages' Content-Security-Policy."""
    with tab(browser, 1280, locale=None, bypass_csp=True) as page:
        yield page
