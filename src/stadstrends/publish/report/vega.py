"""Vega-Lite chart templates: built once with Altair, cached in memory and on disk.

Altair deep-copies its objects at every composition step (~30 ms per small chart), too slow
for ~60 charts a report. So each chart *shape* is built once with Altair, with ``@@slot@@``
placeholders for titles, formats, domains and data names (:func:`template`); every chart is
that dict with its slots filled (:func:`fill`). The built shapes are also kept in the user
cache (keyed by the chart modules' source and the Altair version), so a report run with a
warm cache never imports Altair.

The same holds one step further, for the static (PDF) charts: compiling Vega-Lite to Vega
costs vl-convert about a third of a chart's SVG. A :class:`Spec` remembers the template and
slots it was filled from, so its Vega is compiled once per template and then filled
(:func:`vega_of`); the Vega is the one compiling the filled spec gives (checked on every
chart of real reports in ``tests/publish/test_vega.py``).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

from stadstrends.paths import default_cache_dir, write_cache
from stadstrends.publish.memo import Memo

_SLOT = re.compile(r"@@(\w+)@@")
_NESTED = (dict, list)


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
    if isinstance(node, dict):  # a number or a string without a slot: kept without a call
        return {k: fill(v, slots) if isinstance(v, _NESTED) or (isinstance(v, str) and "@@" in v)
                else v for k, v in node.items()}
    if isinstance(node, list):
        if len(node) == 1 and isinstance(node[0], str) and node[0].startswith("@@"):
            value = slots.get(node[0][2:-2], node)
            if isinstance(value, list):
                return value
        return [fill(v, slots) if isinstance(v, _NESTED) or (isinstance(v, str) and "@@" in v)
                else v for v in node]
    if isinstance(node, str) and "@@" in node:
        if node.startswith("@@") and node.endswith("@@") and node.count("@@") == 2:
            return slots.get(node[2:-2], node)
        return _SLOT.sub(lambda m: str(slots.get(m.group(1), m.group(0))), node)
    return node


_DISK: dict[str, dict] | None = None


def _cache_file() -> Path:
    """Template cache, keyed by the chart modules' source and the Altair version."""
    from importlib.metadata import version

    charts = sorted(Path(__file__).parents[1].glob("chart*.py"))  # charts.py, chart_*.py
    digest = hashlib.sha256(Path(__file__).read_bytes()
                            + b"".join(p.read_bytes() for p in charts)
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
    write_cache(_cache_file(), json.dumps(_disk()).encode("utf-8"))  # read-only: costs speed


class Spec(dict):
    """A Vega-Lite spec (a plain dict to everything that reads it) that remembers what it was
    filled from: ``recipe`` = (template, slots), the spec being ``fill(template, slots)`` and
    its ``datasets`` (the template holds everything else: config, sizes). Changing the spec
    forgets the recipe (it is then compiled as it is)."""

    recipe: tuple[dict, dict] | None = None

    def _changed(method):  # noqa: N805 - wraps the dict methods below
        def forget(self: Spec, *args: Any, **kwargs: Any) -> Any:
            self.recipe = None
            return method(self, *args, **kwargs)
        return forget

    __setitem__ = _changed(dict.__setitem__)
    __delitem__ = _changed(dict.__delitem__)
    __ior__ = _changed(dict.__ior__)
    update = _changed(dict.update)
    pop = _changed(dict.pop)
    popitem = _changed(dict.popitem)
    setdefault = _changed(dict.setdefault)
    clear = _changed(dict.clear)
    del _changed


def filled(template: dict, slots: dict[str, Any], **extra: Any) -> Spec:
    """``fill(template, slots)`` with the keys of ``extra`` added, as a :class:`Spec` that
    remembers its recipe (``extra`` but ``datasets`` belongs to the template: it is compiled
    with it)."""
    spec = Spec(fill(template, slots), **extra)
    spec.recipe = ({**template, **{k: v for k, v in extra.items() if k != "datasets"}}, slots)
    return spec


def renamed(node: Any, prefix: str, keep: frozenset[str] = frozenset()) -> Any:
    """A copy of ``node`` with every slot ``@@name@@`` not in ``keep`` renamed
    ``@@<prefix>name@@``: one template used several times in one chart (small multiples)."""
    if isinstance(node, dict):
        return {k: renamed(v, prefix, keep) for k, v in node.items()}
    if isinstance(node, list):
        return [renamed(v, prefix, keep) for v in node]
    if isinstance(node, str) and "@@" in node:
        return _SLOT.sub(lambda m: m.group(0) if m.group(1) in keep
                         else f"@@{prefix}{m.group(1)}@@", node)
    return node


@lru_cache(maxsize=256)
def numbered(build: Callable[..., dict], args: tuple, i: int, shared: frozenset[str]) -> dict:
    """Template ``build(*args)`` as panel ``i`` of a chart of several (small multiples): its
    slots renamed ``p<i>_<name>`` (:func:`renamed`), but the ``shared`` ones every panel
    fills alike (so that Vega-Lite merges them as it merges equal values); cached: callers
    must not mutate it."""
    return renamed(build(*args), f"p{i}_", shared)


def numbered_slots(slots: dict[str, Any], i: int, shared: frozenset[str],
                   chart: dict[str, Any]) -> dict[str, Any]:
    """Panel ``i``'s slots under the names :func:`numbered` gave them, added to ``chart``
    (the slots of the chart so far), which is returned. Raises ValueError for a shared slot
    that an earlier panel filled otherwise (one value would silently stand for both)."""
    for name in shared & slots.keys():
        if name in chart and chart[name] != slots[name]:
            raise ValueError(f"panel {i} fills the shared slot '{name}' otherwise")
    chart.update((k if k in shared else f"p{i}_{k}", v) for k, v in slots.items())
    return chart


_COMPILED: Memo[tuple[dict, frozenset[str]]] = Memo(128)  # a set run has a few dozen
#: text that reads the same inside a quoted expression (Vega-Lite escapes the rest there)
_PLAIN = re.compile(r"[^\"'\\\x00-\x1f\x7f\u2028\u2029]*")


def compiled(lite: dict, vl_version: str) -> tuple[dict, frozenset[str]]:
    """``lite``'s Vega (vl-convert), compiled once per process for the same spec (threads
    asking meanwhile wait for it), and the slots that ended up inside a longer string (an
    expression, a name); callers must not mutate the Vega (:func:`fill` copies)."""
    text = json.dumps(lite, sort_keys=True)
    key = hashlib.sha256(f"{vl_version}|{text}".encode()).hexdigest()

    def compile_() -> tuple[dict, frozenset[str]]:
        import vl_convert as vlc

        vega = vlc.vegalite_to_vega(lite, vl_version=vl_version)
        return vega, frozenset(_embedded(vega))

    return _COMPILED.get_or_make(key, compile_)


def _embedded(node: Any) -> set[str]:
    """Names of the slots inside a longer string of ``node``."""
    if isinstance(node, dict):
        return set().union(*map(_embedded, node.values()))
    if isinstance(node, list):
        return set().union(*map(_embedded, node))
    if isinstance(node, str) and "@@" in node and not _SLOT.fullmatch(node):
        return set(_SLOT.findall(node))
    return set()


def _as_placeholder(value: Any) -> bool:
    """False for a slot value Vega-Lite treats otherwise than the placeholder it compiled:
    an empty or missing one drops a title, a legend or axis title and its space (a title
    of lines that are all empty too)."""
    return value is not None and value != "" and not (
        isinstance(value, list) and all(v == "" for v in value))


def vega_of(spec: dict, vl_version: str,
            prepare: Callable[[dict], dict] | None = None) -> dict | None:
    """The Vega of a :class:`Spec` (``prepare``: applied to the Vega-Lite first, as
    :func:`stadstrends.publish.report.pdf.static` is): its template compiled once per
    process (:func:`compiled`), filled with its slots, each named dataset's rows put in.

    None (compile the spec as it is) for a spec without a recipe; for one with an empty or
    missing slot value; and for one whose template put a slot inside an expression or name
    (Vega-Lite turns an explicit sort order into an expression) with a value other than
    plain text or a whole number."""
    recipe = getattr(spec, "recipe", None)
    if recipe is None:
        return None
    template, slots = recipe
    if not all(map(_as_placeholder, slots.values())):
        return None
    vega, embedded = compiled(prepare(template) if prepare else template, vl_version)
    for name in embedded:
        value = slots.get(name)
        if isinstance(value, bool) or not isinstance(value, str | int) or (
                isinstance(value, str) and not _PLAIN.fullmatch(value)):
            return None
    vega = fill(vega, slots)
    datasets = spec.get("datasets", {})
    for entry in vega.get("data", []):
        if entry.get("name") in datasets and "values" not in entry:
            entry["values"] = datasets[entry["name"]]
    return vega


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
