"""The errors a command-line user meets are worded (:meth:`StadstrendsError.worded`: their
words in every language file), so that a command says them in its --lang: the modules the
commands raise through make no error from a plain English string ('snapshot folder ...
does not exist' came out English in a Dutch `build`), and every key they name has a
message in nl and en, with the same parameters."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

import stadstrends
from stadstrends import errors
from stadstrends.vocabulary import section

SRC = Path(stadstrends.__file__).parent
#: the modules whose errors reach the command line (its own checks, paths, warehouse files,
#: build resources and settings, the update, the swap guard, the CLI's queries, the snapshot
#: folder, the live CBS answer, the PDF engine, region names, the catalogue's look-up)
CLEAN = ["cli.py", "commands", "paths.py", "settings.py", "warehouse/files.py",
         "warehouse/resources.py", "warehouse/update.py", "warehouse/guard.py",
         "warehouse/build.py", "publish/queries.py", "ingest/sources.py",
         "publish/report/pdf_engine.py", "indicators/catalogue.py"]


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


def plain_errors(path: Path, classes: set[str]) -> list[str]:
    """``file:line Class`` of each error made with a message of its own (not ``.worded``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [f"{path.relative_to(SRC)}:{n.lineno} {n.func.id}" for n in ast.walk(tree)
            if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id in classes]


def test_the_command_lines_modules_raise_worded_errors_only():
    classes = error_classes()
    files = [p for name in CLEAN for p in ((SRC / name).rglob("*.py") if (SRC / name).is_dir()
                                           else [SRC / name])]
    assert len(files) > len(CLEAN)
    assert [e for p in files for e in plain_errors(p, classes)] == []


def test_the_check_finds_a_plain_error():
    """The scan above sees an error made from a string (as sources.py had it)."""
    classes = error_classes()
    assert "TableNotFound" in classes and "UsageError" in classes
    found = plain_errors(SRC / "ingest" / "odata.py", classes)  # not yet worded
    assert found and all(" " in f for f in found)


def worded_keys() -> set[str]:
    """Every literal key given to ``.worded(...)`` in the package."""
    keys = set()
    for path in SRC.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                    and node.func.attr == "worded" and node.args:
                arg = node.args[0]
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    keys.add(arg.value)
                elif isinstance(arg, ast.IfExp):  # 'a' if ... else 'b'
                    keys |= {v.value for v in (arg.body, arg.orelse)
                             if isinstance(v, ast.Constant)}
    return keys


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_worded_key_has_words_with_the_same_fields(lang):
    keys = worded_keys()
    assert {"snapshot_missing", "db_is_folder", "swap_refused", "unknown_domain"} <= keys
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
