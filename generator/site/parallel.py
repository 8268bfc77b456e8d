"""MkDocs' own build, with the per-page work spread over forked processes.

``mkdocs.commands.build.build`` reads (Markdown -> HTML) and writes (theme
template) every page in one process; at thousands of entity pages that is most
of the build. Pages are independent once the navigation is known, so this
driver runs the same steps with MkDocs' own functions, gives each process a
share of the not-in-nav pages, and brings back to the parent what the rest of
the build needs from them: search entries, anchor ids for link validation and
log records. The parent then validates anchors and runs ``on_post_build`` over
the whole site exactly as MkDocs would, so the output is byte-identical to a
serial build (tests/test_parallel_site.py compares the two).

It is only used where it is safe: ``fork`` is available and every plugin with a
page event is one whose page state we know how to merge (Material's search,
the offline plugin, our own). Anything else gets the plain serial build.
MkDocs is pinned (1.6.1, the last 1.x release), so the private helpers used
here do not move under us.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from typing import Any

from ..forking import can_fork, run_shares

log = logging.getLogger("mkdocs.dossier")

PAGE_EVENTS = ("pre_page", "page_read_source", "page_markdown", "page_content", "page_context", "post_page")
# Plugins whose page events keep no state except what _collect/_merge move between processes.
KNOWN_PAGE_PLUGINS = ("material.plugins.search.", "generator.site.")


@dataclass
class _Share:
    """What one process brings back from its pages (plain data: it crosses a pipe)."""

    search: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    anchors: dict[str, list[str]] = field(default_factory=dict)
    links: dict[str, dict[str, dict[str, str]]] = field(default_factory=dict)
    records: list[tuple[int, str, int, str]] = field(default_factory=list)


class _Capture(logging.Handler):
    """Keep every record logged while a page is handled, tagged with that page's position."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.position = -1
        self.records: list[tuple[int, str, int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno >= logging.INFO:
            self.records.append((self.position, record.name, record.levelno, record.getMessage()))


_STATE: dict[str, Any] = {}


def can_build_in_parallel(config: Any) -> bool:
    """True when fork exists and every plugin with a page event is one we know how to merge."""
    if not can_fork():
        return False
    for event in PAGE_EVENTS:
        for method in config.plugins.events.get(event, []):
            owner = getattr(method, "__self__", None)
            module = type(owner).__module__ + "." if owner is not None else ""
            if not module.startswith(KNOWN_PAGE_PLUGINS):
                return False
    return True


def build_parallel(config: Any, workers: int) -> None:
    """Build the site like ``mkdocs build``, the page work split over ``workers`` processes."""
    from mkdocs import utils
    from mkdocs.commands import build as mk
    from mkdocs.exceptions import Abort, BuildError
    from mkdocs.structure.files import InclusionLevel, get_files, set_exclusions
    from mkdocs.structure.nav import get_navigation
    from mkdocs.structure.pages import Page

    mkdocs_log = logging.getLogger("mkdocs")
    counter = utils.CountHandler()
    counter.setLevel(logging.WARNING)
    if config.strict:
        mkdocs_log.addHandler(counter)
    try:
        config = config.plugins.on_config(config)
        config.plugins.on_pre_build(config=config)
        utils.clean_directory(config.site_dir)

        files = get_files(config)
        env = config.theme.get_env()
        files.add_files_from_theme(env, config)
        files = config.plugins.on_files(files, config=config)
        set_exclusions(files, config)
        nav = get_navigation(files, config)
        nav = config.plugins.on_nav(nav, config=config, files=files)

        inclusion = InclusionLevel.is_included
        doc_files = files.documentation_pages(inclusion=inclusion)
        for file in doc_files:
            if file.page is None and file.inclusion.is_not_in_nav():
                Page(None, file, config)
        # Pages in the nav are read first, here: their titles appear on every page.
        nav_pages = {id(page) for page in nav.pages}
        in_nav = {i for i, f in enumerate(doc_files) if id(f.page) in nav_pages}
        for i in sorted(in_nav):
            mk._populate_page(doc_files[i].page, config, files)
        env = config.plugins.on_env(env, config=config, files=files)
        files.copy_static_files(inclusion=inclusion)
        for template in config.theme.static_templates:
            mk._build_theme_template(template, env, files, config, nav)
        for template in config.extra_templates:
            mk._build_extra_template(template, files, config, nav)

        shares = _split(doc_files, in_nav, workers)
        _STATE.update(config=config, files=files, nav=nav, env=env, doc_files=doc_files, shares=shares, in_nav=in_nav)
        try:
            results = run_shares(len(shares), _work)
        finally:
            _STATE.clear()
        _merge(results, config, files, doc_files)

        for file in doc_files:
            file.page.validate_anchor_links(files=files, log_level=config.validation.links.anchors)
        config.plugins.on_post_build(config=config)
        if counts := counter.get_counts():
            raise Abort(f"Aborted with {', '.join(f'{v} {k.lower()}s' for k, v in counts)} in strict mode!")
    except Exception as exc:
        config.plugins.on_build_error(error=exc)
        if isinstance(exc, BuildError):
            log.error(str(exc))
            raise Abort("Aborted with a BuildError!") from exc
        raise
    finally:
        mkdocs_log.removeHandler(counter)


def _split(doc_files: list[Any], in_nav: set[int], workers: int) -> list[list[int]]:
    """Positions of the pages each process handles, balanced by source size (largest first).

    The parent (share 0) also writes the nav pages it has already read.
    """
    size = [_size(file) for file in doc_files]
    shares: list[list[int]] = [[] for _ in range(max(1, workers))]
    load = [0] * len(shares)
    for i in sorted(in_nav):
        shares[0].append(i)
        load[0] += size[i]
    rest = sorted((i for i in range(len(doc_files)) if i not in in_nav), key=lambda i: (-size[i], i))
    for i in rest:
        target = min(range(len(shares)), key=lambda k: (load[k], k))
        shares[target].append(i)
        load[target] += size[i]
    return [sorted(share) for share in shares if share] or [[]]


def _size(file: Any) -> int:
    try:
        return os.path.getsize(file.abs_src_path)
    except (OSError, TypeError):
        return 0


def _work(share: int) -> _Share:
    """Read then write this share's pages; return what the parent needs from them."""
    from mkdocs.commands import build as mk

    config, files, nav, env = _STATE["config"], _STATE["files"], _STATE["nav"], _STATE["env"]
    doc_files, positions, in_nav = _STATE["doc_files"], _STATE["shares"][share], _STATE["in_nav"]
    # Every process keeps its records and the parent replays them in page order,
    # so warnings read as in a serial build and are counted once (strict mode).
    capture = _Capture()
    root = logging.getLogger("mkdocs")
    muted, propagate = list(root.handlers), root.propagate
    for handler in muted:
        root.removeHandler(handler)
    root.addHandler(capture)
    root.propagate = False
    result = _Share()
    search = _search_index(config)
    try:
        for i in positions:
            if i in in_nav:
                continue
            capture.position = i
            mk._populate_page(doc_files[i].page, config, files)
        for i in positions:
            capture.position = i
            page = doc_files[i].page
            before = len(search.entries) if search is not None else 0
            mk._build_page(page, config, doc_files, nav, env, excluded=doc_files[i].inclusion.is_excluded())
            uri = doc_files[i].src_uri
            if search is not None:
                result.search[uri] = search.entries[before:]
            result.anchors[uri] = sorted(page.present_anchor_ids or ())
            result.links[uri] = {
                target.src_uri: dict(links) for target, links in (page.links_to_anchors or {}).items()
            }
    finally:
        root.removeHandler(capture)
        for handler in muted:
            root.addHandler(handler)
        root.propagate = propagate
    result.records = capture.records
    return result


def _search_index(config: Any) -> Any:
    for plugin in config.plugins.values():
        index = getattr(plugin, "search_index", None)
        if index is not None and isinstance(getattr(index, "entries", None), list):
            return index
    return None


def _merge(results: list[_Share], config: Any, files: Any, doc_files: list[Any]) -> None:
    """Put the children's page state back on the parent's pages, in page order."""
    search = _search_index(config)
    by_uri: dict[str, _Share] = {}
    for result in results:
        for uri in result.anchors:
            by_uri[uri] = result
    if search is not None:
        search.entries = [entry for f in doc_files for entry in by_uri[f.src_uri].search.get(f.src_uri, [])]
    for file in doc_files:
        result = by_uri[file.src_uri]
        page = file.page
        page.present_anchor_ids = set(result.anchors[file.src_uri])
        page.links_to_anchors = {
            files.get_file_from_path(target): links for target, links in result.links[file.src_uri].items()
        }
    # Log lines of every share, replayed in page order (sorted is stable within a page).
    records = sorted((r for result in results for r in result.records), key=lambda r: r[0])
    for _, name, level, message in records:
        logging.getLogger(name).log(level, message)

