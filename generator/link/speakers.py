"""The user's speaker corrections (``speakers:`` in corrections.yml) applied to linked quotes.

A quote is found by its article (the seed's file name or the article id) and its
first words, never by a position or a number, so an entry keeps finding its quote
when other articles are added or the analysis changes. The speaker is an entity's
name, alias or id, or None for nobody. An entry that finds no article, no quote or
no entity is reported with the file and line, as the other sections are.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from generator.model import Corrections, Entity, LinkedArticle, Problem, SpeakerCorrection

# Quotation marks and dashes an analyst may or may not copy with the first words.
_MARKS_RE = re.compile(r"[\"'“”‘’«»„‟‹›\-–—…]")


def quote_key(text: str) -> str:
    """Text as compared: accents kept, case folded, quotation marks dropped, spacing folded."""
    text = unicodedata.normalize("NFC", _MARKS_RE.sub(" ", text)).casefold()
    return " ".join(text.split())


def apply_speaker_corrections(
    articles: list[LinkedArticle],
    entities: dict[str, Entity],
    corrections: Corrections,
    lookup: Callable[[str], str | None],
) -> list[Problem]:
    """Reassign the quotes the entries name, in place; one problem for each entry that matches nothing.

    ``lookup(name)`` gives the entity id a name, alias or id stands for (None when
    none, or when it is ambiguous).
    """
    problems: list[Problem] = []
    by_name: dict[str, LinkedArticle] = {}
    for article in articles:
        by_name.setdefault(article.analysed.article.source, article)
        by_name.setdefault(article.id, article)

    def warn(entry: SpeakerCorrection, why: str) -> None:
        problems.append(Problem(corrections.source, f"line {entry.line}: speakers: {why}", "warning"))

    for entry in corrections.speakers:
        article = by_name.get(entry.article) or by_name.get(entry.article.rsplit("/", 1)[-1])
        if article is None:
            warn(entry, f"'{entry.article}' names no article")
            continue
        start = quote_key(entry.quote)
        quotes = [q for q in article.quotes if start and quote_key(q.text).startswith(start)]
        if not quotes:
            warn(entry, f"no quote in '{entry.article}' starts with '{entry.quote}'")
            continue
        speaker_id: str | None = None
        if entry.speaker is not None:
            speaker_id = lookup(entry.speaker)
            if speaker_id is None or speaker_id not in entities:
                warn(entry, f"'{entry.speaker}' names no entity (or several; use its id)")
                continue
        for quote in quotes:
            quote.speaker_id = speaker_id
            quote.speaker = entities[speaker_id].name if speaker_id else None
    return problems
