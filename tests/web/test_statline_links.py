"""Links to CBS StatLine in the reader's language: English pages and the English API link
37259eng (CBS's English edition) to English StatLine and say that the others are Dutch;
CBS's Dutch titles on English pages are said to be Dutch (the real snapshot: it has
English titles and an English edition for 37259eng only). They all linked to Dutch
StatLine, and the Dutch titles stood unmarked among English words."""

from __future__ import annotations

import html
import re

from stadstrends.publish.statline import statline_link

HTML = {"accept": "text/html"}
EN = "https://opendata.cbs.nl/statline/#/CBS/en/dataset/"
NL = "https://opendata.cbs.nl/statline/#/CBS/nl/dataset/"


def test_an_english_edition_links_to_english_statline_for_english_readers() -> None:
    assert statline_link("37259eng", "en") == {"url": EN + "37259eng", "language": "en"}
    # a Dutch reader: the Dutch table the English edition translates
    assert statline_link("37259eng", "nl") == {"url": NL + "37259ned", "language": "nl"}
    assert statline_link("83582NED", "en") == {"url": NL + "83582NED", "language": "nl"}
    assert statline_link("83582NED", "nl") == {"url": NL + "83582NED", "language": "nl"}
    assert statline_link("kwb2019", "en") is None  # a file from elsewhere: no StatLine table


def _sources(page: str) -> list[str]:
    block = re.search(r"<h3>(?:Source tables|Brontabellen)</h3>\s*<ul>(.*?)</ul>", page, re.S)
    return [html.unescape(li) for li in re.findall(r"<li>(.*?)</li>", block.group(1), re.S)]


def test_the_indicator_pages_link_to_statline_in_the_readers_language(client) -> None:
    en = _sources(client.get("/indicator/job_ratio?lang=en", headers=HTML).text)
    by_id = {re.search(r">(\w+)</a>", li).group(1): li for li in en}
    assert set(by_id) == {"37259eng", "83582NED", "84910NED"}, list(by_id)
    assert f'href="{EN}37259eng" hreflang="en"' in by_id["37259eng"]
    assert "in Dutch" not in by_id["37259eng"], by_id["37259eng"]
    assert f'href="{NL}83582NED" hreflang="nl">83582NED</a> (StatLine in Dutch)' \
        in by_id["83582NED"], by_id["83582NED"]
    assert "economische activiteit (SBI2008), regio (CBS's Dutch title)" in by_id["83582NED"]
    nl = _sources(client.get("/indicator/job_ratio", headers=HTML).text)
    assert not any("Dutch" in li or "/CBS/en/" in li or "Nederlands" in li for li in nl), nl
    assert any(f'href="{NL}37259ned"' in li for li in nl), nl


def test_the_api_gives_each_tables_statline_link_and_its_language(client) -> None:
    for path in ("/api/v1/indicators/job_ratio?lang=en", "/api/v1/download/job_ratio.json"
                 "?lang=en"):
        sources = {s["table_id"]: s for s in client.get(path).json()["sources"]}
        assert (sources["37259eng"]["url"], sources["37259eng"]["url_language"]) == \
            (EN + "37259eng", "en"), path
        assert (sources["83582NED"]["url"], sources["83582NED"]["url_language"]) == \
            (NL + "83582NED", "nl"), path
        assert sources["83582NED"]["shown"].endswith("(CBS's Dutch title)"), sources
