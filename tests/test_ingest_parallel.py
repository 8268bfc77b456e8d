"""Reading seeds in forked workers gives exactly what reading them here gives."""

from __future__ import annotations

import random
import shutil
import sys
from pathlib import Path

import pytest

from generator.ingest import limits, read_seeds, reader
from builds import FIXTURE_SEEDS

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers are forked on Linux only")


def _story(seed: int, words: int = 400) -> str:
    rng = random.Random(seed)
    vocab = [f"w{n}" for n in range(3000)]
    return " ".join(rng.choice(vocab) for _ in range(words)) + "."


@pytest.fixture()
def seeds(tmp_path: Path) -> Path:
    folder = tmp_path / "seeds"
    folder.mkdir()
    for path in sorted(FIXTURE_SEEDS.glob("*.txt")):
        shutil.copy(path, folder / path.name)
    for n in range(6):
        (folder / f"story-{n}.txt").write_text(_story(n), encoding="utf-8")
    (folder / "story-0-copy.txt").write_text(_story(0)[:-40] + " a different ending here.", encoding="utf-8")  # near
    (folder / "story-1-again.txt").write_text(_story(1), encoding="utf-8")  # exact duplicate
    (folder / "notes.md").write_text("---\ntitle: Notes\n---\n\nThe **talks** went well, [officials](x) said.\n", encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    (folder / "long-words.txt").write_text("Officials said " + "x" * 500 + " was found in the file.\n", encoding="utf-8")
    return folder


@pytest.fixture()
def pools(monkeypatch) -> list[int]:
    """Small batches so a handful of files goes to workers; records each pool started."""
    monkeypatch.setattr(reader, "PARALLEL_MIN_FILES", 2)
    monkeypatch.setattr(reader, "BATCH_FILES", 3)
    started: list[int] = []
    original = reader.ProcessPoolExecutor

    def spy(*args, **kwargs):
        started.append(kwargs.get("max_workers", 0))
        return original(*args, **kwargs)

    monkeypatch.setattr(reader, "ProcessPoolExecutor", spy)
    return started


def snapshot(result) -> tuple:
    articles, problems = result
    return [(a.id, a.source, a.title, a.date, a.url, a.paragraphs, a.removed, a.problems, a.content_hash) for a in articles], problems


def test_workers_read_exactly_what_one_process_reads(seeds: Path, tmp_path: Path, pools: list[int]) -> None:
    serial = read_seeds(seeds)
    assert pools == []
    parallel = read_seeds(seeds, processes=2)
    assert pools == [2]
    assert snapshot(parallel) == snapshot(serial)
    messages = [p.message for p in serial[1]]
    assert any(m.startswith("near duplicate of story-0") for m in messages)
    assert "skipped: duplicate of story-1-again.txt" in messages  # the earlier name keeps it


def test_entries_made_by_workers_are_reused(seeds: Path, tmp_path: Path, pools: list[int], monkeypatch) -> None:
    cache = tmp_path / "cache"
    serial = read_seeds(seeds)
    first = read_seeds(seeds, cache_root=cache, processes=2)
    assert len(pools) == 1
    read_here: list[str] = []
    original = reader._read_content
    monkeypatch.setattr(reader, "_read_content", lambda raw, source: read_here.append(source) or original(raw, source))
    second = read_seeds(seeds, cache_root=cache, processes=2)
    assert read_here == [] and len(pools) == 1, "everything came from the entries the workers made"
    assert snapshot(first) == snapshot(second) == snapshot(serial)


def test_workers_use_this_process_limits(seeds: Path, pools: list[int], monkeypatch) -> None:
    monkeypatch.setattr(limits, "MAX_WORD_CHARS", 6)
    serial = read_seeds(seeds)
    parallel = read_seeds(seeds, processes=2)
    assert pools == [2]
    assert snapshot(parallel) == snapshot(serial)
    assert any("over-long word" in p.message for p in parallel[1] if p.source.startswith("story-"))


def test_one_process_or_few_files_start_no_workers(seeds: Path, monkeypatch) -> None:
    started: list[int] = []
    monkeypatch.setattr(reader, "ProcessPoolExecutor", lambda *a, **k: started.append(1))
    read_seeds(seeds, processes=1)
    read_seeds(seeds, processes=2)  # fewer files than PARALLEL_MIN_FILES
    assert started == []
