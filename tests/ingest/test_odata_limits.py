"""Live fetching limits against a hostile local server (loopback only): endless nextLinks,
a dripping server, huge pages, links to other hosts, wrong pages, 429 and redirect loops."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from stadstrends.errors import MalformedSource, SourceError, SourceUnavailable
from stadstrends.ingest.odata import ODataClient


class Hostile:
    """Scripted misbehaviour per table name; counts requests and bytes sent."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        self.sent = 0
        self.script: dict[str, list[int]] = {}  # table -> statuses to answer first
        self.retry_after = "1"
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}/odata"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def count(self, table: str) -> int:
        return sum(f"/odata/{table}/" in r for r in self.requests)


def _page(rows: list[dict], link: str | None = None) -> bytes:
    body: dict = {"odata.metadata": "x", "value": rows}
    if link:
        body["odata.nextLink"] = link
    return json.dumps(body).encode()


def _handler(h: Hostile) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: object) -> None:
            pass

        def send(self, status: int, body: bytes, headers: dict | None = None) -> None:
            self.send_response(status)
            for key, value in (headers or {}).items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            h.sent += len(body)

        def do_GET(self) -> None:  # noqa: N802
            h.requests.append(self.path)
            parts = urlsplit(self.path)
            table = parts.path.split("/")[2] if parts.path.count("/") >= 2 else ""
            scripted = h.script.get(table)
            try:
                if scripted:
                    status = scripted.pop(0)
                    self.send(status, b"{}", {"Retry-After": h.retry_after} if status == 429
                              else {"Location": "/odata/LOOP/x"} if status == 302 else None)
                    return
                getattr(self, "t_" + table.lower(), self.t_good)(parts)
            except OSError:
                pass  # the client stopped reading

        def t_good(self, parts) -> None:  # noqa: ANN001
            self.send(200, _page([{"RegioS": "GM0363", "Perioden": "2020JJ00", "X": 1.0}]))

        def t_endless(self, parts) -> None:  # noqa: ANN001
            n = len(h.requests)
            self.send(200, _page([{"RegioS": "GM0363", "Perioden": "2020JJ00", "X": 1.0}],
                                 f"{h.base}/ENDLESS/TypedDataSet?$format=json&$skip={n}"))

        def t_elsewhere(self, parts) -> None:  # noqa: ANN001
            self.send(200, _page([{"X": 1}], "http://evil.example/odata/ELSEWHERE/TypedDataSet"))

        def t_wrong(self, parts) -> None:  # noqa: ANN001 - well-formed, but not this table's rows
            self.send(200, _page([{"Title": "Something else", "Key": "A"}]))

        def t_drip(self, parts) -> None:  # noqa: ANN001 - one byte every 0.2 s
            body = _page([{"X": 1}])
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            for i in range(len(body)):
                self.wfile.write(body[i:i + 1])
                self.wfile.flush()
                h.sent += 1
                time.sleep(0.2)

        def t_dripheaders(self, parts) -> None:  # noqa: ANN001 - a header byte every 0.2 s
            self.wfile.write(b"HTTP/1.1 200 OK\r\nX-Slow: ")
            for _ in range(100):  # 20 s of headers, each read well inside the read timeout
                self.wfile.write(b"a")
                self.wfile.flush()
                h.sent += 1
                time.sleep(0.2)
            self.wfile.write(b"\r\nContent-Length: 2\r\n\r\n{}")

        def t_huge(self, parts) -> None:  # noqa: ANN001 - says 279 MB and sends zeros
            self.send_response(200)
            self.send_header("Content-Length", str(279 * 2**20))
            self.end_headers()
            for _ in range(279):
                self.wfile.write(b" " * 2**20)
                h.sent += 2**20

        def t_chunked(self, parts) -> None:  # noqa: ANN001 - no length, 1 MB chunks, no end
            self.send_response(200)
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            for _ in range(279):
                self.wfile.write(b"100000\r\n" + b" " * 2**20 + b"\r\n")
                h.sent += 2**20

        def t_loop(self, parts) -> None:  # noqa: ANN001 - redirects to itself, forever
            self.send(302, b"", {"Location": f"/odata/LOOP/x{len(h.requests)}"})

    return Handler


@pytest.fixture()
def hostile() -> Iterator[Hostile]:
    server = Hostile()
    yield server
    server.server.shutdown()
    server.server.server_close()


@pytest.fixture()
def client(hostile: Hostile, tmp_path: Path) -> Iterator[ODataClient]:
    with ODataClient(hostile.base, cache_dir=tmp_path / "cache", backoff=0.01,
                     max_pages=5, timeout=2.0) as c:
        yield c


def test_endless_next_link_stops_at_the_page_limit(client: ODataClient, hostile: Hostile):
    with pytest.raises(MalformedSource, match="more than 5 pages") as err:
        client.typed_dataset("ENDLESS")
    assert "--refresh" in err.value.hint
    assert hostile.count("ENDLESS") == 5


def test_page_limit_follows_the_row_count(client: ODataClient, hostile: Hostile):
    pages = client.dataset_pages("ENDLESS", rows=25_000)  # 3 pages of 10 000 rows, plus one
    with pytest.raises(MalformedSource, match="more than 4 pages for 25,000 rows"):
        list(pages)
    assert hostile.count("ENDLESS") == 4


