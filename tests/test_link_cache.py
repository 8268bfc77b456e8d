"""The link stage's cached place index, and the link stage leaving the garbage collector as it was."""

from __future__ import annotations

import gc
from collections import Counter
from pathlib import Path

import pytest

from generator.link import dossier as dossier_module
from generator.lexicon import gazetteer
from generator.link.dossier import link_dossier
from generator.model import Corrections


@pytest.fixture()
def builds(monkeypatch) -> list[int]:
    """Each time the index is built from the packages' data; the process starts with no index."""
    monkeypatch.setattr(gazetteer, "_INDEX", None)
    calls: list[int] = []
    original = gazetteer._build_places

    def counting():
        calls.append(1)
        return original()

    monkeypatch.setattr(gazetteer, "_build_places", counting)
    return calls


def fresh_process(monkeypatch) -> None:
    monkeypatch.setattr(gazetteer, "_INDEX", None)


def test_index_is_built_once_then_loaded(tmp_path: Path, builds: list[int], monkeypatch) -> None:
    assert gazetteer.load_places(tmp_path) == []
    assert len(builds) == 1
    built = gazetteer._places()
    assert (tmp_path / gazetteer.CACHE_FILE).is_file()
    fresh_process(monkeypatch)
    assert gazetteer.load_places(tmp_path) == []
    assert len(builds) == 1, "the second process must load the index, not build it"
    assert gazetteer._places() == built
    assert list(gazetteer._places()) == list(built)
    assert gazetteer.lookup_place("Kiev").name == "Kyiv"


def test_changed_code_or_packages_rebuild_the_index(tmp_path: Path, builds: list[int], monkeypatch) -> None:
    gazetteer.load_places(tmp_path)
    fresh_process(monkeypatch)
    monkeypatch.setattr(gazetteer, "_cache_version", lambda: "another-version")
    assert gazetteer.load_places(tmp_path) == []
    assert len(builds) == 2
    fresh_process(monkeypatch)
    gazetteer.load_places(tmp_path)
    assert len(builds) == 2


