"""Compiled report templates in the user cache (publish/report/template_cache.py): a new
environment renders from the cache without compiling, a changed template is compiled again,
other options get other files, and a cache that cannot be written fails no report."""

from __future__ import annotations

from pathlib import Path

import jinja2
import pytest

from stadstrends.publish.report import builder
from stadstrends.publish.report.template_cache import CompiledTemplates, fingerprint


def _env(templates: Path, cache: Path, **options) -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(templates),
                             autoescape=jinja2.select_autoescape(["html", "j2"]), **options)
    env.bytecode_cache = CompiledTemplates(cache, fingerprint(env))
    return env


def _no_compiling(env: jinja2.Environment, monkeypatch) -> None:
    def refuse(*args, **kwargs):
        raise AssertionError("compiled instead of read from the cache")

    monkeypatch.setattr(env, "compile", refuse)


def test_a_new_environment_renders_the_cached_template_and_a_changed_one_anew(
        tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "t").mkdir()
    page = tmp_path / "t" / "page.html.j2"
    page.write_text("<p>{{ city }} & co</p>{% import 'm.j2' as m %}{{ m.x() }}")
    (tmp_path / "t" / "m.j2").write_text("{% macro x() %}<i>macro</i>{% endmacro %}")
    first = _env(tmp_path / "t", tmp_path / "cache")
    assert first.get_template("page.html.j2").render(city="Zwolle<") == (
        "<p>Zwolle&lt; & co</p><i>macro</i>")
    assert len(list((tmp_path / "cache").glob("*.cache"))) == 2  # the page and its macros
    again = _env(tmp_path / "t", tmp_path / "cache")
    _no_compiling(again, monkeypatch)
    assert again.get_template("page.html.j2").render(city="Zwolle<") == (
        "<p>Zwolle&lt; & co</p><i>macro</i>")
    page.write_text("<p>{{ city }} anders</p>")
    changed = _env(tmp_path / "t", tmp_path / "cache")
    with pytest.raises(AssertionError, match="compiled instead"):
        _no_compiling(changed, monkeypatch)
        changed.get_template("page.html.j2")
    assert _env(tmp_path / "t", tmp_path / "cache").get_template("page.html.j2").render(
        city="Zwolle") == "<p>Zwolle anders</p>"


def test_other_options_get_other_files_and_an_unwritable_cache_fails_nothing(
        tmp_path: Path) -> None:
    (tmp_path / "t").mkdir()
    (tmp_path / "t" / "page.html.j2").write_text("{% if 1 %}\n  <p>x</p>\n{% endif %}")
    plain = _env(tmp_path / "t", tmp_path / "cache")
    trimmed = _env(tmp_path / "t", tmp_path / "cache", trim_blocks=True, lstrip_blocks=True)
    assert fingerprint(plain) != fingerprint(trimmed)
    assert plain.get_template("page.html.j2").render() == "\n  <p>x</p>\n"
    assert trimmed.get_template("page.html.j2").render() == "  <p>x</p>\n"
    (tmp_path / "file").write_text("not a folder")
    blocked = _env(tmp_path / "t", tmp_path / "file" / "cache")
    assert blocked.get_template("page.html.j2").render() == "\n  <p>x</p>\n"


def test_the_report_environment_keeps_its_compiled_templates_in_the_user_cache(
        tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("STADSTRENDS_CACHE", str(tmp_path))
    monkeypatch.setattr(builder, "_ENV", None)
    builder.env().get_template("city.html.j2")
    assert list((tmp_path / "jinja").glob("*.cache"))
