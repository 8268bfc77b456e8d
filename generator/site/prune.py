"""Theme files no reader of this site can load, removed from the built site.

Material copies its whole asset folder into every site: source maps of its minified
code (about 1.3 MB, for debugging Material itself) and the Lunr search add-ons for
thirty-odd languages (about 1 MB in 35 files), of which its search worker loads only
those of the languages configured for search. A dossier at its size goal has no room
to carry either.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

LUNR = Path("assets/javascripts/lunr")


def lunr_files_needed(languages: list[str]) -> set[str]:
    """The files under assets/javascripts/lunr that Material's search worker imports.

    The same rule as the worker (Material 9.x, search worker ``setupSearchLanguages``):
    a segmenter for Japanese, Hindi and Thai, one add-on per language other than
    English, ``lunr.multi`` for several languages, and the stemmer support whenever
    anything else is loaded.
    """
    needed: set[str] = set()
    for lang in languages:
        if lang == "ja":
            needed.add("tinyseg.js")
        elif lang in ("hi", "th"):
            needed.add("wordcut.js")
        if lang != "en":
            needed.add(f"min/lunr.{lang}.min.js")
    if len(languages) > 1:
        needed.add("min/lunr.multi.min.js")
    if needed:
        needed.add("min/lunr.stemmer.support.min.js")
    return needed


def search_languages(config: Any) -> list[str]:
    """The languages Material's search plugin was configured with (it resolves defaults)."""
    plugin = config.plugins.get("material/search") or config.plugins.get("search")
    languages = getattr(getattr(plugin, "config", None), "lang", None) or ["en"]
    return [str(lang) for lang in languages]


def prune_site(config: Any, site_dir: Path) -> list[str]:
    """Remove theme source maps and unused Lunr add-ons; returns the removed paths (sorted)."""
    removed: list[Path] = [p for p in (site_dir / "assets").rglob("*.map") if p.is_file()]
    lunr = site_dir / LUNR
    if lunr.is_dir():
        keep = lunr_files_needed(search_languages(config))
        removed += [p for p in lunr.rglob("*") if p.is_file() and p.relative_to(lunr).as_posix() not in keep]
    for path in removed:
        path.unlink()
    if lunr.is_dir():  # folders left empty, deepest first
        for folder in sorted((p for p in lunr.rglob("*") if p.is_dir()), key=lambda p: -len(p.parts)) + [lunr]:
            if not any(folder.iterdir()):
                folder.rmdir()
    return sorted(p.relative_to(site_dir).as_posix() for p in removed)
