"""Read-only queries on the warehouse's public views, shared by the CLI, reports and web.

Plain DuckDB rows (:class:`~stadstrends.publish.rows.Rows`), no pandas: the command line's
``show`` and ``regions`` start in about the time of ``--help`` (issue 16)."""

from __future__ import annotations

from stadstrends import vocabulary
from stadstrends.closest import closest
from stadstrends.engine import duckdb
from stadstrends.errors import IndicatorNotFound, InvalidParameter
from stadstrends.indicator_ids import resolve_indicator
from stadstrends.publish.memo import Memo
from stadstrends.publish.rows import Rows
from stadstrends.publish.successors import Successors
from stadstrends.regions.lookup import RegionIndex, display_names, load_aliases, normalise

LEVELS = ("gemeente", "corop", "provincie", "land")


_PER_BUILD: Memo[object] = Memo(8)  # (kind, build id) -> object, for the latest few builds
_LOADED: dict[str, bool] = {}  # "successors": True once this process asked for them


def _per_build(con: duckdb.DuckDBPyConnection, kind: str, make):  # noqa: ANN001, ANN202
    """``make(con)``, made once per build (keyed by ``build_info.build_id``; the web app's
    profiles and pages ask on every request), for the latest few builds."""
    try:
        build = con.execute("SELECT max(build_id) FROM build_info").fetchone()[0]
    except duckdb.Error:
        build = None
    if build is None:
        return make(con)
    return _PER_BUILD.get_or_make((kind, build), lambda: make(con))


def _make_index(con: duckdb.DuckDBPyConnection) -> RegionIndex:
    regions = Rows.fetch(con.execute(
        "SELECT region_code, name, label, level, valid_from, valid_to FROM regions"))
    return RegionIndex(regions.records(), load_aliases())


def region_index(con: duckdb.DuckDBPyConnection) -> RegionIndex:
    """A name/alias/code index over the warehouse's regions, built once per build."""
    return _per_build(con, "index", _make_index)


def successors(con: duckdb.DuckDBPyConnection) -> Successors:
    """The successors of former municipalities, loaded once per build."""
    _LOADED["successors"] = True
    return _per_build(con, "successors", Successors)


def maybe_former(con: duckdb.DuckDBPyConnection, code: str) -> bool:
    """Whether ``code`` may be a former municipality (:meth:`Successors.former` not None):
    the crosswalk or the register names it as ended. False lets a one-shot command skip
    loading :func:`successors` (25 ms of `show Zwolle`'s ~280, issue 16); True (also for a
    warehouse without those tables) asks them."""
    if _LOADED:  # a process that loaded them (the web app) asks them: kept per build
        return True
    try:
        return bool(con.execute(
            "SELECT EXISTS (SELECT 1 FROM region_successors WHERE region_code = $code) OR "
            "EXISTS (SELECT 1 FROM region_history WHERE code = $code AND valid_to IS NOT NULL)",
            {"code": code}).fetchone()[0])
    except duckdb.Error:
        return True


def resolve_region(con: duckdb.DuckDBPyConnection, query: str) -> dict:
    """The region a user means by ``query`` (name, alias or code), as a dict; ``display_name``
    is the name as shown (CBS label when the name is shared, e.g. 'Bergen (NH.)'). A former
    municipality answers with its successor and a ``note`` ("Weesp valt sinds 24 maart
    2022 onder Amsterdam (GM0363)"); one split over several successors raises
    :class:`RegionNotFound` whose suggestions are the successors."""
    index = region_index(con)
    code = index.resolve(query)
    successor = successors(con).of(code) if maybe_former(con, code) else None
    if successor is not None:
        code = successor["successor_code"]
    row = Rows.fetch(con.execute(
        "SELECT region_code, name, level, valid_from, valid_to FROM regions "
        "WHERE region_code = ? ORDER BY valid_to NULLS FIRST LIMIT 1", [code])).records()
    region = {**row[0], "display_name": index.regions[code]["display"]}
    if successor is not None:
        region["note"], region["note_en"] = successor["note_nl"], successor["note_en"]
    return region


def _regions_rows(con: duckdb.DuckDBPyConnection) -> Rows:
    """All regions with their shown name (see :func:`display_names`) as ``name``."""
    rows = Rows.fetch(con.execute("SELECT region_code, name, label, level, valid_from, "
                                  "valid_to FROM regions ORDER BY region_code"))
    return rows.replace("name", display_names(rows.records())).drop(["label"])


