"""Property: whatever a seed holds, the pages we write stay inert and keep the seed's text.

Hypothesis writes seeds mixing random Unicode, HTML tags and event attributes,
Markdown, Jinja/MkDocs template syntax, quote marks and URLs with odd schemes.
Each example runs ingest -> analyse -> link -> render (no MkDocs: too slow per
example) and converts every Markdown page to HTML with Python-Markdown and the
extensions mkdocs.yml enables. The HTML may only hold tags our templates make,
links to our own pages or http(s) originals, no event handlers, no
``javascript:``; and every paragraph of every article is visible, as text, on
its page.
"""

from __future__ import annotations

import posixpath
import re
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from generator.analyse.runner import analyse_articles
from generator.ingest import read_seeds
from generator.link.dossier import link_dossier
from generator.model import AnalysedArticle
from generator.render import render_dossier

#: Tags our templates (and Python-Markdown's rendering of them) may produce.
ALLOWED_TAGS = frozenset(
    "p h1 h2 h3 ul ol li a strong em blockquote table thead tbody tr th td code div span hr br "
    "sup "  # the link after a quote in an article's text to who said it (text_links.py)
    "svg g circle line rect text title path".split()
)

_HTML = st.sampled_from(
    [
        "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<a href=\"javascript:alert(1)\">x</a>",
        "<svg onload=alert(1)>", "<iframe src=//evil.example></iframe>", "<style>body{display:none}</style>",
        "</p><p>", "<!-- comment -->", "<div markdown=\"1\">*x*</div>", "&lt;b&gt;", "&#60;i&#62;", "<",
        ">", "&", "<b", "<details open ontoggle=alert(1)>", "<math><mi xlink:href=\"javascript:alert(1)\">",
    ]
)
_TAG = st.builds(
    lambda tag, attr, value, quote: f"<{tag} {attr}={quote}{value}{quote}>",
    st.sampled_from(["a", "img", "div", "span", "body", "input", "object", "form", "base", "meta", "p"]),
    st.sampled_from(["onclick", "onerror", "onmouseover", "href", "src", "style", "formaction", "srcdoc", "id"]),
    st.sampled_from(["alert(1)", "javascript:alert(1)", "x\" onload=\"alert(1)", "//evil.example/x.js", "url(//e.x/a)"]),
    st.sampled_from(["", "\"", "'"]),
)
_MARKDOWN = st.sampled_from(
    [
        "# Heading", "## Sub", "### Third", "Setext", "===", "---", "***", "- item", "* item", "+ item",
        "1. one", "2) two", "> quoted", ">> nested", "| a | b |", "|---|---|", "```", "~~~", "    code",
        "**bold**", "_em_", "`code`", "[x](javascript:alert(1))", "![img](javascript:alert(1))",
        "[ref]: javascript:alert(1)", "[x][ref]", "<https://evil.example>", "[TOC]", "{: .cls onclick=alert(1) }",
        "*[HTML]: abbr", "[^1]", "[^1]: note", "\\", "\\*", "~~strike~~", "term\n: definition", "!!! note",
        "==mark==", "^sup^", "<div markdown=\"1\">", "+++", "%", "1986. A year.",
    ]
)
_TEMPLATE = st.sampled_from(
    [
        "{{ config.site_name }}", "{% include \"x\" %}", "{# comment #}", "{{ 7*7 }}", "{%- raw -%}", "${x}",
        "{{ page.meta }}", "{% for x in y %}", "{{", "}}", "{%", "%}", "<%= 1 %>", "{{ self.__init__ }}",
    ]
)
_QUOTES = st.sampled_from(["\"", "'", "“", "”", "‘", "’", "«", "»", "„", "`", "´", "‹", "›", "''", "\"\""])
_URL = st.builds(
    lambda scheme, rest: f"{scheme}{rest}",
    st.sampled_from(
        ["javascript:", "JaVaScRiPt:", "data:text/html,", "vbscript:", "file:///", "ftp://", "//", "http://",
         "https://", "HTTPS://", "mailto:", "java\tscript:", " javascript:", "http:/", "https:"]
    ),
    st.sampled_from(
        ["alert(1)", "evil.example/x", "x.org/a\"onmouseover=\"alert(1)", "x.org/<script>", "x.org/a b",
         "x.org/)(", "x.org/*a*_b_", "www.example.org/news/story-1", "[x](y)", "%3Cscript%3E"]
    ),
)
_PROSE = st.sampled_from(
    [
        "The minister said the talks would resume on Monday.", "Officials in Geneva declined to comment.",
        "Maria Okafor, who leads the union, said: “We will not back down.”", "Prices rose 5% in April.",
        "Ana Silva won the vote.", "Police arrested two men in Paris.",
    ]
)
_FRAGMENT = st.one_of(
    st.text(min_size=1, max_size=20), _HTML, _TAG, _MARKDOWN, _TEMPLATE, _QUOTES, _URL, _PROSE, _PROSE
)
_LINE = st.lists(_FRAGMENT, min_size=1, max_size=8).map(" ".join)
_BODY = st.lists(st.one_of(_LINE, st.just("")), min_size=1, max_size=10).map("\n".join)
_HEADER = st.one_of(
    st.just(""),
    st.builds(lambda title, url: f"{title}\n2022-04-04\n{url}\n\n", _LINE, _URL),
)
_SEED = st.builds(lambda header, body, prose: header + prose + "\n\n" + body + "\n", _HEADER, _BODY, _PROSE)
_SEEDS = st.lists(st.tuples(_SEED, st.sampled_from([".txt", ".txt", ".md"])), min_size=1, max_size=3)

