"""Run numbered shares of one job here and in forked children: how render and site use every core.

The job is set up in module state before the call, so children inherit it by
``fork`` and only share numbers and results cross a pipe. Share 0 runs in this
process while the children run the others. An executor, not a Pool: a child
that dies (out of memory) raises ``BrokenProcessPool`` instead of hanging.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

T = TypeVar("T")


def can_fork() -> bool:
    """True where children can inherit this process's state (not on Windows, for instance)."""
    return "fork" in multiprocessing.get_all_start_methods()


def run_shares(count: int, work: Callable[[int], T]) -> list[T]:
    """``work(share)`` for shares 0..count-1, share 0 here and the rest in forked children; in share order.

    ``work`` must be a module-level function (it is named, not pickled, to the children).
    """
    if count <= 1:
        return [work(0)]
    with ProcessPoolExecutor(count - 1, mp_context=multiprocessing.get_context("fork")) as pool:
        pending = [pool.submit(work, share) for share in range(1, count)]
        first = work(0)
        return [first, *(future.result() for future in pending)]
