"""A strength or task in a quarter rests on a place the figures fix: not on a figure, as
printed, the municipality shares with members on both sides of the quarter's cut (their order
is then unknown; CBS publishes unemployment rounded to 0,1). Almere's unemployment in 2024,
4,2% as Arnhem's, Heerlen's and Schiedam's, shared places 9 to 12 of the G40's 41 and was an
'urgent task in the highest quarter' by the tie's middle place alone (analysis.signal_kies;
the general rule is the claim check ``label_on_a_tie_across_its_cut``)."""

from __future__ import annotations

from stadstrends.analysis.printed_values import printed

TIES = f"""
SELECT m.region_code, {printed('b.value', 'i.decimals')} AS shown, b.rank, b.percentile, b.n
FROM set_benchmarks b JOIN indicators i USING (indicator_id)
JOIN set_benchmarks m ON m.set_id = b.set_id AND m.indicator_id = b.indicator_id
 AND m.year = b.year
WHERE b.set_id = ? AND b.region_code = ? AND b.indicator_id = ? AND b.year = ?
  AND {printed('m.value', 'i.decimals')} = {printed('b.value', 'i.decimals')}
"""


def test_almere_shares_its_unemployment_across_the_top_quarters_cut_and_gets_no_label(wh):
    tied = wh.execute(TIES, ["G40", "GM0034", "unemployment_rate", 2024]).fetchall()
    names = dict(wh.execute("SELECT region_code, name FROM current_municipalities").fetchall())
    assert sorted(names[r[0]] for r in tied) == ["Almere", "Arnhem", "Heerlen", "Schiedam"]
    _, shown, rank, pct, n = tied[0]
    assert (rank, n, pct) == (9, 41, 76.25)  # places 9-12: percent ranks 80 down to 72,5
    top, bottom = 100 * (n - rank) / (n - 1), 100 * (n - rank - len(tied) + 1) / (n - 1)
    assert bottom < 75 <= pct < top
    assert wh.execute("""SELECT count(*) FROM kies_richting WHERE set_id = 'G40'
                         AND region_code = 'GM0034' AND indicator_id = 'unemployment_rate'
                         """).fetchone() == (0,)


def test_a_tie_wholly_inside_its_quarter_keeps_its_label(wh):
    """The rule withholds only ties across the cut: labels on a figure shared with members
    whose places all lie in the same quarter stay (the claim check counts them apart)."""
    kept = wh.execute(f"""
        SELECT count(*) FROM kies_richting k JOIN indicators i USING (indicator_id)
        SEMI JOIN comparison_group_members o ON o.set_id = k.set_id
         AND o.region_code = k.region_code AND o.focal_code IS NULL
        WHERE k.position LIKE '%quartile' AND (
            SELECT count(*) FROM comparison_group_members m
            JOIN indicator_values v ON v.region_code = m.region_code
             AND v.indicator_id = k.indicator_id AND v.year = k.year
            WHERE m.set_id = k.set_id AND m.focal_code IS NULL
              AND {printed('v.value', 'i.decimals')} = {printed('k.value', 'i.decimals')}) > 1
    """).fetchone()[0]
    assert kept >= 100


def _income_label(rank: int, percentile: float) -> str | None:
    """A's income in the signal warehouse (six members, the lowest, falling: an urgent task)
    with its place as ``rank`` and mid-rank ``percentile``: its Kies richting label."""
    import duckdb

    from stadstrends.analysis.signals import build_signals

    from .test_signals import A, make_signal_warehouse

    con = duckdb.connect()
    make_signal_warehouse(con)
    con.execute("UPDATE set_benchmarks SET rank = ?, percentile = ? WHERE region_code = ? "
                "AND indicator_id = 'income'", [rank, percentile, A])
    build_signals(con)
    got = con.execute("SELECT label FROM kies_richting WHERE region_code = ? "
                      "AND indicator_id = 'income'", [A]).fetchall()
    return got[0][0] if got else None


def test_a_tie_across_the_lowest_quarters_cut_withholds_the_label():
    """Of six, the lowest alone (place 6, percent rank 0) or tied with one (places 5-6: 20
    and 0, both within the cut of 25) is in the lowest quarter; tied with two (places 4-6:
    40, 20, 0, its middle 20) its place may be the 4th, above the quarter: no label."""
    assert _income_label(6, 0.0) == "urgent task"
    assert _income_label(5, 10.0) == "urgent task"
    assert _income_label(4, 20.0) is None
