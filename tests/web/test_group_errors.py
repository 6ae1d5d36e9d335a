"""One rule for an unknown comparison group and words for a wrong one (real snapshot): an
unknown group in any query parameter is a 404 (``group_not_found``), as an unknown region or
indicator (docs/web.md); before, /ranglijst?groep=NOPE was a 400 while
/gemeente/GM0935?vergelijk=NOPE was a 404. A 400 page leads with its reason."""

from __future__ import annotations

import re

import pytest

from tests.web.test_api import assert_error


@pytest.mark.parametrize("path", ["/ranglijst?groep=XX99", "/gemeente/GM0935?vergelijk=XX99",
                                  "/api/v1/profile/GM0935?set=XX99"])
def test_an_unknown_group_is_a_404_everywhere(client, path: str) -> None:
    """One rule for an unknown comparison group in any query parameter: 404 (a named thing
    not found, as a region or indicator), not 400 on /ranglijst and 404 elsewhere."""
    sep = "&" if "?" in path else "?"
    assert_error(client.get(f"{path}{sep}format=json" if not path.startswith("/api") else path),
                 404, "group_not_found")
    if not path.startswith("/api"):
        assert client.get(path, headers={"accept": "text/html"}).status_code == 404


def test_a_400_page_says_its_reason_in_the_lead(client) -> None:
    """/gemeente/GM0088?vergelijk=G40: the page's lead names the reason (before: only 'een
    keuze in het adres klopt niet', the reason hidden under 'Technische melding')."""
    page = client.get("/gemeente/GM0088?vergelijk=G40", headers={"accept": "text/html"})
    assert page.status_code == 400
    lead = re.search(r'<p class="error-message">(.*?)</p>', page.text, re.S).group(1)
    assert "Schiermonnikoog hoort niet bij de vergelijkingsgroep" in lead
    assert "Schiermonnikoog kan worden vergeleken binnen" in lead
