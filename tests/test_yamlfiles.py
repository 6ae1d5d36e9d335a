"""The YAML reader of every configuration and language file (libyaml when available)."""

from __future__ import annotations

import os
from datetime import date
from importlib import resources
from pathlib import Path

import pytest
import yaml

from stadstrends.yamlfiles import YAMLFileError, load_yaml, read_yaml


def _package_yaml() -> list[Path]:
    root = Path(str(resources.files("stadstrends")))
    return sorted(root.rglob("*.yaml"))


def test_every_yaml_file_of_the_package_reads_as_with_safe_load():
    files = _package_yaml()
    assert len(files) >= 10  # catalogue, measures, settings, sets, groups, opgaven, locales...
    for path in files:
        text = path.read_text("utf-8")
        assert load_yaml(text) == yaml.safe_load(text), path


def test_libyaml_is_used_when_pyyaml_has_it():
    from stadstrends import yamlfiles
    if yaml.__with_libyaml__:
        assert yamlfiles._loader() is yaml.CSafeLoader


@pytest.mark.parametrize("text", ["a: [1, 2", "a: b: c", "!!python/object:os.system ls"])
def test_malformed_or_unsafe_text_is_a_yaml_error(text):
    with pytest.raises(yaml.YAMLError):
        load_yaml(text)


def test_read_yaml_gives_every_package_file_as_safe_load_does_also_from_its_copy(
        tmp_path, monkeypatch):
    monkeypatch.setenv("STADSTRENDS_CACHE", str(tmp_path))
    for path in _package_yaml():
        expected = yaml.safe_load(path.read_text("utf-8"))
        assert read_yaml(path) == expected, path  # parsed (and copied when JSON can hold it)
        assert read_yaml(path) == expected, path  # from the copy
    copies = {p.name.split(".")[0] for p in (tmp_path / "yaml").glob("*.json")}
    assert {"locale__nl", "locale__en", "regions__aliases"} <= copies


def test_read_yaml_copy_follows_the_file_and_skips_what_json_cannot_hold(tmp_path, monkeypatch):
    from stadstrends import yamlfiles

    package, cache = tmp_path / "package", tmp_path / "cache"
    package.mkdir()
    monkeypatch.setattr(yamlfiles, "PACKAGE", package.resolve())
    monkeypatch.setenv("STADSTRENDS_CACHE", str(cache))
    words = package / "words.yaml"
    words.write_text("a: 1\n", encoding="utf-8")
    assert read_yaml(words) == {"a": 1}
    assert len(list((cache / "yaml").glob("words.*.json"))) == 1
    stat = words.stat()
    words.write_text("a: 2\n", encoding="utf-8")  # same size and time: the text tells
    os.utime(words, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert read_yaml(words) == {"a": 2}
    assert len(list((cache / "yaml").glob("words.*.json"))) == 1  # the old copy is gone
    dated = package / "dated.yaml"
    dated.write_text("day: 2024-03-01\n1: one\n", encoding="utf-8")
    assert read_yaml(dated) == {"day": date(2024, 3, 1), 1: "one"}
    assert not list((cache / "yaml").glob("dated.*"))  # JSON would change it: no copy
    outside = tmp_path / "outside.yaml"
    outside.write_text("b: [1, 2]\n", encoding="utf-8")
    assert read_yaml(outside) == {"b": [1, 2]}
    assert sorted(p.name.split(".")[0] for p in (cache / "yaml").iterdir()) == ["words"]
    (package / "bad.yaml").write_text("a: [1, 2\n", encoding="utf-8")
    with pytest.raises(YAMLFileError):
        read_yaml(package / "bad.yaml")


def _loaders():
    from stadstrends import settings, vocabulary
    from stadstrends.analysis import groups as typology
    from stadstrends.analysis import signal_opgaven
    from stadstrends.indicators import catalogue, measure_types
    from stadstrends.regions import groups, lookup, sets

    return {
        "catalogue": catalogue.load_catalogue, "measure types": measure_types.load_measure_types,
        "settings": settings.load_settings, "groups": groups.load_groups,
        "typology": typology.load_config, "opgaven": signal_opgaven.load_opgaven,
        "sets": sets.load_sets, "aliases": lookup.load_aliases,
        "language file": lambda path: vocabulary._read(path, 0.0),
    }


@pytest.mark.parametrize("damage", ["missing", "not UTF-8", "not YAML"])
@pytest.mark.parametrize("loader", sorted(_loaders()))
def test_every_yaml_file_damaged_is_one_error_naming_the_file(tmp_path, loader, damage):
    from stadstrends.errors import CatalogueError

    path = tmp_path / "damaged.yaml"
    if damage == "not UTF-8":
        path.write_bytes(b"a: \xe9t\xe9\n")
    elif damage == "not YAML":
        path.write_text("a: [1, 2\n", encoding="utf-8")
    with pytest.raises(YAMLFileError) as info:
        _loaders()[loader](path)
    assert isinstance(info.value, CatalogueError)
    assert str(path) in info.value.message and info.value.hint
    assert ("line 2" in info.value.message) == (damage == "not YAML")  # PyYAML's place


def test_a_damaged_file_of_the_package_is_named_with_how_to_restore_it(tmp_path, monkeypatch):
    from stadstrends import paths, yamlfiles

    shipped = Path(yamlfiles.__file__).with_name("settings.yaml")  # in this checkout
    assert yamlfiles._mend(shipped, "x") == (
        "x, or restore the file: git checkout -- src/stadstrends/settings.yaml")
    assert yamlfiles._mend(tmp_path / "own.yaml", "x") == "x"  # a user's own file
    monkeypatch.setattr(paths, "REPO_ROOT", tmp_path)  # installed, no checkout
    assert yamlfiles._mend(shipped, "x") == "x, or install Stadstrends again"
    monkeypatch.setenv("STADSTRENDS_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(yamlfiles, "PACKAGE", tmp_path.resolve())
    (tmp_path / ".git").mkdir()
    bad = tmp_path / "bad.yaml"
    bad.write_text("a: [1, 2\n", encoding="utf-8")
    with pytest.raises(YAMLFileError) as info:
        read_yaml(bad, "the words")
    assert info.value.message.startswith(f"the words {bad} is not valid YAML")
    assert info.value.hint == (
        "mend the line named above, or restore the file: git checkout -- bad.yaml")


def test_an_entry_that_does_not_fit_the_model_is_the_same_error(tmp_path):
    from pydantic import BaseModel

    class Words(BaseModel):
        a: int

    path = tmp_path / "words.yaml"
    path.write_text("a: een\n", encoding="utf-8")
    with pytest.raises(YAMLFileError) as info:
        read_yaml(path, "the words", Words)
    assert info.value.message.startswith(f"the words {path} is invalid:")
    assert "a\n  Input should be a valid integer" in info.value.message
    assert info.value.hint == "fix the entry named above"
    path.write_text("a: 1\n", encoding="utf-8")
    assert read_yaml(path, "the words", Words) == Words(a=1)
