"""The city page says a trend's missing years as the report does: its opgave cards carry the
report's own sentences (:func:`stadstrends.publish.report.glance.glance`, with
:func:`~stadstrends.publish.sentence_verdicts.verdict_tail`), and no tile words a verdict
with a count of years ('over deze {n} jaren' is the report's sentence only). Lelystad's
household waste: 'over 7 jaren met cijfers (2021 ontbreekt)' for 2016-2023, as
test_trend_missing_years checks in the report (Groningen's gas delivered to businesses, the
other example before, has no good or bad direction now and no such sentence). On the
snapshot no city page (nl, each in its default group) says 'over deze n jaren' of a span of
other than n years. Real snapshot."""

from __future__ import annotations

import html
import re

import pytest

HTML = {"accept": "text/html"}
SAID = {"nl": {"GM0995": "over 7 jaren met cijfers (2021 ontbreekt)"},
        "en": {"GM0995": "over 7 years with figures (no figure for 2021)"}}
THESE = {"nl": re.compile(r"(\d{4})[–-](\d{4})\W.{0,400}?over deze (\d+) jaren"),
         "en": re.compile(r"(\d{4})[–-](\d{4})\W.{0,400}?over these (\d+) years")}


def _text(page: str) -> str:
    text = html.unescape(re.sub(r"<[^>]+>", " ", page)).replace("\u2060", "")
    return " ".join(text.replace("\xa0", " ").split())


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_page_names_the_missing_years_as_the_report(client, lang) -> None:
    """Lelystad's household waste (2016-2023, 2021 missing); every 'over deze n jaren' on its
    and Groningen's page spans n years."""
    spans = []
    for code in ("GM0995", "GM0014"):  # and Groningen's page, for its 'over deze n jaren'
        text = _text(client.get(f"/gemeente/{code}?lang={lang}", headers=HTML).text)
        said = SAID[lang].get(code)
        assert said is None or said in text, (code, said)
        spans += [tuple(map(int, m.groups())) for m in THESE[lang].finditer(text)]
    assert spans and all(n == y1 - y0 + 1 for y0, y1, n in spans), spans
