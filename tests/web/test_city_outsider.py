"""The dashboard's city page says when the municipality is not a member of the group it is
compared with: a G4 city's default group is the G40 (regions/groups.yaml), and before the
page said only 'Vergeleken met de G40 (standaard).' for Utrecht, which reads as membership."""

from __future__ import annotations

import html
import re

import pytest

HTML = {"accept": "text/html"}
OUTSIDE = {"nl": "{city} hoort er zelf niet bij", "en": "{city} is not a member"}
LINE = {"nl": "Vergeleken met {group} ({default}", "en": "Compared with {group} ({default}"}
DEFAULT = {"nl": "standaard", "en": "default"}


def _group_line(text: str) -> str:
    form = re.search(r'<form class="group".*?<label', text, re.S)
    assert form
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", form.group(0))).split())


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_utrecht_page_says_it_is_not_in_its_default_group(client, lang: str) -> None:
    line = _group_line(client.get(f"/gemeente/GM0344?lang={lang}", headers=HTML).text)
    group = {"nl": "de G40", "en": "the G40"}[lang]
    assert LINE[lang].format(group=group, default=DEFAULT[lang]) in line, line
    assert OUTSIDE[lang].format(city="Utrecht") in line, line
    chosen = _group_line(client.get(f"/gemeente/GM0344?lang={lang}&vergelijk=GK8",
                                    headers=HTML).text)  # a member, not its default
    # its first sentence: the second gives the figure CBS classed Utrecht by (GK8)
    first = chosen.split(". ")[0]
    assert "Utrecht" not in first and DEFAULT[lang] not in first.split("(")[0], chosen
    member = _group_line(client.get(f"/gemeente/GM0193?lang={lang}", headers=HTML).text)
    assert "Zwolle" not in member and f"({DEFAULT[lang]})" in member, member  # in the G40
