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
import os
import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.cli import main

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
CHROMEDRIVER = shutil.which("chromedriver")
pytestmark = [pytest.mark.browser, pytest.mark.slow]

if not (CHROMIUM and CHROMEDRIVER):
    if os.environ.get("CI"):
        pytest.fail("CI: Chromium and ChromeDriver are required (apt-get install chromium chromium-driver)", pytrace=False)
    pytest.skip("Chromium/ChromeDriver not installed", allow_module_level=True)

from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions as EC  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402
from builds import FIXTURE_SEEDS

LOCAL_SCHEMES = ("file:", "data:", "blob:", "about:", "chrome:", "chrome-error:", "devtools:")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("browser")
    code = main(["build", "--seeds", str(FIXTURE_SEEDS), "--content", str(out / "content"), "--site", str(out / "site"),
                 "--config", str(ROOT / "mkdocs.yml"), "--cache", str(out / "cache"), "--quiet"])
    assert code == 0
    return out / "site"


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
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                 "--no-first-run", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--disable-extensions", "--window-size=1280,1000",
                 "--allow-file-access-from-files", f"--user-data-dir={tmp_path / 'profile'}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    drv = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    drv.set_page_load_timeout(30)
    try:
        yield drv
    finally:
        drv.quit()


def _requests(drv: webdriver.Chrome) -> list[str]:
    urls = []
    for entry in drv.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


def _assert_local(urls: list[str]) -> None:
    leaving = [u for u in urls if not (u.startswith(LOCAL_SCHEMES) or u.startswith("http://127.0.0.1:"))]
    assert leaving == [], leaving


def _console_errors(drv: webdriver.Chrome) -> list[str]:
    return [e["message"] for e in drv.get_log("browser") if e["level"] == "SEVERE"]


def _shot(drv: webdriver.Chrome, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    drv.save_screenshot(str(ARTIFACTS / f"{name}.png"))


def _person_with_quote(dossier: dict) -> tuple[dict, dict]:
    people = {e["id"]: e for e in dossier["entities"] if e["type"] == "person"}
    for article in dossier["articles"]:
        for quote in article["quotes"]:
            if quote["kind"] == "full" and quote["speaker_id"] in people:
                return people[quote["speaker_id"]], article
    raise AssertionError("no quote linked to a person in the seeds")


def test_search_finds_a_person_by_surname(driver, base: str, dossier: dict) -> None:
    person, _ = _person_with_quote(dossier)
    surname = person["name"].split()[-1]
    driver.get(base + "index.html")
    WebDriverWait(driver, 10).until(EC.presence_of_element_located((By.CSS_SELECTOR, "input.md-search__input")))
    box = driver.find_element(By.CSS_SELECTOR, "input.md-search__input")
    box.click()
    deadline = time.time() + 20
    links: list[str] = []
    while time.time() < deadline and not any(person["page"] in link for link in links):
        box.clear()
        box.send_keys(surname)
        time.sleep(0.7)
        links = [a.get_attribute("href") or "" for a in driver.find_elements(By.CSS_SELECTOR, ".md-search-result__link")]
    _shot(driver, f"search-{base.split(':')[0]}")
    assert any(person["page"] in link for link in links), links
    _assert_local(_requests(driver))
    assert _console_errors(driver) == []


def test_article_person_quote_article(driver, base: str, dossier: dict) -> None:
    person, article = _person_with_quote(dossier)
    driver.get(base + article["page"])
    driver.find_element(By.CSS_SELECTOR, f"article a[href$='{person['page'].split('/')[-1]}']").click()
    WebDriverWait(driver, 10).until(EC.url_contains(person["page"]))
    _shot(driver, f"person-{base.split(':')[0]}")
    quote_link = driver.find_element(By.CSS_SELECTOR, f"article blockquote + p a[href$='{article['page'].split('/')[-1]}']")
    quote_link.click()
    WebDriverWait(driver, 10).until(EC.url_contains(article["page"]))
    assert article["title"][:30] in driver.find_element(By.TAG_NAME, "h1").text
    _assert_local(_requests(driver))
    assert _console_errors(driver) == []


def test_overview_pictures_render(driver, base: str) -> None:
    driver.get(base + "index.html")
    figures = driver.find_elements(By.CSS_SELECTOR, ".dossier-figure svg")
    assert figures, "no pictures on the overview"
    for svg in figures:
        assert svg.size["width"] > 100 and svg.size["height"] > 50
    driver.execute_script("arguments[0].scrollIntoView()", figures[0])
    _shot(driver, f"overview-{base.split(':')[0]}")
    _assert_local(_requests(driver))
    assert _console_errors(driver) == []


def test_every_top_level_page_loads_cleanly(driver, base: str) -> None:
    for page in ("index.html", "articles/index.html", "people/index.html", "organisations/index.html",
                 "places/index.html", "quotes.html", "stories.html", "timeline.html", "report.html", "print.html"):
        driver.get(base + page)
        assert driver.find_element(By.TAG_NAME, "h1").text
        assert _console_errors(driver) == [], page
    _assert_local(_requests(driver))
