"""Web hardening: links from routes, HEAD/OPTIONS, CORS, gzip, ETag/304, bounded input,
report CSP with hashes and no 'unsafe-eval', downloads off the event loop."""
# ruff: noqa: F811 - the tests take the fixtures imported from tests.web.on_synthetic

from __future__ import annotations

import base64
import hashlib
import re
import socket
import threading
import time

import pytest

from stadstrends.publish.web import download_files
from tests.web.on_synthetic import client, live_server, reports_dir, web_app  # noqa: F401 - fixtures

SERIES = "/api/v1/series?indicator=population&region=GM0193"


def _raw_get(base: str, path: str, accept: str = "text/html") -> tuple[int, str, str]:
    """GET with the request line exactly as given (clients would normalise ``//host``)."""
    host, port = base.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=30) as sock:
        sock.sendall(f"GET {path} HTTP/1.1\r\nHost: {host}\r\nAccept: {accept}\r\n"
                     "Connection: close\r\n\r\n".encode())
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    return int(head.split(b" ", 2)[1]), head.decode("latin-1"), body.decode("utf-8", "replace")


@pytest.mark.parametrize("path", ["//evil.example/login", "//evil.example/gemeente/GM0193",
                                  "//evil.example/indicator/nope", "/gemeente/%2F%2Fevil.example"])
def test_links_are_built_from_the_route_not_the_request_path(live_server, path):
    status, head, body = _raw_get(live_server, path)
    assert status == 404
    hrefs = re.findall(r'href="([^"]*)"', body)
    assert hrefs and "/" in hrefs
    assert not [h for h in hrefs if "evil" in h or h.startswith("//")], hrefs
    assert "evil.example" not in head


@pytest.mark.parametrize("path", [SERIES, "/gemeente/GM0193", "/indicator/population",
                                  "/api/v1/profile/GM0193", "/api/v1/download/population.csv",
                                  "/static/app.js"])
def test_head_answers_like_get_without_a_body(client, path):
    get = client.get(path)
    head = client.head(path)
    assert get.status_code == head.status_code == 200
    assert head.content == b""
    assert head.headers["content-type"] == get.headers["content-type"]
    assert head.headers.get("content-length") == get.headers.get("content-length")


def test_options_lists_the_allowed_methods(client):
    response = client.options("/gemeente/GM0193")
    assert response.status_code == 204
    assert response.headers["allow"] == "GET, HEAD, OPTIONS"
    assert client.options("/no/such/page").status_code == 404
    assert client.post("/api/v1/regions").status_code == 405  # still read-only


def test_cors_allows_read_only_gets_on_the_api(client):
    response = client.get(SERIES, headers={"origin": "https://example.org"})
    assert response.headers["access-control-allow-origin"] == "*"
    pre = client.options("/api/v1/series", headers={
        "origin": "https://example.org", "access-control-request-method": "GET"})
    assert pre.status_code == 204
    assert pre.headers["access-control-allow-methods"] == "GET, HEAD, OPTIONS"
    assert "access-control-allow-origin" not in client.get("/gemeente/GM0193").headers


def test_gzip_when_asked(client):
    response = client.get("/indicator/population", headers={"accept-encoding": "gzip"})
    assert response.headers["content-encoding"] == "gzip"
    assert "Bron: CBS" in response.text  # httpx decodes it
    plain = client.get("/indicator/population", headers={"accept-encoding": "identity"})
    assert "content-encoding" not in plain.headers


def test_etag_from_the_build_and_304(client, web_app):
    response = client.get(SERIES)
    tag = response.headers["etag"]
    assert web_app.state.wh.build_info["build_id"] in tag and tag.startswith('W/"')
    again = client.get(SERIES, headers={"if-none-match": tag})
    assert again.status_code == 304 and again.content == b""
    other = client.get(SERIES, headers={"if-none-match": 'W/"older-build"'})
    assert other.status_code == 200
    assert "etag" not in client.get("/api/v1/series?indicator=nope&region=GM0193").headers


def test_long_region_parameter_is_refused_without_echo(client):
    huge = "x" * 60_000
    response = client.get(f"/api/v1/series?indicator=population&region={huge}")
    assert response.status_code == 400
    assert len(response.content) < 2_000
    assert response.json()["error"]["code"] in ("invalid_parameter",)
    many = ",".join(["GM0193"] * 5_000)
    response = client.get(f"/api/v1/series?indicator=population&region={many}")
    assert response.status_code == 400 and len(response.content) < 2_000


def test_report_csp_allows_its_inline_scripts_by_hash(client, reports_dir):
    script = b"document.title = 'ok';"
    (reports_dir / "csp.nl.html").write_bytes(
        b"<!doctype html><title>x</title><script>" + script + b"</script>"
        b'<script type="application/json" id="d">{}</script>')
    csp = client.get("/reports/csp.nl.html").headers["content-security-policy"]
    digest = base64.b64encode(hashlib.sha256(script).digest()).decode()
    assert f"'sha256-{digest}'" in csp
    assert "unsafe-eval" not in csp and "'unsafe-inline'" not in csp.split("script-src")[1] \
        .split(";")[0]
    page_csp = client.get("/gemeente/GM0193").headers["content-security-policy"]
    assert "sha256" not in page_csp and "unsafe-eval" not in page_csp


def test_downloads_are_files_made_off_the_event_loop(client, web_app):
    wh = web_app.state.wh
    target = download_files.made_here(wh.db_path, wh.build_info["build_id"]) / "population.xlsx"
    target.unlink(missing_ok=True)
    names = ["population", "population_growth_pct", "income_disposable_mean",
             "crimes_per_1000"]
    for name in names:
        (target.parent / f"{name}.xlsx").unlink(missing_ok=True)
    results: dict[str, int] = {}

    def download(name: str) -> None:
        results[name] = client.get(f"/api/v1/download/{name}.xlsx").status_code

    threads = [threading.Thread(target=download, args=(n,)) for n in names]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + 30
    while not download_files._PENDING and time.monotonic() < deadline:
        time.sleep(0.01)
    assert download_files._PENDING, "no download was being prepared"
    # the event loop answers while XLSX files are being made in the pool
    assert client.get(SERIES).status_code == 200
    assert download_files._PENDING
    for thread in threads:
        thread.join(timeout=300)
    assert results == dict.fromkeys(names, 200)
    assert target.is_file() and target.read_bytes()[:2] == b"PK"
    again = client.get("/api/v1/download/population.xlsx")
    assert again.content == target.read_bytes()


@pytest.mark.parametrize("path", ["/api/v1/geo/gemeenten.geojson",
                                  "/api/v1/download/population.csv",
                                  "/api/v1/download/population.json"])
def test_the_builds_boundaries_and_files_are_revalidated(client, path):
    """A rebuild (another snapshot: other boundaries, other figures) is seen at once: the
    boundaries had a day's max-age and the downloads an hour's, so a browser drew the old
    map under the new figures and offered the old build's file."""
    response = client.get(path)
    assert response.status_code == 200, response.text[:300]
    assert response.headers["cache-control"] == "no-cache"
    tag = response.headers["etag"]
    again = client.get(path, headers={"if-none-match": tag})
    assert again.status_code == 304 and again.content == b""
