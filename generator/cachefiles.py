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
    digest = hashlib.sha256()
    package = package.resolve()
    for path in [*sorted(package.rglob("*.py")), *extra]:
        digest.update(path.resolve().relative_to(package.parent).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


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
