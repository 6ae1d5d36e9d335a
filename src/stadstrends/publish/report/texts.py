"""The report's fixed texts (headings, labels, explanations): the ``report`` section of the
language files (:mod:`stadstrends.vocabulary`)."""

from __future__ import annotations

import re

from stadstrends import vocabulary


class _Texts:
    """``TEXTS[lang]``: the report section of a language file (English for missing keys)."""

    def __getitem__(self, lang: str) -> dict[str, str]:
        return vocabulary.section(lang, "report")


TEXTS = _Texts()

COMPLETENESS_NL = [
    (r"cut at 10 000 rows: (.+)", r"afgekapt bij 10.000 rijen: \1"),
    (r"first slice '([^']+)' complete", r"eerste deel '\1' volledig"),
    (r"first slice '([^']+)'; regions up to '([^']+)' \((.+)\)",
     r"eerste deel '\1'; regio's tot en met '\2' (\3)"),
    (r"regions up to '([^']+)' \((.+)\)", r"regio's tot en met '\1' (\2)"),
    (r"(.+) complete for (\d{4})-(\d{4})", r"\1 volledig voor \2-\3"),
    (r"(.+): complete series (.+)", r"\1: volledige reeksen \2"),
    (r"\bcomplete\b", "volledig"),
]


def t(lang: str, key: str, **kw: object) -> str:
    """A fixed text, formatted."""
    return vocabulary.word(lang, "report", key, **kw)


def domain_title(domain: str, lang: str) -> str:
    return vocabulary.section(lang, "domains").get(domain, domain)


def completeness(text: str | None, lang: str) -> str:
    """A source's completeness note (English codes from ingest) in the report language."""
    if lang != "nl" or not text:  # other languages: the English note
        return text or ""
    for pattern, repl in COMPLETENESS_NL:
        text = re.sub(pattern, repl, text)
    return text


def reason(row: dict, lang: str) -> str:
    """Why a value is missing, in words: a row's ``reason`` code with its ``reason_detail``
    (and ``source``) filled in (the code itself when no language file knows it)."""
    return vocabulary.word(lang, "reasons", row["reason"], detail=row.get("reason_detail") or "",
                           source=row.get("source") or "")
