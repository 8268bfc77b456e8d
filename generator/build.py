"""The whole build: ingest -> analyse -> link -> render -> site, with timings and problems.

Each stage gets plain data from the one before; this module only wires them,
reports progress and turns failures into one-line reasons.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .analyse.runner import analyse_articles
from .gcpause import frozen_heap
from .ingest import CorrectionsError, load_corrections, read_added_dates, read_seeds
from .link.dossier import link_dossier
from .model import Dossier, Problem
from .pagenames import DuplicatePathError
from .forking import workers_end_with_their_parent
from .outputs import BuildLock, OutputError, check_paths, claim, ownership
from .render import render_dossier
from .render.writer import write_tree
from .settings import Settings
from .site import SiteBuildError, build_site
from .site.config import read_site_settings


class BuildError(RuntimeError):
    """The build cannot go on; the message is the one line the user sees."""


@dataclass
class BuildResult:
    dossier: Dossier
    timings: dict[str, float] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    written: int = 0
    unchanged: int = 0
    analysed: int = 0
    cached: int = 0

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity in ("warning", "error")]


Log = Callable[[str], None]


def _stderr(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


#: Control characters (C0 but tab, DEL, C1) in a line for a terminal: a file name or a
#: title could otherwise carry escape sequences that rewrite what the user sees.
_CONTROL = {c: f"\\x{c:02x}" for c in [*range(0x09), *range(0x0A, 0x20), *range(0x7F, 0xA0)]}


def printable(line: str) -> str:
    """``line`` with control characters shown as ``\\xNN``: a report line is one inert line."""
    return line.translate(_CONTROL)


@contextmanager
def _timed(timings: dict[str, float], stage: str) -> Iterator[None]:
    started = time.perf_counter()
    yield
    timings[stage] = time.perf_counter() - started


def run_build(settings: Settings, log: Log = _stderr) -> BuildResult:
    """Build content/ (and the site unless ``settings.build_site`` is off)."""
    say = log
    log = lambda line: say(printable(line))  # noqa: E731 - every line this build prints is inert
    if not settings.seeds.is_dir():
        raise BuildError(f"{settings.seeds}: seeds folder not found")
    outputs = _outputs(settings)
    try:
        check_paths(settings.seeds, settings.config, outputs)  # before anything is written, the locks included
        _check_ownership(settings)  # a folder that is not the build's gets no lock file beside it either
        lock = BuildLock(list(outputs.values())).__enter__()
    except OutputError as exc:
        raise BuildError(str(exc)) from exc
    try:
        workers_end_with_their_parent()
        return _run_build(settings, log)
    finally:
        lock.__exit__(None, None, None)


def _run_build(settings: Settings, log: Log) -> BuildResult:
    for line in _claim_outputs(settings):
        log(line)
    timings: dict[str, float] = {}
    with _timed(timings, "ingest"):
        articles, problems = read_seeds(settings.seeds, cache_root=settings.cache, processes=settings.processes)
        # File metadata read after the content-keyed cache, on every build: never frozen in it.
        history, history_problems = read_added_dates(settings.seeds, articles)
        problems = [*problems, *history_problems]
        try:  # before the analysis: a malformed file stops the build at once
            corrections, corrections_problems = load_corrections(settings.corrections)
        except CorrectionsError as exc:
            raise BuildError(str(exc)) from exc
    for problem in problems:
        log(problem.line())
    if not articles:
        if settings.strict:  # never replace a site with an empty one on a --strict build
            raise BuildError(f"{settings.seeds}: no readable articles (*.txt, *.md); --strict: the site is left as it was")
        log(f"{settings.seeds}: no readable articles (*.txt, *.md); the site will be empty")

    with _timed(timings, "analyse"), _progress(len(articles), settings.progress) as tick:
        run = analyse_articles(
            articles,
            model=settings.model,
            summary_sentences=settings.summary_sentences,
            processes=settings.processes,
            batch_size=settings.batch_size,
            cache_root=settings.cache,
            progress=tick,
        )
    for problem in run.problems:
        log(problem.line())

    with _timed(timings, "link"):
        dossier = link_dossier(run.articles, corrections, cache_root=settings.cache)
    for problem in [*corrections_problems, *dossier.problems]:
        log(problem.line())
    dossier.problems = [*problems, *run.problems, *corrections_problems, *dossier.problems]
    dossier.history = history

    report: dict[str, Any] = {
        "articles": len(articles),
        "files": len(articles) + sum(1 for p in problems if p.severity == "error"),
        "model": run.model,
    }
    # The dossier stays alive to the end: keep it out of the collector's walks (see gcpause).
    with frozen_heap():
        with _timed(timings, "render"):
            figures = settings.cache / "figures" if settings.cache else None
            public = read_site_settings(settings.config)
            reused: set[str] = set()  # pages taken from content/ as they are
            try:
                files = render_dossier(
                    dossier,
                    report,
                    figures,
                    workers=settings.processes,
                    site_url=public.site_url,
                    site_name=public.site_name,
                    page_cache=settings.cache,
                    content=settings.content,
                    reused=reused,
                )
            except DuplicatePathError as exc:
                raise BuildError(str(exc)) from exc
            stats = write_tree(settings.content, files, unchanged=reused)

        result = BuildResult(
            dossier=dossier,
            timings=timings,
            problems=dossier.problems,
            written=stats.written,
            unchanged=stats.unchanged,
            analysed=run.analysed,
            cached=run.cached,
        )
        if settings.build_site:
            with _timed(timings, "site"):
                try:
                    site = build_site(
                        settings.config, settings.content, settings.site, strict=settings.strict, workers=settings.processes
                    )
                except SiteBuildError as exc:
                    raise BuildError(str(exc)) from exc
            for warning in site.warnings:
                log(f"mkdocs: {warning}")
    return result


def _outputs(settings: Settings) -> dict[str, Path]:
    """The folders this build writes, by the option that names them."""
    outputs = {"--content": settings.content}
    if settings.build_site:
        outputs["--site"] = settings.site
    if settings.cache is not None:
        outputs["--cache"] = settings.cache
    return outputs


def _folders(settings: Settings) -> list[tuple[Path, str, str, bool]]:
    """(folder, kind, option, made here) for each folder this build writes."""
    folders = [(settings.content, "content", "--content", True)]
    if settings.cache is not None:
        folders.append((settings.cache, "cache", "--cache", True))
    if settings.build_site:
        folders.append((settings.site, "site", "--site", False))
    return folders


def _check_ownership(settings: Settings) -> None:
    for folder, kind, option, _ in _folders(settings):
        ownership(folder, kind, option)


def _claim_outputs(settings: Settings) -> list[str]:
    """Take the folders this build will write, or stop (see outputs.py); lines to show."""
    try:
        return claim(_folders(settings))
    except OutputError as exc:
        raise BuildError(str(exc)) from exc


@contextmanager
def _progress(total: int, enabled: bool) -> Iterator[Callable[[int], None]]:
    """A progress bar on stderr showing articles per second (quiet when disabled or not a tty)."""
    if not enabled or total == 0:
        yield lambda n: None
        return
    from tqdm import tqdm

    bar = tqdm(total=total, unit="article", desc="analyse", file=sys.stderr, dynamic_ncols=True, leave=True)
    try:
        yield bar.update
    finally:
        bar.close()
