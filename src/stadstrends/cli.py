"""The ``stadstrends`` command line: the commands of :mod:`stadstrends.commands` on one app,
and the one place where Stadstrends errors become short messages and exit codes."""

from __future__ import annotations

import sys

import typer

from stadstrends import CREDIT, process
from stadstrends.commands import build, query, report, serve, update
from stadstrends.commands.options import (
    COMMAND_LANGUAGE,
    DEFAULT_LANGUAGE,
    err_console,
    note_failed_checks,
    warn_failed_checks,
)
from stadstrends.errors import StadstrendsError, os_reason
from stadstrends.opened import when_opened

#: exit code after Ctrl-C (128 + SIGINT), as a shell's; no command exits with it otherwise
ABORTED = 130

app = typer.Typer(
    help="Stadstrends: trend studies for Dutch municipalities from CBS data. " + CREDIT,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)


def unwrapped(doc: str | None) -> str:
    """A docstring as a command's help: its paragraphs each on one line (typer's rich help
    keeps a docstring's line breaks in the list of commands, 'a region set (a' / 'query'),
    so that Rich wraps them at the terminal's width."""
    import inspect

    return "\n\n".join(" ".join(paragraph.split())
                        for paragraph in inspect.cleandoc(doc or "").split("\n\n"))


for command in (build.build, query.regions, query.show, query.profile, query.indicators,
                build.docs, report.report, serve.serve, update.update, update.changes):
    app.command(help=unwrapped(command.__doc__))(command)


def main() -> None:
    """Entry point: run the CLI, turning Stadstrends errors into short messages."""
    with process.command_line():
        _run()
    process.leave()  # cleanly ended: at once, without the interpreter's teardown


def _run() -> None:
    COMMAND_LANGUAGE.set(None)  # set by the command's --lang, if it has one
    when_opened(note_failed_checks)
    if any(not a.strip() or a.endswith("=") for a in sys.argv[1:]):  # '--db ""': not '.'
        from stadstrends.commands.usage import USAGE_EXIT, blank_path

        blank = blank_path(sys.argv[1:], typer.main.get_command(app))
        if blank is not None:
            _report(*blank)
            raise SystemExit(USAGE_EXIT)
    try:
        code = app(standalone_mode=False, prog_name="stadstrends")  # Exit: returns its code
    except StadstrendsError as exc:
        from stadstrends.commands.usage import USAGE_EXIT, UsageError

        _report(exc)  # arguments that do not go together: a usage error, as the parser's
        raise SystemExit(USAGE_EXIT if isinstance(exc, UsageError) else 1) from None
    except typer.Exit as exc:
        raise SystemExit(exc.exit_code) from None
    except OSError as exc:
        if isinstance(exc, BrokenPipeError):  # output piped into `head`: not a user error
            raise
        _report(_path_error(exc))
        raise SystemExit(1) from None
    except (typer.Abort, KeyboardInterrupt):
        _aborted()
    except Exception as exc:
        from stadstrends.commands.usage import USAGE_EXIT, is_usage_error, usage_error

        if is_usage_error(exc):  # the parser's: worded, in the command's language
            error, lang = usage_error(exc, sys.argv[1:], typer.main.get_command(app))
            _report(error, lang)
            raise SystemExit(USAGE_EXIT) from None
        # the parser's other exits (no arguments: the help): as click prints them
        if hasattr(exc, "show") and hasattr(exc, "exit_code"):
            exc.show()
            raise SystemExit(exc.exit_code) from None
        if _interrupted(exc):  # Ctrl-C while DuckDB ran a statement: 'Query interrupted'
            _aborted()
        damaged = _warehouse_error(exc)
        if damaged is None:
            raise
        _report(damaged)
        raise SystemExit(1) from None
    if code == ABORTED:  # typer turns a Ctrl-C (KeyboardInterrupt) into this exit code
        _aborted()
    if isinstance(code, int) and code:
        raise SystemExit(code)
    warn_failed_checks()


