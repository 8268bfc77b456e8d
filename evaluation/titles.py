"""Score generated titles: against real headlines, and for ends cut mid-phrase.

* Headlines: each BBC dev article is built again with its title line taken
  off, so the generator must make a title up; ROUGE-1 F1 of that title
  against the real headline, next to the plain baseline of the first 10
  words of the lede (the first body sentence), with a paired bootstrap of
  the difference.
* Mid-phrase: every generated title of every dev set is checked with
  ``generator.analyse.title.title_problem`` (function word or attribution
  word at the end, unbalanced quote or bracket, over 100 characters) plus the
  dangling-verb check on the title's own parse; the count must be zero.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from statistics import mean

BASELINE_WORDS = 10


def untitled_copy(seeds: Path, target: Path, header_lines: int = 1) -> Path:
    """Copy ``seeds/*.txt`` into ``target`` without their first ``header_lines`` non-blank lines."""
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    for path in sorted(seeds.glob("*.txt")):
        lines = path.read_text(encoding="utf-8").split("\n")
        dropped = 0
        while lines and dropped < header_lines:
            if lines.pop(0).strip():
                dropped += 1
        while lines and not lines[0].strip():
            lines.pop(0)
        (target / path.name).write_text("\n".join(lines), encoding="utf-8")
    return target


def first_words(seed: Path, n: int = BASELINE_WORDS, skip_title: bool = True) -> str:
    """The baseline title: the first ``n`` words of the lede (first body line)."""
    lines = [line.strip() for line in seed.read_text(encoding="utf-8").split("\n") if line.strip()]
    body = lines[1:] if skip_title else lines
    return " ".join(body[0].split()[:n]) if body else ""


def rouge1(predicted: str, reference: str) -> float:
    """ROUGE-1 F1 (rouge-score, Porter-stemmed), the same scorer as the summaries."""
    from rouge_score import rouge_scorer

    global _SCORER
    if _SCORER is None:
        _SCORER = rouge_scorer.RougeScorer(["rouge1"], use_stemmer=True)
    return _SCORER.score(reference, predicted)["rouge1"].fmeasure


_SCORER = None


def headline_report(dossier: dict, seeds: Path) -> str:
    """Generated titles of untitled BBC articles vs real headlines, beside the first-10-words baseline."""
    from .summaries import paired_bootstrap

    titles = {Path(a["source"]).stem: a["title"] for a in dossier.get("articles", []) if a.get("title_generated")}
    ours, base = [], []
    for path in sorted(seeds.glob("*.txt")):
        if path.stem not in titles:
            continue
        headline = path.read_text(encoding="utf-8").split("\n", 1)[0].strip()
        ours.append(rouge1(titles[path.stem], headline))
        base.append(rouge1(first_words(path), headline))
    if not ours:
        return "Titles: no generated titles to score"
    diff, low, high = paired_bootstrap(ours, base)
    return "\n".join(
        [
            f"Titles: BBC dev set with the title line removed, {len(ours)} articles; ROUGE-1 F1 x100 vs the real headline",
            f"{'ours (generated title)':<34}{100 * mean(ours):7.2f}",
            f"{'first 10 words of the lede':<34}{100 * mean(base):7.2f}",
            f"margin (paired bootstrap 95%): {100 * diff:+.2f} [{100 * low:+.2f}, {100 * high:+.2f}]",
        ]
    )


def problems(dossier: dict, nlp) -> list[tuple[str, str, str]]:
    """(source, title, reason) for every generated title that ends mid-phrase."""
    from generator.analyse.title import title_problem

    out = []
    generated = [a for a in dossier.get("articles", []) if a.get("title_generated")]
    docs = nlp.pipe(a["title"] for a in generated)
    for article, doc in zip(generated, docs):
        words = [t for t in doc if not t.is_punct and not t.is_space]
        reason = title_problem(article["title"], words[-1].tag_ if words else None)
        if reason:
            out.append((article["source"], article["title"], reason))
    return out


def problem_report(dossiers: dict[str, dict], nlp) -> str:
    """One line per dev set: generated titles checked, how many end mid-phrase, a few examples."""
    lines = ["Titles ending mid-phrase (function word, dangling verb, attribution, unbalanced mark, > 100 chars):"]
    for name, dossier in dossiers.items():
        generated = sum(1 for a in dossier.get("articles", []) if a.get("title_generated"))
        found = problems(dossier, nlp)
        longest = max((len(a["title"]) for a in dossier.get("articles", []) if a.get("title_generated")), default=0)
        lines.append(f"  {name:<22}{len(found):>3} of {generated} generated titles (longest {longest} chars)")
        for source, title, reason in found[:5]:
            lines.append(f"      {source}: {json.dumps(title, ensure_ascii=False)} - {reason}")
    return "\n".join(lines)
