"""Pages rendered ahead of their first request, once per build, by one low-priority process.

A first render of a city page costs ~100 ms of CPU and pages vary by municipality x language,
so a server that renders only on request spends its first minutes after a build rendering
while requests wait. ``stadstrends serve`` therefore starts this process (``start``), which
renders every current municipality's city page (each language) and profile, every indicator
page (each language) and the home page through the app itself, the cities of the settings'
city set and key indicators first, into the build's pages folder (``page_files.py``), where
every worker finds them. It runs at the lowest CPU priority (``nice 19``), so requests come
first; one process per build (a lock in the folder; the other workers' attempts stop at
once); a ``.complete`` marker makes a restart skip it. It stops when its server worker ends or
another build is swapped in at the warehouse path.

Run by hand: ``python -m stadstrends.publish.web.prerender WAREHOUSE``.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import subprocess
import sys
from pathlib import Path

LOCK = ".prerender.lock"
DONE = ".complete"


def urls(wh) -> list[str]:  # noqa: ANN001 - WebWarehouse
    """Every page to render, the most asked first: the city set's city pages and profiles, key
    indicator pages, home; then the other municipalities and indicators."""
    from stadstrends.vocabulary import languages

    def q(lang: str) -> str:
        return "" if lang == "nl" else f"?lang={lang}"

    langs = languages()
    current = sorted(c for c, r in wh.regions.items()
                     if r["level"] == "gemeente" and r["current"])
    first = [c for c in wh.city_set if c in current]
    cities = first + [c for c in current if c not in set(first)]
    keys = list(wh.key_indicators)
    inds = keys + [i for i in wh.indicators if i not in set(keys)]

    def city(codes: list[str]) -> list[str]:
        return [u for c in codes for u in
                [*(f"/gemeente/{c}{q(lang)}" for lang in langs), f"/api/v1/profile/{c}"]]

    def indicator(ids: list[str]) -> list[str]:
        return [f"/indicator/{i}{q(lang)}" for i in ids for lang in langs]

    return [*city(first), *indicator(keys), *(f"/{q(lang)}" for lang in langs),
            *city(cities[len(first):]), *indicator(inds[len(keys):])]


def start(wh) -> subprocess.Popen | None:  # noqa: ANN001 - WebWarehouse
    """Start the pre-render process for ``wh``'s build unless it is done or running."""
    from stadstrends.publish.web import page_files

    build = wh.build_info.get("build_id")
    if not build or os.environ.get("STADSTRENDS_WEB_PRERENDER", "1") == "0":
        return None
    where = page_files.folder(wh.db_path, str(build), wh.reports_dir)
    if (where / DONE).exists() or _held(where / LOCK):
        return None
    return subprocess.Popen(
        [sys.executable, "-m", "stadstrends.publish.web.prerender", str(wh.db_path),
         str(os.getpid()), str(wh.reports_dir or "")], stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL)


_STARTED: list[subprocess.Popen] = []  # this server worker's pre-render processes


def start_and_wait(wh) -> None:  # noqa: ANN001 - WebWarehouse
    """:func:`start`, then reap the process when it ends (for a daemon thread)."""
    proc = start(wh)
    if proc is not None:
        _STARTED.append(proc)
        proc.wait()
        _STARTED.remove(proc)


def stop() -> None:
    """End the pre-render processes this server worker started (it is stopping); the build's
    pages not rendered yet are rendered at their first request or by the next server."""
    for proc in list(_STARTED):
        proc.terminate()


def _held(lock: Path) -> bool:
    try:
        with open(lock, "a") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return True
    return False


def run(db_path: Path, parent: int | None = None, reports_dir: Path | None = None,
        paths: list[str] | None = None) -> int:
    """Render every page (or ``paths``) of the warehouse's build that is not a file yet;
    the number of pages answered (0 when another process renders this build, -1 when it
    stopped early)."""
    if parent is not None and os.getppid() != parent:
        return -1  # its server worker ended before this process got the CPU to start
    from stadstrends.publish.read import build_info, open_warehouse
    from stadstrends.publish.web import page_files
    from stadstrends.publish.web.reload import file_id

    con = open_warehouse(Path(db_path))  # the build, before the app
    try:
        build = build_info(con).get("build_id")
    finally:
        con.close()
    where = page_files.folder(Path(db_path), str(build),
                              Path(reports_dir) if reports_dir else None)
    with open(where / LOCK, "a") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return 0  # another process renders this build
        if (where / DONE).exists() and paths is None:
            return 0
        from stadstrends.publish.web.app import create_app

        app = create_app(db_path, reports_dir, warm=False, reload_every=None)
        app.state.pages_in_memory = False
        wh = app.state.wh
        if str(wh.build_info.get("build_id")) != str(build):
            wh.close()
            return -1  # swapped meanwhile: the new build's own process renders it

        def stop() -> bool:
            if parent is not None and os.getppid() != parent:
                return True  # the server worker that started us is gone
            try:
                return file_id(wh.db_path) != wh.file_id or not where.is_dir()
            except OSError:
                return True

        made = _run(_render(app, urls(wh) if paths is None else paths, stop))
        if made >= 0 and paths is None:
            (where / DONE).write_text(f"{made}\n")
    wh.close()
    return made


def _run(job):  # noqa: ANN001, ANN202 - a coroutine and its result
    """``asyncio.run(job)``, in a thread of its own when this thread runs an event loop."""
    import asyncio

    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(job)
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, job).result()


async def _render(app, paths: list[str], stop) -> int:  # noqa: ANN001
    """GET each path through the app (its page cache writes the files); -1 when stopped."""
    import httpx

    made = 0
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://prerender") as client:
        for i, path in enumerate(paths):
            if i % 10 == 0 and stop():
                return -1
            response = await client.get(path, headers={"accept": "text/html"})
            made += response.status_code == 200
    return made


if __name__ == "__main__":
    args = sys.argv[1:]
    if not args:
        raise SystemExit(__doc__)
    with contextlib.suppress(OSError):
        os.nice(19)  # the server's requests come first
    if len(args) > 1:  # the server worker killed (kill -9): end too, not a minute later
        import threading

        from stadstrends.publish.web.download_files import _orphan_watch

        threading.Thread(target=_orphan_watch, args=(int(args[1]),), daemon=True).start()
    run(Path(args[0]), int(args[1]) if len(args) > 1 else None,
        Path(args[2]) if len(args) > 2 and args[2] else None)