def _aborted() -> None:
    """Ctrl-C: 'afgebroken' in the command's language, exit code 130 (128 + SIGINT)."""
    from stadstrends.commands.options import said

    err_console.print(f"[red]{said(COMMAND_LANGUAGE.get() or DEFAULT_LANGUAGE, 'aborted')}"
                      "[/red]")
    raise SystemExit(ABORTED) from None


def _interrupted(exc: BaseException) -> bool:
    """Whether ``exc`` is DuckDB's error for a statement a Ctrl-C broke off."""
    from stadstrends.engine import duckdb

    return isinstance(exc, duckdb.InterruptException) or (
        isinstance(exc, RuntimeError) and str(exc).startswith("Query interrupted"))


def _warehouse_error(exc: Exception) -> StadstrendsError | None:
    """A DuckDB error met reading a warehouse this process opened as the project's error
    naming the file: damaged (a block whose checksum does not match: rebuild it), of
    another schema, or a statement of ours it cannot bind (an internal error to report,
    :mod:`~stadstrends.warehouse.read_errors`); None for any other exception (a bug: its
    traceback)."""
    from stadstrends.engine import duckdb
    from stadstrends.warehouse.files import last_opened
    from stadstrends.warehouse.read_errors import read_error

    if not isinstance(exc, duckdb.Error) or last_opened() is None:
        return None
    return read_error(exc, last_opened())


def _path_error(exc: OSError) -> StadstrendsError:
    """A file-system error the commands' own checks did not foresee (a full disk, a folder
    where a report file goes, a file made read-only during a run), named with its path."""
    where = f"{exc.filename}: " if exc.filename else ""
    return StadstrendsError.worded("path_error", where=where, reason=os_reason(exc))


_FALLBACK_WORDS = {"cli_error": "Error:", "cli_suggestions": "Did you mean: {suggestions}?",
                   "cli_hint": "Hint: {hint}"}


def _report(exc: StadstrendsError, lang: str | None = None) -> None:
    """An error as the command line prints it: in the command's language (its --lang,
    :data:`~stadstrends.commands.options.COMMAND_LANGUAGE`; Dutch when none was read,
    :data:`~stadstrends.commands.options.DEFAULT_LANGUAGE`) when the error has words in the
    language files (:meth:`StadstrendsError.worded`), else in English as raised; the words
    'Error:', 'Hint:' in the message's language (these when the language file itself
    cannot be read: the error may be about that file); message, suggestions and hint
    :func:`~stadstrends.errors.printable` and free of rich markup. ``lang``: the language
    a usage error was found to have (:mod:`stadstrends.commands.usage`)."""
    from rich.markup import escape

    from stadstrends.errors import printable
    from stadstrends.vocabulary import section

    def shown(text: str) -> str:  # what a user typed may hold a terminal escape or '[red]'
        return escape(printable(text))

    lang = lang or ((COMMAND_LANGUAGE.get() or DEFAULT_LANGUAGE) if exc.key else "en")
    try:
        words = section(lang, "errors")
        message, hint = exc.in_language(lang)
    except StadstrendsError:
        words, message, hint = _FALLBACK_WORDS, exc.message, exc.hint
    err_console.print(f"[red]{words['cli_error']}[/red] {shown(message)}", highlight=False)
    if exc.suggestions and not _listed(exc.suggestions, message):
        named = getattr(exc, "named", None) or {}  # a code with its name ('GM0824 Oisterwijk')
        err_console.print(words["cli_suggestions"].format(
            suggestions=shown(", ".join(named.get(s, s) for s in exc.suggestions))),
            highlight=False)
    if hint:
        err_console.print(words["cli_hint"].format(hint=shown(hint)), highlight=False)


def _listed(suggestions: list[str], message: str) -> bool:
    """Whether the message names every suggestion already, each a region code ('Meerdere
    gemeenten heten 'Bergen': GM0373 Bergen (NH.), GM0893 Bergen (L.)'; Haaren's
    successors): said once, without 'Bedoelde u: ...?' repeating the list (as the error
    page, which lists them under its question 'Welke gemeente bedoelt u?')."""
    import re

    return all(re.fullmatch(r"[A-Z]{2}\d{2,4}", s) and re.search(rf"\b{s}\b", message)
               for s in suggestions)


if __name__ == "__main__":
    main()
