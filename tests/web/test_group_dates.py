"""Where the dashboard names a size group it says on which day's population CBS classed the
municipalities, as the report does (:func:`stadstrends.publish.groups.group_label`):
Hollands Kroon had 49 982 inhabitants on 1 January 2025 and 50 592 a year later, so
'gemeenten met 20.000 tot 50.000 inwoners' alone reads as false."""

from __future__ import annotations

import html
import re

import duckdb
import pytest

HTML = {"accept": "text/html"}
DATED = {"nl": " op 1 januari {year}", "en": " on 1 January {year}"}


def _size_groups(warehouse_path) -> dict[str, tuple[str, str, int]]:
    with duckdb.connect(str(warehouse_path), read_only=True) as con:
        return {r[0]: r[1:] for r in con.execute(
            "SELECT set_id, label_nl, label_en, population_year FROM comparison_groups "
            "WHERE family = 'size'").fetchall()}


def _options(text: str, select_id: str) -> dict[str, str]:
    menu = re.search(rf'<select[^>]* id="{select_id}".*?</select>', text, re.S)
    assert menu, select_id
    return {v: html.unescape(label) for v, label in
            re.findall(r'<option value="([^"]+)"[^>]*>([^<]*)</option>', menu.group(0))}


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("code", ["GM1911", "GM0344"])
def test_the_group_menu_dates_size_groups(client, warehouse_path, code: str, lang: str) -> None:
    """Hollands Kroon (default: its size group) and Utrecht (a size group in its menu): the
    menu's size groups and the page's 'Vergeleken met' say 'op 1 januari 2025' (the year
    from ``comparison_groups.population_year``); no other group gets a date."""
    sizes = _size_groups(warehouse_path)
    text = client.get(f"/gemeente/{code}?lang={lang}", headers=HTML).text
    page = client.get(f"/gemeente/{code}?format=json&lang={lang}").json()
    options = _options(text, "vergelijk")
    dated = 0
    for set_id, label in options.items():
        if set_id in sizes:
            name, year = sizes[set_id][0 if lang == "nl" else 1], sizes[set_id][2]
            assert f"{name}{DATED[lang].format(year=year)}" in label, label
            dated += 1
        else:
            assert not re.search(DATED[lang].format(year=r"\d{4}"), label), label
    assert dated >= 1
    if page["group"]["family"] == "size":  # Hollands Kroon: the group it is compared with
        year = sizes[page["group"]["set_id"]][2]
        said = DATED[lang].format(year=year)
        assert said in page["group"]["label"] and said in page["group"]["phrase"], page["group"]
        assert said in re.search(r'<form class="group".*?</form>', text, re.S).group(0)
    elif code == "GM1911":
        pytest.fail(f"Hollands Kroon's default group is no longer a size group: {page['group']}")


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_ranking_menu_dates_size_groups(client, warehouse_path, lang: str) -> None:
    """The ranking page's group menu lists every size group with its population date."""
    sizes = _size_groups(warehouse_path)
    text = client.get(f"/ranglijst?indicator=unemployment_rate&lang={lang}", headers=HTML).text
    options = _options(text, "rk-group")
    assert set(sizes) <= set(options)
    for set_id, (nl, en, year) in sizes.items():
        assert options[set_id] == f"{nl if lang == 'nl' else en}{DATED[lang].format(year=year)}"
