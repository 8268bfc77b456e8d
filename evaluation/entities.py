"""Document-level scoring of people, organisations and places against CoNLL-style lists.

``gold.json`` maps a file stem to ``{"people": [...], "organisations": [...],
"places": [...]}``: the unique names each document uses, as written
("Phil Simmons" and "Simmons" both). For every article we compare what the
dossier lists with those names, type by type, and do the same for bare spaCy
(the PERSON, ORG and GPE/LOC/FAC spans of the same model, as it gives them,
no cleaning) so the table shows what the entity work adds.

A dossier entity is one prediction; it is right when its name or one of its
aliases is a gold name of that type in that document, and a gold name is
found when some entity of the type carries it. Bare spaCy's predictions are
its distinct span texts. Names are compared after folding case, accents, a
leading "the" and a possessive.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

from .people import entity_list, gold_articles, read_body

TYPES = ("people", "organisations", "places")
BARE_LABELS = {
    "PERSON": "people",
    "ORG": "organisations",
    "GPE": "places",
    "LOC": "places",
    "FAC": "places",
}
_TYPE_OF = {"person": "people", "organisation": "organisations", "place": "places"}


def normalise(name: str) -> str:
    """Fold a name for comparison: case, accents, leading article, possessive, spaces."""
    text = unicodedata.normalize("NFKD", name.replace("’", "'").replace("‘", "'"))
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = " ".join(text.split()).casefold()
    text = re.sub(r"'s?$", "", text).strip(" '\".,")
    text = re.sub(r"^the ", "", text)
    return text


class TypeScore:
    """P/R/F1 where predictions are groups of names (an entity and its aliases)."""

    def __init__(self) -> None:
        self.correct = 0
        self.predicted = 0
        self.found = 0
        self.gold = 0

    def add(self, predicted: list[set[str]], gold: set[str]) -> None:
        self.predicted += len(predicted)
        self.correct += sum(1 for names in predicted if names & gold)
        union = set().union(*predicted) if predicted else set()
        self.gold += len(gold)
        self.found += len(gold & union)

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _gold_sets(entry: dict) -> dict[str, set[str]]:
    return {t: {normalise(n) for n in entry.get(t, []) if n.strip()} for t in TYPES}


def score_dossier(dossier: dict, gold: dict) -> tuple[dict[str, TypeScore], int]:
    """Per-type scores of ``dossier["articles"]`` against ``gold``, and the articles scored."""
    names = {e["id"]: {normalise(n) for n in [e["name"], *e.get("aliases", [])]} for e in entity_list(dossier)}
    scores = {t: TypeScore() for t in TYPES}
    n = 0
    for stem, article in gold_articles(dossier, gold):
        n += 1
        expected = _gold_sets(gold[stem])
        for t in TYPES:
            scores[t].add([names.get(i, {normalise(i)}) for i in article.get(t, [])], expected[t])
    return scores, n


def score_bare(gold: dict, seeds: Path, nlp) -> dict[str, TypeScore]:
    """Per-type scores of the model's own entity spans on every gold document."""
    scores = {t: TypeScore() for t in TYPES}
    stems = sorted(s for s in gold if (seeds / f"{s}.txt").is_file())
    texts = [read_body(seeds / f"{s}.txt") for s in stems]
    for stem, doc in zip(stems, nlp.pipe(texts)):
        found: dict[str, set[str]] = {t: set() for t in TYPES}
        for ent in doc.ents:
            kind = BARE_LABELS.get(ent.label_)
            if kind:
                found[kind].add(normalise(ent.text))
        expected = _gold_sets(gold[stem])
        for t in TYPES:
            scores[t].add([{name} for name in sorted(found[t]) if name], expected[t])
    return scores


def table(rows: list[tuple[str, dict[str, TypeScore]]], n: int) -> str:
    """Markdown-ish table: F1 (P, R) per type for each system."""
    lines = [
        f"people, organisations, places, document level, {n} articles: F1 (P R)",
        f"{'system':<12} " + " ".join(f"{t:>21}" for t in TYPES),
    ]
    for label, scores in rows:
        cells = [f"{s.f1:.3f} ({s.precision:.3f} {s.recall:.3f})" for s in (scores[t] for t in TYPES)]
        lines.append(f"{label:<12} " + " ".join(f"{c:>21}" for c in cells))
    return "\n".join(lines)


def report(dossier: dict, gold_dir: Path, nlp) -> str:
    """The table for ``dossier`` (parsed dossier.json) and bare spaCy on the same documents."""
    gold_dir = Path(gold_dir)
    gold = json.loads((gold_dir / "gold.json").read_text(encoding="utf-8"))
    ours, n = score_dossier(dossier, gold)
    scored = {Path(a.get("source", "")).stem for a in dossier.get("articles", [])}
    bare = score_bare({k: v for k, v in gold.items() if k in scored}, gold_dir / "seeds", nlp)
    return table([("dossier", ours), ("bare spaCy", bare)], n)
