"""CBS's register of municipal boundary changes, parsed from the RegioS code list.

The ``Description`` of every GM code in the code list of table 03759ned (OData v4
``codes-RegioS.json``; snapshot: ``cbs_odata4_v4_responses/03759ned/codes-RegioS.json``)
records each merger, split, renaming and boundary correction since 1830 with what moved::

    Grenswijziging per 01-01-2017, overgegaan naar:
    - Groningen (GM0014),
    ... 1649 hectare met 341 woningen en 1033 inwoners

Each transfer is written at both ends (``overgegaan naar`` at the donor, ``ontvangen van``
at the recipient); :func:`parse_register` returns it once. Input is the plain JSON of the
code list (the ``{"value": [...]}`` envelope or the list itself), so a live fetch of the
same code list can be handed in unchanged.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from stadstrends.errors import MalformedSource, json_words

REGISTER_FILE = "cbs_odata4_v4_responses/03759ned/codes-RegioS.json"
TRANSFER_COLUMNS = ["date", "donor", "recipient", "hectares", "dwellings", "inhabitants",
                    "kind"]

_HEADER = re.compile(
    r"^(?P<kind>Gemeentelijke herindeling|Grenswijziging|Opgeheven|Ontstaan|Wijziging|"
    r"Naamswijziging|Provinciale wijziging) per (?P<date>\d{2}-\d{2}-\d{4})"
    r"(?:,?\s*(?P<dir>ontvangen van|overgegaan naar|uit))?\s*[:,]?$")
_ITEM = re.compile(r"^- .*?\((?P<code>GM\d{4})\),?\s*(?P<rest>.*)$")
_AMOUNTS = re.compile(r"^(?:\.\.\.)?\s*(?P<text>\d.*(?:hectare|woning|inwoner).*)$")
_RENAME = re.compile(r"^(?P<which>nieuwe|oude) naam: .*\((?P<code>GM\d{4})\),?$")
_IGNORED = re.compile(r"^(Begindatum.*|\.|- overgegaan van provincie.*|inwoners)$")
_KINDS = {"Gemeentelijke herindeling": "merger", "Grenswijziging": "correction",
          "Opgeheven": "dissolution", "Ontstaan": "formation", "Wijziging": "correction",
          "Naamswijziging": "rename", "Provinciale wijziging": "province"}


def _amount(text: str, word: str) -> float:
    m = re.search(rf"(\d+) {word}", text)
    return float(m[1]) if m else float("nan")


def _entries(codes: Mapping[str, Any] | Iterable[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    items = codes.get("value") if isinstance(codes, Mapping) else codes
    if items is None or isinstance(items, (str, bytes)):
        raise MalformedSource.worded("register_no_value")
    return list(items)


def parse_descriptions(
    codes: Mapping[str, Any] | Iterable[Mapping[str, Any]],
) -> tuple[pd.DataFrame, list[tuple[str, str]]]:
    """All transfers as written in each GM code's description, and the lines not understood
    (``(code, line)``). A transfer row: ``date, donor, recipient, hectares, dwellings,
    inhabitants, kind`` (``merger``, ``correction``, ``dissolution``, ``formation``,
    ``rename``); amounts are NaN where the text gives none."""
    rows: list[tuple] = []
    unparsed: list[tuple[str, str]] = []
    for entry in _entries(codes):
        code = str(entry.get("Identifier", "")).strip()
        if not code.startswith("GM"):
            continue
        header: re.Match[str] | None = None
        pending: list | None = None
        for line in str(entry.get("Description") or "").replace("\r", "").split("\n"):
            line = line.strip()
            if not line or _IGNORED.match(line):
                continue
            if m := _HEADER.match(line):
                header, pending = m, None
                continue
            if header is None:
                unparsed.append((code, line))
                continue
            date = dt.datetime.strptime(header["date"], "%d-%m-%Y").date()
            kind = _KINDS[header["kind"]]
            if m := _RENAME.match(line):
                old, new = (code, m["code"]) if m["which"] == "nieuwe" else (m["code"], code)
                rows.append([date, old, new, None, None, None, "rename"])
                continue
            if m := _ITEM.match(line):
                other = m["code"]
                donor, recipient = ((other, code) if header["dir"] in ("ontvangen van", "uit")
                                    else (code, other))
                pending = [date, donor, recipient, None, None, None, kind]
                rows.append(pending)
                text = m["rest"]
                if not text:
                    continue
                line = text
            if (m := _AMOUNTS.match(line)) and pending is not None:
                pending[3:6] = [_amount(m["text"], "hectare"), _amount(m["text"], "woning"),
                                _amount(m["text"], "inwoner")]
                continue
            unparsed.append((code, line))
    frame = pd.DataFrame(rows, columns=TRANSFER_COLUMNS)
    for col in ("hectares", "dwellings", "inhabitants"):
        frame[col] = pd.to_numeric(frame[col], errors="coerce").astype("float64")
    return frame, unparsed


def parse_register(codes: Mapping[str, Any] | Iterable[Mapping[str, Any]]) -> pd.DataFrame:
    """Every transfer between two different municipality codes, once: ``date, donor,
    recipient, hectares, dwellings, inhabitants, kind``, sorted by date.

    A transfer written at both ends keeps the amounts that are stated (they agree where both
    state them). Renames carry no amounts: the whole municipality moves. Transfers of a
    code to itself (a continuing municipality listed among the parts of a merger) are left
    out. Raises :class:`MalformedSource` when the list holds no municipality at all."""
    frame, _ = parse_descriptions(codes)
    if frame.empty:
        raise MalformedSource.worded("register_no_change")
    frame = frame[frame["donor"] != frame["recipient"]]
    kind_rank = frame["kind"].map({"rename": 0, "dissolution": 1, "merger": 2,
                                   "formation": 3, "correction": 4}).fillna(5)
    frame = frame.assign(_rank=kind_rank).sort_values(["date", "donor", "recipient", "_rank"])
    out = frame.groupby(["date", "donor", "recipient"], as_index=False, sort=True).agg(
        hectares=("hectares", "max"), dwellings=("dwellings", "max"),
        inhabitants=("inhabitants", "max"), kind=("kind", "first"))
    return out[TRANSFER_COLUMNS].reset_index(drop=True)


def read_register(snapshot_dir: Path) -> dict[str, Any]:
    """The RegioS code list JSON from the snapshot (for :func:`parse_register`)."""
    path = Path(snapshot_dir) / REGISTER_FILE
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise MalformedSource.worded(
            "register_unreadable", path=str(path),
            reason=str(exc.strerror or exc) if isinstance(exc, OSError) else json_words(exc)
        ) from exc
