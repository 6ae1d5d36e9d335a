"""The city page's tile says what the report says of a significant trend on small counts:
Vlieland's deaths per 1 000 fall significantly on 12 deaths a year on average
(``trend_counts``); its tile said only 'significante trend (geen oordeel)'."""

from __future__ import annotations

import html
import re

import pytest

HTML = {"accept": "text/html"}
# in the tile's bracket after its other words: '(geen oordeel; op kleine aantallen: ...)'
WORDS = {"nl": "; op kleine aantallen: gemiddeld {n} per jaar, waarin toeval sterk meespeelt)",
         "en": "; on small counts: {n} a year on average, where chance plays a large part)"}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_vlieland_deaths_tile_says_small_counts(client, wh, lang) -> None:
    mean, cls = wh.execute(
        "SELECT k.mean_count, t.classification FROM trend_counts k JOIN trends t "
        "USING (indicator_id, region_code) WHERE k.region_code = 'GM0096' "
        "AND k.indicator_id = 'deaths_per_1000'").fetchone()
    assert mean < 30 and cls in ("rising", "falling")
    page = client.get(f"/gemeente/GM0096?lang={lang}", headers=HTML).text
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())
    assert WORDS[lang].format(n=round(mean)) in text
    # and only beside indicators whose trend rests on small counts (a tile is shown twice)
    titles = [r[0] for r in wh.execute(
        f"SELECT i.title_{lang} FROM trend_counts k JOIN indicators i USING (indicator_id) "
        "WHERE k.region_code = 'GM0096' AND k.mean_count < 30").fetchall()]
    starts = [m.start() for m in re.finditer(re.escape(WORDS[lang].split(":")[0][2:]), text)]
    assert starts and all(any(t in text[max(0, i - 700):i] for t in titles) for i in starts)


def test_a_tile_grey_for_rounding_says_small_counts_in_the_same_bracket(client, wh) -> None:
    """Meerssen's demolitions (GM0938): grey for CBS's rounding (``coarse_trends.holds``
    false) and on 4,4 demolitions a year, as the report's sentence says both in one bracket.
    (Gennep's, the case before session 45, is no longer tested at all: its rounded count has
    only 2 values in the trend's years, ``trends.n_counts``.)"""
    mean, holds = wh.execute(
        "SELECT k.mean_count, c.holds FROM trend_counts k JOIN coarse_trends c "
        "USING (indicator_id, region_code) WHERE region_code = 'GM0938' "
        "AND indicator_id = 'demolition_per_1000_dwellings'").fetchone()
    page = client.get("/gemeente/GM0938", headers=HTML).text
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())
    assert ("dalend, niet zeker (door de afronding van het CBS"
            + WORDS["nl"].format(n=4)) in text and 3.5 <= mean < 4.5 and not holds


#: a balance's (``indicators.signed``): its net's mean size, either way (session 54)
BALANCE = {"nl": "; op een klein saldo: gemiddeld {n} per jaar erbij of eraf, waarin toeval "
                 "sterk meespeelt)",
           "en": "; on a small net balance: {n} a year on average, up or down, where chance "
                 "plays a large part)"}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_rozendaal_balance_tile_says_small_counts(client, lang) -> None:
    """A balance counts its net in size (since schema 63): Rozendaal's net international
    migration, 'significant' from 2 people in 2016 to 51 in 2023, said nothing of it; then
    'op kleine aantallen: gemiddeld 12 per jaar', as if 12 people a year, where 12 is the
    mean size of a net of larger flows in and out: 'op een klein saldo ... erbij of eraf'."""
    page = client.get(f"/gemeente/GM0277?lang={lang}", headers=HTML).text
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())
    title = {"nl": "Buitenlands migratiesaldo per 1 000 inwoners",
             "en": "Net international migration per 1,000 inhabitants"}[lang]
    at = text.index(title)
    said = BALANCE[lang][2:].format(n=12)
    assert said in text[at:at + 1500], text[at:at + 1500]
    assert WORDS[lang].split(":")[0][2:] not in text[at:text.index(said, at)]
