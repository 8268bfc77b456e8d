"""Learn the summariser's sentence scorer from the dev sets: ``python -m evaluation.train_summary``.

Data: the BBC News Summary set (references are article sentences) and
cnndm-dev (newsroom highlights, abstractive), each read through the
generator's own ingest and parsed by its own pipeline, so the features are
exactly those the build computes. Labels: each article's greedy ROUGE oracle
(up to ``BUDGET`` pickable sentences, each added while it raises mean R-1/R-2
F1 against the reference) - one labelling rule for both sets. Every article
is also seen once with its sentences shuffled (same labels): that is how the
model learns to trust position only as far as the text looks ordered
(seed 001 is such a text).

Model: a listwise logistic scorer - a softmax over each article's sentences,
cross-entropy against its oracle, L2 penalty - fitted by plain gradient
descent with numpy (no new dependency). Oracle-fitted weights rank like the
oracle but are not what ROUGE rewards, so they are then tuned by coordinate
ascent (``search``) on the margin over the strongest plain baseline, on the
set where it is smallest (Lead-3 or TextRank, whichever is stronger there).
Tried and not kept: the mean of the two margins (better on BBC, the same on
cnndm-dev under cross-validation, but it stopped preferring the lede of short
articles) and Lead-3 as the only rival. The picker's redundancy threshold
(``summary.select``) is learned in the same run: after the search, each
value of ``REDUNDANCY_GRID`` is tried with the found weights, the best on
the training objective is kept and the weights get one more sweep around it
(which also moves the dangling-opener weight on top of the fixed
``DANGLING_PENALTY``). The shipped weights are fitted on all articles of
both sets.

Cross-validation, every figure held out (``cross_validate``):
* across sets: train on BBC, test on cnndm-dev, and the reverse;
* within: 5 folds over both sets together (each article tested once, by a
  model that never saw it).
The held-out ROUGE is printed beside Lead-3 and TextRank on the same articles,
with a paired bootstrap of the margin over the stronger of the two.

Measured and not kept (issue 13, held-out R-1/R-2/R-L x100 of this script's
cross-validation; the shipped scorer's 5-fold figures were BBC 59.61/54.24/43.82,
cnndm-dev 38.47/17.31/25.15, train-on-other-set cnndm-dev 34.85/15.50/22.63):
* article-length interactions (position x log sentence count, log count):
  5-fold BBC 58.45/53.00/43.28, cnndm-dev 38.99/17.11/25.20 - worse on both;
* relative position (rank / (n - 1)) with first x log count: cnndm-dev 5-fold
  39.87/18.03/26.24 (+0.7 R-2) but BBC 58.63/52.67/42.54 (-1.6 R-2); relative
  position alone: worse on both;
* a "among the first three" flag: 5-fold BBC 59.02/53.81/44.04, cnndm-dev
  39.37/17.61/25.58, within the search's run-to-run noise; refitted on all
  articles the search gives it weight ~0 and BBC R-L drops 0.8;
* cutting picture captions run into prose without a full stop ("... on a
  tourist's camera The embarrassed soldier ...") into their own, never picked,
  pieces: cnndm-dev R-2 17.78 -> 17.47 with the shipped weights, and 5-fold
  worse on both sets once refitted (the captions restate the lede's words);
* compressing the picked sentences (bracketed asides, trailing attributions
  such as ", police said."): cnndm-dev +0.00 R-2 / +0.07 R-L, BBC -0.52 R-2.
Issue 13, second round (held-out R-1/R-2/R-L x100; "5-fold" and "across" as
above; the starting point, as built before this round: across BBC
52.65/45.46/39.07, cnndm-dev 34.86/15.52/22.63; 5-fold BBC 58.52/52.73/43.04,
cnndm-dev 38.41/16.73/24.96; TextRank on BBC 61.89/56.12/46.97, Lead-3 on
cnndm-dev 41.49/19.19/26.63):
* KEPT - a ``textrank`` feature, TextRank's own PageRank score (self-edges,
  power iteration) beside the degree centrality: across BBC 53.93/47.23/40.11,
  cnndm-dev 35.45/15.84/23.25; 5-fold BBC 59.27/53.90/43.44, cnndm-dev
  38.53/17.15/25.07 - better on all four;
* the redundancy threshold learned free (grid 0.4-1.0 on the training
  objective, then one sweep), with the textrank feature: across BBC
  53.46/46.60/39.96, cnndm-dev 35.45/15.84/23.25; 5-fold BBC 60.29/55.44/44.15,
  cnndm-dev 38.91/17.29/25.75 - but on all articles it picks 0.6, and seed
  000 then keeps both of its "running out of weapons" sentences: not kept;
* KEPT - the same with the grid capped at the hand-set 0.5 (0.3/0.4/0.5; see
  ``REDUNDANCY_GRID``): across BBC 53.46/46.60/39.96, cnndm-dev
  35.45/15.84/23.25; 5-fold BBC 59.37/54.08/43.50, cnndm-dev 39.10/17.57/25.62
  - every figure at or above the starting point (5-fold cnndm-dev +0.84 R-2,
  +0.66 R-L; BBC +1.35 R-2); on all articles it keeps 0.5 and the final sweep
  drops the short-sentence penalty;
* the objective's gain with R-L (LCS, bit-parallel) beside R-1/R-2, with
  textrank: 5-fold BBC 59.00/53.48/44.02, cnndm-dev 38.57/16.82/24.82, across
  BBC 54.44/48.01/40.43 - BBC R-L up, cnndm-dev down: not kept;
* "does the lede summarise the article" from the text (the first sentence's
  cosine with the rest of the article over the best sentence's), as position
  x lede and centrality x (1 - lede), with textrank: 5-fold BBC
  58.16/52.47/42.50, cnndm-dev 37.91/16.56/24.60 - worse on both;
* the mean of the two margins again (with textrank and the learned
  threshold): 5-fold BBC 62.23/57.84/47.29 (ahead of TextRank) but cnndm-dev
  37.88/16.08/25.06 (-1.2 R-2): it buys BBC with cnndm-dev, not kept;
* the minimum margin plus a quarter of the mean (so BBC gains that cost
  cnndm-dev nothing are taken): 5-fold BBC 59.09/54.01/43.36, cnndm-dev
  38.74/16.38/25.29 - worse on both than the minimum alone, not kept;
* trigram blocking in the picker (skip a sentence sharing a word trigram
  with the summary so far): not measured - recomputing trigram sets inside
  the search made one cross-validation run take over 20 minutes on the
  shared machine, so it was stopped;
* not tried this round: a pairwise objective for the starting fit (the
  coordinate search on ROUGE decides the weights; the fit only seeds it).
As built (weights fitted on all articles, scored in-sample as make eval does):
BBC 60.06/54.88/44.20 -> 59.67/54.10/43.22, cnndm-dev 39.61/17.78/26.47 ->
39.37/17.00/26.02 (11 references 32.02/10.97/20.91 -> 32.04/10.91/20.93). The
weights shipped before do not come out of this script on today's texts
(refitting the unchanged code gave BBC 60.70/55.61/44.81, cnndm-dev
39.62/17.24/25.92), and an in-sample figure of a min-margin search is not
what it does on new text: the held-out figures above are the judge.
Even with these, TextRank stays ahead on BBC under the shipped objective
(5-fold R-2 -2.0, R-L -3.5) and Lead-3 on cnndm-dev (R-2 -1.6, R-L -1.0):
only objectives that weigh BBC more (the mean) pass TextRank there, and
they give up cnndm-dev.
The two sets want opposite things (cnndm-dev's oracle sentences are the lede,
BBC's the central ones; even the first three pickable sentences beat Lead-3 on
cnndm-dev by only +0.19 R-2 [-0.55, +1.04]), so every text-only feature tried
so far trades one set against the other under the min-margin objective.

Issue 13, third round: nothing kept in the scorer; every figure held out as above (the
shipped recipe re-run: across BBC 53.46/46.60/39.96, cnndm-dev
35.45/15.84/23.25; 5-fold BBC 59.37/54.08/43.50, cnndm-dev 39.10/17.57/25.62):
* summary LENGTH. Mean words (``make eval`` now prints them): BBC references
  155.8, ours 70.6, Lead-3 60.4, TextRank 76.6; cnndm-dev highlights 43.6, ours
  83.5, Lead-3 81.4. Shorter does not pay on cnndm-dev: in-sample Lead-2 (53
  words) 41.22/18.86/26.82 against Lead-3 41.49/19.19/26.63, ours with 2
  sentences 41.01/17.66/27.11. Measured on this recipe's cross-validation
  models, each option's parameter chosen per split on its training articles
  by the same min-margin objective (selection only; the weights unchanged):
  - stop before a sentence whose relative score exp(score - best) is under a
    threshold (0-0.5, at least one or two sentences): the training articles
    choose 0 in 6 of 7 splits; 5-fold cnndm-dev 39.08/17.58/25.62, the rest
    unchanged - no effect;
  - a word budget (stop once the summary has 40-80 words, or none): across
    BBC 51.91/45.45/39.44, 5-fold cnndm-dev 39.02/17.54/25.62 - worse;
  - two sentences instead of three past (or under) a learned article length
    (8-30 pickable sentences): across BBC 49.85/43.48/37.84, 5-fold BBC
    59.16/53.90/43.60, cnndm-dev 38.94/17.33/25.50 - worse;
  - two sentences always (for scale): 5-fold cnndm-dev 40.59/17.21/26.61
    (R-L level with Lead-3, R-2 -1.97), BBC 45.98/42.06/36.27;
* trigram blocking applied at selection time only (skip a sentence sharing
  a word trigram with the summary so far, weights as trained): across BBC
  53.27/46.31/39.70, cnndm-dev 35.99/15.44/23.01; 5-fold BBC
  57.43/51.46/42.18, cnndm-dev 39.02/17.04/25.37 - worse on both sets
  (BBC's references restate, the highlights repeat the lede's phrases);
* a pairwise (RankNet) starting fit - every oracle sentence above every other
  sentence of its article, logistic loss: 5-fold BBC 58.83/53.37/42.81,
  cnndm-dev 39.08/17.47/25.70; across cnndm-dev 34.79/15.38/22.46 - worse;
* the oracle target: each sentence's own ROUGE, top three as labels: 5-fold
  BBC 59.71/53.77/43.90, cnndm-dev 38.87/17.61/25.21, across cnndm-dev
  35.07/15.64/22.96; graded (own mean R-1/R-2 F1 squared as the listwise
  target): 5-fold BBC 59.23/53.95/43.88, cnndm-dev 38.89/17.07/25.73, across
  cnndm-dev 34.80/15.50/22.76 - mixed, R-2 or R-L lost on a set each time.
  (Across BBC stays 53.46/46.60/39.96 under every starting fit: trained on
  cnndm-dev alone the search's lead-only start always wins);
* features: the share of a sentence's content words found in the lede
  (1 for the lede): 5-fold BBC 59.47/53.99/43.86, cnndm-dev 39.21/17.24/25.71,
  across BBC 51.58/43.54/38.93 (-3.06 R-2), cnndm-dev 35.54/16.06/23.38;
  a number in the sentence: 5-fold cnndm-dev 39.57/17.81/25.87 (+0.24/+0.25),
  across cnndm-dev 35.56/16.18/23.31, across BBC 53.89/46.76/40.43, but 5-fold
  BBC 58.65/52.62/42.79 (-1.46 R-2) - both trade one set for the other again.
  Paragraph index, position in paragraph and first-of-paragraph were not
  tried on purpose: on these sets they name the set (none of cnndm-dev's 97
  seeds has a blank line, all 100 BBC seeds have paragraphs), so a weight on
  them would be a switch on the data set, which the held-out sets would not
  forgive.
As built, unchanged: BBC 59.67/54.10/43.22 (TextRank 61.89/56.12/46.97: R-2
-2.02 [-5.12, +1.24], R-L -3.74 [-6.39, -1.16]), cnndm-dev 39.37/17.00/26.02
(Lead-3 41.49/19.19/26.63: R-2 -2.19 [-3.53, -0.84], R-L -0.61 [-1.84,
+0.62]); 11 references 32.04/10.91/20.93 (Lead-3 33.50/12.05/21.87).

Parsed documents are cached under ``.dossier-cache/train-summary`` (spaCy
DocBin, keyed by the texts), so re-runs only pay for the fitting.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from statistics import mean

import numpy as np

from .summaries import BASELINES, GoldArticle

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_EVAL = ROOT.parent / "shared" / "eval"
CACHE = ROOT / ".dossier-cache" / "train-summary"
SETS = ("bbc-summary", "cnndm-dev")
BUDGET = 3
FOLDS = 5
REGULARISATION = 0.01
"""L2 penalty of the listwise fit, which only gives the search its starting point."""
STEPS = 3000
SWEEPS = 3
MONOTONE = ("position", "first", "centrality")
"""Weights the search keeps at or above zero: an earlier or more central sentence is never worse."""
SHUFFLED_WEIGHT = 1.0
MIN_GAIN = 1e-4
LEARNING_RATE = 0.5
SHUFFLE_SEED = 13
START_REDUNDANCY = 0.5
"""The redundancy threshold the search starts from (the former hand-set value)."""
REDUNDANCY_GRID = (0.3, 0.4, 0.5)
"""Thresholds tried for ``summary.select``, at most the former hand-set 0.5: a product ceiling.

