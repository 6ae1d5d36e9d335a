"""A local HTTP server that answers like CBS OData v4 from the recorded v4 responses.

Recorded bodies (``cbs_odata4_v4_responses/<table>/``, SOURCES.md section 12) are served
verbatim for ``Properties``, ``Dimensions``, ``MeasureCodes`` and ``<Dim>Codes``. The
recorded observations are one page; this server answers ``Observations`` itself from those
rows: it evaluates the client's ``$filter`` with the snapshot reader's own evaluator
(:func:`stadstrends.ingest.v4filter.frame_filter`: ``eq ne gt ge lt le``, ``and``, ``or``,
``not``, parentheses, ``startswith``), applies ``$select``, ``$top``/``$count`` and ``$skip``,
and splits the result into pages of ``page_size`` rows linked with ``@odata.nextLink`` (as
``...&$skip=N`` on this server). A request for cells the recording does not hold gets what
the recording has (``index.json``'s ``sliceFilter``).

The filter is not evaluated independently here, so a live build compared with a snapshot
build checks the client and the loader, not the filter; ``test_v4filter.py`` checks the
evaluator against written-out answers and against CBS's own (the recorded responses).

Constructed faults (scripted per endpoint): HTTP statuses (500, 429 with ``Retry-After``),
a body cut short, a ``@odata.nextLink`` pointing back at the same page, and edits of rows
(``ValueAttribute`` cells, changed values) or of ``Properties`` (a new ``Modified``).
"""

from __future__ import annotations

import copy
import json
import threading
from collections import deque
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote, urlsplit

import pandas as pd

from stadstrends.errors import InvalidParameter
from stadstrends.ingest.v4filter import frame_filter

