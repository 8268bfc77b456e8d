"""Finding seed files: which files count, in which order, under which name.

The order is the sorted POSIX relative path, so ids, duplicate detection
("duplicate of the *earlier* file") and every report are the same on every
machine and file system.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

#: File name endings read as articles (compared case-insensitively).
SEED_SUFFIXES = (".txt", ".md")


def is_seed_name(name: str) -> bool:
    """True for ``*.txt`` / ``*.md`` names, including dot-files like ``.note.txt``."""
    return name.lower().endswith(SEED_SUFFIXES)


def find_seed_files(seeds_dir: Path) -> list[tuple[str, Path]]:
    """Every seed file under ``seeds_dir`` that may be read, as ``(relative POSIX path, path)``."""
    return scan_seed_files(seeds_dir)[0]


def scan_seed_files(seeds_dir: Path) -> tuple[list[tuple[str, Path]], list[tuple[str, str]]]:
    """The seed files under ``seeds_dir`` that may be read, and ``(name, reason)`` for those refused.

    Hidden directories (``.git``, ``.cache`` ...) are skipped because they hold
    tool state, not articles; a hidden *file* name is still read because a user
    may well have named an article that way. Only regular files that resolve
    inside the seeds folder are read: a seed is published, so a symbolic link
    to ``/etc/passwd`` or ``../.git/config`` would publish a secret, and a FIFO
    or a device would hang the build or never end. Symlinked directories are
    not followed, so a link loop cannot hang the build.
    """
    root = Path(seeds_dir)
    if not root.exists():
        raise FileNotFoundError(f"seeds folder not found: {root}")
    if not root.is_dir():
        raise NotADirectoryError(f"seeds path is not a folder: {root}")
    real_root = root.resolve()
    found: list[tuple[str, Path]] = []
    refused: list[tuple[str, str]] = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        folder = Path(dirpath)
        for name in sorted(d for d in dirnames if not d.startswith(".") and (folder / d).is_symlink()):
            refused.append((_name(folder / name, root), "skipped: a symbolic link to a folder (not followed)"))
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and not (folder / d).is_symlink())
        for name in filenames:
            if not is_seed_name(name):
                continue
            path = folder / name
            reason = refusal(path, real_root)
            if reason is None:
                found.append((_name(path, root), path))
            else:
                refused.append((_name(path, root), reason))
    found.sort(key=lambda item: item[0])
    refused.sort()
    return found, refused


def _name(path: Path, root: Path) -> str:
    return display_name(path.relative_to(root).as_posix())


def refusal(path: Path, real_root: Path) -> str | None:
    """Why ``path`` must not be read as a seed (None: it may be). ``real_root``: the resolved seeds folder.

    ``path`` comes from :func:`scan_seed_files`' walk, which enters no symbolic link and no
    hidden folder: a regular file that is no link itself is the common case, and needs no
    resolving (a system call per folder on its way) to be allowed.
    """
    try:
        if stat.S_ISREG(os.lstat(path).st_mode):
            return None
    except OSError:
        pass  # the checks below say why
    try:
        is_link = path.is_symlink()
        real = path.resolve(strict=True)
    except RuntimeError:  # Python < 3.13 reports a symlink loop this way
        return "skipped: a symbolic link loop"
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "skipped: a symbolic link loop"
        if is_link:
            return "skipped: a symbolic link to nothing (its target does not exist)"
        return f"skipped: could not read file ({exc.strerror or exc})"
    if real != real_root and real_root not in real.parents:
        return "skipped: a symbolic link to a file outside the seeds folder (not read, never published)"
    if any(part.startswith(".") for part in real.relative_to(real_root).parts[:-1]):
        # Hidden folders hold tool state (.git/config and its token), never articles.
        return "skipped: a symbolic link into a hidden folder of the seeds folder (not read, never published)"
    try:
        mode = real.stat().st_mode
    except OSError as exc:
        return f"skipped: could not read file ({exc.strerror or exc})"
    if not stat.S_ISREG(mode):
        return f"skipped: not a regular file ({_KIND.get(stat.S_IFMT(mode), 'special file')})"
    return None


_KIND = {
    stat.S_IFIFO: "a FIFO",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFSOCK: "a socket",
    stat.S_IFDIR: "a folder",
}


def display_name(relative: str) -> str:
    """The name as valid Unicode: bytes that are not UTF-8 are shown as ``\\xNN``.

    On POSIX a file name is bytes; Python keeps undecodable ones as lone
    surrogates, which no UTF-8 output (ids, pages, dossier.json) can hold.
    The escape keeps two such names distinct and tells the user which bytes.
    """
    return relative.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
