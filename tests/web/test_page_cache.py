"""Rendered pages shared by the server's workers as files per build, rendered ahead by one
low-priority process, at most one render at a time per worker (series never wait behind
renders), and pool processes that end with their worker."""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
from fastapi.testclient import TestClient

from stadstrends.publish.web import page_files, prerender, response_cache
from stadstrends.publish.web.app import create_app


@pytest.fixture()
def db(synthetic_path: Path, tmp_path: Path) -> Path:
    """A copy of the session's synthetic warehouse (its pages folder starts empty)."""
    target = tmp_path / "w.duckdb"
    shutil.copy(synthetic_path, target)
    return target


def _app(db: Path):
    return create_app(db, warm=False, reload_every=None)


def _folder(app) -> Path:  # noqa: ANN001
    wh = app.state.wh
    return page_files.folder(wh.db_path, wh.build_info["build_id"], wh.reports_dir)


def test_a_page_rendered_by_one_worker_is_a_file_the_other_sends(db: Path) -> None:
    first, second = _app(db), _app(db)  # two server workers on one warehouse
    try:
        with TestClient(first) as a, TestClient(second) as b:
            made = a.get("/gemeente/GM0193?lang=en")
            assert made.status_code == 200
            cache_a = _cache(first)
            assert cache_a.misses == 1 and page_files.count(_folder(first)) == 1
            sent = b.get("/gemeente/GM0193?lang=en")
            cache_b = _cache(second)
            assert (cache_b.misses, cache_b.file_hits) == (0, 1)  # read, not rendered
            assert sent.content == made.content
            assert sent.headers["content-type"] == made.headers["content-type"]
            assert sent.headers["etag"] == made.headers["etag"]
            # another language, another file; a failed request is never stored
            assert b.get("/gemeente/GM0193").status_code == 200
            assert b.get("/gemeente/GM9999").status_code == 404
            assert page_files.count(_folder(first)) == 2
    finally:
        first.state.wh.close()
        second.state.wh.close()


def _cache(app) -> response_cache.ResponseCache:  # noqa: ANN001
    """The app's page cache middleware (built with the middleware stack)."""
    layer = app.middleware_stack
    while not isinstance(layer, response_cache.ResponseCache):
        layer = layer.app
    return layer


def test_a_damaged_page_file_is_rendered_again_not_sent(db: Path) -> None:
    app = _app(db)
    try:
        with TestClient(app) as client:
            good = client.get("/api/v1/profile/GM0193").content
            folder = _folder(app)
            (page,) = folder.glob("*.page")
            page.write_bytes(page.read_bytes()[:-500])  # cut short (a torn write)
            again = _app(db)
            with TestClient(again) as other:
                assert other.get("/api/v1/profile/GM0193").content == good
                assert _cache(again).misses == 1
            again.state.wh.close()
            page.write_bytes(b"not a page")
            assert page_files.read(folder, ("/api/v1/profile/GM0193", b"")) is None
    finally:
        app.state.wh.close()


