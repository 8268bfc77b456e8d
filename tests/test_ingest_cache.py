"""The ingest cache: reused when nothing changed, never trusted when anything did.

Whether a seed was read again is seen by counting calls of the per-file reader
(``reader._read_content``), not by timing.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest

from generator.ingest import cache as cache_module
from generator.ingest import limits, read_seeds, reader

from builds import FIXTURE_SEEDS, build

ROOT = Path(__file__).resolve().parent.parent
REAL = ["000_786a4680b47ca245.txt", "002_a65a3486389211ff.txt", "003_ee23259b59b93aa8.txt"]

MARKDOWN = """---
title: Ministers meet in Ankara
date: 2022-04-04
url: https://news.example.org/ankara
---

# Ministers meet in Ankara

The foreign ministers met in **Ankara** on Monday for talks that officials
described as [constructive](https://example.org/x).

- Share on Facebook
- Share on Twitter

The talks will resume next week, the ministry said in a statement.
"""


def _story(seed: int, words: int = 400) -> list[str]:
    rng = random.Random(seed)
    vocab = [f"w{n}" for n in range(3000)]
    return [rng.choice(vocab) for _ in range(words)]


@pytest.fixture()
def seeds(tmp_path: Path) -> Path:
    folder = tmp_path / "seeds"
    folder.mkdir()
    for name in REAL:
        shutil.copy(FIXTURE_SEEDS / name, folder / name)
    (folder / "notes.md").write_text(MARKDOWN, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    (folder / "copy.txt").write_bytes((folder / REAL[0]).read_bytes())  # exact duplicate
    return folder


@pytest.fixture()
def reads(monkeypatch) -> list[str]:
    """Sources the per-file reader actually processed (cache misses)."""
    seen: list[str] = []
    original = reader._read_content

    def counting(raw, source):
        seen.append(source)
        return original(raw, source)

    monkeypatch.setattr(reader, "_read_content", counting)
    return seen


def entries_file(cache: Path) -> Path:
    return cache / cache_module.FOLDER / "entries"


def snapshot(result) -> tuple:
    articles, problems = result
    return [(a.id, a.source, a.title, a.date, a.url, a.publisher, a.paragraphs, a.removed, a.problems, a.content_hash) for a in articles], problems


def test_second_read_comes_from_the_cache_and_is_identical(seeds: Path, tmp_path: Path, reads: list[str]) -> None:
    cache = tmp_path / "cache"
    fresh = read_seeds(seeds)
    reads.clear()
    first = read_seeds(seeds, cache_root=cache)
    # every file not skipped as an exact duplicate is read once, then cached
    assert sorted(reads) == sorted(["binary.txt", "empty.txt", "notes.md", *REAL])
    assert entries_file(cache).is_file()
    reads.clear()
    second = read_seeds(seeds, cache_root=cache)
    assert reads == []
    assert snapshot(first) == snapshot(fresh)
    assert snapshot(second) == snapshot(fresh)
    assert any("duplicate of" in p.message for p in second[1])  # decided again, across files
    assert any(p.source == "binary.txt" for p in second[1])  # skipped files' reasons are cached too


def test_unchanged_build_does_not_rewrite_the_entries_file(seeds: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    read_seeds(seeds, cache_root=cache)
    before = entries_file(cache).stat()
    read_seeds(seeds, cache_root=cache)
    after = entries_file(cache).stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


def test_changed_file_is_read_again(seeds: Path, tmp_path: Path, reads: list[str]) -> None:
    cache = tmp_path / "cache"
    read_seeds(seeds, cache_root=cache)
    seed = seeds / REAL[1]
    seed.write_text(seed.read_text(encoding="utf-8") + "\nHakan Fidan said talks would resume in Ankara.\n", encoding="utf-8")
    reads.clear()
    articles, _ = read_seeds(seeds, cache_root=cache)
    assert reads == [REAL[1]]
    article = next(a for a in articles if a.source == REAL[1])
    assert "Hakan Fidan said talks would resume in Ankara." in article.text
    assert snapshot((articles, _)) == snapshot(read_seeds(seeds))


def test_renamed_file_is_read_again_under_its_new_name(seeds: Path, tmp_path: Path, reads: list[str]) -> None:
    cache = tmp_path / "cache"
    read_seeds(seeds, cache_root=cache)
    (seeds / "notes.md").rename(seeds / "notes.txt")  # same bytes; as .txt the front matter is text
    reads.clear()
    result = read_seeds(seeds, cache_root=cache)
    assert reads == ["notes.txt"]
    assert snapshot(result) == snapshot(read_seeds(seeds))
    assert "notes.txt" in {a.source for a in result[0]}


def test_changed_code_invalidates_every_entry(seeds: Path, tmp_path: Path, reads: list[str], monkeypatch) -> None:
    cache = tmp_path / "cache"
    read_seeds(seeds, cache_root=cache)
    monkeypatch.setattr(cache_module, "code_fingerprint", lambda: "another-version")
    reads.clear()
    read_seeds(seeds, cache_root=cache)
    assert len(reads) == 6
    reads.clear()
    read_seeds(seeds, cache_root=cache)
    assert reads == []


def test_changed_limit_invalidates_every_entry(seeds: Path, tmp_path: Path, reads: list[str], monkeypatch) -> None:
    cache = tmp_path / "cache"
    read_seeds(seeds, cache_root=cache)
    monkeypatch.setattr(limits, "MAX_WORD_CHARS", 12)
    reads.clear()
    cached = read_seeds(seeds, cache_root=cache)
    assert len(reads) == 6
    assert snapshot(cached) == snapshot(read_seeds(seeds))


def test_removed_seed_is_pruned(seeds: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    read_seeds(seeds, cache_root=cache)
    assert b'"source":"notes.md"' in entries_file(cache).read_bytes()
    lines = entries_file(cache).read_bytes().count(b"\n")
    (seeds / "notes.md").unlink()
    read_seeds(seeds, cache_root=cache)
    data = entries_file(cache).read_bytes()
    assert b'"source":"notes.md"' not in data
    assert data.count(b"\n") == lines - 1


def _corrupt_line_of(path: Path, source: str) -> None:
    lines = path.read_bytes().split(b"\n")
    marker = f'"source":"{source}"'.encode()
    (n,) = [i for i, line in enumerate(lines) if marker in line]
    line = bytearray(lines[n])
    at = line.index(b'"paragraphs"') + 20
    line[at] = ord("X") if line[at] != ord("X") else ord("Y")  # the JSON may still parse: the checksum catches it
    lines[n] = bytes(line)
    path.write_bytes(b"\n".join(lines))


def test_corrupted_entry_is_discarded_with_a_warning(seeds: Path, tmp_path: Path, reads: list[str]) -> None:
    cache = tmp_path / "cache"
    fresh = read_seeds(seeds)
    read_seeds(seeds, cache_root=cache)
    _corrupt_line_of(entries_file(cache), REAL[2])
    reads.clear()
    articles, problems = read_seeds(seeds, cache_root=cache)
    assert reads == [REAL[2]]
    warnings = [p for p in problems if "ingest cache entry corrupted" in p.message]
    assert [(p.source, p.severity) for p in warnings] == [(REAL[2], "warning")]
    assert snapshot((articles, [p for p in problems if p not in warnings])) == snapshot(fresh)
    reads.clear()
    again = read_seeds(seeds, cache_root=cache)  # the entry was written again, sound
    assert reads == []
    assert snapshot(again) == snapshot(fresh)


def test_garbled_entries_file_is_discarded_with_a_warning(seeds: Path, tmp_path: Path, reads: list[str]) -> None:
    cache = tmp_path / "cache"
    fresh = read_seeds(seeds)
    read_seeds(seeds, cache_root=cache)
    data = entries_file(cache).read_bytes()
    entries_file(cache).write_bytes(b"\x00garbage\n" + data[: len(data) // 2])  # cut mid-line
    reads.clear()
    articles, problems = read_seeds(seeds, cache_root=cache)
    assert 1 <= len(reads) < 6
    assert any("garbled" in p.message for p in problems) or any("corrupted" in p.message for p in problems)
    kept = [p for p in problems if "ingest cache" not in p.message]
    assert snapshot((articles, kept)) == snapshot(fresh)
    reads.clear()
    assert snapshot(read_seeds(seeds, cache_root=cache)) == snapshot(fresh)
    assert reads == []


def test_no_cache_reads_every_file(seeds: Path, tmp_path: Path, reads: list[str]) -> None:
    read_seeds(seeds, cache_root=tmp_path / "cache")
    reads.clear()
    read_seeds(seeds, cache_root=None)
    assert len(reads) == 6


def test_near_duplicates_are_decided_on_every_build(tmp_path: Path, reads: list[str]) -> None:
    folder = tmp_path / "seeds"
    folder.mkdir()
    cache = tmp_path / "cache"
    base = _story(1)
    (folder / "a.txt").write_text(" ".join(base) + ".", encoding="utf-8")
    (folder / "c.txt").write_text(" ".join(_story(2)) + ".", encoding="utf-8")
    _, problems = read_seeds(folder, cache_root=cache)
    assert problems == []

    # a new near copy of a cached article is found
    (folder / "b.txt").write_text(" ".join(base[:-8] + ["different"] * 8) + ".", encoding="utf-8")
    reads.clear()
    articles, problems = read_seeds(folder, cache_root=cache)
    assert reads == ["b.txt"]
    assert [(p.source, p.message.split(" (")[0]) for p in problems] == [("b.txt", "near duplicate of a.txt")]
    assert articles[1].problems == problems

    # both from the cache: same finding
    reads.clear()
    articles, again = read_seeds(folder, cache_root=cache)
    assert reads == [] and again == problems and articles[1].problems == problems

    # the original goes: the cached copy no longer carries the note
    (folder / "a.txt").unlink()
    reads.clear()
    articles, problems = read_seeds(folder, cache_root=cache)
    assert reads == []
    assert problems == [] and all(a.problems == [] for a in articles)


def test_exact_duplicates_and_ids_follow_the_current_files(tmp_path: Path, reads: list[str]) -> None:
    folder = tmp_path / "seeds"
    folder.mkdir()
    cache = tmp_path / "cache"
    text = "The minister arrived in the capital on Monday for two days of talks with officials.\n"
    (folder / "b.txt").write_text(text, encoding="utf-8")
    (folder / "B.md").write_text("Other words entirely, about a harbour strike that ended.\n", encoding="utf-8")
    read_seeds(folder, cache_root=cache)
    (folder / "a.txt").write_text(text, encoding="utf-8")  # now the earlier file of the pair
    reads.clear()
    articles, problems = read_seeds(folder, cache_root=cache)
    assert reads == ["a.txt"]
    assert [a.source for a in articles] == ["B.md", "a.txt"]
    assert [p.message for p in problems] == ["skipped: duplicate of a.txt"]
    assert snapshot((articles, problems)) == snapshot(read_seeds(folder))


# --- through the build ------------------------------------------------------------------


def test_build_uses_the_settings_cache_and_no_cache_bypasses_it(tmp_path: Path, reads: list[str]) -> None:
    (tmp_path / "seeds").mkdir()
    shutil.copy(FIXTURE_SEEDS / REAL[1], tmp_path / "seeds" / REAL[1])
    first, _ = build(tmp_path)
    assert reads == [REAL[1]]
    assert entries_file(tmp_path / "cache").is_file()
    reads.clear()
    second, _ = build(tmp_path)
    assert reads == []
    assert second.written == 0
    reads.clear()
    shutil.rmtree(tmp_path / "cache")
    third, _ = build(tmp_path, cache=None)
    assert reads == [REAL[1]]
    assert not (tmp_path / "cache").exists()
    assert [a.analysed.article.paragraphs for a in third.dossier.articles] == [
        a.analysed.article.paragraphs for a in first.dossier.articles
    ]
