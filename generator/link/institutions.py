"""Link phase 5a, generic institutions: "the Senate" of one country is not another country's.

Many countries have a House of Commons, a Senate, a Supreme Court, a
Conservative Party. A name made only of such words (``institution_words``
with the common organisation nouns and "of/the/and/for") names no one body by
itself: the article's country says whose it is. Merging it across articles by
its spelling alone put the US House, Canada's and Britain's Commons and a
Canadian choreographer into one entity.

So a cluster whose names are all generic is split by the country its
articles are about: the country most of the article's places lie in (from the
gazetteer; a tie or no known place leaves the article's country unknown, and
such an article's mentions stay apart). Articles of one country keep one entity.
"""

from __future__ import annotations

from collections import Counter

from generator.lexicon import words
from generator.lexicon.gazetteer import country_of
from generator.link.names import Ref
from generator.model import AnalysedArticle

# Common nouns only: org_words also holds names ("Reuters", "Times"), which are one body.
INSTITUTION_WORDS = words("institution_words") | words("org_nouns")
_JOINERS = frozenset({"of", "the", "and", "for", "on", "&"})


def is_generic(tokens: tuple[str, ...]) -> bool:
    """A name made only of generic institution words ("house of commons", "senate")."""
    content = [t for t in tokens if t not in _JOINERS]
    return bool(content) and all(t in INSTITUTION_WORDS for t in content)


def article_country(article: AnalysedArticle) -> str | None:
    """The country most of the article's places lie in; None on a tie or when none is known.

    A country named outright weighs 3, a state or province 2, a city 1: a
    city's name is often also a town's elsewhere ("Westminster").
    """
    votes: Counter = Counter()
    for m in article.mentions:
        if m.type == "place":
            found = country_of(m.text)
            if found is not None:
                votes[found[0]] += found[1]
    ranked = votes.most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]


def split_by_country(refs: list[Ref], analysed: list[AnalysedArticle], countries: dict[int, str | None]) -> list[list[Ref]]:
    """The references of one generic cluster, grouped by their article's country (in first-seen order).

    An article of no known country is a group of its own: nothing says whose body it means.
    """
    groups: dict[str | int, list[Ref]] = {}
    for ref in refs:
        if ref.article not in countries:
            countries[ref.article] = article_country(analysed[ref.article])
        country = countries[ref.article]
        groups.setdefault(ref.article if country is None else country, []).append(ref)
    return list(groups.values())
