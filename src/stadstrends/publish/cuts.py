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
from stadstrends.publish.format import fmt_number
from stadstrends.publish.relations import columns, relations

# a cut table's last region kept, the rows its copy holds and, for a municipality CBS has
# since abolished, the year it ended (``regions.valid_to``, the day its successor began)
# (a cut the data check found, 'cut_detected', has no known row limit: no rows said)
CUT_DETAIL = ("CASE WHEN sources.cut_after IS NOT NULL AND sources.completeness_code = 'cut' "
              "THEN sources.rows_read END AS cut_rows, "
              "(SELECT CASE WHEN bool_or(r.valid_to IS NULL) THEN NULL "
              "ELSE year(max(r.valid_to)) END FROM regions r WHERE r.level = 'gemeente' "
              "AND r.label = sources.cut_after) AS cut_ended")

CUT_SOURCES_SQL = (f"SELECT table_id, CAST(cut_after AS VARCHAR) AS cut_after, {CUT_DETAIL} "
                   "FROM sources WHERE cut_after IS NOT NULL")


def cut_sources(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """The ``sources`` rows of cut copies (``table_id``, ``cut_after``, ``cut_rows``,
    ``cut_ended``: what :func:`cut_words` reads); none where the warehouse lacks them."""
    if not {"cut_after", "rows_read"} <= columns(con, "sources"):
        return []
    cur = con.execute(CUT_SOURCES_SQL)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


def cut_words(lang: str, source: dict[str, Any], city: str | None = None) -> str:
    """What a cut copy lacks and why, one wording for every cut line (source lists, missing
    values): 'de gemeenten die in het alfabet na Maasdriel komen, ontbreken, omdat het CBS
    bij één keer ophalen hoogstens 10.000 rijen van een tabel levert'. ``source``:
    ``cut_after`` (the last region kept, as CBS labels it), ``cut_rows`` and ``cut_ended``
    (:data:`CUT_DETAIL`; None: a municipality that still exists). ``city``: the
    municipality the line is about, named as the example ('..., zoals Utrecht, ...'), with
    the letter CBS files it under where its name starts with an article CBS's order skips
    ('zoals De Wolden (het CBS zet die onder de W)': D comes before M, W after)."""
    ended, rows = source.get("cut_ended"), source.get("cut_rows")
    ended = int(ended) if isinstance(ended, int | float) and ended == ended else None
    rows = int(rows) if isinstance(rows, int | float) and rows == rows else None
    key = ("cut" if rows else "cut_no_rows") + ("_former" if ended else "")
    example = ""
    if city:
        letter = sort_key(city)[:1].upper()
        plain = city.strip().lstrip("'")[:1].upper()
        example = vocabulary.word(lang, "source_coverage", "cut_example" if letter == plain
                                  else "cut_example_article", city=city, letter=letter)
    return vocabulary.word(lang, "source_coverage", key, name=source.get("cut_after"),
                           rows=fmt_number(rows, 0, lang) if rows else "", year=ended,
                           example=example)


class SourceCuts:
    """The cut tables of a warehouse and, per indicator, which tables serve which years."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        cols = columns(con, "sources")
        # a copy cut in its last year only (completeness_code 'cut_last_year', a cut the
        # data check found) is whole in its other years: cut in part of the years
        sql = (f"SELECT table_id, CAST(cut_after AS VARCHAR), {CUT_DETAIL}, "
               "completeness_code = 'cut_last_year' FROM sources"
               if {"cut_after", "rows_read", "completeness_code"} <= cols
               else "SELECT table_id, NULL, NULL, NULL, false FROM sources")
        by_id: dict[str, list[str | None]] = {}
        self.names: dict[str, str] = {}  # lower-case id -> the id as CBS writes it
        self.details: dict[str, dict] = {}  # lower-case id -> its cut copy's CUT_DETAIL
        for table_id, label, n_rows, ended, last_year in con.execute(sql).fetchall():
            self.names.setdefault(str(table_id).lower(), str(table_id))
            by_id.setdefault(str(table_id).lower(), []).extend(
                [label or None, None] if last_year else [label or None])
            if label:
                self.details[str(table_id).lower()] = {
                    "cut_after": label, "cut_rows": n_rows, "cut_ended": ended}
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
        return vocabulary.word(lang, "source_coverage", "up_to" if hit[1] else "up_to_part",
                               cut=cut_words(lang, self.details[table_id.lower()]))

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

    def reason(self, indicator_id: str, name: str, lang: str, year: int | None = None,
               example: bool = False) -> str | None:
        """The words for :meth:`missing`, or None; ``example``: ``name`` as the example of
        the municipalities missing (where the words are about it alone, not shared by a
        list of names)."""
        hit = self.missing(indicator_id, name, year)
        if hit is None:
            return None
        return vocabulary.word(lang, "reasons", "source_cut", source=hit[0],
                               cut=cut_words(lang, self.details[hit[0].lower()],
                                             name if example else None))



def coverage(source: dict[str, Any], lang: str) -> str:
    """The plain statement for one ``sources`` row (a table read from one API): complete,
    the totals complete (a file cut in a later category), up to which municipality, or not
    read; from the codes ingest recorded (``completeness_code``, ``cut_after``), never from
    the internal note; and for a file holding only CBS's provisional slice
    (``status_only`` 'Voorlopig': 60039fvw) that it does; and the last year the catalogue
    marks provisional (``latest_provisional``, where the file carries no status)."""
    label = source.get("cut_after")
    if isinstance(label, str) and label:  # (NaN from a data frame is no label)
        text = vocabulary.word(lang, "source_coverage", "up_to", cut=cut_words(lang, source))
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
