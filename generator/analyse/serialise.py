"""AnalysedArticle <-> JSON-ready dicts, for the cache and for worker processes.

The article itself is not stored: it is re-read by ingest on every build, and
the cache key already pins its bytes.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from ..model import AnalysedArticle, Article, DatedEvent, Mention, Quote, Role, Sourcing


def analysis_to_dict(analysed: AnalysedArticle) -> dict[str, Any]:
    """Everything analysis produced, as plain JSON types."""
    data = asdict(analysed)
    del data["article"]
    return data


def analysis_from_dict(data: dict[str, Any], article: Article) -> AnalysedArticle:
    """Rebuild an AnalysedArticle; raises KeyError/TypeError on a malformed dict."""
    return AnalysedArticle(
        article=article,
        title=str(data["title"]),
        title_generated=bool(data["title_generated"]),
        summary=[str(s) for s in data["summary"]],
        mentions=[Mention(**m) for m in data["mentions"]],
        quotes=[Quote(**q) for q in data["quotes"]],
        roles=[Role(**r) for r in data["roles"]],
        dates=[DatedEvent(**d) for d in data["dates"]],
        sourcing=Sourcing(**data["sourcing"]),
    )
