"""A small evaluator of OData ``$filter`` expressions over v4 observation rows.

Used to apply a catalogue source's server-side filter to recorded v4 responses offline, so a
snapshot build reads the same cells a live build asks CBS for. Supported: ``eq ne gt ge lt
le`` with a string or number literal, ``and``, ``or``, ``not``, parentheses and
``startswith(Field,'prefix')`` - what the catalogue's filters use.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

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


_OPS = {"eq": lambda a, b: a == b, "ne": lambda a, b: a != b, "gt": lambda a, b: a > b,
        "ge": lambda a, b: a >= b, "lt": lambda a, b: a < b, "le": lambda a, b: a <= b}


def parse_filter(text: str) -> Predicate:
    """A predicate over an observation row for an OData ``$filter`` expression."""
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

    def factor() -> Predicate:
        tok = peek()
        if tok == ("(", "("):
            take()
            inner = expr()
            take(")")
            return inner
        if tok == ("name", "not"):
            take()
            inner = factor()
            return lambda r: not inner(r)
        if tok == ("name", "startswith"):
            take()
            take("(")
            field = take("name")
            take(",")
            prefix = take("str")
            take(")")
            return lambda r: str(r.get(field, "")).startswith(prefix)
        field = take("name")
        op = take("name")
        if op not in _OPS:
            raise InvalidParameter(f"unknown operator {op!r} in $filter {text!r}")
        value = literal()
        return lambda r: r.get(field) is not None and _OPS[op](r.get(field), value)

    def term() -> Predicate:
        parts = [factor()]
        while peek() == ("name", "and"):
            take()
            parts.append(factor())
        return lambda r: all(p(r) for p in parts)

    def expr() -> Predicate:
        parts = [term()]
        while peek() == ("name", "or"):
            take()
            parts.append(term())
        return lambda r: any(p(r) for p in parts)

    result = expr()
    if peek() is not None:
        raise InvalidParameter(f"trailing tokens in $filter {text!r}")
    return result


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
