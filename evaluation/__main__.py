"""``make eval``: build dossier.json over each dev set and print our scores beside baselines.

Each set is built exactly as a user's seeds would be (ingest -> analyse -> link
-> render, no MkDocs), then the scorers compare ``dossier.json`` with the gold
files. Baselines are computed in the same run, on the same articles.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_EVAL = ROOT.parent / "shared" / "eval"
SUMMARY_BUDGET = 3


def build_dossier(seeds: Path, cache: Path, summary_sentences: int) -> dict:
    """Run the generator over ``seeds`` and return the parsed dossier.json."""
    from generator.build import run_build
    from generator.settings import Settings

    with tempfile.TemporaryDirectory(prefix="dossier-eval-") as tmp:
        settings = Settings(
            seeds=seeds,
            content=Path(tmp) / "content",
            site=Path(tmp) / "site",
            cache=cache,
            summary_sentences=summary_sentences,
            progress=False,
            build_site=False,
        )
        run_build(settings, log=lambda line: None)
        return json.loads((settings.content / "dossier.json").read_text(encoding="utf-8"))


def announced_build(title: str, seeds: Path, cache: Path, summary_sentences: int) -> dict:
    """``build_dossier``, with the section heading and how long the build took."""
    started = time.perf_counter()
    dossier = build_dossier(seeds, cache, summary_sentences)
    print(f"## {title}: {len(dossier['articles'])} articles (built in {time.perf_counter() - started:.1f}s)\n")
    return dossier


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evaluation", description=__doc__)
    parser.add_argument("--eval-dir", type=Path, default=Path(os.environ.get("DOSSIER_EVAL", DEFAULT_EVAL)))
    parser.add_argument(
        "--only",
        choices=["ggt", "conll-dev", "bbc-summary", "cnndm-dev", "stories", "summary-cv", "titles"],
        default=None,
    )
    args = parser.parse_args(argv)
    if not args.eval_dir.is_dir():
        print(f"evaluation: {args.eval_dir} not found (the dev sets live in ../shared/eval)", file=sys.stderr)
        return 1
    from generator.analyse.nlp import load_pipeline

    nlp = load_pipeline()
    cache_root = ROOT / ".dossier-cache"
    dossiers: dict[str, dict] = {}
    story_dossiers: dict[str, dict] = {}  # by eval folder: builds the stories section can reuse
    if args.only in (None, "ggt"):
        gold_dir = args.eval_dir / "ggt"
        dossier = announced_build("GGT", gold_dir / "seeds", cache_root / "eval-ggt", SUMMARY_BUDGET)
        from . import people, quotes

        print(people.report(dossier, gold_dir, nlp))
        print()
        print(quotes.report(dossier, gold_dir, nlp))
        print()
        from . import entity_junk, sourcing

        print(sourcing.report(dossier))
        print()
        print(entity_junk.report(dossier))
        print()
        dossiers["ggt"] = story_dossiers["ggt"] = dossier
    if args.only in (None, "conll-dev"):
        gold_dir = args.eval_dir / "conll-dev"
        from . import entities

        dossier = announced_build("CoNLL-2003 dev", gold_dir / "seeds", cache_root / "eval-conll", SUMMARY_BUDGET)
        print(entities.report(dossier, gold_dir, nlp))
        print()
    from . import summaries, titles

    budget = getattr(summaries, "BUDGET", SUMMARY_BUDGET)
    if args.only in (None, "bbc-summary"):
        gold_dir = args.eval_dir / "bbc-summary"
        dossier = announced_build("BBC summaries", gold_dir / "seeds", cache_root / "eval-bbc", budget)
        print(summaries.report(dossier, gold_dir, nlp))
        print()
        story_dossiers["bbc-summary"] = dossier
    if args.only in (None, "cnndm-dev") and (args.eval_dir / "cnndm-dev").is_dir():
        gold_dir = args.eval_dir / "cnndm-dev"
        dossier = announced_build("cnndm-dev summaries", gold_dir / "seeds", cache_root / "eval-cnndm", budget)
        print(summaries.newsroom_report(dossier, gold_dir))
        print()
        dossiers["cnndm-dev"] = dossier
    if args.only in (None, "stories"):
        from . import stories

        def story_build(name: str, seeds: Path) -> dict:
            if name not in story_dossiers:
                story_dossiers[name] = build_dossier(seeds, cache_root / stories.CACHE_NAMES[name], budget)
            return story_dossiers[name]

        started = time.perf_counter()
        with tempfile.TemporaryDirectory(prefix="dossier-eval-stories-") as tmp:
            story_sets = stories.load_sets(args.eval_dir, story_build, Path(tmp))
        print(f"## Stories: {len(story_sets)} sets ({time.perf_counter() - started:.1f}s)\n")
        print(stories.report(story_sets))
        print()
    if args.only in (None, "summary-cv"):
        from . import train_summary

        started = time.perf_counter()
        examples = train_summary.load_all(args.eval_dir, nlp)
        if {ex.set_name for ex in examples} == set(train_summary.SETS):
            from generator.analyse.summary_model import default_path

            shipped = json.loads(default_path().read_text(encoding="utf-8"))
            reg = shipped.get("trained", {}).get("regularisation", train_summary.REGULARISATION)
            report = train_summary.cv_report(examples, reg)
            print(f"## Summary scorer cross-validation ({time.perf_counter() - started:.1f}s)\n")
            print(report)
            print()
    if args.only in (None, "titles"):
        started = time.perf_counter()
        with tempfile.TemporaryDirectory(prefix="dossier-eval-titles-") as tmp:
            bbc = args.eval_dir / "bbc-summary" / "seeds"
            untitled = titles.untitled_copy(bbc, Path(tmp) / "bbc")
            dossier = build_dossier(untitled, cache_root / "eval-bbc-untitled", budget)
            dossiers["bbc-summary (untitled)"] = dossier
            headline = titles.headline_report(dossier, bbc)
            conll = args.eval_dir / "conll-dev" / "seeds"
            if conll.is_dir():
                untitled = titles.untitled_copy(conll, Path(tmp) / "conll")
                dossiers["conll-dev (untitled)"] = build_dossier(untitled, cache_root / "eval-conll-untitled", budget)
        for name in ("ggt", "cnndm-dev"):
            if name not in dossiers and (args.eval_dir / name / "seeds").is_dir():
                dossiers[name] = build_dossier(args.eval_dir / name / "seeds", cache_root / f"eval-{name}", budget)
        print(f"## Titles ({time.perf_counter() - started:.1f}s)\n")
        print(headline)
        print()
        print(titles.problem_report(dossiers, nlp))
    return 0


if __name__ == "__main__":
    sys.exit(main())
