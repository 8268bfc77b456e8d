"""What the learned sentence scorer sees: one row of numbers per pickable sentence.

The features are the signals the old hand-weighted scorer combined by fixed
rules, plus the ones it lacked; their weights are learned from data by
``python -m evaluation.train_summary`` (see ``summary_model``):

* position - rank among the pickable sentences (1/(1+rank), first or not).
  News puts the story first, so position is the strongest single signal on
  wire and newspaper copy;
* order - an article-level signal that the text is in its written order:
  adjacent sentences of real prose share more words than random pairs do
  (local coherence), shuffled or scraped-out-of-order text does not. Position
  also comes multiplied by it, so the model can trust position more where the
  text looks ordered. (It is a weak signal: on the dev sets ordered and
  shuffled articles overlap a lot; seed 001 scores like ordinary prose.);
* centrality - degree in the content-word overlap graph (TextRank's edges),
  how much of the article a sentence restates;
* textrank - the same graph walked as TextRank does it (self-edges kept, so a
  long sentence holds more of the walk; PageRank by power iteration): the
  plain TextRank baseline's own score, which degree alone missed on BBC copy
  (cross-validated gains on both dev sets, see ``evaluation/train_summary``);
* length, entity salience (the article's most-mentioned names), the share of
  the sentence inside quotation marks, a dangling opener ("He", "However"),
  text glued from a teaser or caption ("... gets real In a front-page ..."),
  and overlap with the title when there is one.

Every feature is computed from the article's own text, the same way for every
article: nothing here knows a publisher or a data set.
"""

from __future__ import annotations

import bisect
import math
from collections import Counter

import numpy as np
from spacy.tokens import Doc

from generator.analyse.sentences import Sentence, glued, starts_dangling, text_terms
from generator.model import Mention

FEATURES = (
    "position",
    "first",
    "position_x_order",
    "centrality",
    "log_words",
    "short",
    "long",
    "salience",
    "quoted",
    "dangling",
    "glued",
    "question",
    "title_overlap",
    "textrank",
)
"""Column names, in the order of the model's weights (the weights file lists them too)."""

SPACY_TO_TYPE = {"PERSON": "person", "ORG": "organisation", "GPE": "place", "LOC": "place", "NORP": "place"}
SHORT_WORDS = 10
LONG_WORDS = 40


def word_count(sent: Sentence) -> int:
    """Alphabetic tokens of the sentence."""
    return sum(1 for t in sent.span if t.is_alpha)


def order_signal(term_lists: list[list[str]]) -> float:
    """How much the text reads in order, in [0, 1]: local coherence against the article at large.

    The mean word overlap (Jaccard) of adjacent sentences over that of all
    pairs; prose scores well above 1, shuffled text about 1. Mapped to [0, 1]
    as (ratio - 1) clipped, so 1 means "adjacent sentences share at least
    twice the words of random pairs".
    """
    sets = [set(t) for t in term_lists if t]
    if len(sets) < 3:
        return 1.0
    size = len(sets)
    sim = np.zeros((size, size))
    for i in range(size):
        for j in range(i + 1, size):
            union = len(sets[i] | sets[j])
            sim[i, j] = len(sets[i] & sets[j]) / union if union else 0.0
    pairs = sim[np.triu_indices(size, 1)]
    overall = float(pairs.mean())
    if overall <= 0:
        return 0.0
    adjacent = float(np.mean([sim[i, i + 1] for i in range(size - 1)]))
    return float(min(1.0, max(0.0, adjacent / overall - 1.0)))


def centrality(term_lists: list[list[str]]) -> list[float]:
    """Degree of each sentence in the word-overlap graph (TextRank's edge weights).

    An edge is the number of shared content words (with repeats) over the sum
    of the log lengths (Mihalcea and Tarau 2004). Unlike cosine, this does not
    divide away a long sentence's extra content, so rich sentences that
    restate the article's main threads rank above short ones that merely echo
    a keyword.
    """
    size = len(term_lists)
    if size < 2 or not any(term_lists):
        return [0.0] * size
    edges = _edges(term_lists)
    np.fill_diagonal(edges, 0.0)
    return [float(x) for x in edges.sum(axis=1)]


def _edges(term_lists: list[list[str]]) -> np.ndarray:
    """TextRank's edge weights, self-edges included: shared words (with repeats) over the sum of log lengths.

    A pair whose log lengths sum to zero (two one-word sentences) keeps the
    bare count, as sumy's TextRank does.
    """
    counts = _term_counts(term_lists)
    shared = counts @ counts.T
    logs = np.log(np.maximum([len(terms) for terms in term_lists], 1))
    norm = logs[:, None] + logs[None, :]
    return np.divide(shared, norm, out=shared.copy(), where=norm > 0)


