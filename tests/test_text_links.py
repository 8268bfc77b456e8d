"""An article's text links each entity's first mention per paragraph and marks quotes with their speaker.

Seed text stays inert: every hostile string from test_escape reaches the page as the
same visible text, whether it sits before, between or inside links and quotes.
"""

from __future__ import annotations

import re

import pytest
from test_escape import HOSTILE, to_html, visible

from generator.model import AnalysedArticle, Article, Entity, LinkedArticle, LinkedQuote, Paragraph
from generator.render.text_links import linked_paragraphs

ENTITIES = {
    "jake-sullivan": Entity("jake-sullivan", "person", "Jake Sullivan", ["Sullivan"], ["a"]),
    "iran": Entity("iran", "place", "Iran", [], ["a"]),
}


def _article(paragraphs: list[Paragraph], names: list[tuple[str, str, int]], quotes: list[tuple[str, str | None]]) -> LinkedArticle:
    """``names``: (surface, entity id, occurrence) located in the text; ``quotes``: (words, speaker id)."""
    art = Article(id="a", source="a.txt", title=None, date=None, url=None, publisher=None, paragraphs=paragraphs)
    text = art.text
    mention_ids = []
    for surface, entity_id, nth in names:
        starts = [m.start() for m in re.finditer(re.escape(surface), text)]
        mention_ids.append((starts[nth], starts[nth] + len(surface), entity_id))
    linked_quotes = []
    for words, speaker_id in quotes:
        start = text.index(words)
        linked_quotes.append(LinkedQuote("a", words, None, speaker_id, "full", start, start + len(words)))
    analysed = AnalysedArticle(art, "A", False, [], [], [])
    return LinkedArticle(analysed, [], [], [], linked_quotes, mention_ids=mention_ids)


def test_first_mention_per_paragraph_links_and_quotes_link_their_speaker() -> None:
    article = _article(
        [Paragraph("Jake Sullivan spoke about Iran. Sullivan said Iran was ready."),
         Paragraph("Later"),
         Paragraph("“Drones are coming,” Sullivan said of Iran.")],
        [("Jake Sullivan", "jake-sullivan", 0), ("Iran", "iran", 0), ("Sullivan", "jake-sullivan", 1),
         ("Iran", "iran", 1), ("Sullivan", "jake-sullivan", 2), ("Iran", "iran", 2)],
        [("Drones are coming", "jake-sullivan")],
    )
    first, heading, third = linked_paragraphs(article, ENTITIES, "articles/a.md")
    assert first == ("[Jake Sullivan](../people/jake-sullivan.md) spoke about [Iran](../places/iran.md). "
                     "Sullivan said Iran was ready.")
    assert heading == "Later"
    assert third == ('<span class="dz-quote">“Drones are coming,”</span><sup class="dz-said" data-search-exclude>'
                     '[Jake Sullivan](../people/jake-sullivan.md "Said by Jake Sullivan")</sup> '
                     '[Sullivan](../people/jake-sullivan.md) said of [Iran](../places/iran.md).')


def test_names_inside_a_quote_are_not_linked_and_unknown_speakers_only_marked() -> None:
    article = _article([Paragraph("He said: “Iran is ready.” Nobody knew.")], [("Iran", "iran", 0)],
                       [("Iran is ready.", None)])
    (only,) = linked_paragraphs(article, ENTITIES, "articles/a.md")
    assert only == 'He said: <span class="dz-quote">“Iran is ready.”</span> Nobody knew.'
    assert "<a " not in to_html(only)


@pytest.mark.parametrize("hostile", HOSTILE)
def test_seed_text_around_and_inside_links_stays_text(hostile: str) -> None:
    text = f"{hostile} Jake Sullivan {hostile} “{hostile} now” {hostile} Iran {hostile}"
    article = _article([Paragraph(text)], [("Jake Sullivan", "jake-sullivan", 0), ("Iran", "iran", 0)],
                       [(f"{hostile} now", "jake-sullivan")])
    (line,) = linked_paragraphs(article, ENTITIES, "articles/a.md")
    page = to_html(line)
    assert set(re.findall(r"</?([a-zA-Z][\w-]*)", page)) == {"p", "a", "span", "sup"}  # ours only
    assert re.findall(r'href="([^"]+)"', page) == ["../people/jake-sullivan.md", "../people/jake-sullivan.md",
                                                   "../places/iran.md"]
    shown = visible(page).replace("Jake Sullivan“", "“", 1)  # the marker's name, then the quote's own words
    assert " ".join(shown.split()).replace("”Jake Sullivan", "”") == " ".join(text.split())


def test_a_quote_over_two_paragraphs_is_marked_in_both_and_credited_once() -> None:
    article = _article([Paragraph("He wrote: “Iran is ready."), Paragraph("We are too,” said Jake Sullivan.")],
                       [("Iran", "iran", 0), ("Jake Sullivan", "jake-sullivan", 0)],
                       [("Iran is ready.\n\nWe are too,", "jake-sullivan")])
    first, second = linked_paragraphs(article, ENTITIES, "articles/a.md")
    assert first == 'He wrote: <span class="dz-quote">“Iran is ready.</span>'
    assert second == ('<span class="dz-quote">We are too,”</span><sup class="dz-said" data-search-exclude>'
                      '[Jake Sullivan](../people/jake-sullivan.md "Said by Jake Sullivan")</sup> said '
                      '[Jake Sullivan](../people/jake-sullivan.md).')
