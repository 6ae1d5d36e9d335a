"""No page or report names a rise or a fall after a verdict that found none.

Before (session 56), the report's Kies richting 'Waarom' line said of a row without a
significant trend whose figures moved against its label 'en verandert niet significant, maar
daalde van 35,5 in 2017 naar 33,1 in 2024' (Enschede's thefts): a fall the test did not
find. The profile's Kies line (city page, API, CLI) already said it neutrally ('geen
significante trend sinds 2017 (−2,4 per 1 000 inwoners); van 35,5 ... naar 33,1 ...'); now
every place says it in the same words (``words.against_moved``). On the real snapshot, in
Dutch and English: after 'niet significant', 'geen significante trend', 'niet getoetst' (and
their English) no verb or noun of a movement follows in the same sentence, while the
figures do.
"""

from __future__ import annotations

import html
import re

import pytest
from rich.console import Console

from stadstrends.publish.profile import city_profile
from stadstrends.publish.profile_text import render_profile
from stadstrends.publish.report.builder import city_context, render
from stadstrends.publish.sentence_words import WORDS
from tests.publish.loaded import kept_city

HTML = {"accept": "text/html"}
#: Enschede and Groningen (G40: thefts and crimes that fell), Oss (gas use that fell, low
#: incomes not tested that rose), Súdwest-Fryslân (gas use), Zwolle (cleared crimes that fell)
CITIES = ["GM0153", "GM0014", "GM0828", "GM1900", "GM0193"]
#: the verdicts that found no trend (the report's, the profile's and the sentences')
VERDICT = re.compile(r"niet significant|geen significante trend|niet op een trend getoetst"
                     r"|niet getoetst|does not change significantly|no significant trend"
                     r"|not tested")
#: a movement named as if found: the report's old 'maar daalde van', 'but fell from', the
#: profile's older 'maar wel een daling van', 'but a fall from'
MOVED = re.compile(r"\b(daalde|steeg|een daling|een stijging|fell|rose|a fall|a rise)\b")
#: a sentence's end: a full stop before a capital, a bracket or the end ('1.350' is no end)
END = re.compile(r"\.(?=\s+[A-Z(]|\s*$)")


def _plain(page: str) -> str:
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    text = html.unescape(re.sub(r"<[^>]+>", " ", body)).replace("\u2060", "")
    return " ".join(text.replace("\xa0", " ").split())


def _strings(obj) -> list[str]:
    if isinstance(obj, str):
        return [obj]
    if isinstance(obj, dict):
        return [s for v in obj.values() for s in _strings(v)]
    if isinstance(obj, list):
        return [s for v in obj for s in _strings(v)]
    return []


def after_verdicts(text: str) -> list[str]:
    """The rest of the sentence after each verdict that found no trend in ``text``."""
    out = []
    for m in VERDICT.finditer(text):
        rest = text[m.end():]
        end = END.search(rest)
        out.append(rest[:end.start()] if end else rest)
    return out


def _texts(client, wh, code: str, lang: str) -> dict[str, list[str]]:
    """The report (HTML as written), the city page, the API profile (each string of its
    answer apart) and the CLI profile."""
    report = render("city.html.j2", city_context(kept_city(wh, code), lang, None), pdf=False)
    page = client.get(f"/gemeente/{code}?lang={lang}", headers=HTML).text
    api = client.get(f"/api/v1/profile/{code}", params={"lang": lang}).json()
    console = Console(record=True, width=100000)
    render_profile(city_profile(wh, code, lang=lang), console, lang)
    return {"report": [_plain(report)], "page": [_plain(page)], "api": _strings(api),
            "cli": [console.export_text()]}


def test_the_check_finds_the_old_words() -> None:
    """The check catches what the report said before and passes its words of now."""
    old = ("Waarom: Enschede hoort bij het ongunstigste kwart van de G40 en verandert niet "
           "significant, maar daalde van 35,5 in 2017 naar 33,1 (voorlopig) in 2024. Wel ...")
    assert [MOVED.search(r) for r in after_verdicts(old)][0].group(1) == "daalde"
    for words in (("en verandert niet significant", "nl"),
                  ("and does not change significantly", "en")):
        new = WORDS[words[1]]["against_moved"].format(
            how=words[0], first="35,5", last="33,1 (voorlopig)", y0=2017, y1=2024)
        assert after_verdicts(f"Waarom: Enschede ... {new}. Een daling."), new
        assert not any(MOVED.search(r) for r in after_verdicts(f"Waarom: ... {new}. Een."))
    assert not any(MOVED.search(r) for r in after_verdicts(
        "van 35,5 naar 33,1 (−6,8%), een daling, maar geen significante trend over deze 8 "
        "jaren. Waarom: ..."))  # the trend sentence names the fall before its verdict


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_no_movement_named_after_a_verdict_that_found_none(client, wh, lang) -> None:
    """Report, city page, API and CLI: no 'maar daalde van' after 'geen significante' or
    'niet significant'; the profile's lines say the figures of such a row ('; van 35,5 ...
    in 2017 naar ...') after their verdict, in the same words; the report says them once,
    in the trend sentence before its Waarom."""
    said = WORDS[lang]["against_moved"].split("{how}")[1].split("{first}")[0]  # '; van '
    named = {"report": 0, "page": 0, "api": 0, "cli": 0}
    for code in CITIES:
        for where, texts in _texts(client, wh, code, lang).items():
            for rest in (r for text in texts for r in after_verdicts(text)):
                moved = MOVED.search(rest)
                assert moved is None, (code, where, rest)
                named[where] += re.match(rf"^[^;]*?{re.escape(said)}\S+",
                                         rest) is not None
    # the city page in both languages; the API and CLI profile's Kies lines are Dutch
    # ('kies_nl') or in the profile's language; the report's Waarom no longer (session 57):
    # its trend sentence just before gives the figures (tests/publish/test_kies_change_once)
    assert named.pop("report") == 0 and min(named.values()) >= 5, named
