"""Editions end to end: a git repository made here, seeds committed over three days, one left uncommitted.

The dossier must say what each day added (overview, Editions page, Atom feed,
dossier.json), list the uncommitted seed as not yet published, write the same
bytes on a second build of the same commit, and say once, outside git, that
there are no editions.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from builds import FIXTURE_SEEDS, build
from generator.cli import main

ROOT = Path(__file__).resolve().parent.parent
ATOM = "{http://www.w3.org/2005/Atom}"
SITE_URL = "https://example.org/briefing/"
pytestmark = pytest.mark.slow

#: Seeds committed on each day (004 is left out); the follow-up of 002 stays uncommitted. The hostile
#: seed tests escaping in feed and pages.
DAYS = {
    "2024-03-01": ["000_786a4680b47ca245.txt", "001_ced04212048b39c6.txt"],
    "2024-03-05": ["002_a65a3486389211ff.txt"],
    "2024-03-09": ["003_ee23259b59b93aa8.txt", "005_hostile.txt"],
}
#: A second report of 002's event (its paragraphs, the headline first, the rest in reverse order), so
#: the dossier surely holds a story of two articles whatever the fitted story score makes of the real
#: seeds (002 and 004 report one trip but no longer group: see test_stories_seeds.py).
UNCOMMITTED = "006_follow_up.txt"
HOSTILE_TITLE = 'Markets <script>alert("feed")</script> & Co ]]> rally'
HOSTILE = f"""{HOSTILE_TITLE}

Shares in Alpha Holdings rose sharply on Tuesday after the company reported strong results for the quarter.

"We are very pleased with what the team has done this year," said Maria Lopez, the chief executive of Alpha Holdings.

Analysts in London said the figures were better than expected and that the outlook for the rest of the year remained good.
"""


def git(repo: Path, *args: str, day: str | None = None) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org",
           "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.org"}
    if day:
        # Late evening in New York is already the next day in UTC: the day is the committer's, in UTC.
        env["GIT_AUTHOR_DATE"] = f"{day}T12:00:00+0000"
        env["GIT_COMMITTER_DATE"] = f"{day}T12:00:00+0000"
    subprocess.run(["git", "-c", "commit.gpgsign=false", "-C", str(repo), *args], check=True, env=env,
                   capture_output=True)


def make_repository(repo: Path) -> Path:
    """A repository with seeds/ committed over the three DAYS and one seed left uncommitted."""
    seeds = repo / "seeds"
    seeds.mkdir(parents=True)
    git(repo, "init", "-q")
    for day, names in DAYS.items():
        for name in names:
            target = seeds / name
            if name == "005_hostile.txt":
                target.write_text(HOSTILE, encoding="utf-8")
            else:
                shutil.copyfile(FIXTURE_SEEDS / name, target)
            git(repo, "add", str(target.relative_to(repo)))
        git(repo, "commit", "-q", "-m", f"seeds of {day}", day=day)
    headline, *rest = (FIXTURE_SEEDS / DAYS["2024-03-05"][0]).read_text(encoding="utf-8").strip().split("\n")
    (seeds / UNCOMMITTED).write_text("\n".join([headline, *reversed(rest)]) + "\n", encoding="utf-8")
    return seeds


def config_with_site_url(folder: Path) -> Path:
    """mkdocs.yml with a public address, the theme read from the project."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("custom_dir: theme", f"custom_dir: {ROOT / 'theme'}")
    config = folder / "mkdocs.yml"
    config.write_text(f"site_url: {SITE_URL}\n{text}", encoding="utf-8")
    return config


def dossier_build(seeds: Path, out: Path, config: Path, *extra: str) -> int:
    return main(["build", "--seeds", str(seeds), "--content", str(out / "content"), "--site", str(out / "site"),
                 "--config", str(config), "--cache", str(out / "cache"), "--quiet", "--processes", "1", *extra])


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("editions")
    seeds = make_repository(out / "repo")
    assert dossier_build(seeds, out, config_with_site_url(out), "--strict") == 0  # every link and anchor resolves
    return out


@pytest.fixture(scope="module")
def data(built: Path) -> dict:
    return json.loads((built / "site" / "dossier.json").read_text(encoding="utf-8"))


