"""AnalysedArticle <-> JSON-ready dicts, for the cache and for worker processes.

The article itself is not stored: it is re-read by ingest on every build, and
the cache key already pins its bytes.

Mentions are rows, ``[text, type, start, end, sentence number, evidenced]``, and each
sentence is stored once under ``sentences``: an article names some fifty
entities in about twenty sentences, and a rebuild reads back every cached
analysis, so the repeated sentences were most of what it parsed. Mentions of
one sentence share one string again when read back.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from ..model import AnalysedArticle, Article, DatedEvent, Mention, Quote, Role, Sourcing


def analysis_to_dict(analysed: AnalysedArticle) -> dict[str, Any]:
    """Everything analysis produced, as plain JSON types."""
    data = asdict(analysed)
    del data["article"]
    sentences: dict[str, int] = {}
    data["mentions"] = [
        [m.text, m.type, m.start, m.end, sentences.setdefault(m.sentence, len(sentences)), m.evidenced]
        for m in analysed.mentions
    ]
    data["sentences"] = list(sentences)
    return data


def analysis_from_dict(data: dict[str, Any], article: Article) -> AnalysedArticle:
    """Rebuild an AnalysedArticle; raises KeyError/TypeError/ValueError/IndexError on a malformed dict."""
    sentences = data["sentences"]
    return AnalysedArticle(
        article=article,
        title=str(data["title"]),
        title_generated=bool(data["title_generated"]),
        summary=[str(s) for s in data["summary"]],
        mentions=[
            Mention(text, kind, start, end, sentences[at], bool(evidenced))
            for text, kind, start, end, at, evidenced in data["mentions"]
        ],
        quotes=[Quote(**q) for q in data["quotes"]],
        roles=[Role(**r) for r in data["roles"]],
        dates=[DatedEvent(**d) for d in data["dates"]],
        sourcing=Sourcing(**data["sourcing"]),
    )
