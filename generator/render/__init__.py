"""render stage: Dossier -> Markdown pages and dossier.json (the MkDocs docs_dir)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..model import Dossier
from .dossier_json import dossier_json
from .environment import make_environment
from .figure_cache import FigureCache
from .pages import build_pages
from .views import Page
from .workers import render_pages


def render_dossier(
    dossier: Dossier, report: dict[str, Any], figure_cache: Path | None = None, workers: int = 1
) -> dict[str, bytes]:
    """Every file of content/, as relative path -> bytes; deterministic for the same input.

    ``figure_cache`` keeps network pictures between builds (see FigureCache);
    ``workers`` processes share the pages (see workers.py).
    """
    env = make_environment()
    figures = FigureCache(figure_cache)

    def render(page: Page) -> bytes:
        text = env.get_template(page.template).render(page_path=page.path, **page.full_context())
        return _tidy(text).encode("utf-8")

    pages = build_pages(dossier, report, figures)
    files = dict(zip((page.path for page in pages), render_pages(pages, render, figures, workers)))
    files["dossier.json"] = dossier_json(dossier)
    figures.prune()
    return files


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
