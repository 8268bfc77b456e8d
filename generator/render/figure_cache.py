"""Keep built network pictures between builds: a layout costs milliseconds, thousands add up.

Each SVG is stored under the hash of everything that shapes it (nodes, edges,
links, size), so an unchanged entity reuses its picture and a changed one is
simply a new key. Entries no page used in this build are removed at the end.
Entries are written with a checksum (``cachefiles.write_checked``) and pasted
into pages only when it matches, like every other cache's.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from pathlib import Path

from ..cachefiles import read_checked, write_checked


#: The file names this cache writes (32 hex characters of the key).
_ENTRY = re.compile(r"[0-9a-f]{32}\.svg")


def _is_picture(svg: str) -> bool:
    """One <svg> element of ours: the checksum proves the bytes are whole, this that they are a picture."""
    return svg.startswith("<svg") and svg.rstrip().endswith("</svg>") and "<script" not in svg.lower()


class FigureCache:
    """Memoise SVG text on disk (or only in memory when ``root`` is None)."""

    def __init__(self, root: Path | None) -> None:
        self.root = root
        self.used: set[str] = set()
        self.hits = 0
        #: the keys the page being rendered used (set by the renderer; None: not collected)
        self.page_used: set[str] | None = None

    def get(self, key_parts: object, make: Callable[[], str]) -> str:
        key = hashlib.sha256(repr(key_parts).encode("utf-8")).hexdigest()[:32]
        self.used.add(key)
        if self.page_used is not None:
            self.page_used.add(key)
        if self.root is None:
            return make()
        path = self.root / f"{key}.svg"
        try:
            body = read_checked(path)  # the same check as every other cache: a checksum line, then the body
            svg = body.decode("utf-8") if body is not None else None
            if svg is not None and _is_picture(svg):
                self.hits += 1
                return svg
        except (OSError, ValueError):  # damaged, or not written by this cache: made again
            pass
        svg = make()
        write_checked(path, svg.encode("utf-8"))
        return svg

    def keep(self, keys: list[str]) -> None:
        """Keep the pictures of a page taken from content/ as it is, those that are still sound.

        The page already holds its pictures; an entry damaged or tampered with since is
        not kept (:meth:`prune` removes it, and a page that needs it again draws it again).
        """
        for key in keys:
            if self.root is None:
                self.used.add(key)
                continue
            try:
                body = read_checked(self.root / f"{key}.svg")
                if body is not None and _is_picture(body.decode("utf-8")):
                    self.used.add(key)
            except (OSError, ValueError):
                pass

    def prune(self) -> None:
        """Drop pictures no page of this build used."""
        if self.root is None or not self.root.is_dir():
            return
        for path in self.root.iterdir():
            if _ENTRY.fullmatch(path.name) and path.stem not in self.used:  # only files this cache names
                path.unlink(missing_ok=True)
