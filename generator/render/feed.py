"""Atom feeds of articles by the day they were added: the whole dossier, and one per story.

Written by us rather than by ``mkdocs-rss-plugin``: that plugin dates pages by
their ``date`` metadata or by the git history of the *docs* folder, and
``content/`` is build output that is never committed; the day an article
arrived is in the history of ``seeds/``, which only ingest reads. A feed is a
short XML file that ``xml.etree`` writes with correct escaping, so a plugin
would add a dependency for nothing.

Seed text is untrusted: ElementTree escapes ``& < > "``, and characters XML
1.0 cannot hold at all (control characters) are dropped first, so no seed can
make a feed that readers fail to parse. Links are absolute (feed readers
resolve nothing), which is why feeds need ``site_url``.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from urllib.parse import quote

from ..model import Dossier, LinkedArticle, Story
from .views import article_page, html_page

ATOM = "http://www.w3.org/2005/Atom"
#: Entries in a feed: readers poll it, so it holds the newest articles, not the whole dossier.
FEED_ENTRIES = 50
FEED_PATH = "feed.xml"
STORY_FEEDS = "feeds"

_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def feed_text(value: str) -> str:
    """Seed text as XML character data can hold it (ElementTree escapes the rest)."""
    return " ".join(_NOT_XML.sub("", value).split())


def story_feed_path(story: Story) -> str:
    return f"{STORY_FEEDS}/{story.id}.xml"


def absolute(site_url: str, path: str) -> str:
    """``path`` (a site path of ours) under the public address."""
    return site_url.rstrip("/") + "/" + quote(path)


def published(articles: list[LinkedArticle]) -> list[LinkedArticle]:
    """Articles with an ``added`` day, newest first (same day: dossier order)."""
    order = {a.id: n for n, a in enumerate(articles)}
    dated = [a for a in articles if a.analysed.article.added]
    return sorted(dated, key=lambda a: (a.analysed.article.added or "", -order[a.id]), reverse=True)


def atom_feed(
    articles: list[LinkedArticle], *, site_url: str, site_name: str, title: str, path: str
) -> bytes | None:
    """An Atom feed of the newest ``FEED_ENTRIES`` of ``articles`` by ``added``; None when none has a day."""
    entries = published(articles)[:FEED_ENTRIES]
    if not entries:
        return None
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    _sub(feed, "title", feed_text(title))
    _sub(feed, "id", absolute(site_url, path))
    _sub(feed, "updated", _timestamp(entries[0].analysed.article.added))
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", type="application/atom+xml", href=absolute(site_url, path))
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="alternate", type="text/html", href=absolute(site_url, "index.html"))
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    _sub(author, "name", feed_text(site_name))
    for article in entries:
        page = absolute(site_url, html_page(article_page(article.id)))
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        _sub(entry, "title", feed_text(article.analysed.title))
        _sub(entry, "id", page)
        ET.SubElement(entry, f"{{{ATOM}}}link", rel="alternate", type="text/html", href=page)
        day = _timestamp(article.analysed.article.added)
        _sub(entry, "published", day)
        _sub(entry, "updated", day)
        summary = feed_text(" ".join(article.analysed.summary))
        if summary:
            _sub(entry, "summary", summary)
    ET.indent(feed)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"


def feeds(dossier: Dossier, site_url: str, site_name: str) -> dict[str, bytes]:
    """The dossier's feed and one per story of two or more articles (those with an added day)."""
    files: dict[str, bytes] = {}
    main = atom_feed(dossier.articles, site_url=site_url, site_name=site_name, title=site_name, path=FEED_PATH)
    if main is None:
        return files
    files[FEED_PATH] = main
    by_id = {a.id: a for a in dossier.articles}
    for story in dossier.stories:
        if len(story.articles) < 2:
            continue
        members = [by_id[aid] for aid in story.articles if aid in by_id]
        path = story_feed_path(story)
        data = atom_feed(members, site_url=site_url, site_name=site_name, title=f"{site_name}: {story.title}", path=path)
        if data is not None:
            files[path] = data
    return files


def _sub(parent: ET.Element, tag: str, text: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}")
    element.text = text
    return element


def _timestamp(day: str | None) -> str:
    """An Atom date-time for an ``added`` day: midnight UTC (the day is all we know)."""
    return f"{day}T00:00:00Z"
