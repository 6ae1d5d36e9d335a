"""Interface texts: the ``web`` section of the language files (:mod:`stadstrends.vocabulary`)."""

from __future__ import annotations

from typing import Any

from stadstrends import vocabulary

# the trend domains and opgaven in their order (keys of the English file)
DOMAINS = tuple(vocabulary.section(vocabulary.FALLBACK, "domains"))
OPGAVEN = tuple(vocabulary.section(vocabulary.FALLBACK, "opgaven"))


_FILLED: dict[tuple[str, str], tuple[dict[str, Any], dict[str, Any]]] = {}


def texts(lang: str, city_set: str | None = None) -> dict[str, str]:
    """All interface texts in ``lang`` (English for keys its file lacks); with ``city_set``
    (the short name of the settings' city set, :func:`city_set_name`) filled in where a
    text names it (``{city_set}``). Kept per language file as read."""
    words = vocabulary.section(lang, "web")
    if city_set is None:
        return words
    source, filled = _FILLED.get((lang, city_set), (None, None))
    if source is not words:
        filled = {k: v.replace("{city_set}", city_set) if isinstance(v, str) else v
                  for k, v in words.items()}
        _FILLED[(lang, city_set)] = (words, filled)
    return filled


def city_set_name(wh: Any, lang: str) -> str:
    """The short name of the settings' city set as headings and legends show it (the
    set's id without its year, :func:`stadstrends.publish.groups.short`): a name from the
    region-set data, never from code."""
    from stadstrends.publish.groups import short

    return short({"set_id": wh.settings.city_set, "family": "named"}, lang)


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
