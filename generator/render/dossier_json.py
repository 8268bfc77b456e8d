"""dossier.json: the machine-readable dossier, written beside the pages (site root)."""

from __future__ import annotations

import json
from typing import Any

from ..model import ENTITY_TYPES, Dossier, Entity, LinkedArticle
from .views import html_page

TYPE_ORDER = {kind: n for n, kind in enumerate(ENTITY_TYPES)}

#: Characters written as ``\uXXXX`` escapes (the same string to any JSON reader): no seed
#: text in dossier.json reads as HTML if a browser sniffs the file or a page embeds it,
#: and U+2028/U+2029 do not end a line in JavaScript code that embeds it.
#: Pairs for ``str.replace``, one C pass per character (``str.translate`` with multi-character
#: replacements took about a second over the 20 MB text at 2,000 articles).
JSON_INERT = [(c, f"\\u{ord(c):04x}") for c in "<>&\u2028\u2029"]


def _article(a: LinkedArticle) -> dict[str, Any]:
    art = a.analysed.article
    src = a.analysed.sourcing
    return {
        "id": art.id,
        "source": art.source,
        "page": html_page(f"articles/{art.id}.md"),
        "title": a.analysed.title,
        "title_generated": a.analysed.title_generated,
        "date": art.date,
        "added": art.added,
        "url": art.url,
        "publisher": art.publisher,
        "summary": list(a.analysed.summary),
        "body": [p.text for p in art.paragraphs],
        "removed": list(art.removed),
        "people": list(a.people),
        "organisations": list(a.organisations),
        "places": list(a.places),
        "quotes": [
            {"text": q.text, "speaker": q.speaker, "speaker_id": q.speaker_id, "kind": q.kind}
            for q in a.quotes
        ],
        "sourcing": {"named": list(src.named), "unnamed": list(src.unnamed), "hedged": list(src.hedged)},
        "related": [{"article": other, "reason": why} for other, why in a.related],
    }


def _entity(e: Entity) -> dict[str, Any]:
    return {
        "id": e.id,
        "type": e.type,
        "name": e.name,
        "aliases": list(e.aliases),
        "articles": list(e.articles),
        "page": html_page(e.page),
        "roles": [{"text": r["text"], "article": r["article"]} for r in e.roles],
        "mentions": e.mention_count,
        "first_seen": e.first_seen,
    }


def dossier_dict(dossier: Dossier) -> dict[str, Any]:
    entities = sorted(dossier.entities.values(), key=lambda e: (TYPE_ORDER[e.type], e.name.lower(), e.id))
    return {
        "articles": [_article(a) for a in dossier.articles],
        "entities": [_entity(e) for e in entities],
        "stories": [{"id": s.id, "title": s.title, "articles": list(s.articles)} for s in dossier.stories],
        "timeline": [
            {"date": t.date, "text": t.text, "article": t.article, "kind": t.kind, "expression": t.expression}
            for t in dossier.timeline
        ],
        "editions": [
            {
                "date": e.date,
                "articles": list(e.articles),
                "new_entities": list(e.new_entities),
                "new_stories": list(e.new_stories),
                "grown_stories": list(e.grown_stories),
            }
            for e in dossier.editions
        ],
    }


def dossier_json(dossier: Dossier) -> bytes:
    """Compact (no indentation, no spaces after separators): it is read by programs, and at
    thousands of articles the indentation alone was a tenth of the file. ``python -m
    json.tool`` pretty-prints it for a reader."""
    data = json.dumps(dossier_dict(dossier), ensure_ascii=False, separators=(",", ":"))
    for char, escape in JSON_INERT:
        data = data.replace(char, escape)
    return (data + "\n").encode("utf-8")
