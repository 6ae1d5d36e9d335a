"""Three addresses a reader types from the README or a browser:

* ``/api/v1`` and ``/api/v1/`` (the README's ``serve  # ... and /api/v1``) answered 404;
  they are the API's index, every endpoint of its spec with a link and its docs page;
* ``?lang=en-US`` (a browser's tag, with a region) was a 400 'De taal ‘en-US’ kennen we
  niet'; a tag is read as its language (``en-GB``, ``nl-BE``), an unknown language stays a
  400 naming the choices;
* an indicator's alias (``share_65plus``, the README's ``stadstrends show Zwolle
  share_65plus``) was read by the command line but not by the website's downloads, ranking
  or API ("Unknown indicator 'share_65plus'"): one resolver
  (:func:`stadstrends.indicator_ids.resolve_indicator`) reads it everywhere."""

from __future__ import annotations

import pytest

from stadstrends.indicators.catalogue import load_catalogue
from stadstrends.publish.queries import indicator_meta

HTML = {"accept": "text/html"}


@pytest.mark.parametrize("path", ["/api/v1", "/api/v1/"])
def test_the_api_root_is_an_index_of_its_endpoints(client, path) -> None:
    r = client.get(path)
    assert r.status_code == 200, r.text
    body = r.json()
    spec = client.get("/api/v1/openapi.json").json()
    listed = {(e["method"], e["path"]) for e in body["endpoints"]}
    assert listed == {(m.upper(), p) for p, item in spec["paths"].items() for m in item}
    assert client.get(body["docs"]).status_code == 200
    assert client.get(body["openapi"]).status_code == 200
    hrefs = [e["href"] for e in body["endpoints"] if e["href"] is not None]
    assert "/api/v1/indicators" in hrefs and "/api/v1/series" not in hrefs  # needs parameters
    for href in hrefs:  # every link given opens as it is
        assert client.get(href).status_code == 200, href


def test_the_readme_names_the_index() -> None:
    from pathlib import Path

    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    line = next(x for x in readme.splitlines() if x.startswith("stadstrends serve "))
    assert "/api/v1" in line and "/api/v1/docs" in line


@pytest.mark.parametrize(("tag", "lang"), [("en-US", "en"), ("en-GB", "en"), ("en_gb", "en"),
                                           ("nl-NL", "nl"), ("nl-BE", "nl"), ("EN-us", "en")])
def test_a_language_tag_with_a_region_is_its_language(client, tag, lang) -> None:
    page = client.get(f"/?lang={tag}", headers=HTML)
    assert page.status_code == 200, page.text[:300]
    assert f'<html lang="{lang}">' in page.text
    assert client.get(f"/gemeente/GM0193?lang={tag}", headers=HTML).status_code == 200
    assert client.get(f"/api/v1/regions?q=zwolle&lang={tag}").status_code == 200


@pytest.mark.parametrize("tag", ["fr", "fr-FR", "zz", "english", "en-"])
def test_an_unknown_language_stays_a_400_with_the_choices(client, tag) -> None:
    page = client.get(f"/?lang={tag}", headers=HTML)
    assert page.status_code == 400
    assert "English" in page.text or "nl, en" in page.text
    api = client.get(f"/api/v1/regions?q=zwolle&lang={tag}")
    assert api.status_code == 400 and "nl, en" in api.json()["error"]["hint"]


def _aliases() -> list[tuple[str, str]]:
    return [(a, i.id) for i in load_catalogue().indicators for a in i.aliases]


def test_the_catalogue_has_the_readme_alias() -> None:
    assert ("share_65plus", "share_age_65_plus") in _aliases()


@pytest.mark.parametrize(("alias", "ind"), _aliases())
def test_an_alias_is_read_as_its_indicator_everywhere(client, wh, alias, ind) -> None:
    assert indicator_meta(wh, alias)["indicator_id"] == ind  # the command line's `show`
    assert load_catalogue().get(alias).id == ind
    for name in (f"{ind}.excel.csv", f"{ind}.csv"):
        own = client.get(f"/api/v1/download/{name}")
        via = client.get(f"/api/v1/download/{name.replace(ind, alias, 1)}")
        assert via.status_code == 200, via.text[:300]
        assert via.content == own.content
        assert f'filename="{ind}.' in via.headers["content-disposition"]
    own = client.get(f"/ranglijst/download.csv?indicator={ind}")
    via = client.get(f"/ranglijst/download.csv?indicator={alias}")
    assert via.status_code == 200, via.text[:300]
    assert via.content == own.content
    assert via.headers["content-disposition"] == own.headers["content-disposition"]
    meta = client.get(f"/api/v1/indicators/{alias}").json()
    assert meta["indicator_id"] == ind and meta["page"] == f"/indicator/{ind}"
    assert client.get(f"/api/v1/indicators/{alias}/values").json()["indicator_id"] == ind
    series = client.get(f"/api/v1/series?indicator={alias}&region=GM0193")
    assert series.status_code == 200
    for path in (f"/indicator/{alias}", f"/ranglijst?indicator={alias}",
                 f"/vergelijk?indicator={alias}", f"/embed/indicator/{alias}",
                 f"/?indicator={alias}"):
        assert client.get(path, headers=HTML).status_code == 200, path


def test_an_unknown_indicator_stays_unknown_with_suggestions(client) -> None:
    r = client.get("/api/v1/download/share_66plus.csv")
    assert r.status_code == 404
    assert "share_age_65_plus" in r.json()["error"]["suggestions"]
