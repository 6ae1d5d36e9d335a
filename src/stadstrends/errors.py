"""One root exception for everything a user can cause or meet.

Every error carries a short message naming the problem and a hint for what to do.
The CLI prints ``message`` and ``hint`` (no traceback); the web layer maps ``status``
to the HTTP status code and a fixed JSON error shape (see :meth:`StadstrendsError.as_dict`).
An error made with :meth:`StadstrendsError.worded` takes both texts from the language
files (section ``errors``: ``<key>`` and ``<key>_hint``, filled with its ``params``), in
English as raised (logs), in the command's --lang on the command line and in any language
on the web (:meth:`in_language`).
"""

from __future__ import annotations

import re
from typing import Any

from stadstrends.paths import BUILD_DB  # a build's --db: every build command of a hint


class StadstrendsError(Exception):
    """Root of all Stadstrends errors."""

    status: int = 400
    code: str = "error"

    def __init__(
        self,
        message: str,
        hint: str | None = None,
        *,
        suggestions: list[str] | None = None,
        details: Any = None,
        key: str | None = None,
        params: dict[str, Any] | None = None,
        named: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.suggestions = list(suggestions or [])
        self.named = dict(named or {})  # the command line's 'GM0824 Oisterwijk' of a code
        self.details = details
        self.key = key
        self.params = dict(params or {})

    @classmethod
    def worded(cls, key: str, *, suggestions: list[str] | None = None, details: Any = None,
               named: dict[str, str] | None = None, **params: Any) -> StadstrendsError:
        """The error whose message and hint are ``errors.<key>`` and ``errors.<key>_hint``
        of the language files, filled with ``params`` (English; :meth:`in_language`)."""
        message, hint = error_words(key, "en", params)
        return cls(message, hint, suggestions=suggestions, details=details, key=key,
                   params=params, named=named)

    def in_language(self, lang: str) -> tuple[str, str | None]:
        """Message and hint in ``lang`` (as raised when the error has no words ``key``)."""
        return error_words(self.key, lang, self.params) if self.key else (self.message,
                                                                           self.hint)

    def as_dict(self, lang: str | None = None) -> dict[str, Any]:
        """The fixed error shape used by the CLI's JSON output and the HTTP API, message
        and hint in ``lang`` (default: as raised, English)."""
        message, hint = self.in_language(lang) if lang else (self.message, self.hint)
        return {
            "error": {
                "code": self.code,
                "message": message,
                "hint": hint,
                "suggestions": self.suggestions,
            }
        }

    def __str__(self) -> str:
        return self.message

    def __reduce__(self) -> tuple:
        # pickled whole (type, message, hint, words...), e.g. from a reading process
        return _restore, (type(self), self.message, dict(self.__dict__))


def _restore(cls: type[StadstrendsError], message: str, state: dict[str, Any]
             ) -> StadstrendsError:
    error = cls.__new__(cls)
    Exception.__init__(error, message)
    error.__dict__.update(state)
    return error


ECHO_MAX = 60  # characters of a user's input a message repeats ('Onbekende gemeente '…'')
# parameters of worded errors that repeat what a user typed: cut to ECHO_MAX
ECHOED = frozenset({"query", "search", "value", "lang", "indicator", "group", "name", "code",
                    "option", "args"})
# C0/C1 controls, DEL, zero-width and direction marks/overrides, BOM, the replacement
# character (as the bytes of an undecodable address came out), lone surrogates (the bytes of
# an argument that is no UTF-8, as Python decodes them: U+DC80-U+DCFF): never echoed as such
_UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e"
                          "\u2060-\u2069\ufeff\ufffd\ud800-\udfff]")  # own lines, tabs stay
_UNPRINTABLE_INPUT = re.compile("[\t\n]|" + _UNPRINTABLE.pattern)  # input: one line


def _shown(match: re.Match[str]) -> str:
    c = ord(match.group())
    if 0xDC80 <= c <= 0xDCFF:  # an undecodable byte of a command-line argument: the byte
        return f"\\x{c - 0xDC00:02x}"  # ('\\xff', as typed in the shell: $'\\xff')
    return f"\\x{c:02x}" if c < 0x100 else f"\\u{c:04x}"


def printable(text: str) -> str:
    """``text`` with control characters shown, not acted on: as escapes a reader can type
    back ('\\x00' for a NUL, '\\x1b' for a terminal escape, '\\u202e' for a right-to-left
    override; symbols such as '␀' have no glyph in common fonts), so no terminal escape or
    direction override reaches a page, a JSON answer or a terminal. A message's own line
    breaks and tabs stay (:func:`echo` shows them too: input is one line)."""
    return _UNPRINTABLE.sub(_shown, text)


def echo(value: Any, limit: int = ECHO_MAX) -> str:
    """What a user typed, fit to repeat in a message: :func:`printable`, at most ``limit``
    characters (longer: cut, with '…')."""
    text = _UNPRINTABLE_INPUT.sub(_shown, str(value))
    return text if len(text) <= limit else text[:limit - 1] + "…"


