"""Page models: the logic behind each page (ordering, grouping, counting, paging).

Templates only lay these out. Every function is pure: Dossier in, plain dicts out.
"""

from __future__ import annotations

import heapq
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain
from typing import Any

from ..model import TYPE_FOLDERS, Dossier, Entity, LinkedArticle, LinkedQuote

TYPE_TITLES = {"person": "People", "organisation": "Organisations", "place": "Places"}
# Page lengths. A page should stay under about 15 screens at 1280 px and 30 on a phone
# (tests/test_page_length.py measures them in Chromium); every long list is cut into
# numbered pages of at most this many rows, whatever the number of articles.
INDEX_PAGE_SIZE = 50
LETTER_SPLIT = 300
LETTER_PAGE_SIZE = 250
QUOTE_PAGE_BUDGET = 40
"""Quotes (plus one per speaker heading) on one Quotes page."""
TIMELINE_PAGE_ROWS = 80
STORY_PAGE_ROWS = 120
"""Article lines (plus three per story heading) on one Stories page."""
INLINE_ROWS = 30
"""Background and undated timeline entries shown on the timeline page itself; more get their own pages."""
ENTITY_MENTION_LIMIT = 30
ENTITY_QUOTE_LIMIT = 20
ENTITY_ARTICLES_PER_PAGE = 60
"""Articles listed on an entity's page; a much-covered entity's others are on numbered pages after it."""
# Named in two articles, an entity's network is those two articles' names, which the
# "Named with" list already gives with their counts; from three on, the picture shows
# who keeps company with whom. (Pictures were a third of a 2,000-article site's pages.)
NETWORK_MIN_ARTICLES = 3
OVERVIEW_LATEST = 8
OVERVIEW_KEY = 12
QUOTES_PER_SPEAKER = 8
PRINT_FULL_TEXT_LIMIT = 300
"""Past this many articles the print page carries summaries, not full texts: a 2,000-article
text runs to thousands of printed pages and a page of megabytes; each article page prints whole."""


def article_page(article_id: str) -> str:
    return f"articles/{article_id}.md"


def html_page(md_path: str) -> str:
    """The built page for a docs path (the site uses no directory URLs)."""
    return md_path[: -len(".md")] + ".html" if md_path.endswith(".md") else md_path


def relative(from_page: str, to_page: str) -> str:
    """A link target from one docs page to another, as MkDocs resolves it.

    Called for every link of every page (hundreds of thousands at 2,000
    articles); the answer depends only on the linking page's folder, which
    takes few values, so it is memoised on (folder, target).
    """
    return _relative_from_dir(from_page.rpartition("/")[0], to_page)


@lru_cache(maxsize=1 << 16)
def _relative_from_dir(from_dir: str, to_page: str) -> str:
    """``relative`` for a page in ``from_dir``; our paths are normal, with no ``..``."""
    to_dir, _, name = to_page.rpartition("/")
    if from_dir == to_dir:
        return name
    from_parts = from_dir.split("/") if from_dir else []
    to_parts = to_page.split("/")
    common = 0
    while common < len(from_parts) and common < len(to_parts) - 1 and from_parts[common] == to_parts[common]:
        common += 1
    return "../" * (len(from_parts) - common) + "/".join(to_parts[common:])


@dataclass(frozen=True)
class Page:
    """One Markdown file to write: where, with which template and context.

    ``later`` adds the costly part of the context (an entity's network picture
    and neighbours) when the page is rendered, so that work is spread over the
    rendering processes instead of done up front in one.
    """

    path: str
    template: str
    context: dict[str, Any]
    later: Callable[[dict[str, Any]], dict[str, Any]] | None = None

    def full_context(self, seen: dict[str, Any] | None = None) -> dict[str, Any]:
        """The context the template gets: ``seen`` (default: ``context``) and what ``later`` adds from it."""
        seen = self.context if seen is None else seen
        return {**seen, **self.later(seen)} if self.later else seen


