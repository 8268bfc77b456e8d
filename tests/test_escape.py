"""Seed text must reach pages as text: never HTML, Markdown structure or template code."""

from __future__ import annotations

import html
import re

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.escape import external_link, md_link, md_text

EXTENSIONS = ["toc", "tables", "md_in_html"]  # what mkdocs.yml enables


def to_html(text: str) -> str:
    return markdown.markdown(text, extensions=EXTENSIONS)


def visible(html_text: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", html_text)).strip()


HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[click](javascript:alert(1))",
    "![x](http://evil.example/x.png)",
    "# Heading",
    "## also a heading",
    "> quoted",
    "- list item",
    "1. numbered",
    "| a | b |\n|---|---|\n| c | d |",
    "---\ntitle: x\n---",
    "{{ config }} {% include 'x' %} {# c #}",
    "*emphasis* __strong__ `code`",
    "<http://autolink.example>",
    "line with trailing spaces  \nnext",
    "    indented code",
    "Setext\n======",
    "&amp; &lt;b&gt; &#60;",
    "\\*escaped\\*",
    "text {: onclick=alert(1) }",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_renders_as_a_single_plain_paragraph(text: str) -> None:
    out = to_html(md_text(text))
    tags = set(re.findall(r"</?([a-zA-Z0-9]+)", out))
    assert tags <= {"p"}, (text, out)
    assert visible(out) == " ".join(text.split())


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=80))
def test_any_text_stays_text(text: str) -> None:
    out = to_html(md_text(text))
    tags = set(re.findall(r"</?([a-zA-Z0-9]+)", out))
    assert tags <= {"p"}
    assert visible(out) == " ".join(text.split())


def test_link_label_is_escaped_and_target_kept() -> None:
    out = to_html(str(md_link("<b>Putin</b> [x]", "../people/vladimir-putin.md")))
    assert 'href="../people/vladimir-putin.md"' in out
    assert "<b>" not in out and visible(out) == "<b>Putin</b> [x]"


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,x", "ftp://x", "//evil.example", "vbscript:x", "https://x.org/\"onmouseover=\"alert(1)"])
def test_only_http_urls_become_links(url: str) -> None:
    out = to_html(str(external_link("original", url)))
    assert "<a" not in out


def test_http_url_becomes_link_without_breaking_markdown() -> None:
    out = to_html(str(external_link("original <b>", 'https://example.org/a_(b)*c?x=1&y=2')))
    assert 'href="https://example.org/a_(b)*c?x=1&amp;y=2"' in out, out
    assert 'class="dossier-original"' in out and visible(out) == "original <b>"
