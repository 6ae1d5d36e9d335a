"""A tile's place within the comparison group in the report's one convention: 'plaats 4 van 4
(1 = hoogste) · mediaan 75,2' (the stored ``group_benchmarks.rank``, 1 = the highest value),
as the report writes 'op plaats 4 van de 4 gemeenten van de <set> (1 = hoogste; ...)'. The tiles
(:func:`.tiles.tile`) counted 'rang 1 van 4 (1 = gunstigst)' for a lower-is-better indicator:
Utrecht's registered crimes were 'plaats 4' in the report and 'rang 1' on the web; they
now say :func:`place`. Members a cut copy of a CBS table left out (``n_cut``, ``cut_tables``,
of the group's ``n_members``: :func:`.tiles.city_data`) are said to be missing from it
('plaats 4 van 30 (1 = hoogste; 11 van de 41 ontbreken in de afgekapte momentopname van
CBS-tabel 85984NED)'): they have CBS figures, only not in this snapshot."""

from __future__ import annotations

from typing import Any

from stadstrends.publish.cut_members import short_aside
from stadstrends.publish.group_count import counted_words, out_of
from stadstrends.publish.median_zeros import zero_mark
from stadstrends.publish.positions import NEAR_EXTRA
from stadstrends.publish.sentence_numbers import ONE_DECIMAL_UNITS, apart_digits, exact_digits
from stadstrends.publish.web import units
from stadstrends.publish.web.i18n import texts


def place(row: dict[str, Any], lang: str, places: int | None = None) -> str | None:
    """The place line of one ``city_indicators`` row (``rank``, ``n``, ``median``, ``unit``,
    ``outsider``); None without a rank. A municipality compared with a group it is not in
    ranks among the ``n`` members and itself (Utrecht in its default group: 'plaats 42 van 41' was
    printed before); ``places``: the decimals of the median, those of the figures beside it
    (:func:`.units.digits`); ``n_cut``: members left out by a cut copy of a table. A median
    that prints as the figure (``bench_value``) while the two differ is printed finer with
    it, as the report does ('0,25% tegen een mediaan van 0,32%'), only where the place was
    ranked that fine (``decimals``, the catalogue's: ranks as printed, set_benchmarks):
    Deventer's 65-plussers read 'plaats 21 van 41 (1 = hoogste) · 19,25% tegen een mediaan
    van 19,34%', the middle place (that of 19,3, shared with the median's member) beside a
    figure below the median; now '· mediaan 19,3%'. A median of 0 on the middle members'
    counts CBS rounded to 0 (``median_zeros``) is marked as the city's own such figure:
    'mediaan 0,0 (berekend uit een op 0 afgerond aantal)'."""
    if not row.get("rank"):
        return None
    t = texts(lang)
    aside = short_aside(lang, int(row["n_cut"]), int(row["n_members"]),
                        row.get("cut_tables") or []) if row.get("n_cut") else ""
    if row.get("outsider"):  # a rank among the members and itself: 'plaats 42 van 42'
        words = t["place_outsider"].format(rank=int(row["rank"]), n=out_of(row["n"], True),
                                           counted=counted_words(lang), aside=aside)
    else:
        words = t["place"].format(rank=int(row["rank"]), n=int(row["n"]), aside=aside)
    value, median, unit = row.get("bench_value"), row["median"], row["unit"]
    # one decimal finer at most, as the report (positions.NEAR_EXTRA): alike even then, the
    # median prints as the figure ('mediaan 9,0' beside 8,957: no thousandths)
    finer = None if value is None or units.show(value, unit, lang, places) != units.show(
        median, unit, lang, places) else apart_digits(value, median, unit, places, NEAR_EXTRA)
    ranked = row.get("decimals")  # the place is of the figures at these (set_benchmarks)
    if finer is not None and ranked is not None and finer > ranked:
        finer = None  # apart only below them: tied with the median's member as ranked
    if finer is not None:  # alike as printed, yet apart: both finer, as the report
        own = max(exact_digits(value, finer), places or 0, unit in ONE_DECIMAL_UNITS)
        return words + " · " + t["median_beside"].format(
            value=units.show(value, unit, lang, own), median=zero_mark(
                units.show(median, unit, lang, finer), row.get("median_zeros"), lang))
    return words + " · " + f"{t['group_median']} " + zero_mark(
        units.show(median, unit, lang, places), row.get("median_zeros"), lang)
