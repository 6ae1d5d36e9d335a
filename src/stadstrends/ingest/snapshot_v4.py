"""Read recorded CBS OData v4 responses from a snapshot folder into a :class:`WideTable`.

Layout (``cbs_odata4_v4_responses/<table>/``, SOURCES.md section 12): ``index.json`` (the
recorder's note: ``tableId``, ``capturedAt``, ``sliceFilter``, ``files``,
``observationPages``), ``properties.json``, ``dimensions.json``, ``measure-codes.json``,
``codes-<Dimension>.json`` and the observation pages, each an OData envelope. The same
builder as the live v4 client turns them into a table
(:func:`stadstrends.ingest.v4table.wide_table`); a source's ``filter`` is applied to the
recorded rows (:mod:`stadstrends.ingest.v4filter`), so offline and live read the same cells
where the recording holds them.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pandas as pd

from stadstrends.errors import (
    MalformedSource,
    TableNotFound,
    counted,
    json_words,
    os_reason,
    phrase,
)
from stadstrends.ingest.edge import check_utf8
from stadstrends.ingest.raw import SourceInfo, WideTable
from stadstrends.ingest.titles import language_titles
from stadstrends.ingest.v4filter import combined_filter, frame_filter, measure_filter
from stadstrends.ingest.v4table import AGE_DIMENSION, V4Metadata, wide_table

V4_DIR = "cbs_odata4_v4_responses"


def recorded_v4_tables(snapshot_dir: Path | str) -> dict[str, Path]:
    """Lower-case table id -> folder of every recorded v4 table in the snapshot."""
    root = Path(snapshot_dir) / V4_DIR
    if not root.is_dir():
        return {}
    return {p.name.lower(): p for p in sorted(root.iterdir()) if (p / "index.json").is_file()}


def _json(path: Path, body: bytes | None = None) -> Any:
    try:
        body = path.read_bytes() if body is None else body
    except OSError as exc:
        raise MalformedSource.worded("v4_unreadable", path=str(path),
                                     reason=os_reason(exc)) from exc
    if body.startswith(b"\xef\xbb\xbf"):
        body = body[3:]
    check_utf8(body, path)
    text = body.decode("utf-8")
    try:
        return json.loads(text)
    except ValueError as exc:
        raise _damaged(path, text, exc) from exc


def _damaged(path: Path, text: str, exc: ValueError) -> MalformedSource:
    """A recorded response that is no JSON: cut (it stops inside the data) or edited."""
    where = json_words(exc)  # 'Unterminated string starting at line 3, column 4'
    source = _recorded_from(path.parent)
    again = phrase("record_again_from", url=source) if source else phrase("record_again")
    if not text.rstrip().endswith(("}", "]")):
        return MalformedSource.worded(
            "v4_incomplete", path=str(path), size=counted(len(text)),
            where=where, again=again)
    return MalformedSource.worded("v4_not_json", path=str(path), where=where, again=again)


def _recorded_from(folder: Path) -> str | None:
    """The API address a recording came from (``source`` of its ``index.json``), if readable."""
    try:
        source = json.loads((folder / "index.json").read_text(encoding="utf-8-sig"))["source"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return source if isinstance(source, str) else None


def _values(payload: Any, path: str) -> list[dict[str, Any]]:
    value = payload.get("value") if isinstance(payload, dict) else None
    if not isinstance(value, list):
        raise MalformedSource.worded("v4_no_value", path=str(path))
    return value


def _check_count(folder: Path, index: dict[str, Any], read: int) -> None:
    """The pages hold the observations ``index.json`` counts (``observationRows``), else
    :class:`MalformedSource` naming the pages, both counts and the hint (a page cut cleanly
    at an observation still parses: 3 000 fewer read as CBS publishing nothing for those
    municipalities). Nothing to check when the index gives no count."""
    listed = index.get("observationRows")
    if not isinstance(listed, int) or isinstance(listed, bool) or listed == read:
        return
    pages = [str(folder / p) for p in index.get("observationPages", [])]
    source = _recorded_from(folder)
    raise MalformedSource.worded(
        "v4_observations_differ", pages=", ".join(pages), index=str(folder / "index.json"),
        listed=counted(listed), found=counted(read),
        again=phrase("record_again_from", url=source) if source else phrase("record_again"),
        details=[{"pages": pages, "observation_rows": listed, "found": read}])


def read_v4_recording(
    snapshot_dir: Path | str, table_id: str, filter: str | None = None,
    measures: list[str] | None = None,
    age_bands: dict[str, tuple[int, int | None]] | None = None,
) -> WideTable:
    """The recorded v4 table ``table_id`` (case-insensitive), ``filter`` applied."""
    snapshot_dir = Path(snapshot_dir)
    folder = recorded_v4_tables(snapshot_dir).get(table_id.strip().lower())
    if folder is None:
        raise TableNotFound.worded("v4_no_table", table=table_id, folder=f"{V4_DIR}/{table_id}/")
    index = _json(folder / "index.json")
    files: dict[str, str] = index.get("files", {})
    needed = ["properties", "dimensions", "measure-codes"]
    if missing := [n for n in needed if n not in files]:
        raise MalformedSource.worded("v4_index_lacks", path=f"{folder}/index.json",
                                     missing=", ".join(missing))
    dims = _values(_json(folder / files["dimensions"]), files["dimensions"])
    time_dim = next((d["Identifier"] for d in dims if d.get("Kind") == "TimeDimension"), None)
    periods = f"codes-{time_dim}"
    meta = V4Metadata(
        _json(folder / files["properties"]), dims,
        _values(_json(folder / files["measure-codes"]), files["measure-codes"]),
        _values(_json(folder / files[periods]), files[periods]) if periods in files else [],
    )
    digest = hashlib.sha256()
    rows: list[dict[str, Any]] = []
    for page in index.get("observationPages", []):
        body = (folder / page).read_bytes()
        digest.update(body)
        rows.extend(_values(_json(folder / page, body), page))  # hashed and parsed once
    read = len(rows)
    _check_count(folder, index, read)
    where = combined_filter(filter, measure_filter(measures))
    frame = pd.DataFrame(rows, dtype=object)  # the values as read: a code 3 stays 3
    if where:  # column-wise over the frame the table is built from
        frame = frame[frame_filter(where)(frame)].reset_index(drop=True)
    recorded = index.get("sliceFilter") or None
    note = "complete" if (filter or None) == recorded else (
        f"recorded slice: {recorded or 'all'}" + (f"; filter: {filter}" if filter else ""))
    source = SourceInfo(
        table_id=str(meta.properties.get("Identifier") or index.get("tableId") or table_id),
        title=str(meta.properties.get("Title") or table_id), origin="snapshot",
        location=folder.relative_to(snapshot_dir).as_posix(), sha256=digest.hexdigest(),
        retrieved_at=str(index.get("capturedAt", "")),
        modified=meta.properties.get("Modified"), rows_read=read,
        completeness=note, api="v4",
        completeness_code="complete" if note == "complete" else "recorded_slice",
        **{f"title_{k}": v for k, v in language_titles(meta.properties).items()},
    )
    ages = None
    if age_bands:
        name = f"codes-{AGE_DIMENSION}"
        ages = _values(_json(folder / files[name]), name) if name in files else None
    return wide_table(meta, frame, source, age_bands=age_bands, age_codes=ages)
