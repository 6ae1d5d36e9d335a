"""The words of 'Kies richting' (report section ``direction``): why an indicator is a
distinctive strength or an urgent task (its quarter of the group and its trend, from a
``kies_richting`` row), and why a group too small for a quarter has none."""

from __future__ import annotations

from stadstrends.publish.positions import by_rank, compared, counts
from stadstrends.publish.report.data import CityData
from stadstrends.publish.report.texts import TEXTS, t


def why(data: CityData, row: dict, lang: str) -> str:
    """Why the row is a strength or an urgent task, in words (from its ``reason`` code),
    over the municipalities with a figure (the row's ``n``, said when fewer than the group).
    The analysis labels no position among fewer than
    :data:`~stadstrends.publish.positions.MIN_QUARTER_N` (``KIES_MIN_N``), so a row is
    always a quarter or a half, never a rank."""
    meta = data.catalogue[row["indicator_id"]]
    position, momentum = row["position"], row["momentum"]
    high = meta["direction"] == "higher_better"
    side = "favourable" if position == "favourable_quartile" else "unfavourable"
    extreme = "high" if (side == "favourable") == high else "low"
    size = data.group.get("n")
    n, missing = counts(row, size)
    group = data.group_mention(lang, again=True)  # after the section's intro named it
    aside = t(lang, "without_figures", missing=missing, size=size) if missing else ""
    better = t(lang, "why_higher" if high else "why_lower")
    who = compared(TEXTS[lang], group, str(n), missing, False, bool(data.group.get("counted")),
                   data.group_names(lang).pick(True)[1], data.group.get("family") or "")
    where = (t(lang, "why_half", city=data.name, group=who,
               aside=f" ({aside[2:]})" if aside else "")
             if position == "unfavourable_half" else
             t(lang, f"why_{side}", city=data.name, extreme=t(lang, f"why_{extreme}"),
               better=better, group=who, aside=aside))
    if momentum == "none":
        # no trend row at all (too few points in the window) is not "no significant change"
        tested = row.get("indicative") is False
        how = t(lang, "why_no_trend" if tested else "why_indicative")
    else:
        how = t(lang, f"why_{momentum}")
    return f"{where} {how}."


def small_group(data: CityData, lang: str) -> str:
    """In a group of fewer than :data:`~stadstrends.publish.positions.MIN_QUARTER_N`
    members, the section's intro: what Kies richting names and that this group has no
    quarter of two, so no strengths or tasks (the analysis labels none); else ''."""
    size = data.group.get("n")
    if not size or not by_rank(int(size)):
        return ""
    return t(lang, "direction_small_group", n=size, group=data.group_phrase(lang),
             city=data.name)
