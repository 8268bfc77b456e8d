"""How an article backs its claims: who it names, who it leaves unnamed, and where it hedges.

* named: people and organisations the article reports as speaking, by the
  fullest name it uses ("Jake Sullivan", "Kremlin", "CNN" from "according to CNN");
* unnamed: sources kept as their description ("Senior defence sources",
  "a Western official", "Ukrainian sources", "Critics") -- texts such as
  "reports" or "estimates" are not sources but hedges, and are left out;
* hedged: sentences whose claims the writer does not stand behind ("it has
  been claimed", "said to be", "reportedly", "unverified", "allegations",
  "sources say", "according to … sources").

Sources come from the same reporting-clause analysis as the quote speakers
(``quotes.reported_sources``), plus the speakers of the quotes passed in.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Doc

from ..model import Mention, Quote, Sourcing
from .quotes import reported_sources
from .speakers import DOCUMENT_NOUNS

HEDGES = re.compile(
    r"\bit (?:has|had) been (?:claimed|reported|alleged|suggested|rumou?red|said|feared)\b"
    r"|\bit (?:is|was) (?:claimed|reported|alleged|understood|believed|thought|feared|rumou?red|said)\b"
    r"|\b(?:is|are|was|were|being|been) (?:said|reported|alleged|believed|thought|rumou?red|claimed|understood)"
    r" to\b"
    r"|\b(?:reportedly|allegedly|purportedly|reputedly|supposedly)\b"
    r"|\b(?:unverified|unconfirmed|unsubstantiated)\b"
    r"|\ballegations?\b|\balleged\b|\b(?:these|such|the) claims\b"
    r"|\bsources? (?:\w+ )?(?:say|says|said|claim|claimed|suggest|suggested|told|tell|close to)\b"
    r"|\baccording to (?:[\w’'-]+ ){0,4}(?:sources?|reports?|estimates?)\b"
    r"|\breports? (?:\w+ )?(?:say|says|said|suggest|suggested|indicate|indicated|claim|claimed)\b"
    r"|\bestimates? suggest"
    r"|\b(?:could|can|cannot|could not|has not been|have not been|was not|were not) "
    r"(?:be )?(?:independently )?(?:verified|confirmed)\b",
    re.IGNORECASE,
)
"""Phrases by which a writer distances themself from a claim."""
NAME_PARTICLES = frozenset({"de", "van", "von", "der", "al", "bin", "da", "di", "du", "la", "le"})


def assess_sourcing(doc: Doc, quotes: Sequence[Quote], mentions: Sequence[Mention] = ()) -> Sourcing:
    """Named and unnamed sources and hedged sentences of one article, each list in reading order."""
    named: list[str] = []
    unnamed: list[str] = []
    for speaker in reported_sources(doc, mentions):
        if speaker.kind in {"person", "org"}:
            _add(named, speaker.text)
        elif speaker.kind == "desc" and not _is_document(speaker.head):
            _add(unnamed, speaker.text)
    for quote in quotes:
        if quote.speaker and not _is_document(quote.speaker.split()[-1]):
            target = named if _looks_named(quote.speaker) else unnamed
            if not _known(quote.speaker, named, unnamed):
                _add(target, quote.speaker)
    return Sourcing(named=named, unnamed=unnamed, hedged=hedged_sentences(doc))


def hedged_sentences(doc: Doc) -> list[str]:
    """Sentences (clipped to their paragraph) holding a hedge, without repeats."""
    out: list[str] = []
    for sent in doc.sents:
        for part in sent.text.split("\n"):
            part = part.strip()
            if part and HEDGES.search(part):
                _add(out, part)
    return out


def _is_document(head: str) -> bool:
    word = head.lower()
    return word in DOCUMENT_NOUNS or (word.endswith("s") and word[:-1] in DOCUMENT_NOUNS)


def _looks_named(text: str) -> bool:
    """A proper name: every word capitalised (particles such as "van" aside)."""
    words = text.split()
    return bool(words) and all(w[:1].isupper() or w.lower() in NAME_PARTICLES for w in words) and (
        words[0].lower() not in {"a", "an", "the", "some", "several", "senior", "two", "three"}
    )


def _known(text: str, *lists: list[str]) -> bool:
    lower = text.lower()
    return any(lower == item.lower() for items in lists for item in items)


def _add(items: list[str], text: str) -> None:
    text = text.strip()
    if text and not _known(text, items):
        items.append(text)
