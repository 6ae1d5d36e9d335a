"""The member carrying most of an ommeland's figure is named where the report and the
profile compare the city with it (real snapshot; :mod:`stadstrends.publish.
ommeland_dominant`). Before: Oldambt's 'Buitenlands migratiesaldo per 1 000 inwoners ... lager
dan het ommeland (165,0)', nearly all of it Westerwolde's (Ter Apel: 602,4 per 1 000), and
Westerkwartier's 'Geleverd aardgas aan bedrijven per inwoner ... lager dan het ommeland
(4.456 m³ per inwoner)', 87% of it Het Hogeland's (Eemshaven)."""

from __future__ import annotations

import re

import pytest

from stadstrends.publish.ommeland_dominant import dominant_words, marked_ommeland
from stadstrends.publish.profile import city_profile
from stadstrends.publish.report import builder
from tests.publish.loaded import connect, kept_city

MIGRATION, GAS = "net_international_migration_per_1000", "gas_delivered_per_inhabitant"
CASES = [
    ("Oldambt", MIGRATION, "nl", "lager dan het ommeland (165,0, vooral bepaald door Westerwolde)"),
    ("Oldambt", MIGRATION, "en",
     "lower than the surrounding region (165.0, mostly determined by Westerwolde)"),
    ("Westerkwartier", GAS, "nl",
     "lager dan het ommeland (4.456 m³ per inwoner, vooral bepaald door Het Hogeland)"),
    ("Westerkwartier", GAS, "en",
     "lower than the surrounding region (4,456 m³ per inhabitant, mostly determined by "
     "Het Hogeland)")]


def _texts(warehouse_path, city: str, lang: str):
    with connect(warehouse_path) as con:
        data = kept_city(con, city)
    return data, [s.text for s in builder.collect_sentences(builder.city_context(data, lang,
                                                                                 None))]


@pytest.mark.parametrize(("city", "ind", "lang", "shown"), CASES)
def test_the_report_names_the_member(warehouse_path, city, ind, lang, shown):
    data, texts = _texts(warehouse_path, city, lang)
    title = data.catalogue[ind][f"title_{lang}"]
    said = [t for t in texts if t.startswith(f"{title}: ")]
    assert said and all(shown in t for t in said if "ommeland" in t or "surrounding" in t), said


def test_oldambts_comparisons_name_a_member_where_one_carries_most(warehouse_path):
    """Oldambt's sentences name a member exactly for the indicators whose ommeland of the
    compared year has one above the build's 0.75 (the migration balance, population growth,
    demolitions; at 0.5 also the net growth of dwellings and electricity delivered), none for
    the others."""
    data, texts = _texts(warehouse_path, "Oldambt", "nl")

    def titles(word: str) -> set[str]:
        return {re.sub(r" \d{4}–\d{4}$", "", t.split(":")[0]) for t in texts if word in t}
    want = {data.catalogue[i]["title_nl"] for i, b in data.latest.items()
            if b.get("ommeland_value") is not None and data.catalogue[i]["method"] != "count"
            and (data.omm_dominant.get(i) or {}).get(int(b["year"]))}
    marked = titles("vooral bepaald door")
    assert len(marked) == 3 and marked == want & titles("het ommeland ("), (marked, want)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_profile_sentences_name_it(wh, lang):
    prof = city_profile(wh, "Oldambt", lang=lang)
    texts = [s[f"text_{lang}"] for o in prof["opgaven"] for s in o["top_signals"]
             if s["indicator_id"] == MIGRATION]
    assert texts and all({"nl": "(165,0 per 1 000 inwoners, vooral bepaald door Westerwolde)",
                          "en": "(165.0 per 1,000 inhabitants, mostly determined by "
                                "Westerwolde)"}[lang] in t for t in texts), texts


def test_the_words():
    assert dominant_words(("GM1950", "Westerwolde", 0.98), "nl") == \
        "vooral bepaald door Westerwolde"
    assert dominant_words(("GM0880", "Wormerland", 1.0), "nl") == \
        "geheel bepaald door Wormerland"
    assert dominant_words(None, "nl") == ""
    assert marked_ommeland("7%", True, ("GM0014", "Groningen", 0.6), "en") == \
        "about 7%, mostly determined by Groningen"
    assert marked_ommeland("–", True, ("GM0014", "Groningen", 0.6), "nl") == "–"
