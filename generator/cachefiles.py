"""Helpers shared by the on-disk caches of the stages (ingest, analyse, link).

Each cache keys its entries by what decides their content, including a hash of
the source code that produced them (:func:`source_fingerprint`), and writes
atomically (:func:`write_bytes_atomic`, :func:`write_json_atomic`) so a reader
never sees half a file.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any


def source_fingerprint(package: Path, *extra: Path) -> str:
    """16 hex characters hashing every ``*.py`` under ``package`` and the ``extra`` files.

    Names are taken relative to the package's parent folder, so moving the
    checkout does not change the fingerprint but renaming a module does.
    """
    package = package.resolve()
    return files_fingerprint(package.parent, [*sorted(package.rglob("*.py")), *extra])


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
