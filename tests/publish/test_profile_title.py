"""`stadstrends profile Westerveld` was titled 'Stadsprofiel' and its gap sentences said
'stad 3,5 …, de stad loopt verder uit' for a municipality outside the city sets (the report:
'Gemeente en ommeland'). Real snapshot."""

from __future__ import annotations

import re

import pytest
from rich.console import Console

from stadstrends.publish.profile import city_profile, render_profile

CITY_WORDS = {"nl": re.compile(r"\b[Ss]tad\b"), "en": re.compile(r"\b[Cc]ity\b")}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_profile_command_titles_a_municipality_as_such(wh, lang) -> None:
    titles = {}
    for name in ("Westerveld", "Zwolle"):
        console = Console(record=True, width=120)
        render_profile(city_profile(wh, name, lang=lang), console, lang)
        titles[name] = console.export_text().splitlines()[0]
        profile = city_profile(wh, name, lang=lang)
        gaps = [s[f"text_{lang}"] for o in profile["opgaven"] for s in o["top_signals"]
                if s["kind"].startswith("gap_")]
        if name == "Westerveld":
            assert gaps and not any(CITY_WORDS[lang].search(g) for g in gaps), gaps
    assert {"nl": "Gemeenteprofiel Westerveld", "en": "Municipality profile Westerveld"}[lang] \
        in titles["Westerveld"], titles
    assert {"nl": "Stadsprofiel Zwolle", "en": "City profile Zwolle"}[lang] in titles["Zwolle"]
