"""Report contexts of real cities, built once per test module from the suite's warehouse."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from stadstrends.publish.report import builder
from tests.publish.loaded import connect, kept_city


def city_contexts(warehouse_path: Path, cities: list[str], langs: list[str]
                  ) -> dict[tuple[str, str], tuple[Any, dict]]:
    """(city, lang) -> (the city's data, its report context with map geometries)."""
    with connect(warehouse_path) as con:
        geometries = builder.geometries_for(con)
        out = {}
        for city in cities:
            data = kept_city(con, city)
            for lang in langs:
                out[city, lang] = (data, builder.city_context(data, lang, geometries))
    return out


def series_tables(ctx: dict) -> list[dict]:
    """The figures of a report context with a domain's series table (``fig-<domain>``)."""
    return [f for d in ctx["domains"] for f in d["figures"] if f["id"] == f"fig-{d['domain']}"]


def indicator_figure(ctx: dict, title: str) -> dict:
    """The series figure whose table has rows of the indicator titled ``title``."""
    return next(f for f in series_tables(ctx)
                if any(r[0].startswith(title + " (") for r in f["table"]["rows"]))


def city_points(fig: dict, name: str) -> list[dict]:
    """The rows of ``fig``'s chart data of the city called ``name`` (its ``who``)."""
    return [r for rs in fig["spec"]["datasets"].values() for r in rs
            if isinstance(r, dict) and str(r.get("who", "")).startswith(name)]


def table_marks(data: Any, ctx: dict, lang: str, years: dict[str, set[int]], mark: str,
                legend: str) -> dict[str, int]:
    """Checks every series table of ``ctx``: a city cell carries ``mark`` exactly in the
    ``years`` of its indicator (indicator -> years; a row's label is the title, then ' (unit)'),
    and the table's notes hold ``legend`` exactly when one of its cells does. Figure id ->
    the number of its marked cells."""
    titles = {data.catalogue[i][f"title_{lang}"]: i for i in data.catalogue}
    marked = {}
    for fig in series_tables(ctx):
        table, n = fig["table"], 0
        for label, year, city, *_ in table["rows"]:
            mine = year in years.get(titles[label.rsplit(" (", 1)[0]], ())
            assert (mark in city.split(" (")[0]) == mine, (label, year, city)
            n += mine
        assert (legend in table["notes"]) == bool(n), (fig["id"], legend)
        marked[fig["id"]] = n
    return marked
