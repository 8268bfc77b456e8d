"""Link phase 1, candidates: every mention becomes a reference to a *name* (its folded text).

A name (:class:`Name`) gathers what all mentions written that way say: their
types, their surface forms, the articles they are in. Linking then works on
names, never on all pairs of mentions. A known place's name that an article's
own context types as an organisation ("Leeds beat Chelsea 2-1") is kept as
another name, ``leeds#org``: the club is another referent than the city.

This module also holds the small helpers every later phase uses on names:
display forms, slugs, initials, spelling closeness and a union-find.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from rapidfuzz.distance import Levenshtein

from generator.lexicon import words
from generator.lexicon.gazetteer import Place, fold, lookup_place
from generator.model import ENTITY_TYPES, AnalysedArticle, EntityType

TYPES = ENTITY_TYPES
TYPE_RANK = {t: n for n, t in enumerate(TYPES)}
# Suffix of the name of a place the article's context makes an organisation ("Leeds beat
# Chelsea", "the city council"): a club or a body named after the place, another referent
# than the place, so another entity ("leeds" and "leeds#org"). "#" never survives analysis.
CLUB_SENSE = "#org"
ACRONYM = re.compile(r"^[A-Z][A-Z&]{1,6}$")
# Votes of a mention whose type the text's own words gave ("two-year-old Ayo", "Edmonton,
# Calgary, Brooks, Edson and Medicine Hat") against one the tagger's label alone gave.
EVIDENCED_VOTES = 2


def votes_of(mention) -> int:
    """How much one mention's type counts when its name is typed."""
    return EVIDENCED_VOTES if mention.evidenced else 1


FUNCTION_WORDS = words("acronym_skip_words")
PARTICLES = words("name_particles")


@lru_cache(maxsize=1 << 17)
def folded(text: str) -> str:
    """:func:`~generator.lexicon.gazetteer.fold`, remembered: linking folds the same few
    thousand names (mentions, aliases, roles) a hundred thousand times over a dossier."""
    return fold(text)


def tokens_of(key: str) -> tuple[str, ...]:
    return tuple(key.split())


#: Longest entity page name (before a clash suffix).
MAX_SLUG_CHARS = 80


@lru_cache(maxsize=1 << 16)
def slug_of(name: str) -> str:
    text = unicodedata.normalize("NFKD", name)
    text = text.encode("ascii", "ignore").decode("ascii").lower()
    text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    # A page name stays far under file-name limits (255 bytes) however long a name (or rename) is;
    # assign_ids keeps cut names that meet apart.
    return text[:MAX_SLUG_CHARS].rstrip("-") or "entity"


@lru_cache(maxsize=1 << 16)
def display(surface: str) -> str:
    """A surface form fit to show: no leading article, no possessive, single spaces."""
    text = " ".join(surface.split())
    if text[:4].lower() == "the " and len(text) > 4:
        text = text[4:]
    for tail in ("'s", "’s", "'", "’"):
        if text.endswith(tail) and len(text) > len(tail) + 1:
            text = text[: -len(tail)]
            break
    return text


def initials(surface: str) -> set[str]:
    """Acronyms a long name could be written as ("Royal United Services Institute ... " -> RUSI)."""
    words = [w for w in re.split(r"[\s\-]+", surface) if w]
    content = [w for w in words if w.lower() not in FUNCTION_WORDS]
    out: set[str] = set()
    if len(content) >= 2:
        out.add("".join(w[0] for w in content).upper())
        out.add("".join(w[0] for w in content if w.lower() not in PARTICLES).upper())
    # Words before the first function word: "Royal United Services Institute for ..." -> RUSI.
    head: list[str] = []
    for w in words:
        if w.lower() in FUNCTION_WORDS:
            break
        head.append(w)
    if 2 <= len(head) < len(words):
        out.add("".join(w[0] for w in head).upper())
    return {a for a in out if len(a) >= 2}


def close(a: str, b: str) -> bool:
    """Spelling variants: same first letter, edit distance 1 (2 for words of 9+ letters)."""
    if a == b:
        return True
    if a[:1] != b[:1] or min(len(a), len(b)) < 6:
        return False
    limit = 2 if min(len(a), len(b)) >= 9 else 1
    return Levenshtein.distance(a, b, score_cutoff=limit) <= limit



