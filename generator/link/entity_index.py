"""Link phase 7, the index: entities, their lists per article, and name lookup for speakers.

Built from the final clusters: one :class:`~generator.model.Entity` each,
with its mentions by article, aliases and roles; per article, its people,
organisations and places (most mentioned first); and the tables
:meth:`EntityIndex.lookup` reads to turn a quote's speaker into an entity id.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from generator.link.naming import Cluster
from generator.link.names import TYPES, folded
from generator.model import AnalysedArticle, Entity, EntityMention, Problem

COMPLEMENT_WORDS = frozenset("of for to at with from by and or".split())


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
        for key, last_word in _tails(name):
            if article_id is not None:
                found = self._local.get((article_id, key))
                if found:
                    return found
            ids = self._alias.get(key, [])
            if len(ids) == 1:
                return ids[0]
            if len(ids) > 1:
                return None
            if last_word:
                ids = self._surname.get(key, [])
                return ids[0] if len(ids) == 1 else None
        return None


@lru_cache(maxsize=1 << 16)
def _tails(name: str) -> tuple[tuple[str, bool], ...]:
    """The keys :meth:`EntityIndex.lookup` tries for ``name``, longest first, each with whether
    it is the last word alone; worked out once per name (every mention of the dossier is looked up)."""
    words = folded(name).split()
    tails = []
    for start in range(len(words)):
        if start and words[start - 1] in COMPLEMENT_WORDS:
            break  # "the wife of Vladimir Putin" is not Vladimir Putin
        tails.append((" ".join(words[start:]), len(words) - start == 1))
    return tuple(tails)


def build_index(clusters: list[Cluster], analysed: list[AnalysedArticle], article_ids: list[str], problems: list[Problem]) -> EntityIndex:
    entities: dict[str, Entity] = {}
    local: dict[tuple[str, str], str] = {}
    alias: dict[str, set[str]] = defaultdict(set)
    surname: dict[str, set[str]] = defaultdict(set)
    per_article: dict[int, dict[str, list]] = defaultdict(dict)  # ai -> id -> [count, first]

    for c in clusters:
        cid = c.id
        # article index -> (its id, the sentences listed, this entity's [count, first] there);
        # a cluster's references come article by article, so looked up once per run
        seen_art: dict[int, tuple[str, set[str], list]] = {}
        mentions: list[EntityMention] = []
        last = -1
        for r in c.refs:
            ai = r.article
            if ai != last:
                last = ai
                state = seen_art.get(ai)
                if state is None:
                    stats = per_article[ai]
                    stat = stats.get(cid)
                    if stat is None:
                        stat = stats[cid] = [0, r.order]
                    state = seen_art[ai] = (article_ids[ai], set(), stat)
                aid, sentences, stat = state
            sentence = r.sentence
            if sentence not in sentences:
                sentences.add(sentence)
                mentions.append(EntityMention(article=aid, sentence=sentence))
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
            alias[folded(s)].add(c.id)
        alias[c.id].add(c.id)
        if c.type == "person":
            toks = folded(c.name).split()
            if len(toks) > 1:
                surname[toks[-1]].add(c.id)

    # Surnames and first names inside each article, when one person there has them.
    surnames_of: dict[str, list[str]] = {}  # person id -> last words of its multi-word names
    for eid, ent in entities.items():
        if ent.type == "person":
            surnames_of[eid] = [toks[-1] for toks in (folded(s).split() for s in [ent.name, *ent.aliases]) if len(toks) > 1]
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
            eid = local.get((aid, folded(role.name)))
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
