"""Report sentences from fixed templates (Dutch and English), each with the numbers it cites.

No free-form text generation: every sentence is a template filled with warehouse values
formatted by :mod:`stadstrends.publish.format`. A :class:`Sentence` carries its text and one
:class:`Cite` per number shown (which table field, indicator, region and year it comes from,
and the exact text printed), so tests can parse each number back and compare it with the
warehouse.

Facts (plain dicts, see ``report.data``) per indicator: ``indicator_id``, ``title``, ``unit``,
``trend`` (a ``trends`` row or None), ``bench`` (a ``benchmark_latest`` row or None) and
optionally ``gap`` (a ``region_gap_trends`` row).

The number and unit helpers here (:func:`number`, :func:`with_unit`, :func:`change_number`,
:func:`change_unit`, :func:`percent_change`, :func:`euros`, :func:`p_value`) are the only
place sentence-level number text is decided; the profile's signal sentences
(:mod:`stadstrends.publish.sentence_signals`) and the web tiles use them too.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from stadstrends.publish.format import auto_decimals, fmt_change, fmt_number, fmt_percent

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


@dataclass(frozen=True)
class Cite:
    """One number in a sentence: where it comes from and how it was printed.

    ``field`` names the warehouse column: value (indicator_values), abs_change, rel_change,
    mk_p, n_points (trends), g40_median, ommeland_value, nl_value (benchmarks), gap_first,
    gap_last, gap_p (region_gap_trends), ineq_first, ineq_last, ineq_p (inequality_trends),
    ineq_value (inequality). ``shown`` is printed as ``value * scale`` (rel_change x 100);
    a ``shown`` starting with '<' states an upper bound."""

    indicator_id: str
    region_code: str
    year: int | None
    field: str
    value: float
    shown: str
    scale: float = 1.0


@dataclass
class Sentence:
    """A generated statement: its text, the numbers it cites and its years."""

    text: str
    cites: list[Cite] = field(default_factory=list)
    years: list[int] = field(default_factory=list)
    indicator_id: str | None = None
    valence: str | None = None


WORDS_EN = [("per 1 000", "per 1,000"), ("inwoners", "inhabitants"), ("inwoner", "inhabitant"),
            ("woningen", "dwellings"), ("huishoudens", "households"), ("banen", "jobs"),
            (" van ", " aged "), ("jaar", "years"), ("euro", "euro")]
POINTS = {"nl": ("procentpunt", "%-punt"), "en": ("percentage points", "pp")}  # (full, short)
EURO_UNITS = {"euro": 1, "1 000 euro": 1000}


def unit_text(unit: str, lang: str, named: bool = True) -> str:
    """The unit as printed after a number ('' for percentages). ``named``: the report's
    wording ('duizend euro', '(rapportcijfer)'; English units not in the table are translated
    word by word); else the catalogue unit as it is."""
    if unit == "%":
        return ""
    if not named:
        return unit
    table = UNITS_EN if lang == "en" else UNITS_NL
    if unit in table or lang == "nl":
        return table.get(unit, unit)
    text = f" {unit} "
    for nl, en in WORDS_EN:
        text = text.replace(nl, en)
    return text.strip()


def number(value: float | None, unit: str, lang: str = "nl") -> str:
    """A value as printed in sentences, without its unit (percentages keep '%'; missing: '–')."""
    if unit == "%":
        return fmt_percent(value, 1, lang)
    if unit == "rapportcijfer":
        return fmt_number(value, 1, lang)
    return fmt_number(value, auto_decimals(value), lang)


def join(shown: str, unit: str) -> str:
    """A printed number followed by its (possibly empty) unit text."""
    return f"{shown} {unit}" if unit else shown


def with_unit(shown: str, unit: str, lang: str, named: bool = True) -> str:
    return join(shown, unit_text(unit, lang, named))


def change_number(value: float | None, unit: str, lang: str = "nl", sign: bool = True,
                  like: float | None = None) -> str:
    """A difference of two values without its unit: one decimal for percentage points, else
    :func:`auto_decimals` of the value (or of ``like``, to print several alike); signed
    ('+1,2', '−0,35') unless ``sign`` is False."""
    digits = 1 if unit == "%" else auto_decimals(value if like is None else like)
    return fmt_change(value, digits, lang) if sign else fmt_number(value, digits, lang)


def change_unit(unit: str, lang: str, named: bool = True, short: bool = False) -> str:
    """The unit after a difference: percentage points ('%-punt'/'pp' when ``short``) for
    percentages, else the value's unit (none when ``short``)."""
    if unit == "%":
        return POINTS[lang][short]
    return "" if short else unit_text(unit, lang, named)


