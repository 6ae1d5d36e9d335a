"""Fixed words of the report sentences (units, measures, trend and gap phrases) by
language, from the language files (:mod:`stadstrends.vocabulary`)."""

from __future__ import annotations

from stadstrends import vocabulary

UNITS = vocabulary.BySection("units")  # catalogue unit -> as printed in sentences
UNIT_WORDS = vocabulary.BySection("unit_words")  # word by word for units not in UNITS
MEASURES = vocabulary.BySection("measures")  # neighbourhood inequality measures
POINTS = vocabulary.BySection("points")  # percentage points: {full, short}
WORDS = vocabulary.BySection("words")
GAP_MOVES = vocabulary.BySection("gap_moves")
EURO_UNITS = {"euro": 1, "1 000 euro": 1000}

# How a text names a comparison group: articles a label may start with, the article put before
# '<n> <label>' otherwise, a named set's name in a sentence ('de <set>', 'de <set> van 2017'),
# and the short name of any other group in chart legends and table headers.
GROUP_WORDS = {
    "nl": {"articles": ("de ", "het ", "alle "), "article": "de", "named": "de {name}",
           "named_year": "de {name} van {year}", "short": "Vergelijkingsgroep",
           "plural": "gemeenten ", "single": "enige gemeente "},
    "en": {"articles": ("the ", "all "), "article": "the", "named": "the {name}",
           "named_year": "the {name} of {year}", "short": "Comparison group",
           "plural": "municipalities ", "single": "only municipality "},
}
