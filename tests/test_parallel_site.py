"""The parallel MkDocs driver writes exactly what MkDocs' serial build writes."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.site import build_site
from generator.site.mkdocs_build import SiteBuildError
from generator.site import parallel as _parallel
from generator.site.parallel import can_build_in_parallel
from generator.site.search_file import read_index

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "mkdocs.yml"
_REAL_WORK = _parallel._work
NAV = ["index.md", "stories.md", "articles/index.md", "people/index.md", "organisations/index.md",
       "places/index.md", "quotes.md", "timeline.md", "editions.md", "report.md"]


def _content(root: Path, people: int = 30, broken: bool = False) -> Path:
    """Nav pages plus many linked person pages, with anchors, of uneven sizes."""
    for page in NAV:
        path = root / page
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"# {page}\n\nIndex text for {page}.\n", encoding="utf-8")
    lines = ["# People\n"]
    for i in range(people):
        lines.append(f"- [Person {i}](p{i:02d}.md)")
        body = [f"# Person {i}\n", "## Quotes\n", f"Said things number {i}. " * (1 + i * 7), "\n## Links\n"]
        body.append(f"See [the next one](p{(i + 1) % people:02d}.md#quotes) and [home](../index.md).")
        if broken and i == 7:
            body.append("A [bad anchor](p03.md#no-such-anchor).")
        (root / "people" / f"p{i:02d}.md").write_text("\n".join(body) + "\n", encoding="utf-8")
    (root / "people" / "index.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root


def _tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_parallel_build_is_byte_identical_to_serial(tmp_path: Path) -> None:
    docs = _content(tmp_path / "docs", broken=True)
    serial = build_site(CONFIG, docs, tmp_path / "serial", workers=1)
    parallel = build_site(CONFIG, docs, tmp_path / "parallel", workers=3)
    a, b = _tree(tmp_path / "serial"), _tree(tmp_path / "parallel")
    assert sorted(a) == sorted(b)
    assert [name for name in a if a[name] != b[name]] == []
    # The search index holds every page, in the serial order.
    index = read_index(tmp_path / "parallel")
    assert any(doc["location"].startswith("people/p29.html") for doc in index["docs"])
    # Warnings from other processes come back once each, in page order.
    assert serial.warnings == parallel.warnings
    assert any("no-such-anchor" in w for w in parallel.warnings)


def test_parallel_build_fails_under_strict_on_a_warning(tmp_path: Path) -> None:
    docs = _content(tmp_path / "docs", broken=True)
    with pytest.raises(SiteBuildError):
        build_site(CONFIG, docs, tmp_path / "site", strict=True, workers=2)
    assert not (tmp_path / "site").exists()
    build_site(CONFIG, _content(tmp_path / "clean"), tmp_path / "site", strict=True, workers=2)
    assert (tmp_path / "site" / "people" / "p05.html").is_file()


def test_unknown_page_plugin_falls_back_to_the_serial_build(tmp_path: Path) -> None:
    from mkdocs.config import load_config
    from mkdocs.plugins import BasePlugin

    class Counter(BasePlugin):
        def on_page_content(self, html, **kwargs):  # keeps state we could not merge
            return html

    # docs_dir points at a tree of our own: a fresh clone has no content/ before `make site`.
    config = load_config(config_file=str(CONFIG), docs_dir=str(_content(tmp_path / "docs")))
    assert can_build_in_parallel(config)
    config.plugins["test/counter"] = Counter()
    assert not can_build_in_parallel(config)


def _die_in_children(share: int):
    """Stands in for parallel._work: children exit as the OOM killer would leave them."""
    import os

    if share:
        os._exit(9)
    return _REAL_WORK(share)


def test_a_worker_that_dies_fails_the_build_cleanly(tmp_path: Path, monkeypatch) -> None:
    """A killed page worker (out of memory) must end the build with a message, never hang it."""
    from generator.site import parallel

    monkeypatch.setattr(parallel, "_work", _die_in_children)
    with pytest.raises(SiteBuildError, match="stopped unexpectedly"):
        build_site(CONFIG, _content(tmp_path / "docs"), tmp_path / "site", workers=2)
    assert not (tmp_path / "site").exists()


def test_the_command_line_reports_a_dead_worker_in_one_line(monkeypatch, capsys, tmp_path) -> None:
    """``dossier build`` turns a killed worker into one line and exit status 1, not a traceback."""
    from concurrent.futures.process import BrokenProcessPool

    from generator import cli

    def broken(*args, **kwargs):
        raise BrokenProcessPool("A process in the process pool was terminated abruptly")

    monkeypatch.setattr("generator.build.run_build", broken)
    assert cli.main(["build", "--seeds", str(tmp_path), "--quiet"]) == 1
    assert "worker process stopped unexpectedly" in capsys.readouterr().err
