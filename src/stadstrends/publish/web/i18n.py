"""Interface texts: the ``web`` section of the language files (:mod:`stadstrends.vocabulary`)."""

from __future__ import annotations

from typing import Any

from stadstrends import vocabulary

# the trend domains and opgaven in their order (keys of the English file)
DOMAINS = tuple(vocabulary.section(vocabulary.FALLBACK, "domains"))
OPGAVEN = tuple(vocabulary.section(vocabulary.FALLBACK, "opgaven"))


def texts(lang: str) -> dict[str, str]:
    """All interface texts in ``lang`` (English for keys its file lacks)."""
    return vocabulary.section(lang, "web")


def domain_name(domain: str, lang: str) -> str:
    return vocabulary.section(lang, "domains").get(domain, domain)


def opgave_name(opgave: str, lang: str) -> str:
    return vocabulary.section(lang, "opgaven").get(opgave, opgave)


def title(meta: dict[str, Any], lang: str) -> str:
    """An indicator's title in ``lang`` (English, then Dutch, when it has none)."""
    return meta.get(f"title_{lang}") or meta.get("title_en") or meta.get("title_nl") or ""


def description(meta: dict[str, Any], lang: str) -> str:
    return (meta.get(f"description_{lang}") or meta.get("description_en")
            or meta.get("description_nl") or "")
