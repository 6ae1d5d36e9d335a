"""Usage errors of the option parser (click, vendored by typer: an unknown option or
command, a missing argument, a bad value) as the project's worded errors (``errors.usage_*``
of the language files), in the language the command's own errors take: its ``--lang`` when
that can be read, else its default (Dutch: every command has ``--lang nl``), Dutch too for
the program itself (no command named: ``DEFAULT_LANGUAGE``). The command line prints them
as any other error (``cli._report``), with exit code 2.

'stadstrends report --format xyz' says 'Fout: ongeldige waarde 'xyz' voor --format' and
'Tip: kies een van: html, pdf, both; uitleg: ...' naming the command's help.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from typer._click import exceptions as click_errors

from stadstrends.errors import StadstrendsError

#: exit code of a usage error, as click's
USAGE_EXIT = 2
#: how close a name must be to an unknown one to be suggested (difflib's ratio)
SIMILAR = 0.7


class UsageError(StadstrendsError):
    """A command line the parser could not read (see the module's docstring)."""

    code = "usage_error"


def is_usage_error(exc: BaseException) -> bool:
    """Whether ``exc`` is the parser's usage error; not its 'no arguments: the help'
    (``no_args_is_help``), which is printed as it is."""
    return isinstance(exc, click_errors.UsageError) and not isinstance(
        exc, click_errors.NoArgsIsHelpError)


def usage_error(exc: click_errors.UsageError, argv: Sequence[str],
                root: Any = None) -> tuple[UsageError, str]:
    """The worded error for the parser's ``exc`` on the command line ``argv`` (without the
    program's name), and the language to print it in. ``root``: the program's click group,
    whose commands name the one meant when the parser gave no context (an option without
    its value: '--db' last)."""
    ctx = getattr(exc, "ctx", None)
    command, params = "stadstrends", []
    if ctx is not None:
        command, params = ctx.command_path, list(getattr(ctx.command, "params", []))
    elif root is not None:
        name = next((a for a in argv if a in getattr(root, "commands", {})), None)
        if name is not None:
            command, params = f"stadstrends {name}", list(root.commands[name].params)
    try:
        lang = _language(ctx, params, argv)
    except Exception:  # noqa: BLE001 - an unreadable language file: its English fallback
        lang = "en"
    try:
        key, words, suggestions = _words(exc, params, argv, command, ctx)
    except Exception:  # noqa: BLE001 - a parser error of a shape not foreseen: its words
        key, words, suggestions = "usage_other", {"detail": exc.format_message()}, []
    return UsageError.worded(key, suggestions=suggestions, command=command, **words), lang


def blank_path(argv: Sequence[str], root: Any) -> tuple[UsageError, str] | None:
    """A path option given empty ('--db ""', '--out='), worded with the language to print it
    in; else None. The parser reads '' as '.', the current folder: `report Zwolle --out ""`
    wrote its report there, `show --db ""` said '--db . is een map'. ``root``: the
    program's click group."""
    name = next((a for a in argv if a in getattr(root, "commands", {})), None)
    if name is None:
        return None
    params = list(root.commands[name].params)
    paths = {o for p in params if p.param_type_name == "option"
             and getattr(p.type, "name", "") == "path" for o in p.opts}
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        option, eq, value = arg.partition("=")
        if (arg in paths and i + 1 < len(argv) and not argv[i + 1].strip()) or (
                eq and option in paths and not value.strip()):
            shown = arg if arg in paths else option
            return (UsageError.worded("usage_empty_path", option=shown,
                                      command=f"stadstrends {name}"),
                    _language(None, params, argv))
    return None


def _words(exc: click_errors.UsageError, params: list, argv: Sequence[str],
           command: str, ctx: Any) -> tuple[str, dict[str, Any], list[str]]:
    """The ``errors`` key, its parameters and suggestions for the parser's error (typer's
    click says an unknown command only in words: 'No such command 'repot'. ...')."""
    unknown = re.match(r"No such command '(.*)'\.", exc.message)
    if unknown:
        commands = list(getattr(ctx.command, "commands", {}))
        return "usage_no_such_command", {"name": unknown.group(1)}, _similar(
            unknown.group(1), commands)
    if isinstance(exc, click_errors.NoSuchOption):
        options = [o for p in params if p.param_type_name == "option" for o in p.opts]
        return "usage_no_such_option", {"option": exc.option_name}, _similar(
            exc.option_name, options)
    if isinstance(exc, click_errors.BadOptionUsage):
        key = ("usage_takes_no_value" if "does not take" in exc.message
               else "usage_needs_value")
        return key, {"option": exc.option_name}, []
    if isinstance(exc, click_errors.MissingParameter) and exc.param is not None:
        if exc.param.param_type_name == "argument":
            return "usage_missing_argument", {
                "name": _metavar(exc.param), "usage": _usage(command, params)}, []
        return "usage_missing_option", {"option": exc.param.opts[0]}, []
    if isinstance(exc, click_errors.BadParameter) and exc.param is not None:
        return _bad_value(exc.param, argv)
    extra = re.search(r"extra arguments?(?:\(s\))? \((.*)\)", exc.message)
    if extra:
        return "usage_extra_arguments", {"args": extra.group(1),
                                         "usage": _usage(command, params)}, []
    return "usage_other", {"detail": exc.message}, []


def _bad_value(param: Any, argv: Sequence[str]) -> tuple[str, dict[str, Any], list[str]]:
    """A value the option's type or callback refused: a choice not among its choices, a
    number that is none or out of its range, a language without a file."""
    option = param.opts[0] if param.param_type_name == "option" else _metavar(param)
    value = _given(argv, param.opts) if param.param_type_name == "option" else None
    words: dict[str, Any] = {"option": option, "value": "" if value is None else value}
    kind = param.type
    if param.name == "lang":
        from stadstrends.vocabulary import languages

        words["choices"] = ", ".join(languages())
        return ("usage_no_language" if not (value or "").strip() else "usage_bad_language",
                words, [])
    choices = getattr(kind, "choices", None)
    if choices:
        names = [str(getattr(c, "value", c)) for c in choices]
        return "usage_bad_choice", {**words, "choices": ", ".join(names)}, _similar(
            value or "", names)
    number = getattr(kind, "name", "")
    if number in ("int", "int range", "float", "float range"):
        low, high = getattr(kind, "min", None), getattr(kind, "max", None)
        try:
            float(value or "")
        except ValueError:
            key = "usage_not_whole" if number.startswith("int") else "usage_not_number"
            return key, words, []
        if low is not None and high is not None:
            return "usage_out_of_range", {**words, "min": low, "max": high}, []
    return "usage_bad_value", words, []


def _language(ctx: Any, params: list, argv: Sequence[str]) -> str:
    """The command's ``--lang`` when given and known, else its default; the command line's
    (Dutch) for the program itself."""
    from stadstrends.commands.options import COMMAND_LANGUAGE, DEFAULT_LANGUAGE
    from stadstrends.vocabulary import UnknownLanguage, named

    lang = next((p for p in params if p.name == "lang"), None)
    if lang is None:
        return COMMAND_LANGUAGE.get() or DEFAULT_LANGUAGE
    if COMMAND_LANGUAGE.get():  # its callback read it before the error
        return COMMAND_LANGUAGE.get()
    given = _given(argv, lang.opts)
    try:
        return named(given) if given is not None else named(str(lang.default))
    except UnknownLanguage:
        return named(str(lang.default))


def _given(argv: Sequence[str], opts: Sequence[str]) -> str | None:
    """The last value given for an option named ``opts`` in ``argv`` ('--lang en',
    '--lang=en'); None when it is not there or has no value."""
    found = None
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        if arg in opts:
            found = argv[i + 1] if i + 1 < len(argv) else None
        else:
            name, eq, value = arg.partition("=")
            if eq and name in opts:
                found = value
    return found


def _similar(name: str, known: Sequence[str]) -> list[str]:
    """Names of ``known`` close to ``name`` ('--formaat': '--format')."""
    from stadstrends.closest import closest

    return closest(name, list(known), cutoff=SIMILAR)


def _metavar(param: Any) -> str:
    """An argument's name as the help shows it: 'CITY'."""
    return str(param.name).upper()


def _usage(command: str, params: list) -> str:
    """'stadstrends show [OPTIONS] CITY INDICATOR': the command with its arguments."""
    args = [_metavar(p) if p.required else f"[{_metavar(p)}]" for p in params
            if p.param_type_name == "argument"]
    return " ".join([command, "[OPTIONS]", *args])
