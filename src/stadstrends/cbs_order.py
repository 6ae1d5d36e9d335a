"""CBS's alphabetical order of region labels, the order its exports list municipalities in:
no accents or case, a leading "'s-" ignored ('s-Hertogenbosch sorts under H). One definition
in Python and in SQL; the build compares labels in SQL (which municipalities a table cut
at 10 000 rows lacks), the analysis and the report's words in Python."""

from __future__ import annotations

import re
import unicodedata


def sort_key(label: str) -> str:
    """CBS's sort key of a region label: ``"'s-Gravenhage"`` -> ``'gravenhage'``,
    ``'Súdwest-Fryslân'`` -> ``'sudwest-fryslan'``."""
    text = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode()
    return re.sub(r"^'s[- ]", "", text.strip().lower())


#: :func:`sort_key` in DuckDB SQL; ``{x}`` is the label's expression
SORT_KEY_SQL = "regexp_replace(lower(strip_accents(trim({x}))), '^''s[- ]', '')"
