"""Train the entity type model shipped as generator/analyse/data/entity_types.json.

    python -m evaluation.train_entities [--eval-dir ../shared/eval] [--folds 5]

Reads ``conll-train`` (CoNLL-2003 ``eng.train``, Reuters RCV1, research
licence), runs each document through ingest and the analyse stage's own
candidate finder (:func:`generator.analyse.entities.candidates`), labels each
candidate by whether its name is one of the document's gold people,
organisations or places (else "none"), and fits a multinomial logistic
regression with L2 penalty over the features of
:func:`generator.analyse.entity_model.features`. The penalty is chosen by
cross-validation over documents (folds print their accuracy); the final
model is fitted on all of conll-train. Deterministic: same data, same JSON.
Scores are reported on conll-dev by ``make eval``, never on conll-train.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter
from pathlib import Path

import numpy as np

from .entities import normalise

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "generator" / "analyse" / "data" / "entity_types.json"
GOLD_KEYS = {"people": "person", "organisations": "organisation", "places": "place"}
MIN_COUNT = 3
# Weights smaller than this change no decision; leaving them out keeps the shipped file small.
PRUNE = 0.05
PENALTIES = (0.3, 1.0, 3.0)


def examples(eval_dir: Path) -> tuple[list[list[str]], list[str], list[int]]:
    """Feature lists, gold classes and document numbers of every candidate in conll-train."""
    from generator.analyse.entities import candidates
    from generator.analyse.entity_model import features
    from generator.analyse.nlp import load_pipeline
    from generator.ingest.reader import read_seeds

    base = eval_dir / "conll-train"
    gold = json.loads((base / "gold.json").read_text(encoding="utf-8"))
    articles, _ = read_seeds(base / "seeds")
    nlp = load_pipeline()
    docs = _parsed(nlp, [a.text for a in articles], ROOT / ".dossier-cache" / "eval-train" / "conll-train.spacy")
    feats: list[list[str]] = []
    labels: list[str] = []
    groups: list[int] = []
    for n, (article, doc) in enumerate(zip(articles, docs)):
        entry = gold.get(Path(article.source).stem)
        if entry is None:
            continue
        kinds: dict[str, set[str]] = {}
        for key, kind in GOLD_KEYS.items():
            for name in entry.get(key, []):
                kinds.setdefault(normalise(name), set()).add(kind)
        for cand in candidates(doc):
            found = kinds.get(normalise(cand.span.text), {"none"})
            if len(found) != 1:
                continue  # one name, two types in one document: no clear lesson
            feats.append(features(cand.span, cand.label, cand.rule_type))
            labels.append(next(iter(found)))
            groups.append(n)
    return feats, labels, groups


def _parsed(nlp, texts: list[str], cache: Path) -> list:
    """The parsed documents, kept in a DocBin beside the build caches (parsing is the slow part)."""
    from spacy.tokens import DocBin

    if cache.is_file():
        docs = list(DocBin().from_disk(cache).get_docs(nlp.vocab))
        if [d.text for d in docs] == texts:
            return docs
    docs = list(nlp.pipe(texts, batch_size=32))
    cache.parent.mkdir(parents=True, exist_ok=True)
    bin_ = DocBin(store_user_data=False)
    for d in docs:
        bin_.add(d)
    bin_.to_disk(cache)
    return list(DocBin().from_disk(cache).get_docs(nlp.vocab))


def _matrix(feats: list[list[str]], vocab: dict[str, int]) -> tuple[np.ndarray, np.ndarray]:
    rows, cols = [], []
    for i, fs in enumerate(feats):
        for f in set(fs):
            j = vocab.get(f)
            if j is not None:
                rows.append(i)
                cols.append(j)
    return np.array(rows, dtype=np.int64), np.array(cols, dtype=np.int64)


def fit(feats, labels, classes, penalty: float, iterations: int = 300) -> tuple[dict[str, int], np.ndarray]:
    """Multinomial logistic regression by full-batch Adam; returns the vocabulary and weights."""
    counts = Counter(f for fs in feats for f in set(fs))
    vocab = {f: j for j, f in enumerate(sorted(f for f, c in counts.items() if c >= MIN_COUNT))}
    rows, cols = _matrix(feats, vocab)
    n, k = len(feats), len(classes)
    size = len(vocab)
    y = np.zeros((n, k))
    y[np.arange(n), [classes.index(lab) for lab in labels]] = 1.0
    w = np.zeros((len(vocab), k))
    m = np.zeros_like(w)
    v = np.zeros_like(w)
    rate, b1, b2 = 0.1, 0.9, 0.999
    for t in range(1, iterations + 1):
        scores = _scores(rows, cols, w, n)
        scores -= scores.max(axis=1, keepdims=True)
        p = np.exp(scores)
        p /= p.sum(axis=1, keepdims=True)
        g_rows = (p - y) / n
        grad = np.stack([np.bincount(cols, weights=g_rows[rows, c], minlength=size) for c in range(k)], axis=1)
        grad += penalty * w / n
        m = b1 * m + (1 - b1) * grad
        v = b2 * v + (1 - b2) * grad * grad
        w -= rate * (m / (1 - b1**t)) / (np.sqrt(v / (1 - b2**t)) + 1e-8)
    return vocab, w


def predict(feats, vocab: dict[str, int], w: np.ndarray) -> np.ndarray:
    rows, cols = _matrix(feats, vocab)
    return _scores(rows, cols, w, len(feats)).argmax(axis=1)


def _scores(rows: np.ndarray, cols: np.ndarray, w: np.ndarray, n: int) -> np.ndarray:
    """Row sums of the weights of each example's features (a sparse product, by bincount)."""
    return np.stack([np.bincount(rows, weights=w[cols, c], minlength=n) for c in range(w.shape[1])], axis=1)