def article_id(data: dict, source: str) -> str:
    return next(a["id"] for a in data["articles"] if a["source"] == source)


def test_added_in_dossier_json(data: dict) -> None:
    added = {a["source"]: a["added"] for a in data["articles"]}
    expected = {name: day for day, names in DAYS.items() for name in names}
    assert added == {**expected, UNCOMMITTED: None}


def test_editions_in_dossier_json(data: dict) -> None:
    editions = data["editions"]
    assert [e["date"] for e in editions] == ["2024-03-09", "2024-03-05", "2024-03-01"]
    for edition in editions:
        assert sorted(edition["articles"]) == sorted(article_id(data, n) for n in DAYS[edition["date"]])
    entities = {e["id"]: e for e in data["entities"]}
    # Every entity is new in exactly one edition: the day of the earliest article naming it.
    firsts = [i for e in editions for i in e["new_entities"]]
    assert len(firsts) == len(set(firsts))
    for edition in editions:
        for entity_id in edition["new_entities"]:
            assert entities[entity_id]["first_seen"] == edition["date"]
    putin = next(e for e in data["entities"] if e["name"] == "Vladimir Putin")
    assert putin["first_seen"] == "2024-03-01" and putin["id"] in editions[-1]["new_entities"]
    lopez = next(e for e in data["entities"] if e["name"] == "Maria Lopez")
    assert lopez["id"] in editions[0]["new_entities"]
    # Each story is new on its earliest article's day.
    for story in data["stories"]:
        days = sorted(a["added"] for a in data["articles"] if a["id"] in story["articles"] and a["added"])
        if days:
            assert story["id"] in next(e for e in editions if e["date"] == days[0])["new_stories"]


def test_overview_says_what_is_new(built: Path, data: dict) -> None:
    index = (built / "content" / "index.md").read_text(encoding="utf-8")
    assert index.index("## New in this edition") < index.index("## Stories")  # at the top
    section = index.split("## New in this edition", 1)[1].split("\n## ", 1)[0]
    assert "2024-03-09" in section and "2 new articles" in section
    newest = [a for a in data["articles"] if a["added"] == "2024-03-09"]
    for article in newest:
        assert f"articles/{article['id']}.md" in section
        assert article["summary"][0][:30] in section  # its one-line summary
    older = [a for a in data["articles"] if a["added"] in ("2024-03-01", "2024-03-05")]
    assert not any(f"articles/{a['id']}.md" in section for a in older)
    assert "people/maria-lopez.md" in section and "New people" in section  # first seen with them
    assert "people/vladimir-putin.md" not in section  # seen in an older edition
    assert "“We are very pleased" in section  # a quote from the new articles
    assert "[2 older editions](editions.md)" in section
    assert "1 article not yet published" in section
    assert "<script>" not in index  # seed text stays inert


def test_editions_page_lists_every_day_newest_first(built: Path, data: dict) -> None:
    page = (built / "content" / "editions.md").read_text(encoding="utf-8")
    positions = [page.index(f"## {day} {{: #edition-{day} }}") for day in ("2024-03-09", "2024-03-05", "2024-03-01")]
    assert positions == sorted(positions)
    for day, names in DAYS.items():
        block = page.split(f"## {day} ", 1)[1].split("\n## ", 1)[0]
        for name in names:
            assert f"articles/{article_id(data, name)}.md" in block
        assert f"{len(names)} article{'s' if len(names) > 1 else ''} added" in block
    first = page.split("## 2024-03-01 ", 1)[1].split("\n## ", 1)[0]
    assert "people/vladimir-putin.md" in first
    html = (built / "site" / "editions.html").read_text(encoding="utf-8")
    assert 'id="edition-2024-03-05"' in html and "&#60;script&#62;alert" in html and "<script>alert" not in html


