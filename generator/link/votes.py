"""Link phase 2, typing: the type of each name, and of each merged cluster of names.

Every name gets the type most of its mentions carry, adjusted by the
gazetteer (a country or capital is a place whatever the tagger said; a town
adds place votes) and by the name's own words ("Foreign Ministry" is an
organisation). A full name also counts its surname's person votes in the same
articles, so "Rustem Umerov" (tagged ORG once) is a person because "Umerov" is
one three times; and a 2-3 word name starting with a given name other people
of the dossier use leans to person.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from generator.lexicon.gazetteer import (
    KNOWN_ORGS,
    MEDIUM,
    STRONG,
    WEAK,
    fold,
    keyword_decides,
    keyword_type,
    lookup_place,
    named_after_place,
    region_of_place,
)
from generator.lexicon import words
from generator.link.capitalised import words_before
from generator.link.names import TYPE_RANK, TYPES, Name, Ref, votes_of
from generator.model import EntityType

PLACE_VOTES = {STRONG: 0, MEDIUM: 2, WEAK: 1}
KEYWORD_VOTES = 2
GIVEN_NAME_VOTES = 2
# Given names learned from annotated news (conll-train's gold people, by evaluation/given_names.py).
GIVEN_NAMES = words("given_names")


def decide(votes: Counter) -> EntityType:
    """Most votes wins; a tie goes to person, then organisation (the tagger's usual order)."""
    return max(TYPES, key=lambda t: (votes.get(t, 0), -TYPE_RANK[t]))


def vote_name(name: Name, extra: Counter | None = None) -> EntityType:
    """Type of one name: its mentions' votes, the gazetteer, the name's own words."""
    if name.key in KNOWN_ORGS:
        return "organisation"
    if name.place is not None and name.place.strength == STRONG:
        return "place"
    if name.place is not None and name.place.strength == MEDIUM and len(name.tokens) == 1:
        # A lone word that names a city of 100,000+: people come with full names.
        return "place"
    if name.keyword is not None and keyword_decides(name.key):
        return name.keyword
    if region_of_place(name.key):
        return "place"
    if named_after_place(name.key) and (len(name.tokens) >= 3 or not name.types.get("person")):
        # "Memphis Grizzlies": a team named after its city (two words may be a person:
        # "Charlotte Edwards", when a mention says so)
        return "organisation"
    votes = Counter(name.types)
    if extra:
        votes.update(extra)
    if name.place is not None:
        votes["place"] += PLACE_VOTES[name.place.strength]
    if name.keyword is not None:
        votes[name.keyword] += KEYWORD_VOTES
    return decide(votes)


def given_names(names: dict[str, Name]) -> tuple[Counter, Counter]:
    """First words of full names the text calls people, and of names it calls anything else.

    The dossier's own list of given names ("Amanda", "Rocco"), on top of those
    learned from annotated news (:data:`GIVEN_NAMES`, once each: "Graham" before
    the dossier names a Graham): evidence for two- and three-word names the
    tagger calls organisations. A word that also starts an organisation's or a
    place's name in the dossier ("Canadian", "Alberta") is no evidence.
    """
    given: Counter = Counter(GIVEN_NAMES)
    other: Counter = Counter()
    for rec in names.values():
        toks = rec.tokens
        if len(toks) < 2 or not toks[0].isalpha() or len(toks[0]) < 2:
            continue
        if rec.types.get("person", 0) > 0 and rec.place is None and rec.keyword is None and len(toks) <= 4:
            given[toks[0]] += 1
        if rec.types.get("person", 0) < sum(rec.types.values()) or rec.place or rec.keyword:
            other[toks[0]] += 1
    return given, other


def looks_personal(rec: Name, given: tuple[Counter, Counter]) -> bool:
    """A 2-3 word name starting with a given name that other people of the dossier use."""
    toks = rec.tokens
    if not 2 <= len(toks) <= 3 or rec.place is not None or rec.keyword is not None:
        return False
    if lookup_place(toks[0]) is not None:
        return False
    if not all(w[:1].isupper() for s in rec.surfaces for w in s.split()):
        return False
    people, others = given
    own_person = 1 if rec.types.get("person", 0) > 0 else 0
    own_other = 1 if rec.types.get("person", 0) < sum(rec.types.values()) else 0
    return people.get(toks[0], 0) - own_person >= 1 and others.get(toks[0], 0) - own_other == 0


def _no_place_but_a_town(word: str) -> bool:
    """A word that names no known place, or, if learned as a given name, only a small town
    ("Graham", Texas: a given name first; "Jordan", a country, is not taken)."""
    place = lookup_place(word)
    return place is None or (word in GIVEN_NAMES and place.strength == WEAK)


def named_in_full(rec: Name, names: dict[str, Name], texts: Callable[[int], str], given: tuple[Counter, Counter]) -> bool:
    """A lone word the text also writes after a given name of the dossier's people ("Josh
    Leivo and Sven Baertschi scored", "GRAHAM DELAET -- DeLaet is..."): a surname, even
    where the tagger missed the full name. Not a given name that is also a place or starts
    an organisation's name ("Jordan", "Canadian"); a learned given name that is only a
    small town's name is still one ("Graham")."""
    if rec.place is not None or rec.keyword is not None or rec.acronym or rec.key in KNOWN_ORGS:
        return False
    people, others = given
    for surface in sorted(rec.surfaces):
        # As written or all in capitals ("GRAHAM DELAET"), never in lower case ("won best"),
        # after one space on one line.
        for ai in sorted(rec.articles):
            for before in words_before(texts(ai), surface):
                word = fold(before)
                if f"{word} {rec.key}" in names:
                    continue  # a mention of its own: the short forms join it (or keep it apart)
                if people.get(word, 0) and not others.get(word, 0) and _no_place_but_a_town(word):
                    return True
    return False


def vote_types(names: dict[str, Name], local_keys: list[dict[str, Counter]], texts: Callable[[int], str] | None = None) -> None:
    """Set every name's type: single names alone first, then full names with their surnames' votes.

    ``texts(ai)`` is article ``ai``'s text: a lone word typed otherwise that the text
    writes after a given name of the dossier is a person (:func:`named_in_full`).
    """
    for rec in names.values():
        rec.place = lookup_place(rec.key)
        rec.keyword = keyword_type(rec.key)
    for rec in names.values():
        if len(rec.tokens) == 1:
            rec.type = vote_name(rec)
    given = given_names(names)
    if texts is not None:
        for rec in names.values():
            if len(rec.tokens) == 1 and rec.type != "person" and named_in_full(rec, names, texts, given):
                rec.type = "person"
    for rec in names.values():
        if len(rec.tokens) > 1:
            extra: Counter = Counter()
            last = rec.tokens[-1]
            short = names.get(last)
            if short is not None and rec.place is None:
                for ai in rec.articles:
                    if ai in short.articles:
                        # Only as a person: taggers often call a lone surname an
                        # organisation ("Vickers"), rarely the full name.
                        extra["person"] += local_keys[ai][last].get("person", 0)
            rec.type = vote_name(rec, extra)
            if rec.type == "organisation" and looks_personal(rec, given):
                extra["person"] += GIVEN_NAME_VOTES
                rec.type = vote_name(rec, extra)


def cluster_type(own: list[str], refs: list[Ref], analysed, names: dict[str, Name]) -> EntityType:
    """A person named in full stays a person; otherwise vote over every mention."""
    if any(len(names[k].tokens) > 1 and names[k].type == "person" for k in own):
        return "person"
    if len(own) == 1:
        return names[own[0]].type  # already voted over all its mentions
    for k in own:
        rec = names[k]
        if rec.key in KNOWN_ORGS:
            return "organisation"
        if rec.place is not None and rec.place.strength == STRONG and rec.type == "place":
            return "place"
    votes: Counter = Counter()
    for r in refs:
        mention = analysed[r.article].mentions[r.index]
        votes[mention.type] += votes_of(mention)
    best_place = max((names[k].place.strength for k in own if names[k].place), default=0)
    if best_place:
        votes["place"] += PLACE_VOTES[best_place]
    keywords = Counter(names[k].keyword for k in own if names[k].keyword)
    if keywords:
        kind = keywords.most_common(1)[0][0]
        if any(names[k].keyword == kind and keyword_decides(k) for k in own):
            return kind
        votes[kind] += KEYWORD_VOTES
    return decide(votes)
