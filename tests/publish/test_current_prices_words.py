"""Every stated change of an amount in current prices says so, and none is called favourable.

Before (review of 2 Dec): Zwolle's report opened its 'In een oogopslag' with 'GUNSTIGE TREND
Mediaan gestandaardiseerd huishoudensinkomen 2016-2023: van 24,9 duizend euro ... naar 33,9
duizend euro (+36%)' and its city page's tile read '↑ gunstige trend · +14,5 duizend euro
(+38%) 2016–2023', while prices rose too; 'lopende prijzen' and 'inflatie' appeared nowhere
in the report or on /gemeente/GM0193. Now the catalogue marks such series
(``current_prices``), their trends get no verdict, and every sentence, tile, chart description
and API text that states their change says 'in lopende prijzen' ('in current prices').
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import duckdb
import pytest

from stadstrends.indicators.catalogue import load_catalogue

ZWOLLE = "GM0193"
#: a change stated: 'van .. naar', a signed difference or percentage, rising or falling words
CHANGE = {"nl": re.compile(r"\bvan\b.*\bnaar\b|[+−]\s?\d|\bstijg|\bdaal|\bsinds \d{4}", re.I),
          "en": re.compile(r"\bfrom\b.*\bto\b|[+−]\s?\d|\bris(e|ing)\b|\bfall|\bsince \d{4}",
                           re.I)}
WORDS = {"nl": "lopende prijzen", "en": "current prices"}


class _Text(HTMLParser):
    """A page's visible text and its aria-labels, cut at block tags; a list item (a tile: its
    title, figure and change in their own paragraphs) is one block (scripts left out)."""

    BLOCKS = {"p", "li", "tr", "dd", "dt", "h1", "h2", "h3", "h4", "figcaption", "caption",
              "div", "section"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0
        self.items = 0  # open <li>

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skip += 1
        if tag in self.BLOCKS and (tag == "li" or not self.items):
            self.parts.append("\n")
        self.items += tag == "li"
        self.parts += [v for k, v in attrs if k in ("aria-label", "alt", "title") and v]

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.skip -= 1
        self.items -= tag == "li" and self.items > 0
        if tag in self.BLOCKS and not self.items:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def segments(html: str) -> list[str]:
    """The page's text cut into sentences and list items ('; ' separates the indicators of a
    chart's description, and a title's clauses in a signal list)."""
    parser = _Text()
    parser.feed(html)
    text = " ".join(parser.parts)
    return [" ".join(s.split()) for block in text.split("\n")
            for s in re.split(r"(?<=[.;])\s+", block) if s.strip()]


def unpriced_changes(html: str, lang: str) -> list[str]:
    """The segments that name a current-price series and state a change without saying it
    is in current prices."""
    titles = [getattr(i, f"title_{lang}") for i in load_catalogue().indicators
              if i.current_prices]
    return [s for s in segments(html) if any(t in s for t in titles)
            and CHANGE[lang].search(s.split(next(t for t in titles if t in s), 1)[1])
            and WORDS[lang] not in s]


def test_the_check_finds_a_change_without_the_words():
    bad = ('<li><span class="sentence">Mediaan gestandaardiseerd huishoudensinkomen 2016-2023: '
           "van 24,9 duizend euro in 2016 naar 33,9 duizend euro in 2023 (+36%).</span></li>"
           '<li class="tile"><h4><a>Gemiddeld besteedbaar huishoudensinkomen</a></h4>'
           '<p class="big">52,6 duizend euro</p>'
           '<p class="status">↑ gunstige trend · +14,5 duizend euro (+38%) 2016–2023</p></li>')
    good = bad.replace("(+36%).", "(+36%) (in lopende prijzen).").replace(
        "2016–2023</p>", "2016–2023, in lopende prijzen</p>")
    assert len(unpriced_changes(bad, "nl")) == 2
    assert unpriced_changes(good, "nl") == []


@pytest.fixture(scope="module")
def zwolle_report(warehouse_path: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    from stadstrends.publish.report.builder import write_city

    with duckdb.connect(str(warehouse_path), read_only=True) as con:
        done = write_city(con, "Zwolle", tmp_path_factory.mktemp("report"), "nl", "html",
                          assets=False)
    return done.paths[0].read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def client(warehouse_path: Path):
    from fastapi.testclient import TestClient

    from stadstrends.publish.web.app import create_app

    app = create_app(warehouse_path, None, warm=False, reload_every=None)
    with TestClient(app) as c:
        yield c
    app.state.wh.close()


def test_zwolles_report_says_lopende_prijzen_with_every_change_of_such_a_series(zwolle_report):
    assert unpriced_changes(zwolle_report, "nl") == []
    said = [s for s in segments(zwolle_report) if WORDS["nl"] in s]
    # the glance's and the Economie section's income, the WOZ value and house prices, and
    # the charts' descriptions
    assert len(said) >= 5
    income = "Mediaan gestandaardiseerd huishoudensinkomen 2016\u2013"  # an en dash range
    assert any(s.startswith(income) for s in said)
    # the glance's key to its labels: 'Geen oordeel' is no longer only 'hoger is niet beter'
    key = [s for s in segments(zwolle_report) if s.startswith("'Geen oordeel'")]
    assert key and all(WORDS["nl"] in s for s in key), key


def test_zwolles_report_calls_no_current_price_trend_favourable(zwolle_report):
    titles = [i.title_nl for i in load_catalogue().indicators if i.current_prices]
    badge = re.compile(r'class="badge (favourable|adverse)"[^>]*>\s*(on)?gunstige trend\s*'
                       r'</span>\s*<span class="sentence">\s*([^<]*)')
    judged = [m.group(3)[:80] for m in badge.finditer(zwolle_report)
              if any(m.group(3).startswith(t) for t in titles)]
    assert judged == []
    assert badge.search(zwolle_report)  # the pattern finds the badges of other trends


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_zwolles_city_page_says_it_with_every_change_of_such_a_series(client, lang):
    page = client.get(f"/gemeente/{ZWOLLE}", params={"lang": lang})
    assert page.status_code == 200
    assert unpriced_changes(page.text, lang) == []
    tiles = client.get(f"/gemeente/{ZWOLLE}", params={"format": "json", "lang": lang}).json()
    priced = {i.id for i in load_catalogue().indicators if i.current_prices}
    shown = [x for d in tiles["domains"] for x in d["tiles"] if x["indicator_id"] in priced]
    assert {x["indicator_id"] for x in shown} == priced
    for x in shown:
        assert x["status"] not in ("improving", "worsening"), x["indicator_id"]
        assert x["change"] is None or x["change"].endswith(WORDS[lang]), x["change"]
    income = next(x for x in shown if x["indicator_id"] == "income_disposable_mean")
    assert income["status"] == "neutral" and income["arrow"] == "↑"


def test_the_api_signal_texts_say_it(client):
    profile = client.get(f"/api/v1/profile/{ZWOLLE}").json()
    priced = {i.id for i in load_catalogue().indicators if i.current_prices}
    texts = [s for o in profile["opgaven"] for s in o["top_signals"]
             if s["indicator_id"] in priced and s["kind"] == "trend"]
    assert texts  # Zwolle's median income is among its opgaven's strongest signals
    for s in texts:
        assert WORDS["nl"] in s["text_nl"] and s["valence"] == "neutral", s["text_nl"]
        # what the missing verdict means, not a bare '— neutraal'
        assert s["text_nl"].endswith("— geen oordeel: niet gecorrigeerd voor inflatie."), s
