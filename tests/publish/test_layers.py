"""Publish reads the warehouse, not the code of the stages before it; it opens the
warehouse in one place (``publish/read.py``)."""

from __future__ import annotations

import ast
from pathlib import Path

import stadstrends.publish

PUBLISH = Path(stadstrends.publish.__file__).parent
EARLIER = ("stadstrends.analysis", "stadstrends.indicators", "stadstrends.harmonise",
           "stadstrends.ingest")


def imports(path: Path) -> list[str]:
    """Every module ``path`` imports, at the top or inside functions."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found += [node.module] + [f"{node.module}.{a.name}" for a in node.names]
        elif isinstance(node, ast.Import):
            found += [a.name for a in node.names]
    return found


def calls(path: Path, name: str) -> int:
    """How often ``path`` calls ``<something>.name(...)`` or ``name(...)``."""
    return sum(1 for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
               if isinstance(node, ast.Call) and name in (
                   getattr(node.func, "attr", None), getattr(node.func, "id", None)))


def test_publish_imports_nothing_from_earlier_stages() -> None:
    modules = sorted(PUBLISH.rglob("*.py"))
    assert len(modules) > 30
    found = {f"{p.relative_to(PUBLISH)}: {m}" for p in modules for m in imports(p)
             if m.startswith(EARLIER)}
    assert found == set()


def test_only_read_py_opens_the_warehouse() -> None:
    opening = {str(p.relative_to(PUBLISH)) for p in PUBLISH.rglob("*.py")
               if calls(p, "connect") or any(m.startswith("stadstrends.warehouse")
                                             for m in imports(p))}
    assert opening == {"read.py"}


def test_the_checks_see_a_forbidden_import(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("def f():\n    from stadstrends.analysis.trends import trend_sql\n"
                   "    import duckdb\n    return duckdb.connect('x')\n")
    assert "stadstrends.analysis.trends" in imports(bad)
    assert calls(bad, "connect") == 1
