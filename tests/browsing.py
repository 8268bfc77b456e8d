"""Headless Chromium for the browser tests, and one way to build the site they read.

Imported by test modules that drive a real browser. ``require_chromium()`` at a
module's top skips it where Chromium is missing, except under CI, where it must run.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from builds import FIXTURE_SEEDS

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
CHROMEDRIVER = shutil.which("chromedriver")
# What the browser does by itself (its new-tab page, components, sync) is not our site's doing:
# those entries are told apart by the document that made them, never by what they ask for.
BROWSER_SCHEMES = ("chrome:", "chrome-untrusted:", "chrome-search:", "chrome-extension:", "devtools:")
# Documents our own pages make: the search shim's iframe, blobs, inline data.
OWN_CHILD_SCHEMES = ("about:", "blob:", "data:")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
#: What fails the accessibility check: axe's two highest impact levels.
FAILING = ("serious", "critical")


def require_axe() -> None:
    """Skip the calling module when axe-core is not installed (npm ci); under CI fail instead."""
    if AXE.is_file():
        return
    if os.environ.get("CI"):
        pytest.fail("CI: axe-core is required (npm ci installs it)", pytrace=False)
    pytest.skip("axe-core not installed (npm ci)", allow_module_level=True)


def require_chromium() -> None:
    """Skip the calling module when Chromium is not installed; under CI fail instead."""
    if CHROMIUM and CHROMEDRIVER:
        return
    if os.environ.get("CI"):
        pytest.fail("CI: Chromium and ChromeDriver are required (apt-get install chromium chromium-driver)", pytrace=False)
    pytest.skip("Chromium/ChromeDriver not installed", allow_module_level=True)


def build_site(out: Path, seeds: Path = FIXTURE_SEEDS) -> Path:
    """Build ``seeds`` into ``out``/site with the project's mkdocs.yml (cache and content beside it)."""
    from generator.cli import main

    code = main(["build", "--seeds", str(seeds), "--content", str(out / "content"), "--site", str(out / "site"),
                 "--config", str(ROOT / "mkdocs.yml"), "--cache", str(out / "cache"), "--processes", "1", "--quiet"])
    assert code == 0
    return out / "site"


def chrome(profile: Path, width: int = 1280, height: int = 1000):
    """A headless Chromium window of ``width`` CSS pixels that logs console messages and requests."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                 "--no-first-run", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--disable-extensions", f"--window-size={width},{height}",
                 "--allow-file-access-from-files", f"--user-data-dir={profile}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    drv = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    drv.set_page_load_timeout(30)
    # Start from a blank page and drop whatever the browser logged before our first navigation
    # (Chromium 150 loads its own new-tab page at start-up and logs that page's requests).
    drv.get("about:blank")
    drv.get_log("performance")
    drv.get_log("browser")
    return drv


def shot(drv, name: str) -> Path:
    """Save a screenshot under test-artifacts/ for people to look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    drv.save_screenshot(str(path))
    return path


def requests(drv) -> list[tuple[str, str]]:
    """(request URL, URL of the document that made it) for every request since the last call."""
    found = []
    for entry in drv.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") == "Network.requestWillBeSent":
            params = message["params"]
            found.append((params["request"]["url"], params.get("documentURL", "")))
    return found


def _origin(url: str) -> str:
    """scheme://host:port of an http(s) URL; the scheme alone for file: and the like."""
    scheme, _, rest = url.partition(":")
    if scheme in ("http", "https"):
        return f"{scheme}:{rest[:2]}{rest[2:].split('/', 1)[0]}"
    return scheme + ":"


def foreign_requests(requests: list[tuple[str, str]], base: str) -> list[str]:
    """Requests made by our pages (or frames they made) that leave the site's own origin."""
    ours = _origin(base)
    leaving = []
    for url, document in requests:
        if document.startswith(BROWSER_SCHEMES):
            continue  # the browser's own pages, not ours
        if url.startswith(OWN_CHILD_SCHEMES) or _origin(url) == ours:
            continue
        leaving.append(url)
    return leaving


def our_console_errors(entries: list[dict]) -> list[str]:
    """SEVERE console entries, less those logged by the browser's own pages."""
    return [e["message"] for e in entries
            if e["level"] == "SEVERE" and not e["message"].startswith(BROWSER_SCHEMES)]


def axe_failures(drv) -> list[str]:
    """Run axe-core on the page as it is now; one line per node with a serious or critical violation."""
    drv.execute_script(AXE.read_text(encoding="utf-8"))
    drv.set_script_timeout(60)
    result = drv.execute_async_script(
        "var done = arguments[arguments.length - 1];"
        "axe.run(document, {resultTypes: ['violations']}).then(function (r) { done(r.violations); },"
        " function (e) { done([{id: 'axe-error', impact: 'critical', nodes: [{target: [String(e)]}]}]); });"
    )
    return [
        f"{v['id']} ({v['impact']}): {node['target']}"
        for v in result if v["impact"] in FAILING
        for node in v["nodes"]
    ]