ROUGE does not see a restatement as a fault (BBC's references repeat their
main point), so left free the search loosens the threshold (0.6 on all
articles) and seed 000 then says twice that Russia is running out of weapons."""


@dataclass
class Example:
    """One article as the scorer sees it: its sentences, features, oracle labels, reference."""

    set_name: str
    stem: str
    title: str | None
    sentences: list = field(repr=False)
    usable: list = field(repr=False)
    rows: np.ndarray = field(repr=False)
    labels: np.ndarray = field(repr=False)
    shuffled_rows: np.ndarray = field(repr=False)
    shuffled_labels: np.ndarray = field(repr=False)
    reference: list[str] = field(repr=False)
    lead: list[str] = field(repr=False)
    shuffled_order: list[int] = field(repr=False, default_factory=list)
    tokens: list[list[str]] = field(repr=False, default_factory=list)
    ref_grams: tuple = field(repr=False, default=())
    textrank: list[str] = field(repr=False, default_factory=list)
    term_weights: Counter = field(repr=False, default_factory=Counter)
    where: dict = field(repr=False, default_factory=dict)
    gains: dict = field(repr=False, default_factory=dict)
    lead_gain: float = 0.0
    textrank_gain: float = 0.0


# ---------------------------------------------------------------- ROUGE, fast


def _tokens(text: str) -> list[str]:
    from rouge_score import tokenize
    from nltk.stem import porter  # rouge-score depends on nltk; its Porter stemmer needs no data

    global _STEMMER
    if _STEMMER is None:
        _STEMMER = porter.PorterStemmer()
    return tokenize.tokenize(text, _STEMMER)


_STEMMER = None


def _ngrams(tokens: list[str], n: int) -> Counter:
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def _f1(pred: Counter, ref: Counter) -> float:
    overlap = sum((pred & ref).values())
    if not overlap:
        return 0.0
    p, r = overlap / sum(pred.values()), overlap / sum(ref.values())
    return 2 * p * r / (p + r)


def oracle(candidates: list[str], reference: list[str], budget: int = BUDGET) -> list[int]:
    """Greedy ROUGE oracle: indices of up to ``budget`` candidates maximising mean R-1/R-2 F1."""
    ref_tokens = _tokens(" ".join(reference))
    ref1, ref2 = _ngrams(ref_tokens, 1), _ngrams(ref_tokens, 2)
    toks = [_tokens(c) for c in candidates]
    picked: list[int] = []
    best = 0.0
    while len(picked) < budget:
        choice, choice_score = None, best
        for i in range(len(candidates)):
            if i in picked:
                continue
            joined = [t for j in sorted(picked + [i]) for t in toks[j]]
            score = (_f1(_ngrams(joined, 1), ref1) + _f1(_ngrams(joined, 2), ref2)) / 2
            if score > choice_score:
                choice, choice_score = i, score
        if choice is None:
            break
        picked.append(choice)
        best = choice_score
    return picked


# ---------------------------------------------------------------- data


def _parse(set_name: str, texts: list[str], nlp):
    """Parsed docs for ``texts``, from the DocBin cache when the texts are unchanged."""
    from spacy.tokens import DocBin

    key = hashlib.sha256("\x00".join(texts).encode()).hexdigest()[:16]
    path = CACHE / f"{set_name}-{key}.spacy"
    if path.exists():
        return list(DocBin().from_disk(path).get_docs(nlp.vocab))
    docs = list(nlp.pipe(texts, batch_size=16))
    CACHE.mkdir(parents=True, exist_ok=True)
    DocBin(store_user_data=False, docs=docs).to_disk(path)
    return docs


def load_examples(eval_dir: Path, nlp, set_name: str) -> list[Example]:
    """Read a dev set through ingest, parse it, and compute features and oracle labels."""
    from generator.analyse.entities import extract_mentions
    from generator.analyse.sentences import split_sentences
    from generator.analyse.summary import pickable
    from generator.analyse.summary_features import sentence_features
    from generator.ingest.reader import read_seeds

    gold_dir = eval_dir / set_name
    refs = json.loads((gold_dir / "refs.json").read_text(encoding="utf-8"))
    articles, _ = read_seeds(gold_dir / "seeds")
    articles = [a for a in articles if Path(a.source).stem in refs]
    docs = _parse(set_name, [a.text for a in articles], nlp)
    rng = random.Random(SHUFFLE_SEED)
    out = []
    for article, doc in zip(articles, docs):
        stem = Path(article.source).stem
        reference = [s for s in refs[stem].split("\n") if s.strip()]
        lines = _seed_lines(gold_dir / "seeds" / f"{stem}.txt", has_title=article.title is not None)
        lead = lines[:BUDGET]
        textrank = BASELINES["TextRank (sumy)"](GoldArticle(stem, article.title or "", [lines], reference), BUDGET)
        mentions = extract_mentions(doc)
        sentences = split_sentences(doc)
        usable = pickable(sentences, article.title)
        if not usable:
            continue
        rows = sentence_features(sentences, usable, article.title, mentions, doc)
        labels = np.zeros(len(usable))
        labels[oracle([s.text for s in usable], reference)] = 1.0
        order = list(range(len(sentences)))
        rng.shuffle(order)
        mixed = [sentences[k] for k in order]
        pickable_ids = {s.index for s in usable}
        mixed_usable = [s for s in mixed if s.index in pickable_ids]
        shuffled_rows = sentence_features(mixed, mixed_usable, article.title, mentions, doc)
        position = {s.index: k for k, s in enumerate(usable)}
        shuffled_labels = np.array([labels[position[s.index]] for s in mixed_usable])
        out.append(
            Example(set_name, stem, article.title, sentences, usable, rows, labels, shuffled_rows,
                    shuffled_labels, reference, lead, [position[s.index] for s in mixed_usable],
                    textrank=textrank)
        )
    return out


def _seed_lines(path: Path, has_title: bool) -> list[str]:
    """The seed file's sentence lines as given (after the title line): what the baselines read."""
    lines = [line.strip() for line in path.read_text(encoding="utf-8").split("\n") if line.strip()]
    return lines[1:] if has_title else lines


