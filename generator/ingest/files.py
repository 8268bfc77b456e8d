"""Finding seed files: which files count, in which order, under which name.

The order is the sorted POSIX relative path, so ids, duplicate detection
("duplicate of the *earlier* file") and every report are the same on every
machine and file system.
"""

from __future__ import annotations

import os
from pathlib import Path

#: File name endings read as articles (compared case-insensitively).
SEED_SUFFIXES = (".txt", ".md")


def is_seed_name(name: str) -> bool:
    """True for ``*.txt`` / ``*.md`` names, including dot-files like ``.note.txt``."""
    return name.lower().endswith(SEED_SUFFIXES)


def find_seed_files(seeds_dir: Path) -> list[tuple[str, Path]]:
    """Every seed file under ``seeds_dir`` as ``(relative POSIX path, absolute path)``.

    Hidden directories (``.git``, ``.cache`` ...) are skipped because they hold
    tool state, not articles; a hidden *file* name is still read because a user
    may well have named an article that way. Symlinked directories are not
    followed, so a link loop cannot hang the build.
    """
    root = Path(seeds_dir)
    if not root.exists():
        raise FileNotFoundError(f"seeds folder not found: {root}")
    if not root.is_dir():
        raise NotADirectoryError(f"seeds path is not a folder: {root}")
    found: list[tuple[str, Path]] = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in filenames:
            if not is_seed_name(name):
                continue
            path = Path(dirpath) / name
            if not path.is_file():
                continue
            found.append((display_name(path.relative_to(root).as_posix()), path))
    found.sort(key=lambda item: item[0])
    return found


def display_name(relative: str) -> str:
    """The name as valid Unicode: bytes that are not UTF-8 are shown as ``\\xNN``.

    On POSIX a file name is bytes; Python keeps undecodable ones as lone
    surrogates, which no UTF-8 output (ids, pages, dossier.json) can hold.
    The escape keeps two such names distinct and tells the user which bytes.
    """
    return relative.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
