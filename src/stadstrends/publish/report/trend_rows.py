"""The statements :func:`~stadstrends.publish.report.data.load_city` reads a municipality's
trends with: the analysis stage's verdicts on CBS's rounding and the mean count behind a
trend."""

#: a trend with the mean count a year behind it (``trend_counts``: 'op kleine aantallen')
TREND_COUNTS = """FROM (SELECT t.*, k.mean_count FROM trends t
      LEFT JOIN trend_counts k USING (indicator_id, region_code)) t"""

#: a municipality's trends with the analysis stage's verdicts on CBS's rounding
#: (:mod:`stadstrends.analysis.coarse`): ``coarse_change`` (its first and last values'
#: rounding could undo the change) and ``rests_on_rounding`` (the rounding of its years
#: could undo the significance)
TRENDS_SQL = """
SELECT t.*, coalesce(c.undoable, false) AS coarse_change,
       coalesce(NOT k.holds, false) AS rests_on_rounding,
       coalesce(k.change_holds, true) AS rounding_change_holds
FROM trends t
LEFT JOIN (SELECT region_code, indicator_id, undoable FROM coarse_changes) c
  USING (region_code, indicator_id)
LEFT JOIN (SELECT region_code, indicator_id, holds, change_holds FROM coarse_trends) k
  USING (region_code, indicator_id)
WHERE t.region_code = ?"""