# ---------------------------------------------------------------- model


def fit(examples: list[Example], regularisation: float, shuffled: bool = True):
    """Fit the listwise logistic scorer; returns a ``SummaryModel``."""
    from generator.analyse.summary_features import FEATURES
    from generator.analyse.summary_model import SummaryModel

    groups = []
    for ex in examples:
        if ex.labels.sum() > 0:
            groups.append((ex.rows, ex.labels))
            if shuffled:
                groups.append((ex.shuffled_rows, ex.shuffled_labels))
    stacked = np.vstack([g[0] for g in groups])
    mu = stacked.mean(axis=0)
    scale = stacked.std(axis=0)
    scale[scale < 1e-6] = 1.0
    x = (stacked - mu) / scale
    target = np.concatenate([y / y.sum() for _, y in groups])
    starts = np.cumsum([0] + [len(y) for _, y in groups[:-1]])
    sizes = np.array([len(y) for _, y in groups])
    w = np.zeros(len(FEATURES))
    for _ in range(STEPS):
        z = x @ w
        z -= np.repeat(np.maximum.reduceat(z, starts), sizes)
        e = np.exp(z)
        p = e / np.repeat(np.add.reduceat(e, starts), sizes)
        grad = regularisation * w + x.T @ (p - target) / len(groups)
        w -= LEARNING_RATE * grad
    return SummaryModel(tuple(FEATURES), mu, scale, w, START_REDUNDANCY)


