"""The city page's Kies richting lines say a change once, and not from a first year far off
the trend's line.

Before (h56i, h56e), on the real snapshot, over the 342 municipality pages (Dutch):
- 317 of 2 367 Kies lines said their change twice in one line: 'geen significante trend
  sinds 2017 (−1,0 per 1 000 inwoners); van 33,7 per 1 000 inwoners (omgerekend) in 2017
  naar 32,7 per 1 000 inwoners (voorlopig) in 2024' (Groningen's thefts); now 0: 'geen
  significante trend; van 33,7 ...', the figures once, neutrally (no 'maar daalde');
- 14 gave a change from a first year that lies far off the trend's line, which the report's
  trend sentence and the tile explain: Heerlen's net growth of its dwelling stock read
  'geen significante trend sinds 2016 (−3,8 per 1 000 woningen)' where 2016 (8,6) lies far
  above the line and the line rises 0,1 a year; now '(2016 ligt ver boven de trendlijn;
  langs die lijn gemiddeld +0,1 per 1 000 woningen per jaar)', as the report; 0 left.
"""

from __future__ import annotations

import html
import re

import pytest

from stadstrends.publish.read import build_settings
from stadstrends.publish.trend_line import outlier_end

HTML = {"accept": "text/html"}
HEERLEN, GROWTH = "GM0917", "dwelling_stock_growth_per_1000"
#: municipalities with a Kies line whose trend's first year lies far off its line (the 2025
#: snapshot's 14 such lines are in these), and Groningen, Maastricht, Oss (figures that
#: moved against the label)
CITIES = ["GM0047", "GM0189", "GM0268", "GM0303", "GM0340", "GM0375", "GM0384", "GM0484",
          "GM0569", HEERLEN, "GM1709", "GM1734", "GM1900", "GM1948", "GM0014", "GM0935",
          "GM0828"]
#: 'sinds 2017 (−1,0 per 1 000 inwoners)' / 'since 2017 (-1.0 ...)': a change from the first
#: year, or the line's slope ('(2016 ligt ver boven de trendlijn; ...)': not a change from it)
SINCE = re.compile(r"(?:sinds|since) (\d{4}) \(([^)]*)\)")
TREND_LINE = re.compile(r"trendlijn|trend line")
#: 'van 33,7 ... in 2017 naar 32,7 ... in 2024': the two figures after the verdict
PAIR = re.compile(r"; (?:van|from) .+? in (\d{4}) (?:naar|to) .+? in (\d{4})")
LINE = {"nl": "geen significante trend sinds 2016 (2016 ligt ver boven de trendlijn; langs "
              "die lijn gemiddeld +0,1 per 1 000 woningen per jaar)",
        "en": "no significant trend since 2016 (2016 lies far above the trend line; along "
              "that line +0.1 per 1,000 dwellings a year on average)"}


def _plain(fragment: str) -> str:
    text = html.unescape(re.sub(r"<[^>]+>", " ", fragment))
    return re.sub(r"\s+", " ", text.replace("\xa0", " ").replace("\u2060", "")).strip()


def _kies(page: str) -> dict[str, str]:
    """Indicator id -> the plain text of its Kies richting line."""
    start = page.index('aria-labelledby="kies-h"')
    section = page[start:page.index("</section>", start)]
    return {re.search(r'href="/indicator/([^"?]+)', row).group(1): _plain(row)
            for row in re.findall(r"<li>(.*?)</li>", section, re.S)}


def _outliers(wh, code: str) -> dict[str, int]:
    """Indicator id -> its trend's first year where that lies far off the trend's line
    (the report's rule, :func:`~stadstrends.publish.trend_line.outlier_end`), read here from
    ``trends`` and ``indicator_values``."""
    least = build_settings(wh).min_distinct_values  # before: a query ends the one before
    cur = wh.execute("SELECT * FROM trends WHERE region_code = ?", [code])
    cols = [d[0] for d in cur.description]
    trends = [dict(zip(cols, row, strict=True)) for row in cur.fetchall()]
    values: dict[str, dict[int, float]] = {}
    for ind, year, value in wh.execute("SELECT indicator_id, year, value FROM indicator_values "
                                       "WHERE region_code = ? AND value IS NOT NULL", [code]
                                       ).fetchall():
        values.setdefault(ind, {})[int(year)] = value
    return {t["indicator_id"]: int(t["first_year"]) for t in trends
            if outlier_end(t, values.get(t["indicator_id"], {}), least)}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_heerlen_growth_from_its_outlier_year_says_the_line(client, lang: str) -> None:
    line = _kies(client.get(f"/gemeente/{HEERLEN}?lang={lang}", headers=HTML).text)[GROWTH]
    assert LINE[lang] in line, line
    assert "3,8" not in line and "3.8" not in line, line


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_kies_lines_say_a_change_once_and_not_from_an_outlier(client, wh, lang) -> None:
    """No line gives both a change since its first year and the two figures; no line gives
    a change from a first year far off the trend's line (it gives the line's slope)."""
    pairs = lines = 0
    for code in CITIES:
        off = _outliers(wh, code)
        for ind, text in _kies(client.get(f"/gemeente/{code}?lang={lang}",
                                          headers=HTML).text).items():
            since, pair = SINCE.search(text), PAIR.search(text)
            since = None if since is None or TREND_LINE.search(since.group(2)) else since
            assert not (since and pair), (code, ind, text)  # the change twice
            pairs += pair is not None
            if since and off.get(ind) == int(since.group(1)):
                pytest.fail(f"{code} {ind}: a change from an outlier year: {text}")
            lines += ind in off and TREND_LINE.search(text) is not None
    assert pairs >= 10 and lines >= 14, (pairs, lines)
