"""Links to a CBS table on StatLine in the reader's language: CBS publishes English
editions of a few tables (their numbers end in 'eng': 37259eng, the English edition of
37259ned), which StatLine shows at ``/CBS/en/dataset/<id>``; every other table here is
Dutch only (its English StatLine address would show the Dutch table), so an English
reader's link says so (``language``: 'nl')."""

from __future__ import annotations

from stadstrends.table_ids import ENGLISH_EDITION, TABLE_ID

STATLINE = "https://opendata.cbs.nl/statline/#/CBS/{lang}/dataset/{table}"


def statline_link(table_id: str, lang: str) -> dict[str, str] | None:
    """``{"url", "language"}``: the English edition for a reader of any language but Dutch,
    the Dutch table it translates for a Dutch reader (37259eng: 37259ned), else the Dutch
    table; None for a source that is no StatLine table (kwb2019, a file from elsewhere)."""
    if not TABLE_ID.fullmatch(table_id):
        return None
    twin = ENGLISH_EDITION.fullmatch(table_id)
    if twin and lang != "nl":
        return {"url": STATLINE.format(lang="en", table=table_id), "language": "en"}
    table = f"{twin.group(1)}ned" if twin else table_id
    return {"url": STATLINE.format(lang="nl", table=table), "language": "nl"}
