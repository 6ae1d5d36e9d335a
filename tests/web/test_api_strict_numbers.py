"""The API read '?from=2_020' as 2020 (pydantic, as Python's int(), allows digit grouping;
'2020.0' too) and '?region=GM0080,,GM0193' as two regions: a mistyped parameter answered as
if it were meant. Both are a 400 in the project's JSON error shape with a hint now; the
pages' ?year= alike. Real snapshot."""

from __future__ import annotations

import pytest

HTML = {"accept": "text/html"}
SERIES = "/api/v1/series?indicator=population"


@pytest.mark.parametrize("query", ["region=GM0080&from=2_020", "region=GM0080&to=2020.0",
                                   "region=GM0080&from=%EF%BC%92%EF%BC%90%EF%BC%92%EF%BC%90"])
def test_a_year_not_written_in_digits_is_a_400(client, query) -> None:
    for lang, words in (("nl", "geen geheel getal"), ("en", "not a whole number")):
        response = client.get(f"{SERIES}&{query}&lang={lang}")
        assert response.status_code == 400, response.text
        err = response.json()["error"]
        assert err["code"] == "invalid_parameter" and words in err["message"], err
        assert err["hint"], err


def test_whole_numbers_elsewhere_are_strict_too(client) -> None:
    for path in ("/api/v1/indicators/population/values?year=2_023",
                 "/api/v1/regions?limit=1_0"):
        response = client.get(path + "&lang=en")
        assert response.status_code == 400, (path, response.text)
        assert "not a whole number" in response.json()["error"]["message"], path
    page = client.get("/ranglijst?indicator=population&year=2_023", headers=HTML)
    assert page.status_code == 400 and "geen geheel getal" in page.text
    ok = client.get(f"{SERIES}&region=GM0080&from=2020&to=%202024%20&lang=en")
    assert ok.status_code == 200 and ok.json()["from"] == 2020, ok.text


# a comma at the end is read as not there, as on the pages (session 56: tests/web/
# test_reader_stumbles.py); one in the middle or at the start is refused on both
@pytest.mark.parametrize("given,meant", [("GM0080,,GM0193", "GM0080,GM0193"),
                                         (",GM0193", "GM0193"), ("GM0080,,", "GM0080")])
def test_an_empty_place_in_a_region_list_is_a_400_with_the_list_meant(client, given,
                                                                     meant) -> None:
    for lang in ("nl", "en"):
        response = client.get(f"{SERIES}&region={given}&lang={lang}")
        assert response.status_code == 400, response.text
        err = response.json()["error"]
        assert err["code"] == "invalid_parameter" and given in err["message"], err
        assert f"?region={meant}" in err["hint"] and err["suggestions"] == [meant], err
    ok = client.get(f"{SERIES}&region=GM0080,GM0193&lang=en")
    assert ok.status_code == 200 and [r["region_code"] for r in ok.json()["regions"]] == [
        "GM0080", "GM0193"]