_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)


class _Html(HTMLParser):
    """Tags with attributes, and the text read as the article's (what search indexes), of one HTML fragment.

    An inline annotation kept out of search (the speaker after a quote in an article's
    text, ``<sup data-search-exclude>``) is not the article's text.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []
        self._aside: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))
        if self._aside or (tag == "sup" and any(k == "data-search-exclude" for k, _ in attrs)):
            self._aside.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag: str) -> None:
        if self._aside and self._aside[-1] == tag:
            self._aside.pop()

    def handle_data(self, data: str) -> None:
        if not self._aside:
            self.text.append(data)


def to_html(page: str) -> _Html:
    """The page as MkDocs would convert it (front matter stripped first, as MkDocs does)."""
    parser = _Html()
    parser.feed(markdown.markdown(_FRONT_MATTER.sub("", page), extensions=["toc", "tables", "md_in_html"]))
    parser.close()
    return parser


def _fold(text: str) -> str:
    return " ".join(text.split())


def _build(seeds: list[tuple[str, str]]) -> tuple[list[AnalysedArticle], dict[str, bytes]]:
    """Seeds -> analysed articles and every rendered file (content/ path -> bytes)."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        for number, (text, suffix) in enumerate(seeds):
            (root / f"seed{number}{suffix}").write_text(text, encoding="utf-8")
        articles, problems = read_seeds(root)
        run = analyse_articles(articles, model=None, summary_sentences=3, processes=1, batch_size=16, cache_root=None)
        dossier = link_dossier(run.articles)
    dossier.problems = [*problems, *dossier.problems]
    report = {"articles": len(articles), "files": len(seeds), "analysed": run.analysed, "cached": 0, "model": run.model}
    return run.articles, render_dossier(dossier, report)


def _check_link(page: str, tag: str, attrs: dict[str, str], pages: set[str]) -> None:
    href = attrs.get("href", "")
    if "dossier-original" in attrs.get("class", "").split():
        assert tag == "a" and re.match(r"https?://", href, re.I), (page, attrs)
        return
    assert not re.match(r"[a-z][a-z0-9+.-]*:|//|/", href, re.I), (page, attrs)  # relative, no scheme
    path = href.split("#", 1)[0]
    if path.endswith(".html"):  # inline SVG links are written for the built site already
        path = path[: -len(".html")] + ".md"
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page), path)) if path else page
    assert target in pages, (page, href)


# No shrinking: one example costs a second or so, and shrinking a failure could take minutes;
# the failing seeds are small enough to read as they are.
@settings(
    max_examples=40,
    deadline=None,
    phases=(Phase.explicit, Phase.reuse, Phase.generate),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(_SEEDS)
def test_rendered_pages_are_inert_and_keep_the_text(seeds: list[tuple[str, str]]) -> None:
    articles, files = _build(seeds)
    pages = {path for path in files if path.endswith(".md")}
    html_of = {path: to_html(files[path].decode("utf-8")) for path in sorted(pages)}
    for path, html in html_of.items():
        for tag, attrs in html.tags:
            assert tag in ALLOWED_TAGS, (path, tag, attrs)
            assert not [name for name in attrs if name.lower().startswith("on")], (path, tag, attrs)
            assert not any("javascript:" in re.sub(r"\s", "", value).lower() for value in attrs.values()), (path, attrs)
            if "href" in attrs or tag == "a":
                _check_link(path, tag, attrs, pages)
            assert "src" not in attrs and "style" not in attrs, (path, tag, attrs)
    for analysed in articles:
        article = analysed.article
        visible = _fold("".join(html_of[f"articles/{article.id}.md"].text))  # links split the text into pieces
        assert _fold(analysed.title) in visible, (article.source, analysed.title)
        assert article.source in visible
        for paragraph in article.paragraphs:
            assert _fold(paragraph.text) in visible, (article.source, paragraph.text)


def test_heading_ending_in_a_hash_keeps_it() -> None:
    seed = (
        "Turnout figures #\n"
        "The returning officer said the count was complete and that nobody had complained about it.\n"
    )
    (analysed,), files = _build([("The minister said the talks would resume on Monday.\n\n" + seed, ".txt")])
    assert ("Turnout figures #", True) in [(p.text, p.heading) for p in analysed.article.paragraphs]
    visible = _fold(" ".join(to_html(files[f"articles/{analysed.article.id}.md"].decode("utf-8")).text))
    assert "Turnout figures #" in visible
