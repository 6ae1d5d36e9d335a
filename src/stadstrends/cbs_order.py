"""CBS's alphabetical order of region labels, the order its exports list municipalities in.

Inferred from the region order of every region-first file of the snapshot (60039fvw,
83625NED, 71486ned, 83452NED, 37610, 80860ned, 84903NED, ...; all monotone under this key):
no accents or case; a leading article ignored ("'s-", "'t ", 'De', 'Den', 'Het', 'Ter', 'Ten':
'Ter Aar' sorts under A, 'Ten Boer' under B, 'De Bilt' after 'het Bildt', 's-Hertogenbosch
under H); hyphens and other punctuation ignored ('Echt-Susteren' after 'Echteld',
'Nieuwkoop' before 'Nieuw-Lekkerland') but spaces kept ('Oost Gelre' before 'Oosterhout');
a trailing qualifier in brackets sorts after the bare name and before any longer one
('Beek (L.)' before 'Beek en Donk'; 'Bergen (L.)' before 'Bergen (NH.)'). One definition in
Python and in SQL; the build compares labels in SQL (which municipalities a table cut at
10 000 rows lacks), the analysis and the report's words in Python."""

from __future__ import annotations

import re
import unicodedata

#: a leading article CBS's order skips
_ARTICLE = r"^('s|'t|de|den|het|ter|ten)[- ]"


def sort_key(label: str) -> str:
    """CBS's sort key of a region label: ``"'s-Gravenhage"`` -> ``'gravenhage'``,
    ``'Súdwest-Fryslân'`` -> ``'sudwestfryslan'``, ``'Ter Aar'`` -> ``'aar'``,
    ``'Beek (L.)'`` -> ``'beek\\x01l'``."""
    text = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode()
    text = re.sub(_ARTICLE, "", text.strip().lower())
    text = re.sub(r"\s*\(([^)]*)\)$", "\x01\\1", text)
    return re.sub(r"[^a-z0-9 \x01]", "", text)


#: :func:`sort_key` in DuckDB SQL; ``{x}`` is the label's expression
SORT_KEY_SQL = ("regexp_replace(regexp_replace(regexp_replace(lower(strip_accents(trim({x}))), "
                "'" + _ARTICLE.replace("'", "''") + "', ''), "
                "'\\s*\\(([^)]*)\\)$', chr(1) || '\\1'), '[^a-z0-9 \\x01]', '', 'g')")
