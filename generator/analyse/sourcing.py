"""How an article backs its claims: who it names, who it leaves unnamed, and where it hedges.

* named: people and organisations the article reports as speaking, by the
  fullest name it uses ("Jake Sullivan", "Kremlin", "CNN" from "according to CNN");
* unnamed: sources kept as their description, headed by a person or group noun
  ("Senior defence sources", "a Western official", "Ukrainian sources",
  "Critics") -- texts such as "reports" or "estimates" are not sources but
  hedges, and objects or fragments ("that", "a fully packed freezer") no source;
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

from ..lexicon import words
from ..model import Mention, Quote, Sourcing
from .quotes import reported_sources

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
NAME_PARTICLES = words("name_particles")


def assess_sourcing(doc: Doc, quotes: Sequence[Quote], mentions: Sequence[Mention] = ()) -> Sourcing:
    """Named and unnamed sources and hedged sentences of one article, each list in reading order.

    Only the subjects of reporting clauses count (``reported_sources``: the
    parse's subject of a speech verb, or the object of "according to"):

    * named: a person or an organisation the article names (its analysed
      mentions, or spaCy's PERSON/ORG spans) -- a place ("Canada said") or a
      word the parser took for a name ("Thursday", "Director") is not one;
    * unnamed: a description headed by a person or group noun
      (``lexicon/data/source_nouns.txt``: "a senior official", "people familiar
      with the talks", "critics") -- never an object, a pronoun or a name.
    """
    names = _KnownNames(doc, mentions)
    named: list[str] = []
    unnamed: list[str] = []
    for speaker in reported_sources(doc, mentions):
        if speaker.kind in {"person", "org"}:
            name = names.match(speaker.text, person=speaker.kind == "person")
            if name:
                _add(named, name)
        elif speaker.kind == "desc" and is_source_noun(speaker.head) and not names.match(speaker.text, person=True):
            _add(unnamed, speaker.text)
    for quote in quotes:
        name = names.match(quote.speaker, person=True) if quote.speaker else None
        if name:
            _add(named, name)
    return Sourcing(named=_fullest(named), unnamed=unnamed, hedged=hedged_sentences(doc))


def is_source_noun(head: str) -> bool:
    """A person or group noun, in the singular or a regular plural ("officials", "spokespeople")."""
    nouns = words("source_nouns")
    word = head.lower().replace("’", "'")
    if word in nouns:
        return True
    if word.endswith("ies") and word[:-3] + "y" in nouns:
        return True
    return word.endswith("s") and (word[:-1] in nouns or (word.endswith("es") and word[:-2] in nouns))


_ENT_TYPES = {"PERSON": "person", "ORG": "organisation", "GPE": "place", "LOC": "place", "NORP": "place", "FAC": "place"}


class _KnownNames:
    """The people and organisations an article names: its mentions and spaCy's PERSON/ORG spans."""

    def __init__(self, doc: Doc, mentions: Sequence[Mention]) -> None:
        # A span across a line break ("Justin Trudeau¶Trudeau urged …") is the parser's, not a name.
        found = [(m.text, m.type) for m in mentions] + [(e.text, _ENT_TYPES.get(e.label_, "")) for e in doc.ents]
        found = [(text, kind) for text, kind in found if "\n" not in text]
        self.people = {_fold(text) for text, kind in found if kind == "person"}
        self.orgs = {_fold(text) for text, kind in found if kind == "organisation"}
        self.places = {_fold(text) for text, kind in found if kind == "place"}
        self.people -= self.places
        self.orgs -= self.places
        self.people.discard("")
        self.orgs.discard("")

    def match(self, text: str, person: bool) -> str | None:
        """``text`` as a named person or organisation, trimmed of a leading title; None if it names neither.

        "Organizer Dwayne Croteau" -> "Dwayne Croteau"; "Canada", "Thursday" -> None.
        """
        text = re.sub(r"^the\s+", "", text.strip(), flags=re.IGNORECASE)  # "the European Union"
        words_ = text.split()
        if not words_ or not _looks_named(text):
            return None
        for start in range(len(words_)):
            candidate = " ".join(words_[start:])
            folded = _fold(candidate)
            if folded in self.people or folded in self.orgs:
                return candidate
            if not person:
                break  # an organisation is named whole
        return None


def _fold(text: str) -> str:
    """Case, curly apostrophes, a leading "the" and a possessive folded away."""
    text = " ".join(text.replace("’", "'").split()).lower()
    text = re.sub(r"^the ", "", text)
    return re.sub(r"'s?$", "", text)


def _fullest(named: list[str]) -> list[str]:
    """Drop a name that is the tail of a fuller one listed too ("Palvetzian" beside "Sevaun Palvetzian")."""
    folded = [_fold(n) for n in named]
    return [
        name for name, f in zip(named, folded)
        if not any(other != f and other.endswith(" " + f) for other in folded)
    ]


def hedged_sentences(doc: Doc) -> list[str]:
    """Sentences (clipped to their paragraph) holding a hedge, without repeats."""
    out: list[str] = []
    for sent in doc.sents:
        for part in sent.text.split("\n"):
            part = part.strip()
            if part and HEDGES.search(part):
                _add(out, part)
    return out


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