BASE_PATH = "/odata/v1/CBS"
RECORDINGS = "cbs_odata4_v4_responses"
class FakeCBS4:
    """Threaded loopback server for CBS OData v4, with scripted faults."""

    def __init__(self, shared_data: Path, page_size: int = 2_500) -> None:
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self._server.daemon_threads = True
        self.origin = f"http://127.0.0.1:{self._server.server_address[1]}"
        self.base_url = self.origin + BASE_PATH
        self.page_size = page_size
        self._recorded = self._load(shared_data / RECORDINGS)
        self.reset()

    @staticmethod
    def _load(folder: Path) -> dict[str, dict[str, Any]]:
        tables: dict[str, dict[str, Any]] = {}
        for table_dir in sorted(p for p in folder.iterdir() if p.is_dir()):
            index = json.loads((table_dir / "index.json").read_text(encoding="utf-8"))
            files = {name: json.loads((table_dir / file).read_text(encoding="utf-8"))
                     for name, file in index["files"].items()}
            rows = [row for page in index["observationPages"]
                    for row in json.loads((table_dir / page).read_text("utf-8"))["value"]]
            tables[index["tableId"]] = {"files": files, "rows": rows}
        return tables

    def reset(self) -> None:
        """Forget requests and faults; serve the recordings as recorded."""
        with self._lock:
            self.tables = copy.deepcopy(self._recorded)
            self.requests: list[str] = []
            self.failures: dict[str, deque[tuple[int, dict[str, str]]]] = {}
            self.cut: set[str] = set()
            self.loop: set[str] = set()

    # -- scripting ------------------------------------------------------------------------

    def fail(self, table: str, endpoint: str, statuses: list[int],
             headers: dict[str, str] | None = None) -> None:
        """Answer the next requests to an endpoint with these statuses (and headers)."""
        self.failures[self._key(table, endpoint)] = deque((s, headers or {}) for s in statuses)

    def cut_next(self, table: str, endpoint: str) -> None:
        """Send the next answer of an endpoint cut in the middle (then close the connection)."""
        self.cut.add(self._key(table, endpoint))

    def loop_pages(self, table: str) -> None:
        """Make every Observations page link to itself."""
        self.loop.add(table.lower())

    def rows(self, table: str) -> list[dict[str, Any]]:
        return self.tables[table]["rows"]

    def set_modified(self, table: str, modified: str) -> None:
        self.tables[table]["files"]["properties"]["Modified"] = modified

    def count(self, table: str, endpoint: str) -> int:
        key = self._key(table, endpoint)
        with self._lock:
            return sum(1 for r in self.requests if urlsplit(r).path.lower() == key)

    @staticmethod
    def _key(table: str, endpoint: str) -> str:
        return f"{BASE_PATH}/{table}/{endpoint}".lower()

    # -- answering ------------------------------------------------------------------------

    def respond(self, raw_path: str) -> tuple[int, bytes, dict[str, str]]:
        parts = urlsplit(raw_path)
        key = parts.path.rstrip("/").lower()
        with self._lock:
            self.requests.append(raw_path)
            queue = self.failures.get(key)
            if queue:
                status, headers = queue.popleft()
                return status, b'{"error": "scripted failure"}', headers
            cut = key in self.cut
            self.cut.discard(key)
        status, body = self._answer(key, parse_qs(parts.query))
        if cut:  # announce the whole body, send half of it, close the connection
            return status, body[: len(body) // 2], {"Content-Length": str(len(body))}
        return status, body, {}

    def _answer(self, key: str, query: dict[str, list[str]]) -> tuple[int, bytes]:
        tail = key[len(BASE_PATH) + 1:] if key.startswith(BASE_PATH.lower() + "/") else ""
        table_key, _, endpoint = tail.partition("/")
        table = next((t for t in self.tables if t.lower() == table_key), None)
        if table is None:
            return 404, b'{"error": {"code": "404", "message": "Dataset not found"}}'
        files = self.tables[table]["files"]
        if endpoint == "observations":
            try:
                return 200, self._observations(table, query)
            except InvalidParameter as exc:
                return 400, json.dumps({"error": {"message": str(exc)}}).encode()
        names = {"properties": "properties", "dimensions": "dimensions",
                 "measurecodes": "measure-codes"}
        name = names.get(endpoint)
        if name is None and endpoint.endswith("codes"):
            name = next((n for n in files if n.lower() == f"codes-{endpoint[:-5]}"), None)
        if name is None or name not in files:
            return 404, b'{"error": {"code": "404", "message": "Resource not found"}}'
        return 200, json.dumps(files[name], ensure_ascii=False).encode("utf-8")

    def _observations(self, table: str, query: dict[str, list[str]]) -> bytes:
        rows = self.tables[table]["rows"]
        if "$filter" in query:
            keep = frame_filter(query["$filter"][0])(pd.DataFrame(rows, dtype=object))
            rows = [r for r, kept in zip(rows, keep, strict=True) if kept]
        payload: dict[str, Any] = {
            "@odata.context": f"https://datasets.cbs.nl/odata/v1/CBS/{table}/$metadata"
                              "#Observations"}
        if query.get("$count") == ["true"]:
            payload["@odata.count"] = len(rows)
        skip = int(query.get("$skip", ["0"])[0])
        top = int(query["$top"][0]) if "$top" in query else None
        size = self.page_size if top is None else min(top, self.page_size)
        page = rows[skip: skip + size]
        if "$select" in query:
            fields = query["$select"][0].split(",")
            page = [{f: r.get(f) for f in fields} for r in page]
        payload["value"] = page
        more = top is None and skip + self.page_size < len(rows)
        if table.lower() in self.loop:
            more, skip = True, skip - self.page_size
        if more:
            rest = "&".join(f"{k}={quote(v[0], safe=chr(39) + '(),/:')}"
                            for k, v in query.items() if k != "$skip")
            link = f"{self.base_url}/{table}/Observations?{rest}"
            payload["@odata.nextLink"] = link + ("&" if rest else "") + \
                f"$skip={skip + self.page_size}"
        return json.dumps(payload, ensure_ascii=False).encode("utf-8")

    def start(self) -> FakeCBS4:
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()


def _handler(fake: FakeCBS4) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:  # noqa: N802 (http.server naming)
            status, body, headers = fake.respond(self.path)
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                headers = {"Content-Length": str(len(body)), **headers}
                for name, value in headers.items():
                    self.send_header(name, value)
                if int(headers["Content-Length"]) != len(body):
                    self.close_connection = True
                self.end_headers()
                self.wfile.write(body)
            except OSError:
                pass

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler
