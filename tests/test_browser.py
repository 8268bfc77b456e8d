"""A real browser (headless Chromium) on the built site, from file:// and from 127.0.0.1.

Search finds people, links carry a reader from article to person to quote and
back, the overview's pictures render, the console stays clean, and no request
leaves the machine. Screenshots land in test-artifacts/ for people to look at.
Skipped only when Chromium is missing outside CI; under CI it must run.
"""

from __future__ import annotations

import functools
import http.server
import json
import re
import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from browsing import build_site, chrome, foreign_requests, our_console_errors, require_chromium, shot
from browsing import requests as _requests

pytestmark = [pytest.mark.browser, pytest.mark.slow]
require_chromium()

from selenium import webdriver  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions as EC  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return build_site(tmp_path_factory.mktemp("browser"))


@pytest.fixture(scope="module")
def dossier(site: Path) -> dict:
    return json.loads((site / "dossier.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def server(site: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        return


@pytest.fixture(scope="module", params=["file", "http"])
def base(request, site: Path) -> str:
    if request.param == "file":
        return site.resolve().as_uri() + "/"
    return request.getfixturevalue("server")


@pytest.fixture()
def driver(tmp_path) -> Iterator[webdriver.Chrome]:
    drv = chrome(tmp_path / "profile")
    try:
        yield drv
    finally:
        drv.quit()


def _assert_local(drv: webdriver.Chrome, base: str) -> None:
    leaving = foreign_requests(_requests(drv), base)
    assert leaving == [], leaving


def _console_errors(drv: webdriver.Chrome) -> list[str]:
    return our_console_errors(drv.get_log("browser"))


def _person_with_quote(dossier: dict) -> tuple[dict, dict]:
    people = {e["id"]: e for e in dossier["entities"] if e["type"] == "person"}
    for article in dossier["articles"]:
        for quote in article["quotes"]:
            if quote["kind"] == "full" and quote["speaker_id"] in people:
                return people[quote["speaker_id"]], article
    raise AssertionError("no quote linked to a person in the seeds")


def _search(driver, base: str, query: str, done) -> list[str]:
    """Type ``query`` in the search box until ``done(result links)`` or 20 s; the result links."""
    driver.get(base + "index.html")
    WebDriverWait(driver, 10).until(EC.presence_of_element_located((By.CSS_SELECTOR, "input.md-search__input")))
    box = driver.find_element(By.CSS_SELECTOR, "input.md-search__input")
    box.click()
    deadline = time.time() + 20
    links: list[str] = []
    while time.time() < deadline and not done(links):
        box.clear()
        box.send_keys(query)
        time.sleep(0.7)
        links = [a.get_attribute("href") or "" for a in driver.find_elements(By.CSS_SELECTOR, ".md-search-result__link")]
    return links


def test_search_finds_a_person_by_surname(driver, base: str, dossier: dict) -> None:
    person, _ = _person_with_quote(dossier)
    surname = person["name"].split()[-1]
    links = _search(driver, base, surname, lambda links: any(person["page"] in link for link in links))
    shot(driver, f"search-{base.split(':')[0]}")
    assert any(person["page"] in link for link in links), links
    _assert_local(driver, base)
    assert _console_errors(driver) == []


def test_search_reads_the_one_index_file_both_ways(driver, base: str, site: Path, dossier: dict) -> None:
    """The index is shipped once, as search_index.js: Material loads it on file://, and over http
    its request for search_index.json is answered from it (frame.js). No copy, no failed request."""
    assert not (site / "search" / "search_index.json").exists()
    person, _ = _person_with_quote(dossier)
    links = _search(driver, base, person["name"].split()[-1], lambda links: any(person["page"] in link for link in links))
    assert any(person["page"] in link for link in links), links
    urls = [url for url, _ in _requests(driver)]
    assert any(url.endswith("search/search_index.js") for url in urls), urls
    assert not any("search_index.json" in url for url in urls), urls
    assert _console_errors(driver) == []


def test_article_person_quote_article(driver, base: str, dossier: dict) -> None:
    person, article = _person_with_quote(dossier)
    driver.get(base + article["page"])
    driver.find_element(By.CSS_SELECTOR, f"article a[href$='{person['page'].split('/')[-1]}']").click()
    WebDriverWait(driver, 10).until(EC.url_contains(person["page"]))
    shot(driver, f"person-{base.split(':')[0]}")
    quote_link = driver.find_element(By.CSS_SELECTOR, f"article blockquote + p a[href$='{article['page'].split('/')[-1]}']")
    quote_link.click()
    WebDriverWait(driver, 10).until(EC.url_contains(article["page"]))
    assert article["title"][:30] in driver.find_element(By.TAG_NAME, "h1").text
    _assert_local(driver, base)
    assert _console_errors(driver) == []


def test_overview_pictures_render(driver, base: str) -> None:
    driver.get(base + "index.html")
    figures = driver.find_elements(By.CSS_SELECTOR, ".dossier-figure svg")
    assert figures, "no pictures on the overview"
    for svg in figures:
        assert svg.size["width"] > 100 and svg.size["height"] > 50
    driver.execute_script("arguments[0].scrollIntoView()", figures[0])
    shot(driver, f"overview-{base.split(':')[0]}")
    _assert_local(driver, base)
    assert _console_errors(driver) == []


def test_every_top_level_page_loads_cleanly(driver, base: str) -> None:
    for page in ("index.html", "articles/index.html", "people/index.html", "organisations/index.html",
                 "places/index.html", "quotes.html", "stories.html", "timeline.html", "report.html", "print.html"):
        driver.get(base + page)
        assert driver.find_element(By.TAG_NAME, "h1").text
        assert _console_errors(driver) == [], page
    _assert_local(driver, base)


# --- the checks themselves can fail -----------------------------------------------------------

def test_browser_noise_is_told_apart_from_our_pages() -> None:
    """What Chromium 150's new-tab page logs is not ours; the same request from our page is."""
    base = "file:///tmp/site/"
    noise = [("chrome-untrusted://new-tab-page/one-google-bar?paramsencoded=", "chrome://new-tab-page/"),
             ("https://www.google.com/async/newtab_promos", "chrome://new-tab-page/")]
    ours = [("file:///tmp/site/assets/x.js", "file:///tmp/site/index.html"),
            ("blob:file:///1234", "file:///tmp/site/index.html"),
            ("https://unpkg.com/iframe-worker/shim", "file:///tmp/site/index.html"),
            ("http://127.0.0.2:9/x.png", "about:srcdoc")]
    assert foreign_requests(noise + ours, base) == ["https://unpkg.com/iframe-worker/shim", "http://127.0.0.2:9/x.png"]
    served = "http://127.0.0.1:8000/"
    assert foreign_requests([("http://127.0.0.1:8001/a.js", served + "index.html"),
                             ("http://127.0.0.1:8000/a.js", served + "index.html")], served) == ["http://127.0.0.1:8001/a.js"]
    logged = [{"level": "SEVERE", "message": "chrome-untrusted://new-tab-page/one-google-bar 0 Failed"},
              {"level": "SEVERE", "message": "file:///tmp/site/index.html 3:1 Uncaught Error: boom"},
              {"level": "WARNING", "message": "file:///tmp/site/index.html deprecated"}]
    assert our_console_errors(logged) == ["file:///tmp/site/index.html 3:1 Uncaught Error: boom"]


# Loopback, so nothing leaves the machine; still another host than the site's.
PLANTED = ('<script src="planted.js"></script>'
           '<img alt="" src="http://127.0.0.2:9/planted.png">')


@pytest.fixture(scope="module")
def planted_site(site: Path, tmp_path_factory) -> Path:
    """A copy of the site with one page that logs an error and asks another host for a picture."""
    copy = tmp_path_factory.mktemp("planted") / "site"
    shutil.copytree(site, copy)
    page = copy / "index.html"
    html = page.read_text(encoding="utf-8")
    # A Content-Security-Policy would stop the planted request before it is made: take it out
    # of this one copy, since what is tested here is the checker, not the policy.
    html = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", html)
    page.write_text(html.replace("</body>", PLANTED + "</body>", 1), encoding="utf-8")
    (copy / "planted.js").write_text('console.error("planted error");\n', encoding="utf-8")
    return copy


def test_a_planted_error_and_foreign_request_are_caught(driver, planted_site: Path) -> None:
    base = planted_site.resolve().as_uri() + "/"
    driver.get(base + "index.html")
    time.sleep(0.5)
    errors = _console_errors(driver)
    assert any("planted error" in e for e in errors), errors
    assert "http://127.0.0.2:9/planted.png" in foreign_requests(_requests(driver), base)


def _shared_name_word(dossier: dict) -> tuple[str, dict]:
    """A word two people's names share ("Vladimir") and the more covered of them."""
    by_word: dict[str, list[dict]] = {}
    for e in dossier["entities"]:
        if e["type"] == "person":
            for word in e["name"].split():
                if len(word) > 3 and word.isalpha():
                    by_word.setdefault(word, []).append(e)
    shared = {w: es for w, es in by_word.items() if len(es) > 1}
    assert shared, "the seeds name no two people with a word in common"
    word = max(sorted(shared), key=lambda w: max(e["mentions"] for e in shared[w]) - min(e["mentions"] for e in shared[w]))
    return word, max(shared[word], key=lambda e: e["mentions"])


def test_search_ranks_the_most_covered_entity_first(driver, base: str, dossier: dict) -> None:
    """Entity pages carry a search boost by coverage: the person named most comes first.

    Without the boost, "Vladimir" found Zelenskyy (3 mentions) before Putin (18).
    """
    word, best = _shared_name_word(dossier)
    links = _search(driver, base, word, bool)
    entity_links = [link for link in links if "/people/" in link or "/organisations/" in link or "/places/" in link]
    assert entity_links and best["page"] in entity_links[0], (word, links)
