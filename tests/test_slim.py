"""The slim plugin: template whitespace collapsed in every page, nothing a browser shows changes.

Unit tests pin the rules (kept elements byte for byte, a gap stays a gap, tags
and attribute values untouched); a build test checks that every built page is
exactly ``slim_html`` of what MkDocs alone writes; the browser test (headless
Chromium, scripts off so nothing moves by itself) compares the layout box of
every element and the visible text of real dossier pages built by plain
Material and by our build, at desktop and phone widths.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.outputs import MARKER
from generator.site import build_site
from generator.site.search_file import PREFIX, index_script, read_index
from generator.site.slim import BLOCK, SlimPlugin, slim_html
from builds import FIXTURE_SEEDS

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "mkdocs.yml"
NAV = ["index.md", "stories.md", "articles/index.md", "people/index.md", "organisations/index.md",
       "places/index.md", "quotes.md", "timeline.md", "editions.md", "report.md"]


# --- the rules -------------------------------------------------------------------------------


@pytest.mark.parametrize("tag", ["pre", "code", "kbd", "textarea", "script", "style", "PRE", "Code"])
def test_kept_elements_are_byte_identical(tag: str) -> None:
    inner = "  a\n\n    b  \t c\n  "
    element = f'<{tag} class="x">{inner}</{tag}>'
    assert slim_html(f"<div>\n    {element}\n    </div>") == f"<div>\n{element}\n</div>"


def test_code_inside_pre_and_nested_markup_is_kept() -> None:
    block = '<pre><span></span><code><span class="k">def</span>  f():\n    return  1\n\n</code></pre>'
    assert slim_html(f"<p>x</p>\n\n\n{block}\n\n<p>y</p>") == f"<p>x</p>\n{block}\n<p>y</p>"


def test_svg_text_and_title_are_kept() -> None:
    svg = '<svg viewBox="0 0 9 9"><title>Two\n  lines</title>\n   <text x="1">a\n   b</text></svg>'
    assert slim_html(svg) == '<svg viewBox="0 0 9 9"><title>Two\n  lines</title>\n<text x="1">a\n   b</text></svg>'


def test_comments_are_kept() -> None:
    assert slim_html("<!--  a\n\n  b -->\n\n  <p>") == "<!--  a\n\n  b -->\n<p>"


def test_whitespace_between_inline_elements_stays() -> None:
    assert slim_html("<a>x</a>     <a>y</a>") == "<a>x</a> <a>y</a>"
    assert slim_html("<a>x</a>\n      \n   <a>y</a>") == "<a>x</a>\n<a>y</a>"
    assert slim_html("<span>one</span><span>two</span>") == "<span>one</span><span>two</span>"
    assert slim_html("<li>\n        Overview\n\n      </li>") == "<li>\nOverview\n</li>"


def test_whitespace_between_block_tags_goes_and_nowhere_else() -> None:
    page = "\n<!doctype html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n</head>\n<body>\n<div>\n  <ul>\n<li><a>x</a>\n<a>y</a></li>\n</ul>\n</div>\n</body>\n</html>\n"
    assert slim_html(page) == (
        '<!doctype html><html><head><meta charset="utf-8"></head><body><div><ul><li><a>x</a>\n<a>y</a></li></ul></div>'
        "</body></html>\n"
    )
    # Table cells (inline-block on a phone), inline elements and kept elements keep theirs.
    assert slim_html("<tr>\n<td>1</td>\n<td>2</td>\n</tr>") == "<tr>\n<td>1</td>\n<td>2</td>\n</tr>"
    assert slim_html("<p>a</p>\n<pre>\n</div>\n<div></pre>\n<label>x</label>\n<div>") == (
        "<p>a</p>\n<pre>\n</div>\n<div></pre>\n<label>x</label>\n<div>"
    )
    assert slim_html('<div title="x >  <p">\n<p>') == '<div title="x >  <p"><p>'
    assert slim_html("<header>\n<heading>\n<path>\n<p>") == "<header>\n<heading>\n<path>\n<p>"
    assert slim_html("<DIV>\n<P>") == "<DIV>\n<P>"  # upper case (never written): kept as it is


def test_a_line_break_never_becomes_a_space_and_single_spaces_stay() -> None:
    assert slim_html("a b\nc") == "a b\nc"
    assert slim_html("a \t b") == "a b"
    assert slim_html("a\tb") == "a b"
    assert slim_html("a \r\n b") == "a\nb"


def test_tags_and_attribute_values_are_untouched() -> None:
    tag = '<a title="a   b\n   c" data-x=\'p  >  q\'   href="x.html" >'
    assert slim_html(f"  {tag}  text  </a>") == f" {tag} text </a>"


def test_no_break_space_is_content() -> None:
    assert slim_html("a\u00a0\u00a0 b&nbsp;&nbsp;c") == "a\u00a0\u00a0 b&nbsp;&nbsp;c"


def test_svg_namespace_declaration_is_dropped_and_nothing_else() -> None:
    icon = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M3 6h18"/></svg>'
    assert slim_html(icon) == '<svg viewBox="0 0 24 24"><path d="M3 6h18"/></svg>'
    other = '<svg xmlns="http://example.org/ns" viewBox="0  0"></svg>'
    assert slim_html(other) == other
    script = '<script>var s = \'<svg xmlns="http://www.w3.org/2000/svg">\';</script>'
    assert slim_html(script) == script


def test_stray_angle_bracket_keeps_what_follows_safe() -> None:
    # Not a tag: the text after it up to the next ">" is left as it is, never damaged.
    assert slim_html("a <  b <b>c</b>   d") == "a <  b <b>c</b> d"


_BLOCK_TAG = re.compile(rf"<(?:!doctype|/?(?:{'|'.join(BLOCK)})\b)")


def _between_blocks(pieces: list[str], i: int) -> bool:
    """Whitespace-only text between two block tags: never rendered (slim drops it)."""
    return (0 < i < len(pieces) - 1 and not pieces[i].strip(" \t\n\r\f")
            and bool(_BLOCK_TAG.match(pieces[i - 1])) and bool(_BLOCK_TAG.match(pieces[i + 1])))


def _rendered_text(html: str) -> list[str]:
    """Tags as they are and text with whitespace collapsed: what white-space: normal shows."""
    pieces = re.split(r"(<[^>]*>)", html)
    return [p if p.startswith("<") else "" if _between_blocks(pieces, i) else re.sub(r"[ \t\n\r\f]+", " ", p)
            for i, p in enumerate(pieces)]


_FRAGMENTS = st.sampled_from(
    ["<p>", "</p>", "<a href='x  y'>", "</a>", "<span>", "</span>", " ", "  ", "\n", "\n    ", "\t", "word",
     "\u00a0", "&nbsp;", "<br>", '<svg xmlns="http://www.w3.org/2000/svg">', "</svg>", "<div>", "</li>", "<td>"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_FRAGMENTS, max_size=40))
def test_property_text_renders_the_same_and_tags_are_kept(fragments: list[str]) -> None:
    html = "".join(fragments)
    slim = slim_html(html)
    assert slim_html(slim) == slim  # idempotent
    expected = _rendered_text(html.replace(' xmlns="http://www.w3.org/2000/svg"', ""))
    assert _rendered_text(slim) == expected
    # Whitespace never disappears (except between two block tags) and never changes kind.
    pieces = re.split(r"(<[^>]*>)", html)
    kept = [p for i, p in enumerate(pieces) if i % 2 == 0 and not _between_blocks(pieces, i)]
    slim_pieces = re.split(r"(<[^>]*>)", slim)
    left = [p for i, p in enumerate(slim_pieces) if i % 2 == 0 and not _between_blocks(slim_pieces, i)]
    for before, after in zip(kept, left):
        assert bool(re.search(r"[ \t\n\r\f]", before)) == bool(re.search(r"[ \t\n\r\f]", after))
        assert ("\n" in before) == ("\n" in after)


def test_plugin_slims_pages_and_html_templates_only() -> None:
    plugin = SlimPlugin()
    page = "<p>\n\n   x</p>"
    assert plugin.on_post_page(page, page=None, config=None) == "<p>\nx</p>"
    assert plugin.on_post_template(page, template_name="404.html", config=None) == "<p>\nx</p>"
    xml = "<urlset>\n    <url>  </url>\n</urlset>"
    assert plugin.on_post_template(xml, template_name="sitemap.xml", config=None) == xml


# --- a real MkDocs build ---------------------------------------------------------------------

SAMPLE = """# Sample

