"""Close indicators for a name the catalogue does not know (publish/indicator_search.py): a
Dutch word a user types finds the titles that hold it, a slip in an id finds the id. Before,
`stadstrends show Zwolle bevolking` answered 'Bedoelde u: dwellings?' (difflib over the ids)."""

from __future__ import annotations

import pytest

from stadstrends.publish.indicator_search import close_indicators

CATALOGUE = [
    ("dwellings", ("Woningvoorraad", "Dwelling stock")),
    ("population", ("Inwoners op 1 januari", "Population on 1 January")),
    ("population_growth_pct", ("Bevolkingsgroei", "Population growth")),
    ("unemployment_rate", ("Werkloosheid", "Unemployment")),
    ("house_price_mean", ("Gemiddelde woningwaarde", "Mean house value")),
]


@pytest.mark.parametrize(("query", "first"), [
    ("bevolking", "population_growth_pct"),  # a word a title holds
    ("populaton", "population"),  # a slip in the id
    ("Inwoners", "population"),  # a title's word, any case
    ("werkloosheit", "unemployment_rate"),  # a slip in a title's word
    ("woningvoorraad", "dwellings"),
])
def test_a_close_name_comes_first(query, first):
    assert close_indicators(query, CATALOGUE)[0] == first


def test_nothing_close_gives_nothing():
    assert close_indicators("xyz", CATALOGUE) == []
    assert close_indicators("  ", CATALOGUE) == []
    assert "dwellings" not in close_indicators("bevolking", CATALOGUE)


def _show(cli_run, db, *args):
    """`show ARGS --db DB` in this process (``cli_run``, tests/conftest.py)."""
    return cli_run("show", *args, "--db", str(db))


def test_show_suggests_from_dutch_titles_and_names_the_unknown_region_first(cli_run,
                                                                             warehouse_path):
    out = _show(cli_run, warehouse_path, "Zwolle", "bevolking")
    assert out.returncode != 0 and "Traceback" not in out.stderr
    line = next(x for x in out.stderr.splitlines() if x.startswith("Bedoelde u:"))
    assert "population_growth_pct" in line and "dwellings" not in line, out.stderr
    # both arguments wrong: the first one (the region) is named
    out = _show(cli_run, warehouse_path, "Xyzstad", "bevolking")
    assert "Onbekende gemeente 'Xyzstad'" in out.stderr and "indicator" not in out.stderr
