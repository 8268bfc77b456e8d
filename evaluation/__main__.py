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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evaluation", description=__doc__)
    parser.add_argument("--eval-dir", type=Path, default=Path(os.environ.get("DOSSIER_EVAL", DEFAULT_EVAL)))
    parser.add_argument("--only", choices=["ggt", "conll-dev", "bbc-summary"], default=None)
    args = parser.parse_args(argv)
    if not args.eval_dir.is_dir():
        print(f"evaluation: {args.eval_dir} not found (the dev sets live in ../shared/eval)", file=sys.stderr)
        return 1
    from generator.analyse.nlp import load_pipeline

    nlp = load_pipeline()
    cache_root = ROOT / ".dossier-cache"
    if args.only in (None, "ggt"):
        gold_dir = args.eval_dir / "ggt"
        started = time.perf_counter()
        dossier = build_dossier(gold_dir / "seeds", cache_root / "eval-ggt", SUMMARY_BUDGET)
        print(f"## GGT: {len(dossier['articles'])} articles (built in {time.perf_counter() - started:.1f}s)\n")
        from . import people, quotes

        print(people.report(dossier, gold_dir, nlp))
        print()
        print(quotes.report(dossier, gold_dir, nlp))
        print()
        from . import sourcing, stories

        print(stories.report(dossier, gold_dir))
        print()
        print(sourcing.report(dossier))
        print()
    if args.only in (None, "conll-dev"):
        gold_dir = args.eval_dir / "conll-dev"
        from . import entities

        started = time.perf_counter()
        dossier = build_dossier(gold_dir / "seeds", cache_root / "eval-conll", SUMMARY_BUDGET)
        print(f"## CoNLL-2003 dev: {len(dossier['articles'])} articles (built in {time.perf_counter() - started:.1f}s)\n")
        print(entities.report(dossier, gold_dir, nlp))
        print()
    if args.only in (None, "bbc-summary"):
        gold_dir = args.eval_dir / "bbc-summary"
        from . import summaries

        budget = getattr(summaries, "BUDGET", SUMMARY_BUDGET)
        started = time.perf_counter()
        dossier = build_dossier(gold_dir / "seeds", cache_root / "eval-bbc", budget)
        print(f"## BBC summaries: {len(dossier['articles'])} articles (built in {time.perf_counter() - started:.1f}s)\n")
        print(summaries.report(dossier, gold_dir, nlp))
    return 0


if __name__ == "__main__":
    sys.exit(main())
