"""Assemble the Dossier: entities resolved across articles, quotes linked to speakers,
stories, related articles and the timeline.
"""

from __future__ import annotations

from pathlib import Path

from ..gcpause import paused_gc
from ..model import AnalysedArticle, Corrections, Dossier, LinkedArticle, LinkedQuote, Problem, TimelineItem
from .cache import TermCounts
from .editions import add_editions
from .entities import EntityIndex, link_entities
from generator.lexicon.gazetteer import load_places
from .speakers import apply_speaker_corrections
from .stories import group_stories


def link_dossier(
    analysed: list[AnalysedArticle], corrections: Corrections | None = None, cache_root: Path | None = None
) -> Dossier:
    """Cross-article stage: the analysed articles and the user's corrections (read by ingest) in, the Dossier out.

    ``cache_root`` is the build's cache folder, where the place index and each
    article's term counts are kept (None: everything computed in memory).
    Editions and first-seen days come from the articles' ``added`` days.
    """
    with paused_gc():
        places_problems = load_places(cache_root)
        term_counts = TermCounts(cache_root)
        dossier = _link(analysed, corrections or Corrections(), term_counts)
        add_editions(dossier)
        term_counts.save()
        dossier.problems.extend([*places_problems, *term_counts.problems])
        return dossier


def _link(analysed: list[AnalysedArticle], corrections: Corrections, term_counts: TermCounts) -> Dossier:
    index = link_entities(analysed, corrections)
    names = {entity_id: entity.name for entity_id, entity in index.entities.items()}
    stories, related = group_stories(analysed, index.by_article, names, term_counts, store=term_counts.cosines)
    articles = [
        LinkedArticle(
            analysed=item,
            people=index.by_article.get(item.article.id, {}).get("person", []),
            organisations=index.by_article.get(item.article.id, {}).get("organisation", []),
            places=index.by_article.get(item.article.id, {}).get("place", []),
            quotes=_link_quotes(item, index),
            related=related.get(item.article.id, []),
            mention_ids=_mention_ids(item, index),
        )
        for item in analysed
    ]
    problems = apply_speaker_corrections(articles, index.entities, corrections, index.lookup)
    return Dossier(
        articles=articles,
        entities=index.entities,
        stories=stories,
        timeline=_timeline(analysed),
        problems=[*problems, *index.problems],
    )


def _link_quotes(item: AnalysedArticle, index: EntityIndex) -> list[LinkedQuote]:
    """A speaker becomes a link only when the entity index is sure who it is."""
    article_id = item.article.id
    return [
        LinkedQuote(
            article=article_id,
            text=quote.text,
            speaker=quote.speaker,
            speaker_id=index.lookup(quote.speaker, article_id) if quote.speaker else None,
            kind=quote.kind,
            start=quote.start,
            end=quote.end,
        )
        for quote in item.quotes
    ]


def _mention_ids(item: AnalysedArticle, index: EntityIndex) -> list[tuple[int, int, str]]:
    """Where the text names an entity, for links in the article's text: the linker's own verdict per mention."""
    article_id = item.article.id
    found = []
    for mention in item.mentions:
        entity_id = index.lookup(mention.text, article_id)
        if entity_id is not None and entity_id in index.entities:
            found.append((mention.start, mention.end, entity_id))
    return found


def _timeline(analysed: list[AnalysedArticle]) -> list[TimelineItem]:
    """Publication dates and dated events; undated events last, in article order."""
    items: list[TimelineItem] = []
    for item in analysed:
        if item.article.date:
            items.append(TimelineItem(item.article.date, item.title, item.article.id, "published"))
        seen: set[tuple[str | None, str]] = set()
        for event in item.dates:
            key = (event.date, event.text)
            if key not in seen:
                seen.add(key)
                items.append(TimelineItem(event.date, event.text, item.article.id, "event", event.expression))
    order = {item.article.id: position for position, item in enumerate(analysed)}
    return sorted(items, key=lambda t: (t.date is None, t.date or "", order[t.article], t.kind != "published"))


