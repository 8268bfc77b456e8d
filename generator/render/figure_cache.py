"""Keep built network pictures between builds: a layout costs milliseconds, thousands add up.

Each SVG is stored under the hash of everything that shapes it (nodes, edges,
links, size), so an unchanged entity reuses its picture and a changed one is
simply a new key. Entries no page used in this build are removed at the end.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from pathlib import Path


class FigureCache:
    """Memoise SVG text on disk (or only in memory when ``root`` is None)."""

    def __init__(self, root: Path | None) -> None:
        self.root = root
        self.used: set[str] = set()
        self.hits = 0

    def get(self, key_parts: object, make: Callable[[], str]) -> str:
        key = hashlib.sha256(repr(key_parts).encode("utf-8")).hexdigest()[:32]
        self.used.add(key)
        if self.root is None:
            return make()
        path = self.root / f"{key}.svg"
        try:
            svg = path.read_text(encoding="utf-8")
            if svg.startswith("<svg") and svg.rstrip().endswith("</svg>"):
                self.hits += 1
                return svg
        except (OSError, UnicodeDecodeError):
            pass
        svg = make()
        self.root.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{key}.{os.getpid()}.tmp")
        tmp.write_text(svg, encoding="utf-8")
        os.replace(tmp, path)
        return svg

    def prune(self) -> None:
        """Drop pictures no page of this build used."""
        if self.root is None or not self.root.is_dir():
            return
        for path in self.root.iterdir():
            if path.stem not in self.used:
                path.unlink(missing_ok=True)
