"""Every command a hint, an error or the README names is a command the CLI accepts."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
import typer.main

from stadstrends.cli import app

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "stadstrends"
# `stadstrends ...` in backticks; f-string parts such as {text[:3].lower()} become a word
QUOTED = re.compile(r"`stadstrends ([^`]+)`")


def _commands() -> list[tuple[str, str]]:
    found = []
    for path in sorted(SRC.rglob("*.py")):
        # join implicitly concatenated string literals: "`stadstrends build "\n "--db ..`"
        text = re.sub(r"\"\s*\n\s*f?\"", "", path.read_text(encoding="utf-8"))
        for m in QUOTED.finditer(text):
            found.append((f"{path.relative_to(ROOT)}", m.group(1)))
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for line in readme.splitlines():
        if line.startswith("stadstrends "):
            found.append(("README.md", line.split("#")[0].strip()[len("stadstrends "):]))
        found += [("README.md", m.group(1)) for m in QUOTED.finditer(line)]
    return found


def _parse(args: list[str]) -> None:
    """Parse ``args`` as the CLI would (click's usage errors, as vendored by Typer, raise)."""
    group = typer.main.get_command(app)
    with group.make_context("stadstrends", ["--help"], resilient_parsing=True) as ctx:
        command = group.get_command(ctx, args[0])
        if command is None:
            raise LookupError(f"no command {args[0]!r}")
        command.make_context(args[0], list(args[1:]), parent=ctx)


def test_hints_were_found():
    where = {w for w, _ in _commands()}
    assert len(_commands()) > 15 and "README.md" in where
    assert any(c.startswith("regions --set") for _, c in _commands())


@pytest.mark.parametrize(("where", "command"), _commands())
def test_named_command_parses(where: str, command: str):
    words = shlex.split(re.sub(r"\{[^}]*\}", "x", command))
    try:
        _parse(words)
    except Exception as exc:  # click's UsageError (vendored by Typer) or LookupError
        pytest.fail(f"{where}: `stadstrends {command}` is not a valid command: {exc}")