def _prepare(ex: Example) -> None:
    """Cache what the search's objective needs: each pickable sentence's tokens, the reference n-grams."""
    from generator.analyse.sentences import strip_dateline

    if ex.tokens:
        return
    from generator.analyse.summary import term_weights

    ex.tokens = [_tokens(strip_dateline(s.text)) for s in ex.usable]
    ex.term_weights = term_weights([s.terms for s in ex.sentences])
    ex.where = {s.index: k for k, s in enumerate(ex.usable)}
    ref = _tokens(" ".join(ex.reference))
    ex.ref_grams = (_ngrams(ref, 1), _ngrams(ref, 2))
    ex.lead_gain = _text_gain(ex, ex.lead)
    ex.textrank_gain = _text_gain(ex, ex.textrank)


def _text_gain(ex: Example, sentences: list[str]) -> float:
    """The search's gain (see ``_joined_gain``) of any list of sentences against the article's reference."""
    return _joined_gain(ex, [t for s in sentences for t in _tokens(s)])


def _joined_gain(ex: Example, joined: list[str]) -> float:
    """Mean R-1/R-2 F1 of the summary's tokens against the article's reference."""
    return (_f1(_ngrams(joined, 1), ex.ref_grams[0]) + _f1(_ngrams(joined, 2), ex.ref_grams[1])) / 2


