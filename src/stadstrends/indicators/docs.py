"""Generate ``docs/indicators.md`` from the catalogue (a test keeps the file in sync)."""

from __future__ import annotations

from stadstrends import vocabulary
from stadstrends.indicators.catalogue import DOMAINS, Catalogue, Indicator, SourcePart
from stadstrends.ranges import year_ranges

DOMAIN_TITLES = vocabulary.section("nl", "domains")
METHODS = vocabulary.section("nl", "methods")
DIRECTIONS = vocabulary.section("nl", "directions")


def _part(part: SourcePart) -> str:
    bits = [f"`{part.table}`{' (OData v4)' if part.api == 'v4' else ''} `{part.measure}`"]
    if part.where:
        bits.append("waar " + ", ".join(part.where))
    if part.years:
        bits.append(f"{part.years[0]}–{part.years[1]}")
    if part.period != "year":
        bits.append(f"periode {part.period} {part.part or ''}".strip())
    if part.scale != 1:
        bits.append(f"x {part.scale:g}")
    if part.boundary_year:
        bits.append(f"grenzen {part.boundary_year}")
    return "; ".join(bits)


def _entry(ind: Indicator) -> list[str]:
    lines = [f"### {ind.title_nl} (`{ind.id}`)", "",
             f"*{ind.title_en}.* {ind.description_nl} {ind.description_en}", "",
             f"- Eenheid: {ind.unit} ({ind.decimals} decimalen); "
             f"richting: {DIRECTIONS[ind.direction]}; "
             f"methode: {METHODS[ind.method]}" + (f", schaal x {ind.scale:g}" if ind.scale != 1
                                                 else ""),
             "- Opgaven: " + (", ".join(ind.opgaven) or "-"),
             "- Teller: " + " / ".join(_part(p) for p in ind.numerator)]
    if ind.change_of:
        first, last = ind.change_of.years
        lines.append(f"- Teller {first}–{last}: de verandering van indicator "
                     f"`{ind.change_of.indicator}` in het jaar, de waarde op 1 januari van het "
                     "volgende jaar min die van het jaar zelf (beide in de grenzen van nu)")
    if ind.denominator:
        lines.append("- Noemer: " + " / ".join(_part(p) for p in ind.denominator))
    if ind.denominator_indicator:
        lines.append(f"- Noemer: indicator `{ind.denominator_indicator}`")
    if ind.count_fallback:
        lines.append("- Zonder CBS-cijfer: " + _part(ind.count_fallback) + " gedeeld door de "
                     "noemer, alleen voor een gemeente en jaar zonder gepubliceerd cijfer "
                     "(`count_fallback`, `recomputed_cells`)")
    if ind.region_fallback:
        lines.append("- Per gemeente zonder cijfer in de teller: " + " / ".join(
            _part(p) for p in ind.region_fallback) + " (`region_fallback`, `fallback_cells`: "
            "die tabel staat dan als bron bij het cijfer)")
    if ind.count_is_exact:
        lines.append("- Onafgerond: het aantal gedeeld door de noemer waar dat afgerond het "
                     "CBS-cijfer is, anders het CBS-cijfer (`count_is_exact`, `exact_rates`)")
    if ind.continuous_sources:
        lines.append("- Eén reeks: " + ", ".join(f"`{t}`" for t in ind.continuous_sources)
                     + " (gelijke definitie; een wissel tussen deze tabellen breekt de reeks niet)")
    lines += [f"- Reeksbreuk {b.year}: {b.reason}" for b in ind.breaks]
    if ind.year_offset:
        lines.append(f"- Jaar: datajaar + {ind.year_offset}")
    if ind.provisional_latest:
        lines.append("- Voorlopig: het laatste jaar (`provisional_latest`; de status staat niet "
                     "in het bestand van de momentopname)")
    if ind.current_prices:
        lines.append("- Lopende prijzen (`current_prices`): de trend krijgt geen oordeel "
                     "(gunstig of ongunstig): niet gecorrigeerd voor inflatie")
    if ind.can_be_negative:
        lines.append("- Kan negatief zijn (`can_be_negative`): een stijging tot drie keer zo "
                     "hoog of meer staat als verschil, niet als 'zoveel keer zo hoog'")
    lines += [f"- Let op: {c.nl}" for c in ind.caveats]
    lines += [f"- Momentopname (intern): {n}" for n in ind.snapshot_notes]
    return lines + [""]


