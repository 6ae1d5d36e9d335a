"""A region parameter of no letter or digit (an emoji) is an unknown municipality named in the
answer (escaped), a 404 as any unknown municipality; not 'no municipality given'. A control
character (a NUL) is refused before any lookup: a 400 naming the parameter, escaped."""

from __future__ import annotations

import pytest

HTML = {"accept": "text/html"}


@pytest.mark.parametrize(("given", "shown"), [("%F0%9F%98%80", "'\U0001f600'")])
def test_series_names_the_unknown_municipality(syn_client, given: str, shown: str) -> None:
    response = syn_client.get(f"/api/v1/series?indicator=population&region={given}&lang=en")
    assert response.status_code == 404 == syn_client.get(
        "/api/v1/series?indicator=population&region=Zwole").status_code
    error = response.json()["error"]
    assert error["code"] == "region_not_found"
    assert error["message"].startswith(f"Unknown municipality {shown}")
    assert "given" not in error["message"] and "Zwolle" in error["hint"]
    assert "\x00" not in response.text
    nl = syn_client.get(f"/api/v1/profile/{given}?lang=nl").json()["error"]
    assert nl["message"].startswith(f"Onbekende gemeente {shown}")
    page = syn_client.get(f"/gemeente/{given}", headers=HTML)
    assert page.status_code == 404 and "Onbekende gemeente" in page.text


def test_a_nul_is_refused_naming_the_parameter(syn_client) -> None:
    response = syn_client.get("/api/v1/series?indicator=population&region=%00&lang=en")
    assert response.status_code == 400 and "\x00" not in response.text
    error = response.json()["error"]
    assert error["message"] == "parameter 'region' contains a control character: '\\x00'"
    nl = syn_client.get("/api/v1/profile/%00?lang=nl").json()["error"]
    assert nl["message"] == "in het adres staat een stuurteken: '\\x00'", nl
    page = syn_client.get("/gemeente/%00", headers=HTML)
    assert page.status_code == 400 and "Ongeldige tekens in het adres" in page.text
