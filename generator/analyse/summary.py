"""Extractive summaries: the few sentences a reader needs, verbatim, in text order.

Position alone fails on articles whose sentences arrive out of order (scraped
pages, live blogs: seed 001's lede sits mid-text), so the score is led by
centrality, and the other signals only adjust it:

* centrality - the sentence's degree in the content-word overlap graph of the
  whole article (TextRank's edge weights: shared words over the sum of the log
  lengths): how much of the rest of the article it restates. Unusable lines
  (bare quotes, captions) stay in the graph as context, they just cannot be
  picked. Plain degree ranks as well as PageRank on this graph and needs no
  iteration;
* length - with a fixed sentence budget a longer sentence carries more of the
  story, so the score grows with the square root of the word count (sublinear:
  a long sentence is not worth two short ones);
* entity salience and position - sentences naming the article's
  most-mentioned entities, and the first sentences, get up to +10% each: enough
  to break near-ties, never to override centrality;
* quality - a discount for sentences that read badly alone (dangling openers
  such as "He" or "However", very short or very long ones); rules from
  ``sentences`` exclude captions, subheadings, junk, truncated teasers and bare
  quotes outright.

The title is not a scoring signal: on the BBC dev set the sentences closest to
the headline were chosen by the reference summaries far less often than the
central ones (and every title boost tried cost ROUGE under cross-validation).
It is only used so that a body line repeating the headline, which the page
already shows, is never picked.

Sentences are picked greedily, best score first, skipping a sentence that
repeats the summary so far. Its covered share is the part of its content-word
mass already in the summary, each word weighted by the number of sentences
using it (so the article's main threads weigh most). As the summary grows it
covers the article's main words and every sentence's share rises, so the share
is judged against the article's own covered share: a sentence is redundant
when it is covered much more than the article at large, by more than
``REDUNDANT_EXCESS`` of the gap left. That catches restatements ("Russia
indicated it is running out of weapons ..." then "Russia appeared to admit it
was running out of weapons ...") without penalising sentences that merely share
the topic, which a cosine MMR penalty did, at a cost in ROUGE.
"""

from __future__ import annotations

import bisect
import math
from collections import Counter

import numpy as np
from spacy.tokens import Doc

from generator.analyse.sentences import Sentence, split_sentences, starts_dangling, text_terms
from generator.model import Mention

DEFAULT_SENTENCES = 3

LENGTH_EXPONENT = 0.5
"""Score grows with words ** this. Every fold of a 5-fold cross-validation on the BBC dev set
chose 0.5 (from 0 to 1); 0 ranks by content alone and lost about 1.3 R-2 and 2.5 R-L there."""
BOOST_ENTITIES = 0.1
BOOST_POSITION = 0.1
"""Near-tie breakers; cross-validation found 0 and 0.1 equally good for both."""
REDUNDANT_EXCESS = 0.7
"""Redundant when (sentence's covered share - article's covered share) / (1 - article's) exceeds this."""
TITLE_REPEAT = 0.8
"""A sentence sharing this much of its content words (Jaccard) with the headline repeats it."""
SPACY_TO_TYPE = {"PERSON": "person", "ORG": "organisation", "GPE": "place", "LOC": "place", "NORP": "place"}


def summarise(doc: Doc, title: str | None, mentions: list[Mention], n: int = DEFAULT_SENTENCES) -> list[str]:
    """Pick up to ``n`` sentences of ``doc``, verbatim and in text order.

    Returns fewer than ``n`` when the article has fewer usable sentences, and
    an empty list when it has none (never a caption or junk line as filler).
    """
    sentences = split_sentences(doc)
    scores = score_sentences(sentences, title, mentions, doc)
    picked = select(sentences, scores, n)
    return [sentences[i].text for i in sorted(picked)]


def score_sentences(
    sentences: list[Sentence],
    title: str | None,
    mentions: list[Mention],
    doc: Doc | None = None,
    length_exponent: float | None = None,
) -> list[float | None]:
    """Score each sentence in [0, 1]; None for sentences that must never be picked.

    ``length_exponent`` (default ``LENGTH_EXPONENT``) 0 ranks by content
    alone: the title maker wants a central sentence it can prune, not the
    longest one.
    """
    if length_exponent is None:
        length_exponent = LENGTH_EXPONENT
    scores: list[float | None] = [None] * len(sentences)
    title_terms = set(text_terms(title)) if title else set()
    usable = [s for s in sentences if s.reject is None and not _repeats(s, title_terms)]
    if not usable:
        return scores
    degree = centrality([s.terms for s in sentences])
    central = _normalise([degree[s.index] for s in usable])
    salience = _normalise(_entity_salience(usable, mentions, doc))
    for rank, sent in enumerate(usable):
        words = sum(1 for t in sent.span if t.is_alpha)
        boost = 1.0 + BOOST_ENTITIES * salience[rank] + BOOST_POSITION / (1.0 + rank) ** 2
        scores[sent.index] = central[rank] * max(words, 1) ** length_exponent * boost * _quality(sent, words)
    top = max(s for s in scores if s is not None)
    return [s / top if s is not None and top > 0 else s for s in scores]