def sort_articles(articles: list[LinkedArticle], story_size: dict[str, int] | None = None) -> list[LinkedArticle]:
    """Newest first; undated last, by coverage (``coverage_key``), never by file name."""
    dated = sorted(
        (a for a in articles if a.analysed.article.date),
        key=lambda a: (a.analysed.article.date or "", a.id),
        reverse=True,
    )
    undated = [a for a in articles if not a.analysed.article.date]
    return dated + sorted(undated, key=lambda a: coverage_key(a, story_size or {}))


def coverage_key(article: LinkedArticle, story_size: dict[str, int]) -> tuple[int, int, int, str]:
    """Order for articles without a date: the biggest story first, then the article naming most.

    A file name says nothing about an article; how many articles tell the same story
    and how many people, organisations and places it names say how central it is.
    """
    named = len(article.people) + len(article.organisations) + len(article.places)
    return (-story_size.get(article.id, 1), -named, -len(article.quotes), article.id)


def story_sizes(dossier: Dossier) -> dict[str, int]:
    """Each article's story size (1 for an article in no story)."""
    return {aid: len(story.articles) for story in dossier.stories for aid in story.articles}


def chunk_by_weight(items: list[Any], weight: Callable[[Any], int], budget: int) -> list[list[Any]]:
    """Consecutive runs of ``items`` whose weights add up to at most ``budget``.

    An item heavier than the budget gets a page to itself; nothing is dropped.
    """
    chunks: list[list[Any]] = [[]]
    used = 0
    for item in items:
        cost = weight(item)
        if chunks[-1] and used + cost > budget:
            chunks.append([])
            used = 0
        chunks[-1].append(item)
        used += cost
    return chunks


def numbered_path(path: str, number: int) -> str:
    """``path`` for page 1, ``stem-N.md`` for the pages after it."""
    return path if number == 1 else f"{path[: -len('.md')]}-{number}.md"


def pager(paths: list[str], number: int) -> dict[str, Any]:
    """What a numbered page needs to link its siblings: its number and every page's path."""
    return {"number": number, "total_pages": len(paths), "page_paths": paths}


def sort_name(entity: Entity) -> str:
    """Index order: people by surname (as analysts' indexes are), everything else by name."""
    words = entity.name.split()
    if entity.type == "person" and len(words) > 1:
        return " ".join([words[-1], *words[:-1]]).lower()
    return entity.name.lower()


def entity_letter(key: str) -> str:
    first = key[:1].upper()
    return first if first.isalpha() and first.isascii() else "#"


def co_occurring(
    entities: Mapping[str, Entity], entity_id: str, article_ids: list[str], by_id: Mapping[str, LinkedArticle], limit: int = 15
) -> list[tuple[str, int]]:
    """(id, shared articles) of the entities named in the same articles as ``entity_id``, most shared first.

    ``article_ids`` are the entity's articles, in the order its page lists them.
    """
    named = named_in(by_id)
    counts = Counter(chain.from_iterable(named[a] for a in article_ids if a in named))
    counts.pop(entity_id, None)
    # Names break ties: only entities that can make the first ``limit`` need sorting by them.
    top = heapq.nlargest(limit, counts.values())
    cut = top[-1] if len(top) == limit else 0
    ranked = sorted((kv for kv in counts.items() if kv[1] >= cut), key=lambda kv: (-kv[1], entities[kv[0]].name, kv[0]))
    return [(i, n) for i, n in ranked[:limit] if i in entities]


_INDEXES: dict[str, tuple[Mapping[str, Any], Any]] = {}


def table_index(name: str, table: Mapping[str, Any], make: Callable[[Mapping[str, Any]], Any]) -> Any:
    """``make(table)``, worked out once per table object (the last one asked about is kept).

    Derived reads (tracking.py) run for thousands of pages, each over entries many other
    pages read too; the table is kept with its index, so its identity stays its own.
    Nothing the pages are made from changes while they are made.
    """
    found = _INDEXES.get(name)
    if found is None or found[0] is not table:
        found = _INDEXES[name] = (table, make(table))
    return found[1]


