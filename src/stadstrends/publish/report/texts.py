"""Fixed report texts in Dutch and English (headings, labels, explanations)."""

from __future__ import annotations

import re

# the report's domain headings (the profile and web use the warehouse's `domains` names,
# which differ in two words: one vocabulary is issue 11's remaining work)
DOMAIN_TITLES_NL = {
    "demography": "Demografie", "economy": "Economie", "social": "Sociaal",
    "spatial": "Ruimte en wonen", "technology": "Technologie",
    "sustainability": "Duurzaamheid", "safety": "Veiligheid", "governance": "Bestuur en regio",
}
DOMAIN_TITLES_EN = {
    "demography": "Demography", "economy": "Economy", "social": "Social",
    "spatial": "Spatial planning and housing", "technology": "Technology",
    "sustainability": "Sustainability", "safety": "Safety", "governance": "Governance and region",
}

TEXTS: dict[str, dict[str, str]] = {
    "nl": {
        "title": "Trendstudie {city}",
        "subtitle": "Trends in cijfers voor de opgaven van de gemeente, naar de aanpak van de "
                    "trendstudies van Platform31",
        "toc": "Inhoud", "front": "{city} in het kort",
        "map_caption": "{city} in de COROP-regio {corop}. Bron: CBS; gemeentegrenzen: PDOK "
                       "(2023).",
        "map_alt": "Kaart van de COROP-regio {corop} met {n} gemeenten; {city} is donkerblauw "
                   "gekleurd.",
        "key_figures": "Kerncijfers", "peers": "Vergelijkbare gemeenten",
        "peers_text": "Gemeenten binnen {group} die structureel het meest op {city} lijken "
                      "(omvang, dichtheid, leeftijd, inkomen, banen, herkomst):",
        "peers_text_all": "Gemeenten die structureel het meest op {city} lijken (omvang, "
                          "dichtheid, leeftijd, inkomen, banen, herkomst):",
        "group_line": "Vergeleken met {group}{default}.",
        "group_default": " (de standaardgroep voor {city})",
        "group_outside": " ({city} hoort er zelf niet bij: een positie zegt waar de waarde "
                         "tussen de leden valt)",
        "not_compared": "niet vergeleken",
        "data_date": "Cijfers tot en met {last}; de meeste indicatoren lopen tot {typical}.",
        "build_date": "Cijfers verwerkt op {date}; rapport gemaakt op {today}.",
        "credit": "Bron: CBS (CC BY 4.0), bewerking Stadstrends.",
        "glance": "In een oogopslag", "col_opgave": "Opgave",
        "signal_summary": "Signalen per opgave",
        "signal_summary_text": "Aantal signalen (significante trends en duidelijke "
                               "afwijkingen) per opgave, naar hoe ze uitpakken voor de stad.",
        "glance_intro": "Per opgave eerst de indicatoren die er het meest toe doen, dan de "
                        "sterkste signalen: significante trends, duidelijke afwijkingen van "
                        "{group} of het ommeland, en verschillen met het ommeland die groeien of "
                        "krimpen. Alleen recente cijfers (niet ouder dan {fresh}); elke "
                        "indicator staat er één keer.",
        "glance_fallback": "Er zijn voor deze uitgave geen signalen berekend; hieronder staan "
                           "per opgave de indicatoren die het verst van de mediaan van {group} "
                           "liggen.",
        "no_signals": "Geen signalen voor deze opgave.",
        "valence": "{v}",
        "favourable": "gunstig", "adverse": "ongunstig", "neutral": "neutraal",
        "domain_intro": "Kernindicatoren van {city} over de tijd, met de middelste helft van "
                        "{group} (p25-p75), het ommeland (de rest van de COROP-regio) en "
                        "Nederland. Een blauwe lijn betekent een significante trend over de "
                        "laatste {window} kalenderjaren tot het laatste jaar met gegevens; "
                        "grijs: geen significante trend. Een lijn loopt niet door over een "
                        "ontbrekend jaar of een reeksbreuk (verticale stippellijn); een open "
                        "rondje is een voorlopig cijfer.",
        "sm_caption": "{domain}: kernindicatoren van {city}, {years}. Bron: CBS.",
        "sm_alt": "Kleine grafieken van {n} indicatoren: {names}. De tabel hieronder bevat "
                  "alle getoonde cijfers.",
        "map_ind_caption": "{title} in de gemeenten van {corop}, {year}; {city} oranje "
                           "omlijnd. Bron: CBS.",
        "map_ind_alt": "Kaart van {title} in {n} gemeenten van {corop}: van {lo} tot {hi}; "
                       "{city}: {value}.",
        "table_summary": "Tabel met de cijfers", "col_year": "Jaar", "col_indicator":
        "Indicator", "col_city": "{city}", "col_p25": "{short} p25",
        "col_median": "{short} mediaan", "col_p75": "{short} p75", "col_omm": "Ommeland",
        "col_nl": "Nederland",
        "col_municipality": "Gemeente", "col_value": "Waarde",
        "col_kind": "Waargenomen of prognose",
        "source_used_for": "Levert: {names}",
        "api": "OData {api}", "source_unknown": "(geen titel in de gegevens)",
        "no_domain_data": "Voor dit domein zijn geen tijdreeksen voor {city} beschikbaar.",
        "divide": "Tweedeling",
        "divide_intro": "Groeit of krimpt het verschil tussen {city} en het ommeland, en "
                        "tussen buurten binnen de stad?",
        "city_region": "Stad en ommeland", "neighbourhoods": "Verschillen tussen buurten",
        "gap_caption": "{city} ten opzichte van het ommeland ({corop} zonder {city}): "
                       "hoeveel procent hoger of lager; open cirkel het eerste, punt het "
                       "laatste jaar van de trendperiode. Bron: CBS.",
        "gap_alt": "Puntgrafiek van {n} indicatoren waarvan het verschil met het ommeland "
                   "significant groeit of krimpt.",
        "gap_none": "Bij geen enkele indicator groeit of krimpt het verschil tussen {city} en "
                    "het ommeland significant.",
        "gap_summary": "Het verschil tussen stad en ommeland is hier relatief gemeten: hoeveel "
                       "procent {city} hoger of lager ligt. Van de {n} indicatoren met een "
                       "recente vergelijking groeit het verschil significant bij {w} en krimpt "
                       "het bij {c}. Gunstig voor de stad: {fav}; ongunstig: {adv}; de overige "
                       "indicatoren hebben geen goede of slechte richting. De grafiek en de "
                       "tabel tonen deze {shown}.",
        "higher": "hoger", "lower": "lager",
        "move_pulling_ahead": "loopt verder uit", "move_falling_behind": "raakt verder achter",
        "move_catching_up": "loopt in", "move_lead_shrinking": "voorsprong slinkt",
        "move_diverging": "groeit", "move_converging": "krimpt", "move_stable": "stabiel",
        "col_first": "Eerste jaar", "col_last": "Laatste jaar", "col_verdict": "Verschil",
        "verdict_diverging": "groeit", "verdict_converging": "krimpt",
        "verdict_stable": "stabiel",
        "no_neighbourhood": "Voor {city} zijn geen buurtcijfers uit {source} beschikbaar: "
                            "{reason}.",
        "no_neighbourhood_set": "Verschillen tussen buurten zijn in deze uitgave alleen "
                                "berekend voor de gemeenten van {sets}, niet voor {city}.",
        "outlook": "Vooruitblik",
        "outlook_intro": "Prognoses van CBS en PBL (Primos/Pearl) voor bevolking en "
                         "vergrijzing. Een prognose is een modeluitkomst, geen waarneming.",
        "outlook_caption": "Waargenomen en verwachte ontwikkeling van {city}. Bron: CBS/PBL.",
        "outlook_alt": "Lijngrafieken van de waargenomen en de verwachte bevolking en "
                       "vergrijzing van {city}.",
        "no_outlook": "Voor {city} zijn geen prognosecijfers beschikbaar.",
        "caveats": "Kanttekeningen bij de prognoses (uit de indicatorcatalogus):",
        "direction": "Kies richting",
        "direction_intro": "Een onderscheidende sterkte: {city} hoort bij het gunstigste kwart "
                           "van {group} en gaat niet significant achteruit. Een urgente opgave: "
                           "{city} hoort bij het ongunstigste kwart en gaat niet significant "
                           "vooruit, of zit in de ongunstigste helft en gaat significant "
                           "achteruit. Indicatoren zonder goede of slechte richting en "
                           "verouderde cijfers tellen niet mee. Met de vergelijkbare gemeenten "
                           "die op dezelfde indicator beter scoren.",
        "why": "Waarom",
        "why_favourable": "{city} hoort bij het gunstigste kwart van {group} (de {extreme} "
                          "waarden; {better} is beter)",
        "why_unfavourable": "{city} hoort bij het ongunstigste kwart van {group} (de "
                            "{extreme} waarden; {better} is beter)",
        "why_half": "{city} zit in de ongunstigste helft van {group}",
        "why_high": "hoogste", "why_low": "laagste", "why_higher": "hoger", "why_lower": "lager",
        "why_improving": "en verbetert significant",
        "why_worsening": "en verslechtert significant",
        "why_no_trend": "en verandert niet significant",
        "why_indicative": "en heeft te weinig jaren met cijfers voor een trendtoets",
        "stale": "verouderd", "breaks": "reeksbreuk {years}",
        "strengths": "Onderscheidende sterktes", "tasks": "Urgente opgaven",
        "none_strengths": "Geen indicator voldoet aan de criteria voor een onderscheidende "
                          "sterkte.",
        "none_tasks": "Geen indicator voldoet aan de criteria voor een urgente opgave.",
        "better_peers": "Beter bij vergelijkbare gemeenten: {peers}.",
        "no_better_peers": "Geen van de vergelijkbare gemeenten scoort hier beter.",
        "no_kies": "Kies richting is voor deze uitgave niet berekend.",
        "accountability": "Verantwoording",
        "acc_intro": "Alle cijfers komen uit CBS StatLine (en voor de kaart uit PDOK), "
                     "geharmoniseerd naar de gemeentegrenzen van {ref}. Trends: Mann-Kendall "
                     "(significant bij p < {alpha}) en Theil-Sen over de laatste {window} "
                     "kalenderjaren tot het laatste jaar met gegevens, alleen binnen één "
                     "vergelijkbare reeks (niet over een reeksbreuk); met minder dan {min_n} "
                     "jaren is een trend indicatief en nooit significant. Posities ten "
                     "opzichte van {group} ({set_id}, {n} gemeenten); ommeland: de "
                     "COROP-regio zonder de gemeente. "
                     "Een cijfer is verouderd als het laatste jaar vóór {fresh} ligt; "
                     "verouderde cijfers staan alleen in hun domein en hier.",
        "acc_indicators": "Gebruikte indicatoren", "acc_missing": "Wat ontbreekt",
        "acc_sources": "Brontabellen",
        "acc_sources_note": "Waar de CBS-titel niet in de gegevens staat, staat er wat de "
                            "tabel levert. Elke tabel is op StatLine (opendata.cbs.nl) te "
                            "vinden onder haar nummer.",
        "col_definition": "Definitie", "col_source": "Brontabel", "col_period": "Periode",
        "col_retrieved": "Opgehaald", "col_reason": "Reden", "col_years": "Jaren",
        "col_title": "Titel", "col_completeness": "Volledigheid",
        "missing_none": "Alle indicatoren hebben cijfers voor {city}.",
        "no_values": "geen cijfers voor {city}",
        "footer": "Trendstudie {city} · Bron: CBS",
        "overview_title": "Overzicht: {label}", "overview_subtitle": "Signalen, posities en "
        "verschillen met het ommeland voor {group}",
        "heat_signals": "Signalen per gemeente", "heat_positions": "Posities in {group}",
        "heat_gaps": "Stad en ommeland", "city_reports": "Rapporten per stad",
        "heat_signals_caption": "Sterkste signaal per stad en kernindicator. Bron: CBS.",
        "heat_positions_caption": "Kwartiel van elke gemeente binnen {group} per kernindicator "
                                  "(laatste jaar). Bron: CBS.",
        "heat_gaps_caption": "Verschil tussen stad en ommeland: groeit, krimpt of stabiel "
                             "(trend over de laatste {window} jaar). Bron: CBS.",
        "heat_alt": "Raster van {rows} steden bij {cols} indicatoren; de tabel hieronder geeft "
                    "dezelfde indeling.",
        "col_signals": "Signalen", "col_report": "Rapport",
        "no_signal": "geen signaal", "no_data": "geen gegevens",
        "quartile": "Kwartiel", "q1": "laagste kwart", "q2": "onder mediaan",
        "q3": "boven mediaan", "q4": "hoogste kwart",
    },
}

