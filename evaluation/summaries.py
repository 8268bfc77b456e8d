"""Score extractive summaries against the BBC News Summary dev set, next to baselines.

Systems: ours (from dossier.json), Lead-N, and sumy's LexRank, TextRank, LSA
and Luhn, all run on the same articles in the same run.

Sentence budget (why it is fair): every system gets the SAME number of
sentences per article, ``BUDGET`` = 3, the product's default summary length
(build the dossier with n=3). The BBC references are long (about 40% of an
article, median 6 sentences), so ROUGE F1 rises with more sentences for every
system alike; a fixed budget compares what each system picks, not how much it
picks. Articles with fewer usable sentences than the budget give what they have.
``python -m evaluation.summaries --ref-budget`` also runs every system with the
reference's own sentence count per article, as a second, length-matched view.

Sentences for the baselines come from the one-sentence-per-line seed files
(first line the title, blank lines between paragraphs). sumy's default
tokenizer needs NLTK punkt data, which cannot be downloaded here, so the
baselines get ``LineTokenizer``: sentences are the lines, words a regex;
stemming and stop words are sumy's own ``Stemmer("english")`` and
``get_stop_words("english")`` (no downloads). ROUGE is the ``rouge-score``
package, F1 with its Porter stemmer, macro-averaged over articles. R-L is
``rougeL`` over the joined summary (order-sensitive; the references list
their sentences in no text order, so it is noisy); R-Lsum is ``rougeLsum``,
the summary-level LCS of the original ROUGE-L, one sentence per line.

Margins: with 100 articles a gap of a point can be luck, so the table is
followed by a paired bootstrap of ours minus each baseline on R-2 and R-L
(resampling articles, 95% interval). ``--cv`` checks that the summariser's
constants are not fitted to these articles: it splits them into 5 folds by
topic-stratified round robin, picks the constants from a small grid on 4
folds, scores the held-out fold with them, and reports the held-out scores.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from statistics import mean
from typing import Callable

BUDGET = 3
"""Sentences per summary for every system; the dossier build must use the same n."""

METRICS = ("rouge1", "rouge2", "rougeL", "rougeLsum")
HEADERS = {"rouge1": "R-1", "rouge2": "R-2", "rougeL": "R-L", "rougeLsum": "R-Lsum"}
DEFAULT_GOLD = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "bbc-summary"


@dataclass
class GoldArticle:
    """One dev-set article: title, paragraphs of sentence lines, reference sentences."""

    stem: str
    title: str
    paragraphs: list[list[str]]
    reference: list[str]

    @property
    def sentences(self) -> list[str]:
        return [s for para in self.paragraphs for s in para]


class LineTokenizer:
    """sumy tokenizer without NLTK data: one sentence per line, regex words."""

    language = "english"
    _WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        return tuple(line.strip() for line in paragraph.splitlines() if line.strip())

    def to_words(self, sentence: str) -> tuple[str, ...]:
        return tuple(self._WORD.findall(sentence))


def load_gold(gold_dir: Path) -> list[GoldArticle]:
    """Read seeds/<stem>.txt and refs.json; articles sorted by stem."""
    refs = json.loads((gold_dir / "refs.json").read_text(encoding="utf-8"))
    out = []
    for path in sorted((gold_dir / "seeds").glob("*.txt")):
        lines = path.read_text(encoding="utf-8").split("\n")
        title = lines[0].strip()
        paragraphs: list[list[str]] = [[]]
        for line in lines[1:]:
            if line.strip():
                paragraphs[-1].append(line.strip())
            elif paragraphs[-1]:
                paragraphs.append([])
        paragraphs = [p for p in paragraphs if p]
        reference = [s for s in refs.get(path.stem, "").split("\n") if s.strip()]
        if reference:
            out.append(GoldArticle(path.stem, title, paragraphs, reference))
    return out


def lead(article: GoldArticle, n: int) -> list[str]:
    """The first n sentences."""
    return article.sentences[:n]


def _sumy(name: str) -> Callable[[GoldArticle, int], list[str]]:
    """A baseline function running one sumy summarizer with English stemmer and stop words."""

    def run(article: GoldArticle, n: int) -> list[str]:
        from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
        from sumy.nlp.stemmers import Stemmer
        from sumy.summarizers.lex_rank import LexRankSummarizer
        from sumy.summarizers.lsa import LsaSummarizer
        from sumy.summarizers.luhn import LuhnSummarizer
        from sumy.summarizers.text_rank import TextRankSummarizer
        from sumy.utils import get_stop_words

        classes = {
            "LexRank": LexRankSummarizer,
            "TextRank": TextRankSummarizer,
            "LSA": LsaSummarizer,
            "Luhn": LuhnSummarizer,
        }
        tokenizer = LineTokenizer()
        document = ObjectDocumentModel(
            [Paragraph([Sentence(s, tokenizer) for s in para]) for para in article.paragraphs]
        )
        summarizer = classes[name](Stemmer(tokenizer.language))
        summarizer.stop_words = get_stop_words(tokenizer.language)
        return [str(s) for s in summarizer(document, n)]

    return run


BASELINES: dict[str, Callable[[GoldArticle, int], list[str]]] = {
    "Lead": lead,
    "LexRank (sumy)": _sumy("LexRank"),
    "TextRank (sumy)": _sumy("TextRank"),
    "LSA (sumy)": _sumy("LSA"),
    "Luhn (sumy)": _sumy("Luhn"),
}


def rouge_f1(predicted: list[str], reference: list[str]) -> dict[str, float]:
    """ROUGE-1/2/L F1 of one summary against one reference (Porter-stemmed)."""
    from rouge_score import rouge_scorer

    scorer = _scorer(rouge_scorer)
    scores = scorer.score("\n".join(reference), "\n".join(predicted))
    return {m: scores[m].fmeasure for m in METRICS}


_SCORER = None


def _scorer(module):
    global _SCORER
    if _SCORER is None:
        _SCORER = module.RougeScorer(list(METRICS), use_stemmer=True)
    return _SCORER


def score_articles(
    ours: dict[str, list[str]],
    gold: list[GoldArticle],
    budget: int | None,
    ours_label: str = "ours",
) -> dict[str, dict[str, dict[str, float]]]:
    """Per-article F1: system -> stem -> metric; ``budget`` None means each reference's own length."""
    systems = {ours_label: lambda a, n: ours.get(a.stem, [])}
    systems.update(BASELINES)
    return {
        name: {a.stem: rouge_f1(fn(a, budget or len(a.reference)), a.reference) for a in gold}
        for name, fn in systems.items()
    }


