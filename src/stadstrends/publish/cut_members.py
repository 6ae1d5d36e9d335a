"""Members of a comparison group and peers that have no figure because the snapshot's copy
of a CBS table is cut, and the words for them.

A snapshot file stops at 10 000 rows (``SOURCES.md``); the indicators stage records each
municipality it thereby lacks as ``indicator_gaps.reason`` 'table_cut' (``reason_detail``:
the table id) or 'predecessor_cut' ('<table>:<codes>'; :mod:`stadstrends.indicators.cut_gaps`).
Those municipalities have CBS figures, only not here: the copy of 85984NED (Kerncijfers wijken
en buurten 2024) stops at Maasdriel, so 11 of the 41 {group} members (Maastricht ... Zwolle) lack
its 2024 figures. The report said '11 van de 41 zonder cijfers', and Enschede's better-doing
peers left out Tilburg and Nijmegen without a word; now it names the cut table.
"""

from __future__ import annotations

from typing import Any

import duckdb

from stadstrends import vocabulary
from stadstrends.publish.format import fmt_list
from stadstrends.publish.relations import once, relations

#: the ``indicator_gaps`` reasons of a municipality the snapshot's cut copy left out
CUT_REASONS = ("table_cut", "predecessor_cut")

#: per (indicator, year) of ``$1``/``$2``: the regions with a figure (``valued``) and those
#: whose result row has none (``gapped``: code ``c``, ``t`` the tables whose cut copy left it
#: out, NULL when not for a cut); a region without any row has no figure either (the rows
#: the view ``indicator_values`` leaves out, read from ``indicator_results``, whose joins the
#: view adds cost ~half the query)
FIGURES_SQL = """
WITH p AS (SELECT unnest($1::VARCHAR[]) AS indicator_id, unnest($2::BIGINT[]) AS year),
r AS (
    SELECT v.indicator_id, v.year, v.region_code,
           count(*) FILTER (WHERE v.value IS NULL) AS gaps,
           list(DISTINCT split_part(v.reason_detail, ':', 1)
                ORDER BY split_part(v.reason_detail, ':', 1))
               FILTER (WHERE v.value IS NULL
                       AND v.reason IN ('table_cut', 'predecessor_cut')) AS tables
    FROM indicator_results v SEMI JOIN p USING (indicator_id, year)
    GROUP BY ALL)
SELECT indicator_id, year, list(region_code) FILTER (WHERE gaps = 0) AS valued,
       list({'c': region_code, 't': tables}) FILTER (WHERE gaps > 0) AS gapped
FROM r GROUP BY ALL"""


def _figures(con: duckdb.DuckDBPyConnection, pairs: list[tuple[str, int]]
             ) -> dict[tuple[str, int], tuple[frozenset[str], dict[str, list[str] | None]]]:
    """(indicator, year) -> (regions with a figure, region without one -> cut tables) for
    ``pairs``: kept per read-only connection (:func:`~stadstrends.publish.relations.once`),
    so that the reports of a set run read a pair once (a report's ~70 latest years and Kies
    rows are mostly the same as the one before: ~15 ms of DuckDB a report before), and read
    for the pairs not kept yet in one query."""
    known = once(con, "figures of pairs", dict)
    wanted = [p for p in pairs if p not in known]
    if wanted:
        for pair in wanted:  # no result row of any region
            known[pair] = (frozenset(), {})
        for ind, year, valued, gapped in con.execute(FIGURES_SQL, [
                [p[0] for p in wanted], [p[1] for p in wanted]]).fetchall():
            known[(ind, int(year))] = (frozenset(valued or ()),
                                       {g["c"]: g["t"] for g in gapped or ()})
    return known


def absent(con: duckdb.DuckDBPyConnection, codes: list[str],
           pairs: list[tuple[str, int]]) -> dict[tuple[str, int], dict[str, list[str]]]:
    """For each ``(indicator_id, year)`` of ``pairs``, the municipalities of ``codes`` with no
    figure that year: code -> the tables whose cut copy left it out (``[]``: not for a cut,
    e.g. CBS publishes none)."""
    pairs = sorted({(ind, int(year)) for ind, year in pairs})
    codes = sorted(set(codes))
    if not codes or not pairs:
        return {}
    known = _figures(con, pairs)
    out: dict[tuple[str, int], dict[str, list[str]]] = {}
    for pair in pairs:
        valued, gapped = known[pair]
        gone = {c: list(gapped[c] or []) if c in gapped else [] for c in codes
                if c in gapped or c not in valued}
        if gone:
            out[pair] = gone
    return out


def group_codes(con: duckdb.DuckDBPyConnection, set_id: str, code: str) -> list[str]:
    """The members of group ``set_id`` (for a municipality's own peer group: ``code``'s),
    ``code`` itself left out."""
    return [r[0] for r in con.execute(
        "SELECT DISTINCT region_code FROM comparison_group_members WHERE set_id = ? "
        "AND (focal_code IS NULL OR focal_code = ?) AND region_code <> ?",
        [set_id, code, code]).fetchall()]


def annotate(con: duckdb.DuckDBPyConnection, data: Any) -> None:
    """Mark a city report's positions (``data.latest`` and ``data.kies`` rows, see
    :func:`mark_rows`), its Kies rows against its peers (``data.peers``)."""
    peers = [(p["code"], p["name"]) for p in data.peers]
    rows = [r for r in data.latest.values() if r.get("year") is not None]
    mark_rows(con, data.code, data.group["set_id"], rows + list(data.kies),
              {id(r): peers for r in data.kies})


