"""A generated sentence and the numbers it cites: :class:`Sentence` carries its text and one
:class:`Cite` per number shown, so tests can parse each number back and compare it with the
warehouse."""

from __future__ import annotations

from dataclasses import dataclass, field

#: cited fields that belong to the comparison group (a citation carries its ``set_id``)
GROUP_FIELDS = ("median", "p25", "p75", "n", "rank", "n_members", "n_without", "n_cut")


@dataclass(frozen=True)
class Cite:
    """One number in a sentence: where it comes from and how it was printed.

    ``field`` names the warehouse column: value (indicator_values), abs_change, rel_change,
    mk_p, n_points (trends), multiple (trends' last_value / first_value, printed in words:
    'bijna 12 keer zo hoog'), median, p25, p75, n, rank (group_benchmarks of group
    ``set_id``; a quarter's cut: ``positions.case_words``),
    n_members (comparison_groups), n_without (n_members - n), n_cut (members a cut copy of
    a table left out: publish/cut_members.py), ommeland_value, nl_value (benchmarks),
    gap_first, gap_last (region_gap_trends first_gap / last_gap, city - ommeland: a gap
    between two percentages in percentage points, its size), gap_p, gap_first_pct,
    gap_last_pct (the relative gap's size in %), gap_abs_first, gap_abs_last (city -
    ommeland as printed, signed, where it moved against the relative verdict:
    region_gap_trends.printed_first_gap / printed_last_gap), gap_first_multiple,
    gap_last_multiple (its first_ratio / last_ratio from three times as high, in words: 'ruim
    29 keer zo hoog'),
    ineq_first, ineq_last, ineq_p (inequality_trends), ineq_value, ineq_rank, ineq_ranked
    (inequality). ``shown``
    is printed as ``value * scale`` (rel_change x 100); a ``shown`` starting with '<'
    states an upper bound. ``precision``: the unit a recalculated count is printed to (its
    source's rounding: jobs 100), 0 for none."""

    indicator_id: str
    region_code: str
    year: int | None
    field: str
    value: float
    shown: str
    scale: float = 1.0
    set_id: str | None = None
    precision: float = 0


@dataclass
class Sentence:
    """A generated statement: its text, the numbers it cites and its years."""

    text: str
    cites: list[Cite] = field(default_factory=list)
    years: list[int] = field(default_factory=list)
    indicator_id: str | None = None
    valence: str | None = None
    harmonised: bool = False  # a recalculated figure is marked 'omgerekend' (once)
    #: the city's years it cites that Stadstrends divided from CBS's rounded count (noted
    #: after the sentence)
    recomputed: list[int] = field(default_factory=list)
    #: what its position in the group claims (``positions.group_clause``): 'quarter' (in the
    #: highest or lowest quarter), 'half' (above or below the median), 'rank' (a place in a
    #: group too small for quarters), '' (no side: the median, around it, on a quarter's edge)
    place: str = ""
    small_base: bool = False  # the latest share's few cases said (once)
    #: said after the position's sentence: why a share one case from its quarter's cut is
    #: 'rond de grens' (``positions.case_words``), '' for none
    place_note: str = ""

    def cited_before(self, indicator_id: str, region: str, year: int) -> bool:
        """Whether the city's figure of ``year`` was cited before its last citation: a
        figure cited again in the paragraph keeps its marks with its first citation (Enschede's
        net growth of its dwelling stock, '0,0 in 2023 (berekend uit een op 0 afgerond
        aantal)' and the trend's 'naar 0,0 in 2023' after it)."""
        return sum(c.field == "value" and c.indicator_id == indicator_id and c.year == year
                   and c.region_code == region for c in self.cites) > 1

