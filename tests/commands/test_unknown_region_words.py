"""An unknown region's hint leads somewhere true. Before: 'Xyzstad' gave 'probeer `stadstrends
regions xyz`', which listed Lelystad and Zaanstad as if they were found; 'GM9999' gave
/api/v1/regions?q=gm9, whose one hit is Groningen (via Ten Boer's GM0009). Now a search for
the first letters is offered only where a name starts so; else the list of all municipalities
with their codes; and `regions` says so when it found only names that look alike."""

from __future__ import annotations

import subprocess
from collections.abc import Callable

import pytest

from stadstrends.publish.queries import region_index


@pytest.fixture()
def run(cli_run) -> Callable[..., subprocess.CompletedProcess]:
    """``run(db, *args)``: ``stadstrends ARGS --db DB`` in this process (``cli_run``)."""
    return lambda db, *args: cli_run(*args, "--db", str(db))


@pytest.mark.parametrize(("query", "hint"), [
    ("Xyzstad", "`stadstrends regions --level gemeente` toont alle gemeenten met hun code"),
    ("GM9999", "een gemeentecode is GM met vier cijfers, zoals GM0193 (Zwolle)"),
    ("Zwole", "probeer `stadstrends regions zwo`"),
])
def test_the_hint_of_an_unknown_municipality(run, warehouse_path, wh, query, hint):
    out = run(warehouse_path, "show", query, "population")
    assert out.returncode != 0 and f"Tip: {hint}" in out.stderr, out.stderr
    if hint.startswith("probeer"):  # the search it offers finds a name starting so
        prefix = hint.rsplit(" ", 1)[1].rstrip("`")
        assert region_index(wh).named(prefix)
        found = run(warehouse_path, "regions", prefix)
        assert "Zwolle" in found.stdout and "lijken" not in found.stderr


def test_regions_says_when_it_found_only_names_that_look_alike(run, warehouse_path):
    out = run(warehouse_path, "regions", "Xyzstad")
    assert out.returncode == 0 and "Lelystad" in out.stdout
    assert ("Geen regio heet 'Xyzstad' of heeft dat in zijn naam; dit zijn de namen die "
            "erop lijken:") in out.stderr
    for found in ("Zwol", "GM0193", "Den Bosch", "amster"):  # by name, code or alias
        out = run(warehouse_path, "regions", found)
        assert out.returncode == 0 and "lijken" not in out.stderr, (found, out.stderr)
