"""/rapport/<code>.<lang>.<kind> of any current municipality is its report, made on demand as
`stadstrends report` makes it, also outside the build's city set; a file the site's reports
folder holds for it (``/reports/dalfsen.nl.html``) is listed beside it; a former
municipality has none."""

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


def test_report_outside_the_city_set_is_made(client) -> None:
    """Dalfsen is not in the city set: was a 404 pointing at the folder's file."""
    page = client.get("/gemeente/GM0148", headers=HTML).text
    assert 'href="/rapport/GM0148.nl.pdf"' in page and "/reports/dalfsen.nl.html" in page
    response = client.get("/rapport/GM0148.nl.html", headers=HTML)
    assert response.status_code == 200 and "Trendstudie Dalfsen" in response.text
    assert client.get("/reports/dalfsen.nl.html").status_code == 200  # the folder's file


def test_no_report_for_what_is_no_current_municipality(client) -> None:
    assert client.get("/rapport/GM0148.fr.pdf").status_code == 400  # no such language
    assert client.get("/rapport/XX9999.nl.pdf").status_code == 404
