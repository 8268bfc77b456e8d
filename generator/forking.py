"""Run numbered shares of one job here and in forked children: how render and site use every core.

The job is set up in module state before the call, so children inherit it by
``fork`` and only share numbers and results cross a pipe. Share 0 runs in this
process while the children run the others. An executor, not a Pool: a child
that dies (out of memory) raises ``BrokenProcessPool`` instead of hanging.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
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


_FORKER: list[int] = []
_INSTALLED: list[bool] = []


def workers_end_with_their_parent() -> None:
    """Every process forked from now on (ingest, analysis, render and MkDocs workers) dies with its parent.

    A pool's workers wait on a pipe; when the build is killed (``kill -9``)
    nothing tells them, and they stayed, each holding a spaCy model. On Linux
    the kernel sends them SIGKILL when their parent dies (``PR_SET_PDEATHSIG``);
    a child whose parent died before that was armed ends at once. Installed
    once per process, as an ``os.register_at_fork`` hook, so no pool has to
    remember it; elsewhere it does nothing.
    """
    if _INSTALLED or not (hasattr(os, "register_at_fork") and sys.platform.startswith("linux")):
        return
    _INSTALLED.append(True)
    os.register_at_fork(before=_remember_forker, after_in_child=_die_with_parent)


def _remember_forker() -> None:
    _FORKER[:] = [os.getpid()]


def _die_with_parent() -> None:
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG = 1
    except (OSError, AttributeError):
        return
    if _FORKER and os.getppid() != _FORKER[0]:
        os._exit(1)  # the parent died before the signal was armed
