"""How tall the built pages are in a real browser, at a desktop and a phone width.

A page should stay under about 15 screens at 1280 px and 30 on a phone (390 px);
``tests/test_page_length.py`` holds every page of a large synthetic dossier to
that, and this script measures a real build (and saves screenshots) for people:

    .venv/bin/python -m evaluation.page_heights --site /tmp/x/site --out test-artifacts \\
        --label after stories.html quotes.html articles/<id>.html

Needs selenium and Chromium with ChromeDriver (as the browser tests do).
"""

from __future__ import annotations

import argparse
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

#: (name, width, screen height) of the two screens a page is measured on.
SCREENS = (("desktop", 1280, 900), ("phone", 390, 844))
#: Most screens a page may take: 15 on a desktop, 30 on a phone.
MAX_SCREENS = {"desktop": 15, "phone": 30}
#: Screenshots are cut at this height: a 50,000 px picture helps nobody.
SHOT_MAX_HEIGHT = 16_000


def limit(screen: str) -> int:
    """The tallest a page may be on ``screen``, in CSS pixels."""
    height = dict((name, h) for name, _, h in SCREENS)[screen]
    return MAX_SCREENS[screen] * height


@contextmanager
def chromium(profile: Path) -> Iterator[Any]:
    """A headless Chromium driven by selenium, with phone-sized windows allowed."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or shutil.which("chromium-browser") or "chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-extensions", "--hide-scrollbars", "--allow-file-access-from-files",
                 f"--user-data-dir={profile}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()


def set_screen(driver: Any, width: int, height: int) -> None:
    """Make the page's viewport exactly ``width`` × ``height`` CSS pixels (a phone included)."""
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600},
    )


def page_height(driver: Any, url: str) -> int:
    """The page's full height at the current screen, once its fonts and pictures are laid out."""
    driver.get(url)
    return int(driver.execute_script("return Math.ceil(document.documentElement.scrollHeight)"))


def screenshot(driver: Any, width: int, height: int, path: Path) -> None:
    """The page as a reader scrolls through it (cut at ``SHOT_MAX_HEIGHT``)."""
    set_screen(driver, width, min(height, SHOT_MAX_HEIGHT))
    path.parent.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(path))


def measure(site: Path, pages: list[str], out: Path | None, label: str, profile: Path) -> dict[tuple[str, str], int]:
    """Heights of ``pages`` (paths under ``site``) on each screen; screenshots into ``out``."""
    heights: dict[tuple[str, str], int] = {}
    with chromium(profile) as driver:
        for screen, width, screen_height in SCREENS:
            for page in pages:
                set_screen(driver, width, screen_height)
                height = page_height(driver, (site / page).resolve().as_uri())
                heights[(page, screen)] = height
                if out is not None:
                    name = page.replace("/", "_").removesuffix(".html")
                    screenshot(driver, width, height, out / f"{label}-{name}-{width}.png")
    return heights


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, required=True)
    parser.add_argument("--out", type=Path, default=None, help="folder for screenshots (none when left out)")
    parser.add_argument("--label", default="page")
    parser.add_argument("--profile", type=Path, default=Path("/tmp/dossier-page-heights"))
    parser.add_argument("pages", nargs="+")
    args = parser.parse_args(argv)
    heights = measure(args.site, args.pages, args.out, args.label, args.profile)
    for (page, screen), height in sorted(heights.items()):
        flag = "" if height <= limit(screen) else f"  over {MAX_SCREENS[screen]} screens"
        print(f"{args.label}\t{screen}\t{height:>7} px\t{page}{flag}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
