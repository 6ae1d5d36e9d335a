"""The report process's small memory (publish/report/memo.py): least recent forgotten."""

from stadstrends.publish.report.memo import Memo


def test_the_least_recently_read_value_is_forgotten_first() -> None:
    memo: Memo[int] = Memo(2)
    memo.put("a", 1)
    memo.put("b", 2)
    assert memo.get("a") == 1  # "a" is now the most recent
    memo.put("c", 3)
    assert (memo.get("a"), memo.get("b"), memo.get("c"), len(memo)) == (1, None, 3, 2)
    memo.clear()
    assert len(memo) == 0 and memo.get("a") is None
