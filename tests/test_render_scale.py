"""Page size must not grow with the dossier: indexes page, split by letter or year, and cap."""

from __future__ import annotations

import re

import pytest

from generator.model import (
    AnalysedArticle,
    Article,
    Dossier,
    Entity,
    EntityMention,
    LinkedArticle,
    LinkedQuote,
    Paragraph,
    Story,
    TimelineItem,
)
from generator.render import render_dossier
from generator.render import workers as _workers

_REAL_SHARE = _workers._share

BOUNDED = ["index.md", "articles/index.md", "people/index.md", "quotes.md", "timeline.md", "stories.md"]


def synthetic(n: int) -> Dossier:
    """n articles, 2n people (some in many articles), a quote and two dated events each."""
    entities: dict[str, Entity] = {}
    articles = []
    for i in range(n):
        aid = f"a{i:05d}"
        people = list(dict.fromkeys([f"p{i:05d}", f"q{i:05d}", f"p{i % 7:05d}"]))
        for pid in people:
            entity = entities.setdefault(pid, Entity(pid, "person", f"Name{pid} Surname{pid[::-1]}", [], []))
            entity.articles.append(aid)
            entity.mentions.append(EntityMention(aid, f"Sentence naming {entity.name} in {aid}."))
            entity.mention_count += 1
        article = Article(aid, f"{aid}.txt", f"Title {i}", f"20{20 + i % 5}-0{1 + i % 9}-1{i % 9}", None, None,
                          [Paragraph(f"Body of article {i}.")])
        analysed = AnalysedArticle(article, f"Title {i}", False, [f"Summary {i}."], [], [])
        quotes = [LinkedQuote(aid, f"Quote number {i}", entities[people[0]].name, people[0], "full")]
        articles.append(LinkedArticle(analysed, people, [], [], quotes))
    timeline = [TimelineItem(a.analysed.article.date, f"Event in {a.id}", a.id, "event", "On Monday") for a in articles]
    timeline += [TimelineItem(None, f"Undated in {a.id}", a.id, "event", "last week") for a in articles]
    stories = [Story(f"story-{i}", f"Story {i}", [articles[i].id]) for i in range(n)]
    return Dossier(articles, entities, stories, sorted(timeline, key=lambda t: (t.date is None, t.date or "")))


def sizes(n: int) -> dict[str, int]:
    files = render_dossier(synthetic(n), {"articles": n, "files": n, "model": "test"})
    return {path: len(data) for path, data in files.items()}, files


def test_index_pages_do_not_grow_with_the_dossier() -> None:
    small, _ = sizes(250)
    large, files = sizes(1000)
    for page in BOUNDED:
        if page == "stories.md":
            continue  # one line per story by design; checked below to stay a list of links
        assert large[page] < 2.0 * small[page] + 20_000, (page, small[page], large[page])
    # print.md (the whole dossier, for printing) and dossier.json hold everything by design.
    assert max(v for k, v in large.items() if k not in ("print.md", "dossier.json")) < 150_000


def test_long_lists_are_split_into_reachable_pages() -> None:
    _, files = sizes(1000)
    assert "articles/index-20.md" in files and "articles/index-21.md" not in files
    assert files["articles/index.md"].decode().count("](") < 80
    letters = [p for p in files if p.startswith("people/letter-")]
    firsts = [p for p in letters if not re.search(r"-\d+\.md$", p)]
    assert firsts and all(f"]({p.split('/')[-1]})" in files["people/index.md"].decode() for p in firsts)
    for p in set(letters) - set(firsts):  # a long letter's later pages, from its first
        first = re.sub(r"-\d+\.md$", ".md", p)
        assert f"]({p.split('/')[-1]})" in files[first].decode()
    # Each timeline part is linked from the timeline page or from its first page.
    parts = [p for p in files if p.startswith("timeline/")]
    firsts = [p for p in parts if not re.search(r"-\d+\.md$", p) or re.fullmatch(r"timeline/\d{4}-\d{2}\.md", p)]
    assert parts and all(f"]({p})" in files["timeline.md"].decode() for p in firsts)
    # No speaker is left out: every one is on a Quotes page, none of which is long.
    quote_pages = [p for p in files if p == "quotes.md" or p.startswith("quotes/")]
    shown = "".join(files[p].decode() for p in quote_pages)
    assert shown.count("> “") == 1000
    assert max(files[p].decode().count("> “") for p in quote_pages) <= 40
    assert all(f"(quotes/{p.split('/')[-1]})" in files["quotes.md"].decode() for p in quote_pages if re.fullmatch(r"quotes/[a-z]+\.md", p))


