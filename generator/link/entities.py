"""One entity per real-world referent across the whole dossier.

The analyse stage hands over cleaned mentions, each with the type its own
context suggests. Linking then works on *names* (the folded text of a
mention, see :func:`gazetteer.fold`), never on all pairs of entities:

1. **Votes.** A known place's name that the article's own context types as an
   organisation (a club named after its city) is kept apart from the place. Every name gets the type most of its mentions carry, adjusted
   by the gazetteer (a country or capital is a place whatever the tagger
   said; a town adds place votes) and by the name's own words ("Foreign
   Ministry" is an organisation). A full name also counts its surname's
   person votes in the same articles, so "Rustem Umerov" (tagged ORG once) is
   a person because "Umerov" is one three times.
2. **Merging names.** Spelling variants of one place ("Kiev", "Kyiv"; "US",
   "America", "United States"); acronyms the text defines ("Royal United
   Services Institute ... (RUSI)", "Mohammed Bin Salman ... MBS", checked in
   the same article); fuller and shorter full names ("Recep Erdogan" ->
   "Recep Tayyip Erdogan"); and small spelling slips between names of one
   type, compared with rapidfuzz only among names sharing a first or last word
   or their first three letters.
3. **Short forms.** "Putin", "Mr Sullivan", "Bin Salman" become the person
   whose full name ends that way: first in the same article; then, when the
   article names no such person, the one person in the dossier with that
   surname, provided the two articles share another person or organisation
   (the text supports it). Two candidates means no guess.
4. **The user's corrections** (``corrections.yml``), then ids.

Entity ids are ASCII slugs of the canonical name; on a clash the type is
added, then a counter, in a fixed order (more mentions first).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from rapidfuzz.distance import Levenshtein

from generator.link.corrections import Correction, Corrections
from generator.link.gazetteer import (
    KNOWN_ORGS,
    MEDIUM,
    STRONG,
    WEAK,
    Place,
    fold,
    keyword_decides,
    keyword_type,
    lookup_place,
)
from generator.lexicon import words
from generator.model import AnalysedArticle, Entity, EntityMention, EntityType, Problem

TYPES: tuple[EntityType, ...] = ("person", "organisation", "place")
_TYPE_RANK = {t: n for n, t in enumerate(TYPES)}
_PLACE_VOTES = {STRONG: 0, MEDIUM: 2, WEAK: 1}
_KEYWORD_VOTES = 2
_GIVEN_NAME_VOTES = 2
# Suffix of the name of a place the article's context makes an organisation ("Leeds beat
# Chelsea", "the city council"): a club or a body named after the place, another referent
# than the place, so another entity ("leeds" and "leeds#org"). "#" never survives analysis.
CLUB_SENSE = "#org"
# A short form two people of its article could own: left unlinked, never guessed.
AMBIGUOUS = "\x00ambiguous"
_ACRONYM = re.compile(r"^[A-Z][A-Z&]{1,6}$")
_FUNCTION_WORDS = frozenset({"of", "for", "and", "the", "on", "in", "de", "&", "to"})
_PARTICLES = words("name_particles")
_COMPLEMENT_WORDS = frozenset("of for to at with from by and or".split())


# --------------------------------------------------------------------------- names


def _tokens(key: str) -> tuple[str, ...]:
    return tuple(key.split())


def _slug(name: str) -> str:
    text = unicodedata.normalize("NFKD", name)
    text = text.encode("ascii", "ignore").decode("ascii").lower()
    text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    return text or "entity"


@lru_cache(maxsize=1 << 16)
def _display(surface: str) -> str:
    """A surface form fit to show: no leading article, no possessive, single spaces."""
    text = " ".join(surface.split())
    if text[:4].lower() == "the " and len(text) > 4:
        text = text[4:]
    for tail in ("'s", "’s", "'", "’"):
        if text.endswith(tail) and len(text) > len(tail) + 1:
            text = text[: -len(tail)]
            break
    return text


def _initials(surface: str) -> set[str]:
    """Acronyms a long name could be written as ("Royal United Services Institute ... " -> RUSI)."""
    words = [w for w in re.split(r"[\s\-]+", surface) if w]
    content = [w for w in words if w.lower() not in _FUNCTION_WORDS]
    out: set[str] = set()
    if len(content) >= 2:
        out.add("".join(w[0] for w in content).upper())
        out.add("".join(w[0] for w in content if w.lower() not in _PARTICLES).upper())
    # Words before the first function word: "Royal United Services Institute for ..." -> RUSI.
    head: list[str] = []
    for w in words:
        if w.lower() in _FUNCTION_WORDS:
            break
        head.append(w)
    if 2 <= len(head) < len(words):
        out.add("".join(w[0] for w in head).upper())
    return {a for a in out if len(a) >= 2}


def _close(a: str, b: str) -> bool:
    """Spelling variants: same first letter, edit distance 1 (2 for words of 9+ letters)."""
    if a == b:
        return True
    if a[:1] != b[:1] or min(len(a), len(b)) < 6:
        return False
    limit = 2 if min(len(a), len(b)) >= 9 else 1
    return Levenshtein.distance(a, b, score_cutoff=limit) <= limit


# --------------------------------------------------------------------------- union-find


class _UnionFind:
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


# --------------------------------------------------------------------------- records


@dataclass
class _Name:
    """Everything known about one folded name across the dossier."""

    key: str
    first: int  # global position of the first mention
    types: Counter = field(default_factory=Counter)
    surfaces: Counter = field(default_factory=Counter)
    articles: dict[int, int] = field(default_factory=dict)  # article index -> mentions
    type: EntityType = "person"
    place: Place | None = None
    keyword: EntityType | None = None
    tokens: tuple[str, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.tokens = _tokens(self.key)

    @cached_property
    def acronym(self) -> bool:
        # Read only once every mention is counted: surfaces do not change after that.
        return any(_ACRONYM.match(s) for s in self.surfaces)


@dataclass(slots=True)
class _Ref:
    """One mention: where it is and which name it carries."""

    article: int
    index: int
    key: str
    order: int  # global order
    display: str = ""  # the mention's text as shown (_display)


@dataclass
class _Cluster:
    id: str
    type: EntityType
    name: str
    keys: set[str]
    refs: list[_Ref]
    surfaces: Counter


# --------------------------------------------------------------------------- the index


@dataclass
class EntityIndex:
    """Linked entities, their lists per article, and name lookup for quote speakers."""

    entities: dict[str, Entity]
    by_article: dict[str, dict[str, list[str]]]
    problems: list[Problem] = field(default_factory=list)
    _local: dict[tuple[str, str], str] = field(default_factory=dict, repr=False)
    _alias: dict[str, list[str]] = field(default_factory=dict, repr=False)
    _surname: dict[str, list[str]] = field(default_factory=dict, repr=False)

    def lookup(self, name: str, article_id: str | None = None) -> str | None:
        """The entity id a speaker name or alias stands for, or None.

        Titles and descriptions in front are tried away one word at a time
        ("Kremlin spokesman Dmitry Peskov" -> "Dmitry Peskov"; "Mr Sullivan"
        -> "Sullivan"), but never past a preposition ("the wife of Vladimir
        Putin" is None). Inside ``article_id`` the article's own names win; a
        surname shared by two people in the dossier gives None.
        """
        words = fold(name).split()
        for start in range(len(words)):
            if start and words[start - 1] in _COMPLEMENT_WORDS:
                break  # "the wife of Vladimir Putin" is not Vladimir Putin
            key = " ".join(words[start:])
            if article_id is not None:
                found = self._local.get((article_id, key))
                if found:
                    return found
            ids = self._alias.get(key, [])
            if len(ids) == 1:
                return ids[0]
            if len(ids) > 1:
                return None
            if len(words) - start == 1:
                ids = self._surname.get(key, [])
                return ids[0] if len(ids) == 1 else None
        return None


def _decide(votes: Counter) -> EntityType:
    """Most votes wins; a tie goes to person, then organisation (the tagger's usual order)."""
    return max(TYPES, key=lambda t: (votes.get(t, 0), -_TYPE_RANK[t]))


def _vote_name(name: _Name, extra: Counter | None = None) -> EntityType:
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
    votes = Counter(name.types)
    if extra:
        votes.update(extra)
    if name.place is not None:
        votes["place"] += _PLACE_VOTES[name.place.strength]
    if name.keyword is not None:
        votes[name.keyword] += _KEYWORD_VOTES
    return _decide(votes)


def link_entities(analysed: list[AnalysedArticle], corrections: Corrections | None = None) -> EntityIndex:
    """Resolve every article's mentions to dossier-wide entities."""
    corrections = corrections or Corrections()
    article_ids = [a.article.id for a in analysed]

    # ---- 1. names and their votes
    names: dict[str, _Name] = {}
    refs: list[_Ref] = []
    local_keys: list[dict[str, Counter]] = []  # per article: key -> types of its mentions
    order = 0
    key_of: dict[str, str | None] = {}  # mention text -> its name, None when it is no name
    for ai, item in enumerate(analysed):
        counts: dict[str, Counter] = {}
        clubs = _club_names(item.mentions)
        for mi, m in enumerate(item.mentions):
            text = m.text
            if text in key_of:
                key = key_of[text]
            else:
                key = fold(text)
                if not key or not any(c.isalpha() for c in key):
                    key = None
                key_of[text] = key
            if key is None:
                continue
            if key in clubs:
                key += CLUB_SENSE
            rec = names.get(key)
            if rec is None:
                rec = names[key] = _Name(key=key, first=order)
            rec.types[m.type] += 1
            display = _display(text)
            rec.surfaces[display] += 1
            rec.articles[ai] = rec.articles.get(ai, 0) + 1
            local = counts.get(key)
            if local is None:
                local = counts[key] = Counter()
            local[m.type] += 1
            refs.append(_Ref(ai, mi, key, order, display))
            order += 1
        local_keys.append(counts)

    for rec in names.values():
        rec.place = lookup_place(rec.key)
        rec.keyword = keyword_type(rec.key)
    # First pass: single names alone; then full names with their surnames' votes.
    for rec in names.values():
        if len(rec.tokens) == 1:
            rec.type = _vote_name(rec)
    given = _given_names(names)
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
            rec.type = _vote_name(rec, extra)
            if rec.type == "organisation" and _looks_personal(rec, given):
                extra["person"] += _GIVEN_NAME_VOTES
                rec.type = _vote_name(rec, extra)

    # ---- 2. merging names
    uf = _UnionFind()
    for key in names:
        uf.find(key)
    _merge_places(names, uf)
    _merge_acronyms(names, local_keys, uf)
    full_by_last = _merge_full_names(names, uf)
    context = _Context(names, local_keys)
    _merge_spelling(names, uf, context)
    context.freeze(uf)

    # ---- 3. short forms, per article
    assign: dict[tuple[int, str], str] = {}
    used_for: dict[str, set[str]] = defaultdict(set)  # short form -> people it stood for
    unresolved: list[tuple[int, str]] = []
    for ai, keys in enumerate(local_keys):
        local_full = [k for k in keys if names[k].type == "person" and len(names[k].tokens) > 1]
        for key in sorted(keys):
            target = _resolve_local(names[key], keys[key], local_full, names, uf)
            if target is None:
                unresolved.append((ai, key))
            elif target != uf.find(key):
                assign[(ai, key)] = target
                if target != AMBIGUOUS:
                    used_for[key].add(target)
    for ai, key in unresolved:
        target = _resolve_dossier(names[key], ai, local_keys[ai][key], names, uf, full_by_last, used_for, context)
        if target is not None and target != uf.find(key):
            assign[(ai, key)] = target

    # ---- clusters
    members: dict[str, list[_Ref]] = defaultdict(list)
    for ref in refs:
        root = assign.get((ref.article, ref.key)) or uf.find(ref.key)
        if root == AMBIGUOUS:
            continue
        members[root].append(ref)
    clusters: list[_Cluster] = []
    for root, rrefs in members.items():
        keys = {r.key for r in rrefs}
        own = sorted(k for k in keys if uf.find(k) == root) or sorted(keys)
        ctype = _cluster_type(own, rrefs, analysed, names)
        surfaces: Counter = Counter()
        for r in rrefs:
            surfaces[r.display] += 1
        name = _canonical(ctype, own, rrefs, analysed, names)
        clusters.append(_Cluster("", ctype, name, keys, sorted(rrefs, key=lambda r: r.order), surfaces))
    clusters.sort(key=lambda c: c.refs[0].order)
    _assign_ids(clusters)

    # ---- 4. corrections
    problems: list[Problem] = []
    if corrections:
        clusters = _apply_corrections(clusters, corrections, problems)
        _assign_ids(clusters)

    return _build_index(clusters, analysed, article_ids, problems)


# --------------------------------------------------------------------------- helpers


def _club_names(mentions) -> set[str]:
    """Known places this article mostly uses as organisations ("Leeds beat Chelsea 2-1")."""
    votes: dict[str, Counter] = defaultdict(Counter)
    for m in mentions:
        if m.type in ("organisation", "place"):
            votes[fold(m.text)][m.type] += 1
    return {
        key
        for key, v in votes.items()
        if v["organisation"] > v["place"] and key and lookup_place(key) is not None
    }


class _Context:
    """Who else an article names: the evidence that two articles talk about the same people.

    An article's context is its organisations and its people named in full.
    Two names are "supported" as one referent when their articles share
    something in context besides themselves.
    """

    def __init__(self, names: dict[str, _Name], local_keys: list[dict[str, Counter]]) -> None:
        self.names = names
        self.local_keys = local_keys
        self.keys_of: list[set[str]] = [
            {
                k
                for k in keys
                if names[k].type == "organisation" or (names[k].type == "person" and len(names[k].tokens) > 1)
            }
            for keys in local_keys
        ]
        self.uf: _UnionFind | None = None
        self._roots: dict[int, set[str]] = {}
        self._cooc: dict[str, set[str]] = {}
        self._members: dict[str, list[str]] = {}

    def share(self, a: str, b: str) -> bool:
        """Names ``a`` and ``b`` appear together, or their articles share context."""
        arts_a, arts_b = self.names[a].articles, self.names[b].articles
        if any(ai in arts_b for ai in arts_a):
            return True
        around_a: set[str] = set()
        for ai in arts_a:
            around_a |= self.keys_of[ai]
        around_a -= {a, b}
        return any(self.keys_of[ai] & around_a for ai in arts_b)

    def freeze(self, uf: _UnionFind) -> None:
        """Switch to cluster roots once names are merged."""
        self.uf = uf
        for key in self.names:
            self._members.setdefault(uf.find(key), []).append(key)

    def roots(self, ai: int) -> set[str]:
        assert self.uf is not None
        if ai not in self._roots:
            self._roots[ai] = {self.uf.find(k) for k in self.keys_of[ai]}
        return self._roots[ai]

    def cooccurring(self, root: str) -> set[str]:
        """Roots named in any article that names ``root``."""
        if root not in self._cooc:
            arts: set[int] = set()
            for k in self._members.get(root, [root]):
                arts.update(self.names[k].articles)
            out: set[str] = set()
            for ai in sorted(arts):
                out |= self.roots(ai)
            out.discard(root)
            self._cooc[root] = out
        return self._cooc[root]


def _given_names(names: dict[str, _Name]) -> tuple[Counter, Counter]:
    """First words of full names the text calls people, and of names it calls anything else.

    The dossier's own list of given names ("Amanda", "Rocco"): evidence for
    two- and three-word names the tagger calls organisations. A word that
    also starts an organisation's or a place's name ("Canadian", "Alberta")
    is no evidence.
    """
    given: Counter = Counter()
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


def _looks_personal(rec: _Name, given: tuple[Counter, Counter]) -> bool:
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


def _merge_places(names: dict[str, _Name], uf: _UnionFind) -> None:
    """Names of one known place ("Kiev", "Kyiv") become one entity."""
    by_place: dict[str, list[str]] = defaultdict(list)
    for key, rec in names.items():
        if rec.place is not None and rec.type == "place":
            by_place[rec.place.name].append(key)
    for place, keys in sorted(by_place.items()):
        keys.sort(key=lambda k: names[k].first)
        for k in keys[1:]:
            uf.union(keys[0], k)


def _merge_acronyms(names: dict[str, _Name], local_keys: list[dict[str, int]], uf: _UnionFind) -> None:
    """An acronym joins the long name whose initials it spells, in an article holding both."""
    for ai, keys in enumerate(local_keys):
        acronyms = [k for k in keys if names[k].acronym and len(names[k].tokens) == 1]
        if not acronyms:
            continue
        spelled: dict[str, set[str]] = defaultdict(set)
        for k in keys:
            rec = names[k]
            if len(rec.tokens) < 2 or rec.type == "place" and rec.place is not None:
                continue
            for surface in rec.surfaces:
                for acr in _initials(surface):
                    spelled[acr.lower()].add(k)
        for acr in sorted(acronyms):
            if names[acr].place is not None and names[acr].place.strength == STRONG:
                continue  # "US", "UK": the gazetteer knows them
            longs = {uf.find(k) for k in spelled.get(acr, ())}
            if len(longs) == 1:
                target = min(spelled[acr], key=lambda k: names[k].first)
                uf.union(target, acr)
                names[acr].type = names[target].type


def _merge_full_names(names: dict[str, _Name], uf: _UnionFind) -> dict[str, list[str]]:
    """Fuller and shorter full names of one person; returns the surname index."""
    by_last: dict[str, list[str]] = defaultdict(list)
    by_first: dict[str, list[str]] = defaultdict(list)
    for key, rec in names.items():
        if rec.type == "person" and len(rec.tokens) > 1:
            by_last[rec.tokens[-1]].append(key)
            by_first[rec.tokens[0]].append(key)
    for group in by_last.values():
        group.sort(key=lambda k: names[k].first)
    for group in by_first.values():
        group.sort(key=lambda k: names[k].first)
    for last, group in sorted(by_last.items()):
        if len(group) < 2:
            continue
        for key in group:
            toks = names[key].tokens
            longer = [
                k for k in group
                if len(names[k].tokens) > len(toks)
                and names[k].tokens[0] == toks[0]
                and _is_subsequence(toks, names[k].tokens)
            ]
            roots = {uf.find(k) for k in longer}
            if len(roots) == 1:
                uf.union(longer[0], key)
    # Spelling slips in full names: same length, one word a little different.
    for index in (by_last, by_first):
        for _, group in sorted(index.items()):
            if len(group) < 2 or len(group) > 50:
                continue
            for i, a in enumerate(group):
                ta = names[a].tokens
                for b in group[i + 1 :]:
                    tb = names[b].tokens
                    if len(ta) != len(tb) or uf.find(a) == uf.find(b):
                        continue
                    diff = [(x, y) for x, y in zip(ta, tb) if x != y]
                    if len(diff) == 1 and _close(*diff[0]):
                        uf.union(a, b)
    return by_last


def _merge_spelling(names: dict[str, _Name], uf: _UnionFind, context: _Context) -> None:
    """Single-word names of one type that differ by a slip ("Mariupol", "Mariupil").

    Only when the text supports it: both in one article, or in articles that
    share someone else.
    """
    buckets: dict[tuple[str, str, int], list[str]] = defaultdict(list)
    for key, rec in names.items():
        if len(rec.tokens) == 1 and len(key) >= 6 and not rec.acronym:
            buckets[(rec.type, key[:2], len(key))].append(key)
    weight = {k: (-sum(names[k].types.values()), names[k].first) for g in buckets.values() for k in g}
    for (kind, prefix, length), group in sorted(buckets.items()):
        # Compare with names of the same type and first letters, at most two letters longer.
        others = [k for d in range(3) for k in buckets.get((kind, prefix, length + d), ())]
        for a in sorted(group, key=weight.__getitem__):
            for b in sorted(others, key=weight.__getitem__):
                if a == b or (len(b) == len(a) and weight[b] <= weight[a]):
                    continue
                if uf.find(a) == uf.find(b) or not _close(a, b):
                    continue
                if names[a].place and names[b].place and names[a].place.name != names[b].place.name:
                    continue  # two different known places
                if context.share(a, b):
                    keep, other = (a, b) if weight[a] <= weight[b] else (b, a)
                    uf.union(keep, other)


def _is_subsequence(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    it = iter(long)
    return all(tok in it for tok in short)


def _short_form_ok(rec: _Name, local_types: Counter) -> bool:
    """Whether a name may stand for a person named more fully elsewhere."""
    if rec.key in KNOWN_ORGS or rec.acronym:
        return False
    local_person = local_types.get("person", 0) > 0
    if rec.place is not None and rec.place.strength == STRONG and not local_person:
        return False  # "Washington" the capital, not "George Washington"
    if rec.keyword is not None and not local_person:
        return False
    return True


def _longer_forms(toks: tuple[str, ...], keys: list[str], names: dict[str, _Name], uf: _UnionFind) -> set[str]:
    """Clusters of the full names in ``keys`` that end like ``toks`` and contain all of it."""
    return {
        uf.find(k)
        for k in keys
        if len(names[k].tokens) > len(toks)
        and names[k].tokens[-1] == toks[-1]
        and _is_subsequence(toks, names[k].tokens)
    }


def _resolve_local(rec: _Name, local_types: Counter, local_full: list[str], names: dict[str, _Name], uf: _UnionFind) -> str | None:
    """The person of this article a short form stands for; AMBIGUOUS if two could be."""
    if not _short_form_ok(rec, local_types):
        return None
    toks = rec.tokens
    last = toks[-1]
    roots = _longer_forms(toks, local_full, names, uf)
    if len(roots) == 1:
        return next(iter(roots))
    if len(roots) > 1:
        return AMBIGUOUS  # two people share the surname here: no guess
    if len(toks) == 1:
        # a spelling variant of a local surname ("Zelensky" / "Vladimir Zelenskyy")
        roots = {
            uf.find(k)
            for k in local_full
            if names[k].tokens[-1] != last and _close(names[k].tokens[-1], last)
        }
        if len(roots) == 1:
            return next(iter(roots))
        # a first name used alone ("Ollie" for "Ollie Schniederjans")
        roots = {uf.find(k) for k in local_full if names[k].tokens[0] == last}
        if len(roots) == 1 and (rec.type == "person" or local_types.get("person", 0) > 0):
            return next(iter(roots))
        if len(roots) > 1:
            return AMBIGUOUS
    return None


def _resolve_dossier(
    rec: _Name,
    ai: int,
    local_types: Counter,
    names: dict[str, _Name],
    uf: _UnionFind,
    by_last: dict[str, list[str]],
    used_for: dict[str, set[str]],
    context: _Context,
) -> str | None:
    """The one person in the dossier a short form can stand for, when the articles share someone.

    Candidates: full names ending this way, and people other articles called
    by exactly this short form ("Meng" for "Meng Wanzhou").
    """
    if not _short_form_ok(rec, local_types):
        return None
    if rec.type != "person" and local_types.get("person", 0) == 0:
        return None  # "Bloomberg" the company is not "Michael Bloomberg"
    roots = _longer_forms(rec.tokens, by_last.get(rec.tokens[-1], []), names, uf)
    roots |= used_for.get(rec.key, set())
    if len(roots) != 1:
        return None
    root = next(iter(roots))
    if context.roots(ai) & context.cooccurring(root):
        return root
    return None


def _cluster_type(own: list[str], refs: list[_Ref], analysed, names: dict[str, _Name]) -> EntityType:
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
    votes: Counter = Counter(analysed[r.article].mentions[r.index].type for r in refs)
    best_place = max((names[k].place.strength for k in own if names[k].place), default=0)
    if best_place:
        votes["place"] += _PLACE_VOTES[best_place]
    keywords = Counter(names[k].keyword for k in own if names[k].keyword)
    if keywords:
        kind = keywords.most_common(1)[0][0]
        if any(names[k].keyword == kind and keyword_decides(k) for k in own):
            return kind
        votes[kind] += _KEYWORD_VOTES
    return _decide(votes)


def _canonical(ctype: EntityType, own: list[str], refs: list[_Ref], analysed, names: dict[str, _Name]) -> str:
    """The name to show: the fullest form for people, the gazetteer's for places, no acronyms."""
    surfaces: Counter = Counter()
    first: dict[str, int] = {}
    own_set = set(own)
    for r in refs:
        if r.key not in own_set:
            continue
        s = r.display
        surfaces[s] += 1
        first.setdefault(s, r.order)
    if not surfaces:
        for r in refs:
            s = r.display
            surfaces[s] += 1
            first.setdefault(s, r.order)
    if ctype == "place":
        places = [names[k].place for k in own if names[k].place]
        for p in places:
            if fold(p.name) in own_set:
                return _best_casing(p.name, surfaces)
    candidates = [s for s in surfaces if not _ACRONYM.match(s)] or list(surfaces)
    if ctype == "person":
        return max(candidates, key=lambda s: (len(s.split()), surfaces[s], -first[s]))
    if ctype == "place" and not [s for s in surfaces if not _ACRONYM.match(s)]:
        places = [names[k].place for k in own if names[k].place]
        if places:
            return places[0].name
    return max(candidates, key=lambda s: (surfaces[s], len(s), -first[s]))


def _best_casing(name: str, surfaces: Counter) -> str:
    folded = fold(name)
    same = [s for s in surfaces if fold(s) == folded]
    return max(same, key=lambda s: (surfaces[s], s == name)) if same else name


def _assign_ids(clusters: list[_Cluster]) -> None:
    """Slug of the name; clashes get the type, then a counter (more mentions first)."""
    by_slug: dict[str, list[_Cluster]] = defaultdict(list)
    for c in clusters:
        by_slug[_slug(c.name)].append(c)
    taken: set[str] = set()
    for slug in sorted(by_slug):
        group = sorted(by_slug[slug], key=lambda c: (-len(c.refs), _TYPE_RANK[c.type], c.name, c.refs[0].order))
        for n, c in enumerate(group):
            candidate = slug if n == 0 else f"{slug}-{c.type}"
            counter = 2
            base = candidate
            while candidate in taken or (n > 0 and candidate == slug):
                candidate = f"{base}-{counter}"
                counter += 1
            c.id = candidate
            taken.add(candidate)


def _apply_corrections(clusters: list[_Cluster], corrections: Corrections, problems: list[Problem]) -> list[_Cluster]:
    """Merge, rename, retype and drop as the user asked; warn about names that match nothing."""
    alive = list(clusters)

    def find(name: str) -> list[_Cluster]:
        key = fold(name)
        exact = [c for c in alive if c.id == name.strip().lower() or fold(c.name) == key]
        if exact:
            return exact
        return [c for c in alive if key in c.keys or any(fold(s) == key for s in c.surfaces)]

    def missing(entry: Correction, name: str, why: str = "names no entity") -> None:
        problems.append(
            Problem(corrections.source, f"line {entry.line}: {entry.action}: '{name}' {why}", "warning")
        )

    for entry in corrections.entries:
        if entry.action == "merge":
            targets = find(entry.names[0])
            if len(targets) != 1:
                missing(entry, entry.names[0], "names no entity" if not targets else "names several entities; use its id")
                continue
            target = targets[0]
            for other_name in entry.names[1:]:
                others = [c for c in find(other_name) if c is not target]
                if not others:
                    if target not in find(other_name):
                        missing(entry, other_name)
                    continue
                for other in others:
                    target.refs = sorted(target.refs + other.refs, key=lambda r: r.order)
                    target.keys |= other.keys
                    target.surfaces.update(other.surfaces)
                    alive.remove(other)
        else:
            found = find(entry.names[0])
            if not found:
                missing(entry, entry.names[0])
                continue
            for c in found:
                if entry.action == "rename" and entry.value:
                    c.surfaces[c.name] = max(c.surfaces[c.name], 1)  # the old name stays an alias
                    c.name = entry.value
                elif entry.action == "type" and entry.value:
                    c.type = entry.value  # type: ignore[assignment]
                elif entry.action == "drop":
                    alive.remove(c)
    return alive


def _build_index(clusters: list[_Cluster], analysed: list[AnalysedArticle], article_ids: list[str], problems: list[Problem]) -> EntityIndex:
    entities: dict[str, Entity] = {}
    local: dict[tuple[str, str], str] = {}
    alias: dict[str, set[str]] = defaultdict(set)
    surname: dict[str, set[str]] = defaultdict(set)
    per_article: dict[int, dict[str, list]] = defaultdict(dict)  # ai -> id -> [count, first]

    mentions_of = [item.mentions for item in analysed]
    for c in clusters:
        cid = c.id
        articles: list[str] = []
        seen_art: set[int] = set()
        mentions: list[EntityMention] = []
        seen_sent: set[tuple[int, str]] = set()
        for r in c.refs:
            ai = r.article
            sentence = mentions_of[ai][r.index].sentence
            aid = article_ids[ai]
            seen_art.add(ai)
            if (ai, sentence) not in seen_sent:
                seen_sent.add((ai, sentence))
                mentions.append(EntityMention(article=aid, sentence=sentence))
            stats = per_article[ai]
            stat = stats.get(cid)
            if stat is None:
                stat = stats[cid] = [0, r.order]
            stat[0] += 1
            local[(aid, r.key)] = cid  # r.key is fold(mention text)
        articles = [article_ids[ai] for ai in sorted(seen_art)]
        aliases = sorted({s for s in c.surfaces if s != c.name})
        entities[c.id] = Entity(
            id=c.id,
            type=c.type,
            name=c.name,
            aliases=aliases,
            articles=articles,
            mentions=mentions,
            roles=[],
            mention_count=len(c.refs),
        )
        for s in [c.name, *aliases]:
            alias[fold(s)].add(c.id)
        alias[c.id].add(c.id)
        if c.type == "person":
            toks = fold(c.name).split()
            if len(toks) > 1:
                surname[toks[-1]].add(c.id)

    # Surnames and first names inside each article, when one person there has them.
    surnames_of: dict[str, list[str]] = {}  # person id -> last words of its multi-word names
    for eid, ent in entities.items():
        if ent.type == "person":
            surnames_of[eid] = [toks[-1] for toks in (fold(s).split() for s in [ent.name, *ent.aliases]) if len(toks) > 1]
    for ai, stats in per_article.items():
        aid = article_ids[ai]
        lasts: dict[str, set[str]] = defaultdict(set)
        for eid in stats:
            for last in surnames_of.get(eid, ()):
                lasts[last].add(eid)
        for last, ids in lasts.items():
            if len(ids) == 1 and (aid, last) not in local:
                local[(aid, last)] = next(iter(ids))

    # Roles: descriptions of people, with the article they come from. Within
    # one article a description another one contains is left out
    # ("President" beside "Ukrainian President").
    for ai, item in enumerate(analysed):
        aid = article_ids[ai]
        found: dict[str, list[str]] = defaultdict(list)
        for role in item.roles:
            eid = local.get((aid, fold(role.name)))
            if eid is None or entities[eid].type != "person" or role.text in found[eid]:
                continue
            found[eid].append(role.text)
        for eid, texts in found.items():
            for text in texts:
                words = f" {text.lower()} "
                if any(o != text and words in f" {o.lower()} " for o in texts):
                    continue
                entities[eid].roles.append({"text": text, "article": aid})

    by_article: dict[str, dict[str, list[str]]] = {}
    for ai, aid in enumerate(article_ids):
        lists: dict[str, list[str]] = {t: [] for t in TYPES}
        stats = per_article.get(ai, {})
        for eid in sorted(stats, key=lambda e: (-stats[e][0], stats[e][1])):
            lists[entities[eid].type].append(eid)
        by_article[aid] = lists

    return EntityIndex(
        entities=entities,
        by_article=by_article,
        problems=problems,
        _local=local,
        _alias={k: sorted(v) for k, v in alias.items()},
        _surname={k: sorted(v) for k, v in surname.items()},
    )