def cross_validate(feats, labels, groups, classes, penalty: float, folds: int) -> float:
    """Candidate-level accuracy over document folds."""
    correct = 0
    for fold in range(folds):
        train = [i for i, g in enumerate(groups) if g % folds != fold]
        test = [i for i, g in enumerate(groups) if g % folds == fold]
        vocab, w = fit([feats[i] for i in train], [labels[i] for i in train], classes, penalty)
        pred = predict([feats[i] for i in test], vocab, w)
        correct += sum(1 for i, p in zip(test, pred) if classes[p] == labels[i])
    return correct / len(labels)


def main(argv: list[str] | None = None) -> int:
    from generator.analyse.entity_model import CLASSES

    parser = argparse.ArgumentParser(prog="python -m evaluation.train_entities", description=__doc__)
    parser.add_argument("--eval-dir", type=Path, default=Path(os.environ.get("DOSSIER_EVAL", ROOT.parent / "shared" / "eval")))
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    feats, labels, groups = examples(args.eval_dir)
    classes = list(CLASSES)
    print(f"{len(labels)} candidates: {dict(sorted(Counter(labels).items()))}", file=sys.stderr)
    accuracy = {c: cross_validate(feats, labels, groups, classes, c, args.folds) for c in PENALTIES}
    for c, acc in accuracy.items():
        print(f"penalty {c}: cross-validated candidate accuracy {acc:.4f}", file=sys.stderr)
    best = max(PENALTIES, key=lambda c: (accuracy[c], -c))
    print(f"penalty chosen by {args.folds}-fold cross-validation: {best}", file=sys.stderr)
    vocab, w = fit(feats, labels, classes, best)
    weights = {}
    for f, j in sorted(vocab.items()):
        row = [round(float(x), 2) for x in w[j]]
        if max(abs(x) for x in row) >= PRUNE:
            weights[f] = row
    data = {
        "about": "Entity type model for generator.analyse.entity_model, trained by "
        "`python -m evaluation.train_entities` on CoNLL-2003 eng.train (Reuters RCV1, research licence).",
        "classes": classes,
        "penalty": best,
        "weights": weights,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(data, sort_keys=True, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({len(weights)} features)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