def mean_table(scores: dict[str, dict[str, dict[str, float]]]) -> dict[str, dict[str, float]]:
    """Macro-average the per-article scores of each system."""
    return {name: {m: mean(r[m] for r in rows.values()) for m in METRICS} for name, rows in scores.items()}


def evaluate(
    ours: dict[str, list[str]],
    gold: list[GoldArticle],
    budget: int | None,
    ours_label: str = "ours",
) -> dict[str, dict[str, float]]:
    """Mean F1 per system; ``budget`` None means each reference's own sentence count."""
    return mean_table(score_articles(ours, gold, budget, ours_label))


def paired_bootstrap(
    ours: list[float], rival: list[float], resamples: int = 2000, seed: int = 0
) -> tuple[float, float, float]:
    """Mean of ours - rival over articles and its 95% bootstrap interval (articles resampled).

    Deterministic for a given seed, so reports do not flicker between runs.
    """
    diffs = [a - b for a, b in zip(ours, rival)]
    if not diffs:
        return 0.0, 0.0, 0.0
    rng = random.Random(seed)
    size = len(diffs)
    means = sorted(sum(diffs[rng.randrange(size)] for _ in range(size)) / size for _ in range(resamples))
    return mean(diffs), means[int(0.025 * resamples)], means[min(resamples - 1, int(0.975 * resamples))]


def format_margins(scores: dict[str, dict[str, dict[str, float]]], ours_label: str = "ours") -> str:
    """Ours minus each baseline on R-2 and R-L, with paired bootstrap intervals (x100)."""
    ours = scores[ours_label]
    stems = sorted(ours)
    lines = [f"Margins of {ours_label} (paired bootstrap over articles, 95% interval, x100):"]
    for name, rows in scores.items():
        if name == ours_label:
            continue
        cells = []
        for m in ("rouge2", "rougeL"):
            diff, low, high = paired_bootstrap([ours[s][m] for s in stems], [rows[s][m] for s in stems])
            cells.append(f"{HEADERS[m]} {100 * diff:+6.2f} [{100 * low:+6.2f}, {100 * high:+6.2f}]")
        lines.append(f"  vs {name:<16}" + "   ".join(cells))
    return "\n".join(lines)