def percent_change(rel: float, lang: str = "nl") -> str:
    """A relative change (a fraction) as a signed percentage: ``0.052`` -> '+5,2%'."""
    return fmt_change(rel * 100, 1, lang) + "%"


def euros(value: float, unit: str, lang: str = "nl", sign: bool = False) -> str:
    """An amount in ``euro`` or ``1 000 euro`` written out in whole euros: '€ 52.600',
    '−€ 300'; with ``sign`` also '+€ 1.200'."""
    amount = value * EURO_UNITS[unit]
    mark = "−" if amount < 0 else "+" if sign and amount > 0 else ""
    return mark + "€ " + fmt_number(abs(amount), 0, lang)


def p_value(p: float, lang: str = "nl") -> str:
    """A p-value as printed after 'p': '< 0,001' below 0.001, else three decimals."""
    return "< " + fmt_number(0.001, 3, lang) if p < 0.001 else fmt_number(p, 3, lang)


def p_text(shown: str) -> str:
    """'p < 0,001' or 'p = 0,013' from a :func:`p_value`."""
    return f"p {shown}" if shown.startswith("<") else f"p = {shown}"


def _squash(text: str) -> str:
    return re.sub(r"[\s,.()]", "", text).lower()


class Writer:
    """Builds sentences for one city in one language, collecting citations."""

    def __init__(self, city_code: str, city_name: str, lang: str = "nl") -> None:
        self.code, self.city, self.lang = city_code, city_name, lang
        self.nl = lang == "nl"

    # --- numbers -------------------------------------------------------------------
    def cite(self, s: Sentence, ind: str, year: int | None, fld: str, value: float,
              shown: str, region: str | None = None, scale: float = 1.0) -> str:
        s.cites.append(Cite(ind, region or self.code, None if year is None else int(year),
                            fld, float(value), shown, scale))
        return shown

    def _val(self, s: Sentence, f: dict, year: int, fld: str, value: float,
             region: str | None = None) -> str:
        shown = self.cite(s, f["indicator_id"], year, fld, value,
                           number(value, f["unit"], self.lang), region)
        unit = unit_text(f["unit"], self.lang)
        if unit and _squash(unit) in _squash(f["title"]):
            return shown  # 'Geboorten per 1 000 inwoners: 8,7', not '8,7 per 1 000 inwoners'
        return with_unit(shown, f["unit"], self.lang)

    def _year(self, s: Sentence, year: int) -> str:
        s.years.append(int(year))
        return str(int(year))

    def _p(self, s: Sentence, ind: str, year: int, fld: str, p: float,
           region: str | None = None) -> str:
        return p_text(self.cite(s, ind, year, fld, p, p_value(p, self.lang), region))

    # --- clauses -------------------------------------------------------------------
    def _delta(self, s: Sentence, f: dict) -> str:
        t = f["trend"]
        ind, ly, change = f["indicator_id"], t["last_year"], t["abs_change"]
        if f["unit"] == "%":
            return join(self.cite(s, ind, ly, "abs_change", change,
                                  change_number(change, "%", self.lang)),
                        change_unit("%", self.lang))
        if t.get("rel_change") is not None and math.isfinite(t["rel_change"]):
            return self.cite(s, ind, ly, "rel_change", t["rel_change"],
                              percent_change(t["rel_change"], self.lang), scale=100.0)
        return ""

    def _trend(self, s: Sentence, f: dict, short: bool = False) -> str:
        """'{Title} steeg van a in y0 naar b in y1 (+x%), een significante trend (p = ..).'
        or, after a level clause, 'Sinds y0 steeg de waarde van a naar b (..), ...'."""
        t = f["trend"]
        ind, fy, ly, change = f["indicator_id"], t["first_year"], t["last_year"], t["abs_change"]
        verb = (("steeg", "daalde", "bleef gelijk") if self.nl
                else ("rose", "fell", "stayed level"))[0 if change > 0 else 1 if change < 0 else 2]
        if short:
            y0 = self._year(s, fy)
            first = self._val(s, f, fy, "value", t["first_value"])
        else:
            first = self._val(s, f, fy, "value", t["first_value"])
            y0 = self._year(s, fy)
        last = self._val(s, f, ly, "value", t["last_value"])
        y1 = self._year(s, ly)
        delta = self._delta(s, f)
        sig = t["classification"] != "no significant change"
        p = self._p(s, ind, ly, "mk_p", t["mk_p"])
        same = ":" if change == 0 else ""
        if self.nl:
            head = (f"Sinds {y0} {verb.replace(' gelijk', '')} de waarde"
                    f"{' gelijk' if change == 0 else ''}{same} van {first} naar {last} in {y1}"
                    if short else
                    f"{f['title']} {verb}{same} van {first} in {y0} naar {last} in {y1}")
            tail = "een significante trend" if sig else "geen significante trend"
        else:
            head = (f"Since {y0} the value {verb}{same} from {first} to {last} in {y1}" if short
                    else f"{f['title']} {verb}{same} from {first} in {y0} to {last} in {y1}")
            tail = "a significant trend" if sig else "not a significant trend"
        text = head + (f" ({delta})" if delta else "") + f", {tail} ({p})"
        if t.get("indicative"):
            n = self.cite(s, ind, ly, "n_points", t["n_points"], str(int(t["n_points"])))
            text += (f", indicatief: {n} jaren" if self.nl else f", indicative: {n} years")
        return text + "."

    def _level(self, s: Sentence, f: dict) -> str:
        b = f["bench"]
        value = self._val(s, f, b["year"], "value", b["value"])
        year = self._year(s, b["year"])
        return (f"{f['title']}: {value} in {year}." if self.nl
                else f"{f['title']}: {value} in {year}.")

    def _position(self, s: Sentence, f: dict) -> str:
        b = f["bench"]
        pct = b["percentile_g40"]
        idx = 0 if pct >= 75 else 1 if pct >= 50 else 2 if pct >= 25 else 3
        where = (("in het hoogste kwart", "boven de mediaan", "onder de mediaan",
                  "in het laagste kwart") if self.nl else
                 ("in the top quarter", "above the median", "below the median",
                  "in the bottom quarter"))[idx]
        median = self._val(s, f, b["year"], "g40_median", b["g40_median"])
        text = (f"{self.city} zit daarmee {where} van de G40 (mediaan {median})" if self.nl
                else f"{self.city} is thus {where} of the G40 (median {median})")
        omm = b.get("ommeland_value")
        if omm is not None and math.isfinite(omm):
            shown = self._val(s, f, b["year"], "ommeland_value", omm)
            rel = ("hoger dan", "lager dan", "gelijk aan") if self.nl else (
                "higher than", "lower than", "equal to")
            cmp = rel[0 if b["value"] > omm else 1 if b["value"] < omm else 2]
            text += (f" en {cmp} het ommeland ({shown})" if self.nl
                     else f" and {cmp} the surrounding region ({shown})")
        return text + "."

    def _gap(self, s: Sentence, f: dict) -> str:
        g = f["gap"]
        ind, fy, ly = f["indicator_id"], g["first_year"], g["last_year"]
        unit = f["unit"]
        suffix, like = change_unit(unit, self.lang), g["last_gap"]  # both as the last gap
        first = join(self.cite(s, ind, fy, "gap_first", g["first_gap"], change_number(
            g["first_gap"], unit, self.lang, like=like)), suffix)
        last = join(self.cite(s, ind, ly, "gap_last", g["last_gap"], change_number(
            g["last_gap"], unit, self.lang, like=like)), suffix)
        y0, y1 = self._year(s, fy), self._year(s, ly)
        p = self._p(s, ind, ly, "gap_p", g["mk_p"])
        grows = g["classification"] == "diverging"
        if self.nl:
            verb = "groeide" if grows else "kromp" if g["classification"] == "converging" else (
                "veranderde niet significant")
            return (f"Het verschil tussen {self.city} en het ommeland in "
                    f"{f['title'][0].lower() + f['title'][1:]} {verb}: van {first} in {y0} "
                    f"naar {last} in {y1} ({p}).")
        verb = "widened" if grows else "narrowed" if g["classification"] == "converging" else (
            "did not change significantly")
        return (f"The difference between {self.city} and its surrounding region in "
                f"{f['title'][0].lower() + f['title'][1:]} {verb}: from {first} in {y0} "
                f"to {last} in {y1} ({p}).")

    # --- statements ----------------------------------------------------------------
    def indicator(self, f: dict, kind: str = "trend", valence: str | None = None) -> Sentence:
        """Level, change over the window with its significance, G40 position and ommeland;
        the clause the signal ``kind`` is about comes first."""
        s = Sentence("", indicator_id=f["indicator_id"], valence=valence)
        parts = []
        bench = f.get("bench") if f.get("bench") and f["bench"].get("g40_median") is not None \
            else None
        if kind in ("gap_widening", "gap_narrowing") and f.get("gap"):
            parts.append(self._gap(s, f))
        if kind in ("g40_deviation", "ommeland_deviation") and f.get("bench"):
            parts.append(self._level(s, f))
            if bench:
                parts.append(self._position(s, f))
            if f.get("trend"):
                parts.append(self._trend(s, f, short=True))
        else:
            if f.get("trend"):
                parts.append(self._trend(s, f))
            elif f.get("bench"):
                parts.append(self._level(s, f))
            if bench:
                parts.append(self._position(s, f))
        s.text = " ".join(parts)
        return s

    def projection(self, f: dict, start: dict, end: dict) -> Sentence:
        """From the last observed (or first projected) year to the horizon."""
        s = Sentence("", indicator_id=f["indicator_id"])
        a = self._val(s, {**f, "indicator_id": start["indicator_id"]}, start["year"], "value",
                      start["value"])
        b = self._val(s, f, end["year"], "value", end["value"])
        y0, y1 = self._year(s, start["year"]), self._year(s, end["year"])
        verb = ((("stijgt", "daalt") if self.nl else ("rises", "falls"))
                [0 if end["value"] >= start["value"] else 1])
        s.text = (f"{f['title']} {verb} volgens de prognose van {a} in {y0} naar {b} in {y1}."
                  if self.nl else
                  f"{f['title']} {verb} in the projection from {a} in {y0} to {b} in {y1}.")
        return s

    def inequality(self, row: dict) -> Sentence:
        """A neighbourhood inequality measure's trend (inequality_trends row)."""
        s = Sentence("", indicator_id=row["measure"])
        label = MEASURES.get(row["measure"], (row["measure"], row["measure"]))[0 if self.nl
                                                                              else 1]
        m, fy, ly = row["measure"], row["first_year"], row["last_year"]
        a = self.cite(s, m, fy, "ineq_first", row["first_value"],
                       fmt_number(row["first_value"], 3, self.lang))
        b = self.cite(s, m, ly, "ineq_last", row["last_value"],
                       fmt_number(row["last_value"], 3, self.lang))
        y0, y1 = self._year(s, fy), self._year(s, ly)
        p = self._p(s, m, ly, "ineq_p", row["mk_p"])
        trend = {"increasing": ("nam significant toe", "increased significantly"),
                 "decreasing": ("nam significant af", "decreased significantly")}.get(
            row["trend"], ("veranderde niet significant", "did not change significantly"))
        verb = trend[0 if self.nl else 1]
        s.text = (f"De {label} {verb}: van {a} in {y0} naar {b} in {y1} ({p})." if self.nl
                  else f"The {label} {verb}: from {a} in {y0} to {b} in {y1} ({p}).")
        return s

    def inequality_level(self, row: dict) -> Sentence:
        """A neighbourhood inequality measure's latest level (inequality row)."""
        s = Sentence("", indicator_id=row["measure"])
        label = MEASURES.get(row["measure"], (row["measure"], row["measure"]))[0 if self.nl
                                                                              else 1]
        v = self.cite(s, row["measure"], row["year"], "ineq_value", row["value"],
                       fmt_number(row["value"], 3, self.lang))
        y = self._year(s, row["year"])
        unit = {"buurt": ("buurten", "neighbourhoods"), "wijk": ("wijken", "districts")}.get(
            row["unit_level"], (row["unit_level"], row["unit_level"]))[0 if self.nl else 1]
        label = label[0].upper() + label[1:]
        s.text = (f"{label}: {v} in {y}, gemeten over {unit}." if self.nl
                  else f"{label}: {v} in {y}, measured across {unit}.")
        return s
