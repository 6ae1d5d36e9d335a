"""A grey wijk on the city page's map says why it is grey. Leeuwarden's map (GM0080) drew 36
of its 2014 wijken grey under 'geen gegevens', though the KWB 2024 has figures for the whole
municipality, in the table below the map: only the division changed (WK008050 was Hempens in
2014, Heechterp & Schieringen in 2024). The snapshot has wijk boundaries of 2014 only
(geo_cbs_gebiedsindelingen_2014_2015), so those wijken stay undrawn, named as another
division; 'geen gegevens' is kept for a drawn wijk without the figure. The note said '1
daarvan staan op de kaart' ('1 of them are'), and 'Grou e.o..' ended the list of wijken not
on the map with two full stops. Real snapshot."""

from __future__ import annotations

import html
import re

from stadstrends import vocabulary
from stadstrends.publish.web import wijken

HTML = {"accept": "text/html"}


def _section(page: str) -> str:
    part = page[page.index('aria-labelledby="wijk-h"'):]
    part = re.sub(r"<script.*?</script>", "", part[:part.index("</section>")], flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", part)).split())


def test_leeuwarden_grey_wijken_say_another_division_not_no_data(web_app) -> None:
    wh = web_app.state.wh
    for lang in ("nl", "en"):
        found = wijken.wijk_map(wh, "GM0080", lang)
        assert (found["n"], len(found["drawn"])) == (22, 1), found["n"]
        other = {o["code"]: o["name"] for o in found["other"]}
        assert len(other) == 36 and "Hempens" in other["WK008050"], other.get("WK008050")
        m = found["measures"][0]
        spec = wijken.wijk_spec(found, m["id"], m["title"], m["unit"], lang, m["decimals"])
        meta = spec["usermeta"]
        words = vocabulary.word(lang, "web", "wijken_other")
        # the one drawn wijk has its figure: no 'geen gegevens' swatch, one for the division
        assert meta["no_data_label"] is None, meta
        assert meta["extra"] == [{"color": wijken.OTHER, "label": words}], meta
        looked_up = {v["code"]: v for v in spec["transform"][0]["from"]["data"]["values"]}
        assert looked_up["WK008050"]["shown"] == words and looked_up["WK008050"]["other"]
        assert set(other) <= set(looked_up), set(other) - set(looked_up)


def test_a_drawn_wijk_without_its_figure_is_still_no_data(web_app) -> None:
    """'geen gegevens' stays where it is true: a drawn wijk whose figure is empty (Delft's
    WK050326); 's-Gravenhage's map has both greys, each with its swatch."""
    wh = web_app.state.wh
    for code, empty, n_other in (("GM0503", "WK050326", 0), ("GM0518", "WK051801", 3)):
        found = wijken.wijk_map(wh, code, "nl")
        drawn = {w["code"]: w for w in found["drawn"]}
        m = found["measures"][0]
        assert drawn[empty].get(m["id"]) is None and len(found["other"]) == n_other, code
        meta = wijken.wijk_spec(found, m["id"], m["title"], m["unit"], "nl",
                                m["decimals"])["usermeta"]
        assert meta["no_data_label"] == "geen gegevens", meta
        assert len(meta["extra"]) == (1 if n_other else 0), meta


def test_leeuwarden_wijk_note_counts_and_ends_in_one_full_stop(client) -> None:
    nl = _section(client.get("/gemeente/GM0080", headers=HTML).text)
    en = _section(client.get("/gemeente/GM0080?lang=en", headers=HTML).text)
    assert "22 wijken in de Kerncijfers wijken en buurten 2024; 1 daarvan staat op de kaart." \
        in nl, nl[:300]
    assert "; 1 of them is on the map." in en, en[:300]
    for text in (nl, en):
        assert "Grou e.o." in text and ".." not in text, text
    # the legend names the grey as the other division, not as missing figures
    assert vocabulary.word("nl", "web", "wijken_other") in nl and "geen gegevens" not in nl
    assert vocabulary.word("en", "web", "wijken_other") in en and "no data" not in en


def test_names_sentence_ends_in_one_full_stop() -> None:
    assert wijken.names_sentence(["Binnenstad", "Grou e.o."]) == "Binnenstad, Grou e.o."
    assert wijken.names_sentence(["Grou e.o.", "Goutum"]) == "Grou e.o., Goutum."
    assert wijken.names_sentence([]) == ""
