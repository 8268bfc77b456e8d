"""render stage: Dossier -> Markdown pages and dossier.json (the MkDocs docs_dir)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..model import Dossier
from .dossier_json import dossier_json
from .environment import make_environment
from .figure_cache import FigureCache
from .pages import build_pages


def render_dossier(dossier: Dossier, report: dict[str, Any], figure_cache: Path | None = None) -> dict[str, bytes]:
    """Every file of content/, as relative path -> bytes; deterministic for the same input.

    ``figure_cache`` keeps network pictures between builds (see FigureCache).
    """
    env = make_environment()
    figures = FigureCache(figure_cache)
    files: dict[str, bytes] = {}
    for page in build_pages(dossier, report, figures):
        template = env.get_template(page.template)
        text = template.render(page_path=page.path, **page.context)
        files[page.path] = _tidy(text).encode("utf-8")
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
