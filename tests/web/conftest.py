"""Web fixtures: the app in-process (TestClient) and a real uvicorn server on loopback."""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

CHROMIUM = os.environ.get("STADSTRENDS_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
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


def browser_path() -> str:
    """Chromium for Playwright: a missing browser fails in CI and skips elsewhere."""
    path = shutil.which(CHROMIUM) or (CHROMIUM if Path(CHROMIUM).exists() else None)
    if path is None:
        message = f"Chromium not found at {CHROMIUM} (Debian package 'chromium')"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.fixture(scope="session")
def browser():
    path = browser_path()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        if os.environ.get("CI"):
            pytest.fail("the Python package 'playwright' is missing")
        pytest.skip("playwright not installed")
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    tab = context.new_page()
    yield tab
    context.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@pytest.fixture()
def axe_page(browser):
    """A tab that may inject axe-core despite the pages' Content-Security-Policy."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    tab = context.new_page()
    yield tab
    context.close()
