"""The help of every command wraps cleanly: no line break inside a sentence, at 80 columns
and at a narrow terminal (`stadstrends --help` listed `regions` as 'a region set (a' /
'query' / 'that names ...': typer's rich help keeps a docstring's line breaks there)."""

from __future__ import annotations

import sys

import pytest

COMMANDS = ["build", "update", "changes", "regions", "show", "profile", "indicators", "docs",
            "report", "serve"]


def help_of(args: list[str], columns: int, monkeypatch, capsys) -> str:
    import typer.rich_utils

    from stadstrends import cli

    monkeypatch.setenv("COLUMNS", str(columns))  # a terminal of that width
    monkeypatch.setattr(typer.rich_utils, "MAX_WIDTH", columns)  # typer read it at import
    monkeypatch.setattr(sys, "argv", ["stadstrends", *args, "--help"])
    capsys.readouterr()
    try:
        cli._run()  # --help: returns (exit code 0)
    except SystemExit as exc:
        assert exc.code in (0, None)
    return capsys.readouterr().out


def early_breaks(text: str) -> list[tuple[str, str]]:
    """Pairs of lines where a cell's (or the description's) text broke although the next
    line's first word would have fitted: a hard line break, not Rich's wrap."""
    found = []
    lines = text.splitlines()
    for line, following in zip(lines, lines[1:], strict=False):
        boxed = line.startswith("│") and following.startswith("│")
        if not boxed and not (line.startswith(" ") and following.startswith(" ")):
            continue  # a box's edge, a blank line
        inner, nxt = (line[1:-1], following[1:-1]) if boxed else (line, following)
        if not nxt.strip() or not inner.strip():
            continue
        col = len(nxt) - len(nxt.lstrip())  # where the continued text starts
        if (col <= 2 if boxed else col != 1) or inner[col:col + 1] in ("", " ") \
                or inner[col - 1:col].strip():
            continue  # this line's text does not start where the next line's does
        width = len(inner) - 1 - col  # one space of padding on the right
        said, word = inner[col:].rstrip(), nxt[col:].split()[0]
        if word.startswith("["):  # typer's [default: ...], [required], a range: lines of their own
            continue
        if len(said) + 1 + len(word) <= width:
            found.append((line, following))
    return found


@pytest.mark.parametrize("columns", [80, 60])
@pytest.mark.parametrize("command", [[], *([c] for c in COMMANDS)],
                         ids=["stadstrends", *COMMANDS])
def test_help_has_no_line_break_inside_a_sentence(command, columns, monkeypatch, capsys):
    text = help_of(command, columns, monkeypatch, capsys)
    assert "Usage: stadstrends" in text
    assert max(len(line) for line in text.splitlines()) <= columns
    assert early_breaks(text) == []
    assert "…" not in text  # a word cut: the help column too narrow for it


def test_the_check_finds_a_docstrings_line_break():
    """The helper above sees the break `stadstrends --help` had at 80 columns."""
    before = (
        "│ regions     List or search regions, or list the members of a region set (a   │\n"
        "│             query                                                            │\n"
        "│             that names a set lists its members too).                         │\n")
    assert [b[0].split()[1] for b in early_breaks(before)] == ["query"]
    after = (
        "│ regions     List or search regions, or list the members of a region set (a   │\n"
        "│             query that names a set lists its members too).                   │\n")
    assert early_breaks(after) == []


def test_every_help_text_is_one_line_per_paragraph():
    """Each command's and option's help has no single line break (a paragraph's lines are
    joined; paragraphs are parted by a blank line)."""
    import typer

    from stadstrends import cli

    group = typer.main.get_command(cli.app)
    for name, command in group.commands.items():
        texts = [command.help or ""] + [getattr(p, "help", "") or "" for p in command.params]
        for text in texts:
            assert "\n" not in text.replace("\n\n", ""), (name, text)
