"""A domain's small multiples on paper as one picture per row of panels, so that the PDF
may turn the page between two rows: one picture of all rows did not fit below a domain's
heading and first sentences and went whole to the next page, leaving half a page blank
under the heading (Oldambt's Demografie, page 7: heading, intro and two sentences; the
charts on page 8). The legend is drawn under the last row only, as under the whole."""

from __future__ import annotations

from typing import Any


def _has_band(view: dict) -> bool:
    """Whether a panel draws the group's middle half (its layer of dataset ``p<i>band``):
    the legend's entry for it comes from those layers, not from a fixed domain."""
    return any(str((layer.get("data") or {}).get("name", "")).endswith("band")
               for layer in view.get("layer", []))


def rows(spec: dict) -> list[dict]:
    """``spec`` as one spec per row of its ``concat`` of ``columns`` panels, the legend
    only in the last (every other row's encodings ``"legend": null``); ``[spec]`` for a
    chart of one row or of no panels, and where the last row has no panel with the group's
    band but another row has (its legend would lose that entry)."""
    panels, columns = spec.get("concat"), spec.get("columns")
    if not panels or not columns or len(panels) <= columns:
        return [spec]
    chunks = [panels[i:i + columns] for i in range(0, len(panels), columns)]
    if not any(map(_has_band, chunks[-1])) and any(map(_has_band, panels)):
        return [spec]
    return [{**spec, "concat": chunk if i == len(chunks) - 1 else _unlegended(chunk)}
            for i, chunk in enumerate(chunks)]


def _unlegended(node: Any) -> Any:
    """``node`` with every encoding's legend left out (``"legend": null``)."""
    if isinstance(node, dict):
        return {k: None if k == "legend" else _unlegended(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_unlegended(v) for v in node]
    return node
