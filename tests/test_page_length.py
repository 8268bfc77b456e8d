"""No page is longer than about 15 screens at 1280 px or 30 on a phone (390 px), at any size.

A large synthetic dossier (tests/pagesynth.py: news-length strings, long-tailed
names) is rendered, built by MkDocs and laid out in headless Chromium at both
widths; every list page (overview, indexes, letters, stories, quotes, timeline
and their numbered pages) and the most-covered entities' and some articles'
pages are measured. Tables must reflow on a phone: nothing sits off-screen.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from evaluation.page_heights import SCREENS, chromium, limit, page_height, set_screen
from generator.render import render_dossier
from generator.render.writer import write_tree
from generator.site.mkdocs_build import build_site
from pagesynth import rich_dossier

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = 700
pytestmark = [pytest.mark.browser, pytest.mark.slow]

if not (shutil.which("chromium") and shutil.which("chromedriver")):
    if os.environ.get("CI"):
        pytest.fail("CI: Chromium and ChromeDriver are required", pytrace=False)
    pytest.skip("Chromium/ChromeDriver not installed", allow_module_level=True)

#: The page made to be printed whole; its length is the dossier's by design.
NOT_MEASURED = {"print.md"}


def _measured(files: dict[str, bytes], dossier) -> list[str]:
    """Every list page, plus the ten most-covered entities' pages and five articles' pages."""
    lists = [p for p in files if p.endswith(".md") and not p.startswith(("articles/", "people/", "organisations/", "places/"))]
    lists += [p for p in files if p.startswith(("articles/index", "people/index", "people/letter-", "organisations/index", "places/index"))]
    top = sorted(dossier.entities.values(), key=lambda e: (-len(e.articles), e.id))[:10]
    more = [p for e in top for p in files if p.startswith(e.page.replace("/", "/more/")[: -len(".md")] + "-")]
    pages = lists + [e.page for e in top] + more + [f"articles/{a.id}.md" for a in dossier.articles[:5]]
    return sorted(set(pages) - NOT_MEASURED)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, list[str]]:
    out = tmp_path_factory.mktemp("long")
    dossier = rich_dossier(ARTICLES, dated=False)  # as the GGT set: titles lead the articles table
    files = render_dossier(dossier, {"articles": ARTICLES, "files": ARTICLES, "model": "synthetic"}, workers=1)
    pages = _measured(files, dossier)
    # MkDocs lays out only what is measured (links to the rest stay as warnings): a
    # 3,000-page build would take minutes and measure nothing more.
    keep = {p: data for p, data in files.items() if p in pages or not p.endswith(".md")}
    write_tree(out / "content", keep)
    build_site(ROOT / "mkdocs.yml", out / "content", out / "site", workers=1)
    return out / "site", pages


def test_the_synthetic_dossier_is_long_enough_to_need_splitting(built) -> None:
    _, pages = built
    for split in ("quotes/", "timeline/", "stories-2.md", "articles/index-2.md", "people/letter-"):
        assert any(p.startswith(split) for p in pages), split


def test_no_page_is_longer_than_its_screens(built, tmp_path) -> None:
    site, pages = built
    too_long = []
    off_screen = []
    with chromium(tmp_path / "profile") as driver:
        for screen, width, height in SCREENS:
            set_screen(driver, width, height)
            for page in pages:
                url = (site / (page[: -len(".md")] + ".html")).resolve().as_uri()
                tall = page_height(driver, url)
                if tall > limit(screen):
                    too_long.append((page, screen, tall))
                # A cell past the screen's edge, or one whose text is cut off inside it.
                wide = driver.execute_script(
                    "return [...document.querySelectorAll('.md-content td')].filter(td =>"
                    " td.getBoundingClientRect().right > innerWidth + 1 || td.scrollWidth > td.clientWidth + 1).length"
                )
                if wide:
                    off_screen.append((page, screen, wide))
    assert too_long == [], f"pages over {limit('desktop')} px (desktop) / {limit('phone')} px (phone): {too_long}"
    assert off_screen == [], f"table cells past the screen's edge or cut off (page, screen, cells): {off_screen}"
