"""Plain dataclasses passed between the pipeline stages.

ingest -> ``Article``; analyse -> ``AnalysedArticle``; link -> ``Dossier``;
render and site only read a ``Dossier``. No stage imports an earlier stage's
modules: they meet here, so each stage can be tested (and cached) on its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

EntityType = Literal["person", "organisation", "place"]
#: The entity types in the order every list, page and file gives them.
ENTITY_TYPES: tuple[EntityType, ...] = ("person", "organisation", "place")
#: Folder (and plural label) of each entity type's pages.
TYPE_FOLDERS: dict[str, str] = {"person": "people", "organisation": "organisations", "place": "places"}
QuoteKind = Literal["full", "partial"]
Severity = Literal["info", "warning", "error"]


@dataclass(frozen=True)
class Problem:
    """Something wrong with one input file, reported to the user by name."""

    source: str
    message: str
    severity: Severity = "warning"

    def line(self) -> str:
        return f"{self.source}: {self.message}"


#: What a ``corrections.yml`` entry does to the entity lists (applied in this order).
CorrectionAction = Literal["merge", "rename", "type", "drop"]


@dataclass(frozen=True)
class Correction:
    """One entry: ``names`` it applies to (merge: target first), ``value`` for rename/type."""

    action: CorrectionAction
    names: tuple[str, ...]
    line: int
    value: str | None = None


@dataclass(frozen=True)
class SpeakerCorrection:
    """A quote in ``article`` (seed file name or id) starting with ``quote`` was said by ``speaker`` (None: nobody)."""

    article: str
    quote: str
    speaker: str | None
    line: int


@dataclass
class Corrections:
    """The user's corrections (read by ingest, applied by link), in the order they are applied."""

    source: str = "corrections.yml"
    entries: list[Correction] = field(default_factory=list)
    speakers: list[SpeakerCorrection] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.entries or self.speakers)

    def of(self, action: CorrectionAction) -> list[Correction]:
        return [e for e in self.entries if e.action == action]


@dataclass
class Paragraph:
    """One block of cleaned article text; ``heading`` marks a short subheading."""

    text: str
    heading: bool = False


@dataclass
class Article:
    """A seed file after ingest: header fields read, web junk removed."""

    id: str
    source: str
    title: str | None
    date: str | None
    url: str | None
    publisher: str | None
    paragraphs: list[Paragraph]
    removed: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    content_hash: str = ""
    #: Day (UTC, ``YYYY-MM-DD``) the seed's file entered the seeds folder's git history;
    #: None when uncommitted or outside git (see ``SeedHistory``). File metadata, not
    #: content: set after the content-keyed caches, never stored in them.
    added: str | None = None

    @property
    def text(self) -> str:
        """The body as analysed: paragraphs joined by blank lines."""
        return "\n\n".join(p.text for p in self.paragraphs)


@dataclass
class Mention:
    """One occurrence of a named entity in an article's body text.

    ``start``/``end`` are character offsets into ``Article.text``; ``sentence``
    is the sentence holding the mention, kept for entity pages. ``evidenced``: the
    text's own words gave the type (a title, a description, an age, a list of places),
    not the tagger's label alone; linking counts such a mention more.
    """

    text: str
    type: EntityType
    start: int
    end: int
    sentence: str
    evidenced: bool = False


@dataclass
class Role:
    """A description an article gives a person ("Kremlin spokesman")."""

    name: str
    text: str


@dataclass
class Quote:
    """A direct quote found in an article.

    ``speaker`` is the name or description as resolved inside the article
    ("Jake Sullivan", "a Western official") or None; linking to an entity
    happens later, in ``link``.
    """

    text: str
    speaker: str | None
    kind: QuoteKind
    start: int = 0
    end: int = 0


