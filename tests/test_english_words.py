"""English texts are English: no Dutch word an English reader cannot read ('ommeland',
'opgave', 'tweedeling'), no 'm3' for m³ and no Dutch thousands ('1 000', '10 000') in the
English language file or the catalogue's English titles, descriptions and caveats. h50h found
on the English indicator page and in the report's appendix 'Groningen's ommeland 8,178 m³',
'0.3 billion m3' and '(rounded to 1 000 m³)', and 'no recent figures for the indicators of
this opgave' in the English profile."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import yaml

from stadstrends import vocabulary
from stadstrends.indicators.catalogue import load_catalogue

#: what an English text must not hold, a placeholder ('{ommeland}') left out
DUTCH = re.compile(r"\b(ommeland(en)?|opgaven?|tweedeling|m3)\b|\d \d{3}\b", re.IGNORECASE)


def _texts(node: Any, path: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _texts(value, f"{path}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _texts(value, f"{path}[{i}]")
    elif isinstance(node, str):
        yield path, node


def _dutch(text: str) -> list[str]:
    return [m.group(0) for m in DUTCH.finditer(re.sub(r"\{[^}]*\}", "", text))]


def test_the_english_language_file_has_no_dutch_words_or_thousands() -> None:
    words = yaml.safe_load((vocabulary.LOCALE_DIR / "en.yaml").read_text(encoding="utf-8"))
    found = [(path, _dutch(text)) for path, text in _texts(words)
             # the API docs name the JSON fields ('opgaven'); unit_words translate Dutch units
             if not path.startswith(("/api_docs/", "/unit_words")) and _dutch(text)]
    assert not found, found
    assert "policy task" in words["profile"]["opgave_uncompared"]


def test_the_catalogue_s_english_texts_have_no_dutch_words_or_thousands() -> None:
    found = []
    for ind in load_catalogue().indicators:
        texts = [ind.title_en, ind.description_en, *(c.en for c in ind.caveats)]
        found += [(ind.id, _dutch(t)) for t in texts if _dutch(t)]
    assert not found, found
    caveats = " ".join(c.en for c in load_catalogue().get("gas_delivered_per_inhabitant").caveats)
    assert "Groningen's surrounding region 8,178 m³" in caveats and "billion m³" in caveats
