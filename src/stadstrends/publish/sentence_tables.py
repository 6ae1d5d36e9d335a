"""A change between two CBS tables says so: the catalogue may declare several tables one
comparable series (``continuous_sources``), so a trend's first and last figure can come from
different tables (Vlieland's share of 75-plussers: 2017 from the Gemeentefonds table
60039fvw, 2024 from 85383NED). The sentence says so instead of implying one table; the
figure's caption and the table of used indicators name the tables (no ids in running text).

A year's tables are those of the figure's own measure (``indicator_values.figure_tables``):
for registered crimes per 1 000 inhabitants 83648NED, CBS's own rate, not the inhabitants
(37259eng, later 03759ned) that weigh it after a merger; for solar installations per 1 000
84783NED, later 85005NED, not the population it is divided by (37259eng in both years, which
hid the switch once ``source_tables``, every table of the figure, named it). Only when no
table is shared did the figure's source change ('2017 uit CBS-tabel 37259eng, 2024 uit
03759ned' said of Zwolle's crimes named the weight as the figure's table)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from stadstrends.publish.sentences import Sentence, Writer


def _parts(tables: str | None) -> list[str]:
    """The tables of one stored field: '37259eng, 83648NED' -> ['37259eng', '83648NED']."""
    return [p.strip() for p in (tables or "").split(",") if p.strip()]


def switched(t0: str | None, t1: str | None) -> tuple[list[str], list[str]]:
    """The tables of the first and of the last figure when the figure's source changed,
    i.e. the two years share no table: ('60039fvw', '85383NED') -> (['60039fvw'],
    ['85383NED']); ('37259eng, 83648NED', '03759ned, 83648NED') -> ([], []): 83648NED gave
    both, the switched table is an unnamed part (a weight, a denominator). Empty lists too
    when a year's tables are unknown or the same."""
    p0, p1 = _parts(t0), _parts(t1)
    if not p0 or not p1 or {p.lower() for p in p0} & {p.lower() for p in p1}:
        return [], []
    return p0, p1


def two_tables(w: Writer, s: Sentence, f: dict, y0: int, y1: int, delta: str) -> str:
    """``delta`` (' (+2,5 procentpunt)' or '') with the CBS tables of ``y0`` and ``y1``
    (``f['tables']``: year -> table id(s) of the city's figure) when they share none
    (:func:`switched`): ' (+2,5 procentpunt; 2017 en 2024 uit twee CBS-tabellen met dezelfde
    definitie)'; unchanged otherwise. The years it prints are the sentence's (``s.years``)."""
    a, b = switched(*((f.get("tables") or {}).get(int(y)) for y in (y0, y1)))
    if not a or not b:
        return delta
    # no table ids in the running text: the figure's caption names them where a panel
    # shows the indicator ('Trends over twee CBS-tabellen ...: ... 2017 uit CBS-tabel
    # 60039fvw, 2024 uit 85383NED'), the table of used indicators always ('Brontabel')
    said = w.t("tables_switch_plain", y0=w._year(s, y0), y1=w._year(s, y1))
    return f"{delta[:-1]}; {said})" if delta.endswith(")") else f" ({said})"
