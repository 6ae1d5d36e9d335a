"""A region parameter of no letter or digit (an emoji, a NUL) is an unknown municipality
named in the answer (escaped), a 404 as any unknown municipality; not 'no municipality given'."""

from __future__ import annotations

import pytest

HTML = {"accept": "text/html"}


@pytest.mark.parametrize(("given", "shown"), [("%F0%9F%98%80", "'\U0001f600'"),
                                              ("%00", "'\\x00'")])
def test_series_names_the_unknown_municipality(syn_client, given: str, shown: str) -> None:
    response = syn_client.get(f"/api/v1/series?indicator=population&region={given}")
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