def test_rendering_on_several_processes_gives_the_same_files(tmp_path) -> None:
    """Pages rendered in forked workers come back complete, in order, byte-identical."""
    dossier = synthetic(300)
    report = {"articles": 300, "files": 300, "model": "test"}
    serial = render_dossier(dossier, report, tmp_path / "one", workers=1)
    parallel = render_dossier(dossier, report, tmp_path / "three", workers=3)
    assert len(serial) > 400 and serial == parallel
    # Pictures drawn in any worker are known to the parent, so pruning keeps them all.
    assert sorted(p.name for p in (tmp_path / "one").iterdir()) == sorted(p.name for p in (tmp_path / "three").iterdir())
    assert any((tmp_path / "three").iterdir())


def test_print_page_keeps_full_texts_only_while_it_can_be_printed() -> None:
    _, small = sizes(250)
    _, large = sizes(1000)
    assert "Body of article 3." in small["print.md"].decode()
    text = large["print.md"].decode()
    assert "Body of article 3." not in text and "Summary 3." in text and "each article's own page prints whole" in text
    # Names, not links: on paper a link is only its name (each article keeps its own link).
    assert "Namep00003 Surname30000p" in text and "people/p00003.md" not in text
    assert "articles/a00003.md" in text


def test_named_with_only_for_entities_in_several_articles() -> None:
    """One article's company is that article's own list: the entity page does not repeat it."""
    _, files = sizes(20)
    assert "## Named with" not in files["people/q00010.md"].decode()  # named in one article
    several = files["people/p00001.md"].decode()  # named in every seventh article
    assert "## Named with" in several and "<svg" in several
    two = files["people/p00006.md"].decode()  # articles 6 and 13: the list, no picture
    assert "## Named with" in two and "<svg" not in two


def _die_in_children(index: int):
    """Stands in for workers._share: children exit as the OOM killer would leave them."""
    import os

    if index:
        os._exit(9)
    return _REAL_SHARE(index)


def test_a_rendering_worker_that_dies_fails_instead_of_hanging(monkeypatch) -> None:
    from concurrent.futures.process import BrokenProcessPool

    monkeypatch.setattr(_workers, "_share", _die_in_children)
    with pytest.raises(BrokenProcessPool):
        render_dossier(synthetic(300), {"articles": 300, "files": 300, "model": "test"}, workers=2)


def test_stories_pages_list_only_stories_that_group_articles() -> None:
    """A story of one article is that article: listing it would repeat the article list (GGT: 98 of 98)."""
    dossier = synthetic(12)
    first, second = dossier.articles[0].id, dossier.articles[1].id
    dossier.stories = [Story("story-pair", "A pair of reports", [first, second])] + [
        s for s in dossier.stories if s.articles[0] not in (first, second)
    ]
    files = {path: data.decode() for path, data in render_dossier(dossier, {"articles": 12, "files": 12, "model": "test"}).items()}
    stories = files["stories.md"]
    assert "## A pair of reports" in stories and "Story 5" not in stories
    assert "10 articles are in no story with another; they are listed under [Articles](articles/index.md)." in stories
    pages = {a.id: next(p for p in files if p.startswith("articles/") and a.id in p) for a in dossier.articles}
    assert "**Story:** [A pair of reports](../stories.md#story-pair)" in files[pages[first]]
    assert "**Story:**" not in files[pages[dossier.articles[5].id]]
    assert "**1** story brings two or more articles together." in files["index.md"]
    alone = {p: d.decode() for p, d in render_dossier(synthetic(5), {"articles": 5, "files": 5, "model": "test"}).items()}
    assert "*No two articles are about the same event yet.*" in alone["stories.md"]
    assert "No two articles are about the same event yet: each stands alone" in alone["index.md"]
    assert not any("**Story:**" in d for p, d in alone.items() if p.startswith("articles/"))
