"""Load test: latency at a fixed request rate, on loopback only.

Usage: python bench/load.py --db /tmp/w.duckdb [--rate 300] [--seconds 20] [--workers 2]
       python bench/load.py --db /tmp/w.duckdb --mix [--xlsx 8] --seconds 60

``--mix`` sends the realistic mix (series 50 %, profile 15 %, city page 15 %, indicator page
15 %, CSV/Parquet/JSON downloads 5 %) instead of series only, and reports p50/p99 per kind and
the server's memory (RSS of all its processes, sampled each second). ``--xlsx N`` keeps N
uncached XLSX downloads running the whole time (each a different indicator, 120 s timeout);
they are measured apart and count as errors when they fail.

The server renders its pages ahead in a low-priority process (``prerender.py``) into
``.<warehouse>.pages/<build id>/``; the result says how many pages were there when the
measurement began and ended (``pages_at_start``/``pages_at_end``) and the load average.
``--cold`` removes that folder first, so the run includes the first minutes after a new
build (every page rendered on first request or ahead while the load runs).

Starts `stadstrends serve` (uvicorn) on 127.0.0.1 and a free port in a subprocess,
warms it up, then sends requests open-loop: request i is due at start + i / rate, whatever
the server does, and its latency runs from that due time to the last byte of the response
(so queueing counts, no coordinated omission). Each request takes a free keep-alive
connection or opens one, up to ``--connections`` (64); ``client_queue_p99_ms`` says how
long requests waited for a connection in the client (a slow page holds one, so in a
shared pool other requests wait behind it; 1 000 connections were worse on the 2-core
machine: opening and serving them cost the client and the server more than the wait).
Requests ask one or two G40 cities for a key
indicator, a different pair each time. Bounded: at most --seconds x --rate requests
(<= 30 000), 5 s timeout each; the server is stopped at the end. Only 127.0.0.1 is used.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import duckdb

sys.path.insert(0, str(Path(__file__).resolve().parent))
from proctree import descendants, kib  # noqa: E402

HOST = "127.0.0.1"
MAX_REQUESTS = 30_000
TIMEOUT = 5.0
XLSX_TIMEOUT = 120.0
MEMORY_SLACK_MB = 50  # "memory flat": RSS grows at most this much over the second half


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


MIX = (("series", 50), ("profile", 15), ("city", 15), ("indicator", 15), ("download", 5))


def _catalogue(db: Path, every: bool) -> tuple[list[str], list[str], list[str]]:
    con = duckdb.connect(str(db), read_only=True)
    cities = [r[0] for r in con.execute(
        "SELECT region_code FROM region_sets WHERE set_id = 'G40' ORDER BY 1").fetchall()]
    inds = [r[0] for r in con.execute(
        "SELECT indicator_id FROM indicators WHERE key_indicator OR ? ORDER BY 1",
        [every]).fetchall()]
    everything = [r[0] for r in con.execute(
        "SELECT indicator_id FROM indicators ORDER BY 1").fetchall()]
    con.close()
    return cities, inds, everything


def mix_paths(db: Path, n: int, seed: int = 7) -> list[tuple[str, str]]:
    """``n`` (kind, path) pairs of the realistic mix over G40 cities and indicators."""
    cities, keys, everything = _catalogue(db, False)
    rng = random.Random(seed)
    kinds = [k for k, w in MIX for _ in range(w)]
    out = []
    for _ in range(n):
        kind = rng.choice(kinds)
        city, ind, lang = rng.choice(cities), rng.choice(keys), rng.choice(("nl", "en"))
        if kind == "series":
            regions = ",".join(rng.sample(cities, rng.choice((1, 2))))
            path = f"/api/v1/series?indicator={ind}&region={regions}"
        elif kind == "profile":
            path = f"/api/v1/profile/{city}"
        elif kind == "city":
            path = f"/gemeente/{city}" + ("?lang=en" if lang == "en" else "")
        elif kind == "indicator":
            path = f"/indicator/{ind}" + ("?lang=en" if lang == "en" else "")
        else:
            ext = rng.choice(("csv", "parquet", "json"))
            path = f"/api/v1/download/{rng.choice(everything)}.{ext}"
        out.append((kind, path))
    return out


def request_paths(db: Path, n: int, every: bool = False, seed: int = 7) -> list[str]:
    """``n`` series requests over G40 cities x key (or all) indicators, 1-2 cities each."""
    cities, inds, _ = _catalogue(db, every)
    rng = random.Random(seed)
    paths = []
    for _ in range(n):
        regions = ",".join(rng.sample(cities, rng.choice((1, 2))))
        paths.append(f"/api/v1/series?indicator={rng.choice(inds)}&region={regions}")
    return paths


async def fetch(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, path: str) -> int:
    """One GET on a keep-alive connection; the body is read (Content-Length or chunked)."""
    writer.write(f"GET {path} HTTP/1.1\r\nHost: {HOST}\r\n\r\n".encode())
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    length, chunked = 0, False
    for line in head.split(b"\r\n"):
        low = line.lower()
        if low.startswith(b"content-length:"):
            length = int(line.split(b":", 1)[1])
        elif low.startswith(b"transfer-encoding:") and b"chunked" in low:
            chunked = True
    if not chunked:
        await reader.readexactly(length)
        return status
    while True:
        size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
        await reader.readexactly(size + 2)
        if size == 0:
            return status


class Pool:
    """Keep-alive HTTP/1.1 connections to the server (a tiny client: low overhead)."""

    def __init__(self, port: int, size: int) -> None:
        self.port, self.size = port, size
        self.free: asyncio.Queue = asyncio.Queue()
        self.opened = 0

    async def get(self, path: str, waited: list[float] | None = None) -> int:
        began = asyncio.get_running_loop().time()
        if self.free.empty() and self.opened < self.size:
            self.opened += 1
            try:
                conn = await asyncio.open_connection(HOST, self.port, limit=2**20)
            except BaseException:
                self.opened -= 1
                raise
        else:
            conn = await self.free.get()
        reader, writer = conn
        if waited is not None:  # time spent waiting for a free connection in this client
            waited.append(asyncio.get_running_loop().time() - began)
        try:
            status = await fetch(reader, writer, path)
        except BaseException:
            writer.close()
            self.opened -= 1
            raise
        self.free.put_nowait(conn)
        return status

    async def close(self) -> None:
        while not self.free.empty():
            _, writer = self.free.get_nowait()
            writer.close()


def summary(latencies: list[float]) -> dict:
    ms = sorted(x * 1000 for x in latencies)
    if len(ms) < 2:
        return {"n": len(ms)}
    q = statistics.quantiles(ms, n=100, method="inclusive")
    return {"n": len(ms), "p50_ms": round(q[49], 2), "p90_ms": round(q[89], 2),
            "p99_ms": round(q[98], 2), "max_ms": round(ms[-1], 2)}


async def xlsx_loop(port: int, names: list[str], stop: asyncio.Event, out: dict) -> None:
    """Uncached XLSX downloads one after another on one connection, until ``stop``."""
    reader, writer = await asyncio.open_connection(HOST, port, limit=2**20)
    loop = asyncio.get_running_loop()
    try:
        for name in names:
            if stop.is_set():
                break
            began = loop.time()
            try:
                status = await asyncio.wait_for(
                    fetch(reader, writer, f"/api/v1/download/{name}.xlsx"), XLSX_TIMEOUT)
                out["ok" if status == 200 else "errors"] += 1
            except (TimeoutError, OSError, asyncio.IncompleteReadError):
                out["errors"] += 1
                writer.close()
                reader, writer = await asyncio.open_connection(HOST, port, limit=2**20)
            out["seconds"].append(loop.time() - began)
    finally:
        writer.close()


async def run(port: int, paths: list, rate: float, connections: int, xlsx: list[list[str]]
              = ()) -> dict:
    """Send ``paths`` (strings, or (kind, path) pairs) open-loop at ``rate``."""
    pool = Pool(port, connections)
    latencies: list[float] = []
    kinds: dict[str, list[float]] = {}
    waits: dict[str, list[float]] = {}
    errors: dict[str, int] = {}
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    heavy = {"ok": 0, "errors": 0, "seconds": []}
    background = [asyncio.create_task(xlsx_loop(port, names, stop, heavy)) for names in xlsx]
    start = loop.time() + 0.05

    async def one(i: int, item) -> None:
        kind, path = item if isinstance(item, tuple) else ("series", item)
        due = start + i / rate
        await asyncio.sleep(max(0.0, due - loop.time()))
        try:
            status = await asyncio.wait_for(pool.get(path, waits.setdefault(kind, [])),
                                            TIMEOUT)
            if status != 200:
                errors[kind] = errors.get(kind, 0) + 1
        except (TimeoutError, OSError, asyncio.IncompleteReadError):
            errors[kind] = errors.get(kind, 0) + 1
        latencies.append(loop.time() - due)
        kinds.setdefault(kind, []).append(loop.time() - due)

    await asyncio.gather(*(one(i, p) for i, p in enumerate(paths)))
    elapsed = loop.time() - start
    stop.set()
    await asyncio.gather(*background)
    await pool.close()
    all_ = summary(latencies)
    result = {"requests": all_["n"], "errors": sum(errors.values()),
              "seconds": round(elapsed, 2), "achieved_rps": round(len(latencies) / elapsed, 1),
              **{k: v for k, v in all_.items() if k != "n"}, "connections": pool.opened}
    if len(kinds) > 1 or xlsx:
        result["kinds"] = {k: {**summary(v), "errors": errors.get(k, 0),
                               "client_queue_p99_ms": summary(waits.get(k, [])).get("p99_ms")}
                           for k, v in sorted(kinds.items())}
    result["client_queue_p99_ms"] = summary([w for v in waits.values() for w in v]).get(
        "p99_ms")
    if xlsx:
        result["xlsx"] = {"parallel": len(xlsx), "done": heavy["ok"], "errors": heavy["errors"],
                          **{k: v for k, v in summary(heavy["seconds"]).items() if k != "n"}}
        result["errors"] += heavy["errors"]
    return result


def rss_mb(pid: int) -> float:
    """Resident memory of ``pid`` and its children (uvicorn workers), MB."""
    return round(kib([pid, *descendants(pid)], "status", "VmRSS") / 1024, 1)


class MemorySampler:
    """RSS of the server once a second in a thread: first, max and last sample."""

    def __init__(self, pid: int) -> None:
        import threading

        self.pid, self.samples = pid, []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.wait(1.0):
            self.samples.append(rss_mb(self.pid))

    def __enter__(self) -> MemorySampler:
        self.samples.append(rss_mb(self.pid))
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.samples.append(rss_mb(self.pid))

    def report(self) -> dict:
        n = len(self.samples)
        return {"rss_start_mb": self.samples[0], "rss_max_mb": max(self.samples),
                "rss_end_mb": self.samples[-1],
                "rss_second_half_growth_mb": round(self.samples[-1] - self.samples[n // 2], 1)}


def pages_folder(db: Path) -> Path:
    """The folder of the server's rendered pages (one subfolder per build and code)."""
    return db.with_name(f".{db.name}.pages")


