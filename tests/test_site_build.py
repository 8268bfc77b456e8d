"""End to end: the five seeds -> content/ -> a strict MkDocs site that works offline."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from generator.cli import main
from generator.site.search_file import read_index
from sitecheck import broken_links, external_references, reachable_pages
from builds import FIXTURE_SEEDS

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow


def _build(seeds: Path, out: Path, *extra: str) -> int:
    return main(
        [
            "build", "--seeds", str(seeds), "--content", str(out / "content"), "--site", str(out / "site"),
            "--config", str(ROOT / "mkdocs.yml"), "--cache", str(out / "cache"), "--quiet", *extra,
        ]
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("built")
    assert _build(FIXTURE_SEEDS, out, "--strict") == 0
    return out


def test_every_link_resolves(built: Path) -> None:
    assert broken_links(built / "site") == []


def test_no_page_references_another_host(built: Path) -> None:
    assert external_references(built / "site") == []


def test_search_works_offline_with_our_own_shim(built: Path) -> None:
    site = built / "site"
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "unpkg" not in home and "file-worker" not in home  # frame.js loads it, on file:// only
    frame = (site / "assets" / "javascripts" / "frame.js").read_text(encoding="utf-8")
    assert 'if (location.protocol === "file:") document.write(' in frame
    assert 'new URL("assets/javascripts/file-worker.js", root)' in frame and "unpkg" not in frame
    # Ours, not the iframe-worker shim: that one writes an inline script, which the pages' policy forbids.
    shim = (site / "assets/javascripts/file-worker.js").read_text(encoding="utf-8")
    assert "window.Worker = FileWorker" in shim and "document.write" not in shim
    index = (site / "search" / "search_index.js").read_text(encoding="utf-8")
    assert index.startswith("var __index =") and "Sullivan" in index


def test_lists_of_links_stay_out_of_search_and_texts_stay_in(built: Path) -> None:
    """Sections that only list links or removed junk are excluded by heading; article texts are indexed.

    An article's summary and quotes are sentences of its own text, which is indexed: indexed
    twice they would only double the search index (two copies: for http and for file://).
    """
    docs = read_index(built / "site")["docs"]
    sections = {doc["location"].partition("#")[2] for doc in docs}
    assert {"text", "quotes"} <= sections  # quotes from the entity pages
    # Roles are said in an entity page's opening lines, which are searchable.
    peskov = next(doc for doc in docs if doc["location"] == "people/dmitry-peskov.html")
    assert "Kremlin spokesman" in peskov["text"]
    assert not sections & {"who-and-where", "sourcing", "related-articles", "removed-from-the-seed",
                           "articles-and-mentions", "named-with", "summary"}
    article_sections = {doc["location"].partition("#")[2] for doc in docs if doc["location"].startswith("articles/")}
    assert "text" in article_sections and "quotes" not in article_sections
    # Every summary sentence can still be found on its page: it is in the indexed text.
    dossier = json.loads((built / "site" / "dossier.json").read_text(encoding="utf-8"))
    for article in dossier["articles"]:
        texts = " ".join(doc["text"] for doc in docs if doc["location"].startswith(article["page"] + "#"))
        for sentence in article["summary"]:
            assert sentence[:40] in texts
    page = (built / "site" / "people" / "jake-sullivan.html").read_text(encoding="utf-8")
    assert 'id="articles-and-mentions"' in page and 'href="#articles-and-mentions"' in page  # in its contents
    # An entity named in one article lists its mentions without a section: kept out of search alike.
    entity_pages = {e["page"]: e for e in dossier["entities"]}
    single = [doc for doc in docs if doc["location"] in entity_pages and len(entity_pages[doc["location"]]["articles"]) == 1]
    assert single and all("<li>" not in doc["text"] and "<p>In " not in doc["text"] for doc in single)
    pages = [(built / "site" / doc["location"]).read_text(encoding="utf-8") for doc in single]
    assert any("<li>" in page[page.index("</h1>") :] for page in pages)  # the mentions are still on the pages


def test_a_page_without_contents_has_a_bare_toc_column(built: Path) -> None:
    """Pages with no headings below the title (most entity pages) keep the toc column, empty:
    no scroll wrappers or empty contents list in every such page. Pages with sections keep
    Material's whole sidebar. The drawer's title carries no second logo."""
    site = built / "site"
    bare = '<div class="md-sidebar md-sidebar--secondary"></div>'
    pages = [p.read_text(encoding="utf-8") for p in sorted((site / "people").glob("*.html"))]
    without = [page for page in pages if "<h2" not in page]
    with_sections = [page for page in pages if "<h2" in page]
    assert without and with_sections
    assert all(bare in page and 'data-md-type="toc"' not in page for page in without)
    assert all(bare not in page and 'data-md-type="toc"' in page and "md-nav__list" in page.split('data-md-type="toc"')[1]
               for page in with_sections)
    assert all(page.count("logo.svg") == 1 for page in pages)


def test_every_page_is_reachable_from_the_home_page(built: Path) -> None:
    site = built / "site"
    reachable = reachable_pages(site)
    pages = {p.resolve() for p in site.rglob("*.html") if p.name != "404.html"}
    assert pages - reachable == set()


def test_nav_stays_short(built: Path) -> None:
    """Material embeds the nav in every page: articles must not be listed in it."""
    page = (built / "site" / "articles" / "001_ced04212048b39c6.html").read_text(encoding="utf-8")
    nav = page[page.index('<nav class="md-nav md-nav--primary') :]
    nav = nav[: nav.index("</nav>")]
    assert "000_786a4680b47ca245" not in nav and nav.count("md-nav__item") < 25


def test_header_of_seed_001_is_read(built: Path) -> None:
    data = json.loads((built / "site" / "dossier.json").read_text(encoding="utf-8"))
    article = next(a for a in data["articles"] if a["id"] == "001_ced04212048b39c6")
    assert article["date"] == "2022-04-04"
    assert article["url"] == "https://www.mirror.co.uk/news/world-news/putin-running-out-missiles-jets-26627647"
    assert article["publisher"] == "mirror.co.uk"
    html = (built / "site" / "articles" / "001_ced04212048b39c6.html").read_text(encoding="utf-8")
    assert "2022-04-04" in html and 'class="dossier-original" href="https://www.mirror.co.uk/' in html


def test_dossier_json_follows_the_schema(built: Path) -> None:
    data = json.loads((built / "site" / "dossier.json").read_text(encoding="utf-8"))
    assert set(data) >= {"articles", "entities", "stories", "timeline"}
    entity_ids = {e["id"] for e in data["entities"]}
    article_ids = {a["id"] for a in data["articles"]}
    assert len(article_ids) == len(data["articles"]) == 5
    for a in data["articles"]:
        assert (FIXTURE_SEEDS / a["source"]).is_file()
        assert a["page"] == f"articles/{a['id']}.html" and (built / "site" / a["page"]).is_file()
        assert isinstance(a["title"], str) and 0 < len(a["title"]) and isinstance(a["title_generated"], bool)
        assert a["date"] is None or (len(a["date"]) == 10 and a["date"][4] == "-")
        assert a["url"] is None or a["url"].startswith("http")
        assert all(isinstance(s, str) and s for s in a["summary"]) and 1 <= len(a["summary"]) <= 3
        assert all(isinstance(p, str) and p for p in a["body"])
        for key in ("people", "organisations", "places"):
            assert set(a[key]) <= entity_ids
        for q in a["quotes"]:
            assert set(q) == {"text", "speaker", "speaker_id", "kind"}
            assert q["kind"] in ("full", "partial") and q["text"]
            assert q["speaker_id"] is None or q["speaker_id"] in entity_ids
        assert set(a["sourcing"]) == {"named", "unnamed", "hedged"}
    for e in data["entities"]:
        assert e["type"] in ("person", "organisation", "place")
        assert e["name"] and isinstance(e["aliases"], list)
        assert set(e["articles"]) <= article_ids and e["articles"]
        assert (built / "site" / e["page"]).is_file()
        assert all(set(r) == {"text", "article"} for r in e["roles"])
    for s in data["stories"]:
        assert set(s) == {"id", "title", "articles"} and set(s["articles"]) <= article_ids
    for t in data["timeline"]:
        assert t["article"] in article_ids and t["text"]


def test_untitled_seeds_get_a_generated_title(built: Path) -> None:
    data = json.loads((built / "site" / "dossier.json").read_text(encoding="utf-8"))
    by_id = {a["id"]: a for a in data["articles"]}
    assert by_id["000_786a4680b47ca245"]["title_generated"] is False
    for key in ("002_a65a3486389211ff", "003_ee23259b59b93aa8", "004_00cddac5497fbc3c"):
        assert by_id[key]["title_generated"] is True and len(by_id[key]["title"]) <= 100


def test_second_build_is_byte_identical(built: Path, tmp_path: Path) -> None:
    assert _build(FIXTURE_SEEDS, tmp_path, "--no-site", "--no-cache") == 0
    first = {p.relative_to(built / "content"): p.read_bytes() for p in (built / "content").rglob("*") if p.is_file()}
    second = {p.relative_to(tmp_path / "content"): p.read_bytes() for p in (tmp_path / "content").rglob("*") if p.is_file()}
    assert first.keys() == second.keys()
    assert [k for k in first if first[k] != second[k]] == []


def test_site_is_readable_by_a_web_server(built: Path) -> None:
    mode = (built / "site").stat().st_mode
    assert mode & 0o005 == 0o005, oct(mode)


def test_failed_build_keeps_the_previous_site(built: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(built / "site", site)
    bad_config = tmp_path / "mkdocs.yml"
    bad_config.write_text((ROOT / "mkdocs.yml").read_text().replace("name: material", "name: no-such-theme"))
    code = main(["build", "--seeds", str(FIXTURE_SEEDS), "--content", str(tmp_path / "content"), "--site", str(site),
                 "--config", str(bad_config), "--cache", str(built / "cache"), "--quiet"])
    assert code == 1
    assert (site / "index.html").is_file() and (site / "dossier.json").is_file()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site-")] == []


def test_removed_junk_is_listed_not_lost(built: Path) -> None:
    data = json.loads((built / "site" / "dossier.json").read_text(encoding="utf-8"))
    article = next(a for a in data["articles"] if a["id"] == "000_786a4680b47ca245")
    assert "Share post:" in article["removed"] and "Please enter your name here" in article["removed"]
    assert not any("Share post" in p for p in article["body"])
    html = (built / "site" / "articles" / "000_786a4680b47ca245.html").read_text(encoding="utf-8")
    assert "Removed from the seed" in html and "Please enter your name here" in html


def test_entity_pages_rank_in_search_by_coverage(built: Path) -> None:
    """Each entity page carries Material's per-page search boost, growing with its mentions."""
    from generator.render.search_rank import search_boost

    docs = read_index(built / "site")["docs"]
    boost_of: dict[str, float] = {}
    for doc in docs:
        page = doc["location"].partition("#")[0]
        if "boost" in doc:
            assert boost_of.setdefault(page, doc["boost"]) == doc["boost"]  # every section of a page alike
    dossier = json.loads((built / "site" / "dossier.json").read_text(encoding="utf-8"))
    entities = dossier["entities"]
    assert entities
    for e in entities:
        assert boost_of[e["page"]] == search_boost(e["mentions"])
    assert not any(page.startswith("articles/") for page in boost_of)
    most = max(entities, key=lambda e: e["mentions"])
    least = min(entities, key=lambda e: e["mentions"])
    assert most["mentions"] > least["mentions"] and boost_of[most["page"]] > boost_of[least["page"]]
