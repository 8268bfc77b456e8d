"""Analyse many articles: cache first, then spaCy over the rest on every core.

Each worker process loads the model once and runs the whole per-article
analysis (``analyse_doc``), so our own extractors are parallel too; only plain
dicts cross process boundaries. Small jobs run inline: starting a worker and
loading a model costs more than it saves.
"""

from __future__ import annotations

import multiprocessing
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from ..model import AnalysedArticle, Article, Problem
from ..gcpause import paused_gc
from .cache import AnalysisCache, analysis_version, input_digest, prune
from .nlp import load_pipeline, model_fingerprint
from .serialise import analysis_from_dict, analysis_to_dict

Progress = Callable[[int], None]
INLINE_LIMIT = 24


@dataclass
class AnalysisRun:
    """What the analysis stage returns, with figures for the build report."""

    articles: list[AnalysedArticle]
    model: str
    analysed: int
    cached: int
    seconds: float
    problems: list[Problem] = field(default_factory=list)


_WORKER: dict[str, Any] = {}


def _init_worker(model: str | None, summary_sentences: int, cache: AnalysisCache) -> None:
    _WORKER["nlp"] = load_pipeline(model)
    _WORKER["n"] = summary_sentences
    _WORKER["cache"] = cache


def _analyse_chunk(chunk: list[Article]) -> list[dict[str, Any]]:
    """Worker side: parse, analyse and cache a chunk; return JSON-ready dicts in input order.

    Writing the cache entry here keeps the parent process free: it only
    rebuilds dataclasses, while both cores stay on the analysis.
    """
    from .article import analyse_doc

    nlp, cache = _WORKER["nlp"], _WORKER["cache"]
    out = []
    for doc, article in zip(nlp.pipe((a.text for a in chunk), batch_size=len(chunk)), chunk):
        data = analysis_to_dict(analyse_doc(doc, article, _WORKER["n"], nlp))
        cache.put_dict(article, data)
        out.append(data)
    return out


def _chunks(items: Sequence[Article], size: int) -> Iterator[list[Article]]:
    """Chunks of about ``size`` articles, longest texts first, so the last chunks are short
    and no core idles long at the end while another finishes a big one."""
    ordered = sorted(items, key=lambda a: -len(a.text))
    for start in range(0, len(ordered), size):
        yield ordered[start : start + size]


def analyse_articles(
    articles: Sequence[Article],
    *,
    model: str | None,
    summary_sentences: int,
    processes: int,
    batch_size: int,
    cache_root: Any,
    progress: Progress | None = None,
) -> AnalysisRun:
    """Analyse every article, reusing cached results; output order follows input order."""
    from .article import analyse_doc

    started = time.perf_counter()
    nlp = load_pipeline(model)
    fingerprint = model_fingerprint(nlp)
    cache = AnalysisCache(cache_root, analysis_version(fingerprint, {"summary_sentences": summary_sentences}))
    results: dict[str, AnalysedArticle] = {}
    todo: list[Article] = []
    # Hashed once, for the look-up and for the pruning after.
    digests = [input_digest(article) for article in articles] if cache_root is not None else None
    # Rebuilding cached analyses makes some hundred thousand small objects and frees none,
    # while everything the build holds is alive: the collector would walk it all again and again.
    with paused_gc():
        for position, article in enumerate(articles):
            hit = cache.get(article, digests[position] if digests else None)
            if hit is None:
                todo.append(article)
            else:
                results[article.id] = hit
                if progress:
                    progress(1)

    problems = list(_ready_places(cache_root)) if todo else []
    workers = max(1, min(processes, len(todo) // max(1, batch_size)))
    if workers <= 1 or len(todo) <= INLINE_LIMIT:
        for doc, article in zip(nlp.pipe((a.text for a in todo), batch_size=batch_size), todo):
            results[article.id] = analyse_doc(doc, article, summary_sentences, nlp)
            cache.put(results[article.id])
            if progress:
                progress(1)
    else:
        context = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")
        with ProcessPoolExecutor(
            max_workers=workers,
            mp_context=context,
            initializer=_init_worker,
            initargs=(model, summary_sentences, cache),
        ) as pool:
            chunks = list(_chunks(todo, batch_size))
            for chunk, dicts in zip(chunks, pool.map(_analyse_chunk, chunks)):
                for article, data in zip(chunk, dicts):
                    results[article.id] = analysis_from_dict(data, article)
                if progress:
                    progress(len(chunk))

    prune(cache, list(articles), digests)
    return AnalysisRun(
        articles=[results[a.id] for a in articles],
        model=fingerprint,
        analysed=len(todo),
        cached=len(articles) - len(todo),
        seconds=time.perf_counter() - started,
        problems=[*problems, *cache.problems],
    )


def _ready_places(cache_root: Any) -> list[Problem]:
    """Load the place index the entity model reads from the build's cache, before any worker forks.

    Built from scratch it takes about two seconds, in every process that needs it:
    one new article would pay that on each rebuild, and each forked worker on a full one.
    """
    from generator.lexicon.gazetteer import load_places

    return load_places(cache_root)