TEXTS["en"] = {
    **TEXTS["nl"],
    "title": "Trend study {city}",
    "subtitle": "Trends in figures for the municipality's policy tasks, following "
                "Platform31's trend studies",
    "toc": "Contents", "front": "{city} at a glance",
    "map_caption": "{city} in the COROP region {corop}. Source: CBS (Bron: CBS); boundaries: "
                   "PDOK (2023).",
    "map_alt": "Map of the COROP region {corop} with {n} municipalities; {city} in dark blue.",
    "key_figures": "Key figures", "peers": "Comparable municipalities",
    "peers_text": "The municipalities within {group} structurally most similar to {city} "
                  "(size, density, age, income, jobs, origin):",
    "peers_text_all": "The municipalities structurally most similar to {city} (size, "
                      "density, age, income, jobs, origin):",
    "group_line": "Compared with {group}{default}.",
    "group_default": " (the default group for {city})",
    "group_outside": " ({city} is not a member: a position says where its value falls "
                     "among the members)",
    "not_compared": "not compared",
    "data_date": "Figures up to {last}; most indicators run to {typical}.",
    "build_date": "Figures processed on {date}; report made on {today}.",
    "credit": "Bron: CBS (CC BY 4.0), processed by Stadstrends.",
    "glance": "At a glance", "col_opgave": "Policy task",
    "signal_summary": "Signals per policy task",
    "signal_summary_text": "Number of signals (significant trends and clear deviations) per "
                           "policy task, by how they turn out for the city.",
    "glance_intro": "Per policy task first the indicators that matter most for it, then the "
                    "strongest signals: significant trends, clear deviations from {group} or "
                    "the surrounding region, and differences with the surrounding region that "
                    "widen or narrow. Recent figures only (not older than {fresh}); each "
                    "indicator appears once.",
    "glance_fallback": "No signals were computed for this edition; per task the indicators "
                       "furthest from the median of {group} are shown.",
    "no_signals": "No signals for this task.",
    "favourable": "favourable", "adverse": "adverse", "neutral": "neutral",
    "domain_intro": "Key indicators of {city} over time, with the middle half of {group} "
                    "(p25-p75), the surrounding region (the rest of the COROP region) and the "
                    "Netherlands. A blue line marks a significant trend over the last {window} "
                    "calendar years up to the latest year with data; grey: no significant "
                    "trend. Lines do not run across a missing year or a series break (dotted "
                    "vertical line); an open circle is a provisional figure.",
    "sm_caption": "{domain}: key indicators of {city}, {years}. Bron: CBS.",
    "sm_alt": "Small multiples of {n} indicators: {names}. The table below holds every "
              "number shown.",
    "map_ind_caption": "{title} in the municipalities of {corop}, {year}; {city} outlined in "
                       "orange. Bron: CBS.",
    "map_ind_alt": "Map of {title} in {n} municipalities of {corop}: from {lo} to {hi}; "
                   "{city}: {value}.",
    "table_summary": "Table of the figures", "col_year": "Year", "col_median": "{short} median",
    "col_omm": "Surrounding region", "col_nl": "Netherlands", "col_municipality":
    "Municipality", "col_value": "Value", "col_kind": "Observed or projected",
    "source_used_for": "Provides: {names}", "api": "OData {api}",
    "source_unknown": "(no title in the data)",
    "no_domain_data": "No time series are available for {city} in this domain.",
    "divide": "Divide",
    "divide_intro": "Does the difference between {city} and its surrounding region, and "
                    "between neighbourhoods within the city, grow or shrink?",
    "city_region": "City and surrounding region", "neighbourhoods":
    "Differences between neighbourhoods",
    "gap_caption": "{city} relative to its surrounding region ({corop} without {city}): how "
                   "many percent higher or lower; open circle the first, dot the last year of "
                   "the trend window. Bron: CBS.",
    "gap_alt": "Dot plot of {n} indicators whose difference with the surrounding region "
               "widens or narrows significantly.",
    "gap_none": "For no indicator does the difference between {city} and its surrounding "
                "region widen or narrow significantly.",
    "gap_summary": "The difference between city and region is measured relatively here: how "
                   "many percent {city} is higher or lower. Of the {n} indicators with a "
                   "recent comparison, the difference widens significantly for {w} and "
                   "narrows for {c}. Favourable for the city: {fav}; unfavourable: {adv}; the "
                   "other indicators have no good or bad direction. The chart and table show "
                   "these {shown}.",
    "higher": "higher", "lower": "lower",
    "move_pulling_ahead": "pulls ahead", "move_falling_behind": "falls behind",
    "move_catching_up": "catches up", "move_lead_shrinking": "lead shrinks",
    "move_diverging": "widens", "move_converging": "narrows", "move_stable": "stable",
    "col_first": "First year", "col_last": "Last year", "col_verdict": "Difference",
    "verdict_diverging": "widening", "verdict_converging": "narrowing",
    "verdict_stable": "stable",
    "no_neighbourhood": "No neighbourhood figures from {source} are available for {city}: "
                        "{reason}.",
    "no_neighbourhood_set": "Differences between neighbourhoods were computed in this "
                            "edition only for the municipalities of {sets}, not for {city}.",
    "outlook": "Outlook",
    "outlook_intro": "Projections by CBS and PBL (Primos/Pearl) for population and ageing. A "
                     "projection is a model result, not an observation.",
    "outlook_caption": "Observed and projected development of {city}. Bron: CBS/PBL.",
    "outlook_alt": "Line charts of the observed and projected population and ageing of "
                   "{city}.",
    "no_outlook": "No projections are available for {city}.",
    "caveats": "Caveats on the projections (from the indicator catalogue; in Dutch):",
    "direction": "Choosing direction",
    "direction_intro": "A distinctive strength: {city} is in the most favourable quarter of "
                       "{group} and not significantly worsening. An urgent task: {city} is in "
                       "the least favourable quarter and not significantly improving, or in "
                       "the less favourable half and significantly worsening. Indicators "
                       "without a good or bad direction and out-of-date figures do not count. "
                       "With the comparable municipalities that do better on the same "
                       "indicator.",
    "why": "Why",
    "why_favourable": "{city} is in the most favourable quarter of {group} (the {extreme} "
                      "values; {better} is better)",
    "why_unfavourable": "{city} is in the least favourable quarter of {group} (the {extreme} "
                        "values; {better} is better)",
    "why_half": "{city} is in the less favourable half of {group}",
    "why_high": "highest", "why_low": "lowest", "why_higher": "higher", "why_lower": "lower",
    "why_improving": "and improving significantly",
    "why_worsening": "and worsening significantly",
    "why_no_trend": "and does not change significantly",
    "why_indicative": "and has too few years with figures to test a trend",
    "stale": "out of date", "breaks": "series break {years}",
    "strengths": "Distinctive strengths", "tasks": "Urgent tasks",
    "none_strengths": "No indicator meets the criteria for a distinctive strength.",
    "none_tasks": "No indicator meets the criteria for an urgent task.",
    "better_peers": "Doing better among comparable municipalities: {peers}.",
    "no_better_peers": "None of the comparable municipalities does better here.",
    "no_kies": "Choosing direction was not computed for this edition.",
    "accountability": "Sources and methods",
    "acc_intro": "All figures come from CBS StatLine (and the map from PDOK), harmonised to "
                 "the municipal boundaries of {ref}. Trends: Mann-Kendall (significant at "
                 "p < {alpha}) and Theil-Sen over the last {window} calendar years up to the "
                 "latest year with data, within one comparable series only (never across a "
                 "series break); with fewer than {min_n} years a trend is indicative and "
                 "never significant. Positions within {group} ({set_id}, {n} "
                 "municipalities); surrounding region: the COROP region without the "
                 "municipality. A figure is out of date when its latest "
                 "year is before {fresh}; such figures appear only in their domain and here.",
    "acc_indicators": "Indicators used", "acc_missing": "What is missing",
    "acc_sources": "Source tables",
    "acc_sources_note": "Where CBS's title is not in the data, the table shows what it "
                        "provides. Every table can be found on StatLine (opendata.cbs.nl) "
                        "by its number.",
    "col_definition": "Definition", "col_source": "Source table", "col_period": "Period",
    "col_retrieved": "Retrieved", "col_reason": "Reason", "col_years": "Years",
    "col_title": "Title", "col_completeness": "Completeness",
    "missing_none": "Every indicator has figures for {city}.",
    "no_values": "no figures for {city}",
    "footer": "Trend study {city} · Bron: CBS",
    "overview_title": "Overview: {label}", "overview_subtitle": "Signals, positions and "
    "differences with the surrounding region for {group}",
    "heat_signals": "Signals per municipality", "heat_positions": "Positions in {group}",
    "heat_gaps": "City and surrounding region", "city_reports": "Reports per city",
    "heat_signals_caption": "Strongest signal per city and key indicator. Bron: CBS.",
    "heat_positions_caption": "Quartile of each municipality within {group} per key "
                              "indicator "
                              "(latest year). Bron: CBS.",
    "heat_gaps_caption": "Difference between city and surrounding region: widening, narrowing "
                         "or stable (trend over the last {window} years). Bron: CBS.",
    "heat_alt": "Grid of {rows} cities by {cols} indicators; the table below gives the same "
                "classification.",
    "col_signals": "Signals", "col_report": "Report",
    "no_signal": "no signal", "no_data": "no data",
    "quartile": "Quartile", "q1": "bottom quarter", "q2": "below median",
    "q3": "above median", "q4": "top quarter",
}