def _term_counts(term_lists: list[list[str]]) -> np.ndarray:
    """Sentence x word count matrix of the content words."""
    vocab: dict[str, int] = {}
    for terms in term_lists:
        for t in terms:
            vocab.setdefault(t, len(vocab))
    counts = np.zeros((len(term_lists), max(len(vocab), 1)))
    for i, terms in enumerate(term_lists):
        for t, c in Counter(terms).items():
            counts[i, vocab[t]] = c
    return counts


def textrank(term_lists: list[list[str]], damping: float = 0.85, epsilon: float = 1e-4) -> list[float]:
    """TextRank's PageRank score of each sentence, computed as sumy's baseline does.

    The same edges as ``centrality`` but with each sentence's edge to itself
    kept (shared words with itself over twice its log length, so long rich
    sentences keep more of the walk), rows normalised, and the stationary
    distribution of the damped walk found by power iteration.
    """
    size = len(term_lists)
    if size < 2:
        return [1.0] * size
    edges = _edges(term_lists)
    edges = edges / (edges.sum(axis=1)[:, None] + 1e-7)
    walk = np.full((size, size), (1.0 - damping) / size) + damping * edges
    p = np.full(size, 1.0 / size)
    for _ in range(200):
        nxt = walk.T @ p
        done = np.linalg.norm(nxt - p) <= epsilon
        p = nxt
        if done:
            break
    return [float(x) for x in p]


def sentence_features(
    sentences: list[Sentence],
    usable: list[Sentence],
    title: str | None,
    mentions: list[Mention],
    doc: Doc | None = None,
) -> np.ndarray:
    """One row of ``FEATURES`` per sentence of ``usable``, in its order.

    ``sentences`` is the whole article in reading order (the context for
    centrality and the order signal); ``usable`` the pickable ones, whose list
    order defines position (training passes shuffled lists to teach the
    model what out-of-order text looks like).
    """
    rows = np.zeros((len(usable), len(FEATURES)))
    if not usable:
        return rows
    degree = centrality([s.terms for s in sentences])
    by_index = {s.index: k for k, s in enumerate(sentences)}
    central = _normalise([degree[by_index[s.index]] for s in usable])
    salience = _normalise(_entity_salience(usable, mentions, doc))
    order = order_signal([s.terms for s in sentences])
    ranked = textrank([s.terms for s in sentences])
    walk = _normalise([ranked[by_index[s.index]] for s in usable])

    title_terms = set(text_terms(title)) if title else set()
    for rank, sent in enumerate(usable):
        words = word_count(sent)
        position = 1.0 / (1.0 + rank)
        first = 1.0 if rank == 0 else 0.0
        terms = set(sent.terms)
        values = {
            "position": position,
            "first": first,
            "position_x_order": position * order,
            "centrality": central[rank],
            "log_words": math.log(max(words, 1)),
            "short": 1.0 if words < SHORT_WORDS else 0.0,
            "long": 1.0 if words > LONG_WORDS else 0.0,
            "salience": salience[rank],
            "quoted": _quoted_share(sent),
            "dangling": 1.0 if starts_dangling(sent) else 0.0,
            "glued": 1.0 if glued(sent.text) else 0.0,
            "question": 1.0 if sent.text.rstrip("\"'”’) ").endswith("?") else 0.0,
            "title_overlap": len(terms & title_terms) / len(title_terms) if title_terms else 0.0,
            "textrank": walk[rank],
        }
        rows[rank] = [values[name] for name in FEATURES]
    return rows


def _quoted_share(sent: Sentence) -> float:
    """Share of the sentence's letters inside quotation marks."""
    letters = sum(c.isalpha() for c in sent.text)
    if not letters:
        return 0.0
    return 1.0 - sum(c.isalpha() for c in sent.outside) / letters


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
    ordered = sorted(range(len(usable)), key=lambda k: usable[k].start)
    starts = [usable[k].start for k in ordered]
    per_sentence: list[set[str]] = [set() for _ in usable]
    for start, key in found:
        pos = bisect.bisect_right(starts, start) - 1
        if pos >= 0 and start < usable[ordered[pos]].end:
            per_sentence[ordered[pos]].add(key)
    return [sum(math.log1p(counts[key]) for key in sorted(keys)) for keys in per_sentence]


def _normalise(values: list[float]) -> list[float]:
    """Scale to [0, 1] by the maximum (all zeros stay zeros)."""
    top = max(values, default=0.0)
    return [v / top for v in values] if top > 0 else [0.0 for _ in values]