Two links, one per line:
[first](../index.md)
[second](../stories.md) and `inline   code` and a&nbsp;&nbsp;space.

    indented code
        keeps   its
    
    blank line

<span title="kept   as   is">hover</span>

<textarea>
  raw   text
</textarea>
"""


def _content(root: Path) -> Path:
    for page in NAV:
        path = root / page
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"# {page}\n\nText for {page}.\n\n- [Sample](people/sample.md)\n", encoding="utf-8")
    (root / "people" / "index.md").write_text("# People\n\n- [Sample](sample.md)\n", encoding="utf-8")
    (root / "people" / "sample.md").write_text(SAMPLE, encoding="utf-8")
    return root


def _plain_mkdocs(config_file: Path, docs: Path, site: Path) -> None:
    """What MkDocs and Material write without our plugin."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    build(load_config(config_file=str(config_file), docs_dir=str(docs), site_dir=str(site)))


def _tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def sample_site(tmp_path_factory) -> Path:
    """The sample pages built once by our build, for the tests that only read the result."""
    root = tmp_path_factory.mktemp("sample")
    build_site(CONFIG, _content(root / "docs"), root / "site")
    return root / "site"


@pytest.mark.slow
def test_every_built_page_is_the_slimmed_mkdocs_page(tmp_path: Path) -> None:
    docs = _content(tmp_path / "docs")
    build_site(CONFIG, docs, tmp_path / "slim")
    _plain_mkdocs(CONFIG, docs, tmp_path / "plain")
    slim, plain = _tree(tmp_path / "slim"), _tree(tmp_path / "plain")
    # Our build also leaves out theme files no reader loads (tests/test_prune.py).
    pruned = {name for name in plain if name.endswith(".map") or name.startswith("assets/javascripts/lunr/")}
    # ... ships the search index once, as the script (generator/site/search_file.py) ...
    once = {"search/search_index.json"}
    # ... and marks the site as its own (generator/outputs.py): the next build may replace it.
    assert pruned and sorted(set(slim) - {MARKER}) == sorted(set(plain) - pruned - once) and MARKER in slim
    assert read_index(tmp_path / "slim") == json.loads(plain["search/search_index.json"])
    plain = {name: data for name, data in plain.items() if name not in pruned | once}
    html = [name for name in plain if name.endswith(".html")]
    assert "404.html" in html and "people/sample.html" in html
    for name in plain:
        if name.endswith(".html"):
            assert slim[name].decode() == slim_html(plain[name].decode()), name
        elif name == "search/search_index.js":  # the same index, written compact as UTF-8
            assert len(slim[name]) < len(plain[name])
        elif name == "assets/javascripts/frame.js":  # answers search's request for the .json over http
            assert b"XMLHttpRequest" in slim[name] and b"XMLHttpRequest" not in plain[name]
        else:  # sitemap, assets: untouched
            assert slim[name] == plain[name], name
    before = sum(len(plain[name]) for name in html)
    after = sum(len(slim[name]) for name in html)
    assert after < 0.85 * before, (before, after)

    page = slim["people/sample.html"].decode()
    assert "\n\n" not in page.split("<pre>")[0]  # no blank lines left by the templates
    assert "<pre><code>indented code\n    keeps   its\n\nblank line\n</code></pre>" in page
    assert "<code>inline   code</code>" in page and "a&nbsp;&nbsp;space" in page
    assert '<span title="kept   as   is">' in page and "<textarea>\n  raw   text\n</textarea>" in page
    assert re.search(r'>first</a>\n<a href="[^"]*stories.html">second</a>', page)


