"""Helpers shared by the on-disk caches of the stages (ingest, analyse, link).

Each cache keys its entries by what decides their content, including a hash of
the source code that produced them (:func:`stage_fingerprint`), and writes
atomically (:func:`write_bytes_atomic`, :func:`write_json_atomic`) so a reader
never sees half a file.
"""

from __future__ import annotations

import ast
import hashlib
import json
import os
import re
import sys
import tempfile
import unicodedata
from pathlib import Path
from typing import Any


def stage_fingerprint(package: Path, *data: Path) -> str:
    """16 hex characters hashing a stage's code: its package and every module of ours it imports.

    A stage reads more than its own folder (``captions``, the ``lexicon`` package,
    ``model``): a change there must invalidate its cached results too, or a new rule
    would be silently skipped for unchanged files. The imports are followed from the
    source (:func:`imported_modules`), so a new shared module counts without a list to
    keep up to date. ``data`` are the files the code reads (weights, word lists).
    """
    package = package.resolve()
    return files_fingerprint(package.parent.parent, [*imported_modules(package), *data])


def imported_modules(package: Path) -> list[Path]:
    """The ``*.py`` files of ``package`` and, transitively, of our own modules they import.

    Static (read with ``ast``, imports inside functions included), so the answer does not
    depend on what happens to be loaded. Modules of other packages are ignored.
    """
    package = package.resolve()
    root = package.parent  # the ``generator`` folder
    todo = sorted(package.rglob("*.py"))
    seen: set[Path] = set()
    while todo:
        path = todo.pop()
        if path in seen:
            continue
        seen.add(path)
        todo.extend(_module_files(path, root) - seen)
    return sorted(seen)


def _module_files(path: Path, root: Path) -> set[Path]:
    """Our module files that ``path`` imports, with the ``__init__.py`` of each package on the way."""
    here = path.relative_to(root.parent).with_suffix("").parts  # ("generator", "ingest", "junk")
    if here[-1] == "__init__":
        here = here[:-1]
    names: list[tuple[str, ...]] = []
    for node in ast.walk(ast.parse(path.read_bytes(), filename=str(path))):
        if isinstance(node, ast.Import):
            names += [tuple(alias.name.split(".")) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            package = here if path.name == "__init__.py" else here[:-1]
            base = package[: len(package) - node.level + 1] if node.level else ()
            module = base + tuple((node.module or "").split(".")) if node.module else base
            names += [module] + [module + (alias.name,) for alias in node.names]
    found: set[Path] = set()
    for name in names:
        if not name or name[0] != root.name:
            continue
        for depth in range(1, len(name) + 1):
            folder = root.parent.joinpath(*name[:depth])
            for candidate in (folder / "__init__.py", folder.with_suffix(".py")):
                if candidate.is_file():
                    found.add(candidate.resolve())
    return found


def version_key(parts: dict[str, Any]) -> str:
    """A cache's version: 16 hex characters hashing ``parts`` (JSON, keys sorted), all that decides its entries."""
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()[:16]


def runtime_versions() -> dict[str, str]:
    """Python's version and its Unicode tables, which decide what a letter or a word is."""
    return {"python": "%d.%d" % sys.version_info[:2], "unicode": unicodedata.unidata_version}


def files_fingerprint(base: Path, paths: list[Path]) -> str:
    """16 hex characters hashing the names (relative to ``base``) and bytes of ``paths``."""
    digest = hashlib.sha256()
    base = base.resolve()
    for path in paths:
        digest.update(path.resolve().relative_to(base).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def read_checked(path: Path) -> bytes | None:
    """The body of a file written by :func:`write_checked`; None when the file is missing.

    Raises ``ValueError`` when the checksum does not match (a damaged file)
    and ``OSError`` when it cannot be read.
    """
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    check, _, body = raw.partition(b"\n")
    if hashlib.sha256(body).hexdigest().encode() != check:
        raise ValueError("checksum mismatch")
    return body


def write_checked(path: Path, body: bytes) -> None:
    """Write the SHA-256 of ``body`` on the first line, then ``body``, atomically."""
    write_bytes_atomic(path, hashlib.sha256(body).hexdigest().encode() + b"\n" + body)


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it over ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_json_atomic(path: Path, payload: Any) -> None:
    """Write ``payload`` as compact JSON, atomically."""
    write_bytes_atomic(path, json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))


class EntryFile:
    """Many small cache entries in one file, one line each: ``<key> <SHA-256 of body> <body>``.

    One file rather than one per entry: creating thousands of small files
    costs more than reading them back saves. Keys are 64 hex characters;
    bodies are one line (compact JSON). Lines are read when the file is first
    needed and checked when asked for; :meth:`save` rewrites the file,
    atomically, with exactly the entries this run asked for or stored (so
    entries nobody used any more drop out), and only when that changes it.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        #: why the file could not be read (it is then treated as empty), if it could not
        self.unreadable: str | None = None
        #: lines that were not ``<key> <checksum> <body>`` at all (dropped)
        self.garbled = 0
        self._stored: dict[str, bytes] | None = None
        self._used: dict[str, bytes] = {}
        self._changed = False

    def _load(self) -> dict[str, bytes]:
        if self._stored is None:
            self._stored = {}
            try:
                raw = self.path.read_bytes()
            except FileNotFoundError:
                raw = b""
            except OSError as exc:
                self.unreadable = str(exc.strerror or exc)
                raw = b""
            for line in raw.split(b"\n"):
                key = line[:64]
                if len(line) > 130 and line[64:65] == b" " and line[129:130] == b" " and _HEX_KEY.fullmatch(key):
                    self._stored[key.decode("ascii")] = line
                elif line:
                    self.garbled += 1
            self._changed = self._changed or bool(self.garbled)
        return self._stored

    def get(self, key: str) -> bytes | None:
        """The body stored under ``key``, None if there is none.

        Raises ``ValueError`` when the body does not match its checksum; the
        entry is then dropped.
        """
        line = self._load().get(key)
        if line is None:
            return None
        body = line[130:]
        if hashlib.sha256(body).hexdigest().encode("ascii") != line[65:129]:
            self._changed = True
            raise ValueError("checksum mismatch")
        self._used[key] = line
        return body

    def reject(self, key: str) -> None:
        """Drop an entry whose body the caller could not use."""
        self._used.pop(key, None)
        self._changed = True

    def put(self, key: str, body: bytes) -> None:
        """Store ``body`` (one line) under ``key`` for the next :meth:`save`."""
        if len(key) != 64 or b"\n" in body:
            raise ValueError("an entry is a 64-character key and a one-line body")
        self._used[key] = b"%s %s %s" % (key.encode("ascii"), hashlib.sha256(body).hexdigest().encode("ascii"), body)
        self._changed = True

    def save(self) -> int:
        """Write the entries used since loading, if that changes the file; return how many were dropped."""
        stored = self._load()
        dropped = sum(1 for key in stored if key not in self._used)
        if self._changed or dropped:
            write_bytes_atomic(self.path, b"".join(self._used[key] + b"\n" for key in sorted(self._used)))
        return dropped


_HEX_KEY = re.compile(rb"[0-9a-f]{64}")
