"""The errors a user meets are worded (:meth:`StadstrendsError.worded`: their words in every
language file), so that a command says them in its --lang and the API in its ?lang=: no
module of the package makes an error from a plain English string ('snapshot folder ...
does not exist' came out English in a Dutch `build`; '70262ned.csv: incomplete rows' in
session 21), and every key named has a message in nl and en, with the same parameters."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

import stadstrends
from stadstrends import errors
from stadstrends.vocabulary import section

SRC = Path(stadstrends.__file__).parent
#: the only errors made from plain strings, per module, and why: the errors about the
#: language files themselves (an unknown language, a language file that is no mapping) and
#: about the YAML files read through ``read_yaml`` (the language files among them) cannot
#: take their words from a language file, which may be the file that is broken
PLAIN = {"vocabulary.py": 4, "yamlfiles.py": 3}


def error_classes() -> set[str]:
    """The names of StadstrendsError and every subclass defined in the package."""
    names = {"StadstrendsError"}
    trees = [ast.parse(p.read_text(encoding="utf-8")) for p in SRC.rglob("*.py")]
    grown = True
    while grown:
        before = len(names)
        for tree in trees:
            names |= {n.name for n in ast.walk(tree) if isinstance(n, ast.ClassDef)
                      and any(isinstance(b, ast.Name) and b.id in names for b in n.bases)}
        grown = len(names) > before
    return names


def _called(func: ast.expr) -> str | None:
    """The class a call makes: ``MalformedSource(...)`` or ``errors.MalformedSource(...)``."""
    return func.id if isinstance(func, ast.Name) else (
        func.attr if isinstance(func, ast.Attribute) else None)


def plain_errors(path: Path, classes: set[str], root: Path = SRC) -> list[str]:
    """``file:line Class`` of each error made with a message of its own (not ``.worded``),
    by name or as an attribute of a module."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [f"{path.relative_to(root)}:{n.lineno} {_called(n.func)}" for n in ast.walk(tree)
            if isinstance(n, ast.Call) and _called(n.func) in classes]


def test_the_package_raises_worded_errors_only():
    """Every error of the package is worded, but those of :data:`PLAIN` (118 were plain
    before session 22: the snapshot's files, live CBS, regions, the web API)."""
    classes = error_classes()
    found: dict[str, list[str]] = {}
    for path in sorted(SRC.rglob("*.py")):
        if plain := plain_errors(path, classes):
            found[str(path.relative_to(SRC))] = plain
    assert {name: len(plain) for name, plain in found.items()} == PLAIN, found


def test_the_check_finds_a_plain_error(tmp_path):
    """The scan above sees an error made from a string, by name and through its module (as
    odata.py and api.py had them), and not one made with ``.worded``."""
    classes = error_classes()
    assert {"TableNotFound", "UsageError", "DownloadsBusy", "UnknownLanguage"} <= classes
    module = tmp_path / "m.py"
    module.write_text("from stadstrends import errors\n"
                      "from stadstrends.errors import MalformedSource\n"
                      "a = MalformedSource('rows from x lack column(s) y', hint='refresh')\n"
                      "b = errors.SourceError('more than 5 redirects')\n"
                      "c = MalformedSource.worded('cbs_no_value', url='x')\n", encoding="utf-8")
    assert plain_errors(module, classes, tmp_path) == ["m.py:3 MalformedSource",
                                                       "m.py:4 SourceError"]


#: the modules' helpers that make a worded error from a key: the key's position
HELPERS = {"refuse": 0, "_invalid": 0, "_damaged": 1}  # edge.py, sets.py, geofiles.py


def worded_keys() -> set[str]:
    """Every literal key given to ``.worded(...)``, ``phrase(...)`` or a :data:`HELPERS`
    in the package, and the keys made in code (``f"row_{k}"``, a mapping's values)."""
    from stadstrends.harmonise.crosswalk import _PROBLEMS
    from stadstrends.ingest.edge import _WORDED_CELLS

    keys = {f"row_{cell}" for cell in _WORDED_CELLS} | set(_PROBLEMS.values()) | {
        f"file_{kind}" for kind in ("rows_incomplete", "rows_extra", "rows_wrong")} | {
        f"unknown_label_{name}" for name in ("kind", "lang")}
    for path in SRC.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            position = HELPERS.get(_called(node.func))
            if position is None and node.args and (
                    isinstance(node.func, ast.Attribute) and node.func.attr == "worded"
                    or isinstance(node.func, ast.Name) and node.func.id == "phrase"):
                position = 0
            if position is None or len(node.args) <= position:
                continue
            arg = node.args[position]
            for value in (arg.body, arg.orelse) if isinstance(arg, ast.IfExp) else (arg,):
                if isinstance(value, ast.Constant) and isinstance(value.value, str):
                    keys.add(value.value)  # 'a', or 'a' if ... else 'b'
    return keys


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_worded_key_has_words_with_the_same_fields(lang):
    keys = worded_keys()
    assert {"snapshot_missing", "db_is_folder", "swap_refused", "unknown_domain",
            "restore_from_section", "cbs_no_value", "v4_incomplete", "geo_cut", "file_empty",
            "set_duplicates", "row_problem", "split_gained_nothing"} <= keys
    words, english = section(lang, "errors"), section("en", "errors")
    for key in sorted(keys):
        assert key in words, key
        for part in (key, f"{key}_hint"):
            fields = set(re.findall(r"{(\w+)}", words.get(part, "")))
            assert fields == set(re.findall(r"{(\w+)}", english.get(part, ""))), (lang, part)


def test_a_worded_error_differs_by_language():
    error = errors.StadstrendsError.worded("snapshot_missing", path="/x", known="/y")
    assert error.in_language("nl")[0] == "snapshotmap /x bestaat niet"
    assert error.in_language("en")[0] == error.message == "snapshot folder /x does not exist"


def test_a_missing_relative_snapshot_is_named_where_it_was_looked_for(tmp_path, monkeypatch):
    """README command 1 in a fresh clone without ../shared/data said 'snapshotmap
    ../shared/data bestaat niet' / 'geef een map met een CBS-snapshot': not where it looked,
    nor which folder is meant or that a build without --snapshot fetches live."""
    from stadstrends.ingest.sources import snapshot_missing

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("STADSTRENDS_SNAPSHOT", str(tmp_path / "none"))  # no known snapshot
    error = snapshot_missing(Path("../shared/data"))
    looked = tmp_path.parent / "shared" / "data"
    assert error.in_language("nl") == (
        f"snapshotmap ../shared/data ({looked}) bestaat niet",
        "geef de map van de CBS-snapshot, waarin SOURCES.md staat, of laat --snapshot weg om "
        "live bij het CBS te bouwen")
    assert error.in_language("en")[1].endswith("or leave out --snapshot to build live from CBS")
    assert snapshot_missing(Path("/no/such")).message == "snapshot folder /no/such does not exist"
