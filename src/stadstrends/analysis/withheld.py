"""``withheld_labels``: the Kies richting labels (:mod:`.signal_kies`) withheld only because
the figure lies so near its quarter's or half's cut (``signal_kies.ONE_CASE``), that the
report says why a city lacks one ('X ligt zo dicht bij de grens dat ...': the report's Kies
richting section, ``publish/report/direction_words.withheld_lines``).

One row per position (``set_id, region_code, indicator_id, year``) that every other rule
leaves a label ('distinctive strength', 'urgent task': ``would_be``), with ``reason``
'one_case' where one case more or less (``100 / case_base`` points) is the step that reaches
the cut, 'cbs_rounding' where half CBS's unit of the share (``case_unit``) is the larger:
Ameland's payment arrears of 2024, 0,6% of 3 167 adults (one person 0,03 point) under PV21's
p25 of 0,625, 'cbs_rounding'; Schiermonnikoog's 0,8% of 864 adults (0,12 point) above GK1's
p75 of 0,75, 'one_case'. ``cut`` the quarter's or half's cut, ``step`` the larger of the two.
Reason 'survey' where the figure is a small municipality's sample figure (``_sig_survey``,
:func:`~.survey_estimates.survey_view`; ``step`` NULL): CBS calls it imprecise and gives no
margin, so no quarter of it is sure (Vlieland's unemployment of 2024, 3,2% of a labour force of
1 000, above GK1's p75 of 3,0%: an 'urgent task' before).

Made from Kies richting's own statement (:data:`~.signal_kies.KIES_SQL`, up to its labels),
its near-cut rule marking instead of withholding, so that the two cannot disagree: its
labelled positions are made once, a temporary table both tables read
(:func:`kies_statements`), on Kies richting's cursor.
"""

from __future__ import annotations

import duckdb

from stadstrends.analysis import signal_kies
from stadstrends.analysis.coarse_trends import figure_spreads_sql
from stadstrends.analysis.signal_kies import KIES_MIN_N, ONE_CASE
from stadstrends.analysis.small_bases import step_reason
from stadstrends.settings import BuildSettings

#: Kies richting's near-cut rule, as its statement has it
_RULE = f"WHEN case_base > 0 AND {ONE_CASE} THEN NULL"
_MARK = f"WHEN case_base > 0 AND {ONE_CASE} THEN 'withheld'"
#: and its rule of a small municipality's sample figure
_SURVEY = "WHEN sample_figure THEN NULL"
_HEAD = "CREATE OR REPLACE TABLE kies_richting AS"
_END = ",\nmoving AS"
#: the labelled positions both tables read (``labelled`` of Kies richting's statement, its
#: near-cut rule marking 'withheld'): a temporary table of Kies richting's cursor, dropped
#: after them (and by ``signals._remove_steps`` after an error of the stage's own cursor)
LABELLED = "_sig_kies_labelled"

#: the label every other rule leaves the position (the last lines of Kies richting's CASE)
_WOULD_BE = """CASE WHEN position = 'favourable_quartile' AND momentum <> 'worsening'
         THEN 'distinctive strength'
         WHEN position = 'unfavourable_quartile' AND momentum <> 'improving'
         THEN 'urgent task'
         WHEN position = 'unfavourable_half' AND momentum = 'worsening'
         THEN 'urgent task' END"""

_SELECT = f"""
SELECT set_id, region_code, indicator_id, year,
       CASE WHEN sample_figure THEN 'survey' ELSE {step_reason()} END AS reason,
       {_WOULD_BE} AS would_be, position, value,
       CASE position
           WHEN 'favourable_quartile' THEN CASE WHEN dir > 0 THEN p75 ELSE p25 END
           WHEN 'unfavourable_quartile' THEN CASE WHEN dir > 0 THEN p25 ELSE p75 END
           ELSE median END AS cut,
       CASE WHEN NOT sample_figure THEN greatest(100 / case_base, coalesce(case_unit, 0) / 2)
           END AS step, case_base, case_unit
FROM labelled
WHERE label = 'withheld' AND would_be IS NOT NULL
ORDER BY set_id, region_code, indicator_id"""


def kies_statements(con: duckdb.DuckDBPyConnection, settings: BuildSettings,
                    values: str) -> str:
    """The statements making ``kies_richting`` and ``withheld_labels`` (its near-cut rule
    marking instead of withholding, and its rule of a small municipality's sample figure
    likewise): :data:`~.signal_kies.KIES_SQL` up to its labels (CTE ``labelled``), the rules
    marking 'withheld', its rows with a label (or the mark) as the
    temporary table :data:`LABELLED` (16 680 of 50 980 positions, 77 marked: writing them
    all cost 0.03 s of CPU); Kies richting's statement from there on over its rows without
    the mark (the rule's NULL), and the marked rows that would otherwise carry a label. Both
    tables read the one table: the positions, their cut members and their labels were
    computed twice (0.16 s of CPU, withheld_labels' statement). Formatted with the
    settings' quarters, the values' relation ``values`` (:func:`~.trends.values_relation`)
    and the spreads of the figures Kies richting's labels are compared on
    (:func:`~.coarse_trends.figure_spreads_sql`)."""
    sql = signal_kies.KIES_SQL
    for part in (_RULE, _SURVEY, _HEAD, _END):
        if sql.count(part) != 1:  # Kies richting's statement changed its shape
            raise ValueError(f"withheld_labels: not once in KIES_SQL: {part[:40]!r}")
    end = sql.index(_END)
    args = {"top": settings.top_percentile, "bottom": settings.bottom_percentile,
            "min_n": KIES_MIN_N, "values": values}
    labelled = sql[:end].replace(_RULE, _MARK).replace(
        _SURVEY, _SURVEY.replace("NULL", "'withheld'")).replace(
        _HEAD, f"CREATE OR REPLACE TEMP TABLE {LABELLED} AS"
    ) + "\nSELECT * FROM labelled WHERE label IS NOT NULL"  # both read only the labelled
    kies = (f"{_HEAD}\nWITH labelled AS (FROM {LABELLED} "
            f"WHERE label IS DISTINCT FROM 'withheld'){sql[end:]}")
    withheld = ("CREATE OR REPLACE TABLE withheld_labels AS\n"
                f"WITH labelled AS (FROM {LABELLED}){_SELECT}")
    return ";\n".join([labelled.format(**args),
                        kies.format(**args, spreads=figure_spreads_sql(con, keys="spread_keys")),
                        withheld, f"DROP TABLE {LABELLED}"])
