"""A small evaluator of OData ``$filter`` expressions over v4 observation rows: one row at a
time (:func:`parse_filter`, as the test server answers) or a whole frame of rows column-wise
(:func:`frame_filter`, as the snapshot reader keeps its recorded rows).

Used to apply a catalogue source's server-side filter to recorded v4 responses offline, so a
snapshot build reads the same cells a live build asks CBS for. Supported: ``eq ne gt ge lt
le`` with a string or number literal, ``and``, ``or``, ``not``, parentheses and
``startswith(Field,'prefix')`` - what the catalogue's filters use.
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

Row = dict[str, Any]
Predicate = Callable[[Row], bool]


def _tokens(text: str) -> list[tuple[str, str]]:
    out, pos = [], 0
    while pos < len(text.rstrip()):
        m = _TOKEN.match(text, pos)
        if not m:
            raise InvalidParameter(f"bad $filter at {text[pos:]!r}")
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
            raise InvalidParameter(f"bad $filter {text!r} near token {pos}")
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
            raise InvalidParameter(f"unknown operator {op!r} in $filter {text!r}")
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
        raise InvalidParameter(f"trailing tokens in $filter {text!r}")
    return result


def _mismatch(field: str, value: Any) -> InvalidParameter:
    return InvalidParameter(
        f"$filter compares {field} with {value!r}, a value of another type",
        hint="quote codes and periods: Perioden ge '2019JJ00'")


def _compare(op: str, field: str, value: Any) -> Predicate:
    def compare(r: Row) -> bool:
        got = r.get(field)
        try:
            return got is not None and _OPS[op](got, value)
        except TypeError as exc:
            raise _mismatch(field, value) from exc
    return compare


def _row_predicate(node: Node) -> Predicate:
    kind = node[0]
    if kind == "cmp":
        _, field, op, value = node
        return _compare(op, field, value)
    if kind == "startswith":
        _, field, prefix = node
        return lambda r: r.get(field) is not None and str(r[field]).startswith(prefix)
    if kind == "not":
        inner = _row_predicate(node[1])
        return lambda r: not inner(r)
    parts = [_row_predicate(n) for n in node[1]]
    return (lambda r: all(p(r) for p in parts)) if kind == "and" else (
        lambda r: any(p(r) for p in parts))


def parse_filter(text: str) -> Predicate:
    """A predicate over an observation row (a dict) for an OData ``$filter`` expression.

    A comparison or ``startswith`` on a field the row lacks or holds null is false (as on
    CBS's server); ``not`` of it is true. Raises :class:`InvalidParameter` for an
    expression outside the supported subset, and (when a row is tested) for a comparison of
    values of different types (``Perioden ge 2019``: the code is text)."""
    return _row_predicate(_parse(text))


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
    that :func:`parse_filter`'s predicate keeps, as a boolean array: column-wise, no Python
    per row. Raises :class:`InvalidParameter` like :func:`parse_filter`; a comparison of
    values of different types is refused even where an ``and`` before it is false for every
    row (the row predicate stops at that ``and``)."""
    node = _parse(text)
    return lambda frame: _mask(node, frame)


_MEASURE = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")


def measure_filter(measures: list[str] | None) -> str | None:
    """``Measure eq 'A' or Measure eq 'B'`` for a measure selection."""
    if not measures:
        return None
    for m in measures:
        if not _MEASURE.match(m):
            raise InvalidParameter(f"not a measure code: {m!r}")
    return " or ".join(f"Measure eq '{m}'" for m in measures)


def combined_filter(*parts: str | None) -> str | None:
    """The parts joined with ``and``, each in parentheses."""
    given = [p.strip() for p in parts if p and p.strip()]
    if len(given) <= 1:
        return given[0] if given else None
    return " and ".join(f"({p})" for p in given)
