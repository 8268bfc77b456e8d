"""Stories on the real seeds: the two Tehran-trip articles are one story, the Ukraine-Turkey one is not.

The seeds are cleaned here with a few crude rules (drop short/junk lines, stop at
"Related articles"), and entities get ids from spaCy entities with surnames as
person keys: just enough to feed ``group_stories`` without the other stages.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.link.stories import group_stories
from generator.model import AnalysedArticle, Article, Paragraph

_JUNK = re.compile(r"please enter|^share post|^read more|\[[A-Z]+\]$|^\(\w+\)$|^https?://", re.I)
_END = re.compile(r"^(related articles|more stories)$", re.I)
_TYPES = {"PERSON": "person", "ORG": "organisation", "GPE": "place", "LOC": "place"}


def _clean(path: Path) -> Article:
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
    title = date = None
    if lines and not lines[0].endswith(".") and len(lines[0].split()) < 20:
        title = lines.pop(0)
    body: list[str] = []
    for line in lines:
        if _END.match(line):
            break
        if re.fullmatch(r"\d{8}", line):
            date = f"{line[:4]}-{line[4:6]}-{line[6:]}"
        elif line and not _JUNK.search(line) and len(line.split()) >= 5:
            body.append(line)
    return Article(id=path.name[:3], source=path.name, title=title, date=date, url=None, publisher=None,
                   paragraphs=[Paragraph(t) for t in body])


@pytest.fixture(scope="module")
def seed_result(nlp, seeds_dir):
    articles: list[AnalysedArticle] = []
    entities: dict[str, dict[str, list[str]]] = {}
    names: dict[str, str] = {}
    for path in sorted(seeds_dir.glob("*.txt")):
        article = _clean(path)
        doc = nlp(article.text)
        title = article.title or next(doc.sents).text.strip()[:90]
        articles.append(AnalysedArticle(article=article, title=title, title_generated=article.title is None,
                                        summary=[], mentions=[], quotes=[]))
        found: dict[str, list[str]] = {"person": [], "organisation": [], "place": []}
        for ent in doc.ents:
            kind = _TYPES.get(ent.label_)
            if kind is None:
                continue
            text = re.sub(r"^the\s+|[’']s$", "", ent.text.strip(), flags=re.I)
            key = text.split()[-1] if kind == "person" else text
            entity_id = re.sub(r"[^a-z0-9]+", "-", key.lower()).strip("-")
            if entity_id and entity_id not in found[kind]:
                found[kind].append(entity_id)
            if len(text) > len(names.get(entity_id, "")):
                names[entity_id] = text
        entities[article.id] = found
    return group_stories(articles, entities, names)


def _story(stories, aid):
    [story] = [s for s in stories if aid in s.articles]
    return story


def test_tehran_trip_articles_are_one_story(seed_result):
    # Over five articles the dossier's own frequencies cannot tell a rare word from a common
    # one; the whole-text IDF leans on the background corpus there (stories.WholeIdf).
    stories, _ = seed_result
    assert _story(stories, "002") is _story(stories, "004")
    assert stories[0].articles == ["002", "004"]


def test_ukraine_turkey_investment_is_its_own_story(seed_result):
    stories, _ = seed_result
    assert _story(stories, "003").articles == ["003"]


def test_weapons_shortage_articles_stay_apart(seed_result):
    # 000 (Turkish drone maker refuses Russia) mentions the trip only in passing;
    # 001 (April: Russia short of Ukrainian-made parts) is another event.
    stories, _ = seed_result
    assert _story(stories, "000").articles == ["000"]
    assert _story(stories, "001").articles == ["001"]
    assert len(stories) >= 4


def test_related_reason_for_the_pair_names_sullivan(seed_result):
    _, related = seed_result
    other, reason = related["002"][0]
    assert other == "004"
    assert "Sullivan" in reason and reason.startswith("shared people: ")
    assert any(other == "004" for other, _ in related["000"])
