"""Interface texts in Dutch (default) and English."""

from __future__ import annotations

from typing import Any

DOMAINS = {
    "demography": ("Demografie", "Demography"),
    "economy": ("Economie", "Economy"),
    "social": ("Sociaal-maatschappelijk", "Social"),
    "spatial": ("Ruimte en wonen", "Spatial"),
    "technology": ("Technologie", "Technology"),
    "sustainability": ("Duurzaamheid", "Sustainability"),
    "safety": ("Veiligheid", "Safety"),
    "governance": ("Bestuur en regio", "Governance"),
}
OPGAVEN = {
    "wonen": ("Wonen", "Housing"),
    "zorg_welzijn": ("Zorg en welzijn", "Care and wellbeing"),
    "economie": ("Economie", "Economy"),
    "verduurzaming": ("Verduurzaming", "Sustainability"),
    "bestuur_samenspel": ("Bestuur en samenspel", "Governance and cooperation"),
}
_T = {
    "site": ("Stadstrends", "Stadstrends"),
    "tagline": ("Trends in de G40-steden op basis van CBS-statistieken",
                "Trends in the G40 cities from CBS statistics"),
    "skip": ("Naar de inhoud", "Skip to content"),
    "home": ("Home", "Home"),
    "compare": ("Vergelijken", "Compare"),
    "api": ("API", "API"),
    "search_label": ("Zoek een gemeente (naam, code of bijnaam)",
                     "Search a municipality (name, code or alias)"),
    "search_button": ("Zoeken", "Search"),
    "heatmap": ("G40-overzicht: positie op kernindicatoren",
                "G40 overview: position on key indicators"),
    "heatmap_note": ("Positie binnen de G40 (laatste jaar), 0–100: groen = gunstig (100 = "
                     "gunstigst), paars = ongunstig; grijs = neutrale indicator (100 = hoogst, "
                     "hoger is niet beter of slechter); geel = geen gegevens.",
                     "Position within the G40 (latest year), 0–100: green = favourable (100 = "
                     "most favourable), purple = unfavourable; grey = neutral indicator (100 = "
                     "highest, higher is neither better nor worse); yellow = no data."),
    "heat_table_note": ("positie 0–100 (100 = gunstigst; bij neutrale indicatoren 100 = "
                        "hoogst); – = geen gegevens",
                        "position 0–100 (100 = most favourable; for neutral indicators 100 = "
                        "highest); – = no data"),
    "map": ("Kaart van Nederland", "Map of the Netherlands"),
    "table_alt": ("Tabel bij de grafiek", "Table for the chart"),
    "municipality": ("Gemeente", "Municipality"),
    "indicator": ("Indicator", "Indicator"),
    "year": ("Jaar", "Year"),
    "value": ("Waarde", "Value"),
    "change": ("Verandering", "Change"),
    "trend": ("Trend", "Trend"),
    "position": ("Positie in de groep", "Position in the group"),
    "ommeland": ("Ommeland", "Surrounding region"),
    "g40_median": ("G40-mediaan", "G40 median"),
    "group_median": ("mediaan", "median"),
    "compared_with": ("Vergeleken met", "Compared with"),
    "group_default": ("standaard", "default"),
    "choose_group": ("Vergelijk met", "Compare with"),
    "nl": ("Nederland", "Netherlands"),
    "peers": ("Vergelijkbare gemeenten", "Peer municipalities"),
    "peers_group": ("binnen de vergelijkingsgroep", "within the comparison group"),
    "peers_all": ("alle gemeenten", "all municipalities"),
    "tweedeling": ("Tweedeling: stad en ommeland", "Divide: city and surrounding region"),
    "gap": ("Stad t.o.v. ommeland", "City vs surrounding region"),
    "gap_trend": ("Ontwikkeling van het relatieve verschil", "Trend of the relative gap"),
    "gap_higher": ("hoger", "higher"), "gap_lower": ("lager", "lower"),
    "gap_equal": ("gelijk", "equal"),
    "gap_indicative": ("te weinig jaren voor een toets", "too few years to test"),
    "gap_note": ("Het verschil is relatief: hoeveel procent de stad hoger of lager ligt dan "
                 "het ommeland (de rest van de COROP-regio). Aantallen worden niet vergeleken.",
                 "The gap is relative: how many per cent the city is above or below its "
                 "surrounding region (the rest of the COROP region). Counts are not compared."),
    "opgaven": ("Opgaven", "Policy tasks"),
    "domains": ("Domeinen", "Domains"),
    "report": ("Rapport", "Report"),
    "permalink": ("Permalink", "Permalink"),
    "json_twin": ("Deze gegevens als JSON", "This data as JSON"),
    "source": ("Bron: CBS", "Source: CBS"),
    "definition": ("Definitie", "Definition"),
    "unit": ("Eenheid", "Unit"),
    "sources": ("Brontabellen", "Source tables"),
    "caveats": ("Kanttekeningen", "Caveats"),
    "downloads": ("Downloads", "Downloads"),
    "time_series": ("Tijdreeks", "Time series"),
    "distribution": ("Spreiding over de G40", "Distribution across the G40"),
    "choose_year": ("Jaar", "Year"),
    "choose_regions": ("Gemeenten (codes of namen, kommagescheiden)",
                       "Municipalities (codes or names, comma-separated)"),
    "choose_indicator": ("Indicator", "Indicator"),
    "show": ("Toon", "Show"),
    "compare_title": ("Gemeenten vergelijken", "Compare municipalities"),
    "compare_help": ("Kies twee tot vijf gemeenten.", "Choose two to five municipalities."),
    "not_found": ("Niet gevonden", "Not found"),
    "did_you_mean": ("Bedoelde u", "Did you mean"),
    "error": ("Er ging iets mis", "Something went wrong"),
    "back_home": ("Terug naar de startpagina", "Back to the home page"),
    "no_data": ("geen gegevens", "no data"),
    "rank": ("rang", "rank"),
    "of": ("van", "of"),
    "improving": ("verbetert", "improving"),
    "worsening": ("verslechtert", "worsening"),
    "neutral": ("significant veranderd", "significant change"),
    "stable": ("geen significante verandering", "no significant change"),
    "diverging": ("groeit", "widening"),
    "converging": ("krimpt", "narrowing"),
    "provisional": ("voorlopig", "provisional"),
    "key_indicators": ("Kernindicatoren", "Key indicators"),
    "all_indicators": ("Alle indicatoren", "All indicators"),
    "licence": ("Licentie: CC BY 4.0", "Licence: CC BY 4.0"),
    "lang_switch": ("English", "Nederlands"),
    "city_of": ("Gemeente", "Municipality"),
    "signals": ("Signalen", "Signals"),
    "adverse": ("ongunstig", "adverse"),
    "favourable": ("gunstig", "favourable"),
    "gaps widen": ("verschillen groeien", "gaps widen"),
    "gaps narrow": ("verschillen krimpen", "gaps narrow"),
    "mixed": ("wisselend", "mixed"),
    "no data": ("geen gegevens", "no data"),
    "no_trend": ("geen trend: te weinig recente, vergelijkbare jaren",
                 "no trend: too few recent comparable years"),
    "kies_richting": ("Kies richting", "Choose a direction"),
    "kies_note": ("Waar de gemeente het meest van de vergelijkingsgroep afwijkt: urgente "
                  "opgaven (ongunstige positie, zonder verbetering) en onderscheidende "
                  "sterktes. Bij elke regel staat waarom.",
                  "Where the municipality differs most from the comparison group: urgent "
                  "tasks (an unfavourable position, not improving) and distinctive strengths. "
                  "Each row says why."),
    "kies_urgent_tasks": ("Urgente opgaven", "Urgent tasks"),
    "kies_distinctive_strengths": ("Onderscheidende sterktes", "Distinctive strengths"),
    "why": ("Waarom", "Why"),
    "domain_missing": ("Geen cijfers voor deze gemeente", "No figures for this municipality"),
    "report_intro": ("Het volledige trendrapport van deze gemeente, om te downloaden. Het "
                     "wordt bij de eerste vraag gemaakt; dat kan een halve minuut duren.",
                     "The full trend report of this municipality to download. It is made "
                     "on first request, which can take half a minute."),
    "report_none": ("Voor deze gemeente is nog geen trendrapport beschikbaar; de cijfers "
                    "staan hierboven.", "There is no trend report for this municipality "
                    "yet; the figures are above."),
    "report_pdf": ("Rapport als PDF", "Report as PDF"),
    "report_html": ("Rapport als webpagina", "Report as web page"),
    "in_dutch": ("Nederlands", "Dutch"), "in_english": ("Engels", "English"),
    "share": ("Deel deze pagina", "Share this page"),
    "noscript": ("JavaScript staat uit: de grafieken en kaarten worden niet getekend. Alle "
                 "cijfers staan in de tabellen onder ‘Tabel bij de grafiek’.",
                 "JavaScript is off: charts and maps are not drawn. All figures are in the "
                 "tables under ‘Table for the chart’."),
    "err_region_not_found": ("Deze gemeente kennen we niet.",
                             "We do not know this municipality."),
    "err_region_ambiguous": ("Meerdere gemeenten hebben deze naam. Welke bedoelt u?",
                             "Several municipalities have this name. Which one do you mean?"),
    "err_indicator_not_found": ("Deze indicator bestaat niet.", "This indicator does not exist."),
    "err_not_found": ("Deze pagina bestaat niet.", "This page does not exist."),
    "err_invalid_parameter": ("Deze pagina kan zo niet worden getoond: een keuze in het adres "
                              "klopt niet.", "This page cannot be shown like this: a choice "
                              "in the address is not valid."),
    "err_downloads_busy": ("Het is nu druk. Probeer het over een minuut opnieuw.",
                           "It is busy right now. Please try again in a minute."),
    "err_internal_error": ("Er ging aan onze kant iets mis. Probeer het later opnieuw.",
                           "Something went wrong on our side. Please try again later."),
    "err_detail": ("Technische melding", "Technical message"),
    "legend_title": ("Legenda", "Legend"),
    "legend_classes": ("Elke klasse bevat ongeveer evenveel gemeenten (kwintielen).",
                       "Each class holds about as many municipalities (quintiles)."),
    "ranking": ("Ranglijst", "Ranking"),
    "group": ("Vergelijkingsgroep", "Comparison group"),
    "my_municipality": ("Mijn gemeente", "My municipality"),
    "my_municipality_short": ("mijn gemeente", "my municipality"),
    "jump_mine": ("Naar", "Go to"),
    "rank_col": ("Rang", "Rank"),
    "rank_best_high": ("Rang 1 = hoogste waarde (hoger is gunstiger).",
                       "Rank 1 = highest value (higher is better)."),
    "rank_best_low": ("Rang 1 = laagste waarde (lager is gunstiger).",
                      "Rank 1 = lowest value (lower is better)."),
    "rank_neutral": ("Rang 1 = hoogste waarde (hoger is niet beter of slechter).",
                     "Rank 1 = highest value (higher is neither better nor worse)."),
    "municipalities_with_value": ("gemeenten met een cijfer", "municipalities with a figure"),
    "without_value": ("zonder cijfer (onderaan)", "without a figure (at the bottom)"),
    "csv_plain": ("Deze lijst als CSV", "This list as CSV"),
    "csv_excel": ("Deze lijst als CSV voor Excel (NL)", "This list as CSV for Dutch Excel"),
    "indicator_page": ("Kaart en tijdreeks", "Map and time series"),
    "family_country": ("Nederland", "Netherlands"),
    "family_named": ("Stedennetwerken", "City networks"),
    "family_size": ("Grootteklasse", "Size class"),
    "family_urbanity": ("Stedelijkheid", "Urbanity"),
    "family_typology": ("Type gemeente", "Municipality type"),
    "family_province": ("Provincie", "Province"),
    "family_corop": ("COROP-gebied", "COROP region"),
    "family_peers": ("Vergelijkbare gemeenten", "Similar municipalities"),
    "csv_excel_all": ("CSV voor Excel (NL)", "CSV for Dutch Excel"),
    "metadata_json": ("Metadata: definitie, bronnen, licentie (JSON)",
                      "Metadata: definition, sources, licence (JSON)"),
    "map_click": ("Klik op een gemeente voor haar pagina.",
                  "Click a municipality to open its page."),
    "context_note": ("Ter vergelijking: de COROP-regio, de provincie en Nederland",
                     "For comparison: the COROP region, the province and the Netherlands"),
    "province_word": ("provincie", "province of"),
    "area": ("Gebied", "Area"),
    "embed": ("Deze grafiek insluiten op een andere website",
              "Embed this chart in another website"),
    "embed_help": ("Kopieer deze code in uw webpagina:", "Copy this code into your web page:"),
    "spark_gap": ("geen cijfer voor", "no figure for"),
    "legend": ("Kleuren: groen = verbetert, rood = verslechtert, blauw = significant maar "
               "neutraal, grijs = geen significante verandering.",
               "Colours: green = improving, red = worsening, blue = significant but neutral, "
               "grey = no significant change."),
}


def texts(lang: str) -> dict[str, str]:
    """All interface texts in ``lang`` ('nl' or 'en')."""
    k = 1 if lang == "en" else 0
    return {key: pair[k] for key, pair in _T.items()}


def domain_name(domain: str, lang: str) -> str:
    pair = DOMAINS.get(domain, (domain, domain))
    return pair[1 if lang == "en" else 0]


def opgave_name(opgave: str, lang: str) -> str:
    pair = OPGAVEN.get(opgave, (opgave, opgave))
    return pair[1 if lang == "en" else 0]


def title(meta: dict[str, Any], lang: str) -> str:
    """An indicator's title in ``lang`` (Dutch when the English one is missing)."""
    return (meta.get("title_en") if lang == "en" else None) or meta.get("title_nl") or ""


def description(meta: dict[str, Any], lang: str) -> str:
    return (meta.get("description_en") if lang == "en" else None) or \
        meta.get("description_nl") or ""
