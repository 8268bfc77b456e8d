"""Corrections made on the pages, from file://, reach the next build through corrections.yml.

In headless Chromium, by keyboard: an entity is renamed on its page and a quote is given
to another speaker on its article's page; an extra entry is removed again in the
Corrections panel; the YAML the panel shows is written into the seeds' corrections.yml;
the dossier is built again and the new site has both fixes. The controls, open, pass
axe-core; without JavaScript they are not there. Screenshots of the entity page with its
controls and of the panel land in test-artifacts/.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from browsing import (axe_failures, build_site, chrome, foreign_requests, our_console_errors, require_axe,
                      require_chromium, requests, shot)
from builds import FIXTURE_SEEDS

pytestmark = [pytest.mark.browser, pytest.mark.slow]
require_chromium()
require_axe()

from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

NEW_NAME = "Jacob “Jake” Sullivan-Test"


@pytest.fixture()
def work(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURE_SEEDS, tmp_path / "seeds")
    build_site(tmp_path, tmp_path / "seeds")
    return tmp_path


@pytest.fixture()
def driver(tmp_path: Path) -> Iterator:
    drv = chrome(tmp_path / "profile")
    try:
        yield drv
    finally:
        drv.quit()


def _dossier(site: Path) -> dict:
    return json.loads((site / "dossier.json").read_text(encoding="utf-8"))


def _quote_to_move(dossier: dict) -> tuple[dict, dict, dict, dict]:
    """A full quote credited to a person, that person, and another person of the same article."""
    people = {e["id"]: e for e in dossier["entities"] if e["type"] == "person"}
    for article in dossier["articles"]:
        for quote in article["quotes"]:
            others = [people[p] for p in article["people"] if p in people and p != quote["speaker_id"]]
            if quote["kind"] == "full" and quote["speaker_id"] in people and others:
                return article, quote, people[quote["speaker_id"]], others[0]
    raise AssertionError("no quote to move in the seeds")


def _type(drv, element, text: str) -> None:
    """Keyboard only: focus by script (as Tab would), then keys."""
    drv.execute_script("arguments[0].focus()", element)
    element.send_keys(text)


def test_rename_and_reassign_from_file_pages_then_rebuild(work: Path, driver) -> None:
    site = work / "site"
    article, quote, speaker, other = _quote_to_move(_dossier(site))
    base = site.resolve().as_uri() + "/"
    # Without JavaScript the page reads as before: an empty, hidden placeholder, no controls.
    html = (site / speaker["page"]).read_text(encoding="utf-8")
    assert '<div class="dz-fix" data-dz-type="person" hidden></div>' in html
    assert "Correct this entity" not in html and "Wrong speaker" not in html

    # The entity page: open "Correct this entity" and rename, by keyboard.
    driver.get(base + speaker["page"])
    summary = driver.find_element(By.CSS_SELECTOR, ".dz-fix__panel > summary")
    _type(driver, summary, Keys.ENTER)
    rename = driver.find_element(By.XPATH, "//form[contains(@class,'dz-fix__form')][.//label[starts-with(normalize-space(.),'Rename to')]]//input")
    _type(driver, rename, NEW_NAME + Keys.ENTER)
    assert "rename" in driver.find_element(By.CSS_SELECTOR, ".dz-fix__status").get_attribute("textContent")
    drop = driver.find_element(By.CSS_SELECTOR, ".dz-fix__drop")  # an entry the analyst will take back
    _type(driver, drop, Keys.ENTER)
    shot(driver, "corrections-entity-page")
    assert axe_failures(driver) == []

    # The article page: "Wrong speaker?" under the quote, then the right one, by keyboard.
    driver.get(base + article["page"])
    marked = driver.find_elements(By.CSS_SELECTOR, ".md-typeset p .dz-quote")  # the text: names linked, quotes marked
    if marked:
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", marked[0])
        shot(driver, "article-text-links")
    first_words = " ".join(quote["text"].split()[:4])
    credits = driver.find_elements(By.CSS_SELECTOR, "p[data-dz-article]")
    credit = next(c for c in credits
                  if first_words in " ".join(c.find_element(By.XPATH, "preceding-sibling::blockquote[1]").text.split()))
    _type(driver, credit.find_element(By.CSS_SELECTOR, ".dz-fix__toggle"), Keys.ENTER)
    said_by = driver.switch_to.active_element
    assert said_by.get_attribute("list") == "dz-names"
    WebDriverWait(driver, 10).until(lambda d: d.execute_script(
        "return document.querySelectorAll('#dz-names option').length") > 0)  # names from the search index
    said_by.send_keys(other["name"] + Keys.ENTER)

    # The panel: take the drop back, read the YAML.
    _type(driver, driver.find_element(By.CSS_SELECTOR, ".dz-fix__open"), Keys.ENTER)
    panel = driver.find_element(By.CSS_SELECTOR, "dialog.dz-fix__dialog")
    assert panel.get_attribute("open") is not None
    remove = panel.find_element(By.XPATH, ".//li[starts-with(normalize-space(.),'drop')]//button")
    _type(driver, remove, Keys.ENTER)
    assert not panel.find_elements(By.XPATH, ".//li[starts-with(normalize-space(.),'drop')]")
    yaml_text = panel.find_element(By.CSS_SELECTOR, "textarea").get_attribute("value")
    assert "drop" not in yaml_text.split("\n", 1)[1]
    shot(driver, "corrections-panel")
    assert axe_failures(driver) == []
    assert foreign_requests(requests(driver), base) == []
    assert our_console_errors(driver.get_log("browser")) == []

    # The pending list survives a reload (localStorage), then goes into corrections.yml.
    driver.refresh()
    assert driver.find_element(By.CSS_SELECTOR, ".dz-fix__open").text == "Corrections (2)"
    (work / "seeds" / "corrections.yml").write_text(yaml_text, encoding="utf-8")
    build_site(work, work / "seeds")

    fixed = _dossier(site)
    renamed = [e for e in fixed["entities"] if e["name"] == NEW_NAME]
    assert len(renamed) == 1 and speaker["name"] in renamed[0]["aliases"]
    moved = next(a for a in fixed["articles"] if a["id"] == article["id"])
    assert [q["speaker_id"] for q in moved["quotes"] if q["text"] == quote["text"]] == [other["id"]]
    page = (site / article["page"]).read_text(encoding="utf-8")
    assert f'title="Said by {other["name"]}"' in page  # the marked quote in the text follows too
    assert (site / renamed[0]["page"]).is_file()
    index = (site / "search" / "search_index.js").read_text(encoding="utf-8")
    assert "Said by" not in index  # the speaker marks in the text stay out of search


@pytest.fixture(scope="module")
def plain_site(tmp_path_factory) -> Path:
    return build_site(tmp_path_factory.mktemp("corrections"))


def test_every_kind_of_entry_becomes_corrections_yml_the_build_reads(plain_site: Path, driver) -> None:
    """Type, merge (keeping either name), drop and 'nobody' from the page parse as the README says."""
    from generator.ingest.corrections import parse_corrections

    dossier = _dossier(plain_site)
    article, quote, speaker, other = _quote_to_move(dossier)
    base = plain_site.resolve().as_uri() + "/"
    driver.get(base + speaker["page"])
    _type(driver, driver.find_element(By.CSS_SELECTOR, ".dz-fix__panel > summary"), Keys.ENTER)
    forms = {f.find_element(By.TAG_NAME, "label").text.split(" ")[0]: f
             for f in driver.find_elements(By.CSS_SELECTOR, ".dz-fix__panel .dz-fix__form")}
    type_select = forms["Change"].find_element(By.TAG_NAME, "select")
    _type(driver, type_select, "organisation")
    _type(driver, forms["Change"].find_element(By.CSS_SELECTOR, "button"), Keys.ENTER)
    merge = forms["Merge"].find_element(By.CSS_SELECTOR, "input[type=text]")
    _type(driver, merge, other["name"] + Keys.ENTER)
    _type(driver, merge, other["name"])
    forms["Merge"].find_element(By.CSS_SELECTOR, "input[type=checkbox]").click()
    _type(driver, merge, Keys.ENTER)
    _type(driver, driver.find_element(By.CSS_SELECTOR, ".dz-fix__drop"), Keys.ENTER)
    driver.get(base + article["page"])
    credit = driver.find_elements(By.CSS_SELECTOR, "p[data-dz-article]")[0]
    _type(driver, credit.find_element(By.CSS_SELECTOR, ".dz-fix__toggle"), Keys.ENTER)
    _type(driver, driver.find_element(By.CSS_SELECTOR, ".dz-fix__nobody"), Keys.ENTER)
    _type(driver, driver.find_element(By.CSS_SELECTOR, ".dz-fix__open"), Keys.ENTER)
    text = driver.find_element(By.CSS_SELECTOR, "dialog textarea").get_attribute("value")
    corrections, problems = parse_corrections(text)
    assert problems == []
    assert [(e.action, e.names, e.value) for e in corrections.entries] == [
        ("merge", (speaker["name"], other["name"]), None),
        ("merge", (other["name"], speaker["name"]), None),
        ("type", (speaker["name"],), "organisation"),
        ("drop", (speaker["name"],), None),
    ]
    (entry,) = corrections.speakers
    assert entry.article == article["id"] and entry.speaker is None
    assert [q for q in article["quotes"] if q["text"].startswith(entry.quote.split()[0])]
