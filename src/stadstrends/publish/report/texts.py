"""The report's fixed texts (headings, labels, explanations): the ``report`` section of the
language files (:mod:`stadstrends.vocabulary`)."""

from __future__ import annotations

from typing import Any

from stadstrends import vocabulary
from stadstrends.publish.format import fmt_number


class _Texts:
    """``TEXTS[lang]``: the report section of a language file (English for missing keys)."""

    def __getitem__(self, lang: str) -> dict[str, str]:
        return vocabulary.section(lang, "report")


TEXTS = _Texts()


def t(lang: str, key: str, **kw: object) -> str:
    """A fixed text, formatted."""
    return vocabulary.word(lang, "report", key, **kw)


def municipalities(n: int, lang: str) -> str:
    """'1 gemeente', '41 gemeenten' / '1 municipality', '41 municipalities': the language
    file's ``municipalities_one`` or ``municipalities_other`` by the CLDR plural category of
    ``n`` (Babel; a language Babel does not know: 'one' for 1 only)."""
    try:
        from babel import Locale

        category = Locale.parse(lang).plural_form(n)
    except (ValueError, LookupError):
        category = "one" if n == 1 else "other"
    return t(lang, "municipalities_one" if category == "one" else "municipalities_other", n=n)


def domain_title(domain: str, lang: str) -> str:
    return vocabulary.section(lang, "domains").get(domain, domain)


#: a reason stored per year whose words differ for a group of several (``years``): 'geen bron
#: voor deze jaren', not 'voor dit jaar'
PLURAL_REASONS = {"no_source_for_year": "no_source_for_years"}


def reason(row: dict, lang: str) -> str:
    """Why a value is missing, in words: a row's ``reason`` code with its ``reason_detail``
    (and ``source``) filled in (the code itself when no language file knows it); a group of
    more than one of ``years`` in :data:`PLURAL_REASONS`' plural words."""
    code = row["reason"]
    if len(row.get("years") or ()) > 1:
        code = PLURAL_REASONS.get(code, code)
    return vocabulary.word(lang, "reasons", code, detail=row.get("reason_detail") or "",
                           source=row.get("source") or "")


def neighbourhood_source(table: str, lang: str, with_table: bool = True) -> str:
    """A neighbourhood table's name in words (language files, ``neighbourhood_sources``),
    by default with its CBS table number: 'Kerncijfers wijken en buurten 2024 (CBS-tabel
    85984NED)'."""
    name = vocabulary.word(lang, "neighbourhood_sources", table)
    return t(lang, "neighbourhood_source", name=name, table=table) if with_table else name


def badge(sig: dict, lang: str, gap: dict | None = None, kies: str | None = None
          ) -> str | None:
    """The label of a signal in 'in een oogopslag': its verdict and what it rests on, the
    signal's kind ('ongunstig vergeleken met het ommeland', 'gunstige trend'); a crime rate
    in the group's lowest quarter can be adverse next to the ommeland, and the label must not
    read as a verdict on the group position. An indicator without a good direction (valence
    'neutral') names what was found and that there is no verdict ('trend (geen oordeel)');
    a lead indicator of the opgave without a signal (``sig['lead']``) is 'kernindicator', or
    with a significant trend that is no signal ``sig['trend_badge']`` ('gunstige trend, te
    klein voor een signaal': :func:`.glance.unjudged`);
    None for anything else without a signal. ``gap``: the indicator's ``region_gap_trends``
    row (unused: a gap that changed sides is its own kind, ``gap_crossing``, worded by where
    the city ended: 'ongunstig: lag voor en raakt achter op het ommeland'). ``kies``:
    the indicator's Kies richting label; a lead indicator Kies richting names is not a
    'kernindicator' that does not stand out but 'urgente opgave: ongunstige positie in de
    groep' (Land van Cuijk's gas use per dwelling, in the highest quarter)."""
    valence = sig.get("valence")
    if str(sig.get("movement") or "").endswith("_rel"):  # relative only: no verdict
        return t(lang, f"badge_{sig['kind']}_rel")
    if valence in ("favourable", "adverse", "neutral"):
        return t(lang, f"badge_{sig['kind']}_{valence}")
    if sig.get("trend_badge"):  # a lead's significant trend that is no signal: as its tile
        return t(lang, sig["trend_badge"])
    if sig.get("lead") and kies in KIES_BADGES:
        return t(lang, KIES_BADGES[kies])
    return t(lang, "badge_lead") if sig.get("lead") else None


#: the badge and the colour (valence) of a lead indicator Kies richting names
KIES_BADGES = {"urgent task": "badge_kies_task", "distinctive strength": "badge_kies_strength"}
KIES_VALENCE = {"urgent task": "adverse", "distinctive strength": "favourable"}


def level(alpha: float, lang: str) -> str:
    """A significance level as written: 0.05 -> '0,05' (nl), 0.005 -> '0,005'."""
    return fmt_number(alpha, len(f"{alpha:g}".partition(".")[2]), lang)


def _plain(value: float, lang: str) -> str:
    """A setting as written, with the decimals it has: 1.0 -> '1', 1.25 -> '1,25' (nl)."""
    return fmt_number(float(value), len(f"{float(value):g}".partition(".")[2]), lang)


def shift_words(settings: Any, lang: str, mad_scale: float) -> dict[str, str]:
    """The method's numbers of humps and steps from the build's settings (``build_info``):
    ``shift`` ('10%'), ``hump_years`` ('3'), ``step_years`` ('2'), ``small`` ('30'); and where
    a deviation begins, the settings ``deviation_min_z`` and ``ommeland_min``: ``dev_z``,
    ``omm_z`` ('1') scales of ``mad`` ('1,4826', the build's ``mad_scale``) x the MAD; where a
    trend is a signal, ``trend_min`` ('0,25' scales: ``trend_min_strength``)."""
    pct = float(settings.shift_min_change) * 100
    return {"shift": fmt_number(pct, 0 if pct.is_integer() else 1, lang) + "%",
            "hump_years": str(int(settings.hump_max_years)),
            "step_years": str(int(settings.step_min_years_after)),
            "small": fmt_number(float(settings.small_count), 0, lang),
            "dev_z": _plain(settings.deviation_min_z, lang),
            "omm_z": _plain(settings.ommeland_min, lang),
            "trend_min": _plain(settings.trend_min_strength, lang),  # a trend signal's ('0,25')
            "mad": fmt_number(float(mad_scale), 4, lang)}


def period_notes(meta: dict, years: list[int], lang: str) -> str:
    """What the period column of the report's indicator list says after an indicator's
    ``years``: a series break between two of them ('; reeksbreuk 2012'), a stock CBS counts on
    31 December shown at the next year ('; stand op 31 december van het jaar ervoor',
    ``year_offset``: payment arrears); '' without either."""
    breaks = [str(y) for y in meta.get("break_years") or [] if min(years) < y <= max(years)]
    notes = [t(lang, "breaks", years=", ".join(breaks))] if breaks else []
    if meta.get("year_offset"):
        notes.append(t(lang, "offset_period"))
    return "".join(f"; {n}" for n in notes)