def set_ids(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The comparison groups named by an id (``comparison_groups``, as ``report --vergelijk``,
    ``report --set`` and the API offer them: the named sets, the size, urbanity and typology
    classes, NL01), COROP regions and provinces aside (their codes) and the per-municipality
    groups (PEERS)."""
    return [r[0] for r in con.execute(
        "SELECT set_id FROM comparison_groups WHERE family NOT IN ('corop', 'province', "
        "'peers') ORDER BY set_id").fetchall()]


def _domain_words(code: str) -> set[str]:
    """A domain's code and its names in every language's words, case folded."""
    names = (vocabulary.section(lang, "domains").get(code) for lang in vocabulary.languages())
    return {code.casefold(), *(str(n).casefold() for n in names if n)}


def domain_code(text: str, codes: list[str], listed: str | None = None) -> str:
    """The domain of ``codes`` that ``text`` names: its code or its name in any language,
    any case ('demografie', 'Demography'), as the command line and the API take it; else
    :class:`InvalidParameter` naming every domain (``listed``, default their codes) and
    suggesting the closest, closest first ('economi': economy)."""
    key = text.strip().casefold()
    named = [c for c in sorted(codes) if key in _domain_words(c)]
    if named:
        return named[0]
    close = closest(text, sorted(codes), words=_domain_words)
    raise InvalidParameter.worded("unknown_domain" if key else "empty_domain", value=text,
                                  suggestions=close, choices=listed or ", ".join(sorted(codes)))


def find_set(con: duckdb.DuckDBPyConnection, text: str) -> str | None:
    """The set id ``text`` names (any case, a named set's id without its year, a COROP or
    province code, a comparison group such as TY3), else None."""
    key = normalise(text)
    every = [r[0] for r in con.execute("SELECT set_id FROM region_sets UNION "
                                       "SELECT set_id FROM comparison_groups").fetchall()]
    matches = [s for s in every if key in (normalise(s), normalise(s.split("_")[0]))]
    return matches[0] if len(matches) == 1 else None


def set_members(con: duckdb.DuckDBPyConnection, set_id: str) -> tuple[str, Rows]:
    """The current regions in a set (a named set, ``CR17``, ``PV27``, a comparison group
    such as ``TY3``), by name; a group that differs per municipality (PEERS) is an error."""
    found = find_set(con, set_id)
    if found is None:  # 'Bedoelde u: ...?' for a typo
        ids = set_ids(con)
        raise InvalidParameter.worded("unknown_set" if set_id.strip() else "empty_set",
                                      set=set_id, sets=", ".join(ids),
                                      suggestions=closest(set_id, ids))
    if con.execute("SELECT count(*) FROM comparison_groups WHERE set_id = ? AND family = "
                   "'peers'", [found]).fetchone()[0]:
        raise InvalidParameter.worded("group_per_municipality", group=found)
    members = {r[0] for r in con.execute(
        "SELECT region_code FROM region_sets WHERE set_id = $s UNION SELECT region_code "
        "FROM comparison_group_members WHERE set_id = $s AND focal_code IS NULL",
        {"s": found}).fetchall()}
    rows = _regions_rows(con).where(
        lambda r: r["region_code"] in members and r["valid_to"] is None)
    return found, rows.sorted(lambda r: normalise(r["name"]))


def search_regions(con: duckdb.DuckDBPyConnection, query: str | None, level: str | None = None,
                   include_former: bool = False, limit: int = 400) -> Rows:
    """Regions matching ``query`` (all current ones when empty); names shared by several
    regions are shown as CBS labels them ('Bergen (NH.)', 'Bergen (L.)')."""
    if level is not None and level not in LEVELS:
        raise InvalidParameter.worded("unknown_level" if level.strip() else "empty_level",
                                      value=level, choices=", ".join(LEVELS))
    rows = _regions_rows(con).where(
        lambda r: (include_former or r["valid_to"] is None) and (not level or r["level"] == level))
    if query:
        hits = region_index(con).search(query, limit=limit)
        order = {hit[0]: i for i, hit in enumerate(hits)}
        rows = rows.where(lambda r: r["region_code"] in order).sorted(
            lambda r: order[r["region_code"]])
    return rows.head(limit)


def indicator_meta(con: duckdb.DuckDBPyConnection, indicator_id: str) -> dict:
    """Catalogue entry of one indicator, or :class:`IndicatorNotFound` with suggestions
    (one given empty: its own words, not "Onbekende indicator ''")."""
    if not indicator_id.strip():
        raise IndicatorNotFound.worded("empty_indicator")
    found = resolve_indicator(indicator_id, con.execute(
        "SELECT indicator_id, aliases FROM indicators").fetchall())
    row = Rows.fetch(con.execute("SELECT * FROM indicators WHERE indicator_id = ?",
                                 [found])).records() if found else []
    if not row:
        from stadstrends.publish.indicator_search import close_indicators

        entries = [(i, (nl or "", en or "")) for i, nl, en in con.execute(
            "SELECT indicator_id, title_nl, title_en FROM indicators").fetchall()]
        raise IndicatorNotFound.worded("no_indicator", indicator=indicator_id,
                                       suggestions=close_indicators(indicator_id, entries))
    return row[0]


def indicator_series(con: duckdb.DuckDBPyConnection, region_query: str, indicator_id: str
                     ) -> tuple[dict, Rows]:
    """An indicator's yearly values for one region with their source tables and three
    flags: ``provisional`` (CBS's status); ``harmonised``: the harmonisation summed a series
    of the value from more than one code or took a part of one (``harmonised_cells``), so
    the value is Stadstrends' estimate for today's boundaries, not a figure CBS published
    for this code (false in a warehouse without that table);
    ``recomputed``: a figure per 1 000 Stadstrends divided from CBS's rounded count because
    CBS publishes no rate (``recomputed_cells``: Leeuwarden's thefts per 1 000 of 2010-2013
    and 2015-2017; false in a warehouse without that table); ``rounded_zero``: a figure on a
    count CBS rounded to 0 (``rounded_zero_cells``: Schiermonnikoog's new dwellings of 2023).
    A harmonised value is rounded as the download gives it
    (:func:`~stadstrends.publish.harmonised.as_downloaded`). The three flags are the
    region's :func:`~stadstrends.publish.notes.cell_notes` (``recalculated``,
    ``recomputed``, ``rounded_zero``), which the returned meta's ``notes`` hold whole:
    year -> the notes of the year's figure, as every data output gives them."""
    from stadstrends.publish.harmonised import as_downloaded
    from stadstrends.publish.notes import NO_NOTES, NOTES, cell_notes

    region = resolve_region(con, region_query)  # the first argument's error first
    meta = indicator_meta(con, indicator_id)
    indicator_id = meta["indicator_id"]
    code = region["region_code"]
    rows = Rows.fetch(con.execute(
        "SELECT year, value, source_tables AS source, provisional FROM indicator_values "
        "WHERE indicator_id = ? AND region_code = ? ORDER BY year", [indicator_id, code]))
    notes = {y: n for (c, y), n in cell_notes(con, indicator_id, [code]).items()}
    for mark, note in (("harmonised", "recalculated"), ("recomputed", "recomputed"),
                       ("rounded_zero", "rounded_zero")):
        rows = rows.add(mark, [bool(notes.get(int(y), NO_NOTES)[NOTES.index(note)])
                               for y in rows.column("year")], "b")
    # a recalculated figure as the download gives it: 746149 inhabitants, not 746148.9695
    rows = rows.replace("value", [as_downloaded(v, meta["unit"]) if h else v for v, h in zip(
        rows.column("value"), rows.column("harmonised"), strict=True)])
    reference = con.execute("SELECT max(reference_year) FROM build_info").fetchone()[0]
    meta = {**meta, "region_code": code, "region_name": region["display_name"],
            "note": region.get("note"), "note_en": region.get("note_en"),
            "reference_year": reference, "notes": notes}
    return meta, rows


def list_indicators(con: duckdb.DuckDBPyConnection, domain: str | None = None) -> Rows:
    """The catalogue (optionally one domain), with unit and source tables: every table its
    figures come from (``used_tables``: Bevolkingsgroei's 2024-2025 from 03759ned too)."""
    domains = [r[0] for r in con.execute("SELECT DISTINCT domain FROM indicators").fetchall()]
    names = {d: (nl, en) for d, nl, en in con.execute(
        "SELECT domain, name_nl, name_en FROM domains").fetchall()} if "domains" in {
        r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()} else {}
    if domain is not None:  # also by its name: 'demografie'
        domain = domain_code(domain, domains, ", ".join(
            f"{d} ({names[d][0]})" if d in names else d for d in sorted(domains)))
    return Rows.fetch(con.execute(
        """
        SELECT indicator_id, domain, title_nl, title_en, unit, direction,
               array_to_string(coalesce(used_tables, source_tables), ', ') AS sources,
               array_to_string(continuous_sources, ', ') AS one_series,
               array_to_string(break_years, ', ') AS breaks
        FROM indicators WHERE ? IS NULL OR domain = ? ORDER BY domain, indicator_id
        """, [domain, domain]))


def series_gaps(con: duckdb.DuckDBPyConnection, region_code: str, indicator_id: str
                ) -> list[dict]:
    """The years ``indicator_gaps`` leaves out of a region's series, one row per reason and
    detail (most years first): reason, reason_detail, years. Every year between the region's
    first and last without a figure has one (the indicators stage stores it): Ameland's share
    of housing association dwellings, 2012-2024, ``housing_association_filed_as_other``;
    Zwolle's social assistance, 2015-2023, ``no_source_for_year``. [] for a warehouse
    without the table."""
    from stadstrends.publish.relations import relations

    if "indicator_gaps" not in relations(con):
        return []
    cur = con.execute("""
        SELECT reason, reason_detail, list(year ORDER BY year) AS years FROM indicator_gaps
        WHERE region_code = ? AND indicator_id = ?
        GROUP BY ALL ORDER BY count(*) DESC, min(year), 1, 2""", [region_code, indicator_id])
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]


def gap_context(con: duckdb.DuckDBPyConnection, code: str, gaps: list[dict]) -> object:
    """What :func:`~stadstrends.publish.report.gap_words.gap_reason` reads of a city's facts
    for ``gaps``: its code, the cut source tables and the names of the predecessors named."""
    from types import SimpleNamespace

    from stadstrends.publish.cuts import cut_sources
    from stadstrends.publish.report.gap_words import named_codes, predecessor_facts

    sources = cut_sources(con)
    names, pieces, formed = predecessor_facts(con, code, named_codes(gaps))
    return SimpleNamespace(code=code, sources=sources, region_names=names, pieces=pieces,
                           formed=formed)
