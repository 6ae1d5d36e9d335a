"""One form a gap sentence and its table row (:func:`one_form`, :func:`percent_form`): the two
ends of a city-ommeland gap say it alike, both multiples or both percentages, never '167%
hoger' beside '3,5 keer zo hoog' or '53% lager' beside '4,4 keer zo hoog'. The sentence
(:mod:`~stadstrends.publish.sentence_gaps`) and the report's gap table
(:mod:`~stadstrends.publish.report.gap_cells`) ask these; the words are
:func:`~stadstrends.publish.sentence_numbers.gap_text`'s."""

from __future__ import annotations

from stadstrends.publish.sentence_numbers import gap_multiple


def one_form(first: float | None, last: float | None) -> bool:
    """Whether both ends of a gap (a sentence, a table row) say it as a multiple: where one
    is (three times as high or more, :func:`gap_multiple`) and the other lies above the
    ommeland too, so that they give one form, not two (Deventer's thefts: 2024 '167% hoger',
    2017 '3,5 keer zo hoog' before session 53; now '2,7 keer zo hoog'). A gap below the
    ommeland stays a percentage ('95% lager'; never '0,1 keer zo hoog'); None: no such end
    (both print the same)."""
    ends = [v for v in (first, last) if v is not None]
    return any(gap_multiple(v) for v in ends) and all(v > 0 for v in ends)


#: the relative gap (%) from which only a multiple is printed, also where the other end of
#: its row is a percentage: ten times as high ('ruim 29 keer zo hoog', never '2.806% hoger')
PERCENT_BELOW = 900.0


def percent_form(first: float | None, last: float | None) -> bool:
    """Whether both ends of a gap (a sentence, a table row) say it as a percentage although
    one is three times as high or more (:func:`gap_multiple`): where the other lies on the
    other side of the ommeland (or on it), which no multiple can say ('0,5 keer zo hoog' is
    no Dutch a reader trusts), so that they give one form, not two; only below ten times as
    high (:data:`PERCENT_BELOW`: a percentage of three digits). Veendam's solar capacity
    per inhabitant read 'in 2023 ... 53% lager dan in het ommeland ...; in 2016 was dat 4,4
    keer zo hoog' before session 54; now 'in 2016 was dat 340% hoger' (the 8 crossing gap
    sentences of the snapshot). None: no such end."""
    ends = [v for v in (first, last) if v is not None]
    return any(gap_multiple(v) for v in ends) and not all(v > 0 for v in ends) \
        and all(v < PERCENT_BELOW for v in ends)