REASONS_NL = [
    (r"not in the partial (.+) extract \(municipalities after (.+)\)",
     r"de stad valt buiten het gedeeltelijke extract van \1 (gemeenten na \2)"),
    (r"last municipality in the file, cut: incomplete \(excluded\)",
     "de stad is de laatste, afgekapte gemeente in het bestand en is weggelaten"),
    (r"absent from (.+) although within its range (.+)",
     r"de stad ontbreekt in \1 hoewel ze binnen het bereik valt \2"),
    (r"value suppressed or missing in the source", "waarde geheimgehouden of ontbrekend"),
    (r"value suppressed in the source", "waarde door CBS geheimgehouden"),
    (r"value missing in the source", "waarde ontbreekt in de bron"),
    (r"no value in the source for this year", "geen waarde in de bron voor dit jaar"),
    (r"not all municipalities of the region have a value",
     "niet alle gemeenten van de regio hebben een waarde"),
    (r"boundary change: a non-additive value cannot be recomputed",
     "grenswijziging: een niet-optelbare waarde is niet om te rekenen"),
    (r"no data for predecessor\(s\) (.+)", r"geen cijfers voor voorganger(s) \1"),
    (r"no denominator for this year", "geen noemer voor dit jaar"),
    (r"denominator is zero", "de noemer is nul"),
]
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
    return TEXTS[lang][key].format(**kw)


def domain_title(domain: str, lang: str) -> str:
    return DOMAIN_TITLES_NL[domain] if lang == "nl" else DOMAIN_TITLES_EN[domain]


def completeness(text: str | None, lang: str) -> str:
    """A source's completeness note (English codes from ingest) in the report language."""
    if lang == "en" or not text:
        return text or ""
    for pattern, repl in COMPLETENESS_NL:
        text = re.sub(pattern, repl, text)
    return text


def reason(text: str, lang: str) -> str:
    """A warehouse reason (English) in the report language, when a pattern is known."""
    if lang == "en" or not text:
        return text
    for pattern, repl in REASONS_NL:
        if re.fullmatch(pattern, text):
            return re.sub(pattern, repl, text)
    return text
