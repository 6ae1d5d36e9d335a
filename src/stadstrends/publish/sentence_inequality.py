"""Sentences on a neighbourhood inequality measure (``inequality``, ``inequality_trends``):
its trend and its latest level. Take the report's
:class:`~stadstrends.publish.sentences.Writer`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from stadstrends import vocabulary
from stadstrends.publish.format import fmt_number
from stadstrends.publish.sentence_cites import Sentence
from stadstrends.publish.sentence_words import MEASURES

if TYPE_CHECKING:
    from stadstrends.publish.sentences import Writer

#: The decimals a measure is printed with ('0,239'); the analysis ranks the cities on the
#: values as printed to these (``analysis.inequality.PRINTED_DECIMALS``, a test holds the two
#: equal)
DIGITS = 3


def inequality_sentence(w: Writer, row: dict) -> Sentence:
    """A neighbourhood inequality measure's trend (inequality_trends row)."""
    s = Sentence("", indicator_id=row["measure"])
    label = MEASURES[w.lang].get(row["measure"], row["measure"])
    m, fy, ly = row["measure"], row["first_year"], row["last_year"]
    a = w.cite(s, m, fy, "ineq_first", row["first_value"],
               fmt_number(row["first_value"], DIGITS, w.lang))
    b = w.cite(s, m, ly, "ineq_last", row["last_value"],
               fmt_number(row["last_value"], DIGITS, w.lang))
    y0, y1 = w._year(s, fy), w._year(s, ly)
    verb = w.words[{"increasing": "ineq_increasing", "decreasing": "ineq_decreasing"}
                   .get(row["trend"], "ineq_stable")]
    s.text = w.t("inequality", label=label, verb=verb, first=a, y0=y0, last=b, y1=y1)
    return s


def inequality_level_sentence(w: Writer, row: dict) -> Sentence:
    """A neighbourhood inequality measure's latest level (inequality row), and for a city of
    the settings' ``city_set`` its place among the set's cities with the measure
    (``rank_city_set`` of ``n_ranked``, 1 = the highest): Deventer's 'Segregatie van
    65-plussers: 0,197' stood alone, with nothing to read it against (h53g)."""
    s = Sentence("", indicator_id=row["measure"])
    label = MEASURES[w.lang].get(row["measure"], row["measure"])
    v = w.cite(s, row["measure"], row["year"], "ineq_value", row["value"],
               fmt_number(row["value"], DIGITS, w.lang))
    y = w._year(s, row["year"])
    unit = w.words.get(f"unit_{row['unit_level']}", row["unit_level"])
    label = label[0].upper() + label[1:]
    count = w.cite(s, row["measure"], row["year"], "ineq_units", row["n_units"],
                   fmt_number(row["n_units"], 0, w.lang))
    rank, n, place = row.get("rank_city_set"), row.get("n_ranked"), ""
    if rank is not None and n and n > 1:  # what a place counts: scale_words says it once
        r = w.cite(s, row["measure"], row["year"], "ineq_rank", rank, str(int(rank)))
        k = w.cite(s, row["measure"], row["year"], "ineq_ranked", n, str(int(n)))
        place = w.t("inequality_place", rank=r, n=k)
    s.text = w.t("inequality_level", label=label, value=v, year=y, count=count, units=unit,
                 place=place)
    return s


def scale_words(items: list[dict], lang: str, city_set: str | None = None) -> str | None:
    """What the numbers of the report's neighbourhood sentences mean (``items``: its
    neighbourhood sources with their ``sentences``; None without sentences); with a
    segregation sentence also the dissimilarity index's scale (0-1, the warehouse's unit):
    'Segregatie van 65-plussers: 0,245' said nothing of where that stands between evenly
    spread (0) and fully separated (1); with a sentence that gives the city's place
    ('plaats 16 van 30') what that place counts among (``city_set``)."""
    ids = [str(s.indicator_id) for it in items for s in it["sentences"]]
    if not ids:
        return None
    segregation = any(i.startswith("dissimilarity_") for i in ids)
    placed = city_set is not None and any(c.field == "ineq_rank" for it in items
                                          for s in it["sentences"] for c in s.cites)
    return " ".join([vocabulary.word(lang, "report", "neighbourhood_scale")] + [
        vocabulary.word(lang, "report", "neighbourhood_scale_segregation")] * segregation + [
        vocabulary.word(lang, "report", "neighbourhood_scale_place", set=city_set)] * placed)