def format_table(table: dict[str, dict[str, float]], budget_text: str, articles: int) -> str:
    """A plain text table, best R-2 marked per column."""
    lines = [
        f"Summaries: BBC News Summary dev set, {articles} articles, ROUGE F1 x100 (rouge-score, stemmed)",
        f"Budget: {budget_text}, the same for every system",
        f"{'system':<18}" + "".join(f"{HEADERS[m]:>8}" for m in METRICS),
    ]
    best = {m: max(row[m] for row in table.values()) for m in METRICS}
    for name, row in table.items():
        cells = "".join(f"{100 * row[m]:7.2f}{'*' if row[m] == best[m] else ' '}" for m in METRICS)
        lines.append(f"{name:<18}{cells}")
    lines.append("(* best in column; R-L is rouge-score's rougeL over the joined summary, R-Lsum its")
    lines.append(" summary-level rougeLsum, one sentence per line: the references are not in text order)")
    return "\n".join(lines)


def report(dossier: dict, gold_dir: Path, nlp=None) -> str:
    """Score the dossier's summaries and the baselines at the same budget; return a text table.

    The budget is ``BUDGET``; if the dossier's summaries are longer (built
    with another n), the table says so, since the comparison is then unfair.
    ``nlp`` is accepted for the eval runner's uniform call and not needed here.
    """
    del nlp
    gold = load_gold(Path(gold_dir))
    ours = {Path(a.get("source", "")).stem: list(a.get("summary") or []) for a in dossier.get("articles", [])}
    missing = sum(1 for a in gold if a.stem not in ours)
    longest = max((len(v) for v in ours.values()), default=0)
    scores = score_articles(ours, gold, BUDGET)
    text = format_table(mean_table(scores), f"{BUDGET} sentences per article", len(gold))
    text += "\n" + format_margins(scores)
    if longest > BUDGET:
        text += f"\nWARNING: dossier summaries have up to {longest} sentences; build with n={BUDGET}."
    if missing:
        text += f"\nWARNING: {missing} dev articles missing from the dossier (scored as empty)."
    return text


def parse(gold: list[GoldArticle], nlp) -> list:
    """One spaCy doc per article, each sentence line a paragraph (as ingest makes them)."""
    return list(nlp.pipe("\n\n".join(article.sentences) for article in gold))


def run_ours(gold: list[GoldArticle], nlp, budget: int | None, docs: list | None = None) -> dict[str, list[str]]:
    """Run the summariser directly: each sentence line a paragraph, title passed."""
    from generator.analyse.summary import summarise

    docs = docs if docs is not None else parse(gold, nlp)
    return {
        article.stem: summarise(doc, article.title, [], n=budget or len(article.reference))
        for article, doc in zip(gold, docs)
    }


CV_FOLDS = 5
CV_GRID: dict[str, tuple[float, ...]] = {
    "LENGTH_EXPONENT": (0.0, 0.25, 0.5, 0.75, 1.0),
    "REDUNDANT_EXCESS": (0.5, 0.6, 0.7, 0.8, 0.9, 1.0),
    "BOOST_POSITION": (0.0, 0.1),
    "BOOST_ENTITIES": (0.0, 0.1),
}
"""The summariser's tunable constants and the values cross-validation may choose from."""


def topic_folds(stems: list[str], folds: int = CV_FOLDS) -> dict[str, int]:
    """Fold of each article: round robin within each topic (the stem before "_"), so folds mix topics."""
    out: dict[str, int] = {}
    topics = sorted({stem.split("_")[0] for stem in stems})
    for topic in topics:
        members = sorted(stem for stem in stems if stem.split("_")[0] == topic)
        for i, stem in enumerate(members):
            out[stem] = i % folds
    return out


