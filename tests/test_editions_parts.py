"""Editions, part by part: reading git's log, the editions of a dossier, the feed's XML, site_url."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from generator.ingest.history import added_from_log, read_added_dates
from generator.link.editions import add_editions
from generator.model import (
    AnalysedArticle,
    Article,
    Dossier,
    Entity,
    LinkedArticle,
    Paragraph,
    SeedHistory,
    Story,
)
from generator.render.feed import FEED_ENTRIES, atom_feed
from generator.site.config import read_site_settings

ATOM = "{http://www.w3.org/2005/Atom}"
DAY1, DAY2, DAY3 = 1704110400, 1704196800, 1704283200  # 2024-01-01/02/03, noon UTC


def record(timestamp: int, *entries: tuple[str, ...]) -> bytes:
    """One commit as ``git log -z --format=%x1e%ct --name-status`` writes it."""
    fields = b"".join(b"\0".join(part.encode() for part in entry) + b"\0" for entry in entries)
    return b"\x1e" + str(timestamp).encode() + b"\0\n" + fields


def test_a_file_is_dated_by_the_commit_that_added_it() -> None:
    log = record(DAY2, ("A", "b.txt")) + record(DAY1, ("A", "a.txt"), ("A", "gone.txt"))
    assert added_from_log(log, {"a.txt", "b.txt", "new.txt"}) == {"a.txt": "2024-01-01", "b.txt": "2024-01-02"}


def test_renames_are_followed_back_to_the_addition() -> None:
    log = record(DAY3, ("R100", "b.txt", "c.txt")) + record(DAY2, ("R090", "a.txt", "b.txt")) + record(DAY1, ("A", "a.txt"))
    assert added_from_log(log, {"c.txt"}) == {"c.txt": "2024-01-01"}


def test_renames_in_one_commit_apply_together() -> None:
    log = record(DAY3, ("R100", "a.txt", "b.txt"), ("R100", "b.txt", "a.txt")) + record(DAY2, ("A", "b.txt")) + record(
        DAY1, ("A", "a.txt")
    )
    assert added_from_log(log, {"a.txt", "b.txt"}) == {"b.txt": "2024-01-01", "a.txt": "2024-01-02"}


def test_a_file_added_again_counts_from_its_latest_addition() -> None:
    log = record(DAY3, ("A", "a.txt")) + record(DAY1, ("A", "a.txt"))
    assert added_from_log(log, {"a.txt"}) == {"a.txt": "2024-01-03"}


def test_outside_git_no_article_has_a_day(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Some text.", encoding="utf-8")
    article = _article("a", "a.txt", added="2020-01-01")
    history, problems = read_added_dates(tmp_path, [article.analysed.article])
    assert not history.available and "not in a git repository" in history.note
    assert article.analysed.article.added is None and problems == []


def _article(aid: str, source: str, added: str | None = None, title: str = "Title", summary: str = "A sentence.") -> LinkedArticle:
    art = Article(aid, source, title, None, None, None, [Paragraph(summary)], added=added)
    return LinkedArticle(AnalysedArticle(art, title, False, [summary], [], []), [], [], [], [])


def _dossier() -> Dossier:
    articles = [
        _article("a", "a.txt", "2024-01-01"),
        _article("b", "b.txt", "2024-01-02"),
        _article("c", "c.txt", "2024-01-02"),
        _article("d", "d.txt", None),
    ]
    entities = {
        "old": Entity("old", "person", "Old Name", [], ["a", "b"]),
        "new": Entity("new", "organisation", "New Org", [], ["c"]),
        "later": Entity("later", "place", "Later Place", [], ["d"]),
    }
    stories = [Story("s-ab", "AB", ["a", "b"]), Story("s-c", "C", ["c"]), Story("s-d", "D", ["d"])]
    return Dossier(articles, entities, stories, history=SeedHistory(True, "git"))


def test_editions_say_what_each_day_added() -> None:
    dossier = _dossier()
    add_editions(dossier)
    assert [(e.date, e.articles) for e in dossier.editions] == [("2024-01-02", ["b", "c"]), ("2024-01-01", ["a"])]
    newest, oldest = dossier.editions
    assert newest.new_entities == ["new"] and oldest.new_entities == ["old"]
    assert newest.new_stories == ["s-c"] and newest.grown_stories == ["s-ab"] and oldest.new_stories == ["s-ab"]
    first_seen = {i: e.first_seen for i, e in dossier.entities.items()}
    assert first_seen == {"old": "2024-01-01", "new": "2024-01-02", "later": None}


def test_feed_escapes_seed_text_and_drops_what_xml_cannot_hold() -> None:
    title = 'A <b>bold</b> & "quoted" ]]> title\x0b\x00 with \U0001F600'
    articles = [_article("x", "x.txt", "2024-01-01", title=title, summary="Costs < 5 & rising\x1f.")]
    raw = atom_feed(articles, site_url="https://example.org/d", site_name="D & Co", title="D & Co", path="feed.xml")
    assert raw is not None and b"<b>" not in raw
    feed = ET.fromstring(raw)
    entry = feed.find(f"{ATOM}entry")
    assert entry.find(f"{ATOM}title").text == 'A <b>bold</b> & "quoted" ]]> title with \U0001F600'
    assert entry.find(f"{ATOM}summary").text == "Costs < 5 & rising."
    assert entry.find(f"{ATOM}link").get("href") == "https://example.org/d/articles/x.html"


def test_feed_holds_the_newest_articles_only() -> None:
    articles = [_article(f"a{n}", f"a{n}.txt", f"2024-01-{1 + n % 28:02d}") for n in range(FEED_ENTRIES + 20)]
    articles.append(_article("u", "u.txt", None))
    feed = ET.fromstring(atom_feed(articles, site_url="https://e.org/", site_name="D", title="D", path="feed.xml"))
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == FEED_ENTRIES
    days = [e.find(f"{ATOM}updated").text for e in entries]
    assert days == sorted(days, reverse=True) and days[0] == "2024-01-28T00:00:00Z"
    assert atom_feed([_article("u", "u.txt", None)], site_url="https://e.org/", site_name="D", title="D", path="f") is None


def test_site_url_is_read_with_mkdocs_tags(tmp_path: Path, monkeypatch) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: Brief\nsite_url: !ENV [DOSSIER_TEST_URL, 'https://fallback.example/']\n"
                      "markdown_extensions:\n  - pymdownx.emoji:\n      emoji_index: !!python/name:material.extensions.emoji.twemoji\n")
    assert read_site_settings(config).site_url == "https://fallback.example/"
    monkeypatch.setenv("DOSSIER_TEST_URL", "https://env.example/d/")
    assert read_site_settings(config).site_url == "https://env.example/d/"
    config.write_text("site_name: Brief\n")
    assert read_site_settings(config).site_url is None and read_site_settings(config).site_name == "Brief"


def _dated(n: int, day_of) -> tuple[Dossier, dict[str, bytes]]:
    """The render-scale synthetic dossier with ``added`` days, rendered."""
    from test_render_scale import synthetic

    from generator.render import render_dossier

    dossier = synthetic(n)
    for number, article in enumerate(dossier.articles):
        article.analysed.article.added = day_of(number)
    dossier.history = SeedHistory(True, "git")
    add_editions(dossier)
    files = render_dossier(dossier, {"articles": n, "files": n, "model": "test"}, site_url="https://e.org/", site_name="D")
    return dossier, files


def test_edition_pages_do_not_grow_with_the_dossier() -> None:
    """A first commit of every seed is one edition: the overview and Editions page cap it and link on."""
    sizes = {}
    for n in (250, 1000):
        _, files = _dated(n, lambda number: "2024-05-01")
        sizes[n] = {page: len(files[page]) for page in ("index.md", "editions.md", "feed.xml")}
        overview = files["index.md"].decode()
        assert f"{n} new articles" in overview and f"{n - 10} more in this edition" in overview
    for page in sizes[250]:
        assert sizes[1000][page] < 1.2 * sizes[250][page] + 5_000, (page, sizes)


def test_editions_split_by_year_past_the_limit() -> None:
    dossier, files = _dated(1000, lambda number: f"{2021 + number % 3}-0{1 + number % 9}-1{number % 7}")
    years = sorted(p for p in files if p.startswith("editions/"))
    assert years == ["editions/2021.md", "editions/2022.md", "editions/2023.md"]
    main = files["editions.md"].decode()
    assert all(f"]({p})" in main for p in years) and "## 20" not in main
    for edition in dossier.editions:
        page = files[f"editions/{edition.date[:4]}.md"].decode()
        assert f"{{: #edition-{edition.date} }}" in page
    # The overview and article pages link to the edition where it now lives.
    newest = dossier.editions[0]
    assert f"(editions/{newest.date[:4]}.md#edition-{newest.date})" in files["index.md"].decode()
    article = files[f"articles/{newest.articles[0]}.md"].decode()
    assert f"(../editions/{newest.date[:4]}.md#edition-{newest.date})" in article


def _git(repo: Path, *args: str, day: str | None = None, author: str | None = None) -> None:
    import os
    import subprocess

    env = {**os.environ, "GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "T", "GIT_COMMITTER_EMAIL": "t@example.org"}
    if day:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = day
    if author:
        env["GIT_AUTHOR_DATE"] = author
    subprocess.run(["git", "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", "-C", str(repo), *args],
                   check=True, env=env, capture_output=True)


def _seed_articles(seeds: Path) -> list[Article]:
    return [Article("", p.name, None, None, None, None, []) for p in sorted(seeds.glob("*.txt"))]


def test_committer_day_in_utc_and_merges_count_when_they_land(tmp_path: Path) -> None:
    repo, seeds = tmp_path / "repo", tmp_path / "repo" / "seeds"
    seeds.mkdir(parents=True)
    _git(repo, "init", "-q")
    (seeds / "a.txt").write_text("A.")
    _git(repo, "add", "-A")
    # Written on the 1st, committed late on the 2nd in New York: the 3rd in UTC.
    _git(repo, "commit", "-qm", "a", day="2024-01-02T22:00:00-0500", author="2024-01-01T10:00:00+0000")
    _git(repo, "checkout", "-qb", "side")
    (seeds / "b.txt").write_text("B.")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "b", day="2024-01-04T12:00:00+0000")
    _git(repo, "checkout", "-q", "main")
    _git(repo, "merge", "-q", "--no-ff", "-m", "merge b", "side", day="2024-01-09T12:00:00+0000")
    articles = _seed_articles(seeds)
    history, problems = read_added_dates(seeds, articles)
    assert history.available and problems == []
    assert {a.source: a.added for a in articles} == {"a.txt": "2024-01-03", "b.txt": "2024-01-09"}


def test_a_shallow_clone_is_a_warning(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / "seeds").mkdir(parents=True)
    _git(repo, "init", "-q")
    for n, day in enumerate(("2024-01-01", "2024-01-02")):
        (repo / "seeds" / f"{n}.txt").write_text("Text.")
        _git(repo, "add", "-A")
        _git(repo, "commit", "-qm", day, day=f"{day}T12:00:00+0000")
    _git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo}", "shallow")
    seeds = tmp_path / "shallow" / "seeds"
    articles = _seed_articles(seeds)
    history, problems = read_added_dates(seeds, articles)
    assert history.available and "shallow" in history.note
    assert [p.severity for p in problems] == ["warning"] and "fetch-depth: 0" in problems[0].message


def test_a_repository_without_commits_has_every_seed_unpublished(tmp_path: Path) -> None:
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "a.txt").write_text("A.")
    _git(tmp_path, "init", "-q")
    articles = _seed_articles(tmp_path / "seeds")
    history, _ = read_added_dates(tmp_path / "seeds", articles)
    assert history.available and articles[0].added is None


def test_without_git_installed_there_are_no_added_days(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "a.txt").write_text("A.")
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    articles = _seed_articles(tmp_path)
    history, problems = read_added_dates(tmp_path, articles)
    assert not history.available and history.note == "git is not installed" and problems == []
