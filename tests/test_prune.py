"""Theme files no reader can load (source maps, Lunr add-ons of other languages) leave the site."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from generator.site.prune import lunr_files_needed, prune_site

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("languages", "needed"),
    [
        (["en"], set()),
        (["de"], {"min/lunr.de.min.js", "min/lunr.stemmer.support.min.js"}),
        (["en", "ja"], {"tinyseg.js", "min/lunr.ja.min.js", "min/lunr.multi.min.js", "min/lunr.stemmer.support.min.js"}),
        (["th"], {"wordcut.js", "min/lunr.th.min.js", "min/lunr.stemmer.support.min.js"}),
        (["hi", "en"], {"wordcut.js", "min/lunr.hi.min.js", "min/lunr.multi.min.js", "min/lunr.stemmer.support.min.js"}),
    ],
)
def test_lunr_files_follow_the_search_workers_rule(languages, needed) -> None:
    assert lunr_files_needed(languages) == needed


def _site(root: Path) -> Path:
    for name in ("assets/javascripts/bundle.min.js", "assets/javascripts/bundle.min.js.map",
                 "assets/stylesheets/main.min.css.map", "assets/javascripts/lunr/tinyseg.js",
                 "assets/javascripts/lunr/min/lunr.de.min.js", "assets/javascripts/lunr/min/lunr.fr.min.js",
                 "assets/javascripts/lunr/min/lunr.stemmer.support.min.js", "index.html", "notes.map"):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("x", encoding="utf-8")
    return root


def _config(languages: list[str]) -> SimpleNamespace:
    return SimpleNamespace(plugins={"material/search": SimpleNamespace(config=SimpleNamespace(lang=languages))})


def _files(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


def test_english_search_keeps_no_lunr_add_on_and_no_source_map(tmp_path: Path) -> None:
    site = _site(tmp_path)
    removed = prune_site(_config(["en"]), site)
    assert _files(site) == {"assets/javascripts/bundle.min.js", "index.html", "notes.map"}  # only theme maps go
    assert "assets/javascripts/bundle.min.js.map" in removed and not (site / "assets/javascripts/lunr").exists()


def test_german_search_keeps_what_its_worker_imports(tmp_path: Path) -> None:
    site = _site(tmp_path)
    prune_site(_config(["de"]), site)
    lunr = {f for f in _files(site) if "/lunr/" in f}
    assert lunr == {"assets/javascripts/lunr/min/lunr.de.min.js", "assets/javascripts/lunr/min/lunr.stemmer.support.min.js"}