def one_word_slip(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Two names of as many words that differ in one word only, by a spelling slip (:func:`close`)."""
    if len(a) != len(b):
        return False
    diff = [(x, y) for x, y in zip(a, b) if x != y]
    return len(diff) == 1 and close(*diff[0])

class UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        parent = self.parent
        up = parent.get(x)
        if up is None:
            parent[x] = x
            return x
        if up == x:
            return x
        root = up
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:
            parent[x], x = root, parent[x]
        return root

    def union(self, keep: str, other: str) -> None:
        a, b = self.find(keep), self.find(other)
        if a != b:
            self.parent[b] = a


@dataclass
class Name:
    """Everything known about one folded name across the dossier."""

    key: str
    first: int  # global position of the first mention
    types: Counter = field(default_factory=Counter)
    surfaces: Counter = field(default_factory=Counter)
    articles: dict[int, int] = field(default_factory=dict)  # article index -> mentions
    type: EntityType = "person"
    place: Place | None = None
    keyword: EntityType | None = None
    # The rest of a country-led name the dossier writes ("Federal Reserve" of "U.S. Federal
    # Reserve"): a country's own body, set by merging.merge_country_named.
    national: bool = False
    tokens: tuple[str, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.tokens = tokens_of(self.key)

    @cached_property
    def acronym(self) -> bool:
        # Read only once every mention is counted: surfaces do not change after that.
        return any(ACRONYM.match(s) for s in self.surfaces)


@dataclass(slots=True)
class Ref:
    """One mention: where it is and which name it carries."""

    article: int
    index: int
    key: str
    order: int  # global order
    display: str = ""  # the mention's text as shown (display)
    sentence: str = ""  # the sentence holding the mention (Mention.sentence), for the entity index


def club_names(mentions) -> set[str]:
    """Known places this article mostly uses as organisations ("Leeds beat Chelsea 2-1").

    Not the surname of someone the article names in full: "Green" after
    "Damon Green" is the caddie, however a mention of him was typed.
    """
    lead: dict[str, int] = {}  # name -> its organisation votes minus its place and person votes
    surnames: set[str] = set()
    for m in mentions:
        key = folded(m.text)
        kind = m.type
        if kind == "organisation":
            lead[key] = lead.get(key, 0) + 1
        elif kind == "place" or kind == "person":
            lead[key] = lead.get(key, 0) - 1
            if kind == "person" and " " in key:
                surnames.add(key.rsplit(" ", 1)[1])
    return {key for key, votes in lead.items() if votes > 0 and key and key not in surnames and lookup_place(key) is not None}


def collect_names(analysed: list[AnalysedArticle]) -> tuple[dict[str, Name], list[Ref], list[dict[str, Counter]]]:
    """Every mention as a reference to its name; per article, the types each name's mentions carry."""
    names: dict[str, Name] = {}
    refs: list[Ref] = []
    local_keys: list[dict[str, Counter]] = []  # per article: key -> types of its mentions
    order = 0
    # mention text -> (its name or None when it is no name, the text as shown): a hundred
    # thousand mentions write a few thousand texts
    seen: dict[str, tuple[str | None, str]] = {}
    for ai, item in enumerate(analysed):
        counts: dict[str, Counter] = {}
        clubs = club_names(item.mentions)
        for mi, m in enumerate(item.mentions):
            text = m.text
            found = seen.get(text)
            if found is None:
                key = folded(text)
                if not key or not any(c.isalpha() for c in key):
                    key = None
                found = seen[text] = (key, display(text))
            key, shown = found
            if key is None:
                continue
            if clubs and key in clubs:
                key += CLUB_SENSE
            kind = m.type
            rec = names.get(key)
            if rec is None:
                rec = names[key] = Name(key=key, first=order)
            weight = votes_of(m)
            types = rec.types
            types[kind] = types.get(kind, 0) + weight
            surfaces = rec.surfaces
            surfaces[shown] = surfaces.get(shown, 0) + 1
            articles = rec.articles
            articles[ai] = articles.get(ai, 0) + 1
            local = counts.get(key)
            if local is None:
                local = counts[key] = Counter()
            local[kind] = local.get(kind, 0) + weight
            refs.append(Ref(ai, mi, key, order, shown, m.sentence))
            order += 1
        local_keys.append(counts)
    return names, refs, local_keys
