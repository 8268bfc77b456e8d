"""Link phase 3, merging: names that are one referent become one cluster (a union-find).

Six strategies, each cautious: spelling variants of one known place ("Kiev",
"Kyiv"; "US", "America", "United States"); acronyms the text defines ("Royal
United Services Institute ... (RUSI)", checked in the same article); an
organisation led or ended by its country's name ("U.S. Federal Reserve",
"Federal Reserve"); organisations of one article spelled with a slip in one
word ("Veteran Affairs", "Veterans Affairs"); fuller
and shorter full names ("Recep Erdogan" -> "Recep Tayyip Erdogan"); and small
spelling slips between single names of one type, compared with rapidfuzz only
among names sharing their first letters and length, and only when the text
supports it (:class:`Context`: the articles share someone else).
"""

from __future__ import annotations

from collections import Counter, defaultdict

from generator.lexicon.gazetteer import STRONG, lookup_place
from generator.link.institutions import is_generic
from generator.link.names import Name, UnionFind, close, initials, one_word_slip


class Context:
    """Who else an article names: the evidence that two articles talk about the same people.

    An article's context is its organisations and its people named in full.
    Two names are "supported" as one referent when their articles share
    something in context besides themselves.
    """

    def __init__(self, names: dict[str, Name], local_keys: list[dict[str, Counter]]) -> None:
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
        self.uf: UnionFind | None = None
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

    def freeze(self, uf: UnionFind) -> None:
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


def merge_places(names: dict[str, Name], uf: UnionFind) -> None:
    """Names of one known place ("Kiev", "Kyiv") become one entity."""
    by_place: dict[str, list[str]] = defaultdict(list)
    for key, rec in names.items():
        if rec.place is not None and rec.type == "place":
            by_place[rec.place.name].append(key)
    for place, keys in sorted(by_place.items()):
        keys.sort(key=lambda k: names[k].first)
        for k in keys[1:]:
            uf.union(keys[0], k)


def merge_acronyms(names: dict[str, Name], local_keys: list[dict[str, int]], uf: UnionFind) -> None:
    """An acronym joins the long name whose initials it spells, in an article holding both."""
    spells: dict[str, list[str]] = {}  # long name -> the acronyms it spells, worked out once
    for ai, keys in enumerate(local_keys):
        acronyms = [k for k in keys if names[k].acronym and len(names[k].tokens) == 1]
        if not acronyms:
            continue
        spelled: dict[str, set[str]] = defaultdict(set)
        for k in keys:
            found = spells.get(k)
            if found is None:
                found = spells[k] = []
                rec = names[k]
                if len(rec.tokens) < 2 or rec.type == "place" and rec.place is not None:
                    continue
                for surface in rec.surfaces:
                    for acr in initials(surface):
                        if acr.lower() not in rec.tokens:  # "DC Comics" spells "DC" by holding it
                            found.append(acr.lower())
            for acr in found:
                spelled[acr].add(k)
        for acr in sorted(acronyms):
            if names[acr].place is not None and names[acr].place.strength == STRONG:
                continue  # "US", "UK": the gazetteer knows them
            longs = {uf.find(k) for k in spelled.get(acr, ())}
            if len(longs) == 1:
                target = min(spelled[acr], key=lambda k: names[k].first)
                uf.union(target, acr)
                names[acr].type = names[target].type


def merge_full_names(names: dict[str, Name], uf: UnionFind) -> dict[str, list[str]]:
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
                and is_subsequence(toks, names[k].tokens)
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
                    if one_word_slip(ta, tb) and uf.find(a) != uf.find(b):
                        uf.union(a, b)
    return by_last


def _use_weight(rec: Name) -> tuple[int, int]:
    """Order of two spellings of one name: the one used more keeps the cluster, then the one read first."""
    return (-sum(rec.types.values()), rec.first)


