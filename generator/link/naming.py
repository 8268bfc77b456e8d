"""Link phase 5, naming and ids: clusters of references, their type, shown name and id.

The name shown is the fullest form for people, the gazetteer's for places,
never an acronym when a long form exists. Entity ids are ASCII slugs of that
name; on a clash the type is added, then a counter, in a fixed order (more
mentions first), so ids are stable from build to build.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from generator.lexicon.gazetteer import fold
from generator.link.institutions import is_generic, split_by_country
from generator.link.names import ACRONYM, TYPE_RANK, Name, Ref, UnionFind, slug_of
from generator.link.non_names import longer_names, reads_as_fragment, reads_as_index, reads_as_people, reads_as_topic
from generator.link.short_forms import AMBIGUOUS
from generator.link.votes import cluster_type
from generator.model import TYPE_FOLDERS, AnalysedArticle, EntityType, Problem
from generator.pagenames import is_reserved


@dataclass
class Cluster:
    id: str
    type: EntityType
    name: str
    keys: set[str]
    refs: list[Ref]
    surfaces: Counter


def canonical(ctype: EntityType, own: list[str], refs: list[Ref], analysed, names: dict[str, Name]) -> str:
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
                return best_casing(p.name, surfaces)
    candidates = [s for s in surfaces if not ACRONYM.match(s)] or list(surfaces)
    if ctype == "person":
        return max(candidates, key=lambda s: (len(s.split()), surfaces[s], -first[s]))
    if ctype == "place" and not [s for s in surfaces if not ACRONYM.match(s)]:
        places = [names[k].place for k in own if names[k].place]
        if places:
            return places[0].name
    return max(candidates, key=lambda s: (surfaces[s], len(s), -first[s]))


def best_casing(name: str, surfaces: Counter) -> str:
    folded = fold(name)
    same = [s for s in surfaces if fold(s) == folded]
    return max(same, key=lambda s: (surfaces[s], s == name)) if same else name


def assign_ids(clusters: list[Cluster]) -> None:
    """Slug of the name; clashes get the type, then a counter (more mentions first)."""
    by_slug: dict[str, list[Cluster]] = defaultdict(list)
    for c in clusters:
        by_slug[slug_of(c.name)].append(c)
    taken: set[str] = set()
    for slug in sorted(by_slug):
        group = sorted(by_slug[slug], key=lambda c: (-len(c.refs), TYPE_RANK[c.type], c.name, c.refs[0].order))
        for n, c in enumerate(group):
            candidate = slug if n == 0 and not is_reserved(slug) else f"{slug}-{c.type}"  # index, letter-b: ours
            counter = 2
            base = candidate
            while candidate in taken or (n > 0 and candidate == slug):
                candidate = f"{base}-{counter}"
                counter += 1
            c.id = candidate
            taken.add(candidate)


def reserved_names(clusters: list[Cluster]) -> list[Problem]:
    """A line for each entity whose page name the generator keeps for itself (it got a suffix)."""
    return [
        Problem(c.name, f"page name '{slug_of(c.name)}' is the dossier's own; the page is {TYPE_FOLDERS[c.type]}/{c.id}.html")
        for c in clusters
        if is_reserved(slug_of(c.name))
    ]



def make_clusters(
    refs: list[Ref],
    assign: dict[tuple[int, str], str],
    uf: UnionFind,
    analysed: list[AnalysedArticle],
    names: dict[str, Name],
    texts: Sequence[str],
) -> list[Cluster]:
    """Group references by cluster root (or the short form's person), type and name each, give ids.

    ``texts[ai]`` is article ``ai``'s text, joined once by the caller.
    """
    members: dict[str, list[Ref]] = defaultdict(list)
    roots: dict[str, str] = {}  # name -> its cluster root, found once per name
    for ref in refs:
        root = assign.get((ref.article, ref.key))
        if not root:
            root = roots.get(ref.key)
            if root is None:
                root = roots[ref.key] = uf.find(ref.key)
        if root == AMBIGUOUS:
            continue
        members[root].append(ref)
    clusters: list[Cluster] = []
    countries: dict[int, str | None] = {}
    groups: list[tuple[str, list[Ref]]] = []
    known = longer_names(refs)
    for root, rrefs in members.items():
        keys = {r.key for r in rrefs}
        if all(is_generic(names[k].tokens) for k in keys):
            groups.extend((root, part, None) for part in split_by_country(rrefs, analysed, countries))
        else:
            groups.append((root, rrefs, keys))
    for root, rrefs, keys in groups:
        if keys is None:
            keys = {r.key for r in rrefs}
        own = sorted(k for k in keys if uf.find(k) == root) or sorted(keys)
        ctype = cluster_type(own, rrefs, analysed, names)
        if reads_as_index(rrefs, analysed, texts) or (ctype == "organisation" and reads_as_people(rrefs, analysed, texts)) or (
            ctype == "person" and reads_as_topic(rrefs, analysed, all(len(names[k].tokens) == 1 for k in keys), texts)
        ) or reads_as_fragment(rrefs, analysed, texts, known):
            continue  # "Hang Seng rose 0.3 per cent to 26,902.10", "a hard Brexit", "Heart" (and Stroke): no one
        surfaces: Counter = Counter()
        for r in rrefs:
            surfaces[r.display] += 1
        name = canonical(ctype, own, rrefs, analysed, names)
        clusters.append(Cluster("", ctype, name, keys, sorted(rrefs, key=lambda r: r.order), surfaces))
    clusters.sort(key=lambda c: c.refs[0].order)
    assign_ids(clusters)
    return clusters
