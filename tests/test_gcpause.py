"""Collector pauses and freezes end with their block, even when the block fails."""

from __future__ import annotations

import gc

import pytest

from generator.gcpause import frozen_heap, paused_gc


def test_frozen_heap_hands_objects_back_after_the_block_even_on_error() -> None:
    before = gc.get_freeze_count()
    kept = [object() for _ in range(1000)]
    with frozen_heap():
        assert gc.get_freeze_count() >= before + len(kept)
    assert gc.get_freeze_count() == 0
    with pytest.raises(RuntimeError), frozen_heap():
        raise RuntimeError("a failed render")
    assert gc.get_freeze_count() == 0


def test_paused_gc_restores_the_collector() -> None:
    assert gc.isenabled()
    with pytest.raises(ValueError), paused_gc():
        assert not gc.isenabled()
        raise ValueError
    assert gc.isenabled()
