"""Pausing Python's cycle collector around stages that allocate much and free little.

Ingest and link build hundreds of thousands of small objects (paragraphs,
shingle sets, name records) while millions of others are alive. Every so many
allocations the collector walks all of them, finds nothing to free (these
stages make no reference cycles worth collecting early) and costs a second or
more per build at 2,000 articles. Pausing it for the stage removes that; it
runs again, as before, once the stage is over.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """Disable the cycle collector for the block; restore its previous state after, even on error."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@contextmanager
def frozen_heap() -> Iterator[None]:
    """Keep everything alive now out of the collector's walks for the block (``gc.freeze``).

    Render and site run with the whole dossier alive: full collections would
    walk it again and again, and in forked workers the walk writes to every
    object's header, copying the parent's memory page by page. Objects made
    inside the block are collected as usual; at the end the frozen ones are
    handed back to the collector.
    """
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()