def merge_spelling(names: dict[str, Name], uf: UnionFind, context: Context) -> None:
    """Single-word names of one type that differ by a slip ("Mariupol", "Mariupil").

    Only when the text supports it: both in one article, or in articles that
    share someone else.
    """
    buckets: dict[tuple[str, str, int], list[str]] = defaultdict(list)
    for key, rec in names.items():
        if len(rec.tokens) == 1 and len(key) >= 6 and not rec.acronym:
            buckets[(rec.type, key[:2], len(key))].append(key)
    weight = {k: _use_weight(names[k]) for g in buckets.values() for k in g}
    for (kind, prefix, length), group in sorted(buckets.items()):
        # Compare with names of the same type and first letters, at most two letters longer.
        others = sorted((k for d in range(3) for k in buckets.get((kind, prefix, length + d), ())), key=weight.__getitem__)
        for a in sorted(group, key=weight.__getitem__):
            for b in others:
                if a == b or (len(b) == len(a) and weight[b] <= weight[a]):
                    continue
                if uf.find(a) == uf.find(b) or not close(a, b):
                    continue
                if names[a].place and names[b].place and names[a].place.name != names[b].place.name:
                    continue  # two different known places
                if context.share(a, b):
                    keep, other = (a, b) if weight[a] <= weight[b] else (b, a)
                    uf.union(keep, other)


def merge_country_named(names: dict[str, Name], uf: UnionFind) -> None:
    """"U.S. Federal Reserve" and "Federal Reserve", "Veterans Affairs Canada" and "Veterans
    Affairs": an organisation's name led or ended by its country's name is the same body as
    the rest of the name, when that rest is a name of its own.

    Only a country: "St. Louis Federal Reserve" is a regional bank, not the Federal
    Reserve. Not when the rest is a generic institution ("Canadian Senate" / "Senate"):
    whose that is is up to each article (:mod:`generator.link.institutions`).
    """
    for key in sorted(names, key=lambda k: names[k].first):
        rec = names[key]
        toks = rec.tokens
        if rec.type != "organisation" or len(toks) < 3:
            continue
        for place_words, rest_words in [(toks[:cut], toks[cut:]) for cut in (1, 2)] + [(toks[-1:], toks[:-1])]:
            rest = " ".join(rest_words)
            other = names.get(rest)
            if other is None or other.type != "organisation" or len(other.tokens) < 2 or is_generic(other.tokens):
                continue
            place = lookup_place(" ".join(place_words))
            if place is not None and place.level == 3:
                uf.union(rest, key)
                other.national = True
                break


def merge_org_spelling(names: dict[str, Name], uf: UnionFind) -> None:
    """Two names of organisations in one article that differ by a slip in one word
    ("Veteran Affairs", "Veterans Affairs"): one body, spelled twice."""
    by_shape: dict[tuple[int, int], list[str]] = defaultdict(list)
    for key, rec in names.items():
        if rec.type == "organisation" and len(rec.tokens) >= 2:
            for ai in rec.articles:
                by_shape[(ai, len(rec.tokens))].append(key)
    for _, group in sorted(by_shape.items()):
        group.sort(key=lambda k: names[k].first)
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                if uf.find(a) == uf.find(b):
                    continue
                if one_word_slip(names[a].tokens, names[b].tokens):
                    keep, other = (a, b) if _use_weight(names[a]) <= _use_weight(names[b]) else (b, a)
                    uf.union(keep, other)


def is_subsequence(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    it = iter(long)
    return all(tok in it for tok in short)



def merge_names(names: dict[str, Name], local_keys: list[dict[str, Counter]]) -> tuple[UnionFind, dict[str, list[str]], Context]:
    """Run the strategies in order; returns the union-find, the surname index and the context."""
    uf = UnionFind()
    for key in names:
        uf.find(key)
    merge_places(names, uf)
    merge_acronyms(names, local_keys, uf)
    merge_country_named(names, uf)
    merge_org_spelling(names, uf)
    full_by_last = merge_full_names(names, uf)
    context = Context(names, local_keys)
    merge_spelling(names, uf, context)
    context.freeze(uf)
    return uf, full_by_last, context