def _picked(ex: Example, raw: np.ndarray, shuffled: bool, redundancy: float) -> list[int]:
    """Positions in ``ex.usable`` that ``select`` takes for these raw scores."""
    from generator.analyse.summary import select

    usable = ex.usable
    if shuffled:  # shuffled rows follow the shuffled order; map them back
        usable = [ex.usable[k] for k in ex.shuffled_order]
    scores: list[float | None] = [None] * len(ex.sentences)
    for sent, value in zip(usable, raw):
        scores[sent.index] = float(value)
    where = ex.where
    return [where[ex.sentences[i].index] for i in sorted(select(ex.sentences, scores, BUDGET, ex.term_weights, redundancy))]


def _gain(ex: Example, picked: list[int]) -> float:
    """``_joined_gain`` of the picked sentences (fast n-gram counts, remembered per pick)."""
    key = tuple(picked)
    if key not in ex.gains:
        ex.gains[key] = _count_gain(ex, picked)
    return ex.gains[key]


def _count_gain(ex: Example, picked: list[int]) -> float:
    return _joined_gain(ex, [t for k in picked for t in ex.tokens[k]])


def search(model, examples: list[Example], sweeps: int = SWEEPS):
    """Coordinate ascent on the weights, from ``model``, for the summaries ``select`` builds.

    The objective is the margin over the strongest plain baseline, on the
    set where that margin is smallest: min over sets of (our mean R-1/R-2
    F1 - the best of Lead-3 and TextRank there). Beating the obvious
    baseline on every kind of news is the goal, so the weights may not buy a
    big win on one set with a loss on another. Articles read shuffled count
    too, at ``SHUFFLED_WEIGHT`` (against the same rival: a shuffled text
    still has the same story to find). Steps shrink each sweep; a change is
    kept only when it raises the objective by more than ``MIN_GAIN``; the
    ``MONOTONE`` weights stay non-negative.
    """
    from generator.analyse.summary_model import SummaryModel

    from generator.analyse.summary_features import FEATURES

    objective = _objective(model, examples)
    monotone = {FEATURES.index(name) for name in MONOTONE}
    w = model.weights.copy()
    w[list(monotone)] = np.maximum(w[list(monotone)], 0.0)
    best = objective(w)
    step = 1.0
    for _ in range(sweeps):
        for j in range(len(w)):
            for delta in (-step, -step / 2, step / 2, step):
                trial = w.copy()
                trial[j] += delta
                if j in monotone and trial[j] < 0:
                    continue
                value = objective(trial)
                if value > best + MIN_GAIN:
                    w, best = trial, value
        step /= 2
    return SummaryModel(model.features, model.mean, model.scale, w, model.redundancy)