def page_count(folder: Path) -> int:
    """Rendered pages in the folder (those of the build being served)."""
    return sum(1 for _ in folder.glob("*/*.page"))


def wait_ready(port: int, proc: subprocess.Popen, limit: float = 60) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"server exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(f"http://{HOST}:{port}/api/v1/regions?limit=1",
                                        timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("server did not start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, default=Path(os.environ.get(
        "STADSTRENDS_WEB_DB", "stadstrends.duckdb")))
    parser.add_argument("--rate", type=float, default=300.0, help="requests per second")
    parser.add_argument("--seconds", type=float, default=20.0, help="measured duration")
    parser.add_argument("--workers", type=int, default=2, help="uvicorn worker processes")
    parser.add_argument("--connections", type=int, default=64,
                        help="client keep-alive connections at most")
    parser.add_argument("--all-indicators", action="store_true",
                        help="all indicators (more than the server's series cache holds)")
    parser.add_argument("--mix", action="store_true",
                        help="the realistic mix (series, profile, city, indicator, downloads)")
    parser.add_argument("--xlsx", type=int, default=0,
                        help="uncached XLSX downloads kept running in parallel (<= 16)")
    parser.add_argument("--warmup", type=float, default=3.0, help="seconds of warm-up")
    parser.add_argument("--cold", action="store_true",
                        help="remove the rendered pages of this build first (a new build)")
    parser.add_argument("--target-p99", type=float, default=None,
                        help="ms; exit 1 above (default 50 for series only, 200 for --mix)")
    parser.add_argument("--target-series-p99", type=float, default=50.0,
                        help="ms; with --mix, exit 1 when /api/v1/series is above")
    args = parser.parse_args()
    if not args.db.exists():
        raise SystemExit(f"no warehouse at {args.db}: stadstrends build --db {args.db}")
    n = min(int(args.rate * args.seconds), MAX_REQUESTS)
    warm = min(int(args.rate * args.warmup), 6000)
    if args.mix:
        paths: list = mix_paths(args.db, warm + n)
    else:
        paths = request_paths(args.db, warm + n, args.all_indicators)
    everything = _catalogue(args.db, True)[2]
    parallel = max(0, min(args.xlsx, 16))
    xlsx = [everything[i::parallel] for i in range(parallel)] if parallel else []
    pages = pages_folder(args.db)
    if args.cold and pages.is_dir():
        import shutil

        shutil.rmtree(pages)
    port = free_port()
    cmd = [sys.executable, "-m", "stadstrends", "serve", "--db", str(args.db), "--host", HOST,
           "--port", str(port), "--workers", str(args.workers)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL)
    try:
        wait_ready(port, proc)
        asyncio.run(run(port, paths[:warm], args.rate, args.connections))  # warm-up
        before = {"pages_at_start": page_count(pages),
                  "loadavg_start": [round(x, 2) for x in os.getloadavg()]}
        with MemorySampler(proc.pid) as memory:
            result = asyncio.run(run(port, paths[warm:], args.rate, args.connections, xlsx))
        result.update(before, pages_at_end=page_count(pages),
                      loadavg_end=[round(x, 2) for x in os.getloadavg()])
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
    result.update(memory.report())
    result.update(rate=args.rate, workers=args.workers,
                  endpoint="mix" if args.mix else "/api/v1/series",
                  indicators="all" if args.all_indicators else "key",
                  cpus=os.cpu_count(), python=sys.version.split()[0])
    target = args.target_p99 or (200.0 if args.mix else 50.0)
    series = result.get("kinds", {}).get("series", {}).get("p99_ms", 0.0)
    result["targets"] = {
        "no_errors": result["errors"] == 0, f"p99_le_{target:g}_ms": result["p99_ms"] <= target,
        **({f"series_p99_le_{args.target_series_p99:g}_ms": series <= args.target_series_p99}
           if args.mix else {}),
        f"memory_flat_second_half_le_{MEMORY_SLACK_MB}_mb":
            result["rss_second_half_growth_mb"] <= MEMORY_SLACK_MB}
    print(json.dumps(result, indent=2))
    if not all(result["targets"].values()):
        raise SystemExit(1)


if __name__ == "__main__":
    main()
