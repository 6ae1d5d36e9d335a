"""A map's legend says 'kwintielen' only of five classes of about equal size over enough
figures (:mod:`stadstrends.publish.web.legend_words`). Every city page's wijk map said
'Elke klasse bevat ongeveer evenveel getekende wijken (kwintielen).': Groningen's of one
drawn wijk, Achtkarspelen's of three (three classes of one wijk each); 64 of the 129 drawn maps
of the snapshot have fewer than five classes. Real snapshot."""

from __future__ import annotations

import html
import re

import pytest

from stadstrends.publish.web import wijken
from stadstrends.publish.web.legend_words import QUINTILE_MIN, class_counts, even

HTML = {"accept": "text/html"}


def _wijk_note(page: str) -> str:
    """The note under the wijk map's legend."""
    section = page[page.index('aria-labelledby="wijk-h"'):]
    legend = section[section.index('class="map-legend"'):]
    note = re.search(r'<p class="note">(.*?)</p>', legend, re.S).group(1)
    return html.unescape(re.sub(r"\s+", " ", note)).strip()


def test_every_wijk_map_says_quintiles_only_where_they_are(web_app) -> None:
    """Each municipality's drawn wijk map (its first measure, as the city page draws it):
    'kwintielen' exactly where the legend has five classes over at least ten wijken, about
    as many in each; a map of one wijk says it has no classes."""
    wh = web_app.state.wh
    seen, few = 0, 0
    for code, region in sorted(wh.regions.items()):
        if region["level"] != "gemeente" or region.get("valid_to") is not None:
            continue
        found = wijken.wijk_map(wh, code, "nl")
        if not found or not found["drawn"] or found["no_map"]:
            continue
        m = found["measures"][0]
        meta = wijken.wijk_spec(found, m["id"], m["title"], m["unit"], "nl",
                                m["decimals"])["usermeta"]
        shown = [w["class_value"] for w in _values(found, m)]
        legend, note = meta["legend"], meta["classes_note"]
        quintiles = (len(legend) == 5 and len(shown) >= QUINTILE_MIN
                     and even(class_counts(legend, shown)))
        assert ("kwintielen" in note) == quintiles, (code, len(shown), len(legend), note)
        assert (len(shown) == 1) == ("maar één wijk" in note), (code, note)
        seen += 1
        few += len(legend) < 5
    assert seen > 100 and few > 50, (seen, few)


def _values(found: dict, m: dict) -> list[dict]:
    from stadstrends.publish.web import units

    return [{"class_value": units.shown_value(w[m["id"]], m["unit"], m["decimals"])}
            for w in found["drawn"] if w.get(m["id"]) is not None]


@pytest.mark.parametrize(("code", "said"), [
    ("GM0014", "Er staat maar één wijk op de kaart: geen indeling in klassen."),
    ("GM0059", "3 getekende wijken: elke wijk heeft een eigen klasse, van laag naar hoog."),
    ("GM0153", "10 getekende wijken in 5 klassen van laag naar hoog; de klassen zijn niet "
               "even groot.")])
def test_a_city_page_with_few_wijken_says_no_quintiles(client, code: str, said: str) -> None:
    """Groningen (one drawn wijk), Achtkarspelen (three), Enschede (ten in classes of 2, 2,
    1, 2 and 3 wijken): the page's note says what the legend holds, not 'kwintielen'."""
    page = client.get(f"/gemeente/{code}", headers=HTML).text
    assert _wijk_note(page) == said


def test_the_municipal_map_keeps_its_quintiles(client) -> None:
    """The home page's map of every municipality: five classes of about equal size."""
    page = client.get("/", headers=HTML).text
    legend = page[page.index('class="map-legend"'):]
    note = re.search(r'<p class="note">(.*?)</p>', legend, re.S).group(1)
    assert note.strip() == "Elke klasse bevat ongeveer evenveel gemeenten (kwintielen)."


def test_a_legend_items_words_are_one_box_beside_its_swatch(client) -> None:
    """At 390 px the selected municipalities' item of /indicator/unemployment_rate stood in two
    columns ('Utrecht, Amsterdam,' beside "'s-Gravenhage, Rotterdam"): the item is a flex row,
    and its bare words and each name kept whole (a nowrap span) were flex items of their own.
    Now each item is the swatch and one box of words (h50g; looked at in Chromium)."""
    page = client.get("/indicator/unemployment_rate", headers=HTML).text
    legend = page[page.index('class="map-legend"'):]
    items = re.findall(r"<li>(.*?)</li>", legend[:legend.index("</ul>")], re.S)
    assert len(items) >= 7 and "Gravenhage" in items[-1], items
    words = r'<span>[^<]*(?:<span class="nowrap[^"]*">[^<]*</span>[^<]*)*</span>'
    for item in items:
        assert re.fullmatch(r'<span class="swatch[^"]*"[^>]*></span>' + words, item), item
