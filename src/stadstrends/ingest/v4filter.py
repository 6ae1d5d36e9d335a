"""A small evaluator of OData ``$filter`` expressions over a frame of v4 observation rows,
column-wise (:func:`frame_filter`).

Used to apply a catalogue source's server-side filter to recorded v4 responses offline, so a
snapshot build reads the same cells a live build asks CBS for (the tests' local CBS server
answers with it too). Supported: ``eq ne gt ge lt le`` with a string or number literal,
``and``, ``or``, ``not``, parentheses and ``startswith(Field,'prefix')`` - what the
catalogue's filters use.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from stadstrends.errors import InvalidParameter

_TOKEN = re.compile(r"\s*(?:(\()|(\))|(,)|'((?:[^']|'')*)'|(-?\d+(?:\.\d+)?)|([A-Za-z_]\w*))")


def _tokens(text: str) -> list[tuple[str, str]]:
    out, pos = [], 0
    while pos < len(text.rstrip()):
        m = _TOKEN.match(text, pos)
        if not m:
            raise InvalidParameter.worded("filter_bad_at", rest=text[pos:])
        pos = m.end()
        kinds = ("(", ")", ",", "str", "num", "name")
        kind = next(k for k, g in zip(kinds, m.groups(), strict=True) if g is not None)
        value = m.group(kinds.index(kind) + 1)
        out.append((kind, value.replace("''", "'") if kind == "str" else value))
    return out


_OPS = {"eq": operator.eq, "ne": operator.ne, "gt": operator.gt, "ge": operator.ge,
        "lt": operator.lt, "le": operator.le}

#: a parsed ``$filter``: ("cmp", field, op, literal), ("startswith", field, prefix),
#: ("not", node), ("and", [nodes]), ("or", [nodes])
Node = tuple


def _parse(text: str) -> Node:
    toks = _tokens(text)
    pos = 0

    def peek() -> tuple[str, str] | None:
        return toks[pos] if pos < len(toks) else None

    def take(kind: str | None = None, value: str | None = None) -> str:
        nonlocal pos
        tok = peek()
        if tok is None or (kind and tok[0] != kind) or (value and tok[1] != value):
            raise InvalidParameter.worded("filter_bad_near", filter=text, token=pos)
        pos += 1
        return tok[1]

    def literal() -> Any:
        tok = peek()
        if tok and tok[0] == "num":
            take()
            return float(tok[1])
        return take("str")

    def factor() -> Node:
        tok = peek()
        if tok == ("(", "("):
            take()
            inner = expr()
            take(")")
            return inner
        if tok == ("name", "not"):
            take()
            return ("not", factor())
        if tok == ("name", "startswith"):
            take()
            take("(")
            field = take("name")
            take(",")
            prefix = take("str")
            take(")")
            return ("startswith", field, prefix)
        field = take("name")
        op = take("name")
        if op not in _OPS:
            raise InvalidParameter.worded("filter_operator", operator=op, filter=text)
        return ("cmp", field, op, literal())

    def term() -> Node:
        parts = [factor()]
        while peek() == ("name", "and"):
            take()
            parts.append(factor())
        return ("and", parts)

    def expr() -> Node:
        parts = [term()]
        while peek() == ("name", "or"):
            take()
            parts.append(term())
        return ("or", parts)

    result = expr()
    if peek() is not None:
        raise InvalidParameter.worded("filter_trailing", filter=text)
    return result


def _mismatch(field: str, value: Any) -> InvalidParameter:
    return InvalidParameter.worded("filter_mismatch", field=field, shown=repr(value))


def _mask(node: Node, frame: pd.DataFrame) -> np.ndarray:
    kind = node[0]
    if kind in ("cmp", "startswith"):
        field = node[1]
        if field not in frame.columns:
            return np.zeros(len(frame), dtype=bool)
        column = frame[field]
        present = column.notna().to_numpy()
        if kind == "startswith":
            text = column.astype(object).where(present, "").astype(str)
            return present & text.str.startswith(node[2]).to_numpy(dtype=bool)
        try:
            return present & _OPS[node[2]](column.where(present, node[3]), node[3]).to_numpy(
                dtype=bool)
        except TypeError as exc:
            raise _mismatch(field, node[3]) from exc
    if kind == "not":
        return ~_mask(node[1], frame)
    masks = [_mask(n, frame) for n in node[1]]
    return np.logical_and.reduce(masks) if kind == "and" else np.logical_or.reduce(masks)


def frame_filter(text: str) -> Callable[[pd.DataFrame], np.ndarray]:
    """The rows of an observation frame (one column per field, null where a row lacks it)
    that the OData ``$filter`` ``text`` keeps, as a boolean array: column-wise, no Python
    per row. A comparison or ``startswith`` on a field the row lacks or holds null is false
    (as on CBS's server); ``not`` of it is true. Raises :class:`InvalidParameter` for an
    expression outside the supported subset (when called), and (when a frame is tested) for
    a comparison of values of different types (``Perioden ge 2019``: the code is text), even
    where an ``and`` before it is false for every row."""
    node = _parse(text)
    return lambda frame: _mask(node, frame)


_MEASURE = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")


def measure_filter(measures: list[str] | None) -> str | None:
    """``Measure eq 'A' or Measure eq 'B'`` for a measure selection."""
    if not measures:
        return None
    for m in measures:
        if not _MEASURE.match(m):
            raise InvalidParameter.worded("not_measure_code", measure=str(m))
    return " or ".join(f"Measure eq '{m}'" for m in measures)


def combined_filter(*parts: str | None) -> str | None:
    """The parts joined with ``and``, each in parentheses."""
    given = [p.strip() for p in parts if p and p.strip()]
    if len(given) <= 1:
        return given[0] if given else None
    return " and ".join(f"({p})" for p in given)