@pytest.mark.parametrize("damage", ["flip", "truncate", "garbage"])
def test_damaged_index_is_reported_and_built_again(tmp_path: Path, builds: list[int], monkeypatch, damage: str) -> None:
    gazetteer.load_places(tmp_path)
    built = gazetteer._places()
    path = tmp_path / gazetteer.CACHE_FILE
    data = bytearray(path.read_bytes())
    if damage == "flip":
        at = data.index(b'"kyiv"') + 2
        data[at] = ord("X")  # still valid JSON; only the checksum tells
    elif damage == "truncate":
        data = data[: len(data) // 2]
    else:
        data = bytearray(b"\x00\x01 not a cache")
    path.write_bytes(bytes(data))
    fresh_process(monkeypatch)
    problems = gazetteer.load_places(tmp_path)
    assert len(problems) == 1 and problems[0].severity == "warning"
    assert "place index cache unusable" in problems[0].message and problems[0].source == str(path)
    assert len(builds) == 2
    assert gazetteer._places() == built
    fresh_process(monkeypatch)
    assert gazetteer.load_places(tmp_path) == []  # written again, sound
    assert len(builds) == 2


def test_no_cache_builds_in_memory_and_writes_nothing(tmp_path: Path, builds: list[int]) -> None:
    assert gazetteer.load_places(None) == []
    assert builds == []  # built on first use
    assert gazetteer.lookup_place("Kyiv") is not None
    assert len(builds) == 1
    link_dossier([], Corrections(), cache_root=None)
    assert not any(tmp_path.iterdir())


def test_link_reports_a_damaged_index(tmp_path: Path, builds: list[int], monkeypatch) -> None:
    gazetteer.load_places(tmp_path / "cache")
    (tmp_path / "cache" / gazetteer.CACHE_FILE).write_bytes(b"nonsense")
    fresh_process(monkeypatch)
    result = link_dossier([], Corrections(), cache_root=tmp_path / "cache")
    assert [p.message.split(" (")[0] for p in result.problems] == ["place index cache unusable"]


def test_link_leaves_the_garbage_collector_as_it_found_it(tmp_path: Path, monkeypatch) -> None:
    assert gc.isenabled()
    seen: list[bool] = []
    original = dossier_module._link

    def spy(*args):
        seen.append(gc.isenabled())
        return original(*args)

    monkeypatch.setattr(dossier_module, "_link", spy)
    link_dossier([], Corrections())
    assert seen == [False] and gc.isenabled()
    monkeypatch.setattr(dossier_module, "_link", lambda *args: 1 / 0)
    with pytest.raises(ZeroDivisionError):  # a failing link stage still turns it back on
        link_dossier([], Corrections())
    assert gc.isenabled()
    monkeypatch.setattr(dossier_module, "_link", original)
    gc.disable()
    try:
        link_dossier([], Corrections())
        assert not gc.isenabled()
    finally:
        gc.enable()


# --- per-article term counts ------------------------------------------------------------

from generator.link import cache as link_cache  # noqa: E402
from generator.link import stories as stories_module  # noqa: E402
from generator.model import AnalysedArticle, Article, Paragraph  # noqa: E402

TOPICS = {
    "strike": "Dock workers walked out at the port of Rotterdam, halting container traffic and stranding ships.",
    "harvest": "Farmers in the valley said the wheat harvest had failed after a dry summer and early frost.",
    "election": "Voters in the northern district chose a new mayor after a campaign about housing and transport.",
}


def _article(aid: str, topic: str, extra: str = "") -> AnalysedArticle:
    text = TOPICS[topic] + " " + extra
    article = Article(id=aid, source=f"{aid}.txt", title=None, date=None, url=None, publisher=None, paragraphs=[Paragraph(text)])
    return AnalysedArticle(article=article, title=f"{topic} report {aid}", title_generated=False, summary=[], mentions=[], quotes=[])


def _articles() -> list[AnalysedArticle]:
    return [
        _article(f"{topic}-{n}", topic, f"Report number {n} on the {topic}.")
        for topic in TOPICS
        for n in range(3)
    ]


@pytest.fixture()
def counted(monkeypatch) -> list[str]:
    """Articles whose terms were counted (not taken from the cache)."""
    seen: list[str] = []
    original = stories_module._term_counts

    def counting(article):
        seen.append(article.article.id)
        return original(article)

    monkeypatch.setattr(stories_module, "_term_counts", counting)
    return seen


def _result(dossier) -> tuple:
    return [(s.id, s.title, s.articles) for s in dossier.stories], [(a.id, a.related) for a in dossier.articles]


def test_term_counts_are_reused_and_give_the_same_stories(tmp_path: Path, counted: list[str]) -> None:
    articles = _articles()
    fresh = link_dossier(articles, Corrections())
    counted.clear()
    first = link_dossier(articles, Corrections(), cache_root=tmp_path / "cache")
    assert sorted(counted) == sorted(a.article.id for a in articles)
    assert (tmp_path / "cache" / link_cache.TERMS_FILE).is_file()
    counted.clear()
    second = link_dossier(articles, Corrections(), cache_root=tmp_path / "cache")
    assert counted == []
    assert _result(first) == _result(second) == _result(fresh)
    assert second.problems == fresh.problems


def test_changed_article_is_counted_again(tmp_path: Path, counted: list[str]) -> None:
    articles = _articles()
    link_dossier(articles, Corrections(), cache_root=tmp_path / "cache")
    articles[4].article.paragraphs[0].text += " The harvest festival was cancelled."
    articles[7].title = "A new title"
    counted.clear()
    result = link_dossier(articles, Corrections(), cache_root=tmp_path / "cache")
    assert sorted(counted) == sorted([articles[4].article.id, articles[7].article.id])
    assert _result(result) == _result(link_dossier(articles, Corrections()))


def test_changed_counting_code_recounts_everything(tmp_path: Path, counted: list[str], monkeypatch) -> None:
    articles = _articles()
    link_dossier(articles, Corrections(), cache_root=tmp_path / "cache")
    monkeypatch.setattr(link_cache, "terms_version", lambda: "another-version")
    counted.clear()
    link_dossier(articles, Corrections(), cache_root=tmp_path / "cache")
    assert len(counted) == len(articles)


def test_removed_article_is_pruned(tmp_path: Path) -> None:
    articles = _articles()
    path = tmp_path / "cache" / link_cache.TERMS_FILE
    link_dossier(articles, Corrections(), cache_root=tmp_path / "cache")
    assert path.read_bytes().count(b"\n") == len(articles)
    link_dossier(articles[1:], Corrections(), cache_root=tmp_path / "cache")
    assert path.read_bytes().count(b"\n") == len(articles) - 1


def test_corrupted_term_entry_is_reported_and_counted_again(tmp_path: Path, counted: list[str]) -> None:
    articles = _articles()
    fresh = link_dossier(articles, Corrections())
    link_dossier(articles, Corrections(), cache_root=tmp_path / "cache")
    path = tmp_path / "cache" / link_cache.TERMS_FILE
    lines = path.read_bytes().split(b"\n")
    damaged = bytearray(lines[2])
    at = damaged.index(b":", 131)  # inside the JSON body: a count
    damaged[at + 1] = ord("7") if damaged[at + 1] != ord("7") else ord("8")
    lines[2] = bytes(damaged)
    lines.insert(0, b"not an entry")
    path.write_bytes(b"\n".join(lines))
    counted.clear()
    result = link_dossier(articles, Corrections(), cache_root=tmp_path / "cache")
    assert len(counted) == 1
    warnings = [p for p in result.problems if "link cache" in p.message]
    assert [(p.source, p.severity) for p in warnings] == [(f"{counted[0]}.txt", "warning"), (str(path), "warning")]
    assert "corrupted" in warnings[0].message and "garbled" in warnings[1].message
    assert _result(result) == _result(fresh)
    counted.clear()
    again = link_dossier(articles, Corrections(), cache_root=tmp_path / "cache")
    assert counted == [] and again.problems == []


def test_no_cache_counts_every_article(tmp_path: Path, counted: list[str]) -> None:
    articles = _articles()
    link_dossier(articles, Corrections(), cache_root=None)
    link_dossier(articles, Corrections(), cache_root=None)
    assert len(counted) == 2 * len(articles)
    assert not any(tmp_path.iterdir())


# --- whole-text cosines -----------------------------------------------------------------


@pytest.fixture()
def computed(monkeypatch) -> list[tuple[str, str]]:
    """Whole-text cosines and related-list scores computed (not taken from the cache), by signature pair."""
    seen: list[tuple[str, str]] = []
    original = link_cache.WholeCosines.put

    def counting(self, first, second, cosine):
        seen.append((first, second))
        return original(self, first, second, cosine)

    def counting_related(self, first, second, scores):
        seen.append(("related", first, second))
        return original_related(self, first, second, scores)

    original_related = link_cache.WholeCosines.put_related
    monkeypatch.setattr(link_cache.WholeCosines, "put", counting)
    monkeypatch.setattr(link_cache.WholeCosines, "put_related", counting_related)
    return seen


def _grown() -> list[AnalysedArticle]:
    """Articles enough for the whole-text IDF bands to hold when one more is added."""
    return [
        _article(f"{topic}-{n}", topic, f"Report number {n} on the {topic}, filed by desk {n % 3} in week {n}.")
        for topic in TOPICS
        for n in range(6)
    ]


def test_whole_cosines_are_reused_and_give_what_a_cold_build_gives(tmp_path: Path, computed) -> None:
    articles = _grown()
    first = link_dossier(articles, Corrections(), cache_root=tmp_path / "cache")
    assert computed and (tmp_path / "cache" / link_cache.WHOLES_FILE).is_file()
    computed.clear()
    second = link_dossier(articles, Corrections(), cache_root=tmp_path / "cache")
    assert computed == []
    assert _result(first) == _result(second) == _result(link_dossier(articles, Corrections()))


def test_added_article_reuses_most_cosines_and_matches_a_cold_build(tmp_path: Path, computed) -> None:
    articles = _grown()
    link_dossier(articles[:-1], Corrections(), cache_root=tmp_path / "cache")
    everything = len(computed)
    computed.clear()
    warm = link_dossier(articles, Corrections(), cache_root=tmp_path / "cache")
    assert 0 < len(computed) < everything / 2, "an added article must leave most pairs' cosines as they were"
    assert _result(warm) == _result(link_dossier(articles, Corrections()))
    graph = stories_module.similarity_graph(articles, {}, {})
    cold = stories_module.similarity_graph(articles, {}, {}, store=link_cache.WholeCosines(tmp_path / "cache"))
    assert all(graph.whole(a, b) == cold.whole(a, b) for a, b in graph.candidates)  # the very same floats


def test_corrupted_cosine_is_reported_and_computed_again(tmp_path: Path, computed) -> None:
    articles = _grown()
    fresh = link_dossier(articles, Corrections())
    link_dossier(articles, Corrections(), cache_root=tmp_path / "cache")
    path = tmp_path / "cache" / link_cache.WHOLES_FILE
    lines = path.read_bytes().split(b"\n")
    lines[0] = lines[0][:130] + b"0.5" if lines[0][130:] != b"0.5" else lines[0][:130] + b"0.25"
    path.write_bytes(b"\n".join(lines))
    computed.clear()
    result = link_dossier(articles, Corrections(), cache_root=tmp_path / "cache")
    assert len(computed) == 1
    warnings = [p for p in result.problems if "link cache" in p.message]
    assert [(p.source, p.severity) for p in warnings] == [(str(path), "warning")] and "corrupted" in warnings[0].message
    assert _result(result) == _result(fresh)


def test_signature_moves_only_with_a_band_the_article_reads() -> None:
    counts = Counter({"port": 2, "strike": 1})
    idf = stories_module.WholeIdf(Counter({"port": 4, "strike": 2, "harvest": 1}), 9)
    same = stories_module.WholeIdf(Counter({"port": 5, "strike": 3, "harvest": 2}), 10)  # no band crossed
    moved = stories_module.WholeIdf(Counter({"port": 5, "strike": 4, "harvest": 2}), 10)  # strike: 3 -> 4
    assert idf.signature(counts) == same.signature(counts) != moved.signature(counts)
    assert idf.vector(counts) == same.vector(counts) != moved.vector(counts)
    grown = stories_module.WholeIdf(Counter({"port": 4, "strike": 2}), 16)  # the dossier's size crossed 16
    assert grown.signature(counts) != idf.signature(counts)
