"""The command line has no import loop, and ``python -m stadstrends`` is the command."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import stadstrends.commands

COMMANDS = Path(stadstrends.commands.__file__).parent


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found |= {node.module} | {f"{node.module}.{a.name}" for a in node.names}
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
    return found


def test_no_command_module_imports_the_cli() -> None:
    modules = sorted(COMMANDS.glob("*.py"))
    assert len(modules) >= 7  # options, build, query, report, serve, update, progress
    importing = [p.name for p in modules if any(
        name == "stadstrends.cli" or name.startswith("stadstrends.cli.")
        for name in _imports(p))]
    assert importing == []
    assert "stadstrends.cli" not in str(_imports(COMMANDS / "options.py"))


def test_python_m_stadstrends_is_the_stadstrends_command() -> None:
    helps = [subprocess.run([sys.executable, "-m", module, "--help"], capture_output=True,
                            text=True, timeout=60, env={"COLUMNS": "200", "PATH": "/usr/bin",
                                                        "PYTHONPATH": ":".join(sys.path)})
             for module in ("stadstrends", "stadstrends.cli")]
    assert [h.returncode for h in helps] == [0, 0]
    assert helps[0].stdout == helps[1].stdout
    assert "Usage: stadstrends [OPTIONS] COMMAND" in helps[0].stdout
    for command in ("build", "regions", "show", "profile", "indicators", "docs", "report",
                    "serve", "update", "changes"):
        assert f"│ {command} " in helps[0].stdout