def named_in(by_id: Mapping[str, LinkedArticle]) -> dict[str, frozenset[str]]:
    """The entity ids each article names (people, organisations, places), by article id."""
    return table_index(
        "named_in", by_id, lambda table: {aid: frozenset((*a.people, *a.organisations, *a.places)) for aid, a in table.items()}
    )


def articles_of(entities: Mapping[str, Entity]) -> dict[str, frozenset[str]]:
    """The articles each entity is named in, as a set, by entity id (network pictures intersect them)."""
    return table_index("articles_of", entities, lambda table: {i: frozenset(e.articles) for i, e in table.items()})


def full_quotes_by_speaker(dossier: Dossier) -> dict[tuple[str, str], list[LinkedQuote]]:
    """Full quotes in article order, keyed ("entity", id), ("described", words) or ("unknown", "")."""
    groups: dict[tuple[str, str], list[LinkedQuote]] = defaultdict(list)
    for article in dossier.articles:
        for quote in article.quotes:
            if quote.kind != "full":
                continue
            if quote.speaker_id and quote.speaker_id in dossier.entities:
                key = ("entity", quote.speaker_id)
            elif quote.speaker:
                key = ("described", quote.speaker)
            else:
                key = ("unknown", "")
            groups[key].append(quote)
    return groups


def quotes_by_speaker(
    dossier: Dossier, groups: dict[tuple[str, str], list[LinkedQuote]] | None = None
) -> list[dict[str, Any]]:
    """Full quotes grouped by who said them: linked speakers, then described ones, then unknown."""
    groups = full_quotes_by_speaker(dossier) if groups is None else groups
    rank = {"entity": 0, "described": 1, "unknown": 2}

    def label(key: tuple[str, str]) -> str:
        kind, value = key
        if kind == "entity":
            return dossier.entities[value].name
        return value or "Speaker not identified"

    ordered = sorted(groups, key=lambda k: (rank[k[0]], -len(groups[k]), label(k).lower()))
    return [
        {
            "label": label(key),
            "kind": key[0],
            # The id, not the record: a page of quotes reads the speaker's name and page through
            # the recorded ``entities`` table, so a new mention elsewhere leaves it untouched.
            "entity_id": key[1] if key[0] == "entity" and key[1] in dossier.entities else None,
            "quotes": groups[key][:QUOTES_PER_SPEAKER],
            "more": max(0, len(groups[key]) - QUOTES_PER_SPEAKER),
        }
        for key in ordered
    ]


def paginate(items: list[Any], size: int) -> list[list[Any]]:
    return [items[i : i + size] for i in range(0, len(items), size)] or [[]]


def index_page_path(folder: str, number: int) -> str:
    return numbered_path(f"{folder}/index.md", number)


def own_time(published: list[str], mentioned: list[str]) -> tuple[str, str] | None:
    """The years the dossier's articles are about, as ("YYYY", "YYYY"), or None with no dates.

    With dated articles: from the year before the first to the year after the last.
    Without: the middle half of the years the articles mention, widened by a year on
    each side, so "Krakatau, 1883" or "by 2050" is background, not the story's time.
    """
    years = sorted(d[:4] for d in (published or mentioned) if d[:4].isdigit())
    if not years:
        return None
    if published:
        low, high = years[0], years[-1]
    else:
        low, high = years[(len(years) - 1) // 4], years[(3 * (len(years) - 1)) // 4]
    return f"{int(low) - 1:04d}", f"{int(high) + 1:04d}"


def month_key(date: str) -> str:
    """"2019-01" for a day or month date, "2019" for a date given only as a year."""
    return date[:7] if len(date) >= 7 else date[:4]