def cross_validate(
    gold: list[GoldArticle], nlp, budget: int | None, folds: int = CV_FOLDS
) -> tuple[dict[str, dict[str, float]], list[str]]:
    """Held-out per-article scores of ours, constants chosen on the other folds; and one line per fold.

    Every grid point is run once over all articles; for each fold the point
    with the best mean of R-2 and R-L on the other folds is chosen (ties go
    to the smaller constants) and only its held-out articles are kept.
    """
    import generator.analyse.summary as summary

    docs = parse(gold, nlp)
    names = sorted(CV_GRID)
    grid = list(itertools.product(*(CV_GRID[name] for name in names)))
    saved = {name: getattr(summary, name) for name in names}
    cache: dict[tuple[str, tuple[str, ...]], dict[str, float]] = {}
    table: dict[tuple[float, ...], dict[str, dict[str, float]]] = {}
    references = {a.stem: a.reference for a in gold}
    try:
        for point in grid:
            for name, value in zip(names, point):
                setattr(summary, name, value)
            scores = {}
            for stem, picked in run_ours(gold, nlp, budget, docs).items():
                key = (stem, tuple(picked))
                if key not in cache:
                    cache[key] = rouge_f1(picked, references[stem])
                scores[stem] = cache[key]
            table[point] = scores
    finally:
        for name, value in saved.items():
            setattr(summary, name, value)

    fold_of = topic_folds([a.stem for a in gold], folds)

    def objective(point: tuple[float, ...], stems: list[str]) -> float:
        return mean((table[point][s]["rouge2"] + table[point][s]["rougeL"]) / 2 for s in stems)

    held: dict[str, dict[str, float]] = {}
    lines = []
    for fold in range(folds):
        train = [s for s, f in fold_of.items() if f != fold]
        test = [s for s, f in fold_of.items() if f == fold]
        if not test or not train:
            continue
        best = max(grid, key=lambda point: (objective(point, train), [-v for v in point]))
        held.update({s: table[best][s] for s in test})
        chosen = ", ".join(f"{name}={value:g}" for name, value in zip(names, best))
        r2 = 100 * mean(table[best][s]["rouge2"] for s in test)
        rl = 100 * mean(table[best][s]["rougeL"] for s in test)
        lines.append(f"fold {fold} ({len(test)} held out): {chosen}; held-out R-2 {r2:.2f}, R-L {rl:.2f}")
    return held, lines


def shuffled(gold: list[GoldArticle], seed: int = 13) -> list[GoldArticle]:
    """The same articles with sentence order shuffled (one paragraph): tests position-free skill."""
    rng = random.Random(seed)
    out = []
    for a in gold:
        sentences = list(a.sentences)
        rng.shuffle(sentences)
        out.append(GoldArticle(a.stem, a.title, [sentences], a.reference))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--n", type=int, default=BUDGET, help="sentence budget for every system")
    parser.add_argument("--ref-budget", action="store_true", help="budget = reference sentence count")
    parser.add_argument("--shuffle", action="store_true", help="shuffle sentence order first")
    parser.add_argument("--no-title", action="store_true", help="do not pass titles to ours")
    parser.add_argument("--cv", action="store_true", help="cross-validate the summariser's constants (slow)")
    args = parser.parse_args(argv)
    from generator.analyse.nlp import load_pipeline

    gold = load_gold(args.gold)
    if args.shuffle:
        gold = shuffled(gold)
    if args.no_title:
        gold = [GoldArticle(a.stem, "", a.paragraphs, a.reference) for a in gold]
    budget = None if args.ref_budget else args.n
    label = "reference's sentence count per article" if budget is None else f"{budget} sentences per article"
    if args.shuffle:
        label += " (sentences shuffled)"
    nlp = load_pipeline()
    if args.cv:
        held, lines = cross_validate(gold, nlp, budget)
        baselines = score_articles({}, gold, budget)
        del baselines["ours"]
        scores = {"ours (CV)": held, **baselines}
        print("\n".join(lines))
        print(format_table(mean_table(scores), label + ", ours held out by fold", len(gold)))
        print(format_margins(scores, "ours (CV)"))
        return 0
    scores = score_articles(run_ours(gold, nlp, budget), gold, budget)
    print(format_table(mean_table(scores), label, len(gold)))
    print(format_margins(scores))
    return 0


if __name__ == "__main__":
    sys.exit(main())
