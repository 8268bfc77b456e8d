"""Write the rendered files into content/, touching only files whose bytes changed.

Unchanged files keep their modification time, so MkDocs and anyone watching
the folder see only real changes; files no longer produced are removed.
"""

from __future__ import annotations

import os
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from ..outputs import MARKER


@dataclass
class WriteStats:
    written: int = 0
    unchanged: int = 0
    removed: int = 0


def write_tree(root: Path, files: dict[str, bytes], unchanged: Collection[str] = ()) -> WriteStats:
    """Make ``root`` hold exactly ``files`` (relative POSIX path -> bytes), and its marker.

    Files not in ``files`` are removed: the caller makes sure ``root`` is the
    build's own folder (``outputs.claim``) before calling this. ``unchanged``
    names files the caller has just read from ``root`` with these very bytes
    (pages the render took from there): they are not read again.
    """
    stats = WriteStats()
    root.mkdir(parents=True, exist_ok=True)
    for rel, data in sorted(files.items()):
        path = root / rel
        if rel in unchanged:
            stats.unchanged += 1
            continue
        try:
            if path.read_bytes() == data:
                stats.unchanged += 1
                continue
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
            pass
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_bytes(data)
        os.replace(tmp, path)
        stats.written += 1
    stats.removed = _remove_others(root, {*files, MARKER})  # the marker says the folder is the build's: it stays
    return stats


def _remove_others(root: Path, wanted: set[str]) -> int:
    """Remove the files under ``root`` not in ``wanted`` (relative POSIX paths), then the folders left empty.

    Walked with ``os.walk`` bottom-up (a folder after what is in it), not ``Path.rglob``: at
    2,000 articles content/ holds about 10,000 files, and a path object for each was most
    of a rebuild's writing time. Returns how many files were removed.
    """
    removed = 0
    for folder, dirs, names in os.walk(root, topdown=False):
        base = Path(folder)
        prefix = base.relative_to(root).as_posix() + "/" if base != root else ""
        for name in names:
            if prefix + name not in wanted and os.path.isfile(base / name):
                os.unlink(base / name)
                removed += 1
        for name in dirs:
            if os.path.isdir(base / name) and _empty(base / name):
                os.rmdir(base / name)
    return removed


def _empty(folder: Path) -> bool:
    with os.scandir(folder) as entries:
        return next(entries, None) is None
