"""Page models for editions: the overview's "New in this edition", the Editions pages.

Templates lay these out. Every list a page shows is capped, with a count of
the rest and a link on, so a page's size does not grow with the dossier: the
overview links to the Editions page, which splits by year past
``EDITION_SPLIT`` articles like the timeline does.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from ..model import ENTITY_TYPES, Dossier, Edition, Entity, LinkedArticle, LinkedQuote
from .views import Page

#: Articles, entities per type, stories and quotes of the newest edition on the overview.
OVERVIEW_ARTICLES = 10
OVERVIEW_ENTITIES = 12
OVERVIEW_STORIES = 6
OVERVIEW_QUOTES = 4
#: Past this many articles in all editions, the Editions page becomes a page per year.
EDITION_SPLIT = 400
#: What one edition lists on the Editions page before "… and N more".
EDITION_ARTICLES = 100
EDITION_ENTITIES = 40
EDITION_STORIES = 30
#: Articles listed as not yet published.
UNPUBLISHED_LIMIT = 200

EDITIONS_PAGE = "editions.md"


@dataclass(frozen=True)
class Capped:
    """The first items of a list and how many more there are."""

    items: list[Any]
    more: int


def capped(items: list[Any], limit: int) -> Capped:
    return Capped(items[:limit], max(0, len(items) - limit))


def edition_page(day: str, year_pages: dict[str, str]) -> str:
    """Where the edition of ``day`` is listed, with its anchor."""
    return f"{year_pages.get(day[:4], EDITIONS_PAGE)}#edition-{day}"


def edition_view(
    edition: Edition, dossier: Dossier, *, articles: int, entities: int, stories: int
) -> dict[str, Any]:
    """What one edition shows, each list capped: articles, new entities by type, stories."""
    by_story = {s.id: s for s in dossier.stories}
    new_by_type = {
        kind: capped([i for i in edition.new_entities if dossier.entities[i].type == kind], entities)
        for kind in ENTITY_TYPES
    }
    # A story of one article is that article, already listed: new stories are those that group.
    grouped = [by_story[i] for i in edition.new_stories if i in by_story and len(by_story[i].articles) > 1]
    grown = [by_story[i] for i in edition.grown_stories if i in by_story]
    return {
        "date": edition.date,
        "count": len(edition.articles),
        "articles": capped(edition.articles, articles),
        "new_entities": new_by_type,
        "new_entity_count": len(edition.new_entities),
        "new_stories": capped(grouped, stories),
        "grown_stories": capped(grown, stories),
    }


def new_in_edition(dossier: Dossier, by_id: dict[str, LinkedArticle], years: dict[str, str]) -> dict[str, Any]:
    """The overview's first section: the newest edition (capped), or why there is none."""
    unpublished = unpublished_articles(dossier)
    if not dossier.editions:
        return {"edition": None, "unpublished": len(unpublished), "quotes": [], "edition_href": EDITIONS_PAGE}
    newest = dossier.editions[0]
    view = edition_view(
        newest, dossier, articles=OVERVIEW_ARTICLES, entities=OVERVIEW_ENTITIES, stories=OVERVIEW_STORIES
    )
    return {
        "edition": view,
        "older": len(dossier.editions) - 1,
        "unpublished": len(unpublished),
        "quotes": _edition_quotes(newest, by_id, dossier),
        "edition_href": edition_page(newest.date, years),
    }


def _edition_quotes(edition: Edition, by_id: dict[str, LinkedArticle], dossier: Dossier) -> list[LinkedQuote]:
    """Full quotes from the edition's articles, one per speaker, attributed ones first."""
    seen: set[str] = set()
    attributed: list[LinkedQuote] = []
    others: list[LinkedQuote] = []
    for article_id in edition.articles:
        for quote in by_id[article_id].quotes:
            if quote.kind != "full":
                continue
            known = quote.speaker_id in dossier.entities if quote.speaker_id else False
            who = quote.speaker_id if known else (quote.speaker or "")
            if who in seen:
                continue
            seen.add(who)
            (attributed if known else others).append(quote)
    return (attributed + others)[:OVERVIEW_QUOTES]


def unpublished_articles(dossier: Dossier) -> list[str]:
    """Articles without an ``added`` day in a dossier whose seeds have a history: not yet committed."""
    if not dossier.history.available:
        return []
    return [a.id for a in dossier.articles if not a.analysed.article.added]


def year_pages(dossier: Dossier) -> dict[str, str]:
    """Year -> its Editions page, when the editions list more than ``EDITION_SPLIT`` articles."""
    if sum(len(e.articles) for e in dossier.editions) <= EDITION_SPLIT:
        return {}
    return {year: f"editions/{year}.md" for year in sorted({e.date[:4] for e in dossier.editions}, reverse=True)}


def edition_pages(dossier: Dossier, common: dict[str, Any]) -> list[Page]:
    """The Editions page, and a page per year when it grows long (``common["edition_years"]``)."""
    years: dict[str, str] = common["edition_years"]
    views = [
        edition_view(e, dossier, articles=EDITION_ARTICLES, entities=EDITION_ENTITIES, stories=EDITION_STORIES)
        for e in dossier.editions
    ]
    context = {
        **common,
        "note": dossier.history.note,
        "available": dossier.history.available,
        "editions": [] if years else views,
        "years": {
            year: (sum(1 for v in views if v["date"][:4] == year), sum(v["count"] for v in views if v["date"][:4] == year))
            for year in years
        },
        "year_pages": years,
        "unpublished": capped(unpublished_articles(dossier), UNPUBLISHED_LIMIT),
    }
    pages = [Page(EDITIONS_PAGE, "editions.md.j2", context)]
    for year, path in years.items():
        chosen = [v for v in views if v["date"][:4] == year]
        pages.append(Page(path, "editions_year.md.j2", {**common, "year": year, "editions": chosen}))
    return pages


def newest_mentions_first(entity: Entity, by_id: dict[str, LinkedArticle]) -> Entity:
    """The entity with its articles and mentions ordered by the day each article was added, newest first.

    An analyst coming back to a person's page wants what is new about them on top.
    Articles without a day (no history, or not yet published) keep their order, last.
    """
    def rank(article_id: str) -> tuple[bool, int]:
        article = by_id.get(article_id)
        added = article.analysed.article.added if article else None
        return (added is None, -int(added.replace("-", "")) if added else 0)

    articles = sorted(entity.articles, key=rank)
    position = {aid: n for n, aid in enumerate(articles)}
    mentions = sorted(entity.mentions, key=lambda m: position.get(m.article, len(position)))
    return replace(entity, articles=articles, mentions=mentions)

