"""The JSON API in-process on the synthetic warehouse (tests/fixtures/synthetic_warehouse.py):
search, series, errors, limits. What needs the real country (a split municipality's four
successors) is in test_end_to_end.py."""
# ruff: noqa: F811 - the tests take the fixtures imported from tests.web.on_synthetic

from __future__ import annotations

import pytest

from stadstrends.publish.harmonised import as_downloaded
from stadstrends.publish.notes import cell_notes
from tests.fixtures.synthetic_warehouse import INDICATORS, MUNICIPALITIES, unemployment
from tests.web.on_synthetic import client, wh  # noqa: F401 - fixtures

ERROR_KEYS = {"code", "message", "hint", "suggestions"}


def assert_error(response, status: int, code: str | None = None) -> dict:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == ERROR_KEYS
    assert "Traceback" not in response.text
    if code:
        assert body["error"]["code"] == code
    return body["error"]


@pytest.mark.parametrize(("query", "code"), [
    ("den bosch", "GM0796"), ("Zwolle", "GM0193"), ("GM0363", "GM0363"), ("0518", "GM0518"),
    ("'s-Hertogenbosch", "GM0796"), ("zwole", "GM0193"), ("den haag", "GM0518"),
])
def test_region_search_first_hit(client, query: str, code: str) -> None:
    body = client.get("/api/v1/regions", params={"q": query, "level": "gemeente"}).json()
    assert body["regions"][0]["region_code"] == code


def test_region_search_levels_and_limit(client) -> None:
    body = client.get("/api/v1/regions", params={"level": "provincie", "limit": 100}).json()
    assert body["count"] == 5 and {r["level"] for r in body["regions"]} == {"provincie"}
    assert client.get("/api/v1/regions", params={"limit": 5}).json()["count"] == 5
    assert_error(client.get("/api/v1/regions", params={"limit": 101}), 400, "invalid_parameter")
    assert_error(client.get("/api/v1/regions", params={"level": "wijk"}), 400)
    assert_error(client.get("/api/v1/regions", params={"q": "x" * 101}), 400)


def test_series_equals_indicator_values(client, wh) -> None:
    response = client.get("/api/v1/series", params={
        "indicator": "unemployment_rate", "region": ["GM0193,den bosch", "GM0363"]})
    assert response.status_code == 200
    body = response.json()
    assert [r["region_code"] for r in body["regions"]] == ["GM0193", "GM0796", "GM0363"]
    got = {(r["region_code"], r["year"]): r["value"] for r in body["series"]}
    notes = cell_notes(wh, "unemployment_rate")
    expected = {(c, y): as_downloaded(v, "%")  # every figure as downloaded
                for c, y, v in wh.execute(
        "SELECT region_code, year, value FROM indicator_values WHERE indicator_id = ? "
        "AND region_code IN ('GM0193', 'GM0796', 'GM0363')", ["unemployment_rate"]).fetchall()}
    assert got == expected and len(got) == 36  # 12 years each
    assert any(notes.get((c, y), (False,))[0] for c, y in got)  # Amsterdam's, with Weesp
    zwolle = {y: v for (c, y), v in got.items() if c == "GM0193"}
    assert zwolle == {y: unemployment("GM0193", y)[0] for y in range(2013, 2025)}
    assert got[("GM0796", 2020)] == 5.5
    assert body["credit"].startswith("Bron: CBS")
    assert all(r["source_tables"] for r in body["series"])


def test_series_year_window(client) -> None:
    body = client.get("/api/v1/series?indicator=population&region=GM0193&from=2015&to=2018")
    years = [r["year"] for r in body.json()["series"]]
    assert years == [2015, 2016, 2017, 2018]
    err = assert_error(client.get(
        "/api/v1/series?indicator=population&region=GM0193&from=2019&to=2015&lang=en"), 400)
    assert "after" in err["message"]
    assert_error(client.get("/api/v1/series?indicator=population&region=GM0193&from=abc"), 400)
    assert_error(client.get("/api/v1/series?indicator=population&region=GM0193&to=99999"), 400)


