"""Score direct quotes and their speakers against the GGT gold set, next to a naive baseline.

Rules (kept here so the figures can be read and reproduced):

* Gold: the ``direct`` quotes of ``gold.json`` only, de-duplicated per article
  by normalised text (the gold lists a few quotes twice).
* Normalising: quotation marks and punctuation dropped, lower-cased, split into
  word tokens (``\\w+``), so "don’t" and "don't" agree.
* Matching: one-to-one, greedy by score. The score of a predicted/gold pair is
  the size of their token multiset intersection divided by the LONGER of the
  two, so each covers at least half of the other ("containment >= 0.5 both
  ways"). A quote merged from two gold quotes of equal length still matches
  one of them; it cannot match both. Pairs scoring under 0.5 never match.
* A predicted quote running over several paragraphs (its text holds a newline
  between them) is scored as one quote per paragraph, because the gold
  annotates each paragraph of such a quote as its own quote.
* Precision = matched predictions / predictions; recall = matched gold / gold.
* Speaker accuracy = share of matched pairs whose predicted speaker names the
  gold ``reference``: after lower-casing and dropping honorifics, determiners
  and punctuation, the two are equal, or one's words all occur in the other
  ("Sullivan" ~ "Jake Sullivan", "a spokesperson" ~ "a spokesperson for the
  camp"), or their last words agree (surname). No speaker is never right.
* Our quotes are scored twice: ``full`` only (speech, the headline), and
  ``full+partial`` (fragments too: the gold marks some fragments such as
  “bold” as direct quotes and leaves most scare quotes out).
* Naive baseline, computed here from the seed files: text between double
  quotation marks (“…” or "…"), speaker = the PERSON entity nearest to the
  quote by character distance.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

MATCH_THRESHOLD = 0.5
WORD = re.compile(r"\w+")
DROP_WORDS = frozenset(
    "a an the mr mrs ms miss dr prof sir dame lord lady rev".split()
)
NAIVE_QUOTE = re.compile(r"“([^”\n]+)”|\"([^\"\n]+)\"")

Pair = tuple[str, str | None]
"""(quote text, speaker)"""


def tokens(text: str) -> list[str]:
    """Word tokens of a quote after dropping marks and case."""
    return WORD.findall(text.lower().replace("’", "'"))


def overlap(a: Sequence[str], b: Sequence[str]) -> float:
    """Token multiset intersection over the longer length (0 when either is empty)."""
    if not a or not b:
        return 0.0
    common = sum((Counter(a) & Counter(b)).values())
    return common / max(len(a), len(b))


def match(pred: Sequence[str], gold: Sequence[str]) -> list[tuple[int, int]]:
    """One-to-one greedy matching of predicted to gold quote texts, best score first."""
    pt = [tokens(p) for p in pred]
    gt = [tokens(g) for g in gold]
    scored = []
    for i, a in enumerate(pt):
        for j, b in enumerate(gt):
            score = overlap(a, b)
            if score >= MATCH_THRESHOLD:
                scored.append((-score, i, j))
    scored.sort()
    used_p: set[int] = set()
    used_g: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for _, i, j in scored:
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        pairs.append((i, j))
    return sorted(pairs)


def _name_words(name: str) -> list[str]:
    return [w for w in tokens(name) if w not in DROP_WORDS]


def same_speaker(predicted: str | None, reference: str) -> bool:
    """The predicted speaker names the gold reference (see the module doc for the rule)."""
    if not predicted:
        return False
    p, r = _name_words(predicted), _name_words(reference)
    if not p or not r:
        return False
    if p == r or p[-1] == r[-1]:
        return True
    ps, rs = set(p), set(r)
    return ps <= rs or rs <= ps


@dataclass
class Scores:
    """Counts behind precision, recall and speaker accuracy."""

    predicted: int = 0
    gold: int = 0
    matched: int = 0
    right_speaker: int = 0

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def speaker_accuracy(self) -> float:
        return self.right_speaker / self.matched if self.matched else 0.0

    def add(self, other: Scores) -> None:
        self.predicted += other.predicted
        self.gold += other.gold
        self.matched += other.matched
        self.right_speaker += other.right_speaker


def gold_direct(entry: dict[str, Any]) -> list[dict[str, str]]:
    """The direct gold quotes of one article, without repeats."""
    seen: set[tuple[str, ...]] = set()
    out = []
    for q in entry.get("quotes", []):
        if not q.get("direct"):
            continue
        key = tuple(tokens(q["text"]))
        if key in seen:
            continue
        seen.add(key)
        out.append(q)
    return out


def split_paragraphs(pred: Sequence[Pair]) -> list[Pair]:
    """One predicted quote per paragraph, as the gold annotates quotes running over paragraphs."""
    out: list[Pair] = []
    for text, speaker in pred:
        out.extend((part, speaker) for part in text.split("\n") if part.strip())
    return out


def score_article(pred: Sequence[Pair], gold: Sequence[dict[str, str]]) -> tuple[Scores, list[str]]:
    """Scores for one article, and readable lines for each miss (for --verbose)."""
    pred = split_paragraphs(pred)
    pairs = match([p[0] for p in pred], [g["text"] for g in gold])
    s = Scores(predicted=len(pred), gold=len(gold), matched=len(pairs))
    notes: list[str] = []
    matched_p = {i for i, _ in pairs}
    matched_g = {j for _, j in pairs}
    for i, j in pairs:
        if same_speaker(pred[i][1], gold[j]["reference"]):
            s.right_speaker += 1
        else:
            notes.append(f"  SPEAKER {pred[i][1]!r} != {gold[j]['reference']!r}: {pred[i][0][:70]!r}")
    for i, p in enumerate(pred):
        if i not in matched_p:
            notes.append(f"  EXTRA   {p[1]!r}: {p[0][:80]!r}")
    for j, g in enumerate(gold):
        if j not in matched_g:
            notes.append(f"  MISSED  {g['reference']!r}: {g['text'][:80]!r}")
    return s, notes


def naive_quotes(doc: Any) -> list[Pair]:
    """Baseline: text between double marks, speaker = nearest PERSON entity by characters."""
    people = [(e.start_char, e.end_char, e.text) for e in doc.ents if e.label_ == "PERSON"]
    out: list[Pair] = []
    for m in NAIVE_QUOTE.finditer(doc.text):
        body = m.group(1) or m.group(2) or ""
        best: tuple[int, str] | None = None
        for start, end, name in people:
            if m.start() <= start < m.end():
                continue
            dist = m.start() - end if end <= m.start() else start - m.end()
            if best is None or dist < best[0]:
                best = (dist, name)
        out.append((body, best[1] if best else None))
    return out


def read_seed(path: Path) -> str:
    """A gold seed as the pipeline sees it: paragraphs (blank-line separated) joined by blank lines."""
    raw = path.read_text(encoding="utf-8")
    paras = [" ".join(p.split()) for p in re.split(r"\n\s*\n", raw)]
    return "\n\n".join(p for p in paras if p)


def _stem(source: str) -> str:
    return Path(source).stem


ANCHOR = (0.85, 0.83, 0.86)
"""Precision, recall and speaker accuracy the GGT's own extractor reports on its own set."""


