"""The YAML reader of every configuration and language file (libyaml when available)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest
import yaml

from stadstrends.yamlfiles import load_yaml


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
        assert yamlfiles._LOADER is yaml.CSafeLoader


@pytest.mark.parametrize("text", ["a: [1, 2", "a: b: c", "!!python/object:os.system ls"])
def test_malformed_or_unsafe_text_is_a_yaml_error(text):
    with pytest.raises(yaml.YAMLError):
        load_yaml(text)
