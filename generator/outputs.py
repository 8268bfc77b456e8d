"""The folders a build writes: which paths it may use, and which folders it may empty or replace.

A build deletes files (stale pages in content/, the old site/, unused cache
entries), so a mistyped ``--site .`` or ``--content seeds`` must never reach
that code. Two rules:

* **Paths.** ``--site``, ``--content`` and ``--cache`` may not be an existing
  file, may not be, contain or lie inside the seeds folder, may not be or
  contain the current folder, the project folder (where ``--config`` is) or
  the generator's checkout, and may not overlap each other.
* **Ownership.** A folder the build creates gets a marker file,
  :data:`MARKER`. A folder is emptied or replaced only when it has the
  marker, is empty, or is missing. A folder written by a build from before
  the marker existed is recognised by holding *only* what a build writes (a
  site: MkDocs output with dossier.json and a search index; content: the
  generator's page names; a cache: the caches' file names); it is adopted
  with a line saying so. Anything else stops the build with one line saying
  how to go on.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path

#: Marks a folder as written by ``dossier build`` (so it may be emptied or replaced).
MARKER = ".dossier-output"
MARKER_TEXT = "Written by `dossier build`: every file in this folder may be replaced or removed by the next build.\n"

#: Files of a site an earlier build wrote (MkDocs with Material and the dossier).
_SITE_FILE = re.compile(r"[^/]+(/[^/]+)*\.(html|json|xml|xml\.gz|js|css|svg|png|ico|woff2?|map|txt)$")
#: Files it must hold; a tuple: any one of them (the search index is search_index.js alone
#: since it is shipped once, search_index.json beside it before).
_SITE_NEEDS = ("dossier.json", ("search/search_index.js", "search/search_index.json"))
#: Files of content/ an earlier build wrote.
_CONTENT_FILE = re.compile(
    r"((articles|people|organisations|places|timeline|editions|quotes)/(more/)?[^/]+\.md"
    r"|(index|stories|quotes|timeline|report|print|editions)(-\d+)?\.md|dossier\.json|feed\.xml|feeds/[^/]+\.xml"
    r"|[^/]+(/[^/]+)*\.tmp)$"
)
#: Files of the cache folder an earlier build wrote.
_CACHE_FILE = re.compile(
    r"(analysis/[0-9a-f]{2}/[0-9a-f]+\.json|figures/[0-9a-f]{32}\.svg|ingest/entries|link/(places\.json|terms)|render/pages"
    r"|[^/]+(/[^/]+)*\.tmp)$"
)
#: The generator's own checkout (where ``pyproject.toml`` sits beside ``generator/``).
_CHECKOUT = Path(__file__).resolve().parent.parent


class OutputError(ValueError):
    """A path the build must not write to; the message is the one line the user sees."""


def check_paths(seeds: Path, config: Path, outputs: dict[str, Path]) -> None:
    """Refuse output paths that could cost the user files (see the module docstring)."""
    seeds_real = seeds.resolve()
    guarded = {
        "the current folder": Path.cwd().resolve(),
        "the project folder": config.resolve().parent,
    }
    if (_CHECKOUT / "pyproject.toml").is_file():
        guarded["the generator's folder"] = _CHECKOUT
    resolved: dict[str, Path] = {}
    for option, path in outputs.items():
        real = path.resolve()
        if path.exists() and not path.is_dir():
            raise OutputError(f"{option} {path}: is an existing file, not a folder; choose a folder")
        if real == seeds_real or seeds_real in real.parents:
            raise OutputError(f"{option} {path}: is or lies inside the seeds folder {seeds}; choose a folder outside it")
        if real in seeds_real.parents:
            raise OutputError(f"{option} {path}: contains the seeds folder {seeds}; choose a folder of its own")
        for what, folder in guarded.items():
            if real == folder or real in folder.parents:
                raise OutputError(f"{option} {path}: is or contains {what} ({folder}); choose a folder of its own")
        for other, other_real in resolved.items():
            if real == other_real or other_real in real.parents or real in other_real.parents:
                raise OutputError(f"{option} {path} and {other} {outputs[other]} overlap; give each a folder of its own")
        resolved[option] = real


def _files(folder: Path) -> Iterator[str]:
    for dirpath, _, filenames in os.walk(folder):
        for name in filenames:
            yield (Path(dirpath) / name).relative_to(folder).as_posix()


def _only(pattern: re.Pattern[str], needs: tuple[str | tuple[str, ...], ...] = ()) -> Callable[[Path], bool]:
    def written_by_a_build(folder: Path) -> bool:
        return all(pattern.fullmatch(rel) for rel in _files(folder)) and all(
            any((folder / n).is_file() for n in ((need,) if isinstance(need, str) else need)) for need in needs
        )

    return written_by_a_build


#: How a folder an earlier build wrote (before markers) is recognised, per kind of output.
EARLIER_BUILD: dict[str, Callable[[Path], bool]] = {
    "site": _only(_SITE_FILE, _SITE_NEEDS),
    "content": _only(_CONTENT_FILE, ("index.md",)),
    "cache": _only(_CACHE_FILE),
}


def is_marked(folder: Path) -> bool:
    return (folder / MARKER).is_file()


def mark(folder: Path) -> None:
    """Write the marker into ``folder`` (which must exist)."""
    (folder / MARKER).write_text(MARKER_TEXT, encoding="utf-8")


def ownership(folder: Path, kind: str, option: str) -> str:
    """Whether the build may empty or replace ``folder``: "missing", "marked", "empty" or "earlier".

    Raises :class:`OutputError` when it holds files a build did not write.
    """
    if not folder.exists():
        return "missing"
    if is_marked(folder):
        return "marked"
    if not any(folder.iterdir()):
        return "empty"
    if EARLIER_BUILD[kind](folder):
        return "earlier"
    raise OutputError(
        f"{option} {folder}: not emptied or replaced: it holds files dossier build did not write "
        f"(no {MARKER} file in it); choose another {option}, or move those files away and try again"
    )


def claim(folders: list[tuple[Path, str, str, bool]]) -> list[str]:
    """Take the output folders ``(folder, kind, option, create)`` for this build; lines to show.

    Every folder is checked before any is touched, so a refusal changes
    nothing. ``create``: make a missing folder (with its marker) now; the site
    is built elsewhere and swapped in, marker included.
    """
    states = [ownership(folder, kind, option) for folder, kind, option, _ in folders]
    lines = []
    for (folder, _, option, create), state in zip(folders, states):
        if state == "missing" and create:
            folder.mkdir(parents=True)
        if state in ("empty", "earlier") or (state == "missing" and create):
            mark(folder)
        if state == "earlier":
            lines.append(f"{option} {folder}: written by an earlier build (before folders were marked): marked as the build's own")
    return lines


# --- one build at a time per output folder ---------------------------------------------------


class BuildLock:
    """Exclusive locks on the output folders for the whole build (``flock``, released on exit or death).

    The lock file sits beside the folder (``.site.lock`` beside ``site/``): the
    folder itself is swapped or emptied by the build, its parent is not. A
    second build on one of the same folders stops at once with a line saying
    which process holds it, instead of racing the first (one of them failed
    with "File not found"). A build killed with ``kill -9`` leaves no lock
    behind: the kernel drops it with the process.
    """

    def __init__(self, folders: list[Path]) -> None:
        self.paths = sorted({lock_file(folder) for folder in folders})
        self._folders = {lock_file(folder): folder for folder in folders}
        self._handles: list[int] = []

    def __enter__(self) -> BuildLock:
        import fcntl

        try:
            for path in self.paths:
                path.parent.mkdir(parents=True, exist_ok=True)
                fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
                self._handles.append(fd)
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError:
                    holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "another process"
                    folder = self._folders[path]
                    raise OutputError(
                        f"{folder}: another dossier build (pid {holder}) is writing it; "
                        "this one stops: run it again when that one has finished"
                    ) from None
                os.ftruncate(fd, 0)
                os.pwrite(fd, str(os.getpid()).encode("ascii"), 0)
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        for fd in self._handles:
            os.close(fd)  # closing drops the lock
        self._handles = []


def lock_file(folder: Path) -> Path:
    """The lock file of an output folder: beside it, hidden (``site`` -> ``.site.lock``)."""
    real = folder.resolve()
    return real.parent / f"{'' if real.name.startswith('.') else '.'}{real.name}.lock"


def staging_leftovers(site: Path) -> list[Path]:
    """Staging and old-site folders of ``site`` that a killed build left beside it.

    Only names the site stage itself gives (``.site-staging-*``, ``.site-old-<pid>``);
    called while holding the site's lock, so no other build is using them.
    """
    site = site.resolve()
    pattern = re.compile(rf"\.{re.escape(site.name)}-(staging-[A-Za-z0-9_]+|old-\d+)")
    if not site.parent.is_dir():
        return []
    return sorted(p for p in site.parent.iterdir() if pattern.fullmatch(p.name) and p.is_dir() and not p.is_symlink())