def error_words(key: str, lang: str, params: dict[str, Any], hint: str = "hint",
                message: str | None = None) -> tuple[str, str | None]:
    """``errors.<key>`` and ``errors.<key>_<hint>`` of ``lang``'s file filled with ``params``
    (the hint None when no file has one; ``hint="page_hint"``: the hint for a page's reader,
    ``"api_hint"`` for an API user); ``message="web"``: ``errors.<key>_web`` where the file
    has one (what the site may tell a visitor: no server paths), else ``errors.<key>``;
    a date parameter is written as ``lang`` writes dates ('1 januari 2021', '1 January
    2021'); a parameter given per language (a dict ``{"nl": ..., "en": ...}``: an
    indicator's title, groups' labels) in ``lang``'s words (else the English); a text
    parameter is :func:`printable`, one in :data:`ECHOED` also cut (:func:`echo`)."""
    import datetime as dt

    from stadstrends import vocabulary  # the vocabulary's own errors derive from this module

    params = {k: (v.get(lang) or v.get("en", "")) if isinstance(v, dict) else v
              for k, v in {"db": BUILD_DB.get(), **params}.items()}
    if any(isinstance(v, dt.date) for v in params.values()):
        from stadstrends.publish.format import fmt_date

        params = {k: fmt_date(v, lang) if isinstance(v, dt.date) else v
                  for k, v in params.items()}
    params = {k: (echo(v) if k in ECHOED else printable(v)) if isinstance(v, str) else v
              for k, v in params.items()}
    words = vocabulary.section(lang, "errors")
    text = words.get(f"{key}_{hint}")
    said = words.get(f"{key}_{message}") if message else None
    return (said or words[key]).format(**params), text.format(**params) if text else None


def os_reason(exc: BaseException) -> dict[str, str] | str:
    """Why the file system refused, in every language (``errors.errno_<ENOENT|...>``: a
    Dutch message says 'map of bestand bestaat niet', not the C library's English); an
    error number without words: the system's own text."""
    import errno

    from stadstrends import vocabulary

    name = errno.errorcode.get(getattr(exc, "errno", None) or -1)
    if name and f"errno_{name}" in vocabulary.section("en", "errors"):
        return phrase(f"errno_{name}")
    return str(getattr(exc, "strerror", None) or exc)


def phrase(key: str, **params: Any) -> dict[str, str]:
    """``errors.<key>`` of every language filled with ``params``: a part of a worded error
    (a list of rows, a shared hint) given to it as a parameter per language, ``{"nl": ...,
    "en": ...}`` (:func:`error_words`); phrases nest."""
    from stadstrends import vocabulary

    return {lang: error_words(key, lang, params)[0] for lang in vocabulary.languages()}


#: why DuckDB cannot open a file (``errors.<key>``): cut short, locked by another program
#: (``duckdb_locked_by`` with its process id), another version, damaged
OPEN_FAILURES = ("duckdb_cut", "duckdb_locked", "duckdb_version", "duckdb_damaged")


def open_failure_key(exc: Exception) -> tuple[str, dict[str, Any]]:
    """Why DuckDB cannot open a file: the key of its words (:data:`OPEN_FAILURES`,
    ``duckdb_locked_by``) and their parameters. Read from DuckDB's text without the paths
    it quotes (a path with 'versions' in it is no version conflict)."""
    import re

    text = re.sub(r'"[^"]*"', "", str(exc))
    if "read enough bytes" in text:
        return "duckdb_cut", {}
    if "Could not set lock" in text or "Conflicting lock" in text:
        pid = re.search(r"\(PID (\d+)\)", text)
        return ("duckdb_locked_by", {"pid": int(pid[1])}) if pid else ("duckdb_locked", {})
    return ("duckdb_version", {}) if "version" in text.lower() else ("duckdb_damaged", {})


def is_damaged(exc: Exception) -> bool:
    """Whether DuckDB's error says a block of the file is damaged ('Corrupt database file:
    computed checksum ... does not match ...'), read from the start of its message, not from
    the paths it quotes (a locked file in a folder named 'corrupt_test' is not damaged)."""
    import re

    return re.match(r"(?:[A-Za-z ]+ Error: )?Corrupt database file\b", str(exc)) is not None


def open_failure(exc: Exception) -> dict[str, str]:
    """Why DuckDB cannot open a file, per language, without DuckDB's own text (it quotes
    byte counts and offsets, and was cut mid-sentence): :func:`open_failure_key`."""
    key, params = open_failure_key(exc)
    return phrase(key, **params)


# the JSON parser's messages (``json.JSONDecodeError.msg``) -> their words (``errors.<key>``)
_JSON_WORDS = {"Unterminated string starting at": "json_unterminated",
               "Expecting value": "json_expecting_value",
               "Expecting ',' delimiter": "json_expecting_comma",
               "Expecting ':' delimiter": "json_expecting_colon",
               "Expecting property name enclosed in double quotes": "json_expecting_name",
               "Extra data": "json_extra_data", "Invalid control character at": "json_control",
               "Invalid \\escape": "json_escape"}


