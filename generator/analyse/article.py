"""Analyse one parsed article: every per-article extractor, run over a single spaCy Doc.

Kept free of I/O and process handling so it runs the same inline, in a worker
process, or in a test.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..model import AnalysedArticle, Article
from .dates import extract_dates
from .entities import extract_mentions, extract_roles
from .quotes import extract_quotes
from .sourcing import assess_sourcing
from .summary import summarise
from .title import make_title


def analyse_doc(doc: Doc, article: Article, summary_sentences: int, nlp: Language | None = None) -> AnalysedArticle:
    """Run the extractors in dependency order: mentions feed quotes, titles and summaries.

    ``nlp`` (the pipeline that parsed ``doc``) lets the title maker check a
    generated title's own parse as well.
    """
    mentions = extract_mentions(doc)
    quotes = extract_quotes(doc, mentions)
    title = article.title
    generated = False
    if not title:
        title = make_title(doc, mentions, nlp) if len(doc) else article.id
        generated = True
    return AnalysedArticle(
        article=article,
        title=title,
        title_generated=generated,
        summary=summarise(doc, article.title, mentions, n=summary_sentences),
        mentions=mentions,
        quotes=quotes,
        roles=extract_roles(doc, mentions),
        dates=extract_dates(doc, article.date),
        sourcing=assess_sourcing(doc, quotes, mentions),
    )
