"""Search boost of entity pages: one mention ranks as any page, more coverage ranks higher."""

from __future__ import annotations

from generator.render.search_rank import search_boost


def test_boost_grows_with_mentions() -> None:
    assert search_boost(0) == search_boost(1) == 1.0
    boosts = [search_boost(n) for n in (1, 2, 5, 22, 100, 10_000)]
    assert boosts == sorted(boosts) and len(set(boosts)) == len(boosts)
    # A person named 22 times outweighs a fragment named once by a wide margin.
    assert search_boost(22) / search_boost(1) > 3