@pytest.mark.slow
def test_search_index_is_shipped_once(sample_site: Path) -> None:
    """Material loads search_index.js on file://; over http frame.js answers its request for
    search_index.json from the same file (tests/test_browser.py searches both ways): no copy."""
    assert not (sample_site / "search" / "search_index.json").exists()
    script = (sample_site / "search" / "search_index.js").read_text(encoding="utf-8")
    assert script.startswith(PREFIX)
    assert any(doc["location"].startswith("people/sample.html") for doc in read_index(sample_site)["docs"])
    frame = (sample_site / "assets" / "javascripts" / "frame.js").read_text(encoding="utf-8")
    assert f"body.slice({len(PREFIX)})" in frame


def test_index_script_is_compact_utf8_and_keeps_line_ends_escaped() -> None:
    data = {"config": {"lang": ["en"]}, "docs": [{"title": "Putin\u2019s war", "text": "a\u2028b </script> \"q\""}]}
    script = index_script(data)
    assert script.startswith(PREFIX) and "Putin\u2019s" in script  # 3 bytes in UTF-8, not a 6-byte escape
    assert "\u2028" not in script and "\\u2028" in script
    assert json.loads(script[len(PREFIX):]) == data
    lone = {"docs": [{"text": "a\ud800b"}]}  # not writable as UTF-8: stays an escape
    assert "\\ud800" in index_script(lone) and json.loads(index_script(lone)[len(PREFIX):]) == lone
    index_script(lone).encode("utf-8")


