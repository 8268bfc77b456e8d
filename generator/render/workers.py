"""Render pages on every core: each page's template (and network picture) is independent.

At 2,000 articles there are about 9,000 pages; one process spends most of the
render stage in Jinja and in the network layouts of entity pages. Forked
processes inherit the page list, render interleaved shares of it and send back
bytes, so the result is the same list, in the same order, as a serial render.
Without ``fork`` (or for small dossiers, where starting processes costs more
than it saves) pages are rendered here, one after the other.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from ..forking import can_fork, run_shares
from .figure_cache import FigureCache
from .views import Page

PARALLEL_MIN_PAGES = 400

_JOB: dict[str, Any] = {}

Rendered = TypeVar("Rendered")


def render_pages(
    pages: Sequence[Page], render: Callable[[Page], Rendered], figures: FigureCache, workers: int
) -> list[Rendered]:
    """``render(page)`` for every page, in page order; ``figures`` learns every picture used."""
    count = max(1, min(workers, len(pages) // (PARALLEL_MIN_PAGES // 2) or 1))
    if count == 1 or not can_fork() or len(pages) < PARALLEL_MIN_PAGES:
        return [render(page) for page in pages]
    _JOB.update(pages=pages, render=render, figures=figures, count=count)
    try:
        results = run_shares(count, _share)
    finally:
        _JOB.clear()
    out: list[Any] = [None] * len(pages)
    for share, (rendered, used, hits) in enumerate(results):
        for position, data in rendered:
            out[position] = data
        if share:  # share 0 ran here and already updated ``figures``
            figures.used |= used
            figures.hits += hits
    return out


def _share(index: int) -> tuple[list[tuple[int, Any]], set[str], int]:
    """Render every ``count``-th page starting at ``index``; the pictures it used and reused."""
    pages, render, figures, count = _JOB["pages"], _JOB["render"], _JOB["figures"], _JOB["count"]
    used_before, hits_before = set(figures.used), figures.hits
    rendered = [(i, render(pages[i])) for i in range(index, len(pages), count)]
    return rendered, figures.used - used_before, figures.hits - hits_before
