"""Serve the snapshot's region reference files the way their sources serve them (tests only).

- 70739ned and the Gebieden in Nederland editions (cbsodata CSV exports, labels) become
  OData v3 responses: ``TableInfos``, ``DataProperties`` (the export's dimension column and
  one ``String`` topic per other column), the dimension's code list and ``TypedDataSet``
  pages linked by ``odata.nextLink``. Keys are CONSTRUCTED (``R00001`` per row, padded as
  CBS pads keys); the label is the key's ``Title``, topic values are the exported text.
- RvIG table 33 and the municipal GeoJSON are served as the files they are.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd

from stadstrends.ingest.reference import GEBIEDEN, GEOMETRY, HERINDELING, RVIG

from .odata_server import FakeCBS


def _envelope(table: str, entity: str, value: list[dict[str, Any]],
              next_link: str | None = None) -> bytes:
    payload: dict[str, Any] = {
        "odata.metadata": f"https://opendata.cbs.nl/ODataFeed/OData/{table}/$metadata"
                          f"#Cbs.OData.WebAPI.{entity}", "value": value}
    if next_link:
        payload["odata.nextLink"] = next_link
    return json.dumps(payload, ensure_ascii=False).encode("utf-8")


def reference_responses(csv: Path, table: str, base_url: str,
                        page_size: int = 500) -> dict[str, bytes]:
    """Endpoint (below ``<base>/<table>/``) -> body for one cbsodata export."""
    frame = pd.read_csv(csv, sep=";", dtype=str, encoding="utf-8-sig", keep_default_na=False)
    dim, topics = frame.columns[1], list(frame.columns[2:])
    keys = [f"R{i:05d}  " for i in range(len(frame))]
    props = [{"ID": 0, "Type": "GeoDimension" if dim == "RegioS" else "Dimension",
              "Key": dim, "Title": dim}]
    props += [{"ID": i + 1, "Type": "Topic", "Key": t, "Title": t, "Datatype": "String"}
              for i, t in enumerate(topics)]
    rows = [{"ID": int(row["ID"]), dim: key, **{t: row[t] for t in topics}}
            for key, (_, row) in zip(keys, frame.iterrows(), strict=True)]
    out = {
        "TableInfos": _envelope(table, "TableInfos", [
            {"Identifier": table, "Title": f"{table} (served from the snapshot)",
             "Modified": "2025-01-01T00:00:00", "Period": ""}]),
        "DataProperties": _envelope(table, "DataProperties", props),
        dim: _envelope(table, dim, [{"Key": k, "Title": label}
                                    for k, label in zip(keys, frame[dim], strict=True)]),
    }
    dataset = f"{base_url}/{table}/TypedDataSet"
    for start in range(0, max(len(rows), 1), page_size):
        end = start + page_size
        link = f"{dataset}?$format=json&$skip={end}" if end < len(rows) else None
        out["TypedDataSet" + (f"?$skip={start}" if start else "")] = _envelope(
            table, "TypedDataSet", rows[start:end], link)
    return out


def serve_reference(fake: FakeCBS, snapshot: Path) -> dict[str, str]:
    """Add the reference tables and files to ``fake``; returns the two file URLs."""
    tables = {"70739ned": snapshot / HERINDELING}
    tables |= {p.stem: p for p in sorted((snapshot / GEBIEDEN).glob("*.csv"))}
    for table, csv in tables.items():
        for endpoint, body in reference_responses(csv, table, fake.base_url).items():
            path, _, query = endpoint.partition("?")
            fake.routes[fake.path(table, path) + (f"?{query}" if query else "")] = body
    files = {"rvig": ("/rvig/tabel33.csv", RVIG), "geometry": ("/pdok/gemeenten.json", GEOMETRY)}
    urls = {}
    for name, (route, relative) in files.items():
        fake.routes[route] = (snapshot / relative).read_bytes()
        urls[name] = fake.origin + route
    return urls