def _objective(model, examples: list[Example]):
    """The search's objective as a function of the weights (see ``search``)."""
    for ex in examples:
        _prepare(ex)
    by_set: dict[str, list] = {}
    for ex in examples:
        by_set.setdefault(ex.set_name, []).append(ex)
    rival = {name: max(mean(ex.lead_gain for ex in group), mean(ex.textrank_gain for ex in group))
             for name, group in by_set.items()}
    from generator.analyse.summary import DANGLING_PENALTY
    from generator.analyse.summary_features import FEATURES

    column = FEATURES.index("dangling")
    scaled = {id(ex): ((ex.rows - model.mean) / model.scale, (ex.shuffled_rows - model.mean) / model.scale,
                       DANGLING_PENALTY * ex.rows[:, column], DANGLING_PENALTY * ex.shuffled_rows[:, column])
              for ex in examples}

    def objective(w: np.ndarray, redundancy: float = model.redundancy) -> float:
        margins = []
        for name, group in by_set.items():
            total = 0.0
            for ex in group:
                ordered, mixed, penalty, mixed_penalty = scaled[id(ex)]
                total += _gain(ex, _picked(ex, ordered @ w - penalty, False, redundancy))
                if SHUFFLED_WEIGHT:
                    total += SHUFFLED_WEIGHT * _gain(ex, _picked(ex, mixed @ w - mixed_penalty, True, redundancy))
            margins.append(total / (len(group) * (1 + SHUFFLED_WEIGHT)) - rival[name])
        return min(margins)

    return objective


