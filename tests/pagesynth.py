"""A linked dossier of any size whose strings are as long as real ones, for page-length tests.

No spaCy: the dossier is made directly, so a test can render and lay out a
thousand-article site in a browser. Titles, summaries, quotes and timeline
sentences have the word counts of news copy; names recur with a long tail, as
in real coverage; stories hold one to four articles; the timeline has events
near the articles' time, background years far from it, and undated mentions.
"""

from __future__ import annotations

import random

from generator.model import (
    AnalysedArticle,
    Article,
    Dossier,
    Entity,
    EntityMention,
    LinkedArticle,
    LinkedQuote,
    Paragraph,
    Role,
    Sourcing,
    Story,
    TimelineItem,
)

_WORDS = (
    "government minister officials said talks council plan budget election police court report city river "
    "company workers union vote border trade deal market prices week month year health school families "
    "residents protest agreement investigation statement meeting capital region agency funding project"
).split()
_FIRST = "Anna Ben Carla David Elena Farid Grace Hugo Ines Jonas Kate Liam Maya Nora Omar Paula Quinn Rosa Sam Tara".split()
_LAST = (
    "Abbott Bauer Castillo Dunn Eriksen Fischer Garcia Hughes Ito Jansen Keller Lopez Moreau Nakamura Olsen Patel "
    "Quiroga Rossi Schmidt Tanaka Ueda Vargas Weber Xu Young Zimmer"
).split()


def _sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(_WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def _pick(rng: random.Random, pool: list[str], count: int) -> list[str]:
    """A long-tailed choice: low indexes (the much-covered names) come up far more often."""
    chosen: list[str] = []
    while len(chosen) < min(count, len(pool)):
        index = min(len(pool) - 1, int(rng.paretovariate(1.2)) - 1 + (0 if rng.random() < 0.5 else rng.randrange(len(pool))))
        if pool[index] not in chosen:
            chosen.append(pool[index])
    return chosen


def rich_dossier(n: int, dated: bool = True, seed: int = 7) -> Dossier:
    """``n`` articles with five people, three organisations, two places and three quotes each."""
    rng = random.Random(seed)
    entities: dict[str, Entity] = {}
    people = [f"p{i:05d}" for i in range(max(20, n * 3 // 2))]
    orgs = [f"o{i:05d}" for i in range(max(10, n // 2))]
    places = [f"l{i:05d}" for i in range(max(10, n // 4))]
    names = {pid: f"{_FIRST[i % len(_FIRST)]} {_LAST[(i // len(_FIRST)) % len(_LAST)]}{'' if i < 520 else i}" for i, pid in enumerate(people)}
    names.update({oid: f"{rng.choice(_LAST)} {rng.choice(['Agency', 'Council', 'Group', 'Union', 'Bank'])} {i}" for i, oid in enumerate(orgs)})
    names.update({lid: f"{rng.choice(_LAST)}ville {i}" for i, lid in enumerate(places)})
    articles: list[LinkedArticle] = []
    timeline: list[TimelineItem] = []
    for i in range(n):
        aid = f"a{i:05d}"
        date = f"{2018 + i % 3}-{1 + i % 12:02d}-{1 + i % 28:02d}" if dated else None
        cast = {"person": _pick(rng, people, 5), "organisation": _pick(rng, orgs, 3), "place": _pick(rng, places, 2)}
        for kind, ids in cast.items():
            for eid in ids:
                entity = entities.setdefault(eid, Entity(eid, kind, names[eid], [], []))  # type: ignore[arg-type]
                entity.articles.append(aid)
                entity.mentions.append(EntityMention(aid, _sentence(rng, 22).replace("Government", names[eid], 1)))
                entity.mention_count += 1
                if kind == "person" and len(entity.roles) < 3:
                    entity.roles.append({"article": aid, "text": f"{rng.choice(_WORDS)} {rng.choice(_WORDS)} director"})
        title = _sentence(rng, rng.randint(8, 14)).rstrip(".")
        paragraphs = [Paragraph(_sentence(rng, 30)) for _ in range(12)]
        article = Article(aid, f"{aid}.txt", title, date, f"https://news{i % 9}.example/{aid}", f"news{i % 9}.example", paragraphs)
        summary = [_sentence(rng, rng.randint(20, 30)) for _ in range(3)]
        quotes = [
            LinkedQuote(aid, _sentence(rng, rng.randint(18, 40)), names[speaker], speaker, "full")
            for speaker in cast["person"][:3]
        ]
        quotes.append(LinkedQuote(aid, _sentence(rng, 20), "a senior official", None, "full"))
        quotes.append(LinkedQuote(aid, _sentence(rng, 16), None, None, "full"))
        sourcing = Sourcing(named=[names[p] for p in cast["person"][:3]], unnamed=["a senior official"], hedged=[])
        roles = [Role(names[p], "director") for p in cast["person"][:2]]
        analysed = AnalysedArticle(article, title, False, summary, [], [], roles=roles, sourcing=sourcing)
        articles.append(LinkedArticle(analysed, cast["person"], cast["organisation"], cast["place"], quotes))
        year = 2018 + i % 3
        if date:
            timeline.append(TimelineItem(date, title, aid, "published"))
        for k in range(3):
            when = f"{year}-{1 + (i + k) % 12:02d}-{1 + (i * 3 + k) % 28:02d}"
            timeline.append(TimelineItem(when, _sentence(rng, 25), aid, "event", "on Monday"))
        if i % 4 == 0:
            timeline.append(TimelineItem(str(rng.choice([1883, 1945, 1990, 2050])), _sentence(rng, 25), aid, "event", "in 1883"))
        timeline.append(TimelineItem(None, _sentence(rng, 25), aid, "event", "last week"))
    stories, start = [], 0
    while start < n:
        size = rng.choice([1, 1, 2, 3, 4])
        members = [a.id for a in articles[start : start + size]]
        stories.append(Story(f"story-{start}", articles[start].analysed.title, members))
        start += size
    stories.sort(key=lambda s: (-len(s.articles), s.id))
    timeline.sort(key=lambda t: (t.date is None, t.date or "", t.article))
    return Dossier(articles, entities, stories, timeline)