def test_unknown_region_404_with_suggestion(client) -> None:
    err = assert_error(client.get("/api/v1/series?indicator=population&region=Zwole"), 404,
                       "region_not_found")
    assert err["suggestions"][:1] == ["Zwolle"] and err["hint"]
    err = assert_error(client.get("/api/v1/profile/Zwole"), 404, "region_not_found")
    assert "Zwolle" in err["suggestions"]


def test_a_name_starting_a_word_is_suggested_as_on_the_command_line(client, wh) -> None:
    """The API and the CLI ask the one lookup: 'Hertogen' suggests 's-Hertogenbosch
    (no suggestion before the word matches)."""
    from stadstrends.errors import RegionNotFound
    from stadstrends.publish.queries import resolve_region

    with pytest.raises(RegionNotFound) as cli:
        resolve_region(wh, "Hertogen")
    for path in ("/api/v1/profile/Hertogen", "/api/v1/series?indicator=population&region=Hertogen"):
        err = assert_error(client.get(path), 404, "region_not_found")
        assert err["suggestions"][:1] == ["'s-Hertogenbosch"]
        assert err["suggestions"] == cli.value.suggestions


def test_unknown_indicator_404_with_suggestion(client) -> None:
    err = assert_error(client.get("/api/v1/series?indicator=populaton&region=GM0193"), 404,
                       "indicator_not_found")
    assert "population" in err["suggestions"]
    err = assert_error(client.get("/api/v1/indicators/unemployment"), 404)
    assert "unemployment_rate" in err["suggestions"]
    assert_error(client.get("/api/v1/download/populaton.csv"), 404, "indicator_not_found")


def test_errors_speak_the_language_asked_for(client) -> None:
    """The API answers in Dutch, as its answers' words, unless ?lang= asks otherwise (in
    English until session 54); a page's error is Dutch by default: the same code, message
    and hint from the language files."""
    en = assert_error(client.get("/api/v1/indicators/populaton/values?lang=en"), 404,
                      "indicator_not_found")
    nl = assert_error(client.get("/api/v1/indicators/populaton/values"), 404,
                      "indicator_not_found")
    assert en["message"] == "Unknown indicator 'populaton'"
    assert nl["message"] == "Onbekende indicator 'populaton'"
    assert nl["hint"] == "de lijst staat op /api/v1/indicators"
    assert nl["suggestions"] == en["suggestions"] and "population" in nl["suggestions"]
    page = client.get("/gemeente/Zwole", headers={"accept": "text/html"})
    assert page.status_code == 404 and "Onbekende gemeente &#39;Zwole&#39;" in page.text
    page = client.get("/gemeente/Zwole?lang=en", headers={"accept": "text/html"})
    assert "Unknown municipality &#39;Zwole&#39;" in page.text
    year = assert_error(client.get("/api/v1/indicators/population/values?year=1950&lang=nl"),
                        400)
    assert year["message"].startswith(
        "geen gemeentecijfers van ‘Inwoners op 1 januari’ (population) in 1950")


@pytest.mark.parametrize(("path", "english", "dutch"), [
    ("/vergelijk?regions=GM0193", "1 municipality given", "1 gemeente opgegeven"),
    ("/ranglijst?groep=PEERS", "the peer group needs your municipality",
     "de groep van vergelijkbare gemeenten vraagt om uw gemeente"),
])
def test_page_parameter_errors_speak_the_language_asked_for(client, path: str, english: str,
                                                            dutch: str) -> None:
    """A page's own checks give their message and hint from the language files too (the
    JSON twin Dutch unless ?lang=, as the page)."""
    en = assert_error(client.get(f"{path}&format=json&lang=en"), 400, "invalid_parameter")
    nl = assert_error(client.get(f"{path}&format=json"), 400, "invalid_parameter")
    assert (en["message"], nl["message"]) == (english, dutch)
    assert nl["hint"] and nl["hint"] != en["hint"]
    page = client.get(path, headers={"accept": "text/html"})
    assert page.status_code == 400 and dutch.replace("'", "&#39;") in page.text


