"""A rebuild renders only the pages whose inputs changed, and writes exactly what a fresh build writes.

Every scenario builds a base set of seeds, changes something (a new article, a new
quote, a corrections.yml rename or drop, a second report that joins a story, a
removed article, new render code), rebuilds with the warm cache and compares the
whole content/ folder, dossier.json included, byte for byte with a build of the same
seeds from an empty cache. The rebuild must also have reused pages, or the test
would prove nothing about the page cache.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.model import Entity
from generator.render import page_cache as page_cache_module
from generator.render.page_cache import PAGES_FILE, PageCache, package_version
from generator.render.tracking import RECORDER, Fingerprints, TrackedTable, derivation, derive, reads_digest

from builds import FIXTURE_SEEDS, build

ROOT = Path(__file__).resolve().parent.parent
BASE = ["001_ced04212048b39c6.txt", "002_a65a3486389211ff.txt", "003_ee23259b59b93aa8.txt", "004_00cddac5497fbc3c.txt"]
NEW = "000_786a4680b47ca245.txt"


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> Path:
    """The base seeds built once (content/ and a warm cache); each test works on a copy."""
    work = tmp_path_factory.mktemp("base")
    (work / "seeds").mkdir()
    for name in BASE:
        shutil.copy(FIXTURE_SEEDS / name, work / "seeds" / name)
    build(work)
    return work


@pytest.fixture()
def reuses(monkeypatch) -> list[str]:
    """The pages the next builds take from content/ instead of rendering."""
    taken: list[str] = []
    original = PageCache.reuse

    def spy(self, page, own):
        found = original(self, page, own)
        if found is not None:
            taken.append(page.path)
        return found

    monkeypatch.setattr(PageCache, "reuse", spy)
    return taken


def fresh_build(seeds: Path, tmp_path: Path) -> dict[str, bytes]:
    """content/ of a build of ``seeds`` from an empty cache into an empty folder."""
    work = tmp_path / "fresh"
    shutil.copytree(seeds, work / "seeds")
    build(work)
    return tree(work / "content")


def _add_article(seeds: Path) -> None:
    shutil.copy(FIXTURE_SEEDS / NEW, seeds / NEW)


def _new_quote(seeds: Path) -> None:
    seed = seeds / BASE[1]
    extra = '\n"We will not accept any delay to the talks," Hakan Fidan told reporters in Ankara on Tuesday.\n'
    seed.write_text(seed.read_text(encoding="utf-8") + extra, encoding="utf-8")


def _rename(seeds: Path) -> None:
    (seeds / "corrections.yml").write_text("rename:\n  Recep Tayyip Erdogan: Recep Tayyip Erdoğan\n", encoding="utf-8")


def _drop(seeds: Path) -> None:
    (seeds / "corrections.yml").write_text("drop:\n  - CNN\n", encoding="utf-8")


def _second_report(seeds: Path) -> None:
    """A shortened second report of seed 002's event: it joins 002 in a story."""
    lines = (seeds / BASE[1]).read_text(encoding="utf-8").splitlines()
    (seeds / "005_second_report.txt").write_text("\n".join(lines[: max(8, len(lines) * 2 // 3)]) + "\n", encoding="utf-8")


def _remove(seeds: Path) -> None:
    (seeds / BASE[2]).unlink()


CHANGES = {
    "add an article": _add_article,
    "a new quote": _new_quote,
    "an entity renamed": _rename,
    "an entity dropped": _drop,
    "a story grows": _second_report,
    "an article removed": _remove,
}


@pytest.mark.parametrize("change", list(CHANGES))
def test_a_rebuild_writes_what_a_fresh_build_writes(change: str, base: Path, tmp_path: Path, reuses: list[str]) -> None:
    work = tmp_path / "work"
    shutil.copytree(base, work)
    before = tree(work / "content")
    CHANGES[change](work / "seeds")
    result, _ = build(work)
    after = tree(work / "content")
    assert after == fresh_build(work / "seeds", tmp_path)
    assert reuses, "the rebuild took no page from the cache: the test would prove nothing"
    assert after != before
    changed = {path for path in after if before.get(path) != after[path]}
    assert not changed & set(reuses), "a page taken from the cache changed"
    if change == "a story grows":
        assert any(len(story.articles) > 1 for story in result.dossier.stories)


def test_an_unchanged_rebuild_renders_no_page(base: Path, tmp_path: Path, reuses: list[str]) -> None:
    work = tmp_path / "work"
    shutil.copytree(base, work)
    result, _ = build(work)
    pages = [path for path in tree(work / "content") if path.endswith(".md")]
    assert sorted(reuses) == sorted(pages) and result.written == 0


def test_new_render_code_renders_every_page(base: Path, tmp_path: Path, reuses: list[str], monkeypatch) -> None:
    work = tmp_path / "work"
    shutil.copytree(base, work)
    before = tree(work / "content")
    monkeypatch.setattr(page_cache_module, "render_version", lambda: "another-version")
    build(work)
    assert reuses == [] and tree(work / "content") == before
    build(work)
    assert reuses, "recorded again under the new version"


def test_a_template_or_a_module_render_uses_changes_the_version(tmp_path: Path) -> None:
    copy = tmp_path / "generator"
    shutil.copytree(ROOT / "generator", copy, ignore=shutil.ignore_patterns("__pycache__", "data"))
    version = package_version.__wrapped__  # not the memo: the files change under the same path
    first = version(copy / "render")
    template = copy / "render" / "templates" / "article.md.j2"
    template.write_text(template.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    second = version(copy / "render")
    (copy / "escape.py").write_text((copy / "escape.py").read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    third = version(copy / "render")
    assert len({first, second, third}) == 3


def test_a_page_edited_by_hand_is_rendered_again(base: Path, tmp_path: Path, reuses: list[str]) -> None:
    work = tmp_path / "work"
    shutil.copytree(base, work)
    page = work / "content" / "index.md"
    original = page.read_bytes()
    page.write_bytes(original + b"\nedited\n")
    build(work)
    assert page.read_bytes() == original and "index.md" not in reuses and reuses


@pytest.mark.parametrize("damage", [b"garbage", b""])
def test_a_damaged_page_cache_is_reported_and_every_page_rendered(base: Path, tmp_path: Path, reuses: list[str], damage: bytes) -> None:
    work = tmp_path / "work"
    shutil.copytree(base, work)
    before = tree(work / "content")
    path = work / "cache" / PAGES_FILE
    path.write_bytes(path.read_bytes()[:100] + damage)
    result, _ = build(work)
    assert reuses == []
    assert any("page cache unusable" in p.message for p in result.problems)
    after = tree(work / "content")
    assert {k: v for k, v in after.items() if k != "report.md"} == {k: v for k, v in before.items() if k != "report.md"}


# --- what a page reads ------------------------------------------------------------------------


def _entity(eid: str, name: str, articles: list[str]) -> Entity:
    return Entity(id=eid, type="person", name=name, aliases=[], articles=articles, mention_count=len(articles))


def _record(tables: dict, read) -> set:
    views = {name: TrackedTable(name, table) for name, table in tables.items()}
    RECORDER.reads = set()
    try:
        read(views)
        return RECORDER.reads
    finally:
        RECORDER.reads = None


def test_reads_are_recorded_where_they_are_made_and_only_they_count() -> None:
    tables = {"entities": {"a": _entity("a", "Ann Lee", ["x"]), "b": _entity("b", "Bo Chan", ["y"])}}
    reads = _record(tables, lambda v: (v["entities"]["a"].name, v["entities"]["a"].page, "c" in v["entities"]))
    assert reads == {
        ("entities", "a", ("#in",)),
        ("entities", "a", ("name",)),
        ("entities", "a", ("page",)),
        ("entities", "c", ("#in",)),
    }
    ordered = sorted(reads, key=repr)
    digest = reads_digest(ordered, Fingerprints(tables))
    unrelated = {"entities": {**tables["entities"], "b": _entity("b", "Bo Chan Jr", ["y", "z"])}}
    assert reads_digest(ordered, Fingerprints(unrelated)) == digest  # b was not read: pages showing a stay
    more = {"entities": {**tables["entities"], "a": _entity("a", "Ann Lee", ["x", "z"])}}
    assert reads_digest(ordered, Fingerprints(more)) == digest  # a's articles were not read either
    renamed = {"entities": {**tables["entities"], "a": _entity("a", "Ann Li", ["x"])}}
    assert reads_digest(ordered, Fingerprints(renamed)) != digest
    added = {"entities": {**tables["entities"], "c": _entity("c", "Cy", [])}}
    assert reads_digest(ordered, Fingerprints(added)) != digest  # "c in entities" is now true


def test_a_derived_read_counts_its_answer_not_its_inputs() -> None:
    @derivation("test-count-bucket")
    def bucket(tables, key):
        return len(tables["entities"][key].articles) >= 2

    tables = {"entities": {"a": _entity("a", "Ann Lee", ["x"])}}
    reads = _record(tables, lambda v: derive("test-count-bucket", "a", {"entities": v["entities"]}))
    assert reads == {("#test-count-bucket", "a", ())}
    ordered = list(reads)
    digest = reads_digest(ordered, Fingerprints(tables))
    renamed = {"entities": {"a": _entity("a", "Ann Li", ["x"])}}
    assert reads_digest(ordered, Fingerprints(renamed)) == digest
    grown = {"entities": {"a": _entity("a", "Ann Lee", ["x", "y"])}}
    assert reads_digest(ordered, Fingerprints(grown)) != digest


def test_forked_render_workers_check_and_record_pages(tmp_path: Path) -> None:
    """Workers ask the cache themselves: pages they take and pages they render are all recorded in the parent."""
    from generator.render import render_dossier
    from generator.render.writer import write_tree

    from test_render_scale import synthetic

    report = {"articles": 300, "files": 300, "model": "test"}
    content, cache = tmp_path / "content", tmp_path / "cache"
    first = render_dossier(synthetic(300), report, cache / "figures", workers=3, page_cache=cache, content=content)
    write_tree(content, first)
    taken: set[str] = set()
    dossier = synthetic(300)
    dossier.entities["p00003"].name = "Renamed Person"  # linked from a few article pages, and its own
    second = render_dossier(dossier, report, cache / "figures", workers=3, page_cache=cache, content=content, reused=taken)
    assert len(first) > 400 and second == render_dossier(dossier, report, tmp_path / "none", workers=1)
    changed = {path for path in second if first.get(path) != second[path]}
    assert changed and not changed & taken and len(taken) > len(second) // 2
    assert "people/p00003.md" in changed and "articles/a00003.md" in changed


def test_pages_that_show_no_change_are_not_rendered_again(tmp_path: Path, reuses: list[str], monkeypatch) -> None:
    """An entity's further pages and the pages of quotes show a few fields of an entity: one more
    mention of it, in an article its first page lists, must not render them again (they once
    held the whole entity record, and a 2,000-article rebuild rendered 174 such pages again).

    Pages are made short so the four seeds have both kinds; every such page whose bytes the
    change leaves alone must be taken from content/.
    """
    from generator.render import pages as pages_module

    monkeypatch.setattr(pages_module, "ENTITY_ARTICLES_PER_PAGE", 1)
    monkeypatch.setattr(pages_module, "QUOTE_PAGE_BUDGET", 2)
    work = tmp_path / "work"
    (work / "seeds").mkdir(parents=True)
    for name in BASE:
        shutil.copy(FIXTURE_SEEDS / name, work / "seeds" / name)
    result, _ = build(work)
    putin = next(e for e in result.dossier.entities.values() if e.name == "Vladimir Putin")
    first = next(a for a in result.dossier.articles if a.id == putin.articles[0]).analysed.article.source
    before = tree(work / "content")
    seed = work / "seeds" / Path(first).name
    seed.write_text(seed.read_text(encoding="utf-8") + "\nVladimir Putin did not comment on Friday.\n", encoding="utf-8")
    reuses.clear()
    build(work)
    after = tree(work / "content")
    assert after != before
    watched = [path for path in after if "/more/" in path or path.startswith("quotes/")]
    same = {path for path in watched if before.get(path) == after[path]}
    assert any(path.startswith("people/more/vladimir-putin-") for path in same), "the test would prove nothing"
    assert not same - set(reuses), "a page that did not change was rendered again"
