"""The publish layer's small memory (publish/memo.py): least recent forgotten, made once."""

from stadstrends.publish.memo import Memo


def test_the_least_recently_read_value_is_forgotten_first() -> None:
    memo: Memo[int] = Memo(2)
    memo.put("a", 1)
    memo.put("b", 2)
    assert memo.get("a") == 1  # "a" is now the most recent
    memo.put("c", 3)
    assert (memo.get("a"), memo.get("b"), memo.get("c"), len(memo)) == (1, None, 3, 2)
    memo.clear()
    assert len(memo) == 0 and memo.get("a") is None


def test_a_missing_value_is_made_once_while_other_threads_wait_and_an_error_is_not_kept():
    import threading
    import time

    memo: Memo[int] = Memo(4)
    calls = []

    def make() -> int:
        calls.append(1)
        time.sleep(0.2)
        return 7

    got = []
    threads = [threading.Thread(target=lambda: got.append(memo.get_or_make("k", make)))
               for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert got == [7] * 4 and len(calls) == 1 and "k" in memo and not memo._making

    def fails() -> int:
        raise ValueError("no")

    import pytest

    with pytest.raises(ValueError):
        memo.get_or_make("bad", fails)
    assert "bad" not in memo and memo.get_or_make("bad", lambda: 3) == 3
    assert memo.get_or_make("none", lambda: None) is None and "none" in memo


def test_a_weighed_memory_keeps_at_most_its_size_in_weight():
    memo: Memo[bytes] = Memo(10, weigh=len)
    memo.put("a", b"1234")
    memo.put("b", b"1234")
    memo.get("a")  # "a" is now the most recent
    memo.put("c", b"1234")  # 12 > 10: the least recent ("b") goes
    assert (memo.get("b"), len(memo), memo.weight) == (None, 2, 8)
    memo.put("a", b"1")  # replaced: its old weight no longer counts
    assert memo.weight == 5
    memo.put("big", b"x" * 11)  # heavier than the whole memory: nothing is kept
    assert (len(memo), memo.weight) == (0, 0)
