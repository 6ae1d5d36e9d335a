"""The comparison page's table reads the marked years (recalculated, computed from a rounded
count), the figures on a count CBS rounded to 0 and the coarse years of all its
municipalities with one query each, not one per municipality (4 per code: 20 for five), and
reads the same as the per-municipality functions on the real warehouse."""

from __future__ import annotations

from contextlib import contextmanager

from stadstrends.publish.harmonised import marked_years, marked_years_of
from stadstrends.publish.rounding import coarse_years, rounded_zeros, zeros_and_coarse_of
from stadstrends.publish.web import compare_table

FIVE = ["GM0088", "GM0096", "GM1979", "GM0080", "GM0363"]


class _Counting:
    """A cursor that counts the queries run on it."""

    def __init__(self, cur, calls: list[str]) -> None:
        self._cur, self._calls = cur, calls

    def execute(self, sql, *args):
        self._calls.append(sql)
        return self._cur.execute(sql, *args)

    def __getattr__(self, name):
        return getattr(self._cur, name)


def test_the_table_reads_its_marks_in_as_many_queries_for_five_as_for_two(web_app,
                                                                           monkeypatch):
    wh = web_app.state.wh
    real = wh.cursor
    calls: list[str] = []

    @contextmanager
    def counting():
        with real() as cur:
            yield _Counting(cur, calls)

    monkeypatch.setattr(wh, "cursor", counting)
    inds = [i for i in wh.key_indicators if not wh.indicators[i]["projection"]]
    counts = []
    for codes in (FIVE[:2], FIVE):
        calls.clear()
        found = compare_table.latest(wh, codes, inds)
        assert {c for c, _ in found} == set(codes)
        counts.append(len(calls))
    assert counts[0] == counts[1], counts  # was 8 more (4 a code)


def test_all_codes_at_once_read_as_one_code_at_a_time(wh):
    codes = [r[0] for r in wh.execute(
        "SELECT region_code FROM regions WHERE level = 'gemeente' ORDER BY 1").fetchall()]
    both = zeros_and_coarse_of(wh, codes)
    marks = {m: marked_years_of(wh, codes, m) for m in ("harmonised", "recomputed")}
    for code in codes:
        assert both[code] == (rounded_zeros(wh, code), coarse_years(wh, code)), code
        for mark, years in marks.items():
            assert years[code] == marked_years(wh, code, mark), (code, mark)
    # the real warehouse has each kind: Schiermonnikoog's rounded zeros, Vlieland's coarse
    # jobs, Eemsdelta's recalculated years, Schiermonnikoog's crimes from a rounded count
    assert both["GM0088"][0] and both["GM0096"][1]
    assert marks["harmonised"]["GM1979"] and marks["recomputed"]["GM0088"]
    assert marked_years_of(wh, [], "harmonised") == {} and zeros_and_coarse_of(wh, []) == {}