def train(examples: list[Example], regularisation: float):
    """The full recipe: listwise fit, direct search from it and from a lead-only start, then the threshold.

    The oracle-fitted weights can sit in a poor basin for ROUGE on lede-heavy
    news; a second start that ranks by position alone, then searched the same
    way, is kept when it scores better on the training articles. Then the
    redundancy threshold of ``REDUNDANCY_GRID`` that scores best with those
    weights is taken (ties keep the current one), and one more sweep of the
    search fits the weights around it.
    """
    from generator.analyse.summary_features import FEATURES
    from generator.analyse.summary_model import SummaryModel

    fitted = fit(examples, regularisation)
    lead = np.zeros(len(FEATURES))
    lead[FEATURES.index("position")] = 3.0
    starts = [fitted, SummaryModel(fitted.features, fitted.mean, fitted.scale, lead, fitted.redundancy)]
    found = [search(start, examples) for start in starts]
    best = max(found, key=lambda m: _training_score(m, examples))
    objective = _objective(best, examples)
    chosen = max(REDUNDANCY_GRID, key=lambda r: (objective(best.weights, r), r == best.redundancy))
    return search(SummaryModel(best.features, best.mean, best.scale, best.weights, chosen), examples, sweeps=1)


def _training_score(model, examples: list[Example]) -> float:
    """The search's objective for a finished model (a search with no sweeps returns it unchanged)."""
    return _objective(model, examples)(model.weights)


def summaries(model, examples: list[Example]) -> dict[tuple[str, str], list[str]]:
    """What the summariser outputs with ``model``, per (set, stem)."""
    from generator.analyse.sentences import strip_dateline
    from generator.analyse.summary import rank_scores, select

    out = {}
    for ex in examples:
        raw = rank_scores(model, ex.rows)
        scores: list[float | None] = [None] * len(ex.sentences)
        for sent, value in zip(ex.usable, np.exp(raw - raw.max())):
            scores[sent.index] = float(value)
        picked = select(ex.sentences, scores, BUDGET, redundancy=model.redundancy)
        out[(ex.set_name, ex.stem)] = [strip_dateline(ex.sentences[i].text) for i in sorted(picked)]
    return out


def rouge(predicted: list[str], reference: list[str]) -> dict[str, float]:
    """Official rouge-score F1 (the same scorer as the eval report)."""
    from .summaries import rouge_f1

    return rouge_f1(predicted, reference)


def folds_of(examples: list[Example], folds: int = FOLDS) -> dict[tuple[str, str], int]:
    """Round robin within each set, in stem order: every fold mixes both sets."""
    out = {}
    for set_name in SETS:
        members = sorted(ex.stem for ex in examples if ex.set_name == set_name)
        for i, stem in enumerate(members):
            out[(set_name, stem)] = i % folds
    return out


def _held_out_mean(scores: list[dict[str, float]]) -> float:
    return mean((s["rouge2"] + s["rougeL"]) / 2 for s in scores) if scores else 0.0


def cross_validate(examples: list[Example], regularisation: float) -> dict[str, dict[tuple[str, str], dict]]:
    """Held-out per-article ROUGE under each scheme: 'across' (set to set) and 'folds' (5-fold)."""
    results: dict[str, dict[tuple[str, str], dict]] = {"across": {}, "folds": {}}
    for test_set in SETS:
        seen = [ex for ex in examples if ex.set_name != test_set]
        test = [ex for ex in examples if ex.set_name == test_set]
        if seen and test:
            model = train(seen, regularisation)
            for key, picked in summaries(model, test).items():
                ex = next(e for e in test if (e.set_name, e.stem) == key)
                results["across"][key] = rouge(picked, ex.reference)
    fold = folds_of(examples)
    for k in range(FOLDS):
        seen = [ex for ex in examples if fold[(ex.set_name, ex.stem)] != k]
        test = [ex for ex in examples if fold[(ex.set_name, ex.stem)] == k]
        model = train(seen, regularisation)
        for ex in test:
            results["folds"][(ex.set_name, ex.stem)] = rouge(summaries(model, [ex])[(ex.set_name, ex.stem)], ex.reference)
    return results


