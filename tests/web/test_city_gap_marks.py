"""The city page's tweedeling rows mark the city's figure as the report's tweedeling table
does: '°' for a figure per 1 000 divided from CBS's rounded count (``recomputed_cells``),
'*' for one recalculated for today's boundaries, with the report's legend line under the
table. Real snapshot: CBS publishes no crimes per 1 000 for Schiermonnikoog (GM0088),
Vlieland (GM0096) and Rozendaal (GM0277) in 2024, the year their rows show; before, the
page printed '20,6 per 1 000 inwoners' as if CBS had published it."""

from __future__ import annotations

import pytest

from stadstrends.publish.harmonised import marked_years

LEGEND = {"nl": "° berekend door Stadstrends uit het aantal: het CBS publiceert geen cijfer per "
                "1 000 inwoners",
          "en": "° computed by Stadstrends from the count: CBS publishes no figure per 1,000 "
                "inhabitants"}


def _page(client, code: str, lang: str) -> dict:
    body = client.get(f"/gemeente/{code}?lang={lang}&format=json").json()
    return body.get("page", body)


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("code", ["GM0088", "GM0096", "GM0277"])
def test_a_crime_rate_divided_from_a_rounded_count_is_marked(client, wh, code, lang):
    page = _page(client, code, lang)
    quotients, own = marked_years(wh, code, "recomputed"), marked_years(wh, code, "harmonised")
    rows = {g["indicator_id"]: g for g in page["gaps"]}
    assert rows["crimes_per_1000"]["year"] == 2024
    assert 2024 in quotients["crimes_per_1000"]
    for ind, g in rows.items():  # every row marked exactly when its year is such a figure
        assert ("°" in g["city"]) == (g["year"] in quotients.get(ind, ())), g
        assert ("*" in g["city"]) == (g["year"] in own.get(ind, ())), g
    assert rows["crimes_per_1000"]["city"].endswith("°")
    assert LEGEND[lang] in page["gap_notes"]
    html = client.get(f"/gemeente/{code}?lang={lang}", headers={"accept": "text/html"}).text
    start = html.index('id="gap-h"')  # the page keeps '1 000' on one line: a no-break space
    section = html[start:html.index("</section>", start)].replace("\xa0", " ")
    assert f'<p class="note">{LEGEND[lang]}</p>' in section
    assert rows["crimes_per_1000"]["city"] in section


def test_a_city_without_such_figures_has_no_mark_and_no_legend(client):
    page = _page(client, "GM0193", "nl")
    assert page["gaps"] and not page["gap_notes"]
    assert not any("°" in g["city"] or "*" in g["city"] for g in page["gaps"])
