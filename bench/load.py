"""Load test: p50/p99 latency of /api/v1/series at a fixed request rate, on loopback only.

Usage: python bench/load.py --db /tmp/w.duckdb [--rate 300] [--seconds 20] [--workers 2]

Starts `stadstrends serve` (uvicorn) on 127.0.0.1 and a free port in a subprocess,
warms it up, then sends requests open-loop: request i is due at start + i / rate, whatever
the server does, and its latency runs from that due time to the last byte of the response
(so queueing counts, no coordinated omission). Requests ask one or two G40 cities for a key
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

HOST = "127.0.0.1"
MAX_REQUESTS = 30_000
TIMEOUT = 5.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def request_paths(db: Path, n: int, every: bool = False, seed: int = 7) -> list[str]:
    """``n`` series requests over G40 cities x key (or all) indicators, 1-2 cities each."""
    con = duckdb.connect(str(db), read_only=True)
    cities = [r[0] for r in con.execute(
        "SELECT region_code FROM region_sets WHERE set_id = 'G40' ORDER BY 1").fetchall()]
    inds = [r[0] for r in con.execute(
        "SELECT indicator_id FROM indicators WHERE key_indicator OR ? ORDER BY 1",
        [every]).fetchall()]
    con.close()
    rng = random.Random(seed)
    paths = []
    for _ in range(n):
        regions = ",".join(rng.sample(cities, rng.choice((1, 2))))
        paths.append(f"/api/v1/series?indicator={rng.choice(inds)}&region={regions}")
    return paths


class Pool:
    """Keep-alive HTTP/1.1 connections to the server (a tiny client: low overhead)."""

    def __init__(self, port: int, size: int) -> None:
        self.port, self.size = port, size
        self.free: asyncio.Queue = asyncio.Queue()
        self.opened = 0

    async def get(self, path: str) -> int:
        if self.free.empty() and self.opened < self.size:
            self.opened += 1
            conn = await asyncio.open_connection(HOST, self.port)
        else:
            conn = await self.free.get()
        reader, writer = conn
        try:
            writer.write(f"GET {path} HTTP/1.1\r\nHost: {HOST}\r\n\r\n".encode())
            head = await reader.readuntil(b"\r\n\r\n")
            status = int(head.split(b" ", 2)[1])
            length = 0
            for line in head.split(b"\r\n"):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":", 1)[1])
            await reader.readexactly(length)
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


async def run(port: int, paths: list[str], rate: float, connections: int) -> dict:
    pool = Pool(port, connections)
    latencies: list[float] = []
    errors = 0
    loop = asyncio.get_running_loop()
    start = loop.time() + 0.05

    async def one(i: int, path: str) -> None:
        nonlocal errors
        due = start + i / rate
        await asyncio.sleep(max(0.0, due - loop.time()))
        try:
            status = await asyncio.wait_for(pool.get(path), TIMEOUT)
            if status != 200:
                errors += 1
        except (TimeoutError, OSError, asyncio.IncompleteReadError):
            errors += 1
        latencies.append(loop.time() - due)

    await asyncio.gather(*(one(i, p) for i, p in enumerate(paths)))
    elapsed = loop.time() - start
    await pool.close()
    ms = sorted(x * 1000 for x in latencies)
    q = statistics.quantiles(ms, n=100, method="inclusive")
    return {"requests": len(ms), "errors": errors, "seconds": round(elapsed, 2),
            "achieved_rps": round(len(ms) / elapsed, 1), "p50_ms": round(q[49], 2),
            "p90_ms": round(q[89], 2), "p99_ms": round(q[98], 2), "max_ms": round(ms[-1], 2),
            "connections": pool.opened}


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
    parser.add_argument("--connections", type=int, default=64, help="client connections")
    parser.add_argument("--all-indicators", action="store_true",
                        help="all indicators (more than the server's series cache holds)")
    parser.add_argument("--target-p99", type=float, default=50.0, help="ms; exit 1 above")
    args = parser.parse_args()
    if not args.db.exists():
        raise SystemExit(f"no warehouse at {args.db}: stadstrends build --db {args.db}")
    n = min(int(args.rate * args.seconds), MAX_REQUESTS)
    warm = min(int(args.rate * 3), 2000)
    paths = request_paths(args.db, warm + n, args.all_indicators)
    port = free_port()
    cmd = [sys.executable, "-m", "stadstrends", "serve", "--db", str(args.db), "--host", HOST,
           "--port", str(port), "--workers", str(args.workers)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL)
    try:
        wait_ready(port, proc)
        asyncio.run(run(port, paths[:warm], args.rate, args.connections))  # warm-up
        result = asyncio.run(run(port, paths[warm:], args.rate, args.connections))
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
    result.update(rate=args.rate, workers=args.workers, endpoint="/api/v1/series",
                  indicators="all" if args.all_indicators else "key",
                  cpus=os.cpu_count(), python=sys.version.split()[0])
    print(json.dumps(result, indent=2))
    if result["errors"] or result["p99_ms"] > args.target_p99:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
