"""Progress of long commands: plain lines in a log, a Rich bar on a terminal."""

from __future__ import annotations

import io
import re

from rich.console import Console

from stadstrends.commands.progress import step_progress


def _consoles(terminal: bool) -> tuple[Console, io.StringIO, Console, io.StringIO]:
    out, bar = io.StringIO(), io.StringIO()
    return (Console(file=out, force_terminal=terminal, width=60), out,
            Console(file=bar, force_terminal=terminal, width=60), bar)


def test_not_a_terminal_prints_one_plain_line_per_step():
    out_console, out, bar_console, bar = _consoles(terminal=False)
    with step_progress("build", out_console, bar_console) as step:
        step("ingest 83648NED", 1, 12)
        step("ingest 83648NED", 1, 12)  # the same step again: no second line
        step("a label long enough to be wrapped at sixty columns by Rich's console", 2, 12)
        step("done", 12, 12)
    lines = out.getvalue().splitlines()
    assert len(lines) == 3, lines
    assert re.fullmatch(r"build  1/12 ingest 83648NED \(\d+ s\)", lines[0])
    assert lines[1].startswith("build  2/12 a label long enough") and lines[1].endswith(" s)")
    assert lines[2].startswith("build 12/12 done")
    assert "\x1b[" not in out.getvalue() and bar.getvalue() == ""


def test_terminal_draws_a_bar_and_prints_no_lines():
    out_console, out, bar_console, bar = _consoles(terminal=True)
    with step_progress("report G40", out_console, bar_console, transient=False) as step:
        step("Zwolle", 1, 2)
        step("overview", 2, 2)
    assert out.getvalue() == ""
    assert "overview" in bar.getvalue() and "2/2" in bar.getvalue()