def render_markdown(catalogue: Catalogue) -> str:
    """The catalogue as Markdown, grouped by domain, with the known gaps."""
    out = ["# Indicatoren", "",
           "Gegenereerd uit `src/stadstrends/indicators/catalogue.yaml` met "
           "`stadstrends docs`; niet met de hand bewerken. Bron: CBS (CC BY 4.0).", "",
           f"{len(catalogue.indicators)} indicatoren in {len(DOMAINS)} domeinen.", "",
           "Een trend wordt getoetst over één vergelijkbare reeks: de jaren vanaf de laatste "
           "reeksbreuk (*Reeksbreuk*) of de laatste wissel naar een brontabel die niet met de "
           "vorige één reeks vormt (*Eén reeks*). Grafieken trekken geen lijn over een breuk.",
           "",
           "Afgeronde aantallen: CBS rondt sommige tellers af (bijvoorbeeld op tientallen). "
           "De bouw herkent dat aan de cijfers zelf: zijn in een jaar alle gemeentelijke "
           "waarden van de bron een veelvoud van 5 (10, 100, 1 000), dan staat die afronding "
           "in `numerator_rounding`. Een afgeronde 0 van een gemeente is geen nul maar "
           "'minder dan de helft' (bij tientallen: 0 tot 4) en krijgt geen cijfer, met reden "
           "`rounded_to_zero` (niet bij vijftallen: nieuwbouw, sloop en saldo van 84903NED en "
           "86054NED houden hun 0); de *Let op* van zo'n indicator noemt de afronding. Zo ook een "
           "afgeronde noemer (`denominator_rounding`): een 0 daarvan krijgt reden "
           "`denominator_rounded_to_zero`. Van een gepubliceerd gemiddelde (`weighted_mean`) "
           "is de noemer alleen het gewicht waarmee cijfers worden samengenomen (bijvoorbeeld "
           "de beroepsbevolking in duizenden, voor samengevoegde gemeenten en regio's): een "
           "gemeente van één code houdt het CBS-cijfer van die code, wat haar gewicht ook is "
           "(0, zoals de werkloosheid van Schiermonnikoog, of onbekend); alleen een "
           "samengevoegde gemeente waarvan elk deel gewicht 0 heeft, krijgt geen cijfer "
           "(reden `weight_rounded_to_zero`).",
           "",
           "Regio's: COROP-regio, provincie en Nederland zijn sommen over de gemeenten "
           "(een verhouding: de som van de tellers gedeeld door de som van de noemers), "
           "berekend door Stadstrends; het ommeland is de COROP-regio zonder de gemeente. "
           "Uitzonderingen: van een gepubliceerd gemiddelde (`weighted_mean`) is Nederland "
           "het landelijke cijfer van CBS uit dezelfde tabel, en ook een COROP-regio of "
           "provincie waar de tabel die publiceert voor de regio van nu (haar basis, zoals "
           "het aantal huishoudens, gelijk aan de som over de gemeenten van nu, op afronding "
           "na; tabel `region_cbs_means`): zo heeft Noord-Friesland een inkomen in 2023 "
           "(48,2 duizend euro, 86004NED) hoewel Ameland, Schiermonnikoog en Vlieland geen "
           "cijfer hebben. Het ommeland blijft de som over de andere gemeenten; alleen waar een "
           "gemeente geen cijfer heeft, is het afgeleid: CBS' gemiddelde maal de basis van de "
           "COROP-regio min die van de gemeente, gedeeld door de rest van de basis (alleen als "
           "beide bases bekend zijn). Van een aantal of verhouding is Nederland het "
           "landelijke cijfer van CBS (teller en eigen noemer uit dezelfde tabel en hetzelfde "
           "jaar) in de jaren waarin niet alle gemeenten een cijfer hebben, zoals het aandeel "
           "eenpersoonshuishoudens 2000-2024 (71486ned houdt op bij Moerdijk); zonder "
           "landelijke rij in de tabel blijft Nederland leeg (`region_incomplete`). Zo ook "
           "een COROP-regio of provincie, maar alleen in de jaren waarin haar gemeenten van "
           "toen samen hetzelfde gebied zijn als nu (geen gemeente of grenswijziging sindsdien "
           "naar of uit een andere regio): de provincie Utrecht vanaf 2019, toen "
           "Vijfheerenlanden erbij kwam, daarvoor blijft ze leeg; het ommeland blijft daar "
           "de som over de andere gemeenten. "
           "Telt het landelijke cijfer van een tabel meer dan de gemeenten samen (CBS plaatst "
           "een deel in geen gemeente: geleverde elektriciteit en aardgas aan bedrijven, "
           "zonnepanelen), dan is Nederland daarvan in elk jaar het cijfer van CBS zodra het "
           "dat in een jaar is en de tabel het in elk jaar heeft: zo blijft het één soort "
           "cijfer, zonder sprong die geen verandering is (`region_cbs_means.reason` "
           "`one_series`). "
           "Van een niveau (`level`) zijn "
           "alle regio's de cijfers van CBS. Rapport en dashboard drukken ommeland, COROP-regio, "
           "provincie en Nederland niet preciezer af dan de cijfers van de gemeenten waaruit "
           "ze berekend zijn: afgeronde aantallen op hun "
           "eenheid, afgeronde gemiddelden (`mean_rounding`: gas- en elektriciteitsverbruik "
           "op tientallen) ook; de API geeft de onafgeronde waarden.",
           ""]
    for domain in DOMAINS:
        entries = [i for i in catalogue.indicators if i.domain == domain]
        out += [f"## {DOMAIN_TITLES[domain]} ({domain}, {len(entries)})", ""]
        for ind in entries:
            out += _entry(ind)
        gaps = catalogue.known_gaps.get(domain, [])
        if gaps:
            out += ["**Bekende leemtes:**", ""] + [f"- {year_ranges(g)}" for g in gaps] + [""]
    return "\n".join(out).rstrip() + "\n"
