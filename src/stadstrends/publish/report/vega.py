"""Vega-Lite chart templates: built once with Altair, cached in memory and on disk.

Altair deep-copies its objects at every composition step (~30 ms per small chart), too slow
for ~60 charts a report. So each chart *shape* is built once with Altair, with ``@@slot@@``
placeholders for titles, formats, domains and data names (:func:`template`); every chart is
that dict with its slots filled (:func:`fill`). The built shapes are also kept in the user
cache (keyed by the chart module's source and the Altair version), so a report run with a
warm cache never imports Altair.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

from stadstrends.paths import default_cache_dir

_SLOT = re.compile(r"@@(\w+)@@")


class _LazyAltair:
    """``altair`` imported on first use: with the template cache warm, a report never
    needs it (the import costs ~0.2 s of a one-second budget)."""

    def __getattr__(self, name: str) -> Any:
        import altair

        return getattr(altair, name)


alt: Any = _LazyAltair()


def slot(name: str) -> str:
    """A placeholder string for :func:`fill`."""
    return f"@@{name}@@"


def fill(node: Any, slots: dict[str, Any]) -> Any:
    """A copy of ``node`` with every ``'@@name@@'`` string (and one-item list of it) replaced
    by ``slots[name]``, and ``@@name@@`` inside longer strings by its text."""
    if isinstance(node, dict):
        return {k: fill(v, slots) for k, v in node.items()}
    if isinstance(node, list):
        if len(node) == 1 and isinstance(node[0], str) and node[0].startswith("@@"):
            value = slots.get(node[0][2:-2], node)
            if isinstance(value, list):
                return value
        return [fill(v, slots) for v in node]
    if isinstance(node, str) and "@@" in node:
        if node.startswith("@@") and node.endswith("@@") and node.count("@@") == 2:
            return slots.get(node[2:-2], node)
        return _SLOT.sub(lambda m: str(slots.get(m.group(1), m.group(0))), node)
    return node


_DISK: dict[str, dict] | None = None


def _cache_file() -> Path:
    """Template cache, keyed by the chart modules' source and the Altair version."""
    from importlib.metadata import version

    charts = Path(__file__).parents[1] / "charts.py"
    digest = hashlib.sha256(Path(__file__).read_bytes() + charts.read_bytes()
                            + version("altair").encode())
    return default_cache_dir() / f"vl-templates-{digest.hexdigest()[:16]}.json"


def _disk() -> dict[str, dict]:
    global _DISK
    if _DISK is None:
        try:
            _DISK = json.loads(_cache_file().read_text(encoding="utf-8"))
        except (OSError, ValueError):
            _DISK = {}
    return _DISK


def _save() -> None:
    path = _cache_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(_disk()), encoding="utf-8")
        tmp.replace(path)
    except OSError:
        pass  # a read-only cache only costs speed


def template(build: Callable[..., Any]) -> Callable[..., dict]:
    """Cache ``build(*args)``'s spec dict per argument tuple (args must be hashable), in
    memory and on disk; callers must not mutate it (:func:`fill` copies)."""

    @lru_cache(maxsize=64)
    def cached(*args: Any) -> dict:
        key = f"{build.__name__}{args!r}"
        disk = _disk()
        if key not in disk:
            spec = build(*args).to_dict(validate=False)
            spec.pop("$schema", None)
            disk[key] = spec
            _save()
        return disk[key]

    return cached
