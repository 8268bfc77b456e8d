"""Editions: what each day that added articles brought to the dossier.

A reader who opened the dossier yesterday wants today's articles and the
people, organisations and stories that came with them. Everything here is
derived from the articles' ``added`` days (set by ingest from git history),
so it is the same on every build of the same commit.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..model import Dossier, Edition, Story


def add_editions(dossier: Dossier) -> None:
    """Set each entity's ``first_seen`` and the dossier's editions (newest first)."""
    added = {a.id: a.analysed.article.added for a in dossier.articles}
    for entity in dossier.entities.values():
        entity.first_seen = _earliest(added.get(aid) for aid in entity.articles)
    dossier.editions = editions(dossier, added)


def editions(dossier: Dossier, added: dict[str, str | None]) -> list[Edition]:
    """One ``Edition`` per day that added articles, newest first.

    Articles keep the dossier's order; entities come by type, then most
    covered first; stories keep the dossier's order. A story is new on the day
    of its earliest article and grows on each later day that adds to it.
    """
    by_day: dict[str, Edition] = {}
    for article in dossier.articles:
        day = added[article.id]
        if day is not None:
            by_day.setdefault(day, Edition(day, [])).articles.append(article.id)
    type_rank = {"person": 0, "organisation": 1, "place": 2}
    fresh = sorted(
        (e for e in dossier.entities.values() if e.first_seen in by_day),
        key=lambda e: (type_rank[e.type], -len(e.articles), e.name, e.id),
    )
    for entity in fresh:
        by_day[entity.first_seen].new_entities.append(entity.id)  # type: ignore[index]
    for story in dossier.stories:
        _place_story(story, added, by_day)
    return [by_day[day] for day in sorted(by_day, reverse=True)]


def _place_story(story: Story, added: dict[str, str | None], by_day: dict[str, Edition]) -> None:
    days = sorted({day for aid in story.articles if (day := added.get(aid)) is not None})
    if not days:
        return
    by_day[days[0]].new_stories.append(story.id)
    for day in days[1:]:
        by_day[day].grown_stories.append(story.id)


def _earliest(days: Iterable[str | None]) -> str | None:
    known = [day for day in days if day]
    return min(known) if known else None

