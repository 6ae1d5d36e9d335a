"""A trend without a significant direction counts its years so a reader can check them,
on the real snapshot (``publish.sentence_verdicts``). Before: Groningen's gas use read
'Trend 2018-2023: ... geen significante trend over deze 5 jaren' while 2018-2023 are six
years, 2019 without a figure."""

from __future__ import annotations

import re

from stadstrends.publish.report import builder
from tests.publish.loaded import kept_city

TREND = {"nl": re.compile(r"Trend (\d{4})–(\d{4}): .*?over (deze )?(\d+) jaren"
                          r"( met cijfers \(([^);]*) ontbre(?:ekt|ken)[;)])?"),
         "en": re.compile(r"Trend (\d{4})–(\d{4}): .*?over (these )?(\d+) years"
                          r"( with figures \(no figures? for ([^);]*)[;)])?")}


def texts(o):
    """Every string and sentence text in a report context."""
    if isinstance(o, str):
        yield o
    elif isinstance(getattr(o, "text", None), str):
        yield o.text
    elif isinstance(o, dict):
        for v in o.values():
            yield from texts(v)
    elif isinstance(o, list | tuple):
        for v in o:
            yield from texts(v)


def counts(wh, code: str, lang: str) -> list[tuple]:
    data = kept_city(wh, code, None)
    out = []
    for t in set(texts(builder.city_context(data, lang, None))):
        for m in TREND[lang].finditer(t):
            y0, y1, these, n, _, gone = m.groups()
            out.append((int(y0), int(y1), bool(these), int(n), gone, m.group(0)))
    return out


def test_lelystad_names_the_missing_year(wh) -> None:
    """Lelystad's household waste: no figure for 2021 (Groningen's gas delivered to
    businesses, the example before, has no good or bad direction now and no such sentence)."""
    data = kept_city(wh, "GM0995", None)
    for lang, said in (("nl", "Trend 2016–2023: van 542,4 kg per inwoner in 2016 naar 507,4 kg "
                              "per inwoner in 2023 (−6,5%), een daling, maar geen significante "
                              "trend over 7 jaren met cijfers (2021 ontbreekt)."),
                       ("en", "no significant trend over 7 years with figures (no figure for "
                              "2021).")):
        found = [t for t in texts(builder.city_context(data, lang, None)) if said in t]
        assert found, said


def test_these_years_are_all_the_years_of_the_span(wh) -> None:
    cities = [r[0] for r in wh.execute(
        "SELECT region_code FROM region_sets WHERE set_id = 'G40' ORDER BY 1").fetchall()]
    gaps = 0
    for code in cities:
        for y0, y1, these, n, gone, text in counts(wh, code, "nl"):
            span = y1 - y0 + 1
            if these:  # 'over deze 8 jaren': every year of the span
                assert n == span, (code, text)
            else:  # the years named as missing are the ones left over
                named = re.findall(r"\d{4}", gone or "")
                assert gone and n + len(named) == span, (code, text)
                assert all(y0 < int(y) < y1 for y in named), (code, text)
                gaps += 1
    assert gaps >= 1  # Lelystad on the snapshot (Groningen's and Alphen's were business gas)
