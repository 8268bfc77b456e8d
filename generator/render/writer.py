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
    wanted = {*files, MARKER}  # the marker says the folder is the build's: it stays
    for path in sorted(root.rglob("*"), reverse=True):
        rel = path.relative_to(root).as_posix()
        if path.is_file() and rel not in wanted:
            path.unlink()
            stats.removed += 1
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return stats
