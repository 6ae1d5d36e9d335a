"""Render city reports and the set overview to HTML (vega-embed) and PDF (WeasyPrint and
vl-convert: :mod:`stadstrends.publish.report.pdf`).

Output layout of a folder::

    OUT/assets/vega-bundle.js   Vega, Vega-Lite and vega-embed (from vl-convert), written once
    OUT/assets/report.css       the stylesheet (the PDF gets it inline)
    OUT/<slug>.<lang>.html      one municipality (interactive charts, data tables);
                                <slug>.<set>.<lang>.html when compared with another group
    OUT/<slug>.<lang>.pdf       the same content as A4 with static vector charts
    OUT/<set>-overzicht.<lang>.html / .pdf   the overview of a set (``--set SET``:
                                             <set>-overzicht.nl.html, <set>-overview.en.html)
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import time
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import jinja2
import markupsafe

from stadstrends import vocabulary
from stadstrends.errors import MalformedSource, StadstrendsError
from stadstrends.paths import default_cache_dir, write_cache
from stadstrends.publish import charts, maps
from stadstrends.publish.format import keep_printed_numbers_whole, no_lone_last_word
from stadstrends.publish.news import describe
from stadstrends.publish.nowrap import NowrapTemplate
from stadstrends.publish.relations import once
from stadstrends.publish.report import sections, sources
from stadstrends.publish.report.data import CityData, load_city
from stadstrends.publish.report.domains import domains as domain_sections
from stadstrends.publish.report.front import front as front_page
from stadstrends.publish.report.glance import glance as glance_section
from stadstrends.publish.report.pdf import (  # noqa: F401
    CHART_URL,
    PendingCharts,
    appendix_pdf,
    cache_folder,
    charts_without_gc,
    write_pdf,
)
from stadstrends.publish.report.texts import TEXTS, t

HERE = Path(__file__).parent
ASSETS = "assets"
BUNDLE = "vega-bundle.js"
FORMATS = {"html": ("html",), "pdf": ("pdf",), "both": ("html", "pdf")}


def slug(name: str) -> str:
    """File name part for a city: ``'s-Hertogenbosch`` -> ``s-hertogenbosch``."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


_ENV: jinja2.Environment | None = None


def env() -> jinja2.Environment:
    """The Jinja environment over the package's templates (autoescaping on), compiled
    templates kept in the user cache (:mod:`.template_cache`)."""
    global _ENV
    if _ENV is None:
        _ENV = jinja2.Environment(
            loader=jinja2.FileSystemLoader(HERE / "templates"),
            autoescape=jinja2.select_autoescape(["html", "j2"]),
            trim_blocks=False, lstrip_blocks=False, finalize=keep_printed_numbers_whole)
        _ENV.template_class = NowrapTemplate  # joiners as spans that do not wrap
        # the hatching of a map's 'geen cijfers', which charts drawn in the page fill with
        _ENV.globals["no_figures_defs"] = markupsafe.Markup(charts.NO_FIGURES_DEFS)
        from stadstrends.publish.report.template_cache import CompiledTemplates, fingerprint

        _ENV.bytecode_cache = CompiledTemplates(default_cache_dir() / "jinja", fingerprint(_ENV))
    return _ENV


def css() -> str:
    return (HERE / "static" / "report.css").read_text(encoding="utf-8")


def write_assets(out: Path) -> Path:
    """Write the JS bundle (kept when it holds the same bytes) and the stylesheet into
    OUT/assets, each through a temporary file renamed into place: a run stopped by a full
    disk leaves no cut-off bundle that a later run would keep."""
    folder = out / ASSETS
    folder.mkdir(parents=True, exist_ok=True)
    bundle = folder / BUNDLE
    data = bundle_bytes()
    if not _holds(bundle, data):
        with written(bundle) as part:
            part.write_bytes(data)
    with written(folder / "report.css") as part:
        part.write_text(css(), encoding="utf-8")
    return folder


def _holds(path: Path, data: bytes) -> bool:
    """Whether ``path`` is a file with exactly ``data`` in it."""
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False


def bundle_bytes() -> bytes:
    """vl-convert's JS bundle (Vega, Vega-Lite, vega-embed; 0.9 MB, UTF-8). Building it costs
    ~2.6 s, so it is kept in the user cache by the versions it is built from: a report run
    into a new folder copies it instead."""
    import vl_convert as vlc

    cached = default_cache_dir() / f"vega-bundle-{vlc.__version__}-vl{charts.VL_VERSION}.js"
    try:
        data = cached.read_bytes()
        if len(data) >= 100_000:
            return data
    except OSError:
        pass
    data = vlc.javascript_bundle(vl_version=charts.VL_VERSION).encode("utf-8")
    write_cache(cached, data)
    return data


