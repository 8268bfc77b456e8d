"""Document-level scoring of the people each article names, against hand-made lists.

For every article of the dev set (GGT: ``gold.json`` maps a file stem to
``{"people": [full names], ...}``) we compare the set of people the dossier
lists for it with the gold set, and do the same for bare spaCy (the PERSON
spans of the same model, as it gives them) so the table shows what the
entity work adds. Names are compared after folding case, accents,
possessives and courtesy titles.

Usage with a built dossier::

    report(json.load(open("dossier.json")), Path("../shared/eval/ggt"), nlp)

Run as a module (``python -m evaluation.people [ggt_dir]``) it builds the
entity lists itself with the analyse and link functions, straight from the
article files (paragraphs split on blank lines), so the figures exist before
the full pipeline does.
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

_TITLES = re.compile(
    r"^(?:(?:mr|mrs|ms|miss|dr|prof|sir|dame|lord|lady|rev|president|premier|prime minister|"
    r"minister|senator|sen|gov|governor|mayor|chief|judge|justice|gen|general|col|capt|sgt)\.?\s+)+"
)


def normalise(name: str) -> str:
    """Fold a person's name for comparison: case, accents, possessive, titles, spaces."""
    text = unicodedata.normalize("NFKD", name.replace("’", "'").replace("‘", "'"))
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = " ".join(text.split()).casefold()
    text = re.sub(r"'s?$", "", text).strip(" '\".,")
    text = _TITLES.sub("", text)
    return text


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, predicted: set[str], gold: set[str]) -> None:
        self.tp += len(predicted & gold)
        self.fp += len(predicted - gold)
        self.fn += len(gold - predicted)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def read_body(path: Path) -> str:
    """An eval article as the pipeline would see it: paragraphs split on blank lines."""
    raw = path.read_text(encoding="utf-8").replace("\r\n", "\n")
    paragraphs = [" ".join(p.split("\n")).strip() for p in raw.split("\n\n")]
    return "\n\n".join(p for p in paragraphs if p)


def _table(rows: list[tuple[str, Score]], n: int) -> str:
    lines = [f"people, document level, {n} articles", f"{'system':<12} {'P':>6} {'R':>6} {'F1':>6}"]
    for label, s in rows:
        lines.append(f"{label:<12} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f}")
    return "\n".join(lines)


def entity_list(dossier: dict) -> list[dict]:
    """The dossier's entities as a list (dossier.json has a list; older shapes a dict by id)."""
    entities = dossier.get("entities", [])
    return list(entities.values()) if isinstance(entities, dict) else list(entities)


def gold_articles(dossier: dict, gold: dict):
    """(file stem, article) for each article of the dossier that the gold file covers."""
    for article in dossier.get("articles", []):
        stem = Path(article.get("source", "")).stem
        if stem in gold:
            yield stem, article


def report(dossier: dict, gold_dir: Path, nlp) -> str:
    """P/R/F1 of ``dossier["articles"][].people`` and of bare spaCy on the same articles.

    ``dossier`` is the parsed dossier.json: ``articles`` with ``source`` (file
    name) and ``people`` (entity ids), ``entities`` with ``id`` and ``name``.
    """
    gold_dir = Path(gold_dir)
    gold = json.loads((gold_dir / "gold.json").read_text(encoding="utf-8"))
    names = {e["id"]: e["name"] for e in entity_list(dossier)}
    ours, bare = Score(), Score()
    n = 0
    for stem, article in gold_articles(dossier, gold):
        n += 1
        expected = {normalise(p) for p in gold[stem]["people"] if p.strip()}
        predicted = {normalise(names.get(i, i)) for i in article.get("people", [])}
        ours.add(predicted, expected)
        path = gold_dir / "seeds" / f"{stem}.txt"
        doc = nlp(read_body(path)) if path.is_file() else nlp("")
        bare.add({normalise(e.text) for e in doc.ents if e.label_ == "PERSON"}, expected)
    return _table([("dossier", ours), ("bare spaCy", bare)], n)


def build_dossier(paths: list[Path], nlp) -> dict:
    """A dossier.json-shaped dict of people per article, from our analyse + link functions."""
    from generator.analyse.entities import extract_mentions, extract_roles
    from generator.link.entities import link_entities
    from generator.model import AnalysedArticle, Article, Paragraph

    analysed = []
    texts = [read_body(p) for p in paths]
    for path, doc in zip(paths, nlp.pipe(texts)):
        article = Article(
            id=path.stem,
            source=path.name,
            title=None,
            date=None,
            url=None,
            publisher=None,
            paragraphs=[Paragraph(t) for t in doc.text.split("\n\n")],
        )
        mentions = extract_mentions(doc)
        analysed.append(
            AnalysedArticle(
                article=article,
                title="",
                title_generated=True,
                summary=[],
                mentions=mentions,
                quotes=[],
                roles=extract_roles(doc, mentions),
            )
        )
    index = link_entities(analysed)
    return {
        "articles": [
            {"id": a.article.id, "source": a.article.source, "people": index.by_article[a.article.id]["person"]}
            for a in analysed
        ],
        "entities": [
            {"id": e.id, "name": e.name, "type": e.type} for e in index.entities.values()
        ],
    }


def main(argv: list[str]) -> int:
    from generator.analyse.nlp import load_pipeline

    gold_dir = Path(argv[0]) if argv else Path(__file__).resolve().parents[2] / "shared" / "eval" / "ggt"
    if not (gold_dir / "gold.json").is_file():
        print(f"no gold.json in {gold_dir}", file=sys.stderr)
        return 2
    nlp = load_pipeline()
    paths = sorted((gold_dir / "seeds").glob("*.txt"))
    dossier = build_dossier(paths, nlp)
    print(report(dossier, gold_dir, nlp))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
