"""The project's YAML files (catalogue, measure types, settings, region sets and aliases,
groups, typology, splits, opgaven, language files), all read by :func:`read_yaml`: with
libyaml when PyYAML was built with it (the same objects as ``yaml.safe_load``, about seven
times faster: the catalogue alone took 0.4 s with the pure-Python parser, on every build and
every command that reads it), validated by a pydantic model when the caller has one, and
one error, :class:`~stadstrends.errors.YAMLFileError`, naming the file for all that can go
wrong with it.

:func:`read_yaml` reads a file of the package through a JSON copy in the cache folder: the
two language files take 35 ms to parse (and PyYAML 17 ms to import) in every command that
prints words, their JSON copy 1 ms (issue 16: reading commands that start fast).
"""

from __future__ import annotations

import json
import os
import zlib
from functools import cache
from pathlib import Path
from typing import Any

from stadstrends.errors import YAMLFileError

PACKAGE = Path(__file__).resolve().parent


@cache
def _loader() -> type:
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(text: str) -> Any:
    """The YAML document ``text`` as plain Python objects (safe tags only, like
    ``yaml.safe_load``); raises ``yaml.YAMLError`` for malformed text."""
    import yaml

    return yaml.load(text, Loader=_loader())  # noqa: S506 - a safe loader


def read_yaml(path: Path | str, what: str = "the YAML file", model: type | None = None) -> Any:
    """The YAML file ``path`` as :func:`load_yaml` gives it, or as the pydantic ``model``
    validates it (``model.model_validate``). :class:`YAMLFileError` names ``what`` and the
    file when it cannot be read (``OSError``, not UTF-8), does not parse, or does not fit
    ``model``; its hint says how to mend it. A file of the package is read from its JSON
    copy in the cache folder when there is one of this text (its length and CRC); other
    files (users' and tests' own) are parsed."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        raise YAMLFileError(f"cannot read {what} {path}: {reason}",
                            _mend(path, "check that it is there and readable as UTF-8")) from exc
    doc = _document(path, text, what)
    if model is None:
        return doc
    from pydantic import ValidationError  # imported already by the module of ``model``

    try:
        return model.model_validate(doc)
    except ValidationError as exc:
        raise YAMLFileError(f"{what} {path} is invalid: {exc}",
                            "fix the entry named above") from exc


def _document(path: Path, text: str, what: str) -> Any:
    """``text``, the text of ``path``, parsed, or read from its JSON copy."""
    copy = _json_copy(path, text)
    if copy is not None:
        try:
            return json.loads(copy.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            pass
    import yaml

    try:
        doc = load_yaml(text)
    except yaml.YAMLError as exc:
        raise YAMLFileError(f"{what} {path} is not valid YAML: {exc}",
                            _mend(path, "mend the line named above")) from exc
    if copy is not None:
        _save(copy, doc)
    return doc


def _mend(path: Path, advice: str) -> str:
    """``advice``, and for a file of the package how to restore it: from the repository of
    a checkout, else by installing Stadstrends again."""
    from stadstrends.paths import REPO_ROOT

    resolved = path.resolve()
    if not resolved.is_relative_to(PACKAGE):
        return advice
    if (REPO_ROOT / ".git").exists() and resolved.is_relative_to(REPO_ROOT):
        return f"{advice}, or restore the file: git checkout -- {resolved.relative_to(REPO_ROOT)}"
    return f"{advice}, or install Stadstrends again"


def _json_copy(path: Path, text: str) -> Path | None:
    """Where the JSON copy of ``text``, the text of ``path``, lives: named by the file, the
    checkout it is in and the text; None for a file outside the package."""
    from stadstrends.paths import default_cache_dir

    resolved = path.resolve()
    if not resolved.is_relative_to(PACKAGE):
        return None
    name = str(resolved.relative_to(PACKAGE)).replace(os.sep, "__")
    where, what = zlib.crc32(str(resolved).encode()), zlib.crc32(text.encode())
    return default_cache_dir() / "yaml" / f"{name}.{where:08x}.{len(text)}-{what:08x}.json"


def _save(copy: Path, doc: Any) -> None:
    """Write ``doc`` as JSON when JSON gives it back unchanged (no dates, no number keys),
    replacing the copies of the file's earlier texts; a read-only cache only costs speed."""
    try:
        text = json.dumps(doc, ensure_ascii=False)
        if json.loads(text) != doc:
            return
        copy.parent.mkdir(parents=True, exist_ok=True)
        file, where, _, _ = copy.name.rsplit(".", 3)  # 'locale__nl.yaml', checkout, text
        for old in copy.parent.glob(f"{file}.{where}.*.json"):
            old.unlink(missing_ok=True)
    except (OSError, TypeError, ValueError):
        return
    from stadstrends.paths import write_cache

    write_cache(copy, text.encode("utf-8"))
