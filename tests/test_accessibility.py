"""axe-core, the accessibility checker, finds no serious or critical failure on any page type.

Every kind of page the dossier writes is opened from file:// in headless Chromium at a
desktop (1280 px) and a phone (390 px) width; axe-core (a declared npm devDependency,
never copied into the site) is injected into the page and run. A violation planted
into a real page proves the check reports what it should.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from browsing import axe_failures, build_site, chrome, require_axe, require_chromium

pytestmark = [pytest.mark.browser, pytest.mark.slow]
require_chromium()
require_axe()


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return build_site(tmp_path_factory.mktemp("a11y"))


@pytest.fixture(scope="module")
def pages(site: Path) -> dict[str, str]:
    """One page of every type the site has, by type (relative to the site root)."""
    dossier = json.loads((site / "dossier.json").read_text(encoding="utf-8"))
    found = {
        "overview": "index.html", "articles index": "articles/index.html", "people index": "people/index.html",
        "organisations index": "organisations/index.html", "places index": "places/index.html",
        "stories": "stories.html", "quotes": "quotes.html", "timeline": "timeline.html", "report": "report.html",
        "print": "print.html", "editions": "editions.html",
    }
    found = {kind: page for kind, page in found.items() if (site / page).is_file()}
    # The article with most quotes shows most of what an article page can hold.
    article = max(dossier["articles"], key=lambda a: (len(a["quotes"]), len(a["people"])))
    found["article"] = _html(article["page"])
    for entity_type in ("person", "organisation", "place"):
        ranked = sorted((e for e in dossier["entities"] if e["type"] == entity_type),
                        key=lambda e: -len(e.get("articles", [])))
        found[entity_type] = _html(ranked[0]["page"])
    found.update({f"timeline {p.stem}": f"timeline/{p.name}" for p in sorted((site / "timeline").glob("*.html"))[:1]})
    for folder in ("people", "organisations", "places", "articles"):  # index pages split by letter, when there are
        found.update({f"{folder} letter": f"{folder}/{p.name}" for p in sorted((site / folder).glob("letter-*.html"))[:1]})
    assert {"overview", "article", "person", "organisation", "place", "print", "report", "editions", "stories",
            "quotes", "timeline"} <= found.keys()
    return found


def _html(page: str) -> str:
    return page[:-3] + ".html" if page.endswith(".md") else page


@pytest.fixture(scope="module", params=[1280, 390], ids=["desktop", "phone"])
def driver(request, tmp_path_factory) -> Iterator:
    drv = chrome(tmp_path_factory.mktemp("profile"), width=request.param)
    try:
        yield drv
    finally:
        drv.quit()


def axe_on(drv, url: str, plant: str | None = None) -> list[str]:
    """Open ``url``, optionally add the ``plant`` HTML to its content, and run axe on it."""
    drv.get(url)
    if plant:
        drv.execute_script("document.querySelector('article').insertAdjacentHTML('beforeend', arguments[0])", plant)
    return axe_failures(drv)


def test_no_serious_or_critical_violation_on_any_page_type(driver, site: Path, pages: dict[str, str]) -> None:
    base = site.resolve().as_uri() + "/"
    failures = {kind: found for kind, page in pages.items() if (found := axe_on(driver, base + page))}
    assert failures == {}


def test_a_planted_violation_is_reported(driver, site: Path, pages: dict[str, str]) -> None:
    """An unlabelled button and a low-contrast paragraph put into an article page fail the check."""
    url = site.resolve().as_uri() + "/" + pages["article"]
    failures = axe_on(driver, url, plant='<button class="planted"></button>'
                            '<p class="planted-text" style="color:#eee;background:#fff">faint words</p>')
    assert any(f.startswith("button-name (critical)") and "planted" in f for f in failures), failures
    assert any(f.startswith("color-contrast (serious)") and "planted-text" in f for f in failures), failures


def test_the_open_search_dialog_with_results_passes(driver, site: Path, pages: dict[str, str]) -> None:
    """The search dialog (written by frame.js) is checked open, with results listed."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get(site.resolve().as_uri() + "/" + pages["overview"])
    opener = driver.find_element(By.CSS_SELECTOR, "label.md-header__button[for='__search']")
    box = driver.find_element(By.CSS_SELECTOR, "input.md-search__input")
    (opener if opener.is_displayed() else box).click()  # a phone has a button, a desktop the box
    WebDriverWait(driver, 10).until(lambda d: box.is_displayed())
    box.send_keys("Putin")
    WebDriverWait(driver, 20).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".md-search-result__link"))
    time.sleep(1)  # results fade in: judge them once they are shown in full
    failures = axe_failures(driver)
    assert not failures, "\n".join(failures)
