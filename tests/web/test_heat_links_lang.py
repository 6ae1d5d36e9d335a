"""A heatmap cell and a map area link to the city page in the page's language: their href was
built with '?lang=en' for English only, so a third language's page would link to the Dutch
city page. It is built by :func:`page_render.url`, as every other link of the pages
(:func:`specs.city_href`)."""

from __future__ import annotations

import pytest

from stadstrends.publish.web import specs


def _href(spec: dict, code: str) -> str:
    """The address the spec's href expression gives a datum of ``code`` (the expression is
    string literals and the datum's field joined by '+': Python reads it alike)."""
    calc = next(t["calculate"] for t in spec["transform"] if t.get("as") == "href")
    field = calc.split("datum.")[1].split()[0]
    return eval(calc.replace(f"datum.{field}", repr(code)), {})  # noqa: S307 - our own spec


@pytest.mark.parametrize(("lang", "query"), [("nl", ""), ("en", "?lang=en")])
def test_the_home_pages_heatmap_and_map_link_in_the_pages_language(client, lang, query):
    page = client.get(f"/?format=json&lang={lang}").json()
    cities = {row["code"] for row in page["heat_spec"]["data"]["values"]}
    assert "GM0193" in cities  # Zwolle, a row of the heatmap on the real warehouse
    assert _href(page["heat_spec"], "GM0193") == f"/gemeente/GM0193{query}"
    assert _href(page["map_spec"], "GM0193") == f"/gemeente/GM0193{query}"
    assert client.get(f"/gemeente/GM0193{query}").status_code == 200


def test_a_third_language_keeps_its_language_in_the_links(monkeypatch):
    """A language with a file besides nl and en ('fy' here, its words English's)."""
    monkeypatch.setattr(specs, "HEAT_WORDS", {"fy": specs.HEAT_WORDS["en"]})
    monkeypatch.setattr(specs, "CHART_WORDS", {"fy": specs.CHART_WORDS["en"]})
    heat = specs.heatmap([("GM0193", "Zwolle")], [("population", "Inwoners")], {}, "fy")
    assert _href(heat, "GM0193") == "/gemeente/GM0193?lang=fy"