def test_uncommitted_seed_is_not_yet_published(built: Path, data: dict) -> None:
    unpublished = article_id(data, UNCOMMITTED)
    page = (built / "content" / "editions.md").read_text(encoding="utf-8")
    section = page.split("## Not yet published", 1)[1]
    assert f"articles/{unpublished}.md" in section
    assert all(unpublished not in e["articles"] for e in data["editions"])
    article = (built / "content" / "articles" / f"{unpublished}.md").read_text(encoding="utf-8")
    assert "**Added:** not yet published" in article
    dated = (built / "content" / "articles" / f"{article_id(data, DAYS['2024-03-05'][0])}.md").read_text("utf-8")
    assert "**Added:** [2024-03-05](../editions.md#edition-2024-03-05)" in dated


def test_feed_is_valid_atom_by_added_day(built: Path, data: dict) -> None:
    raw = (built / "site" / "feed.xml").read_bytes()
    assert b"<script>" not in raw  # escaped, not markup
    feed = ET.fromstring(raw)
    assert feed.tag == f"{ATOM}feed"
    for tag in ("id", "title", "updated", "author"):
        assert feed.find(f"{ATOM}{tag}") is not None, tag
    assert feed.find(f"{ATOM}updated").text == "2024-03-09T00:00:00Z"
    self_link = feed.find(f"{ATOM}link[@rel='self']")
    assert self_link is not None and self_link.get("href") == SITE_URL + "feed.xml"
    entries = feed.findall(f"{ATOM}entry")
    committed = [a for a in data["articles"] if a["added"]]
    assert len(entries) == len(committed)
    days = [e.find(f"{ATOM}updated").text for e in entries]
    assert days == sorted(days, reverse=True)  # newest first
    by_page = {SITE_URL + a["page"]: a for a in data["articles"]}
    for entry in entries:
        for tag in ("id", "title", "updated", "summary"):
            assert entry.find(f"{ATOM}{tag}") is not None, tag
        href = entry.find(f"{ATOM}link").get("href")
        article = by_page[href]  # absolute, and a page of the site
        assert (built / "site" / article["page"]).is_file()
        assert entry.find(f"{ATOM}updated").text == f"{article['added']}T00:00:00Z"
        assert entry.find(f"{ATOM}title").text == " ".join(article["title"].split())
    titles = [e.find(f"{ATOM}title").text for e in entries]
    assert HOSTILE_TITLE in titles  # the text itself, intact once parsed
    assert article_id(data, UNCOMMITTED) not in raw.decode()


def test_every_page_links_the_feed(built: Path, data: dict) -> None:
    site = built / "site"
    for page, href in (("index.html", "feed.xml"), (data["articles"][0]["page"], "../feed.xml"),
                       ("people/vladimir-putin.html", "../feed.xml"), ("editions.html", "feed.xml")):
        html = (site / page).read_text(encoding="utf-8")
        assert f'<link rel="alternate" type="application/atom+xml" title="Briefing dossier" href="{href}">' in html
    report = (built / "content" / "report.md").read_text(encoding="utf-8")
    assert "**Feed:** feed.xml" in report


def test_story_feed(built: Path, data: dict) -> None:
    grouped = [s for s in data["stories"] if len(s["articles"]) > 1]
    assert grouped, "the fixture seeds hold a story of two articles"
    story = grouped[0]
    feed = ET.parse(built / "site" / "feeds" / f"{story['id']}.xml").getroot()
    hrefs = {e.find(f"{ATOM}link").get("href") for e in feed.findall(f"{ATOM}entry")}
    members = [a for a in data["articles"] if a["id"] in story["articles"] and a["added"]]
    assert hrefs == {SITE_URL + a["page"] for a in members}
    stories = (built / "content" / "stories.md").read_text(encoding="utf-8")
    assert f"feeds/{story['id']}.xml" in stories


def test_same_commit_builds_the_same_bytes(built: Path, tmp_path: Path) -> None:
    assert dossier_build(built / "repo" / "seeds", tmp_path, config_with_site_url(tmp_path), "--no-site") == 0
    first = {p.relative_to(built / "content"): p.read_bytes() for p in (built / "content").rglob("*") if p.is_file()}
    again = {p.relative_to(tmp_path / "content"): p.read_bytes() for p in (tmp_path / "content").rglob("*") if p.is_file()}
    assert first.keys() == again.keys() and Path("feed.xml") in first
    assert [name for name in first if first[name] != again[name]] == []


