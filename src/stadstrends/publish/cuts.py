"""Source tables of this snapshot that CBS's export cut at 10 000 rows inside the region list
(``sources.cut_after``: the last region kept; municipalities after it in CBS's alphabetical
order are absent), and the plain words for it: a source statement for source lists and the
reason a value is missing. Internal completeness notes (``sources.completeness``) stay out of
what users read."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # annotations only: `show` runs without the duckdb package's Python layer
    import duckdb

from stadstrends import vocabulary
from stadstrends.cbs_order import sort_key
from stadstrends.publish.relations import columns, relations


class SourceCuts:
    """The cut tables of a warehouse and, per indicator, which tables serve which years."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        cols = columns(con, "sources")
        cut = "CAST(cut_after AS VARCHAR)" if "cut_after" in cols else "NULL"
        rows = con.execute(f"SELECT table_id, {cut}, completeness FROM sources").fetchall()
        by_id: dict[str, list[str | None]] = {}
        self.names: dict[str, str] = {}  # lower-case id -> the id as CBS writes it
        for table_id, label, _note in rows:
            self.names.setdefault(str(table_id).lower(), str(table_id))
            by_id.setdefault(str(table_id).lower(), []).append(label or None)
        # a table counts as cut when every copy of it is (83625NED: v4 complete, v3 cut);
        # ``partial``: tables with at least one cut copy
        self.partial: dict[str, tuple[str, bool]] = {
            t: (next(x for x in labels if x), all(labels)) for t, labels in by_id.items()
            if any(labels)}
        self.cut: dict[str, str] = {t: lab for t, (lab, whole) in self.partial.items() if whole}
        self.parts: dict[str, list[tuple[str, int, int]]] = {}
        if "catalogue_parts" in relations(con):
            for ind, table, lo, hi in con.execute(
                    "SELECT DISTINCT indicator_id, table_id, coalesce(year_from, 0), "
                    "coalesce(year_to, 9999) FROM catalogue_parts").fetchall():
                self.parts.setdefault(ind, []).append((str(table).lower(), lo, hi))

    def label(self, table_id: str) -> str | None:
        """The last region kept of a cut table, or None."""
        return self.cut.get(table_id.lower())

    def statement(self, table_id: str, lang: str) -> str:
        """What a user reads about a table's completeness in this snapshot (never the
        internal note): complete, or up to which municipality (of one copy of it)."""
        hit = self.partial.get(table_id.lower())
        if hit is None:
            return vocabulary.word(lang, "source_coverage", "complete")
        label, whole = hit
        return vocabulary.word(lang, "source_coverage", "up_to" if whole else "up_to_part",
                               name=label)

    def missing(self, indicator_id: str, name: str, year: int | None = None
                ) -> tuple[str, str] | None:
        """(table, last region kept) when ``name``'s missing value of ``indicator_id`` (in
        ``year``, or in any year) is explained by a table cut before it; else None."""
        key = sort_key(name)
        for table, lo, hi in sorted(self.parts.get(indicator_id, [])):
            if year is not None and not lo <= year <= hi:
                continue
            label = self.cut.get(table)
            if label and key > sort_key(label):
                return self.names.get(table, table), label
        return None

    def reason(self, indicator_id: str, name: str, lang: str, year: int | None = None
               ) -> str | None:
        """The words for :meth:`missing`, or None."""
        hit = self.missing(indicator_id, name, year)
        if hit is None:
            return None
        return vocabulary.word(lang, "reasons", "source_cut", source=hit[0], detail=hit[1])



def coverage(source: dict[str, Any], lang: str) -> str:
    """The plain statement for one ``sources`` row (a table read from one API): complete,
    the totals complete (a file cut in a later category), up to which municipality, or not
    read; from the codes ingest recorded (``completeness_code``, ``cut_after``), never from
    the internal note; and for a file holding only CBS's provisional slice
    (``status_only`` 'Voorlopig': 60039fvw) that it does; and the last year the catalogue
    marks provisional (``latest_provisional``, where the file carries no status)."""
    label = source.get("cut_after")
    if isinstance(label, str) and label:  # (NaN from a data frame is no label)
        text = vocabulary.word(lang, "source_coverage", "up_to", name=label)
    else:
        code = source.get("completeness_code")
        key = {"not_read": "not_read", "cut": "totals"}.get(code if isinstance(code, str)
                                                            else "")
        text = vocabulary.word(lang, "source_coverage", key or "complete")
    if str(source.get("status_only")).lower() == "voorlopig":  # why its figures are provisional
        text += "; " + vocabulary.word(lang, "source_coverage", "provisional_only")
    year = source.get("latest_provisional")  # the catalogue's provisional_latest
    if isinstance(year, int | float) and year == year:  # (NaN from a data frame is no year)
        text += "; " + vocabulary.word(lang, "source_coverage", "latest_provisional",
                                       year=int(year))
    return text
