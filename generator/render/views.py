"""Page models: the logic behind each page (ordering, grouping, counting, paging).

Templates only lay these out. Every function is pure: Dossier in, plain dicts out.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..model import Dossier, Entity, LinkedArticle, LinkedQuote

TYPE_FOLDERS = {"person": "people", "organisation": "organisations", "place": "places"}
TYPE_TITLES = {"person": "People", "organisation": "Organisations", "place": "Places"}
INDEX_PAGE_SIZE = 200
LETTER_SPLIT = 300
ENTITY_MENTION_LIMIT = 30
ENTITY_QUOTE_LIMIT = 50
# Named in two articles, an entity's network is those two articles' names, which the
# "Named with" list already gives with their counts; from three on, the picture shows
# who keeps company with whom. (Pictures were a third of a 2,000-article site's pages.)
NETWORK_MIN_ARTICLES = 3
OVERVIEW_LATEST = 8
OVERVIEW_KEY = 12
QUOTE_SPEAKERS = 60
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
    later: Callable[[], dict[str, Any]] | None = None

    def full_context(self) -> dict[str, Any]:
        return {**self.context, **self.later()} if self.later else self.context


def sort_articles(articles: list[LinkedArticle]) -> list[LinkedArticle]:
    """Newest first; undated last, in seed order."""
    dated = sorted(
        (a for a in articles if a.analysed.article.date),
        key=lambda a: (a.analysed.article.date or "", a.id),
        reverse=True,
    )
    return dated + [a for a in articles if not a.analysed.article.date]


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
    dossier: Dossier, entity: Entity, by_id: dict[str, LinkedArticle], limit: int = 15
) -> list[tuple[Entity, int]]:
    """Entities named in the same articles, most shared articles first."""
    counts: Counter[str] = Counter()
    for article_id in entity.articles:
        article = by_id.get(article_id)
        if article is None:
            continue
        for other in {*article.people, *article.organisations, *article.places}:
            if other != entity.id:
                counts[other] += 1
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], dossier.entities[kv[0]].name))
    return [(dossier.entities[i], n) for i, n in ranked[:limit] if i in dossier.entities]


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
            "entity": dossier.entities.get(key[1]) if key[0] == "entity" else None,
            "quotes": groups[key][:QUOTES_PER_SPEAKER],
            "more": max(0, len(groups[key]) - QUOTES_PER_SPEAKER),
        }
        for key in ordered
    ]


def paginate(items: list[Any], size: int) -> list[list[Any]]:
    return [items[i : i + size] for i in range(0, len(items), size)] or [[]]


def index_page_path(folder: str, number: int) -> str:
    return f"{folder}/index.md" if number == 1 else f"{folder}/index-{number}.md"