def open_db(db: Path) -> duckdb.DuckDBPyConnection:
    """Open the warehouse read-only after checking its schema version."""
    from stadstrends.publish.read import open_warehouse

    return open_warehouse(Path(db))


def geometries_for(con: duckdb.DuckDBPyConnection) -> dict[str, dict] | None:
    """Municipal geometries from the snapshot recorded in build_info (loaded once)."""
    row = con.execute("SELECT snapshot FROM build_info").fetchall()
    path = maps.geojson_path(row[0][0] if row else None)
    if path is None:
        return None
    try:
        return maps.load_geometries(str(path))
    except MalformedSource as exc:  # damaged after the build: the report, without its map
        return maps.NoMap(exc)


def city_context(data: CityData, lang: str, geometries: dict[str, dict] | None) -> dict:
    """Everything the city template needs."""
    data = data.in_language(lang)
    front = front_page(data, lang, geometries)
    glance = glance_section(data, lang)
    domains = domain_sections(data, lang, geometries)
    divide = sections.divide(data, lang)
    outlook = sections.outlook(data, lang)
    direction = sections.direction(data, lang)
    acc = sections.accountability(data, lang)
    toc = [{"id": s["id"], "title": s["title"]}
           for s in [glance, *domains, divide, outlook, direction, acc]]
    return {"lang": lang, "title": t(lang, "title", city=data.name), "texts": TEXTS[lang],
            "footer": t(lang, "footer", city=data.name), "front": front, "glance": glance,
            "domains": domains, "divide": divide, "outlook": outlook, "direction": direction,
            "acc": acc, "appendix": sources.appendix(data, lang),
            "toc": toc, "code": data.code, "name": data.name,
            "group_id": data.group.get("set_id"),
            "kicker": no_lone_last_word(t(lang, "kicker", group=data.group_phrase(lang))),
            "news": describe(data.changes, lang)}


def figures_of(ctx: dict) -> list[dict]:
    """Every figure dict in a context (front, domains, sections; overview figures)."""
    figs = list(ctx.get("figures", []))
    figs += ctx.get("front", {}).get("figures", [])
    for d in ctx.get("domains", []):
        figs += d["figures"]
    figs += ctx.get("divide", {}).get("city_region", {}).get("figures", [])
    figs += ctx.get("outlook", {}).get("figures", [])
    return figs


def render(template: str, ctx: dict, pdf: bool, assets: str = ASSETS) -> str:
    """HTML for the browser (specs embedded, JS bundle linked) or for WeasyPrint (each chart
    an ``<img>`` that :func:`render_pdf` has pointed at its pending conversion)."""
    figs = figures_of(ctx)
    specs = ""
    if not pdf:
        specs = json.dumps({f["id"]: f["spec"] for f in figs}, ensure_ascii=False,
                           separators=(",", ":")).replace("</", "<\\/")
    return env().get_template(template).render(**ctx, pdf=pdf, css=css() if pdf else "",
                                               assets=assets, specs=specs)


def render_pdf(template: str, ctx: dict,
               cache: Path | None = None) -> tuple[str, PendingCharts]:
    """Print-ready HTML whose charts are still being converted (or read from ``cache``, the
    build's folder of converted charts), for :func:`write_pdf`."""
    pending = PendingCharts(figures_of(ctx), cache)
    return render(template, ctx, pdf=True), pending


def render_appendix(ctx: dict) -> str:
    """Print-ready HTML of the appendix every city's PDF shares (definitions, sources)."""
    return env().get_template("appendix.html.j2").render(app=ctx["appendix"], lang=ctx["lang"],
                                                         css=css(), pdf=True)


@dataclass
class Written:
    """What one report run wrote, and how long each part took (seconds)."""

    code: str
    name: str
    paths: list[Path] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)
    sentences: list = field(default_factory=list)
    error: str | None = None  # why a report of a set run failed (the others go on)
    notes: list[str] = field(default_factory=list)  # what the report lacks, and why


def report_stem(name: str, set_id: str, is_default: bool, lang: str,
                code: str | None = None) -> str:
    """A report's file name without suffix: ``zeist.nl``, or ``zeist.pv26.nl`` when compared
    within another group than the municipality's default; ``code`` for a name that two
    municipalities share (``bergen-gm0373.nl``, ``bergen-gm0893.nl``)."""
    base = slug(name) + (f"-{code.lower()}" if code else "")
    return f"{base}{'' if is_default else '.' + slug(set_id)}.{lang}"