@pytest.mark.slow
def test_theme_leaves_out_scripts_for_features_the_site_does_not_use(sample_site: Path) -> None:
    site = sample_site
    page = (site / "people" / "sample.html").read_text(encoding="utf-8")
    assert "__palette" not in page and "__tabbed_" not in page
    # Still there: header and the drawer's nav with every section.
    assert 'for="__drawer"' in page and 'id="__search"' not in page  # the search toggle: frame.js writes it
    block = page[page.index('<nav class="md-nav md-nav--primary'):]
    block = block[: block.index("</nav>")]
    # Every section of the nav (the report is linked from the overview, not the nav).
    assert len(re.findall(r'<a href="[^"]+"', block)) >= len([p for p in NAV if p != "report.md"])
    # The frame written into every page: no icon paths, no inline scope script, no footer,
    # no generator tags, the description only on the home page.
    assert "<path" not in page and "__md_scope=" not in page and "md-footer" not in page
    assert 'name="generator"' not in page and 'name="description"' not in page
    assert 'name="description"' in (site / "index.html").read_text(encoding="utf-8")
    css = (site / "assets" / "stylesheets" / "dossier.css").read_text(encoding="utf-8")
    for icon in re.findall(r'class="dz-icon (dz-icon--[a-z]+)"', page):
        assert f".{icon} {{" in css
    assert page.count("dz-icon--") == 1  # the menu; search and back-to-top icons are in frame.js
    assert "md-top" not in page and "md-dialog" not in page and 'data-md-component="announce"' not in page
    # Material's scope helpers come from frame.js (one file for the site), not a tag per page.
    assert page.count("<script") == 2 and "scope.js" not in page
    assert "__md_scope=new URL" in (site / "assets" / "javascripts" / "frame.js").read_text(encoding="utf-8")


#: Bytes of people/sample.html outside its <article>: the frame every page repeats (header,
#: nav, sidebars, scripts): 3,177 bytes, about 240 fewer than before the scope helpers and the
#: search toggle moved into frame.js and the whitespace between block tags went. Most entity
#: pages sit just under a 4 KiB disk block, so a frame that grows again puts thousands of them
#: into a second block at 2,000 articles.
FRAME_BYTES = 3_200


@pytest.mark.slow
def test_page_frame_stays_small(sample_site: Path) -> None:
    page = (sample_site / "people" / "sample.html").read_text(encoding="utf-8")
    article = page[page.index("<article"): page.index("</article>") + len("</article>")]
    frame = len(page.encode()) - len(article.encode())
    assert frame <= FRAME_BYTES, frame


