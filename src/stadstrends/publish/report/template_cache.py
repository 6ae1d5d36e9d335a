"""Compiled report templates kept in the user cache (``~/.cache/stadstrends/jinja``), so
that a new process does not compile ``city.html.j2`` and its macros again (~0.05 s of CPU,
a twentieth of a one-city HTML report's command).

Jinja checks each cached template against its source (a checksum) and the Python version;
the file names also carry Jinja's version and the environment's options
(:func:`fingerprint`), which shape the compiled code. Best effort: a cache folder that
cannot be made or written only costs the compiling.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

import jinja2


class CompiledTemplates(jinja2.FileSystemBytecodeCache):
    """Jinja's file cache of compiled templates that never fails a report: a folder that
    is missing is made, one that cannot be read or written is left alone."""

    def __init__(self, folder: Path, fingerprint: str) -> None:
        super().__init__(str(folder), f"%s.{fingerprint}.cache")

    def load_bytecode(self, bucket: Any) -> None:
        try:
            super().load_bytecode(bucket)
        except OSError:
            bucket.reset()

    def dump_bytecode(self, bucket: Any) -> None:
        try:
            os.makedirs(self.directory, exist_ok=True)
            super().dump_bytecode(bucket)
        except OSError:
            pass


def fingerprint(env: jinja2.Environment, sample: str = "page.html.j2") -> str:
    """A short hash of what, besides a template's source, its compiled code depends on:
    Jinja's version and the environment's syntax and output options (``sample``: a
    template name to ask the autoescape rule about)."""
    autoescape = env.autoescape(sample) if callable(env.autoescape) else env.autoescape
    options = (jinja2.__version__, env.block_start_string, env.block_end_string,
               env.variable_start_string, env.variable_end_string, env.comment_start_string,
               env.comment_end_string, env.line_statement_prefix, env.line_comment_prefix,
               env.trim_blocks, env.lstrip_blocks, env.newline_sequence,
               env.keep_trailing_newline, env.optimized, env.is_async, autoescape,
               getattr(env.finalize, "__qualname__", None), sorted(env.extensions))
    return hashlib.sha256(repr(options).encode()).hexdigest()[:12]
