"""The overview with a new edition, in headless Chromium from file://; its screenshot lands in test-artifacts/.

Skipped only when Chromium is missing outside CI (as test_browser.py).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from test_editions import HOSTILE_TITLE, ROOT, dossier_build, make_repository

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
CHROMEDRIVER = shutil.which("chromedriver")
SHOT = ROOT / "test-artifacts" / "editions-overview.png"
pytestmark = [pytest.mark.browser, pytest.mark.slow]

if not (CHROMIUM and CHROMEDRIVER):
    if os.environ.get("CI"):
        pytest.fail("CI: Chromium and ChromeDriver are required", pytrace=False)
    pytest.skip("Chromium/ChromeDriver not installed", allow_module_level=True)


def test_overview_opens_with_the_new_edition(tmp_path: Path) -> None:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.common.by import By

    seeds = make_repository(tmp_path / "repo")
    assert dossier_build(seeds, tmp_path, ROOT / "mkdocs.yml") == 0
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,1300",
                 "--allow-file-access-from-files", f"--user-data-dir={tmp_path / 'profile'}"):
        options.add_argument(flag)
    drv = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    try:
        drv.get((tmp_path / "site" / "index.html").resolve().as_uri())
        headings = [h.text for h in drv.find_elements(By.CSS_SELECTOR, "article h2")]
        assert headings[0] == "New in this edition"
        section = drv.find_element(By.ID, "new-in-this-edition")
        assert section.location["y"] < 400  # at the top, seen without scrolling
        items = drv.find_elements(By.XPATH, "//h2[@id='new-in-this-edition']/following-sibling::ul[1]/li/a")
        assert sorted(a.text for a in items) == sorted(["Ukraine has formally requested Turkey to invest in its defense industry",
                                                         HOSTILE_TITLE])  # seed markup shown as text
        with pytest.raises(NoAlertPresentException):
            drv.switch_to.alert  # the seed's alert("feed") never ran
        SHOT.parent.mkdir(exist_ok=True)
        drv.save_screenshot(str(SHOT))
        drv.find_element(By.LINK_TEXT, "2 older editions").click()
        assert drv.current_url.endswith("/editions.html") and drv.find_element(By.ID, "edition-2024-03-01").is_displayed()
    finally:
        drv.quit()
