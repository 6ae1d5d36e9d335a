"""The API's own page (/api/v1/docs) in the reader's language: each endpoint's summary and
each parameter's meaning from the section ``api_docs`` of the language files, keyed by the
OpenAPI spec's paths and parameter names (``shared_params``: a parameter of several paths,
``lang``, unless a path has words of its own); the spec itself (``/api/v1/openapi.json``) keeps
the English of the routes. A path or parameter without words in the file shows the spec's."""

from __future__ import annotations

from typing import Any

from stadstrends import vocabulary


def documented_ops(spec: dict[str, Any], lang: str) -> tuple[list[dict[str, Any]], str]:
    """(operations, description) for the page: operations as dicts ``method``, ``path``,
    ``summary`` and ``params`` (the spec's parameter objects with ``description`` in
    ``lang``), in the spec's order; the description of the API in ``lang``."""
    words = vocabulary.section(lang, "api_docs") or {}
    summaries, described = words.get("ops") or {}, words.get("params") or {}
    ops = []
    for path, item in spec["paths"].items():
        mine = {**(words.get("shared_params") or {}), **(described.get(path) or {})}
        for method, op in item.items():
            params = [{**p, "description": mine.get(p["name"], p.get("description"))}
                      for p in op.get("parameters", [])]
            ops.append({"method": method.upper(), "path": path,
                        "summary": summaries.get(path, op.get("summary", "")),
                        "params": params})
    return ops, words.get("description") or spec["info"].get("description", "")


def api_index(spec: dict[str, Any], credit: str) -> dict[str, Any]:
    """The API's index (``/api/v1``): its title and version, links to its page
    (``/api/v1/docs``) and its OpenAPI spec, and every endpoint of the spec in its order as
    ``method``, ``path``, ``summary`` (the spec's English) and ``href``, the address to open
    (None where the path has a part to fill in, ``/api/v1/regions/{code}``, or a parameter
    is required, ``/api/v1/series``: its page says which)."""
    return {
        "name": spec["info"].get("title"), "version": spec["info"].get("version"),
        "docs": "/api/v1/docs", "openapi": "/api/v1/openapi.json",
        "endpoints": [{"method": method.upper(), "path": path,
                       "summary": op.get("summary", ""),
                       "href": None if "{" in path or any(
                           p.get("required") for p in op.get("parameters", [])) else path}
                      for path, item in spec["paths"].items() for method, op in item.items()],
        "credit": credit}
