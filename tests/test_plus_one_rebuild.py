"""Adding one article to a cached dossier gives byte for byte what a build without any cache gives.

The rebuild reads every other article back from the caches (ingest entries, cached analyses,
link term counts, rendered pages); all of it must come back exactly as computed afresh.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from builds import FIXTURE_SEEDS, build


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_one_article_added_to_a_cached_dossier_builds_as_a_cold_build(tmp_path: Path) -> None:
    seeds = sorted(FIXTURE_SEEDS.glob("*.txt"))
    assert len(seeds) >= 3
    warm = tmp_path / "warm"
    (warm / "seeds").mkdir(parents=True)
    for seed in seeds[:-1]:
        shutil.copy(seed, warm / "seeds" / seed.name)
    build(warm)
    shutil.copy(seeds[-1], warm / "seeds" / seeds[-1].name)
    rebuilt, _ = build(warm)
    assert (rebuilt.analysed, rebuilt.cached) == (1, len(seeds) - 1)

    cold = tmp_path / "cold"
    (cold / "seeds").mkdir(parents=True)
    for seed in seeds:
        shutil.copy(seed, cold / "seeds" / seed.name)
    fresh, _ = build(cold, cache=None)
    assert fresh.cached == 0

    warm_tree, cold_tree = _tree(warm / "content"), _tree(cold / "content")
    assert "dossier.json" in cold_tree
    assert warm_tree.keys() == cold_tree.keys()
    assert [name for name in cold_tree if warm_tree[name] != cold_tree[name]] == []