def test_bad_parameters(client) -> None:
    assert_error(client.get("/api/v1/series?region=GM0193"), 400, "invalid_parameter")
    assert_error(client.get("/api/v1/series?indicator=population"), 400)
    assert_error(client.get("/api/v1/series?indicator=population&region=,"), 400)
    assert_error(client.get("/api/v1/indicators?domain=sport"), 400)
    assert_error(client.get("/api/v1/download/population.doc"), 400)
    assert_error(client.get("/api/v1/indicators/population/values?year=1950"), 400)
    assert_error(client.get("/api/v1/nothing"), 404, "not_found")
    assert_error(client.post("/api/v1/regions"), 405)


def test_series_region_limit(client) -> None:
    regions = client.get("/api/v1/regions?limit=100").json()["regions"]
    codes = [r["region_code"] for r in regions] + ["Zwolle", "Enschede", "Hengelo"]
    assert len(codes) >= 26  # 24 region codes, then names: 26 different queries
    many = ",".join(codes[:26])
    err = assert_error(client.get(f"/api/v1/series?indicator=population&region={many}"
                                  "&lang=en"), 400)
    assert "at most 25" in err["message"]
    ok = ",".join(codes[:25])
    assert client.get(f"/api/v1/series?indicator=population&region={ok}").status_code == 200


def test_indicators_catalogue_and_metadata(client, wh) -> None:
    body = client.get("/api/v1/indicators").json()
    n = wh.execute("SELECT count(*) FROM indicators").fetchone()[0]
    assert body["count"] == n == len(INDICATORS) == 9
    economy = client.get("/api/v1/indicators?domain=economy").json()["indicators"]
    assert [i["indicator_id"] for i in economy] == [
        "income_disposable_mean", "income_standardised_median", "unemployment_rate"]
    assert {i["domain"] for i in economy} == {"economy"}
    meta = client.get("/api/v1/indicators/unemployment_rate").json()
    assert meta["unit"] == "%" and meta["licence"] == "CC BY 4.0"
    read = {s["table_id"]: s["retrieved_at"] for s in meta["sources"]}
    assert read["86088NED"] == "2025-04"  # the synthetic table's retrieval date
    assert meta["municipal_years"] == list(range(2013, 2025))


def test_values_for_map(client) -> None:
    body = client.get("/api/v1/indicators/population/values?year=2023").json()
    assert body["year"] == 2023 and body["count"] == len(MUNICIPALITIES) == 11
    assert sum(v["in_city_set"] for v in body["values"]) == 5 and body["city_set"] == "G40"
    values = {v["region_code"]: v["value"] for v in body["values"]}
    assert values["GM0193"] == 130_000 and "GM0457" not in values  # Weesp is no more


def test_profile(client) -> None:
    body = client.get("/api/v1/profile/zwolle").json()
    assert body["region"].get("code", body["region"].get("region_code")) == "GM0193"
    assert body["peers"] and body["credit"].startswith("Bron: CBS")
    assert_error(client.get("/api/v1/profile/PV23"), 404)


