"""The web app's read-only view of a warehouse: one DuckDB connection, per-request cursors
and small in-memory caches (regions, catalogue, the city set) that never change while serving."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

import duckdb

from stadstrends.errors import IndicatorNotFound, RegionNotFound, StadstrendsError
from stadstrends.indicator_ids import resolve_indicator
from stadstrends.publish.cuts import SourceCuts
from stadstrends.publish.indicator_search import close_indicators
from stadstrends.publish.memo import Memo
from stadstrends.publish.queries import region_index
from stadstrends.publish.read import build_settings, open_warehouse, read_error
from stadstrends.publish.relations import relations
from stadstrends.publish.successors import Successors
from stadstrends.regions.lookup import AmbiguousRegion

THREADS = 1


#: the least search score of a name that starts with the query (``RegionIndex.search``: 0.8,
#: less 0.05 for an ended region); below it a name is only like the query
PREFIX_SCORE = 0.75


def resembles(typed: str, names: list[str]) -> bool:
    """Whether one of ``names`` (a municipality's name, CBS's label, its code) looks like what
    was ``typed``: at least :data:`~stadstrends.closest.CUTOFF` alike by
    :func:`~stadstrends.closest.alike` ('zwole': Zwolle), or starting with it, of three
    letters or more ('berg': Bergen op Zoom)."""
    from stadstrends.closest import CUTOFF, alike

    key = typed.strip().casefold()
    return any(alike(key, n) >= CUTOFF or (len(key) >= 3 and n.casefold().startswith(key))
               for n in names)


class WebWarehouse:
    """A warehouse opened read-only for serving; cheap lookups are cached at start."""

    def __init__(self, db_path: Path, reports_dir: Path | None = None,
                 open_path: Path | None = None) -> None:
        """``open_path``: another name of the same file to open (see ``reload.py``)."""
        self.db_path = Path(db_path)
        source = Path(open_path or db_path)
        st = os.stat(source) if source.is_file() else None
        self.file_id = (st.st_dev, st.st_ino, st.st_mtime_ns, st.st_size) if st else None
        self.con = open_warehouse(source)
        try:
            self._load(reports_dir)
        except duckdb.Error as exc:  # a damaged block read at start: the project's 503
            self.con.close()
            said = read_error(exc, self.db_path)  # None: a statement of ours, raised as it is
            if said is None:
                raise
            raise said from None

    def _load(self, reports_dir: Path | None) -> None:
        """The cheap lookups read once at start (regions, index, catalogue, settings)."""
        # requests are many and small and the worker processes share the cores: one DuckDB
        # thread per process costs less CPU per page than several threads per query
        self.con.execute(f"SET threads = {THREADS}")
        self.reports_dir = Path(reports_dir) if reports_dir else None
        self._lock = threading.Lock()
        con = self.con
        self.tables = relations(con)
        rows = con.execute(
            "SELECT region_code, name, level, valid_to IS NULL FROM regions "
            "ORDER BY region_code, valid_to NULLS FIRST").fetchall()
        self.regions: dict[str, dict[str, Any]] = {}
        for code, name, level, current in rows:
            self.regions.setdefault(code, {"region_code": code, "name": name,
                                           "level": level, "current": bool(current)})
        self.index = region_index(con)
        self.successors = Successors(con)
        frame = con.execute("SELECT * FROM indicators ORDER BY domain, indicator_id").df()
        self.indicators: dict[str, dict[str, Any]] = {
            r["indicator_id"]: _plain(r) for r in frame.to_dict("records")}
        self.settings = build_settings(con)
        self.city_set = [r[0] for r in con.execute(
            "SELECT s.region_code FROM region_sets s JOIN current_municipalities m "
            "USING (region_code) WHERE s.set_id = ? ORDER BY m.name",
            [self.settings.city_set]).fetchall()]
        info = con.execute("SELECT * FROM build_info").df().to_dict("records")
        self.build_info: dict[str, Any] = _plain(info[0]) if info else {}
        self.cuts = SourceCuts(con)
        self.sources: dict[str, dict[str, Any]] = {
            r["table_id"]: {**_plain(r), "cut_after": self.cuts.label(r["table_id"])}
            for r in con.execute("SELECT * FROM sources").df().to_dict("records")}
        self.key_indicators = [i for i, m in self.indicators.items() if m["key_indicator"]]
        self._memo: dict[str, Memo[Any]] = {}

    def memo(self, key: tuple, make: Callable[[], Any], size: int = 32) -> Any:
        """A small LRU cache per kind (``key[0]``) for results that never change while
        serving (the warehouse is read-only): downloads, per-indicator series. Concurrent
        requests for the same missing key wait for one computation."""
        with self._lock:
            cache = self._memo.setdefault(key[0], Memo(size))
        return cache.get_or_make(key, make)

    def memoized(self, key: tuple) -> bool:
        """Whether :meth:`memo` holds ``key`` now."""
        with self._lock:
            cache = self._memo.get(key[0])
        return cache is not None and key in cache

    def close(self) -> None:
        self.con.close()

    @contextmanager
    def cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor of its own for one request (DuckDB connections are not shared by threads)."""
        with self._lock:
            cur = self.con.cursor()
        try:
            yield cur
        finally:
            cur.close()

    def rows(self, sql: str, params: list | None = None) -> list[dict[str, Any]]:
        """Run a parameterised query on a fresh cursor; rows as dicts."""
        with self.cursor() as cur:
            result = cur.execute(sql, params or [])
            names = [d[0] for d in result.description]
            return [dict(zip(names, row, strict=True)) for row in result.fetchall()]

    def has(self, table: str) -> bool:
        return table in self.tables

    # -- lookups -----------------------------------------------------------------------------

    def region(self, query: str) -> dict[str, Any]:
        """The region meant by ``query`` (code, name or alias) or :class:`RegionNotFound`.
        A former municipality answers with its successor, with ``note_nl``/``note_en``
        ("Weesp valt sinds 24 maart 2022 onder Amsterdam (GM0363)"); one split over several
        successors is a :class:`RegionNotFound` suggesting them."""
        text = (query or "").strip()
        if text.upper() in self.regions:
            code = text.upper()
        else:
            try:
                code = self.index.resolve(text)
            except AmbiguousRegion:
                raise
            except RegionNotFound as exc:
                # a code of no region ('PV99', 'CR99') said as one, not an unknown municipality
                if exc.key in ("empty_region", "unreadable_region", "unknown_region_code",
                               "unknown_code"):
                    raise
                # the hint's address is URL-encoded: 'súd', ''s-' are not a valid query
                prefix = self.index.search_prefix(text)  # None: the list of them all
                raise RegionNotFound.worded(
                    "unknown_region" if prefix else "unknown_region_list", query=text,
                    search=quote(prefix or "", safe=""), suggestions=exc.suggestions) from None
        successor = self.successors.of(code)
        if successor is None:
            return self.regions[code]
        return {**self.regions[successor["successor_code"]], "former": code,
                "note_nl": successor["note_nl"], "note_en": successor["note_en"]}

    def municipality(self, query: str, current_only: bool = False) -> dict[str, Any]:
        """A current municipality (for the city pages). ``current_only``: an unknown name's
        suggestions are current municipalities only (:meth:`current_suggestions`)."""
        try:
            region = self.region(query)
        except RegionNotFound as exc:
            if current_only and exc.key in ("unknown_region", "unknown_region_list"):
                exc.suggestions = self.current_suggestions(query)
                if not exc.suggestions:  # none like it: where the codes are, not a guess
                    raise RegionNotFound.worded("unknown_current_region",
                                                query=query) from None
            elif exc.key in ("unknown_region", "unknown_region_list"):  # a municipality's
                # page offers none of another level ('Agglomeratie 's-Gravenhage' for ''s-Grav':
                # 'is een COROP-gebied, geen gemeente')
                exc.suggestions = [s for s in exc.suggestions if self.municipality_code(s)]
            raise
        if region["level"] != "gemeente" and region["current"]:  # 'Limburg': a province
            raise RegionNotFound.worded(f"region_is_{region['level']}", query=query,
                                        name=region["name"], code=region["region_code"])
        if region["level"] != "gemeente" or not region["current"]:
            raise RegionNotFound.worded(
                "not_a_municipality", query=query, name=region["name"],
                suggestions=[r[1] for r in self.index.search(query, limit=8)
                             if r[2] == "gemeente" and self.regions[r[0]]["current"]][:5])
        return region

    def municipality_code(self, name: str) -> str | None:
        """The code of the municipality (current or former) ``name`` names; None for an
        unknown or ambiguous name or a region of another level (a suggestion, an error
        page's link)."""
        try:
            code = self.index.resolve(name)
        except StadstrendsError:
            return None
        return code if self.regions[code]["level"] == "gemeente" else None

    def current_suggestions(self, query: str, limit: int = 5) -> list[str]:
        """The current municipalities closest to ``query``, by name (CBS's label where names
        are shared), then those a former municipality whose name starts with ``query`` went
        into whole; a former one only like it ('haarn': Haren) or divided over several is
        left out. Each suggestion resembles what was typed (:func:`resembles`): 'abc'
        suggested De Ronde Venen, which Abcoude went into, and 'wees' Amsterdam (Weesp),
        names a reader could not tell from a wrong guess; now none."""
        own: list[str] = []
        went_into: list[str] = []
        for code, _, level, score in self.index.search(query, limit=4 * limit):
            region = self.regions.get(code)
            if region is None or level != "gemeente":
                continue
            if region["current"]:
                own.append(code)
                continue
            try:
                went = self.successors.of(code) if score >= PREFIX_SCORE else None
            except RegionNotFound:
                continue  # divided over several: no one municipality to suggest
            if went and went["successor_code"] in self.regions:
                went_into.append(went["successor_code"])
        return list(dict.fromkeys(
            self.label(c) for c in own + went_into
            if resembles(query, [self.regions[c]["name"], self.label(c), c])))[:limit]

    def indicator(self, indicator_id: str) -> dict[str, Any]:
        """Catalogue entry of the indicator ``indicator_id`` names (its id or an alias:
        :func:`stadstrends.indicator_ids.resolve_indicator`; a caller uses the entry's
        ``indicator_id`` after it) or :class:`IndicatorNotFound` with close ids; one given
        empty or blank ('/api/v1/indicators/%20') says no indicator was given, not
        "Onbekende indicator ' '" (as :func:`~stadstrends.publish.queries.indicator_meta`)."""
        if not indicator_id.strip():
            raise IndicatorNotFound.worded("empty_indicator")
        found = resolve_indicator(indicator_id, ((i, m.get("aliases") or ())
                                                 for i, m in self.indicators.items()))
        if found is not None:  # an alias too ('share_65plus'), as the command line reads it
            return self.indicators[found]
        close = close_indicators(indicator_id, [
            (i, (m.get("title_nl") or "", m.get("title_en") or ""))
            for i, m in self.indicators.items()])
        raise IndicatorNotFound.worded("unknown_indicator", indicator=indicator_id,
                                       suggestions=close)

    def name(self, code: str) -> str:
        region = self.regions.get(code)
        return region["name"] if region else code

    def label(self, code: str) -> str:
        """The name as `show` and the README give it: CBS's label where several regions
        share the name ('Utrecht (PV)', 'Utrecht (CR)', 'Bergen (L.)'), else the name."""
        region = self.index.regions.get(code)
        return region["display"] if region else self.name(code)


def _plain(row: dict[str, Any]) -> dict[str, Any]:
    """Numpy/pandas values -> plain Python (lists, None for NaN) for JSON and templates."""
    out: dict[str, Any] = {}
    for key, value in row.items():
        if hasattr(value, "tolist"):
            value = value.tolist()
        if isinstance(value, float) and value != value:
            value = None
        out[key] = value
    return out
