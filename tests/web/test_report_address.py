"""/rapport/<code>.<lang>.<kind> of a municipality outside the build's city set is a 404 whose
hint is the address that exists: the report the site's reports folder holds for it
(``/reports/dalfsen.nl.html``, as the city page links it), else the city page."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

HTML = {"accept": "text/html"}


@pytest.fixture()
def client(synthetic_path, tmp_path):
    from stadstrends.publish.web.app import create_app

    (tmp_path / "dalfsen.nl.html").write_text("<!doctype html><title>Dalfsen</title>",
                                              encoding="utf-8")
    app = create_app(synthetic_path, tmp_path, warm=False)
    with TestClient(app) as test_client:
        yield test_client
    app.state.wh.close()


def test_pre_rendered_report_is_named(client) -> None:
    response = client.get("/rapport/GM0148.nl.html")  # Dalfsen: not in the city set
    assert response.status_code == 404
    error = response.json()["error"]
    assert "Dalfsen (GM0148)" in error["message"] and "/reports/dalfsen.nl.html" in error["hint"]
    assert client.get(error["hint"].split()[-1]).status_code == 200  # the address exists
    page = client.get("/rapport/GM0148.en.pdf", headers=HTML)  # the one file there
    assert page.status_code == 404 and "/reports/dalfsen.nl.html" in page.text
    assert "/reports/dalfsen.nl.html" in client.get("/gemeente/GM0148", headers=HTML).text


def test_no_report_at_all_points_to_the_city_page(client) -> None:
    response = client.get("/rapport/GM0415.nl.pdf?lang=nl")  # Landsmeer: no file either
    assert response.status_code == 404
    error = response.json()["error"]
    assert "Landsmeer (GM0415)" in error["message"] and "/gemeente/GM0415" in error["hint"]
    assert client.get("/rapport/GM0415.fr.pdf").status_code == 400  # no such language
