"""The analysis cache: used when nothing changed, invalidated by content, settings and code."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from generator.analyse import cache as cache_module

from builds import FIXTURE_SEEDS, build

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ["002_a65a3486389211ff.txt", "003_ee23259b59b93aa8.txt"]


@pytest.fixture()
def workdir(tmp_path: Path) -> Path:
    (tmp_path / "seeds").mkdir()
    for name in SEEDS:
        shutil.copy(FIXTURE_SEEDS / name, tmp_path / "seeds" / name)
    return tmp_path


def entries(workdir: Path) -> list[Path]:
    return sorted((workdir / "cache" / "analysis").glob("*/*.json"))


def test_unchanged_seeds_come_from_the_cache(workdir: Path) -> None:
    first, _ = build(workdir)
    assert (first.analysed, first.cached) == (2, 0)
    assert len(entries(workdir)) == 2
    second, _ = build(workdir)
    assert (second.analysed, second.cached) == (0, 2)
    assert second.written == 0, "an identical build must not rewrite any Markdown file"
    assert [a.analysed.summary for a in first.dossier.articles] == [a.analysed.summary for a in second.dossier.articles]


def test_changed_seed_is_analysed_again(workdir: Path) -> None:
    build(workdir)
    seed = workdir / "seeds" / SEEDS[1]
    seed.write_text(seed.read_text(encoding="utf-8") + "\nHakan Fidan said talks would resume in Ankara.\n", encoding="utf-8")
    result, _ = build(workdir)
    assert (result.analysed, result.cached) == (1, 1)
    article = next(a for a in result.dossier.articles if a.id == SEEDS[1][:-4])
    assert "Ankara" in article.analysed.article.text


def test_changed_settings_invalidate_every_entry(workdir: Path) -> None:
    build(workdir)
    result, _ = build(workdir, summary_sentences=2)
    assert (result.analysed, result.cached) == (2, 0)
    assert all(len(a.analysed.summary) <= 2 for a in result.dossier.articles)


def test_changed_code_invalidates_every_entry(workdir: Path, monkeypatch) -> None:
    build(workdir)
    cache_module.code_fingerprint.cache_clear()
    monkeypatch.setattr(cache_module, "code_fingerprint", lambda: "another-version")
    result, _ = build(workdir)
    assert (result.analysed, result.cached) == (2, 0)


def test_removed_seed_is_dropped_from_cache_and_site(workdir: Path) -> None:
    build(workdir)
    (workdir / "seeds" / SEEDS[0]).unlink()
    result, _ = build(workdir)
    assert [a.id for a in result.dossier.articles] == [SEEDS[1][:-4]]
    assert len(entries(workdir)) == 1
    assert not (workdir / "content" / "articles" / f"{SEEDS[0][:-4]}.md").exists()
    data = json.loads((workdir / "content" / "dossier.json").read_text(encoding="utf-8"))
    assert [a["id"] for a in data["articles"]] == [SEEDS[1][:-4]]


@pytest.mark.parametrize("damage", ["garbage", "truncate", "wrong-shape"])
def test_corrupted_entry_is_discarded_with_a_warning(workdir: Path, damage: str) -> None:
    build(workdir)
    victim = entries(workdir)[0]
    if damage == "garbage":
        victim.write_bytes(b"\x00\xffnot json")
    elif damage == "truncate":
        victim.write_bytes(victim.read_bytes()[:50])
    else:
        data = json.loads(victim.read_text(encoding="utf-8"))
        data["analysis"]["mentions"] = [{"unexpected": 1}]
        victim.write_text(json.dumps(data), encoding="utf-8")
    result, lines = build(workdir)
    assert (result.analysed, result.cached) == (1, 1)
    assert any("cache entry corrupted" in line for line in lines), lines
    assert len(entries(workdir)) == 2  # replaced by a fresh one


def test_no_cache_analyses_everything_and_writes_nothing(workdir: Path) -> None:
    result, _ = build(workdir, cache=None)
    assert (result.analysed, result.cached) == (2, 0)
    assert not (workdir / "cache").exists()


def test_parallel_workers_give_the_inline_results_and_fill_the_cache(tmp_path: Path) -> None:
    """Past the inline limit, forked workers analyse (longest first) and write the cache themselves."""
    from generator.analyse.runner import INLINE_LIMIT, analyse_articles
    from generator.analyse.serialise import analysis_to_dict
    from generator.ingest import read_seeds

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    people = ["Hakan Fidan", "Jake Sullivan", "Dmitry Peskov", "Samuel Ramani"]
    for i in range(INLINE_LIMIT + 6):
        who = people[i % len(people)]
        body = " ".join(f'"We will talk again, number {j}," {who} said in Ankara on Monday.' for j in range(1 + i % 5))
        (seeds / f"a{i:02d}.txt").write_text(f"Talks resume in round {i}\n\n{body}\n", encoding="utf-8")
    articles, _ = read_seeds(seeds)
    options = {"model": None, "summary_sentences": 3, "batch_size": 4}
    inline = analyse_articles(articles, processes=1, cache_root=None, **options)
    forked = analyse_articles(articles, processes=2, cache_root=tmp_path / "cache", **options)
    assert forked.analysed == len(articles)
    assert [analysis_to_dict(a) for a in forked.articles] == [analysis_to_dict(a) for a in inline.articles]
    assert len(list((tmp_path / "cache" / "analysis").glob("*/*.json"))) == len(articles)
    again = analyse_articles(articles, processes=2, cache_root=tmp_path / "cache", **options)
    assert (again.analysed, again.cached) == (0, len(articles))


def test_changed_ingest_output_of_an_unchanged_file_is_analysed_again(workdir: Path, monkeypatch) -> None:
    """The key is the text as ingest hands it over, not the file's bytes: a new limit or junk rule counts."""
    from generator.ingest import limits

    first, _ = build(workdir)
    assert first.analysed == 2
    monkeypatch.setattr(limits, "MAX_CHARS", 1500)  # both seeds are longer: their texts are cut
    second, _ = build(workdir)
    assert (second.analysed, second.cached) == (2, 0)
    before = [len(a.analysed.article.text) for a in first.dossier.articles]
    after = [len(a.analysed.article.text) for a in second.dossier.articles]
    assert all(b < a for a, b in zip(before, after))