def test_committing_a_seed_dates_it_although_its_ingest_is_cached(built: Path, tmp_path: Path) -> None:
    """The added day is file metadata: a cached ingest entry (same bytes) must not keep the old answer."""
    shutil.copytree(built / "repo", tmp_path / "repo")
    shutil.copytree(built / "cache", tmp_path / "cache")
    seeds = tmp_path / "repo" / "seeds"
    git(tmp_path / "repo", "add", f"seeds/{UNCOMMITTED}")
    git(tmp_path / "repo", "commit", "-q", "-m", "one more", day="2024-03-12")
    result, _ = build(tmp_path, seeds=seeds)
    added = {a.analysed.article.source: a.analysed.article.added for a in result.dossier.articles}
    assert added[UNCOMMITTED] == "2024-03-12"
    newest = result.dossier.editions[0]
    assert newest.date == "2024-03-12"
    # Its story began on 2024-03-05 and grew today.
    story = next(s for s in result.dossier.stories if len(s.articles) > 1)
    assert newest.grown_stories == [story.id] and newest.new_stories == []
    index = (tmp_path / "content" / "index.md").read_text(encoding="utf-8")
    assert "**Stories that grew:** [" in index and f"stories.md#{story.id}" in index


def test_renamed_seed_keeps_its_day(built: Path, tmp_path: Path) -> None:
    shutil.copytree(built / "repo", tmp_path / "repo")
    git(tmp_path / "repo", "mv", f"seeds/{DAYS['2024-03-01'][0]}", "seeds/renamed.txt")
    git(tmp_path / "repo", "commit", "-q", "-m", "rename", day="2024-03-20")
    result, _ = build(tmp_path, seeds=tmp_path / "repo" / "seeds")
    added = {a.analysed.article.source: a.analysed.article.added for a in result.dossier.articles}
    assert added["renamed.txt"] == "2024-03-01"


def test_outside_git_there_are_no_editions_and_the_pages_say_so_once(tmp_path: Path) -> None:
    shutil.copytree(FIXTURE_SEEDS, tmp_path / "seeds")
    assert dossier_build(tmp_path / "seeds", tmp_path, config_with_site_url(tmp_path), "--no-site") == 0
    content = tmp_path / "content"
    data = json.loads((content / "dossier.json").read_text(encoding="utf-8"))
    assert [a["added"] for a in data["articles"]] == [None] * 5 and data["editions"] == []
    index = (content / "index.md").read_text(encoding="utf-8")
    assert index.count("not in a git repository") == 1
    assert "not yet published" not in index and "not yet published" not in (content / "editions.md").read_text()
    assert not (content / "feed.xml").exists()
    report = (content / "report.md").read_text(encoding="utf-8")
    assert "**Added dates:** the seeds folder is not in a git repository" in report
    assert "**Feed:** no feed: articles have no added dates" in report


def test_without_site_url_the_report_says_why_there_is_no_feed(built: Path, tmp_path: Path) -> None:
    assert dossier_build(built / "repo" / "seeds", tmp_path, ROOT / "mkdocs.yml", "--no-site") == 0
    assert not (tmp_path / "content" / "feed.xml").exists()
    report = (tmp_path / "content" / "report.md").read_text(encoding="utf-8")
    assert "**Feed:** no feed: site&#95;url is not set in mkdocs.yml" in report


def test_entity_pages_say_first_seen_and_list_newest_first(built: Path, data: dict) -> None:
    import re

    added = {a["id"]: a["added"] for a in data["articles"]}
    putin = next(e for e in data["entities"] if e["name"] == "Vladimir Putin")
    page = (built / "content" / putin["page"].replace(".html", ".md")).read_text(encoding="utf-8")
    assert "first seen 2024-03-01" in page.split("\n\n", 2)[1]
    listed = re.findall(r"^- \[[^\]]*\]\(\.\./articles/([^)]+)\.md\)", page.split("## Articles and mentions", 1)[1], re.M)
    assert sorted(listed) == sorted(putin["articles"]) and len(listed) >= 3
    days = [added[aid] or "" for aid in listed]  # not yet published ("") last
    assert len(set(days)) > 2 and days == sorted([d for d in days if d], reverse=True) + [d for d in days if not d]
