"""One entity per real-world referent across the whole dossier.

The analyse stage hands over cleaned mentions, each with the type its own
context suggests. Linking runs in phases, one module each, every one readable
alone:

1. :mod:`.names` (candidates): each mention becomes a reference to a *name*,
   its folded text; a known place an article uses as an organisation (a club
   named after its city) is kept as another name.
2. :mod:`.votes` (typing): each name's type, from its mentions' votes, the
   gazetteer and its own words.
3. :mod:`.merging`: spelling variants of a place, acronyms the text defines,
   fuller and shorter full names, small spelling slips -> clusters.
4. :mod:`.short_forms`: "Putin", "Mr Sullivan" -> the person named in full,
   in the article or, with shared context, in the dossier.
5. :mod:`.naming` (naming and ids): clusters, their type, shown name and id.
5a. :mod:`.institutions`: a generic institution ("Senate") is split by its articles' country.
5b. :mod:`.non_names`: clusters that read as a market index, a topic or a class of people are dropped.
6. :mod:`.entity_corrections`: the user's ``corrections.yml``.
7. :mod:`.entity_index`: entities, lists per article, speaker lookup.
"""

from __future__ import annotations

from generator.link.entity_corrections import apply_corrections
from generator.link.entity_index import EntityIndex, build_index
from generator.link.merging import merge_names
from generator.link.names import collect_names
from generator.link.naming import assign_ids, make_clusters, reserved_names
from generator.link.short_forms import resolve_short_forms
from generator.link.votes import vote_types
from generator.model import AnalysedArticle, Corrections, Problem

__all__ = ["EntityIndex", "link_entities"]


def link_entities(analysed: list[AnalysedArticle], corrections: Corrections | None = None) -> EntityIndex:
    """Resolve every article's mentions to dossier-wide entities."""
    corrections = corrections or Corrections()
    names, refs, local_keys = collect_names(analysed)
    # Article.text joins its paragraphs on every read: joined once here for every reader below.
    texts = [item.article.text for item in analysed]
    vote_types(names, local_keys, texts.__getitem__)
    uf, full_by_last, context = merge_names(names, local_keys)
    assign = resolve_short_forms(names, local_keys, uf, full_by_last, context)
    clusters = make_clusters(refs, assign, uf, analysed, names, texts)
    problems: list[Problem] = []
    if corrections:
        clusters = apply_corrections(clusters, corrections, problems)
        assign_ids(clusters)
    problems.extend(reserved_names(clusters))
    return build_index(clusters, analysed, [a.article.id for a in analysed], problems)
