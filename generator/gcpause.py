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