def test_profile_of_any_municipality_within_any_group(client) -> None:
    kampen = client.get("/api/v1/profile/GM0166").json()  # no G40 city: its size class
    assert (kampen["group"]["set_id"], kampen["group"]["is_default"]) == ("GK5", True)
    assert kampen["group"]["phrase_nl"] == (
        "de 2 gemeenten met 50.000 tot 100.000 inwoners op 1 januari 2025")
    enschede = client.get("/api/v1/profile/GM0153", params={"set": "PV23"}).json()
    assert enschede["group"]["set_id"] == "PV23" and not enschede["group"]["is_default"]
    kies = enschede["kies_richting"]  # 5 members: no quarter of two, so no strength or task
    assert kies["urgent_tasks"] == [] and kies["distinctive_strengths"] == []
    amsterdam = client.get("/api/v1/profile/amsterdam", params={"set": "g40"}).json()
    assert (amsterdam["group"]["set_id"], amsterdam["group"]["member"]) == ("G40", False)
    err = assert_error(client.get("/api/v1/profile/GM0166", params={"set": "G40"}), 400,
                       "invalid_parameter")
    assert "G40" in err["message"] and "PV23" in err["hint"]
    err = assert_error(client.get("/api/v1/profile/GM0166", params={"set": "XYZ"}), 404,
                       "group_not_found")
    assert "'XYZ'" in err["message"] and "GK5" in err["hint"]


def test_boundaries_are_simplified(client) -> None:
    response = client.get("/api/v1/geo/gemeenten.geojson")
    assert response.status_code == 200 and len(response.content) < 600_000
    features = response.json()["features"]
    assert len(features) >= 340 and features[0]["properties"]["code"].startswith("GM")


def test_openapi_lists_endpoints(client) -> None:
    spec = client.get("/api/v1/openapi.json").json()
    for path in ("/api/v1/regions", "/api/v1/series", "/api/v1/indicators/{indicator_id}",
                 "/api/v1/profile/{region}", "/api/v1/download/{filename}"):
        assert path in spec["paths"]
    assert not any(p.startswith("/gemeente") for p in spec["paths"])
    docs = client.get("/api/v1/docs")
    assert docs.status_code == 200 and "/api/v1/series" in docs.text
    assert "cdn" not in docs.text.lower() and "unpkg" not in docs.text.lower()


def test_a_former_municipality_answers_with_its_successor(client) -> None:
    body = client.get("/api/v1/series", params={"indicator": "population",
                                                "region": "Weesp"}).json()
    assert [r["region_code"] for r in body["regions"]] == ["GM0363"]
    assert body["count"] == 13  # Amsterdam's harmonised series 2013-2025, never an empty 200
    first = body["series"][0]
    assert (first["year"], first["value"]) == (2013, 800_000 + 18_000)  # Weesp's included
    assert body["notes"][0]["note_nl"] == "Weesp valt sinds 24 maart 2022 onder Amsterdam (GM0363)"
    assert body["notes"][0]["note_en"].startswith("Weesp has been part of Amsterdam (GM0363)")


def test_a_former_municipality_page_goes_to_its_successor(client) -> None:
    response = client.get("/gemeente/GM0457", follow_redirects=False)  # Weesp
    assert response.status_code == 307
    assert response.headers["location"].startswith("/gemeente/GM0363")  # Amsterdam


def test_a_region_that_is_no_municipality_gets_a_hint_for_an_api_user(client) -> None:
    """/api/v1/profile/PV21 and /gemeente/PV21?format=json hinted at the command line
    ('`stadstrends regions --set PV21`'): an API user gets the API's own address that finds
    a municipality; the city page keeps its hint for a reader (search by name)."""
    for path in ("/api/v1/profile/PV21", "/gemeente/PV21?format=json",
                 "/api/v1/profile/Nederland?lang=nl"):
        err = assert_error(client.get(path), 404, "region_not_found")
        assert "stadstrends" not in err["hint"] and "`" not in err["hint"], (path, err)
        assert "/api/v1/regions?level=gemeente&q=" in err["hint"], (path, err)
    err = client.get("/api/v1/profile/Friesland?lang=nl").json()["error"]
    assert err["message"] == "Fryslân (PV21) is een provincie, geen gemeente"
    page = client.get("/gemeente/PV21", headers={"accept": "text/html"}).text
    assert "zoek een van de gemeenten in Fryslân op naam" in page
    assert "stadstrends regions" not in page and "/api/v1/regions?" not in page