@pytest.mark.slow
def test_search_dialog_and_page_configuration_come_from_one_script(sample_site: Path) -> None:
    """Only JavaScript can use them: frame.js writes them, rendered once from Material's partials."""
    site = sample_site
    page = (site / "people" / "sample.html").read_text(encoding="utf-8")
    assert 'data-md-component="search"' not in page and '<script id="__config"' not in page
    src = re.search(r'<header[^>]*>.*?<script src="([^"]*frame\.js)"></script>.*?</header>', page, re.S).group(1)
    frame = (site / "people" / src).resolve().read_text(encoding="utf-8")
    assert "{%" not in frame and "{{" not in frame  # rendered, not copied
    dialog = json.loads(re.search(r'insertAdjacentHTML\("beforebegin", (".*?")\);', frame).group(1))
    for part in ('for="__search"', 'data-md-component="search-query"', 'data-md-component="search-result"',
                 "dz-icon--search", "dz-icon--previous", "dz-icon--close"):
        assert part in dialog
    toggle = json.loads(re.search(r'closest\("header"\)\.insertAdjacentHTML\("beforebegin", (".*?")\);', frame).group(1))
    assert 'data-md-toggle="search"' in toggle and 'id="__search"' in toggle
    page_end = json.loads(re.search(r'insertAdjacentHTML\("beforeend", (".*?")\);', frame).group(1))
    for part in ('data-md-component="top"', "dz-icon--top", 'data-md-component="dialog"'):
        assert part in page_end
    # Every translation Material's search asks for, and a worker that exists.
    for key in ("search.result.placeholder", "search.result.none", "search.result.one", "search.result.other",
                "search.result.more.one", "search.result.more.other", "search.result.term.missing"):
        assert f'"{key}"' in frame
    worker = re.search(r'new URL\("(assets/javascripts/workers/[^"]+)", root\)', frame).group(1)
    assert (site / worker).is_file()
    # Material's own names for the worker and the configuration: tests/test_upstream_pins.py.