def cv_report(examples: list[Example], regularisation: float, results: dict | None = None) -> str:
    """Held-out figures per scheme and set beside Lead-3 and TextRank on the same articles (x100).

    The margins are against the stronger of the two on that set (the rival
    the goal names: Lead-3 on newsroom copy, TextRank on BBC), paired
    bootstrap over articles.
    """
    results = results if results is not None else cross_validate(examples, regularisation)
    lines = [
        f"Learned sentence scorer, cross-validated (L2 {regularisation:g}); held-out ROUGE F1 x100, budget {BUDGET}",
        f"{'scheme':<28}{'set':<13}{'ours R-1':>9}{'R-2':>7}{'R-L':>7}   {'Lead-3':>20}   {'TextRank':>20}"
        "   ours minus the stronger, paired bootstrap 95%",
    ]
    for scheme, label in (("across", "train other set, test this"), ("folds", f"{FOLDS}-fold over both sets")):
        for set_name in SETS:
            group = [ex for ex in examples if ex.set_name == set_name and (ex.set_name, ex.stem) in results[scheme]]
            if group:
                held = [results[scheme][(ex.set_name, ex.stem)] for ex in group]
                lines.append(f"{label:<28}{set_name:<13}" + _versus_baselines(group, held))
    return "\n".join(lines)


def _versus_baselines(group: list[Example], held: list[dict]) -> str:
    """One report row: our means, Lead-3's and TextRank's, and our margin over the stronger of them."""
    from .summaries import paired_bootstrap

    rivals = {
        "Lead-3": [rouge(ex.lead, ex.reference) for ex in group],
        "TextRank": [rouge(ex.textrank, ex.reference) for ex in group],
    }

    def means(rows: list[dict]) -> str:
        return "".join(f"{100 * mean(r[m] for r in rows):7.2f}" for m in ("rouge1", "rouge2", "rougeL"))

    strongest = max(rivals, key=lambda name: mean((r["rouge2"] + r["rougeL"]) / 2 for r in rivals[name]))
    margins = []
    for m, name in (("rouge2", "R-2"), ("rougeL", "R-L")):
        diff, low, high = paired_bootstrap([h[m] for h in held], [b[m] for b in rivals[strongest]])
        margins.append(f"{name} {100 * diff:+.2f} [{100 * low:+.2f}, {100 * high:+.2f}]")
    return (f"{means(held):>23}   {means(rivals['Lead-3'])}   {means(rivals['TextRank'])}"
            f"   vs {strongest}: {'  '.join(margins)}")


def load_all(eval_dir: Path, nlp) -> list[Example]:
    """Examples of every training set present under ``eval_dir``."""
    examples: list[Example] = []
    for set_name in SETS:
        if (eval_dir / set_name / "refs.json").exists():
            examples += load_examples(eval_dir, nlp, set_name)
    return examples


def main(argv: list[str] | None = None) -> int:
    from generator.analyse.summary_model import default_path

    parser = argparse.ArgumentParser(prog="python -m evaluation.train_summary", description=__doc__.split("\n")[0])
    parser.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL)
    parser.add_argument("--out", type=Path, default=None, help="weights file (default: the shipped one)")
    parser.add_argument("--no-cv", action="store_true", help="skip the cross-validation report")
    args = parser.parse_args(argv)
    from generator.analyse.nlp import load_pipeline

    nlp = load_pipeline()
    examples = load_all(args.eval_dir, nlp)
    if {ex.set_name for ex in examples} != set(SETS):
        print(f"train_summary: need {', '.join(SETS)} under {args.eval_dir}", file=sys.stderr)
        return 1
    reg = REGULARISATION
    if not args.no_cv:
        print(cv_report(examples, reg))
    model = train(examples, reg)
    counts = Counter(ex.set_name for ex in examples)
    extra = {
        "script": "python -m evaluation.train_summary",
        "sets": {name: counts[name] for name in SETS},
        "labels": f"greedy ROUGE oracle, {BUDGET} sentences; each article also shuffled once (seed {SHUFFLE_SEED})",
        "regularisation": reg,
        "redundancy_grid": list(REDUNDANCY_GRID),
        "steps": STEPS,
    }
    out = args.out or default_path()
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(model.to_json(extra), encoding="utf-8")
    print(f"wrote {out}")
    for name, weight in zip(model.features, model.weights):
        print(f"  {name:<20}{weight:+.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
