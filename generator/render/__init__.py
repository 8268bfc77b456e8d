"""render stage: Dossier -> Markdown pages and dossier.json (the MkDocs docs_dir)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..model import Dossier
from ..pagenames import check_unique
from .dossier_json import dossier_json
from .environment import make_environment
from .feed import FEED_PATH, feeds
from .figure_cache import FigureCache
from .page_cache import TABLES, PageCache
from .pages import build_pages
from .tracking import RECORDER, TrackedTable
from .views import Page
from .workers import render_pages


def render_dossier(
    dossier: Dossier,
    report: dict[str, Any],
    figure_cache: Path | None = None,
    workers: int = 1,
    *,
    site_url: str | None = None,
    site_name: str = "Briefing dossier",
    page_cache: Path | None = None,
    content: Path | None = None,
    reused: set[str] | None = None,
) -> dict[str, bytes]:
    """Every file of content/, as relative path -> bytes; deterministic for the same input.

    ``figure_cache`` keeps network pictures between builds (see FigureCache);
    ``workers`` processes share the pages (see workers.py). Atom feeds are
    written when ``site_url`` (the public address) is known and articles have
    ``added`` days; the report says which, or why there is none.
    ``page_cache`` (the build's cache folder) keeps what each page read, so a
    page whose inputs did not change is taken from ``content`` (the folder the
    last build wrote) instead of rendered again (see page_cache.py); their
    paths are added to ``reused`` (the files there hold those very bytes).
    """
    env = make_environment()
    figures = FigureCache(figure_cache)
    cache = PageCache(page_cache, content)
    dossier.problems.extend(cache.problems)  # before the report page is made: it lists them

    feed_files = feeds(dossier, site_url, site_name) if site_url else {}
    report = {**report, "history": dossier.history.note, "feed": _feed_note(dossier, site_url, feed_files)}
    pages = build_pages(dossier, report, figures, feeds=feed_files.keys())
    check_unique([*(page.path for page in pages), "dossier.json", *feed_files])  # never one file over another
    tables = _tables(pages)
    views = {name: TrackedTable(name, table) for name, table in tables.items()}
    cache.bind(tables)

    def render(page: Page) -> tuple[bytes, dict[str, Any] | None, bool]:
        """(bytes, record, taken from content/): the cache is asked first, in the worker, so checks share the cores too."""
        own = cache.own_key(page)
        taken = cache.reuse(page, own)
        if taken is not None:
            return taken[0], taken[1], True
        seen = {**page.context, **{name: views[name] for name in TABLES if page.context.get(name) is tables.get(name, _NONE)}}
        RECORDER.reads, figures.page_used = set(), set()
        try:
            text = env.get_template(page.template).render(page_path=page.path, **page.full_context(seen))
            data = _tidy(text).encode("utf-8")
            return data, cache.record(own, RECORDER.reads, data, figures.page_used), False
        finally:
            RECORDER.reads, figures.page_used = None, None

    files: dict[str, bytes] = {}
    for page, (data, record, was_taken) in zip(pages, render_pages(pages, render, figures, workers)):
        files[page.path] = data
        cache.keep(page.path, record)
        if was_taken:
            figures.keep(record["figures"])  # type: ignore[index]
            if reused is not None:
                reused.add(page.path)
    files["dossier.json"] = dossier_json(dossier)
    files.update(feed_files)
    figures.prune()
    cache.save()
    return files


_NONE = object()


def _tables(pages: list[Page]) -> dict[str, Any]:
    """The dossier-wide tables the pages share (the first page holding each; see page_cache.TABLES)."""
    found: dict[str, Any] = {}
    for page in pages:
        for name in TABLES:
            if name not in found and name in page.context:
                found[name] = page.context[name]
    return found


def _feed_note(dossier: Dossier, site_url: str | None, written: dict[str, bytes]) -> str:
    """One line for the build report: the feeds written, or why there are none."""
    if not site_url:
        return "no feed: site_url is not set in mkdocs.yml (a feed needs absolute links)"
    if not dossier.history.available:
        return "no feed: articles have no added dates (see Editions above)"
    if FEED_PATH not in written:
        return "no feed: no article is committed yet"
    stories = len(written) - 1
    return f"{FEED_PATH}, and {stories} story feed{'s' if stories != 1 else ''}" if stories else FEED_PATH


def _tidy(text: str) -> str:
    """Collapse runs of blank lines left by template control blocks; end with one newline."""
    lines: list[str] = []
    for line in text.splitlines():
        line = line.rstrip()
        if not line and lines and not lines[-1]:
            continue
        lines.append(line)
    while lines and not lines[0]:
        lines.pop(0)
    return "\n".join(lines).rstrip("\n") + "\n"