def test_pages_of_another_code_version_or_reports_folder_are_not_used(
        db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An edited template or a new version must not get the old version's pages."""
    app = _app(db)
    try:
        with TestClient(app) as client:
            client.get("/gemeente/GM0193")
        build = app.state.wh.build_info["build_id"]
        old = page_files.folder(db, build, None)
        assert old.name.startswith(f"{build}-") and page_files.count(old) == 1
        assert page_files.folder(db, build, tmp_path / "reports") != old  # links differ
        monkeypatch.setattr(page_files, "code_fingerprint", lambda: "another-version")
        new = page_files.folder(db, build, None)
        assert new != old and page_files.count(new) == 0
        assert not old.exists()  # the old version's pages are removed
    finally:
        app.state.wh.close()


class _SlowPages:
    """An ASGI app: pages take 0.2 s of (simulated) rendering, series answer at once."""

    def __init__(self) -> None:
        self.rendering = self.most = 0

    async def __call__(self, scope, receive, send) -> None:  # noqa: ANN001
        if scope["path"].startswith("/gemeente/"):
            self.rendering += 1
            self.most = max(self.most, self.rendering)
            await asyncio.sleep(0.2)
            self.rendering -= 1
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": scope["path"].encode()})


def test_renders_wait_in_line_and_series_do_not_wait_for_them(tmp_path: Path) -> None:
    """Ten different first renders at once: one at a time per worker; a series request sent
    meanwhile is answered before the first render is done; the same page asked twice at
    once is rendered once."""
    inner = _SlowPages()
    wh = SimpleNamespace(build_info={"build_id": "b1"}, db_path=tmp_path / "w.duckdb",
                         reports_dir=None)
    owner = SimpleNamespace(state=SimpleNamespace(wh=wh))
    cache = response_cache.ResponseCache(inner, owner)

    async def get(path: str) -> tuple[str, float]:
        sent: list[bytes] = []

        async def send(message) -> None:  # noqa: ANN001
            if message["type"] == "http.response.body":
                sent.append(message["body"])

        scope = {"type": "http", "method": "GET", "path": path, "query_string": b"",
                 "headers": []}
        await cache(scope, None, send)
        return b"".join(sent).decode(), time.monotonic()

    async def scenario() -> list[tuple[str, float]]:
        pages = [get(f"/gemeente/GM{i:04d}") for i in range(10)]
        return await asyncio.gather(*pages, get("/gemeente/GM0000"),
                                    get("/api/v1/series?indicator=x&region=y"))

    began = time.monotonic()
    done = prerender._run(scenario())  # asyncio.run (in a thread when a loop runs here)
    assert inner.most == response_cache.RENDER_SLOTS == 1
    assert cache.misses == 10  # GM0000 asked twice, rendered once
    assert done[10][0] == done[0][0] == "/gemeente/GM0000"
    series_at = done[-1][1] - began
    assert series_at < 0.15 < min(t for _, t in done[:10]) - began
    assert max(t for _, t in done[:10]) - began >= 10 * 0.2 - 0.05  # in line, one by one


def test_pages_in_memory_are_bounded_by_bytes_and_a_new_build_drops_the_old_ones(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Three pages of 40 bytes fit 100 bytes two at a time, the least recent goes; once a
    page of another build is kept, the old build's pages are gone (no files here)."""
    monkeypatch.setattr(response_cache, "MAX_BYTES", 100)
    wh = SimpleNamespace(build_info={}, db_path=tmp_path / "w.duckdb", reports_dir=None)
    owner = SimpleNamespace(state=SimpleNamespace(wh=wh))

    async def page(scope, receive, send) -> None:  # noqa: ANN001
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": scope["path"].ljust(40).encode()})

    cache = response_cache.ResponseCache(page, owner)

    async def get(path: str) -> None:
        async def send(message) -> None:  # noqa: ANN001
            pass

        await cache(scope={"type": "http", "method": "GET", "path": path,
                           "query_string": b""}, receive=None, send=send)

    async def scenario() -> list[int]:
        for path in ("/gemeente/A", "/gemeente/B", "/gemeente/A", "/gemeente/C"):
            await get(path)
        kept = [cache.hits, cache.misses]  # A read once; C pushed B out, not A
        await get("/gemeente/A")
        await get("/gemeente/B")
        kept += [cache.hits, cache.misses]
        wh.build_info = {"build_id": "new"}  # no folder without a build id: memory only
        monkeypatch.setattr(response_cache.page_files, "folder", lambda *a: None)
        await get("/gemeente/C")
        wh.build_info = {}
        await get("/gemeente/A")  # the old build's pages were dropped
        return kept + [cache.hits, cache.misses, cache.pages.weight]

    assert prerender._run(scenario()) == [1, 3, 2, 4, 2, 6, 40]


def test_prerender_lists_every_page_most_asked_first(syn_app) -> None:
    wh = syn_app.state.wh
    urls = prerender.urls(wh)
    current = [c for c, r in wh.regions.items() if r["level"] == "gemeente" and r["current"]]
    assert len(current) == 11 and len(wh.city_set) == 5 and len(wh.indicators) == 9
    assert len(urls) == len(set(urls))
    for code in current:
        assert {f"/gemeente/{code}", f"/gemeente/{code}?lang=en",
                f"/api/v1/profile/{code}"} <= set(urls)
    for ind in wh.indicators:
        assert {f"/indicator/{ind}", f"/indicator/{ind}?lang=en"} <= set(urls)
    assert {"/", "/?lang=en"} <= set(urls)
    g40 = len(wh.city_set)
    assert [u for u in urls[:3 * g40]] == [
        u for c in wh.city_set for u in
        (f"/gemeente/{c}", f"/gemeente/{c}?lang=en", f"/api/v1/profile/{c}")]
    assert urls[3 * g40] == f"/indicator/{wh.key_indicators[0]}"


def test_prerender_writes_the_files_the_workers_then_send(db: Path) -> None:
    paths = ["/gemeente/GM0193", "/gemeente/GM0193?lang=en", "/api/v1/profile/GM0193",
             "/indicator/population"]
    assert prerender.run(db, paths=paths) == 4
    app = _app(db)
    try:
        assert page_files.count(_folder(app)) == 4
        with TestClient(app) as client:
            for path in paths:
                assert client.get(path).status_code == 200
        assert (_cache(app).misses, _cache(app).file_hits) == (0, 4)
    finally:
        app.state.wh.close()


def test_one_prerender_per_build_and_it_stops_when_the_warehouse_is_replaced(
        db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import fcntl

    app = _app(db)
    folder = _folder(app)
    build = app.state.wh.build_info["build_id"]
    app.state.wh.close()
    with open(folder / prerender.LOCK, "a") as held:  # another process renders this build
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        assert prerender.run(db, paths=["/gemeente/GM0193"]) == 0
        assert page_files.count(folder) == 0
        wh = SimpleNamespace(build_info={"build_id": build}, db_path=db, reports_dir=None)
        assert prerender.start(wh) is None  # a worker does not even start one
    (folder / prerender.DONE).write_text("1\n")
    assert prerender.start(wh) is None  # done before: a restart skips it
    (folder / prerender.DONE).unlink()

    async def never_stops_by_itself(app, paths, stop):  # noqa: ANN001
        os.utime(db, ns=(1, 1))  # what another build's swap looks like to the file id
        return -1 if stop() else 0

    monkeypatch.setattr(prerender, "_render", never_stops_by_itself)
    assert prerender.run(db) == -1
    assert not (folder / prerender.DONE).exists()  # not marked done: a restart finishes it


def test_a_download_pool_process_ends_with_its_server_worker(tmp_path: Path) -> None:
    """A worker stopped by SIGTERM or kill -9 never shuts its pool down; the pool process
    must not wait forever (it held the load benchmark's pipe open for minutes)."""
    code = ("import os, subprocess, sys, time\n"
            "child = subprocess.Popen([sys.executable, '-c', 'import sys; from "
            "stadstrends.publish.web.download_files import _orphan_watch; "
            "_orphan_watch(int(sys.argv[1]), 0.05)', str(os.getpid())])\n"
            "print(child.pid, flush=True)\n"
            "time.sleep(60)\n")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    worker = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, env=env)
    pool = int(worker.stdout.readline())
    assert _alive(pool)
    worker.kill()
    worker.wait()
    deadline = time.monotonic() + 20
    while _alive(pool) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(pool)


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")


def test_a_server_worker_has_first_renders_made_by_its_helper_process(db: Path) -> None:
    """With ``render_elsewhere`` (what `serve` sets) a first render happens in the worker's
    helper process at lower CPU priority: the worker sends the file it wrote, the same bytes
    as its own render; what is not a 200 page, or a helper that died, the worker answers
    itself."""
    from stadstrends.publish.web import render_pool

    worker = create_app(db, warm=False, reload_every=None, render_elsewhere=True)
    plain = _app(db)
    try:
        with TestClient(worker) as client, TestClient(plain) as other:
            page = client.get("/gemeente/GM0193?lang=en")
            cache = _cache(worker)
            assert page.status_code == 200 and (cache.misses, cache.elsewhere) == (1, 1)
            (helper,) = render_pool._pool()._processes
            assert helper != os.getpid()
            assert os.getpriority(os.PRIO_PROCESS, helper) > os.getpriority(
                os.PRIO_PROCESS, os.getpid())
            (page_files.folder(db, worker.state.wh.build_info["build_id"], None)
             / page_files.file_name(("/gemeente/GM0193", b"lang=en"))).unlink()
            assert other.get("/gemeente/GM0193?lang=en").content == page.content  # in-process
            missing = client.get("/gemeente/GM9999")
            assert missing.status_code == 404 and cache.elsewhere == 1
            os.kill(helper, 9)  # the helper dies: the worker renders, then a new helper
            assert client.get("/indicator/population").status_code == 200
            assert client.get("/api/v1/profile/GM0363").status_code == 200
            assert cache.misses == 4 and cache.elsewhere in (1, 2)
    finally:
        render_pool.shutdown()
        worker.state.wh.close()
        plain.state.wh.close()
