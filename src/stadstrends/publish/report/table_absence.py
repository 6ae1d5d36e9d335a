"""One reason per indicator where the city's gaps all say 'CBS's table leaves it out': the
``indicator_gaps`` groups ``never_in_table`` (a table that holds the city in no year) and
``predecessors_never_in_table`` (the years before a merger, none of whose predecessors the
table holds) of one indicator as one row. Maashorst's population projection had three
lines ('de gemeente bestond toen nog niet; CBS publiceert tabel 84525NED ... voor Uden en
Landerd', 'CBS publiceert tabel 84525NED ... voor Maashorst', the same of 85171NED): one
fact, that CBS publishes no projection for it or its predecessors, said three times."""

from __future__ import annotations

from stadstrends.publish.format import fmt_list, fmt_years
from stadstrends.publish.report.texts import t

#: the reasons that say a CBS table leaves the city (or its predecessors) out
ABSENT = ("never_in_table", "predecessors_never_in_table")
#: the reason of a merged row (no ``indicator_gaps`` code: made here, worded by :func:`words`)
MERGED = "tables_absent"


def merge_absent(rows: list[dict]) -> list[dict]:
    """``rows`` (a city's ``gap_reasons``: ``indicator_id``, ``reason``, ``reason_detail``,
    ``n``, ``first_year``, ``last_year``, ``years``) with the :data:`ABSENT` rows of an
    indicator that has more than one of them as one row, reason :data:`MERGED`, at the first
    one's place: ``tables`` (CBS's table ids, by first year), ``before`` (the years of the
    predecessors' rows), ``codes`` (those predecessors), ``years`` and ``n`` of them all. Only
    an indicator with a ``never_in_table`` row: the words say that no table holds the city.
    Rows without ``indicator_id`` are one indicator's (the web's tiles and table cells,
    :func:`stadstrends.publish.web.tile_gaps.notes`)."""
    count: dict[str | None, int] = {}
    own = {g.get("indicator_id") for g in rows if g["reason"] == "never_in_table"}
    for g in rows:
        if g["reason"] in ABSENT:
            count[g.get("indicator_id")] = count.get(g.get("indicator_id"), 0) + 1
    out, merged = [], {}
    for g in rows:
        ind = g.get("indicator_id")
        if g["reason"] not in ABSENT or count[ind] < 2 or ind not in own:
            out.append(g)
            continue
        table, _, codes = (g["reason_detail"] or "").partition(":")
        m = merged.get(ind)
        if m is None:
            m = merged[ind] = {"indicator_id": ind, "reason": MERGED, "reason_detail": None,
                               "tables": {}, "before": [], "codes": [], "years": []}
            out.append(m)
        m["tables"][table] = min(m["tables"].get(table, 9999), min(g["years"]))
        m["years"] = sorted({*m["years"], *g["years"]})
        if g["reason"] == "predecessors_never_in_table":
            m["before"] = sorted({*m["before"], *g["years"]})
            m["codes"] += [c for c in codes.split(",") if c and c not in m["codes"]]
    for m in merged.values():
        m["tables"] = sorted(m["tables"], key=m["tables"].get)
        m.update(n=len(m["years"]), first_year=m["years"][0], last_year=m["years"][-1])
    return out


def words(row: dict, city: str, origins: str, lang: str) -> str:
    """A :data:`MERGED` row in words: 'CBS publiceert de tabellen 84525NED en 85171NED niet
    voor alle gemeenten, en in geen enkel jaar voor Maashorst; voor 2020–2021, toen de
    gemeente nog niet bestond, ook niet voor Uden en Landerd, waaruit de gemeente is
    ontstaan'. ``origins``: the predecessors as printed, in ``row['codes']`` order, with what
    they were to it (:func:`.gap_words.origins`); ``city`` its name, or 'deze gemeente' where
    a page's words are shared (``gap_this_city``)."""
    tables = (t(lang, "gap_table_one", table=row["tables"][0]) if len(row["tables"]) == 1
              else t(lang, "gap_table_many", tables=fmt_list(row["tables"], lang)))
    if not row["before"]:
        return t(lang, "gap_tables_absent", tables=tables, city=city)
    return t(lang, "gap_tables_absent_before", tables=tables, city=city,
             years=fmt_years(row["before"]), origins=origins)
