"""site stage: run MkDocs (Material) over content/ into the site folder, atomically.

The build goes into a temporary folder beside the target and is swapped in
only when it succeeded, so a failed build leaves the previous site intact.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import time
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from ..outputs import MARKER, is_marked, mark, staging_leftovers



class SiteBuildError(RuntimeError):
    """MkDocs could not build the site; the message is one line for the user."""


@dataclass
class SiteResult:
    seconds: float
    warnings: list[str] = field(default_factory=list)


class _Collect(logging.Handler):
    """Keep MkDocs' warnings so the build can report them (and fail on them under --strict)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def build_site(
    config_file: Path, docs_dir: Path, site_dir: Path, *, strict: bool = False, workers: int | None = None
) -> SiteResult:
    """Build ``site_dir`` from ``docs_dir`` with the theme and plugins of ``config_file``.

    Pages are read and written by ``workers`` processes (default: every core) when
    that is safe (see parallel.py); otherwise by MkDocs' own serial build.
    """
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    from ..settings import default_processes
    from .parallel import build_parallel, can_build_in_parallel

    workers = default_processes() if workers is None else workers

    if not config_file.is_file():
        raise SiteBuildError(f"{config_file}: MkDocs configuration not found")
    started = time.perf_counter()
    site_dir = site_dir.resolve()
    if site_dir.exists() and not (is_marked(site_dir) or (site_dir.is_dir() and not any(site_dir.iterdir()))):
        raise SiteBuildError(f"{site_dir}: not replaced: it was not written by dossier build (no {MARKER} file in it)")
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    for leftover in staging_leftovers(site_dir):  # a build killed mid-way left it (its owner holds no lock)
        shutil.rmtree(leftover, ignore_errors=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-staging-", dir=site_dir.parent))
    umask = os.umask(0)
    os.umask(umask)
    staging.chmod(0o777 & ~umask)  # mkdtemp makes it private; a published site must be readable
    collector = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collector)
    try:
        config = load_config(
            config_file=str(config_file),
            docs_dir=str(docs_dir.resolve()),
            site_dir=str(staging),
            strict=strict,
        )
        from .prune import prune_site  # theme files no reader of this site can load
        from .inert import InertTextPlugin  # titles and the table of contents as escaped text
        from .slim import SlimPlugin  # collapses the templates' whitespace in every built page
        from .search_file import SearchFilePlugin  # one copy of the search index, for http and file://

        config.plugins["dossier/inert"] = InertTextPlugin()
        config.plugins["dossier/slim"] = SlimPlugin()
        config.plugins["dossier/search-file"] = SearchFilePlugin()
        _announce_feed(config, docs_dir)
        if workers > 1 and can_build_in_parallel(config):
            build_parallel(config, workers)
        else:
            build(config)
        prune_site(config, staging)
        mark(staging)  # the next build may replace this site, and only because of this file
    except (Abort, ConfigurationError, OSError) as exc:
        shutil.rmtree(staging, ignore_errors=True)
        detail = "; ".join(collector.messages[:3]) or str(exc)
        raise SiteBuildError(f"MkDocs build failed: {detail}") from exc
    except BrokenProcessPool as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise SiteBuildError(
            "MkDocs build failed: a page-building process stopped unexpectedly (out of memory?); "
            "try again with --processes 1"
        ) from exc
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    finally:
        logger.removeHandler(collector)
    _swap(staging, site_dir)
    return SiteResult(seconds=time.perf_counter() - started, warnings=collector.messages)


#: The dossier's Atom feed, written by the render stage only when the site has a public address.
FEED = "feed.xml"


def _announce_feed(config: object, docs_dir: Path) -> None:
    """Let every page's head link the feed (theme/main.html), when the render stage wrote one."""
    if getattr(config, "site_url") and (docs_dir / FEED).is_file():
        getattr(config, "extra")["dossier_feed"] = FEED


def _swap(staging: Path, site_dir: Path) -> None:
    """Replace site_dir by staging with two renames; the old site is removed last."""
    old = None
    if site_dir.exists():
        old = site_dir.with_name(f".{site_dir.name}-old-{os.getpid()}")
        os.replace(site_dir, old)
    os.replace(staging, site_dir)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