def mark_rows(con: duckdb.DuckDBPyConnection, code: str, set_id: str, rows: list[dict],
              peers: dict[int, list[tuple[str, str]]]) -> None:
    """Mark positions of ``code`` in group ``set_id`` (rows with ``indicator_id``, ``year``)
    with the group's members a cut copy left out: ``n_cut`` and ``cut_tables``; a row with
    peers (``peers[id(row)]``: ``(code, name)`` in peer order) also with ``peers_absent``,
    the peers without a figure that year, ``(name, tables)`` (tables ``[]``: not for a
    cut)."""
    if "indicator_gaps" not in relations(con):
        return
    members = group_codes(con, set_id, code)
    everyone = members + [c for ps in peers.values() for c, _ in ps]
    found = absent(con, everyone, [(r["indicator_id"], int(r["year"])) for r in rows])
    member_set = set(members)
    for r in rows:
        gone = found.get((r["indicator_id"], int(r["year"])), {})
        cut = {c: t for c, t in gone.items() if c in member_set and t}
        r["n_cut"] = len(cut)
        r["cut_tables"] = sorted({t for ts in cut.values() for t in ts})
        if id(r) in peers:
            r["peers_absent"] = [(name, gone[c]) for c, name in peers[id(r)] if c in gone]


def mark_members(con: duckdb.DuckDBPyConnection, codes: list[str], rows: list[dict]) -> None:
    """Mark each of ``rows`` (``region_code``, ``indicator_id``, ``year``: a position among
    the members ``codes``, as the set overview's cells) with ``n_cut`` and ``cut_tables``:
    the other members a cut copy left out that year."""
    if "indicator_gaps" not in relations(con):
        return
    found = absent(con, codes, [(r["indicator_id"], int(r["year"])) for r in rows])
    for r in rows:
        gone = found.get((r["indicator_id"], int(r["year"])), {})
        cut = {c: t for c, t in gone.items() if c != r["region_code"] and t}
        r["n_cut"] = len(cut)
        r["cut_tables"] = sorted({t for ts in cut.values() for t in ts})


def short_aside(lang: str, cut: int, size: int, tables: list[str]) -> str:
    """The few words of a dashboard tile: '; 11 van de 41 ontbreken in de afgekapte
    momentopname van CBS-tabel 85984NED' (the report's ``without`` with a shorter place)."""
    where = word(lang, "short_table" if len(tables) == 1 else "short_tables",
                 tables=names(tables, lang))
    return word(lang, "without_one" if cut == 1 else "without", cut=cut, size=size,
                where=where)


def peer_lists(con: duckdb.DuckDBPyConnection, code: str) -> dict[str, list[tuple[str, str]]]:
    """``code``'s peers per ``peers.peer_set``: ``(code, name)`` in peer order."""
    out: dict[str, list[tuple[str, str]]] = {}
    for peer_set, peer, name in con.execute(
            "SELECT peer_set, peer_code, peer_name FROM peers WHERE region_code = ? "
            "ORDER BY peer_set, peer_rank", [code]).fetchall():
        out.setdefault(peer_set, []).append((peer, name))
    return out


def where(lang: str, tables: list[str]) -> str:
    """'het deel van CBS-tabel 85984NED dat Stadstrends heeft' (more: 'de delen van de
    CBS-tabellen ... die Stadstrends heeft')."""
    return word(lang, "table" if len(tables) == 1 else "tables", tables=names(tables, lang))


def names(items: list[str], lang: str) -> str:
    """'a', 'a en b', 'a, b en c' (:func:`~stadstrends.publish.format.fmt_list`)."""
    return fmt_list(items, lang)


def word(lang: str, key: str, **kw: Any) -> str:
    """A text of the ``cut_members`` section of ``lang``'s file."""
    return vocabulary.word(lang, "cut_members", key, **kw)


def peers_sentence(lang: str, absent_peers: list[tuple[str, list[str]]], year: int) -> str:
    """The peers without a figure and why: 'Tilburg en Nijmegen hebben geen cijfer: ze
    ontbreken in de momentopname van CBS-tabel 85984NED, die is afgekapt.'; those without
    for another reason: '... hebben geen cijfer voor 2024.'; '' when there are none."""
    cut = [n for n, t in absent_peers if t]
    tables = sorted({t for _, ts in absent_peers for t in ts})
    other = [n for n, t in absent_peers if not t]
    parts = []
    if cut:
        parts.append(word(lang, "peers_cut" + ("_one" if len(cut) == 1 else ""),
                          names=names(cut, lang), where=where(lang, tables)))
    if other:
        parts.append(word(lang, "peers_none" + ("_one" if len(other) == 1 else ""),
                          names=names(other, lang), year=year))
    return " ".join(parts)


def peers_part(lang: str, absent_peers: list[tuple[str, list[str]]], year: int) -> str:
    """The same as a part of the profile's Kies line (the city page's Waarom): '; Tilburg
    en Nijmegen zonder cijfer: die ontbreken in de momentopname van CBS-tabel 85984NED, die
    is afgekapt'; '' when there are none."""
    cut = [n for n, t in absent_peers if t]
    tables = sorted({t for _, ts in absent_peers for t in ts})
    other = [n for n, t in absent_peers if not t]
    text = ""
    if cut:
        text += word(lang, "part_cut" + ("_one" if len(cut) == 1 else ""),
                     names=names(cut, lang), where=where(lang, tables))
    if other:
        text += word(lang, "part_none", names=names(other, lang), year=year)
    return text
