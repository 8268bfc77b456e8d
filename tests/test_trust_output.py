"""Issue 11, output channels: seed text built through ``dossier build`` is text everywhere.

One build of the hostile seeds (hostile_site.py); every page's HTML is parsed
the way a browser would and must hold only the theme's scripts, no event
handler, no ``javascript:`` link, a <title> that is text; the search index
titles Material shows as HTML, dossier.json and the SVG pictures hold no
markup from a seed. The payloads must still be *there*, as text: escaping,
not dropping, is what is proved.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.escape import html_text, safe_html_title
from generator.site.inert import InertTextPlugin
from generator.site.search_file import read_index
from hostile_site import PAYLOADS, HostileBuild, build_hostile

pytestmark = pytest.mark.slow

#: The only scripts a page may load: the theme's own files.
THEME_SCRIPTS = re.compile(r"^(/|(\.\./)*)assets/javascripts/(bundle\.[0-9a-f]+\.min\.js|frame\.js|scope\.js|corrections\.js)$")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> HostileBuild:
    result = build_hostile(tmp_path_factory.mktemp("trust-output"))
    assert result.code == 0, result.stderr
    return result


class _Page(HTMLParser):
    """What a browser would make of a page: its elements, attributes, scripts and <title> text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scripts: list[str] = []
        self.handlers: list[str] = []
        self.js_urls: list[str] = []
        self.titles: list[str] = []
        self.tags: list[str] = []
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        values = dict(attrs)
        if tag == "script":
            self.scripts.append(values.get("src") or "<inline>")
        for name, value in attrs:
            if name.startswith("on"):
                self.handlers.append(f"<{tag} {name}>")
            if value and re.match(r"\s*(javascript|data|vbscript):", value, re.I) and name in ("href", "src", "action", "formaction", "xlink:href"):
                self.js_urls.append(f"<{tag} {name}={value}>")
        self._in_title = tag == "title"

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.titles.append(data)

    def handle_endtag(self, tag: str) -> None:
        self._in_title = False


def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def test_every_page_runs_only_the_themes_scripts(built: HostileBuild) -> None:
    pages = sorted(built.site.rglob("*.html"))
    assert len(pages) > 15
    for path in pages:
        page = _parse(path)
        assert all(THEME_SCRIPTS.match(src) for src in page.scripts), (path, page.scripts)
        assert page.handlers == [], (path, page.handlers)
        assert page.js_urls == [], (path, page.js_urls)
        assert len(page.titles) <= 1 + page.tags.count("svg") * 50, path


CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'none'; form-action 'none'")


def test_every_page_carries_the_script_policy_before_anything_from_a_seed(built: HostileBuild) -> None:
    for path in sorted(built.site.rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        policy = text.find(f'<meta http-equiv="Content-Security-Policy" content="{CSP}">')
        assert 0 < policy < text.index("<title>") and text.index("<head>") < policy, path


def test_titles_are_text_and_keep_the_payload(built: HostileBuild) -> None:
    shown = []
    for path in sorted(built.site.rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        head = text[: text.index("</head>")]
        assert head.count("<title>") == 1 and head.count("</title>") == 1, path  # nothing closed it early
        shown.append(_parse(path).titles[0])
    # The payload is shown to the reader as the characters the seed holds.
    assert any("</title><script>window.__pwned=1</script>" in title for title in shown)
    assert any("onerror=\"window.__pwned=2\"" in title for title in shown)


def test_header_nav_and_toc_hold_no_seed_markup(built: HostileBuild) -> None:
    for path in sorted(built.site.rglob("*.html")):
        page = _parse(path)
        # Seed markup would add elements a page frame never has; the only picture is the logo.
        assert not {"textarea", "noscript", "style", "iframe", "object", "embed"} & set(page.tags), path
        assert page.tags.count("img") == 1 and "logo.svg" in path.read_text(encoding="utf-8"), path


def test_search_index_titles_hold_no_markup(built: HostileBuild) -> None:
    index = read_index(built.site)
    titles = [doc["title"] for doc in index["docs"]]
    assert any("__pwned=1" in title for title in titles)
    for doc in index["docs"]:
        # Material's search writes title and text into the page as HTML.
        for field in ("title", "text"):
            page = _Page()
            page.feed(doc[field])
            assert page.scripts == [] and page.handlers == [], doc
            assert not {"img", "svg", "script", "textarea", "iframe"} & set(page.tags), doc


def test_dossier_json_holds_no_markup_characters_and_reads_back(built: HostileBuild) -> None:
    raw = (built.site / "dossier.json").read_text(encoding="utf-8")
    assert "<" not in raw and ">" not in raw and "&" not in raw
    data = json.loads(raw)
    assert any(PAYLOADS[0] in article["title"] for article in data["articles"])


def test_svg_labels_are_text(built: HostileBuild) -> None:
    found = 0
    for path in sorted(built.site.rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        for svg in re.findall(r"<svg\b.*?</svg>", text, re.S):
            found += 1
            page = _Page()
            page.feed(svg)
            assert page.scripts == [] and page.handlers == [] and "img" not in page.tags, path
    assert found


def test_build_report_page_and_console_lines_are_inert(built: HostileBuild) -> None:
    for line in built.stderr:
        assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", line), line
    page = _parse(built.site / "report.html")
    assert all(THEME_SCRIPTS.match(src) for src in page.scripts)


# --- the one place a title is made safe ---------------------------------------------------------


@pytest.mark.parametrize("text", [*PAYLOADS, "a & b", "plain", "\"quoted\" 'single'"])
def test_safe_html_title_round_trips_and_is_idempotent(text: str) -> None:
    once = safe_html_title(html_text(text))
    assert once == html_text(text) == safe_html_title(once)
    assert not re.search(r"[<>\"']", once)


def test_plugin_makes_page_title_toc_and_meta_text() -> None:
    class Item:
        def __init__(self, title: str, children: list) -> None:
            self.title, self.children = title, children

    class Page:
        title = "A <b>bold</b> &#60;script&#62;x"
        toc = [Item("<em>x</em>&lt;img&gt;", [Item('"><img src=x>', [])])]
        meta = {"title": "</title><script>", "hide": ["toc"]}

    page = Page()
    InertTextPlugin().on_page_content("", page=page, config=None, files=None)
    assert page.title == "A bold &lt;script&gt;x"
    assert page.toc[0].title == "x&lt;img&gt;" and page.toc[0].children[0].title == "&quot;&gt;"
    assert page.meta == {"title": "", "hide": ["toc"]}
