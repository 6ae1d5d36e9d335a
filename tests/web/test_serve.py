"""The `stadstrends serve` command as a user runs it, and the map geometry helpers."""

from __future__ import annotations

import json
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tests.web.conftest import _free_port


def test_serve_missing_warehouse_is_a_short_error(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "stadstrends", "serve", "--db", str(tmp_path / "none.duckdb"),
         "--lang", "en"],
        capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "no warehouse" in result.stderr and "Traceback" not in result.stderr


def test_serve_on_a_port_in_use_says_so_with_a_hint_before_claiming_to_run(
        synthetic_path: Path) -> None:
    """It printed 'Stadstrends on http://...' and only then uvicorn's '[Errno 98] address
    already in use', without a hint: now a short error naming the port and --port."""
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "stadstrends", "serve", "--db", str(synthetic_path),
             "--port", str(port)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 1, result.stdout
    assert "Stadstrends op" not in result.stdout and "Traceback" not in result.stderr
    assert f"127.0.0.1:{port}" in result.stderr and "--port" in result.stderr, result.stderr


def test_serve_command_serves_api(synthetic_path: Path) -> None:
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "stadstrends", "serve", "--db", str(synthetic_path),
         "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        body = None
        deadline = time.monotonic() + 30
        while body is None and time.monotonic() < deadline:
            assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
            try:
                url = f"http://127.0.0.1:{port}/api/v1/regions?q=den%20bosch&limit=1"
                with urllib.request.urlopen(url, timeout=2) as response:
                    body = json.loads(response.read())
            except OSError:
                time.sleep(0.2)
        assert body is not None and body["regions"][0]["region_code"] == "GM0796"
    finally:
        proc.terminate()
        proc.wait(timeout=15)
    # stopped: its helper processes stopped with it (the pre-render process once ran on
    # for a minute) and nothing was left to clean up ('leaked semaphore objects')
    deadline = time.monotonic() + 10
    while _helpers(synthetic_path) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert _helpers(synthetic_path) == []
    assert "leaked semaphore" not in proc.stderr.read()


def _helpers(db: Path) -> list[str]:
    """Command lines of running processes that serve or pre-render ``db``."""
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            args = cmdline.read_bytes().decode(errors="replace").split("\0")
        except OSError:
            continue
        if str(db) in args or str(db.resolve()) in args:
            found.append(" ".join(args))
    return found


def test_rings_oriented_for_d3_and_simplified() -> None:
    from stadstrends.publish.web.geo import _area, orient, simplify_ring

    square = [[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]  # counter-clockwise
    hole = [[0.2, 0.2], [0.2, 0.4], [0.4, 0.4], [0.4, 0.2], [0.2, 0.2]]  # clockwise
    outer, inner = orient([square, hole])
    assert _area(outer) < 0 < _area(inner)  # exterior clockwise, hole counter-clockwise
    wiggly = [[i / 100, 0.00001 * (i % 2)] for i in range(101)] + [[1, 1], [0, 1], [0, 0]]
    simple = simplify_ring(wiggly, tol=0.001)
    assert len(simple) < 10 and simple[0] == simple[-1]
