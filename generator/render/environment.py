"""The Jinja environment: seed text is escaped by default, our links are not.

``finalize`` runs on every ``{{ }}`` value, so each one is made inert Markdown
unless it is :class:`~markupsafe.Markup` we produced (links, SVG, anchors).
"""

from __future__ import annotations

import re

from jinja2 import Environment, PackageLoader, StrictUndefined, pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from ..escape import external_link, md_link, md_text
from .text_links import linked_paragraphs
from .views import relative

_ANCHOR_RE = re.compile(r"[^a-z0-9-]")


@pass_context
def _link(context: Context, label: object, target_page: str) -> Markup:
    """Link from the page being rendered to another page of ours (a docs path, maybe #anchor)."""
    page, _, anchor = target_page.partition("#")
    href = relative(context["page_path"], page)
    return md_link(label, f"{href}#{anchor}" if anchor else href)


@pass_context
def _article_link(context: Context, article: object) -> Markup:
    """Link to an article's page, titled by its title (used on almost every page, so not a macro)."""
    return _link(context, article.analysed.title, f"articles/{article.id}.md")  # type: ignore[attr-defined]


@pass_context
def _entity_links(context: Context, ids: list[str]) -> Markup:
    """Links to the entities of ``ids`` that exist, joined by " · " (empty when none)."""
    entities = context["entities"]
    return Markup(" · ".join(_link(context, entities[i].name, entities[i].page) for i in ids if i in entities))


@pass_context
def _entity_names(context: Context, ids: list[str]) -> Markup:
    """The names of the entities of ``ids`` that exist, joined by " · ", as plain text.

    For the print page: a link on paper is only a name, and at 2,000 articles the links
    were half the page.
    """
    entities = context["entities"]
    return Markup(" · ".join(md_text(entities[i].name) for i in ids if i in entities))


@pass_context
def _linked_text(context: Context, article: object) -> list[Markup]:
    """The article's paragraphs with names linked and quotes marked (text_links.py)."""
    return linked_paragraphs(article, context["entities"], context["page_path"])  # type: ignore[arg-type]


def _original(url: str) -> Markup:
    return Markup(f"**Original:** {external_link('read the original', url)}")


def _svg(markup: str) -> Markup:
    """Inline SVG made by our own code, on one line so Markdown keeps it as one HTML block."""
    return Markup(" ".join(markup.split()))


_ID_RE = re.compile(r"[A-Za-z0-9_-]+")


def _attr_id(value: str) -> Markup:
    """An article or entity id for an HTML attribute: ids are made of these characters only (ingest/ids.py)."""
    if not _ID_RE.fullmatch(value):
        raise ValueError(f"not an id: {value!r}")
    return Markup(value)


def _anchor(value: str) -> Markup:
    return Markup(_ANCHOR_RE.sub("-", value.lower()))


def make_environment() -> Environment:
    env = Environment(
        loader=PackageLoader("generator.render", "templates"),
        autoescape=False,
        finalize=md_text,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=False,
        lstrip_blocks=False,
    )
    env.globals.update(link=_link, original=_original, article_link=_article_link, entity_links=_entity_links,
                       entity_names=_entity_names, linked_text=_linked_text)
    env.filters.update(svg=_svg, anchor=_anchor, attr_id=_attr_id)
    return env
