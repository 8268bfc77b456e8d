"""An article's text with names linked, as Wikipedia does, and its quotes marked with their speaker.

In each paragraph the first mention of each entity links to the entity's page;
a quote is wrapped in ``<span class="dz-quote">`` and followed by a small
superscript link to its speaker's page (kept out of the search index, so the
index holds the article's own words). Names inside a quote are not linked:
the quote's one link is its speaker. Every piece of seed text is escaped with
:func:`md_text`; only the link targets (our own pages) and our tags are raw.
"""

from __future__ import annotations

from markupsafe import Markup

from ..model import Entity, LinkedArticle, LinkedQuote
from ..escape import md_inline, md_link, md_text
from .views import relative

QUOTE_MARKS = "\"'“”‘’«»„‟‹›"
#: Punctuation a closing quotation mark may follow: “…weapons,” said Sullivan.
CLOSING_PUNCTUATION = ",.;:!?…"


def linked_paragraphs(article: LinkedArticle, entities: dict[str, Entity], page_path: str) -> list[Markup]:
    """One Markdown line per paragraph of ``article`` (headings included, unlinked)."""
    out: list[Markup] = []
    text = article.analysed.article.text
    start = 0
    for paragraph in article.analysed.article.paragraphs:
        end = start + len(paragraph.text)
        if paragraph.heading:
            out.append(Markup(md_text(paragraph.text)))
        else:
            out.append(_paragraph(text, start, end, article, entities, page_path))
        start = end + 2  # paragraphs are joined by a blank line
    return out


def _paragraph(text: str, start: int, end: int, article: LinkedArticle, entities: dict[str, Entity],
               page_path: str) -> Markup:
    quotes = _quotes_in(text, start, end, article.quotes)
    inside = [(a, b) for a, b, _, _ in quotes]
    events: list[tuple[int, int, str, object]] = [(a, b, "quote", (q, last)) for a, b, q, last in quotes]
    seen: set[str] = set()
    for m_start, m_end, entity_id in sorted(article.mention_ids):
        if not (start <= m_start < m_end <= end) or entity_id in seen or entity_id not in entities:
            continue
        if any(a < m_end and m_start < b for a, b in inside):
            continue
        seen.add(entity_id)
        events.append((m_start, m_end, "name", entity_id))
    events.sort(key=lambda e: (e[0], e[1]))
    parts: list[str] = []
    at = start
    for e_start, e_end, kind, what in events:
        if e_start < at:
            continue  # overlaps what is already written
        parts.append(_text(text[at:e_start], first=at == start))
        if kind == "name":
            entity = entities[what]  # type: ignore[index]
            parts.append(md_link(text[e_start:e_end], relative(page_path, entity.page)))
        else:
            quote, last = what  # type: ignore[misc]
            parts.append(_quote(text[e_start:e_end], quote, last, entities, page_path))
        at = e_end
    parts.append(_text(text[at:end], first=at == start))
    return Markup("".join(parts))


def _quotes_in(text: str, start: int, end: int, quotes: list[LinkedQuote]) -> list[tuple[int, int, LinkedQuote, bool]]:
    """The full quotes in this paragraph, clipped to it, with their quotation marks; True where one ends here."""
    found = []
    for quote in quotes:
        if quote.kind != "full" or quote.end <= quote.start or not (quote.start < end and start < quote.end):
            continue
        q_start = max(quote.start, start)
        if q_start > start and text[q_start - 1] in QUOTE_MARKS:
            q_start -= 1
        last = quote.end <= end
        q_end = min(quote.end, end)
        if last and text[q_end:q_end + 1] in tuple(CLOSING_PUNCTUATION) and text[q_end + 1:q_end + 2] in tuple(QUOTE_MARKS):
            q_end += 1
        if last and q_end < end and text[q_end] in QUOTE_MARKS:
            q_end += 1
        found.append((q_start, q_end, quote, last))
    return found


def _quote(words: str, quote: LinkedQuote, last: bool, entities: dict[str, Entity], page_path: str) -> str:
    """The quote (or this paragraph's part of it) marked; after its end, the speaker one link away when known."""
    marked = f'<span class="dz-quote">{_text(words, first=False)}</span>'
    speaker = entities.get(quote.speaker_id) if quote.speaker_id else None
    if speaker is None or not last:
        return marked
    link = md_link(speaker.name, relative(page_path, speaker.page), title=f"Said by {speaker.name}")
    return f'{marked}<sup class="dz-said" data-search-exclude>{link}</sup>'


def _text(piece: str, *, first: bool) -> str:
    """Seed text made inert, keeping the spaces at its ends that escaping would fold away.

    ``first``: the piece starts the line, where block syntax (``#``, ``>``, ``1.``) must be neutralised too.
    """
    if not piece:
        return ""
    lead = " " if piece[0].isspace() else ""
    trail = " " if piece[-1].isspace() and piece.strip() else ""
    return lead + (md_text(piece) if first else md_inline(piece)) + trail
