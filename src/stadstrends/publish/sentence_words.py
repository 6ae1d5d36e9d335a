"""Fixed words of the report sentences (Dutch and English): units, measures, trend and
gap phrases. Kept apart from the templates in :mod:`stadstrends.publish.sentences`."""

from __future__ import annotations

UNITS_EN = {
    "huishoudens": "households", "woningen": "dwellings", "per 1 000 woningen":
    "per 1,000 dwellings", "inwoners": "inhabitants", "per 1 000 inwoners":
    "per 1,000 inhabitants", "per 100 inwoners van 20-64 jaar": "per 100 inhabitants aged 20-64",
    "per 100 inwoners 20-64 jaar": "per 100 inhabitants aged 20-64",
    "banen": "jobs", "1 000 euro": "thousand euro", "inwoners per km2": "inhabitants per km2",
    "m3 per inwoner": "m3 per inhabitant", "kWh per inwoner": "kWh per inhabitant",
    "kg per inwoner": "kg per inhabitant", "Wp per inwoner": "Wp per inhabitant",
    "rapportcijfer": "(rating 1-10)",
}
UNITS_NL = {"1 000 euro": "duizend euro", "rapportcijfer": "(rapportcijfer)"}
MEASURES = {
    "dissimilarity_origin_non_european": ("segregatie naar herkomst buiten Europa",
                                          "segregation by non-European origin"),
    "dissimilarity_origin_european": ("segregatie naar Europese herkomst",
                                      "segregation by European origin"),
    "dissimilarity_age_65plus": ("segregatie van 65-plussers", "segregation of over-65s"),
    "dissimilarity_social_rent": ("segregatie van corporatiewoningen",
                                  "segregation of social rented housing"),
    "gini_woz": ("Gini-index van de WOZ-waarde tussen buurten",
                 "Gini index of property values between neighbourhoods"),
    "theil_woz": ("Theil-index van de WOZ-waarde", "Theil index of property values"),
    "gini_income": ("Gini-index van het inkomen tussen buurten",
                    "Gini index of income between neighbourhoods"),
    "theil_income": ("Theil-index van het inkomen", "Theil index of income"),
    "dissimilarity_low_income": ("segregatie van lage inkomens", "segregation of low incomes"),
    "dissimilarity_high_income": ("segregatie van hoge inkomens",
                                  "segregation of high incomes"),
    "gini_income_percentile": ("Gini-index van de inkomenspositie",
                               "Gini index of income position"),
    "theil_income_percentile": ("Theil-index van de inkomenspositie",
                                "Theil index of income position"),
    "ses_sd": ("spreiding van de sociaaleconomische status tussen buurten",
               "spread of socio-economic status between neighbourhoods"),
    "ses_between_share": ("aandeel van de SES-verschillen tussen buurten",
                          "share of SES variance between neighbourhoods"),
}


WORDS_EN = [("per 1 000", "per 1,000"), ("inwoners", "inhabitants"), ("inwoner", "inhabitant"),
            ("woningen", "dwellings"), ("huishoudens", "households"), ("banen", "jobs"),
            (" van ", " aged "), ("jaar", "years"), ("euro", "euro")]
POINTS = {"nl": ("procentpunt", "%-punt"), "en": ("percentage points", "pp")}  # (full, short)
WORDS = {
    "nl": {"provisional": "voorlopig", "stale": "verouderd", "rise": "een significante stijging",
           "fall": "een significante daling", "none": "geen significante trend",
           "indicative": "te weinig jaren voor een toets ({n} jaren met cijfers)",
           "cut": "eerdere jaren zijn niet vergelijkbaar (reeksbreuk)", "trend": "Trend"},
    "en": {"provisional": "provisional", "stale": "out of date", "rise": "a significant rise",
           "fall": "a significant fall", "none": "no significant trend",
           "indicative": "too few years to test ({n} years with figures)",
           "cut": "earlier years are not comparable (series break)", "trend": "Trend"},
}
GAP_MOVES = {
    "nl": {"pulling_ahead": "{city} loopt significant verder uit",
           "falling_behind": "{city} raakt significant verder achter",
           "catching_up": "{city} loopt significant in",
           "lead_shrinking": "de voorsprong van {city} slinkt significant",
           "diverging": "het verschil wordt significant groter",
           "converging": "het verschil wordt significant kleiner",
           "stable": "het verschil verandert niet significant"},
    "en": {"pulling_ahead": "{city} pulls further ahead significantly",
           "falling_behind": "{city} falls further behind significantly",
           "catching_up": "{city} catches up significantly",
           "lead_shrinking": "{city}'s lead shrinks significantly",
           "diverging": "the difference grows significantly",
           "converging": "the difference shrinks significantly",
           "stable": "the difference does not change significantly"},
}
EURO_UNITS = {"euro": 1, "1 000 euro": 1000}

# How a text names a comparison group: articles a label may start with, the article put before
# '<n> <label>' otherwise, a named set's name in a sentence ('de G40', 'de G32 van 2017'),
# and the short name of any other group in chart legends and table headers.
GROUP_WORDS = {
    "nl": {"articles": ("de ", "het ", "alle "), "article": "de", "named": "de {name}",
           "named_year": "de {name} van {year}", "short": "Vergelijkingsgroep"},
    "en": {"articles": ("the ", "all "), "article": "the", "named": "the {name}",
           "named_year": "the {name} of {year}", "short": "Comparison group"},
}
