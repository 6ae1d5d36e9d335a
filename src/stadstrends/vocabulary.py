"""The words of every language: one YAML file per language in ``stadstrends/locale``.

``nl.yaml`` and ``en.yaml`` hold every user-facing word by section and key (report texts,
web texts, chart labels, domain and opgave names, units, gap reasons, ...). A language is
a file: a new ``xx.yaml`` beside them makes ``xx`` a language of the report (``--lang xx``)
and the web (``?lang=xx``); keys it lacks fall back to English. Its ``language.locale``
(a Babel locale such as ``de_DE``) decides the number and date formats.
"""

from __future__ import annotations

import re
import threading
import time
from functools import lru_cache
from pathlib import Path
from typing import Any

from stadstrends.errors import StadstrendsError
from stadstrends.yamlfiles import read_yaml

LOCALE_DIR = Path(__file__).with_name("locale")
FALLBACK = "en"


class UnknownLanguage(StadstrendsError, ValueError):
    """A language without a file in the locale directory."""


RECHECK = 1.0  # seconds: how long the files seen are trusted before they are looked at again
_SEEN: dict[str, Any] = {"dir": None, "key": None, "checked": -RECHECK}
_SEEN_LOCK = threading.Lock()


def _seen() -> dict[str, Any]:
    """The language files as last seen (names, modification times) and the sections made
    from them. Pages look words up thousands of times, so the folder is looked at again at
    most once per :data:`RECHECK` second (at once when ``LOCALE_DIR`` changes); an edited
    or added file is picked up then."""
    seen = _SEEN
    now = time.monotonic()
    if seen["dir"] is LOCALE_DIR and now - seen["checked"] < RECHECK:
        return seen
    with _SEEN_LOCK:
        files = {p.stem: p.stat().st_mtime_ns for p in LOCALE_DIR.glob("*.yaml")}
        key = (str(LOCALE_DIR), tuple(sorted(files.items())))
        if key != seen["key"]:
            found = sorted(files)
            seen.update(key=key, sections={}, languages=tuple(sorted(
                found, key=lambda lang: (lang not in ("nl", "en"), lang != "nl", lang))))
        seen.update(dir=LOCALE_DIR, checked=now)
    return seen


def languages() -> tuple[str, ...]:
    """The languages with a file, Dutch and English first: ('nl', 'en', ...)."""
    return _seen()["languages"]


def language_of(value: str | None) -> str | None:
    """The language with a file that ``value`` names, or None: its name in any case
    (``'EN'``, ``' en '``), else the language of a tag with a region or script (``'en-US'``,
    ``'nl_BE'``, ``'en-GB'``: English, Dutch) when that language has a file. The pages'
    ``?lang=``, the API's and the command line's ``--lang`` all read a language with it."""
    known = {lang.lower(): lang for lang in languages()}
    text = (value or "").strip().lower()
    found = known.get(text)
    if found is None and re.fullmatch(r"[a-z]{2,3}[_-][a-z0-9]{2,8}([_-][a-z0-9]{1,8})*", text):
        found = known.get(re.split(r"[_-]", text)[0])
    return found


def named(value: str) -> str:
    """The language a user typed (``'EN'``, ``' en '``, ``'en-US'``: :func:`language_of`),
    else :class:`UnknownLanguage` naming the choices."""
    return check(language_of(value) or value)


def check(lang: str) -> str:
    """``lang`` when it has a file, else :class:`UnknownLanguage` naming the choices."""
    if lang not in languages():
        choices = f"use one of {', '.join(languages())}"
        if not str(lang).strip():
            raise UnknownLanguage("no language given", choices)
        if not re.fullmatch(r"[A-Za-z]{2,3}([_-][A-Za-z]{2,4})?", str(lang)):  # not a code
            raise UnknownLanguage(f"unknown language {lang!r}", choices)
        raise UnknownLanguage(f"unknown language {lang!r}",
                              f"{choices}, or add {LOCALE_DIR / (str(lang) + '.yaml')}")
    return lang


@lru_cache(maxsize=32)
def _read(path: Path, mtime: float) -> dict[str, Any]:
    doc = read_yaml(path, "the language file") or {}
    if not isinstance(doc, dict):
        raise StadstrendsError(f"the language file {path} is not a mapping of sections",
                               "start it with 'language:', 'report:', ... like en.yaml")
    return doc


def _file(lang: str) -> dict[str, Any]:
    path = LOCALE_DIR / f"{check(lang)}.yaml"
    return _read(path, path.stat().st_mtime)


def section(lang: str, name: str) -> Any:
    """A section of ``lang``'s file; a mapping is completed key by key from English, anything
    else (a list, a text) is ``lang``'s when it has one, else English's. Made once per
    version of the files and shared: do not change what it returns."""
    made = _seen()["sections"]
    found = made.get((lang, name), made)
    if found is made:
        found = made[lang, name] = _section(lang, name)
    return found


def own_section(lang: str, name: str) -> dict:
    """The section ``name`` of ``lang``'s own file, without English's keys filled in (a
    locale's number symbols: a new language's file without them must not get English's)."""
    own = _file(lang).get(name)
    return own if isinstance(own, dict) else {}


def _section(lang: str, name: str) -> Any:
    own = _file(lang).get(name)
    if lang == FALLBACK:
        return {} if own is None else own
    base = _file(FALLBACK).get(name)
    if isinstance(base, dict):
        return {**base, **(own or {})}
    return base if own is None else own


def word(lang: str, name: str, key: str, /, **kw: Any) -> str:
    """One text of a section, formatted with ``kw`` (the key itself when no file has it)."""
    text = section(lang, name).get(key, key)
    return text.format(**kw) if kw else text


def locale(lang: str) -> str:
    """The Babel locale of a language ('nl_NL', 'en_GB')."""
    return section(lang, "language").get("locale") or lang


def localised(row: dict[str, Any], lang: str, fields: tuple[str, ...] = ("title",)) -> dict:
    """A row with ``<field>_nl`` / ``<field>_en`` columns (catalogue, opgaven, sources) given
    ``<field>_<lang>`` too when it has no such column: the English text (else the Dutch)."""
    out = dict(row)
    for f in fields:
        if f"{f}_{lang}" not in out:
            out[f"{f}_{lang}"] = out.get(f"{f}_{FALLBACK}") or out.get(f"{f}_nl")
    return out


class BySection:
    """``X[lang]``: one section in every language, for modules that index words by language
    (``GAP_MOVES['nl']['stable']``)."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __getitem__(self, lang: str) -> Any:
        return section(lang, self.name)

    def __contains__(self, lang: object) -> bool:
        return lang in languages()