@dataclass
class DatedEvent:
    """A date found in the text, resolved when the text allows it.

    ``date`` is ISO (``2022-07-01``, or ``2019`` / ``2022-03`` when only that
    much is known) or None when it cannot be resolved without guessing (a
    weekday in an undated article); ``expression`` is the words in the text
    ("On July 1"), ``text`` the sentence holding them.
    """

    date: str | None
    expression: str
    text: str


@dataclass
class Sourcing:
    """How an article backs its claims: named and unnamed sources, hedges."""

    named: list[str] = field(default_factory=list)
    unnamed: list[str] = field(default_factory=list)
    hedged: list[str] = field(default_factory=list)


@dataclass
class AnalysedArticle:
    """What ``analyse`` learned about one article; cacheable as JSON."""

    article: Article
    title: str
    title_generated: bool
    summary: list[str]
    mentions: list[Mention]
    quotes: list[Quote]
    roles: list[Role] = field(default_factory=list)
    dates: list[DatedEvent] = field(default_factory=list)
    sourcing: Sourcing = field(default_factory=Sourcing)


@dataclass
class EntityMention:
    """A mention of a linked entity, located by article."""

    article: str
    sentence: str


@dataclass
class Entity:
    """One real-world referent across the whole dossier."""

    id: str
    type: EntityType
    name: str
    aliases: list[str]
    articles: list[str]
    mentions: list[EntityMention] = field(default_factory=list)
    roles: list[dict[str, str]] = field(default_factory=list)
    mention_count: int = 0
    #: ``added`` day of the earliest article naming the entity (None: none has one).
    first_seen: str | None = None

    @property
    def page(self) -> str:
        return f"{TYPE_FOLDERS[self.type]}/{self.id}.md"


@dataclass
class LinkedQuote:
    """A quote with its speaker linked to an entity where one fits."""

    article: str
    text: str
    speaker: str | None
    speaker_id: str | None
    kind: QuoteKind
    start: int = 0  # offsets into Article.text, as Quote's (0, 0: not located)
    end: int = 0


@dataclass
class Story:
    """Articles about the same event."""

    id: str
    title: str
    articles: list[str]


@dataclass
class TimelineItem:
    """One row of the dossier timeline: an article's own date or a date in its text."""

    date: str | None
    text: str
    article: str
    kind: Literal["published", "event"] = "event"
    expression: str = ""


@dataclass
class LinkedArticle:
    """An analysed article with its entities resolved to dossier-wide ids."""

    analysed: AnalysedArticle
    people: list[str]
    organisations: list[str]
    places: list[str]
    quotes: list[LinkedQuote]
    related: list[tuple[str, str]] = field(default_factory=list)
    #: (start, end, entity id) of each mention in ``Article.text`` that names a dossier entity.
    mention_ids: list[tuple[int, int, str]] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.analysed.article.id


@dataclass
class SeedHistory:
    """Where the articles' ``added`` days come from, said once for the whole dossier.

    ``available``: the seeds folder is in a git repository whose history was read,
    so an article without ``added`` is not yet published (uncommitted). Otherwise no
    article has one. ``note`` says where the days come from, or why there are none.
    """

    available: bool
    note: str


@dataclass
class Edition:
    """One day that added articles: what a reader who came the day before has not seen.

    ``new_stories`` first appear that day; ``grown_stories`` existed and gained articles.
    """

    date: str
    articles: list[str]
    new_entities: list[str] = field(default_factory=list)
    new_stories: list[str] = field(default_factory=list)
    grown_stories: list[str] = field(default_factory=list)


@dataclass
class Dossier:
    """Everything the render and site stages need, and nothing from earlier stages."""

    articles: list[LinkedArticle]
    entities: dict[str, Entity]
    stories: list[Story] = field(default_factory=list)
    timeline: list[TimelineItem] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    history: SeedHistory = field(default_factory=lambda: SeedHistory(False, "the seeds' history was not read"))
    #: Newest first.
    editions: list[Edition] = field(default_factory=list)