def test_analysis_reads_the_place_index_from_the_build_cache(tmp_path: Path, monkeypatch) -> None:
    """The entity model's place index is loaded from (or saved to) the cache, not rebuilt on every run.

    Rebuilt, it cost about two seconds on each rebuild for one new article, and in each forked worker.
    """
    from generator.analyse.runner import analyse_articles
    from generator.ingest import read_seeds
    from generator.lexicon import gazetteer

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text("Talks in Ankara\n\nHakan Fidan met Jake Sullivan in Ankara on Monday.\n", encoding="utf-8")
    articles, _ = read_seeds(seeds)
    monkeypatch.setattr(gazetteer, "_INDEX", None)
    built: list[int] = []
    original = gazetteer._build_places
    monkeypatch.setattr(gazetteer, "_build_places", lambda: built.append(1) or original())
    options = {"model": None, "summary_sentences": 3, "batch_size": 4, "processes": 1}
    analyse_articles(articles, cache_root=tmp_path / "cache", **options)
    assert (tmp_path / "cache" / gazetteer.CACHE_FILE).is_file() and built == [1]
    monkeypatch.setattr(gazetteer, "_INDEX", None)  # a new process: the saved copy is read
    (seeds / "b.txt").write_text("Rain in Izmir\n\nRain fell in Izmir on Tuesday.\n", encoding="utf-8")
    articles, _ = read_seeds(seeds)
    run = analyse_articles(articles, cache_root=tmp_path / "cache", **options)
    assert run.analysed == 1 and built == [1] and gazetteer._INDEX is not None


def test_every_field_of_an_analysis_survives_the_cache() -> None:
    """A field the cache drops changes what a rebuild links (a mention's ``evidenced`` counts
    double when typing a name): every field of every record comes back equal, whichever value
    it holds."""
    from dataclasses import fields, replace

    from generator.analyse.runner import analyse_articles
    from generator.analyse.serialise import analysis_from_dict, analysis_to_dict
    from generator.ingest import read_seeds
    from generator.model import Mention

    articles, _ = read_seeds(FIXTURE_SEEDS)
    analysed = analyse_articles(articles, processes=1, cache_root=None, model=None, summary_sentences=3, batch_size=4).articles
    assert analysed and any(a.mentions for a in analysed)
    for item in analysed:
        # Each mention once as analysed and once with every boolean field flipped, so a field
        # left at its default on the way back cannot pass unnoticed.
        flipped = [
            replace(m, **{f.name: not getattr(m, f.name) for f in fields(Mention) if isinstance(getattr(m, f.name), bool)})
            for m in item.mentions
        ]
        both = replace(item, mentions=item.mentions + flipped)
        data = json.loads(json.dumps(analysis_to_dict(both)))
        assert analysis_from_dict(data, item.article) == both