def _table(rows: Iterable[tuple[str, Scores]]) -> str:
    lines = [f"{'quotes (GGT direct)':24s} {'P':>6s} {'R':>6s} {'speaker':>8s} {'pred':>6s} {'gold':>6s}"]
    for name, s in rows:
        lines.append(
            f"{name:24s} {s.precision:6.3f} {s.recall:6.3f} {s.speaker_accuracy:8.3f}"
            f" {s.predicted:6d} {s.gold:6d}"
        )
    p, r, a = ANCHOR
    lines.append(f"{'(GGT extractor, own set)':24s} {p:6.3f} {r:6.3f} {a:8.3f}")
    return "\n".join(lines)


def evaluate(
    dossier: dict[str, Any], gold_dir: Path, nlp: Any, notes: list[str] | None = None
) -> dict[str, Scores]:
    """Scores for the dossier (full, full+partial) and the naive baseline over the gold ids."""
    gold = json.loads((gold_dir / "gold.json").read_text(encoding="utf-8"))
    by_id = {_stem(a.get("source", "")): a for a in dossier.get("articles", [])}
    totals = {"dossier full": Scores(), "dossier full+partial": Scores(), "naive baseline": Scores()}
    ids = sorted(gold)
    seeds = gold_dir / "seeds"
    texts = [read_seed(seeds / f"{i}.txt") for i in ids]
    for gid, doc in zip(ids, nlp.pipe(texts)):
        g = gold_direct(gold[gid])
        quotes = by_id.get(gid, {}).get("quotes", [])
        full = [(q["text"], q.get("speaker")) for q in quotes if q.get("kind", "full") == "full"]
        every = [(q["text"], q.get("speaker")) for q in quotes]
        s_full, lines = score_article(full, g)
        totals["dossier full"].add(s_full)
        totals["dossier full+partial"].add(score_article(every, g)[0])
        totals["naive baseline"].add(score_article(naive_quotes(doc), g)[0])
        if notes is not None and lines:
            notes.append(gid)
            notes.extend(lines)
    return totals


def report(dossier: dict[str, Any], gold_dir: Path, nlp: Any) -> str:
    """A small text table: precision, recall and speaker accuracy for the dossier vs naive."""
    totals = evaluate(dossier, gold_dir, nlp)
    return _table(totals.items())


def _own_dossier(gold_dir: Path, nlp: Any) -> dict[str, Any]:
    """Run the extractor straight over the gold seeds (until the full pipeline is wired in)."""
    from generator.analyse.quotes import extract_quotes

    paths = sorted((gold_dir / "seeds").glob("*.txt"))
    articles = []
    for path, doc in zip(paths, nlp.pipe(read_seed(p) for p in paths)):
        quotes = extract_quotes(doc, [])
        articles.append(
            {
                "source": path.name,
                "quotes": [
                    {"text": q.text, "speaker": q.speaker, "speaker_id": None, "kind": q.kind}
                    for q in quotes
                ],
            }
        )
    return {"articles": articles, "entities": []}


def main(argv: Sequence[str]) -> int:
    """``python -m evaluation.quotes [GOLD_DIR] [--verbose]``: our extractor vs naive on GGT."""
    from generator.analyse.nlp import load_pipeline

    args = [a for a in argv if not a.startswith("--")]
    gold_dir = Path(args[0]) if args else Path(__file__).resolve().parents[2] / "shared" / "eval" / "ggt"
    nlp = load_pipeline()
    dossier = _own_dossier(gold_dir, nlp)
    notes: list[str] | None = [] if "--verbose" in argv else None
    totals = evaluate(dossier, gold_dir, nlp, notes)
    if notes:
        print("\n".join(notes))
    print(_table(totals.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
