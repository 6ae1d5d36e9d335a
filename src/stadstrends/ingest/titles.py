"""CBS's own table titles per language, from the table metadata a snapshot or a live
response carries (v3 ``TableInfos`` and ``Tables`` catalog entries, v4 ``Properties``
and their ``RelatedSources``), never from descriptions written around the data."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from stadstrends.table_ids import ENGLISH_EDITION, TABLE_ID  # noqa: F401 (re-exported)

MAX_BYTES = 2_000_000  # metadata responses are small; data pages and geometries are not
DATASET_URL = re.compile(r"/(nl|en)/dataset/([0-9A-Za-z]+)/?$")


def language_titles(entry: dict[str, Any]) -> dict[str, str]:
    """``{'nl': title}`` (or ``'en'``) of one TableInfos/Properties entry, when it says its
    language; CBS tables without ``Language`` are Dutch unless they are an English edition."""
    title = str(entry.get("Title") or "").strip()
    ident = str(entry.get("Identifier") or "")
    if not title:
        return {}
    lang = str(entry.get("Language") or "").lower() or (
        "en" if ENGLISH_EDITION.fullmatch(ident) else "nl")
    return {lang: title} if lang in ("nl", "en") else {}


def _entries(payload: Any) -> list[dict[str, Any]]:
    """Metadata entries in one JSON document: a Properties object, a TableInfos or
    catalog ``Tables`` list (bare or under ``value``), and RelatedSources links."""
    items = payload.get("value", [payload]) if isinstance(payload, dict) else payload
    if not isinstance(items, list):
        return []
    found: list[dict[str, Any]] = []
    for item in items:
        if not isinstance(item, dict):
            continue
        # a table's own entry (code-list items carry Identifier and Title too)
        if TABLE_ID.fullmatch(str(item.get("Identifier") or "")) and item.get("Title") \
                and ("Catalog" in item or "Modified" in item):
            found.append(item)
        for rel in item.get("RelatedSources") or []:
            match = DATASET_URL.search(str(rel.get("Url") or ""))
            if match and rel.get("Title"):
                found.append({"Identifier": match.group(2), "Title": rel["Title"],
                              "Language": match.group(1)})
    return found


@lru_cache(maxsize=4)
def snapshot_titles(root: Path) -> dict[str, dict[str, str]]:
    """Lower-case table id -> {language: CBS title} from every metadata JSON in a snapshot
    (documents in which no key is spelled ``"Title"`` are skipped unparsed)."""
    titles: dict[str, dict[str, str]] = {}
    for path in sorted(Path(root).rglob("*.json")):
        if path.stat().st_size > MAX_BYTES:
            continue
        try:
            text = path.read_text(encoding="utf-8-sig")
            # every title comes from a "Title" key: a document without one (the v4 data
            # pages, the catalog lists, the KWB extract: 3.4 of the 5.4 MB parsed) adds none
            # and is not parsed (0.08-0.13 -> 0.03 s of CPU in each reading worker)
            if '"Title"' not in text:
                continue
            payload = json.loads(text)
        except (OSError, UnicodeDecodeError, ValueError):
            continue
        for entry in _entries(payload):
            for lang, title in language_titles(entry).items():
                titles.setdefault(str(entry["Identifier"]).lower(), {}).setdefault(lang, title)
    return titles


def titles_for(known: dict[str, dict[str, str]], table_id: str) -> dict[str, str]:
    """The table's CBS titles; an English edition (``37259eng``) takes its Dutch title
    from the Dutch table it translates (``37259ned``)."""
    own = dict(known.get(table_id.lower(), {}))
    twin = ENGLISH_EDITION.fullmatch(table_id)
    if twin and "nl" not in own:
        dutch = known.get(f"{twin.group(1)}ned", {}).get("nl")
        if dutch:
            own["nl"] = dutch
    return own
