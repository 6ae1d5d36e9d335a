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


#: the language of the catalogue's unit codes ('inwoners', '1 000 euro'): the API and the
#: downloads give a unit as the code in it, their default
CATALOGUE_LANG = "nl"


def credit(lang: str) -> str:
    """The data credit in ``lang`` as the command line prints it (``command_line.credit``):
    'Bron: CBS (CC BY 4.0)', 'Source: CBS (CC BY 4.0)'."""
    return vocabulary.word(lang, "command_line", "credit")


def unit_words(unit: str, lang: str) -> str:
    """A catalogue unit as the API and the downloads give it in ``lang``: the code itself in
    Dutch ('inwoners', '1 000 euro'), else the language file's words for it (``units``, as
    ``/api/v1/labels?kind=unit``: 'inhabitants', 'thousand euro'; 'rating 1-10' without the
    brackets a sentence puts around it); a unit without words ('%', 'euro', 'm2') as it is."""
    if lang == CATALOGUE_LANG or not isinstance(unit, str):
        return unit
    words = vocabulary.section(lang, "units").get(unit)
    return words.strip("()") if isinstance(words, str) and words else unit


def in_language(obj: Any, lang: str) -> Any:
    """An API answer with its ``credit`` and every indicator's ``unit`` (a dict with an
    ``indicator_id``) in ``lang`` (:func:`credit`, :func:`unit_words`); each such dict keeps
    the catalogue's code as ``unit_code`` (the key of ``/api/v1/labels?kind=unit``). The
    downloads' column descriptions (``columns``) are left as they are."""
    if isinstance(obj, list):
        return [in_language(v, lang) for v in obj]
    if not isinstance(obj, dict):
        return obj
    out = {k: v if k == "columns" else in_language(v, lang) for k, v in obj.items()}
    if isinstance(out.get("credit"), str):
        out["credit"] = credit(lang)
    if "indicator_id" in out and isinstance(out.get("unit"), str):
        code = out.get("unit_code") or out["unit"]
        at = list(out).index("unit") + 1  # the code right after the words
        items = list(out.items())
        items[at:at] = [("unit_code", code)]
        out = dict(items)
        out["unit"] = unit_words(code, lang)
    return out
