"""A local HTTP server that replays recorded CBS OData v3 responses (tests only).

Recorded bodies come verbatim from ``cbs_odata_fixtures`` (table 80137ned and the two pages
of 83599NED's UntypedDataSet, whose ``odata.nextLink`` is rewritten to this server) and from
``cbs_kwb2024_odata_metadata`` (85984NED; its bare ``value`` arrays are wrapped in an OData
envelope). For 83599NED no metadata was recorded, so a *constructed* minimal TableInfos,
DataProperties and Perioden (keys seen in the data, no Status) are served; they are marked
as such below. Unknown paths answer 404 like CBS does for an unknown table.
"""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

BASE_PATH = "/ODataFeed/odata"
CBS_ORIGIN = "https://opendata.cbs.nl"
META_80137 = {
    "": "meta_1", "TableInfos": "meta_2", "CategoryGroups": "meta_3",
    "Persoonskenmerken": "meta_4", "BedrijfstakkenSBI93": "meta_5", "Perioden": "meta_6",
    "DataProperties": "meta_7", "TypedDataSet": "meta_8",
}


def _envelope(table: str, entity: str, value: list) -> bytes:
    metadata = f"{CBS_ORIGIN}/ODataFeed/OData/{table}/$metadata#Cbs.OData.WebAPI.{entity}"
    return json.dumps({"odata.metadata": metadata, "value": value}).encode()


class FakeCBS:
    """Threaded HTTP server on 127.0.0.1 with scripted failures and delays per path."""

    def __init__(self, shared_data: Path) -> None:
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self._server.daemon_threads = True
        self.origin = f"http://127.0.0.1:{self._server.server_address[1]}"
        self.base_url = self.origin + BASE_PATH
        self._recorded = self._load(shared_data)
        self.reset()

    def _load(self, data: Path) -> dict[str, bytes]:
        odata, kwb = data / "cbs_odata_fixtures", data / "cbs_kwb2024_odata_metadata"
        routes = {}
        for endpoint, name in META_80137.items():
            routes[self.path("80137ned", endpoint)] = (odata / f"{name}.json").read_bytes()
        first = (odata / "tables_2.json").read_bytes()
        link = json.loads(first)["odata.nextLink"]
        first = first.replace(link.encode(), link.replace(CBS_ORIGIN, self.origin).encode())
        untyped = self.path("83599NED", "UntypedDataSet")
        routes[untyped] = first
        routes[untyped + "?$skip=10000"] = (odata / "tables_3.json").read_bytes()
        for entity in ("DataProperties", "TableInfos"):
            value = json.loads((kwb / f"{entity}.json").read_text(encoding="utf-8"))
            routes[self.path("85984NED", entity)] = _envelope("85984NED", entity, value)
        routes.update(self._constructed_83599(json.loads(first)["value"]))
        return routes

    def _constructed_83599(self, rows: list[dict]) -> dict[str, bytes]:
        """CONSTRUCTED (not recorded) metadata for 83599NED, matching its data columns."""
        props = [
            {"Type": "Dimension", "Key": "BedrijfstakkenBranchesSBI2008", "Title": "SBI 2008"},
            {"Type": "GeoDimension", "Key": "RegioS", "Title": "Regio's"},
            {"Type": "TimeDimension", "Key": "Perioden", "Title": "Perioden"},
            {"Type": "TopicGroup", "Key": "", "Title": "Vacatures"},
            {"Type": "Topic", "Key": "OpenstaandeVacatures_1", "Datatype": "Double",
             "Unit": "x 1 000", "Title": "Openstaande vacatures"},
        ]
        periods = sorted({row["Perioden"] for row in rows})
        sectors = sorted({row["BedrijfstakkenBranchesSBI2008"] for row in rows})
        info = [{"Identifier": "83599NED", "Title": "Vacatures (constructed test stub)",
                 "Modified": None, "Period": "2011-2012"}]
        return {
            self.path("83599NED", "DataProperties"): _envelope("83599NED", "DataProperties", props),
            self.path("83599NED", "TableInfos"): _envelope("83599NED", "TableInfos", info),
            self.path("83599NED", "Perioden"): _envelope(
                "83599NED", "Perioden", [{"Key": p, "Title": p} for p in periods]),
            self.path("83599NED", "BedrijfstakkenBranchesSBI2008"): _envelope(
                "83599NED", "BedrijfstakkenBranchesSBI2008",
                [{"Key": k, "Title": f"Sector {k.strip()}"} for k in sectors]),
        }

    @staticmethod
    def path(table: str, endpoint: str = "") -> str:
        """Route key (lower case, no trailing slash) of ``<base>/<table>/<endpoint>``."""
        return f"{BASE_PATH}/{table}/{endpoint}".rstrip("/").lower()

    def url(self, table: str, endpoint: str) -> str:
        """The client-facing URL of an endpoint, as :class:`ODataClient` builds it."""
        return f"{self.base_url}/{table}/{endpoint}?$format=json"

    def reset(self) -> None:
        """Forget requests, scripted failures, delays and extra routes."""
        with self._lock:
            self.routes = dict(self._recorded)
            self.requests: list[str] = []
            self.failures: dict[str, deque[int]] = {}
            self.delays: dict[str, float] = {}
            self.cuts: dict[str, int] = {}

    def fail(self, table: str, endpoint: str, statuses: list[int]) -> None:
        """Answer the next requests to an endpoint with these HTTP statuses, in order."""
        self.failures[self.path(table, endpoint)] = deque(statuses)

    def cut_short(self, table: str, endpoint: str, times: int = 1) -> None:
        """Answer the next requests with half the body, no Content-Length, then close."""
        self.cuts[self.path(table, endpoint)] = times

    def count(self, table: str, endpoint: str = "") -> int:
        """How many requests reached an endpoint (any query)."""
        key = self.path(table, endpoint)
        with self._lock:
            return sum(1 for r in self.requests if urlsplit(r).path.rstrip("/").lower() == key)

    def respond(self, raw_path: str) -> tuple[int, bytes, float, bool]:
        parts = urlsplit(raw_path)
        key = parts.path.rstrip("/").lower()
        skip = parse_qs(parts.query).get("$skip")
        with self._lock:
            self.requests.append(raw_path)
            delay = self.delays.get(key, 0.0)
            queue = self.failures.get(key)
            if queue:
                return queue.popleft(), b'{"error": "scripted failure"}', delay, False
            body = self.routes.get(key + (f"?$skip={skip[0]}" if skip else ""))
            cut = self.cuts.get(key, 0) > 0 and body is not None
            if cut:
                self.cuts[key] -= 1
        if body is None:
            return 404, b'{"odata.error": {"message": {"value": "Not found"}}}', delay, False
        return 200, (body[: len(body) // 2] if cut else body), delay, cut

    def start(self) -> FakeCBS:
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()


def _handler(fake: FakeCBS) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:  # noqa: N802 (http.server naming)
            answer = fake.respond(self.path)  # (status, body, delay[, cut short])
            status, body, delay = answer[:3]
            cut = len(answer) > 3 and answer[3]
            if delay:
                time.sleep(delay)
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                if cut:  # no length: the body ends where the connection closes
                    self.send_header("Connection", "close")
                    self.close_connection = True
                else:
                    self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except OSError:
                pass  # the client gave up (timeout test)

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler
