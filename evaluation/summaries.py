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
(resampling articles, 95% interval). The summariser's weights are learned
by ``python -m evaluation.train_summary``, which reports their
cross-validated scores (``make eval`` prints them too).

``newsroom_report`` scores cnndm-dev the same way (no title line there;
newsroom highlights as references), then against all 11 references.
"""

from __future__ import annotations

import argparse
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
WORDS = "words"
"""Per-summary length column beside the ROUGE scores: F1 rises and falls with length, so the
table shows how long each system's summaries are (and the references' mean, for comparison)."""
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


def load_gold(gold_dir: Path, has_title: bool = True, refs_file: str = "refs.json") -> list[GoldArticle]:
    """Read seeds/<stem>.txt and the references; articles sorted by stem.

    ``has_title``: the seed's first line is its headline (BBC), else every
    line is body (cnndm-dev). A reference is one string (sentences one a
    line) or, in ``refs_all.json``, a list of them: the first is kept here
    (``load_references`` gives them all).
    """
    refs = json.loads((gold_dir / refs_file).read_text(encoding="utf-8"))
    out = []
    for path in sorted((gold_dir / "seeds").glob("*.txt")):
        lines = path.read_text(encoding="utf-8").split("\n")
        title = lines[0].strip() if has_title else ""
        paragraphs: list[list[str]] = [[]]
        for line in lines[1:] if has_title else lines:
            if line.strip():
                paragraphs[-1].append(line.strip())
            elif paragraphs[-1]:
                paragraphs.append([])
        paragraphs = [p for p in paragraphs if p]
        given = refs.get(path.stem, "")
        given = given[0] if isinstance(given, list) and given else given or ""
        reference = [s for s in given.split("\n") if s.strip()]
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
    f"Lead-{BUDGET}": lead,
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


def word_count(sentences: list[str]) -> int:
    """Whitespace-separated words of a summary (its length as a reader sees it)."""
    return sum(len(s.split()) for s in sentences)


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
    return {name: {a.stem: _scored(fn(a, budget or len(a.reference)), a.reference) for a in gold}
            for name, fn in systems.items()}


def _scored(picked: list[str], reference: list[str]) -> dict[str, float]:
    """ROUGE F1 of one summary and its length in words."""
    return {**rouge_f1(picked, reference), WORDS: word_count(picked)}


def mean_table(scores: dict[str, dict[str, dict[str, float]]]) -> dict[str, dict[str, float]]:
    """Macro-average the per-article scores (and lengths, where scored) of each system."""
    return {name: {m: mean(r[m] for r in rows.values()) for m in (*METRICS, WORDS) if all(m in r for r in rows.values())}
            for name, rows in scores.items()}


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


def format_table(
    table: dict[str, dict[str, float]],
    budget_text: str,
    articles: int,
    dataset: str = "BBC News Summary dev set",
    reference_words: float | None = None,
) -> str:
    """A plain text table, best marked per ROUGE column, then each system's mean length in words.

    ``reference_words`` (the references' mean length) closes the table when
    given: ROUGE F1 is highest near the reference's length, so a length far
    from it costs every system alike.
    """
    lines = [
        f"Summaries: {dataset}, {articles} articles, ROUGE F1 x100 (rouge-score, stemmed)",
        f"Budget: {budget_text}, the same for every system",
        f"{'system':<18}" + "".join(f"{HEADERS[m]:>8}" for m in METRICS)
        + (f"{WORDS:>8}" if all(WORDS in row for row in table.values()) else ""),
    ]
    best = {m: max(row[m] for row in table.values()) for m in METRICS}
    for name, row in table.items():
        cells = "".join(f"{100 * row[m]:7.2f}{'*' if row[m] == best[m] else ' '}" for m in METRICS)
        length = f"{row[WORDS]:8.1f}" if WORDS in row else ""
        lines.append(f"{name:<18}{cells}{length}")
    if reference_words is not None:
        lines.append(f"{'reference':<18}{'':>32}{reference_words:8.1f}")
    lines.append("(* best in column; R-L is rouge-score's rougeL over the joined summary, R-Lsum its")
    lines.append(" summary-level rougeLsum, one sentence per line: the references are not in text order;")
    lines.append(" words: mean summary length)")
    return "\n".join(lines)


def reference_words(gold: list[GoldArticle]) -> float:
    """Mean length in words of the references."""
    return mean(word_count(a.reference) for a in gold) if gold else 0.0


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
    text = format_table(mean_table(scores), f"{BUDGET} sentences per article", len(gold),
                        reference_words=reference_words(gold))
    text += "\n" + format_margins(scores)
    if longest > BUDGET:
        text += f"\nWARNING: dossier summaries have up to {longest} sentences; build with n={BUDGET}."
    if missing:
        text += f"\nWARNING: {missing} dev articles missing from the dossier (scored as empty)."
    return text


def newsroom_report(dossier: dict, gold_dir: Path) -> str:
    """cnndm-dev: ours, Lead-3 and sumy against the newsroom highlights, margins, then 11 references.

    The highlights are abstractive, so R-Lsum is as noisy as R-L; the
    11-reference figures (``refs_all.json``: the highlights plus SummEval's
    10 extra summaries) average each system's F1 over the references.
    """
    gold_dir = Path(gold_dir)
    gold = load_gold(gold_dir, has_title=False)
    ours = {Path(a.get("source", "")).stem: list(a.get("summary") or []) for a in dossier.get("articles", [])}
    scores = score_articles(ours, gold, BUDGET)
    text = format_table(mean_table(scores), f"{BUDGET} sentences per article", len(gold),
                        "cnndm-dev (newsroom highlights)", reference_words(gold))
    text += "\n" + format_margins(scores)
    refs_all = gold_dir / "refs_all.json"
    if refs_all.exists():
        many = json.loads(refs_all.read_text(encoding="utf-8"))
        systems = {"ours": lambda a, n: ours.get(a.stem, []), **BASELINES}
        table = {}
        for name, fn in systems.items():
            per_article = []
            for a in gold:
                picked = fn(a, BUDGET)
                refs = [[r] for r in many.get(a.stem, [])]
                rows = [rouge_f1(picked, ref) for ref in refs]
                per_article.append({**{m: mean(r[m] for r in rows) for m in METRICS}, WORDS: word_count(picked)})
            table[name] = {m: mean(r[m] for r in per_article) for m in (*METRICS, WORDS)}
        text += "\n" + format_table(table, f"{BUDGET} sentences per article", len(gold),
                                    "cnndm-dev, mean over 11 references (refs_all.json)")
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
    scores = score_articles(run_ours(gold, nlp, budget), gold, budget)
    print(format_table(mean_table(scores), label, len(gold), reference_words=reference_words(gold)))
    print(format_margins(scores))
    return 0


if __name__ == "__main__":
    sys.exit(main())
