"""A small thread-safe least-recently-used memory, shared by the publish layer: converted
charts and compiled chart templates of a report process, the web app's per-kind results,
the per-build lookups of the queries, the web server's rendered pages (bounded by their
bytes). Threads read and add at once; a value being made is made once
(:meth:`Memo.get_or_make`)."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

V = TypeVar("V")
_MISSING = object()


class Memo(Generic[V]):
    """At most ``size`` values by key, or with ``weigh`` values whose weights (e.g. bytes)
    add up to at most ``size``; reading one makes it the most recent."""

    def __init__(self, size: int, weigh: Callable[[V], int] | None = None) -> None:
        self.size = size
        self.weight = 0  # of the values kept: their number without ``weigh``
        self._weigh = weigh or (lambda _: 1)
        self._items: OrderedDict[Hashable, V] = OrderedDict()
        self._lock = threading.Lock()
        self._making: dict[Hashable, threading.Lock] = {}

    def get(self, key: Hashable) -> V | None:
        """The value kept for ``key``, or None."""
        with self._lock:
            value = self._items.get(key, _MISSING)
            if value is _MISSING:
                return None
            self._items.move_to_end(key)
            return value

    def put(self, key: Hashable, value: V) -> None:
        """Keep ``value`` for ``key``, forgetting the least recent beyond :attr:`size` (a
        value weighing more than that is not kept)."""
        with self._lock:
            old = self._items.pop(key, _MISSING)
            if old is not _MISSING:
                self.weight -= self._weigh(old)
            self._items[key] = value
            self.weight += self._weigh(value)
            while self.weight > self.size and self._items:
                self.weight -= self._weigh(self._items.popitem(last=False)[1])

    def get_or_make(self, key: Hashable, make: Callable[[], V]) -> V:
        """The value kept for ``key``, else ``make()``'s, kept; threads asking for the same
        missing key meanwhile wait for that one ``make()`` (an error of it is raised to the
        thread that called it, and the next asks again)."""
        with self._lock:
            value = self._items.get(key, _MISSING)
            if value is not _MISSING:
                self._items.move_to_end(key)
                return value
            making = self._making.setdefault(key, threading.Lock())
        try:
            with making:
                with self._lock:
                    value = self._items.get(key, _MISSING)
                if value is _MISSING:
                    value = make()
                    self.put(key, value)
                return value
        finally:
            with self._lock:
                self._making.pop(key, None)

    def __contains__(self, key: Hashable) -> bool:
        with self._lock:
            return key in self._items

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self.weight = 0

    def __len__(self) -> int:
        return len(self._items)
