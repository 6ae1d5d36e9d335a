"""`stadstrends profile` on an 80-column terminal keeps every indicator title whole: it wraps
between words. Before, Rich narrowed the indicator column below the longest word and cut it:
Zwolle's 'Mediaan gestandaardiseerd huishoudensinkomen' read 'gestandaardis…' /
'huishoudensin…', 'Netto arbeidsparticipatie' 'arbeidspartic…', 'Bijstandsuitker…'."""

from __future__ import annotations

import re

import pytest
from rich.console import Console

from stadstrends.publish.profile import city_profile, render_profile
from stadstrends.publish.profile_text import _domain_rows, _text

#: Zwolle (the reviewer's), Súdwest-Fryslân (a long name, long Frisian-Dutch titles)
CODES = ["GM0193", "GM1900"]


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("code", CODES)
def test_every_title_stays_whole_at_80_and_60_columns(wh, code, lang) -> None:
    profile = city_profile(wh, code, lang=lang)
    titles = [_text(i, "title", lang) for d in profile["domains"]
              for i in _domain_rows(d["indicators"])]
    words = {w for t in titles for w in t.split()}
    # Dutch: 'huishoudensinkomen', 'arbeidsparticipatie'; English: 'standardised'
    assert max(map(len, words)) >= (18 if lang == "nl" else 12)
    for width in (80, 60):
        console = Console(record=True, width=width)
        render_profile(profile, console, lang)
        lines = console.export_text().splitlines()
        assert max(map(len, lines)) <= width
        cut = [line for line in lines if "…" in line and not line.lstrip().startswith("…")]
        assert cut == [], (width, cut)
        tokens = {t for line in lines for t in re.split(r"[\s│┃]+", line)}
        assert words <= tokens, (width, sorted(words - tokens))