def select(sentences: list[Sentence], scores: list[float | None], n: int) -> list[int]:
    """Greedy: the best-scoring sentence that does not repeat the summary so far.

    When every remaining candidate is redundant the best of them is taken
    anyway: the budget is a promise of ``n`` sentences whenever there are
    ``n`` usable ones.
    """
    weights = term_weights([s.terms for s in sentences])
    total = sum(weights.values())
    candidates = sorted((i for i, s in enumerate(scores) if s is not None), key=lambda i: (-scores[i], i))
    picked: list[int] = []
    covered: set[str] = set()
    while candidates and len(picked) < n:
        article = sum(weights[t] for t in covered) / total if total else 0.0

        def fresh(i: int) -> bool:
            if article >= 1.0:
                return False
            share = covered_share(sentences[i].terms, covered, weights)
            return (share - article) / (1.0 - article) <= REDUNDANT_EXCESS

        best = next((i for i in candidates if fresh(i)), candidates[0])
        picked.append(best)
        candidates.remove(best)
        covered.update(sentences[best].terms)
    return picked


def centrality(term_lists: list[list[str]]) -> list[float]:
    """Degree of each sentence in the word-overlap graph (TextRank's edge weights).

    An edge is the number of shared content words (with repeats) over the sum
    of the log lengths (Mihalcea and Tarau 2004). Unlike cosine, this does not
    divide away a long sentence's extra content, so rich sentences that
    restate the article's main threads rank above short ones that merely echo
    a keyword.
    """
    size = len(term_lists)
    vocab: dict[str, int] = {}
    for terms in term_lists:
        for t in terms:
            vocab.setdefault(t, len(vocab))
    if size < 2 or not vocab:
        return [0.0] * size
    counts = np.zeros((size, len(vocab)))
    for i, terms in enumerate(term_lists):
        for t, c in Counter(terms).items():
            counts[i, vocab[t]] = c
    shared = counts @ counts.T
    np.fill_diagonal(shared, 0.0)
    logs = np.log(np.maximum([len(terms) for terms in term_lists], 1))
    norm = logs[:, None] + logs[None, :]
    edges = np.divide(shared, norm, out=shared.copy(), where=norm > 0)
    return [float(x) for x in edges.sum(axis=1)]


def term_weights(term_lists: list[list[str]]) -> Counter[str]:
    """How many sentences use each content word: the article's main threads weigh most."""
    return Counter(t for terms in term_lists for t in set(terms))


def covered_share(terms: list[str], covered: set[str], weights: Counter[str]) -> float:
    """Share of a sentence's weighted content words already in ``covered`` (0 for no words)."""
    distinct = set(terms)
    total = sum(weights[t] for t in distinct)
    if not total:
        return 0.0
    return sum(weights[t] for t in distinct & covered) / total


def _repeats(sent: Sentence, title_terms: set[str]) -> bool:
    """True when the sentence restates the headline word for word (the page shows the title)."""
    terms = set(sent.terms)
    if not terms or not title_terms:
        return False
    return len(terms & title_terms) / len(terms | title_terms) >= TITLE_REPEAT


def _quality(sent: Sentence, words: int) -> float:
    """Discount sentences that read badly out of context; never raises a score."""
    factor = 1.0
    if words < 8:
        factor *= 0.7
    elif words > 60:
        factor *= 0.8
    if starts_dangling(sent):
        factor *= 0.85
    return factor


def _entity_key(text: str, kind: str) -> str:
    """Merge "Vladimir Putin"/"Putin" and "the Kremlin"/"Kremlin" for counting."""
    words = text.lower().replace("’", "'").removesuffix("'s").split()
    if words and words[0] == "the":
        words = words[1:]
    if not words:
        return ""
    return words[-1] if kind == "person" else " ".join(words)


def _entity_salience(usable: list[Sentence], mentions: list[Mention], doc: Doc | None) -> list[float]:
    """Sum over each sentence's distinct entities of log(1 + article-wide mention count)."""
    found = [(m.start, _entity_key(m.text, m.type)) for m in mentions]
    if not found and doc is not None:
        found = [
            (e.start_char, _entity_key(e.text, SPACY_TO_TYPE[e.label_]))
            for e in doc.ents
            if e.label_ in SPACY_TO_TYPE
        ]
    found = [(start, key) for start, key in found if key]
    counts = Counter(key for _, key in found)
    starts = [s.start for s in usable]
    per_sentence: list[set[str]] = [set() for _ in usable]
    for start, key in found:
        k = bisect.bisect_right(starts, start) - 1
        if k >= 0 and start < usable[k].end:
            per_sentence[k].add(key)
    return [sum(math.log1p(counts[key]) for key in sorted(keys)) for keys in per_sentence]


def _normalise(values: list[float]) -> list[float]:
    """Scale to [0, 1] by the maximum (all zeros stay zeros)."""
    top = max(values, default=0.0)
    return [v / top for v in values] if top > 0 else [0.0 for _ in values]
