"""Extractive summaries: the few sentences a reader needs, verbatim, in text order.

Each pickable sentence is scored by a small learned model (``summary_model``:
a listwise logistic scorer over the features of ``summary_features`` -
position, an out-of-order signal, centrality, length, entity salience, quote,
dangling-opener, glued-teaser and title-overlap signals), its weights fitted
by ``python -m evaluation.train_summary`` on the dev sets with
cross-validation, and shipped as ``data/summary_model.json``. Rules from
``sentences`` exclude captions, subheadings, junk, truncated teasers and bare
quotes outright; a body line repeating the headline, which the page already
shows, is never picked.

Sentences are picked greedily, best score first, skipping a sentence that
repeats the summary so far. Its covered share is the part of its content-word
mass already in the summary, each word weighted by the number of sentences
using it (so the article's main threads weigh most). As the summary grows it
covers the article's main words and every sentence's share rises, so the share
is judged against the article's own covered share: a sentence is redundant
when it is covered much more than the article at large, by more than a
threshold share of the gap left: (sentence's covered share - article's) /
(1 - article's) above the model's ``redundancy``, learned with the weights
(cross-validated: the hand-set 0.5 blocked sentences BBC's references keep). That catches restatements ("Russia
indicated it is running out of weapons ..." then "Russia appeared to admit it
was running out of weapons ...") without penalising sentences that merely share
the topic.

Picked sentences are shown without a leading wire dateline ("(CNN)",
"LONDON (Reuters) --"): it says where the copy came from, not what happened.
"""

from __future__ import annotations

from collections import Counter

import numpy as np
from spacy.tokens import Doc

from generator.analyse.sentences import Sentence, split_sentences, strip_dateline, text_terms
from generator.analyse.summary_features import FEATURES, centrality, sentence_features
from generator.analyse.summary_model import SummaryModel, load_model
from generator.model import Mention

__all__ = ["centrality", "covered_share", "score_sentences", "select", "summarise", "term_weights"]

DEFAULT_SENTENCES = 3

DANGLING_PENALTY = 0.5
"""Subtracted from the learned score of a sentence opening with a pronoun or connective.

ROUGE cannot see that "Meanwhile, the likes of ..." or "He said ..." reads badly
out of context, so data would never teach it: this is a product rule, applied
before the weights are learned (training scores through ``rank_scores`` too,
so the other weights are fitted around it)."""
TITLE_REPEAT = 0.8
"""A sentence sharing this much of its content words (Jaccard) with the headline repeats it."""


def summarise(
    doc: Doc, title: str | None, mentions: list[Mention], n: int = DEFAULT_SENTENCES, model: SummaryModel | None = None
) -> list[str]:
    """Pick up to ``n`` sentences of ``doc``, in text order, verbatim but for a leading dateline.

    Returns fewer than ``n`` when the article has fewer usable sentences, and
    an empty list when it has none (never a caption or junk line as filler).
    """
    sentences = split_sentences(doc)
    scores = score_sentences(sentences, title, mentions, doc, model)
    picked = select(sentences, scores, n, redundancy=(model or load_model()).redundancy)
    return [strip_dateline(sentences[i].text) for i in sorted(picked)]


def pickable(sentences: list[Sentence], title: str | None) -> list[Sentence]:
    """Sentences that may be picked: not rejected, not a restatement of the headline."""
    title_terms = set(text_terms(title)) if title else set()
    return [s for s in sentences if s.reject is None and not _repeats(s, title_terms)]


def score_sentences(
    sentences: list[Sentence],
    title: str | None,
    mentions: list[Mention],
    doc: Doc | None = None,
    model: SummaryModel | None = None,
    neutral: tuple[str, ...] = (),
) -> list[float | None]:
    """Score each sentence in (0, 1], the best 1; None for sentences that must never be picked.

    Features named in ``neutral`` are set to their training mean, so they
    do not tell sentences apart: the title maker prunes its sentence, so
    the sentence's length says nothing about the headline it gives.
    """
    model = model or load_model()
    scores: list[float | None] = [None] * len(sentences)
    usable = pickable(sentences, title)
    if not usable:
        return scores
    rows = sentence_features(sentences, usable, title, mentions, doc)
    for name in neutral:
        rows[:, FEATURES.index(name)] = model.mean[FEATURES.index(name)]
    raw = rank_scores(model, rows)
    relative = np.exp(raw - raw.max())
    for sent, value in zip(usable, relative):
        scores[sent.index] = float(value)
    return scores


def rank_scores(model: SummaryModel, rows: np.ndarray) -> np.ndarray:
    """The model's scores for feature rows, less ``DANGLING_PENALTY`` for dangling openers."""
    return model.score(rows) - DANGLING_PENALTY * rows[:, FEATURES.index("dangling")]


def select(
    sentences: list[Sentence],
    scores: list[float | None],
    n: int,
    weights: Counter[str] | None = None,
    redundancy: float | None = None,
) -> list[int]:
    """Greedy: the best-scoring sentence that does not repeat the summary so far.

    When every remaining candidate is redundant the best of them is taken
    anyway: the budget is a promise of ``n`` sentences whenever there are
    ``n`` usable ones. ``weights`` (``term_weights`` of the sentences) may be
    passed in when the same article is summarised many times, as in training.
    """
    if weights is None:
        weights = term_weights([s.terms for s in sentences])
    if redundancy is None:
        redundancy = load_model().redundancy
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
            return (share - article) / (1.0 - article) <= redundancy

        best = next((i for i in candidates if fresh(i)), candidates[0])
        picked.append(best)
        candidates.remove(best)
        covered.update(sentences[best].terms)
    return picked


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