def shared_names(con: duckdb.DuckDBPyConnection) -> frozenset[str]:
    """Names of more than one current municipality (Bergen: GM0373 and GM0893); read once
    per read-only connection (a set run's worker asked for every report)."""
    return once(con, "shared names", lambda: frozenset(r[0] for r in con.execute("""
        SELECT r.name FROM default_group d
        JOIN regions r ON r.region_code = d.region_code AND r.valid_to IS NULL
        GROUP BY r.name HAVING count(DISTINCT d.region_code) > 1""").fetchall()))


def part_path(path: Path) -> Path:
    """The file a report is written to before it is renamed ``path``: hidden, named by the
    writing process ('.zwolle.nl.html.part-4711')."""
    return path.with_name(f".{path.name}.part-{os.getpid()}")


@contextlib.contextmanager
def written(path: Path) -> Iterator[Path]:
    """Yield the temp file to write ``path``'s content to; renamed ``path`` when the block
    ends, removed when it fails: a reader (or a stopped run) never sees half a report."""
    part = part_path(path)
    try:
        yield part
        try:
            os.replace(part, path)
        except OSError as exc:  # named by the file the user asked for, not the temp file
            raise OSError(exc.errno, exc.strerror, str(path)) from None
    except BaseException:
        part.unlink(missing_ok=True)
        raise


def write_city(con: duckdb.DuckDBPyConnection, query: str, out: Path, lang: str = "nl",
               fmt: str = "html", geometries: Any = "auto", assets: bool = True,
               group: str | None = None) -> Written:
    """Write one municipality's report(s) into ``out``, compared within ``group`` (default:
    its default group). Files: ``<slug>.<lang>.html``, with the group's id before the
    language when it is not the default: ``zeist.pv26.nl.html``."""
    clock = time.perf_counter()
    if geometries == "auto":
        geometries = geometries_for(con)
    data = load_city(con, query, group)  # an unknown, former or ambiguous name raises here
    ctx = city_context(data, lang, geometries)
    out.mkdir(parents=True, exist_ok=True)  # only now: a refused report leaves nothing
    if assets and "html" in FORMATS[fmt]:
        write_assets(out)
    done = Written(data.code, data.name)
    if isinstance(geometries, maps.NoMap):  # in the report's language; the file's error as
        err = geometries.error  # the command line says it (as raised when not worded)
        said = err.in_language(lang) if isinstance(err, StadstrendsError) else (str(err), None)
        done.notes.append(vocabulary.word(lang, "report_command", "no_map",
                                          reason="; ".join(filter(None, said))))
    done.seconds["content"] = time.perf_counter() - clock
    stem = report_stem(data.name, data.group["set_id"], bool(data.group.get("is_default")),
                       lang, data.code if data.name in shared_names(con) else None)
    if "html" in FORMATS[fmt]:
        start = time.perf_counter()
        path = out / f"{stem}.html"
        with written(path) as part:
            part.write_text(render("city.html.j2", ctx, pdf=False), encoding="utf-8")
        done.paths.append(path)
        done.seconds["html"] = time.perf_counter() - start
    if "pdf" in FORMATS[fmt]:
        start = time.perf_counter()
        cache = cache_folder(con)
        path = out / f"{stem}.pdf"
        with charts_without_gc():
            html, pending = render_pdf("city.html.j2", ctx, cache)
            pending.send(html, out)  # laid out by an engine process while the appendix is read
            shared = appendix_pdf(render_appendix(ctx), out, cache)
            with written(path) as part:
                write_pdf(html, part, out, pending, (shared, ctx["appendix"]["title"]))
        done.paths.append(path)
        done.seconds["pdf"] = time.perf_counter() - start
    done.seconds["total"] = time.perf_counter() - clock
    done.sentences = collect_sentences(ctx)
    return done


def collect_sentences(ctx: dict) -> list:
    """Every generated sentence in a city context (for checks and tests)."""
    out = [it["sentence"] for o in ctx["glance"]["opgaven"] for it in o["items"]]
    for d in ctx["domains"]:
        out += d["sentences"]
    out += ctx["divide"]["city_region"]["sentences"]
    for it in ctx["divide"]["neighbourhoods"]["items"]:
        out += it["sentences"]
    out += ctx["outlook"]["sentences"]
    for g in ctx["direction"]["groups"]:
        for it in g["items"]:
            out += [it["sentence"], it["peers"]]
    return out

