"""Seed text reaches the page frame only as escaped text: titles, table of contents, meta.

MkDocs takes a page's title and its table of contents from the rendered
Markdown, as HTML; Material then prints them raw in the body, escaped in
attributes, and through ``striptags`` (which decodes ``&#60;`` back into
``<``) in ``<title>``. Each template choosing its own filter is how a title
closed ``<title>`` and ran a script. This plugin makes every such string
plain text escaped once (:func:`generator.escape.safe_html_title`),
right after the page is rendered and before any template, the search index
included, reads it; so every way Material prints it is safe. The theme's
templates escape again where they print, which changes nothing for a string
that went through here (the function is idempotent).
"""

from __future__ import annotations

from typing import Any

from mkdocs.plugins import BasePlugin

from ..escape import safe_html_title

#: ``page.meta`` keys the theme prints in the page frame.
META_KEYS = ("title", "description", "author")


def _safe_toc(items: Any) -> None:
    for item in items or ():
        item.title = safe_html_title(item.title)
        _safe_toc(getattr(item, "children", None))


class InertTextPlugin(BasePlugin):
    """MkDocs plugin: ``page.title``, ``page.toc`` titles and printed meta become escaped text."""

    def on_page_content(self, html: str, /, *, page: Any, config: object, files: object) -> str:
        page.title = safe_html_title(page.title) if page.title is not None else None
        _safe_toc(page.toc)
        meta = getattr(page, "meta", None)
        if isinstance(meta, dict):
            for key in META_KEYS:
                if key in meta:
                    meta[key] = safe_html_title(meta[key])
        return html
