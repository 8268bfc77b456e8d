"""ingest on the five real seeds: header fields read, junk gone, every real paragraph kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.ingest import read_seeds
from generator.model import Article


@pytest.fixture(scope="module")
def ingested(seeds_dir: Path) -> tuple[dict[str, Article], list]:
    articles, problems = read_seeds(seeds_dir)
    return {article.id[:3]: article for article in articles}, problems


def _removed(article: Article) -> str:
    return "\n".join(article.removed)


def test_all_seeds_read_without_problems(ingested, seeds_dir: Path) -> None:
    articles, problems = ingested
    assert problems == []
    assert sorted(a.source for a in articles.values()) == sorted(p.name for p in seeds_dir.glob("*.txt"))
    for article in articles.values():
        assert article.id == Path(article.source).stem
        assert len(article.content_hash) == 64


def test_seed_000_title_and_junk(ingested) -> None:
    article = ingested[0]["000"]
    assert article.title == "Turkey pulls rug from under Russia in humiliating blow as Putin charm offensive backfires"
    assert article.date is None and article.url is None
    text = article.text
    junk = [
        "Share post:",
        "READ MORE:",
        "[LATEST]",
        "[COMMENTS]",
        "[REPORT]",
        "Shock as Orban passes proposal",
        "Erdogan calls for support from Putin",
        "Please enter your comment!",
        "Please enter your name here",
        "Related articles",
        "UK weather forecast",
        "Weeks of mild, wet and windy",
        "Sprinkling less salt",
        "Martin Kemp",
        "Doddie Weir",
    ]
    for fragment in junk:
        assert fragment not in text, fragment
        assert fragment in _removed(article), fragment


def test_seed_000_keeps_quotes_and_body(ingested) -> None:
    article = ingested[0]["000"]
    texts = [p.text for p in article.paragraphs]
    kept = [
        "Samuel Ramani, associate fellow at the Royal United Services Institute",
        "“Even before the Ukraine war, Turkey has refused to supply drones to Russia.”",
        "They said: “In terms of force generation, Russia is effectively selling off the family silver.",
        "“The deployment of reserves links to a key point of assessment",
        "“We can’t yet speculate when exactly that point might be reached",
        "The official claimed “expensive, advanced weaponry",
        "“From Russia’s point of view they have expended a huge quantity",
        "But this would be a major embarrassment for Putin",
        "Last month, a Western official warned Russia risks running out of ammunition",
    ]
    for fragment in kept:
        assert any(t.startswith(fragment) for t in texts), fragment
    assert len(texts) == 19
    assert texts[0].startswith("Vladimir Putin has been desperately scrambling")
    assert not any(p.heading for p in article.paragraphs)


def test_seed_001_header_lines(ingested) -> None:
    article = ingested[0]["001"]
    assert article.title == "Putin running out of missiles jets and tanks because theyre made in Ukraine"
    assert article.date == "2022-04-04"
    assert article.url == "https://www.mirror.co.uk/news/world-news/putin-running-out-missiles-jets-26627647"
    assert article.publisher == "mirror.co.uk"
    assert article.paragraphs[0].text.startswith("Some estimates suggest")
    assert len(article.paragraphs) == 18  # one sentence per line, none joined
    assert "20220404" not in article.text and "mirror.co.uk" not in article.text
    assert article.removed == []


def test_seed_002_subheadings_and_tail_junk(ingested) -> None:
    article = ingested[0]["002"]
    assert article.title is None
    headings = [p.text for p in article.paragraphs if p.heading]
    assert headings == ["Iran wants to support Russia", "Military equipment is only from Russia", "Turkish drones against Russia"]
    for fragment in ["(SDA)", "Wannabe pop culture fanatic", "More Stories", "The Era of Digital Growth",
                     "Sustainable Acrylic Nail Options", "The Taliban want to silence women"]:
        assert fragment not in article.text, fragment
        assert fragment in _removed(article), fragment
    assert article.paragraphs[-1].text.startswith("On the other hand, in Syria")
    assert article.paragraphs[0].text.startswith("In addition to Iranian President Ibrahim Raisi")
    assert len(article.paragraphs) == 13


def test_seed_003_is_untouched(ingested) -> None:
    article = ingested[0]["003"]
    assert article.title is None
    assert article.removed == []
    assert len(article.paragraphs) == 17
    assert article.paragraphs[0].text.startswith("In a recent development")


def test_seed_004_captions_removed_body_kept(ingested) -> None:
    article = ingested[0]["004"]
    assert article.title is None
    removed = _removed(article)
    for fragment in ["(pictured Monday)", "(file image)",
                     "US National Security Adviser Jake Sullivan said Iran will train",
                     "such as this one that blew up in Nova Kakhova"]:
        assert fragment not in article.text, fragment
        assert fragment in removed, fragment
    texts = [p.text for p in article.paragraphs]
    for fragment in ["The trip marks on the second time Putin has been abroad",
                     "Bendett noted that before the Ukraine war",
                     "‘Initial training sessions slated to begin as soon as early July,’ Mr Sullivan said.",
                     "It is not clear whether any Iranian drones",
                     "Last month Biden and other NATO leaders pledged"]:
        assert any(t.startswith(fragment) for t in texts), fragment
    assert len(article.removed) == 4


def test_nothing_is_silently_lost(ingested, seeds_dir: Path) -> None:
    """Every non-empty source line is in the body, in ``removed`` or in a header field."""
    for article in ingested[0].values():
        raw = (seeds_dir / article.source).read_text(encoding="utf-8")
        body = article.text
        parked = set(article.removed)
        fields = {article.title, article.date, article.url}
        for line in raw.splitlines():
            line = " ".join(line.replace("\u00a0", " ").split())
            if not line:
                continue
            assert line in body or line in parked or line in fields or line == "20220404", (article.source, line)
