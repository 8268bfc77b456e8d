"""content/ is rewritten only where bytes changed; stale files disappear."""

from __future__ import annotations

import os

from generator.render.writer import write_tree


def test_only_changed_files_are_written(tmp_path) -> None:
    root = tmp_path / "content"
    first = write_tree(root, {"index.md": b"a", "people/x.md": b"x", "people/y.md": b"y"})
    assert (first.written, first.unchanged, first.removed) == (3, 0, 0)
    old = root / "people" / "x.md"
    os.utime(old, (1, 1))
    second = write_tree(root, {"index.md": b"b", "people/x.md": b"x"})
    assert (second.written, second.unchanged, second.removed) == (1, 1, 1)
    assert old.stat().st_mtime == 1
    assert (root / "index.md").read_bytes() == b"b"
    assert not (root / "people" / "y.md").exists()


def test_foreign_files_and_empty_folders_are_removed(tmp_path) -> None:
    root = tmp_path / "content"
    (root / "old" / "deep").mkdir(parents=True)
    (root / "old" / "deep" / "page.md").write_text("stale")
    stats = write_tree(root, {"index.md": b"i"})
    assert stats.removed == 1
    assert sorted(p.relative_to(root).as_posix() for p in root.rglob("*")) == ["index.md"]


def test_relative_links_match_posixpath() -> None:
    import posixpath

    from generator.render.views import relative

    pages = ["index.md", "people/a.md", "people/b.md", "articles/x.md", "timeline/2022.md", "timeline.md",
             "a/b/c.md", "a/d.md", "a/b.md", "a/b/e/f.md"]
    for source in pages:
        for target in pages:
            assert relative(source, target) == posixpath.relpath(target, posixpath.dirname(source) or "."), (source, target)
