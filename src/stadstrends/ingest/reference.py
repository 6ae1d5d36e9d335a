"""Fetch the region reference sources live and lay them out like a snapshot folder.

A live build needs, besides the statistics, the region reference files the ``regions`` stage
reads: CBS 70739ned (every municipality code since 1830 with its dates), the 30 editions of
*Gebieden in Nederland* (COROP and province membership per year), the 03759ned ``RegioS``
code list (CBS's boundary-change register, OData v4), RvIG table 33 (successor codes) and the
municipal geometries (PDOK/CBS). :func:`materialise_reference` fetches them through the
cached OData clients (and plain cached downloads for the two non-OData files) and writes
them into ``<cache>/reference/`` with the snapshot's file names and formats (cbsodata-style
``;`` CSV for StatLine tables), so the regions stage and the publishers read a live build
exactly as they read a snapshot. Every response stays in the download cache and manifest.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pandas as pd

from stadstrends.errors import MalformedSource
from stadstrends.ingest.cache import atomic_write
from stadstrends.ingest.odata import ODataClient
from stadstrends.ingest.odata4 import ODataV4Client
from stadstrends.ingest.snapshot_v4 import V4_DIR

HERINDELING_TABLE = "70739ned"
REGISTER_TABLE = "03759ned"  # its RegioS code list carries CBS's boundary-change register
HERINDELING = Path("cbs_statline_dump/herindeling/70739ned.csv")
GEBIEDEN = Path("cbs_statline_dump/gebieden_in_nederland")
RVIG = Path("rvig_gemeententabel/Tabel33_Gemeententabel_utf8.csv")
GEOMETRY = Path("geo_gemeenten_pdok/gemeenten_2023_wgs84_with_kwb2023.geojson")
#: RvIG publishes table 33 (Gemeententabel) as a CSV; geometries come from PDOK
DEFAULT_RVIG_URL = "https://publicaties.rvig.nl/media/Tabel33_Gemeententabel.csv"
DEFAULT_GEOMETRY_URL = (
    "https://service.pdok.nl/cbs/gebiedsindelingen/2023/wfs/v1_0?request=GetFeature"
    "&service=WFS&version=2.0.0&typeName=gemeente_gegeneraliseerd&outputFormat=json"
    "&srsName=EPSG:4326")
_DIMENSIONS = frozenset({"Dimension", "GeoDimension", "GeoDetail", "TimeDimension"})


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def reference_frame(client: ODataClient, table_id: str) -> pd.DataFrame:
    """A v3 reference table as the cbsodata export holds it: ``ID``, each dimension as its
    label (``Title``), every topic as text."""
    props = client.data_properties(table_id)
    dims = [p["Key"] for p in props if p.get("Type") in _DIMENSIONS and p.get("Key")]
    topics = [p["Key"] for p in props if p.get("Type") == "Topic" and p.get("Key")]
    rows = client.typed_dataset(table_id)
    frame = pd.DataFrame(rows, columns=None if rows else ["ID", *dims, *topics])
    missing = [c for c in ["ID", *dims, *topics] if c not in frame.columns]
    if missing:
        raise MalformedSource.worded("cbs_rows_lack", table=table_id, missing=", ".join(missing))
    out = pd.DataFrame({"ID": frame["ID"].map(_text)})
    for dim in dims:
        titles = {str(i.get("Key", "")).strip(): str(i.get("Title", "")).strip()
                  for i in client.dimension(table_id, dim)}
        keys = frame[dim].map(lambda k: _text(k).strip())
        out[dim] = keys.map(lambda k, t=titles: t.get(k, k))
    for topic in topics:
        out[topic] = frame[topic].map(_text)
    return out


def _write_csv(frame: pd.DataFrame, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = frame.to_csv(sep=";", index=False, lineterminator="\n")
    atomic_write(path, ("\ufeff" + text).encode("utf-8"))


def _download(client: ODataClient, url: str, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, client.fetch_file(url))


def materialise_reference(
    client: ODataClient, client4: ODataV4Client, folder: Path,
    rvig_url: str | None = None, geometry_url: str | None = None,
) -> Path:
    """Fetch the region reference sources into ``folder`` (laid out like a snapshot)."""
    from stadstrends.regions.membership import EDITIONS

    folder = Path(folder)
    _write_csv(reference_frame(client, HERINDELING_TABLE), folder / HERINDELING)
    for table_id in EDITIONS:
        _write_csv(reference_frame(client, table_id), folder / GEBIEDEN / f"{table_id}.csv")
    codes = client4.codes(REGISTER_TABLE, "RegioS")
    register = folder / V4_DIR / REGISTER_TABLE / "codes-RegioS.json"
    register.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(register, json.dumps({"value": codes}, ensure_ascii=False).encode("utf-8"))
    _download(client, rvig_url or os.environ.get("STADSTRENDS_RVIG_URL", DEFAULT_RVIG_URL),
              folder / RVIG)
    _download(client, geometry_url or os.environ.get("STADSTRENDS_GEOMETRY_URL",
                                                     DEFAULT_GEOMETRY_URL), folder / GEOMETRY)
    return folder