def test_table_byte_limit(hostile: Hostile, tmp_path: Path):
    client = ODataClient(hostile.base, cache_dir=tmp_path, max_table_bytes=300)
    with pytest.raises(MalformedSource, match="bytes over 2 pages, more than the 300 allowed"):
        client.typed_dataset("ENDLESS")


def test_next_link_to_another_host_is_not_followed(client: ODataClient, hostile: Hostile):
    with pytest.raises(MalformedSource, match="points to another server: http://evil.example"):
        client.typed_dataset("ELSEWHERE")
    assert hostile.count("ELSEWHERE") == 1


def test_dripping_server_stops_at_the_deadline(hostile: Hostile, tmp_path: Path):
    client = ODataClient(hostile.base, cache_dir=tmp_path, deadline=1.0, timeout=2.0)
    start = time.monotonic()
    with pytest.raises(SourceUnavailable, match="took longer than 1 s"):
        client.typed_dataset("DRIP")
    assert time.monotonic() - start < 3
    assert client.cache.entries() == {}


def test_server_dripping_its_headers_stops_at_the_deadline(hostile: Hostile, tmp_path: Path):
    """The deadline covers the whole request, headers included: before, each header byte
    reset the 2 s read timeout and the request took the server's 20 s."""
    client = ODataClient(hostile.base, cache_dir=tmp_path, deadline=1.0, timeout=2.0)
    start = time.monotonic()
    with pytest.raises(SourceUnavailable, match="took longer than 1 s"):
        client.typed_dataset("DRIPHEADERS")
    assert time.monotonic() - start < 3
    assert hostile.count("DRIPHEADERS") == 1  # a passed deadline is not retried


def test_same_host_is_public_and_shared_by_both_apis():
    from stadstrends.ingest import odata4
    from stadstrends.ingest.http import same_host

    assert same_host("https://opendata.cbs.nl/ODataFeed/odata", "https://OPENDATA.cbs.nl/x")
    assert not same_host("https://opendata.cbs.nl/odata", "https://evil.example/odata")
    assert not same_host("https://opendata.cbs.nl/odata", "file://opendata.cbs.nl/x")
    assert odata4.same_host is same_host


@pytest.mark.parametrize("table", ["HUGE", "CHUNKED"])
def test_huge_page_is_not_buffered_whole(hostile: Hostile, tmp_path: Path, table: str):
    client = ODataClient(hostile.base, cache_dir=tmp_path, max_page_bytes=4 * 2**20)
    with pytest.raises(MalformedSource, match="larger than 4 MB"):
        client.typed_dataset(table)
    assert hostile.count(table) == 1  # not retried
    assert client.cache.entries() == {}


def test_wrong_page_is_not_cached_and_a_cached_one_is_refetched(
        client: ODataClient, hostile: Hostile):
    url = client.dataset_url("WRONG", select=["RegioS", "Perioden", "X"])
    with pytest.raises(MalformedSource, match=r"lack column\(s\) RegioS, Perioden, X$") \
            as err:
        client.fetch(url, values=True, columns=["RegioS", "Perioden", "X"])
    assert "--refresh" in err.value.hint
    assert client.cache.entries() == {}
    # a wrong body in the cache (an older run) is dropped and fetched again
    good = client.dataset_url("GOOD", select=["RegioS", "Perioden", "X"])
    client.cache.put(good, _page([{"Title": "stale"}]))
    page = client.fetch(good, values=True, columns=["RegioS", "Perioden", "X"])
    assert page.payload["value"][0]["RegioS"] == "GM0363"
    assert hostile.count("GOOD") == 1
    assert json.loads(client.cache.get(good)[0])["value"][0]["X"] == 1.0


def test_429_waits_for_retry_after(client: ODataClient, hostile: Hostile):
    hostile.script["GOOD"] = [429]
    start = time.monotonic()
    assert client.typed_dataset("GOOD")[0]["X"] == 1.0
    assert time.monotonic() - start >= 0.95
    assert hostile.count("GOOD") == 2


def test_429_with_a_long_retry_after_is_reported(client: ODataClient, hostile: Hostile):
    hostile.script["GOOD"] = [429]
    hostile.retry_after = "3600"
    start = time.monotonic()
    with pytest.raises(SourceUnavailable, match="asks to wait 3600 s"):
        client.typed_dataset("GOOD")
    assert time.monotonic() - start < 1


def test_redirect_loop_is_a_clear_error(client: ODataClient, hostile: Hostile):
    with pytest.raises(SourceError, match="more than 5 redirects"):
        client.typed_dataset("LOOP")
    assert hostile.count("LOOP") == 6


@pytest.mark.parametrize(("lang", "words"), [("nl", "doorverwijzingen"), ("en", "redirects")])
def test_redirect_loop_in_a_live_build_gives_no_traceback(hostile: Hostile, tmp_path: Path,
                                                          lang: str, words: str):
    env = {**os.environ, "STADSTRENDS_ODATA_URL": hostile.base.replace("/odata", "/odata/LOOP"),
           "COLUMNS": "400", "PYTHONPATH": str(Path(__file__).resolve().parents[2] / "src")}
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy"):
        env.pop(name, None)
    proc = subprocess.run([sys.executable, "-m", "stadstrends.cli", "build", "--db",
                           str(tmp_path / "w.duckdb"), "--cache-dir", str(tmp_path / "c"),
                           "--lang", lang],
                          env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1
    assert words in proc.stderr and "Traceback" not in proc.stderr + proc.stdout
    assert not (tmp_path / "w.duckdb").exists()