def json_words(exc: ValueError) -> dict[str, str]:
    """What the JSON parser found, per language ('Unterminated string starting at line 3,
    column 4' / 'onafgesloten tekst op regel 3, kolom 4'); a message it has no words for
    as the parser says it."""
    import json

    if not isinstance(exc, json.JSONDecodeError):
        return {"en": str(exc)}
    key = _JSON_WORDS.get(exc.msg)
    return phrase("json_place", detail=phrase(key) if key else {"en": exc.msg},
                  line=exc.lineno, column=exc.colno)


def counted(number: int) -> dict[str, str]:
    """A whole number with its thousands marked per language: 1,234,567 / 1.234.567."""
    from babel.numbers import format_decimal

    from stadstrends import vocabulary

    return {lang: format_decimal(int(number), locale=vocabulary.locale(lang))
            for lang in vocabulary.languages()}


def joined(parts: list[dict[str, str]], sep: str = "; ") -> dict[str, str]:
    """Phrases (:func:`phrase`) joined per language with ``sep``."""
    langs = sorted({lang for part in parts for lang in part})
    return {lang: sep.join(p.get(lang) or p.get("en", "") for p in parts) for lang in langs}


class NotFoundError(StadstrendsError):
    status = 404
    code = "not_found"


class RegionNotFound(NotFoundError):
    code = "region_not_found"


class IndicatorNotFound(NotFoundError):
    code = "indicator_not_found"


class GroupNotFound(NotFoundError):
    code = "group_not_found"


class TableNotFound(NotFoundError):
    code = "table_not_found"


class WarehouseMissing(StadstrendsError):
    status = 503
    code = "warehouse_missing"


class WarehouseDamaged(WarehouseMissing):
    """The warehouse opened but DuckDB cannot read part of it (a block whose checksum does
    not match, a cut file, an I/O error): see :func:`warehouse_read_error`."""

    code = "warehouse_damaged"


def warehouse_read_error(exc: Exception, db_path: Any = None) -> WarehouseDamaged:
    """The error for a ``duckdb.Error`` met while reading the warehouse at ``db_path``
    (None: not known here): its message names the file and DuckDB's first line ('Corrupt
    database file: computed checksum ... does not match ...'), its hint the rebuild."""
    from stadstrends.paths import build_command

    detail = (str(exc).strip().splitlines() or [type(exc).__name__])[0][:200]
    return WarehouseDamaged.worded("warehouse_damaged", path=str(db_path or "stadstrends.duckdb"),
                                   detail=detail, command=build_command(db_path))


class WarehouseOutdated(WarehouseMissing):
    """The warehouse was built by an older Stadstrends (its schema version is too low) or a
    newer one (too high)."""

    code = "warehouse_outdated"


class WarehouseFileError(StadstrendsError):
    """The warehouse file cannot be written or replaced (path, permissions, disk)."""

    status = 500
    code = "warehouse_file_error"


class OutputPathError(StadstrendsError):
    """An output path given on the command line (``--out``, ``--temp-dir``, ...) that cannot
    be written: a file where a folder is meant (or the reverse), a folder that cannot be
    created, no write permission, a full disk."""

    status = 400
    code = "output_path_error"


class BuildLocked(WarehouseFileError):
    """Another build is writing the same warehouse file."""

    status = 409
    code = "build_locked"


class SwapRefused(WarehouseFileError):
    """A rebuild would lose data the warehouse it replaces has; ``details`` lists the losses."""

    status = 409
    code = "swap_refused"


class ChecksFailed(StadstrendsError):
    """The build's data checks failed (a sum that does not add up: a damaged source cell):
    the new file is discarded, the previous warehouse stays; ``details``: the failed checks
    (``{check, rows}``)."""

    status = 409
    code = "checks_failed"


class BuildInterrupted(StadstrendsError):
    """The build was stopped by a signal (SIGTERM); the previous warehouse is unchanged."""

    status = 503
    code = "build_interrupted"


class BuildOutOfMemory(StadstrendsError):
    """The build needed more memory than its DuckDB memory limit allows (an operation that
    cannot spill); the previous warehouse is unchanged."""

    status = 503
    code = "build_out_of_memory"


class SourceError(StadstrendsError):
    """A CBS source could not be read: network, HTTP error, malformed response or file."""

    status = 502
    code = "source_error"


class SourceUnavailable(SourceError):
    """The live CBS service could not be reached (no network, timeouts, repeated 5xx)."""

    code = "source_unavailable"


class MalformedSource(SourceError):
    """A response or file was read but does not have the expected shape."""

    code = "malformed_source"


class SourcesUnreadable(SourceError):
    """Several of a build's files cannot be read; ``details``: each one's error shape."""

    code = "sources_unreadable"


class DataCheckError(StadstrendsError):
    """A data check failed; ``details`` holds the offending rows (list of dicts)."""

    status = 500
    code = "data_check_failed"


class CatalogueError(StadstrendsError):
    code = "catalogue_invalid"


class YAMLFileError(CatalogueError):
    """A YAML file of the project (catalogue, settings, region sets, language file, ...) that
    cannot be read, does not parse or holds an invalid entry (``yamlfiles.read_yaml``): the
    message names the file, the hint says how to mend it."""


class InvalidParameter(StadstrendsError):
    status = 400
    code = "invalid_parameter"
