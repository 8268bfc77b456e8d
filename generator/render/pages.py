"""Decide which pages the dossier has and what each one shows."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Collection, Iterable, Mapping
from operator import itemgetter
from typing import Any

from ..model import Dossier, Entity, LinkedArticle, Story
from .editions import edition_pages, new_in_edition, newest_mentions_first, year_pages
from .feed import FEED_PATH, story_feed_path
from .figure_cache import FigureCache
from .search_rank import search_boost
from .svg import network_svg, timeline_svg
from .tracking import derivation, derive
from .views import (
    ENTITY_ARTICLES_PER_PAGE,
    ENTITY_MENTION_LIMIT,
    ENTITY_QUOTE_LIMIT,
    INDEX_PAGE_SIZE,
    INLINE_ROWS,
    LETTER_PAGE_SIZE,
    LETTER_SPLIT,
    NETWORK_MIN_ARTICLES,
    OVERVIEW_KEY,
    OVERVIEW_LATEST,
    PRINT_FULL_TEXT_LIMIT,
    QUOTE_PAGE_BUDGET,
    STORY_PAGE_ROWS,
    TIMELINE_PAGE_ROWS,
    TYPE_FOLDERS,
    TYPE_TITLES,
    Page,
    article_page,
    articles_of,
    chunk_by_weight,
    co_occurring,
    entity_letter,
    full_quotes_by_speaker,
    html_page,
    index_page_path,
    month_key,
    numbered_path,
    own_time,
    pager,
    paginate,
    quotes_by_speaker,
    relative,
    sort_articles,
    sort_name,
    story_sizes,
)

NETWORK_NODES = 30
EGO_NODES = 12
TIMELINE_POINTS = 200
DESCRIPTIONS = 12


def build_pages(
    dossier: Dossier, report: dict[str, Any], figures: FigureCache | None = None, feeds: Collection[str] = ()
) -> list[Page]:
    """Every Markdown page of the site, in a stable order; ``feeds``: the feed files written beside them."""
    by_id = {a.id: a for a in dossier.articles}
    shared = grouped_stories(dossier)
    story_of = {aid: story for story in shared for aid in story.articles}
    story_parts = _story_parts(shared)
    common = {
        "entities": dossier.entities,
        "articles": by_id,
        "story_of": story_of,
        "story_pages": {story.id: path for path, stories in story_parts for story in stories},
        "figures": figures or FigureCache(None),
        "history": dossier.history,
        "feed": FEED_PATH if FEED_PATH in feeds else None,
        "edition_years": year_pages(dossier),
        "story_feeds": {s.id: story_feed_path(s) for s in dossier.stories if story_feed_path(s) in feeds},
    }
    pages: list[Page] = [_overview(dossier, common)]
    pages += _article_indexes(dossier, common)
    for article in dossier.articles:
        pages.append(Page(article_page(article.id), "article.md.j2", {**common, "a": article}))
    quote_groups = full_quotes_by_speaker(dossier)
    quotes_by_entity = {value: quotes for (kind, value), quotes in quote_groups.items() if kind == "entity"}
    for kind in TYPE_FOLDERS:
        members = sorted(
            (e for e in dossier.entities.values() if e.type == kind),
            key=lambda e: (sort_name(e), e.id),
        )
        pages += _entity_indexes(kind, members)
        for entity in members:
            pages += _entity_pages(dossier, entity, common, quotes_by_entity.get(entity.id, []))
    pages += _quotes(dossier, common, quotes_by_speaker(dossier, quote_groups))
    paths = [path for path, _ in story_parts]
    alone = len(dossier.articles) - sum(len(story.articles) for story in shared)
    for number, (path, stories) in enumerate(story_parts, start=1):
        context = {**common, "stories": stories, "alone": alone, "total": len(shared), **pager(paths, number)}
        pages.append(Page(path, "stories.md.j2", context))
    pages += _timeline(dossier, common)
    pages += edition_pages(dossier, common)
    pages.append(Page("report.md", "report.md.j2", {**common, "report": report, "problems": dossier.problems}))
    ordered = sort_articles(dossier.articles, story_sizes(dossier))
    full_text = len(ordered) <= PRINT_FULL_TEXT_LIMIT
    pages.append(Page("print.md", "print.md.j2", {**common, "ordered": ordered, "stories": dossier.stories, "full_text": full_text}))
    return pages


def grouped_stories(dossier: Dossier) -> list[Story]:
    """Stories of two or more articles, in the dossier's order.

    A story of one article is that article, already listed under Articles: the Stories
    pages, the overview and article pages name only stories that group articles (as
    the editions' "new stories" already did), so an ungrouped dossier does not list
    every article twice.
    """
    return [story for story in dossier.stories if len(story.articles) > 1]


def _story_parts(stories: list[Story]) -> list[tuple[str, list[Story]]]:
    """The Stories pages: stories.md, then stories-2.md…, each at most ``STORY_PAGE_ROWS`` lines."""
    chunks = chunk_by_weight(stories, lambda story: 3 + len(story.articles), STORY_PAGE_ROWS) or [[]]
    return [(numbered_path("stories.md", n), chunk) for n, chunk in enumerate(chunks, start=1)]


def _overview(dossier: Dossier, common: dict[str, Any]) -> Page:
    shared = grouped_stories(dossier)
    ordered = sort_articles(dossier.articles, story_sizes(dossier))
    dates = sorted(a.analysed.article.date for a in dossier.articles if a.analysed.article.date)
    publishers = Counter(a.analysed.article.publisher for a in dossier.articles if a.analysed.article.publisher)
    key = {
        kind: sorted(
            (e for e in dossier.entities.values() if e.type == kind),
            key=lambda e: (-len(e.articles), -e.mention_count, e.name),
        )[:OVERVIEW_KEY]
        for kind in TYPE_FOLDERS
    }
    key_quotes = _key_quotes(dossier)
    context = {
        **common,
        "new": new_in_edition(dossier, common["articles"], common["edition_years"]),
        "count": len(dossier.articles),
        "first_date": dates[0] if dates else None,
        "last_date": dates[-1] if dates else None,
        "undated": sum(1 for a in dossier.articles if not a.analysed.article.date),
        "publishers": sorted(publishers.items(), key=lambda kv: (-kv[1], kv[0])),
        "entity_counts": {k: sum(1 for e in dossier.entities.values() if e.type == k) for k in TYPE_FOLDERS},
        "stories": shared[:10],
        "more_stories": max(0, len(shared) - 10),
        "key": key,
        "key_quotes": key_quotes,
        "latest": ordered[:OVERVIEW_LATEST],
        "network": _network(
            dossier.entities, [e.id for kind in ("person", "organisation") for e in key[kind]], "index.md", common["figures"]
        ),
        "timeline_svg": timeline_svg(_timeline_points(dossier)),
    }
    return Page("index.md", "index.md.j2", context)


def _key_quotes(dossier: Dossier, limit: int = 6) -> list[Any]:
    """Attributed full quotes by the most-covered speakers, one per speaker."""
    seen: set[str] = set()
    candidates = []
    for article in sort_articles(dossier.articles, story_sizes(dossier)):
        for quote in article.quotes:
            if quote.kind == "full" and quote.speaker_id and quote.speaker_id in dossier.entities:
                candidates.append(quote)
    candidates.sort(key=lambda q: -len(dossier.entities[q.speaker_id].articles))  # type: ignore[index]
    chosen = []
    for quote in candidates:
        if quote.speaker_id not in seen:
            seen.add(quote.speaker_id)  # type: ignore[arg-type]
            chosen.append(quote)
        if len(chosen) == limit:
            break
    return chosen


def _article_indexes(dossier: Dossier, common: dict[str, Any]) -> list[Page]:
    chunks = paginate(sort_articles(dossier.articles, story_sizes(dossier)), INDEX_PAGE_SIZE)
    paths = [index_page_path("articles", n) for n in range(1, len(chunks) + 1)]
    # A column that would say "undated" or "—" on every row is left out.
    columns = {
        "date": any(a.analysed.article.date for a in dossier.articles),
        "source": any(a.analysed.article.publisher for a in dossier.articles),
    }
    return [
        Page(path, "articles_index.md.j2", {**common, "rows": chunk, "columns": columns, **pager(paths, number)})
        for number, (path, chunk) in enumerate(zip(paths, chunks), start=1)
    ]


def _entity_indexes(kind: str, members: list[Entity]) -> list[Page]:
    """One index page, grouped by letter; split into a page per letter when long."""
    folder = TYPE_FOLDERS[kind]
    letters: dict[str, list[Entity]] = {}
    for entity in members:
        letters.setdefault(entity_letter(sort_name(entity)), []).append(entity)
    split = len(members) > LETTER_SPLIT
    letter_pages = {letter: f"{folder}/letter-{'other' if letter == '#' else letter.lower()}.md" for letter in letters}
    top = sorted(members, key=lambda e: (-len(e.articles), e.name))[:30]
    context = {
        "kind": kind,
        "title": TYPE_TITLES[kind],
        "letters": letters,
        "split": split,
        "letter_pages": letter_pages,
        "top": top,
        "total": len(members),
    }
    pages = [Page(f"{folder}/index.md", "entity_index.md.j2", context)]
    if split:
        for letter, group in letters.items():
            chunks = paginate(group, LETTER_PAGE_SIZE)
            paths = [numbered_path(letter_pages[letter], n) for n in range(1, len(chunks) + 1)]
            for number, (path, chunk) in enumerate(zip(paths, chunks), start=1):
                context = {"title": TYPE_TITLES[kind], "letter": letter, "members": chunk, **pager(paths, number)}
                pages.append(Page(path, "entity_letter.md.j2", context))
    return pages


def _entity_pages(dossier: Dossier, entity: Entity, common: dict[str, Any], quotes: list[Any]) -> list[Page]:
    """The entity's page; a much-covered entity's further articles follow on numbered pages."""
    page = entity.page
    if dossier.history.available:
        entity = newest_mentions_first(entity, common["articles"])
    listed = mentions_by_article(entity, ENTITY_MENTION_LIMIT)
    chunks = paginate(listed, ENTITY_ARTICLES_PER_PAGE)
    folder, _, name = page.rpartition("/")
    paths = [page] + [f"{folder}/more/{name[: -len('.md')]}-{n}.md" for n in range(2, len(chunks) + 1)]

    def network_and_neighbours(seen: dict[str, Any]) -> dict[str, Any]:
        # Named in one article, an entity's company is that article's list of people and
        # places (one click away): neither a list nor a picture would add anything.
        # ``seen`` is the context the template sees: the dossier is read through its tables
        # (render/tracking.py records what this page read there).
        if len(entity.articles) <= 1:
            return {"neighbours": [], "network": ""}
        # One derived read (tracking.py): the page depends on who its neighbours are, not on
        # every list of names of every article the entity is in.
        key = json.dumps([entity.id, entity.articles])
        counts = derive("neighbours", key, {"entities": seen["entities"], "articles": seen["articles"]})
        neighbours = [(seen["entities"][i], n) for i, n in counts]
        if len(entity.articles) < NETWORK_MIN_ARTICLES:
            return {"neighbours": neighbours, "network": ""}
        ego = [entity.id] + [n.id for n, _ in neighbours if n.type != "place"][: EGO_NODES - 1]
        return {"neighbours": neighbours, "network": _network(seen["entities"], ego, page, seen["figures"])}

    context = {
        **common,
        "e": entity,
        "search_boost": search_boost(entity.mention_count),
        "mentions_by_article": chunks[0],
        "more_article_pages": [(path, len(chunk)) for path, chunk in zip(paths[1:], chunks[1:])],
        # The commonest descriptions; every one stays beside its article in the list below.
        "described_as": [text for text, _ in Counter(map(itemgetter("text"), entity.roles)).most_common(DESCRIPTIONS)],
        "roles_by_article": roles_by_article(entity),
        "more_mentions": max(0, len(entity.mentions) - ENTITY_MENTION_LIMIT),
        "quotes": quotes[:ENTITY_QUOTE_LIMIT],
        "more_quotes": max(0, len(quotes) - ENTITY_QUOTE_LIMIT),
    }
    more = [
        Page(path, "entity_more.md.j2", _more_context(common, entity.id, chunk, context["roles_by_article"], pager(paths, n)))
        for n, (path, chunk) in enumerate(zip(paths, chunks), start=1)
        if n > 1
    ]
    return [Page(page, "entity.md.j2", context, later=network_and_neighbours), *more]


def _more_context(
    common: dict[str, Any], entity_id: str, rows: list[tuple[str, list[str]]], roles: dict[str, list[str]], pages: dict[str, Any]
) -> dict[str, Any]:
    """A further page of an entity's articles: what it shows, and nothing more.

    The entity is named by id (the page reads its name and page through the recorded
    ``entities`` table) and the roles are those of its own rows: a mention added on
    another page of the entity leaves this one as it was, so it is not rendered again.
    """
    shown = {aid: roles[aid] for aid, _ in rows if aid in roles}
    return {**common, "entity_id": entity_id, "rows": rows, "roles_by_article": shown, **pages}


def mentions_by_article(entity: Entity, limit: int) -> list[tuple[str, list[str]]]:
    """Each of the entity's articles with the sentences naming it there (the first ``limit`` in all).

    One list, article by article, instead of a list of articles and a list of sentences each
    followed by its article's title again: easier to read, and the title is written once.
    A sentence that names the entity twice is shown once.
    """
    sentences = ((m.article, " ".join(m.sentence.split())) for m in entity.mentions[:limit])
    return list(_once_per_article(sentences, {aid: [] for aid in entity.articles}).items())


def roles_by_article(entity: Entity) -> dict[str, list[str]]:
    """The descriptions each article gives the entity ("Kremlin spokesman"), once each, in order.

    Shown beside the article in the entity's list, while the page's opening lines say
    them all once: a Roles section repeated an article's title for every description.
    """
    return _once_per_article((role["article"], role["text"]) for role in entity.roles)


def _once_per_article(
    pairs: Iterable[tuple[str, str]], grouped: dict[str, list[str]] | None = None
) -> dict[str, list[str]]:
    """(article, text) pairs grouped by article, each non-empty text once, in first-seen order."""
    grouped = {} if grouped is None else grouped
    for article, text in pairs:
        texts = grouped.setdefault(article, [])
        if text and text not in texts:
            texts.append(text)
    return grouped


def _network(entities: Mapping[str, Entity], ids: list[str], from_page: str, figures: FigureCache) -> str:
    """Co-occurrence network of the given entities (edges weighted by shared articles)."""
    parts = derive("network", json.dumps([ids, from_page]), {"entities": entities})
    if parts is None:
        return ""
    nodes, edges, hrefs = parts
    return figures.get(("network", nodes, edges, hrefs), lambda: network_svg(nodes, edges, href=hrefs.get, approximate=True))


@derivation("neighbours")
def _neighbours(tables: Mapping[str, Mapping[str, Any]], key: str) -> list[tuple[str, int]]:
    """:func:`co_occurring` of an entity; ``key`` is JSON [entity id, its articles in page order]."""
    entity_id, article_ids = json.loads(key)
    return co_occurring(tables["entities"], entity_id, article_ids, tables["articles"])


@derivation("network")
def _network_parts(tables: Mapping[str, Mapping[str, Any]], key: str) -> tuple[list, list, dict[str, str]] | None:
    """What a network picture shows: nodes, edges and links (None: no picture); ``key`` is JSON [ids, from_page].

    A derived value (tracking.py): a page records this answer, not the counts it is made from.
    """
    ids, from_page = json.loads(key)
    entities = tables["entities"]
    chosen = [i for i in dict.fromkeys(ids) if i in entities][:NETWORK_NODES]
    if len(chosen) < 2:
        return None
    members = articles_of(entities)
    # Sizes and widths are drawn from power-of-two buckets: one more mention of a
    # much-covered name then leaves every picture it is in (and its cache entry) alone.
    nodes = [(i, entities[i].name, entities[i].type, _bucket(entities[i].mention_count)) for i in chosen]
    edges = []
    for pos, a in enumerate(chosen):
        for b in chosen[pos + 1 :]:
            shared = len(members[a] & members[b])
            if shared:
                edges.append((a, b, _bucket(shared)))
    if not edges:
        return None
    # Raw SVG is not rewritten by MkDocs, so its links name the built pages.
    hrefs = {i: html_page(relative(from_page, entities[i].page)) for i in chosen}
    return nodes, edges, hrefs


def _bucket(count: int) -> int:
    """The largest power of two not above ``count`` (at least 1)."""
    return 1 << (max(1, count).bit_length() - 1)


def _timeline_points(dossier: Dossier) -> list[tuple[str, str]]:
    return [(item.date, item.text) for item in dossier.timeline if item.date and item.kind == "published"]


def _quotes(dossier: Dossier, common: dict[str, Any], groups: list[dict[str, Any]]) -> list[Page]:
    """The Quotes page; when long, an index of sections (a letter per surname, then described
    and unidentified speakers), each section on numbered pages. Every speaker has a place."""
    weight = lambda group: 1 + len(group["quotes"])  # noqa: E731
    if sum(weight(g) for g in groups) <= QUOTE_PAGE_BUDGET:
        return [Page("quotes.md", "quotes.md.j2", {**common, "groups": groups, "sections": []})]
    sections: dict[str, list[dict[str, Any]]] = {}
    speaker = lambda group: dossier.entities[group["entity_id"]]  # noqa: E731
    for group in groups:
        key = entity_letter(sort_name(speaker(group))) if group["entity_id"] else f"~{group['kind']}"
        sections.setdefault(key, []).append(group)
    titles = {"~described": "Described, not named", "~unknown": "Speaker not identified", "#": "Other names"}
    slugs = {"~described": "described", "~unknown": "unidentified", "#": "other"}
    pages: list[Page] = []
    index = []
    for key in sorted(sections):
        # Named speakers in index order; described ones stay most quoted first.
        members = sections[key] if key.startswith("~") else sorted(sections[key], key=lambda g: (sort_name(speaker(g)), g["entity_id"]))
        slug = slugs.get(key, key.lower())
        chunks = chunk_by_weight(members, weight, QUOTE_PAGE_BUDGET)
        paths = [numbered_path(f"quotes/{slug}.md", n) for n in range(1, len(chunks) + 1)]
        title = titles.get(key, key)
        for number, (path, chunk) in enumerate(zip(paths, chunks), start=1):
            pages.append(Page(path, "quotes_part.md.j2", {**common, "title": title, "groups": chunk, **pager(paths, number)}))
        index.append(
            {"title": title, "paths": paths, "speakers": len(members), "quotes": sum(len(g["quotes"]) + g["more"] for g in members)}
        )
    page_of = {id(g): page.path for page in pages for g in page.context["groups"]}
    top = [(g, page_of[id(g)]) for g in groups if g["entity_id"]][:20]
    context = {**common, "groups": [], "sections": index, "top": top, "speakers": len(groups)}
    return [Page("quotes.md", "quotes.md.j2", context), *pages]


def _timeline(dossier: Dossier, common: dict[str, Any]) -> list[Page]:
    """The timeline: events in the articles' own time by year or month, background and undated apart.

    Each part is on the timeline page when short and on numbered pages of at most
    ``TIMELINE_PAGE_ROWS`` rows when long, so no page grows with the dossier.
    """
    dated = [t for t in dossier.timeline if t.date]
    undated = [t for t in dossier.timeline if not t.date]
    published = [t.date for t in dated if t.kind == "published"]
    window = own_time(published, [t.date for t in dated if t.kind != "published"])
    near = [t for t in dated if window is None or window[0] <= t.date[:4] <= window[1]]
    background = [t for t in dated if window is not None and not window[0] <= t.date[:4] <= window[1]]
    points = [(t.date, dossier_title(common, t.article) if t.kind == "published" else t.text) for t in near]
    svg = timeline_svg([(d, label[:60]) for d, label in points][-TIMELINE_POINTS:])
    pages: list[Page] = []
    by_year: dict[str, list[Any]] = {}
    for item in near:
        by_year.setdefault(str(item.date)[:4], []).append(item)
    # Long: a page per year, or per month in a year too long for one page.
    month_pages: dict[str, str] = {}
    years: dict[str, list[tuple[str, int]]] = {}
    split = len(near) > TIMELINE_PAGE_ROWS
    for year in sorted(by_year, reverse=True):
        groups: dict[str, list[Any]] = {year: by_year[year]}
        if len(by_year[year]) > TIMELINE_PAGE_ROWS:
            groups = {}
            for item in by_year[year]:
                groups.setdefault(month_key(str(item.date)), []).append(item)
        years[year] = [(key, len(groups[key])) for key in sorted(groups, reverse=True)]
        if not split:
            continue
        for key, items in groups.items():
            chunks = paginate(items, TIMELINE_PAGE_ROWS)
            paths = [numbered_path(f"timeline/{key}.md", n) for n in range(1, len(chunks) + 1)]
            month_pages[key] = paths[0]
            for number, (path, chunk) in enumerate(zip(paths, chunks), start=1):
                context = {**common, "title": key, "dated": chunk, "undated": [], **pager(paths, number)}
                pages.append(Page(path, "timeline_part.md.j2", context))

    def part(items: list[Any], name: str, title: str) -> tuple[list[Any], str | None]:
        """Items shown on the timeline page, or none and the first of their own pages."""
        if len(items) <= INLINE_ROWS:
            return items, None
        chunks = paginate(items, TIMELINE_PAGE_ROWS)
        paths = [numbered_path(f"timeline/{name}.md", n) for n in range(1, len(chunks) + 1)]
        for number, (path, chunk) in enumerate(zip(paths, chunks), start=1):
            lists = {"dated": [], "undated": chunk} if name == "undated" else {"dated": chunk, "undated": []}
            pages.append(Page(path, "timeline_part.md.j2", {**common, "title": title, **lists, **pager(paths, number)}))
        return [], paths[0]

    shown_background, background_page = part(background, "background", "Background")
    shown_undated, undated_page = part(undated, "undated", "Undated mentions")
    context = {
        **common,
        "dated": [] if month_pages else near,
        "years": years,
        "month_pages": month_pages,
        "window": window,
        "background": shown_background,
        "background_count": len(background),
        "background_page": background_page,
        "undated": shown_undated,
        "undated_count": len(undated),
        "undated_page": undated_page,
        "svg": svg,
    }
    return [Page("timeline.md", "timeline.md.j2", context), *pages]


def dossier_title(common: dict[str, Any], article_id: str) -> str:
    article: LinkedArticle | None = common["articles"].get(article_id)
    return article.analysed.title if article else article_id