@pytest.mark.slow
def test_palette_script_comes_back_with_a_palette_toggle(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    text = CONFIG.read_text(encoding="utf-8").replace("custom_dir: theme", f"custom_dir: {ROOT / 'theme'}")
    text = text.replace(
        "  font: false\n",
        "  font: false\n  palette:\n"
        "    - scheme: default\n      toggle: {icon: material/brightness-7, name: Dark}\n"
        "    - scheme: slate\n      toggle: {icon: material/brightness-4, name: Light}\n",
    )
    config.write_text(text, encoding="utf-8")
    build_site(config, _content(tmp_path / "docs"), tmp_path / "site")
    page = (tmp_path / "site" / "people" / "sample.html").read_text(encoding="utf-8")
    assert 'var palette=__md_get("__palette")' in page and 'data-md-component="palette"' in page


# --- the browser: the dossier looks the same ---------------------------------------------------

LAYOUT_JS = """
// frame.js adds the back-to-top button and message dialog (fixed to the window, shown only
// by Material's scripts) to every page, and the search toggle (a checkbox never shown) before
// the header; the reference, with Material's header, has no frame.js.
for (const el of document.querySelectorAll('.md-top, .md-dialog, #__search')) el.remove();
const out = [];
for (const el of document.body.querySelectorAll('*')) {
  if (el.tagName === 'SCRIPT') continue;
  // Our nav and contents entries leave out Material's clipping span around a plain title:
  // compared are the entries themselves, their places and their text.
  if (el.matches('.md-nav__link > .md-ellipsis')) continue;

  const r = el.getBoundingClientRect();
  out.push([el.tagName, el.getAttribute('class') || '', Math.round(r.x * 4), Math.round(r.y * 4),
            Math.round(r.width * 4), Math.round(r.height * 4)]);
}
return {boxes: out, text: document.body.innerText, height: document.documentElement.scrollHeight};
"""


@pytest.mark.slow
@pytest.mark.browser
def test_pages_render_the_same_as_plain_material(tmp_path: Path) -> None:
    from browsing import CHROMEDRIVER, CHROMIUM, require_chromium

    require_chromium()  # skips this test where Chromium is missing, as the browser tests do

    from generator.cli import main

    out = tmp_path / "dossier"
    assert main(["build", "--seeds", str(FIXTURE_SEEDS), "--content", str(out / "content"), "--site",
                 str(out / "site"), "--config", str(CONFIG), "--cache", str(out / "cache"), "--quiet"]) == 0
    # Reference: plain MkDocs + Material, with our main.html and assets but none of our partials.
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme, ignore=shutil.ignore_patterns("partials"))
    config = tmp_path / "mkdocs.yml"
    # Plain Material loads the corrections controls by a script tag; ours, frame.js starts them.
    config.write_text(CONFIG.read_text(encoding="utf-8").replace("custom_dir: theme", f"custom_dir: {theme}")
                      + "\nextra_javascript:\n  - assets/javascripts/corrections.js\n", encoding="utf-8")
    _plain_mkdocs(config, out / "content", tmp_path / "plain")
    plain_home = (tmp_path / "plain" / "index.html").read_text(encoding="utf-8")
    assert "__palette" in plain_home  # the reference really is Material's own markup
    assert 'data-md-component="search-query"' in plain_home

    pages = ["index.html", "people/index.html", "quotes.html", "timeline.html", "report.html", "print.html"]
    data = json.loads((out / "site" / "dossier.json").read_text(encoding="utf-8"))
    pages += [data["articles"][1]["page"], data["entities"][0]["page"]]
    sizes = {name: ((out / "site" / name).stat().st_size, (tmp_path / "plain" / name).stat().st_size)
             for name in pages + ["404.html"]}
    assert all(ours < plain for ours, plain in sizes.values()), sizes
    # 404.html is left out below: its links are root-absolute (a server shows it at any
    # address), so from file:// it finds neither stylesheet nor scripts, ours or Material's.

    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                 "--disable-background-networking", "--disable-extensions", "--hide-scrollbars",
                 f"--user-data-dir={tmp_path / 'profile'}"):
        options.add_argument(flag)
    drv = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    # Material's bundle is kept from running: what is compared is what the HTML and CSS give,
    # with nothing moving by itself. Other scripts run, so frame.js writes our search
    # dialog where Material's header has it inline.
    drv.execute_cdp_cmd("Network.enable", {})
    drv.execute_cdp_cmd("Network.setBlockedURLs", {"urls": ["*/bundle.*.min.js"]})
    try:
        for width, height in ((1280, 1000), (390, 844)):
            drv.set_window_size(width, height)
            for name in pages:
                drv.get((tmp_path / "plain" / name).as_uri())
                reference = drv.execute_script(LAYOUT_JS)
                reference["boxes"] = _without_drawer_logo(reference["boxes"])
                drv.get((out / "site" / name).as_uri())
                ours = drv.execute_script(LAYOUT_JS)
                assert ours["text"] == reference["text"], (width, name)
                assert ours["height"] == reference["height"], (width, name)
                assert len(ours["boxes"]) == len(reference["boxes"]) > 50, (width, name)
                moved = [(a, b) for a, b in zip(ours["boxes"], reference["boxes"]) if a != b]
                assert moved == [], (width, name, moved[:3])
    finally:
        drv.quit()


def _without_drawer_logo(boxes: list[list]) -> list[list]:
    """Material's boxes less the second logo in the nav drawer's title, which our nav leaves out
    on purpose (the header shows the logo; every page carries the drawer)."""
    at = next(i for i, box in enumerate(boxes) if box[:2] == ["A", "md-nav__button md-logo"])
    assert boxes[at + 1][0] == "IMG"
    return boxes[:at] + boxes[at + 2 :]


# --- dossier.json ------------------------------------------------------------------------------


def test_dossier_json_is_compact_utf8_and_deterministic(monkeypatch) -> None:
    import importlib

    module = importlib.import_module("generator.render.dossier_json")  # the package re-exports the function

    data = {"articles": [{"id": "a1", "title": "Kyiv — “quoted”", "people": ["p1", "p2"], "n": 1.5}],
            "entities": [], "stories": [], "timeline": []}
    monkeypatch.setattr(module, "dossier_dict", lambda dossier: data)
    out = module.dossier_json(object())
    assert out == module.dossier_json(object())
    assert out == (
        '{"articles":[{"id":"a1","title":"Kyiv — “quoted”","people":["p1","p2"],"n":1.5}],'
        '"entities":[],"stories":[],"timeline":[]}\n'
    ).encode("utf-8")
    assert json.loads(out) == data
