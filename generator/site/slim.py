"""Collapse the whitespace Material's Jinja templates leave in every built page.

About a fifth of a typical page is indentation and blank lines from the
templates; over thousands of pages that is tens of megabytes.  The plugin
rewrites each page after MkDocs rendered it (``on_post_page``, and
``on_post_template`` for 404.html) so that the browser renders exactly what it
rendered before:

* only whitespace in text, between and around tags, is touched; tags
  themselves (and so every attribute value) are copied as they are;
* a run of whitespace with a line break becomes one line break, any other
  run of two or more spaces/tabs becomes one space, so whitespace never
  disappears (an inline or inline-block gap stays a gap) and a line break
  never turns into a space;
* the inside of ``<pre>``, ``<code>``, ``<kbd>`` (Material styles those three
  ``white-space: pre-wrap``), ``<textarea>``, ``<script>``, ``<style>``, SVG
  ``<text>`` and ``<title>`` (SVG drops line breaks in text instead of making
  them spaces) and of comments is copied byte for byte;
* only ASCII whitespace counts: a no-break space (U+00A0) is content.

Two more byte-savers that change nothing for the browser:

* ``xmlns`` on inline ``<svg>`` (every Material icon carries it) is dropped; the
  HTML parser puts ``<svg>`` in the SVG namespace by itself;
* whitespace between two tags of :data:`BLOCK` elements (the doctype, ``<head>``
  and its ``<meta>``/``<link>``, ``<div>``, ``<li>``, ``<p>``…) goes: between
  block boxes, and in ``<head>``, it is never rendered. Table cells are not in the
  list (the phone layout shows them inline-block, where a space shows), nor any
  inline element (``<a>``, ``<span>``, ``<label>``, ``<input>``…). About 80 bytes a
  page, which is what moves thousands of small entity pages under a 4 KiB disk block.

It is one regular expression, no HTML parser: the site has thousands of
pages and the build time matters.  The plugin is registered by
``generator.site.mkdocs_build`` in code, so ``mkdocs.yml`` stays plain.
"""

from __future__ import annotations

import re

from mkdocs.plugins import BasePlugin

# Elements whose content is kept byte for byte (matched case-insensitively).
KEEP = ("pre", "code", "kbd", "textarea", "script", "style", "text", "title")

# Elements always laid out as blocks here (never made inline by Material's CSS or ours),
# or not rendered at all (<head> and what it holds); the most frequent first.
BLOCK = (
    "div", "li", "p", "ul", "meta", "link", "nav", "header", "main", "article", "h[1-6]", "ol", "dl", "dt",
    "dd", "html", "head", "body", "aside", "section", "footer", "blockquote", "hr", "figure", "figcaption",
    "details", "summary",
)

_WS = " \t\n\r\f"
# The rest of a tag after its name: quoted values may hold ">" or whitespace, so they are
# skipped whole.
_TAG_TAIL = r"""[^>"']*(?:(?:"[^"]*"|'[^']*')[^>"']*)*>"""
_SVG_NS = r'svg xmlns="http://www\.w3\.org/2000/svg"'
# Lower case only, as MkDocs, Material and Markdown write tags (an upper-case tag, which none
# of them writes, keeps its whitespace); matching without case costs a fifth of the time.
_BLOCK_NAME = rf"(?:/?(?:{'|'.join(BLOCK)})|!doctype|!DOCTYPE)\b"
_PIECE = re.compile(
    # group 1, copied as it is: a kept element (2: its name), a comment, any other tag; a block
    # tag (3: set, by a lookahead that consumes nothing) has the whitespace after it dropped
    # when another block tag follows (matched outside any group, so split() leaves it out)
    rf"(<(?:(?i:({'|'.join(KEEP)})\b)[^>]*>.*?</(?i:\2)[{_WS}]*>|!--.*?-->"
    rf"|(?:(?=({_BLOCK_NAME}))|)(?!{_SVG_NS}){_TAG_TAIL}))"
    rf"(?(3)(?:[{_WS}]+(?=<{_BLOCK_NAME}))?|)"
    # group 4: the tail of an <svg xmlns="..."> tag, written back without the xmlns
    rf"|<{_SVG_NS}({_TAG_TAIL})"
    # group 5: whitespace in text worth rewriting
    rf"|([{_WS}]{{2,}}|[\t\r\f])",
    re.S,
)


def slim_html(html: str) -> str:
    """``html`` with template whitespace collapsed; renders the same."""
    # split() gives [text, g1, ..., g5, text, g1, ...]: every match is one of g1, g4, g5.
    # Whitespace before the doctype is never rendered either.
    parts = _PIECE.split(html.lstrip(_WS) if html[:20].lstrip(_WS)[:9].lower() == "<!doctype" else html)
    out = parts[::6]  # the text between matches, untouched (no whitespace run in it)
    kept, svg, runs = parts[1::6], parts[4::6], parts[5::6]
    pieces = [
        k if k is not None else ("<svg" + s if s is not None else ("\n" if "\n" in r else " "))
        for k, s, r in zip(kept, svg, runs)
    ]
    merged = [None] * (len(out) + len(pieces))
    merged[::2] = out
    merged[1::2] = pieces
    return "".join(merged)


class SlimPlugin(BasePlugin):
    """MkDocs plugin: every built HTML page goes through ``slim_html``."""

    def on_post_page(self, output: str, /, *, page: object, config: object) -> str:
        return slim_html(output)

    def on_post_template(self, output_content: str, /, *, template_name: str, config: object) -> str:
        # Static templates: 404.html is a page; sitemap.xml is not HTML and stays as it is.
        if template_name.endswith(".html"):
            return slim_html(output_content)
        return output_content
