"""Stories (articles about the same event) and related articles.

Two articles are similar when they name the same *rare* entities and use the
same *rare* words. Both signals are cosine similarities over IDF-weighted
vectors: entities as binary features weighted by rarity and by type (places
like "Russia" are named everywhere, so they count for less than people), words
as sublinear TF-IDF over content words. The score is their mean.

Scaling: pairs are never enumerated. An inverted index over each article's
rarest entities and top terms proposes candidates; every article keeps its best
few candidates by an approximate score, and only those pairs get an exact one.

Grouping is single linkage with a guard against chaining: candidate edges are
taken strongest first, and two articles whose story score clears the threshold
join; but a merge that makes a group of three or more also needs the mean score
over *all* its cross pairs to clear a fraction of the threshold, so a chain
A-B-C with A and C unrelated does not become one story. An edge between two
texts whose figures disagree (:func:`number_conflict`: reports filled into one
template on different days) is dropped. Every step sorts, so the output depends
only on the input.

The story score is a small logistic regression over four similarities of a
pair: the entity cosine, the text cosine, the cosine of the two *ledes* (title
and opening words: a report states its event up front) and the plain TF-IDF
cosine of the whole texts (sublinear tf, every term: the classic baseline, which
the truncated text vector weakens on long follow-ups; its IDF pools the
dossier's frequencies, in powers of two, with a background news corpus's, so a
tiny dossier still tells rare words from common ones and a rebuild reuses the
cosines of pairs whose words stayed in their bands: :class:`WholeIdf`). Its
weights, the threshold, the guard, the figures' conflict an edge may have and
the weights of organisations and places are not set by hand: ``python -m
evaluation.stories --fit`` learns them on hand-labelled same-event groups (GGT,
BBC) and a synthetic thread set (evaluation/story_threads.py) and writes them
to generator/lexicon/data/story_params.json; ``make eval`` reports the
cross-validated figures (train on two sets, test on the third; and k-fold)
beside a plain TF-IDF baseline on every set. Similarities the fitted score
gives no weight are not computed for it. Related lists do not read the story
score: they keep the even entity/text mix.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from operator import itemgetter
from typing import Protocol

import numpy as np

from ..model import ENTITY_TYPES, TYPE_FOLDERS, AnalysedArticle, Story


# Features no other article has cannot link an article to anything; at full weight they
# would make every long article look unlike everything (and the scale of scores depend on
# corpus size). At reduced weight they still dilute a pair that shares only a little.
SINGLETON_WEIGHT = 0.3
ENTITY_SHARE = 0.5  # related score = ENTITY_SHARE * entity cosine + (1 - ENTITY_SHARE) * text cosine
RELATED_THRESHOLD = 0.15  # minimum score for a "related article" link
# The related lists rescore, with band weights, the story graph's pairs that reach this share of
# RELATED_THRESHOLD there.
RELATED_PREFILTER = 0.5
RELATED_LIMIT = 5
CANDIDATES_PER_ARTICLE = 25
TOP_TERMS = 30  # terms per article used to propose candidates
VECTOR_TERMS = 150  # terms per article kept for the exact text cosine
LEDE_WORDS = 60  # opening words of the body that, with the title, make an article's lede
MAX_NAMES_IN_REASON = {"person": 3, "organisation": 2, "place": 2}
TITLE_MAX = 100
NUMBER_CONFLICT_OFF = 100.0  # a number_conflict no pair reaches: the figures are not compared
#: background document frequencies of the whole-text IDF, under generator/lexicon/data (evaluation/story_idf.py)
BACKGROUND_FILE = "story_idf.json"
#: how many of the dossier's documents the background corpus counts as in the whole-text IDF (:class:`WholeIdf`)
BACKGROUND_DOCUMENTS = 30

_WORD_RE = re.compile(r"[a-z][a-z'’-]*[a-z]|[a-z]")
_STOPWORDS = frozenset(
    """
    a about above after again against all almost along already also although always am among an and
    another any anyone anything are around as at away back be because been before being below between
    both but by can cannot could did do does doing done down during each either else enough even ever
    every few for from further get gets getting given go goes going got had has have having he her here
    hers herself him himself his how however i if in including into is it its itself just last least
    less like made make makes many may me might more most much must my myself near need never new next
    no nor not now of off often on once one only onto or other others otherwise our ours ourselves out
    over own per perhaps put rather really said same say saying says see seen several she should show
    since so some something still such take than that the their theirs them themselves then there these
    they thing things this those though through thus to told too toward towards two under until up upon
    us use used very via want was we well were what whatever when where whether which while who whom
    whose why will with within without would yet you your yours yourself yourselves year years week weeks
    month months day days time times first second third according told asked added including mr mrs ms
    """.split()
)


@dataclass
class _Features:
    """One article's vectors: entity, text, lede and whole-text weights, all L2-normalised."""

    entities: dict[str, float]
    terms: dict[str, float]
    top_terms: list[str]
    lede: dict[str, float] = field(default_factory=dict)
    whole: dict[str, float] | None = None  # made on first use (SimilarityGraph.whole_vector)
    #: the keys of the three vectors, kept as sets: a pair's cosine multiplies only what both hold
    keys: tuple[frozenset[str], frozenset[str], frozenset[str]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.keys = (frozenset(self.entities), frozenset(self.terms), frozenset(self.lede))


@dataclass(frozen=True)
class StoryParams:
    """What decides that two articles tell one story; fitted by ``python -m evaluation.stories --fit``.

    The story score of a pair is a logistic regression over its four
    similarities (:meth:`SimilarityGraph.story_features`): ``bias`` plus
    ``entity_weight``, ``text_weight``, ``lede_weight`` and ``whole_weight``
    times the entity cosine, the text cosine, the lede cosine and the plain
    whole-text TF-IDF cosine, through the logistic function: the estimated
    chance that the two report one event. The weights are learned from
    labelled pairs (evaluation/stories.py), not set by hand.

    ``threshold``: story score an edge needs to join two articles;
    ``join_mean``: the fraction of ``threshold`` the mean cross-pair score must
    reach for a merge that makes a group of three or more (0 is plain single
    linkage, 1 average linkage); ``organisation_weight`` / ``place_weight``:
    weight of those entity types against people's 1.0 in the entity cosine
    (places and institutions are shared by unrelated articles far more than
    people are); ``number_conflict``: the most :func:`number_conflict` an edge
    may have (reports filled into one template on different days share its
    words but not its figures).
    """

    threshold: float
    join_mean: float
    organisation_weight: float
    place_weight: float
    number_conflict: float
    bias: float
    entity_weight: float
    text_weight: float
    lede_weight: float
    whole_weight: float

    def story_score(self, features: tuple[float, float, float, float]) -> float:
        """The story score of a pair from its (entity, text, lede, whole) similarities."""
        entity, text, lede, whole = features
        z = (
            self.bias
            + self.entity_weight * entity
            + self.text_weight * text
            + self.lede_weight * lede
            + self.whole_weight * whole
        )
        return 1.0 / (1.0 + math.exp(-z)) if z > -700 else 0.0

    @property
    def type_weights(self) -> dict[str, float]:
        return {"person": 1.0, "organisation": self.organisation_weight, "place": self.place_weight}


@cache
def default_params() -> StoryParams:
    """The fitted parameters shipped as data (generator/lexicon/data/story_params.json)."""
    text = resources.files("generator.lexicon").joinpath("data", "story_params.json").read_text(encoding="utf-8")
    return params_from_json(text, "generator/lexicon/data/story_params.json")


def params_from_json(text: str, where: str) -> StoryParams:
    """StoryParams from the JSON ``--fit`` writes; a missing or non-numeric field is an error naming ``where``.

    Every field is required: a weight left out would change the score its threshold was fitted for.
    """
    data = json.loads(text)
    missing = [f for f in StoryParams.__dataclass_fields__ if not isinstance(data.get(f), (int, float))]
    if missing:
        raise ValueError(f"{where}: story parameters missing or not numbers: {', '.join(missing)}")
    return StoryParams(**{f: float(data[f]) for f in StoryParams.__dataclass_fields__})


@dataclass(frozen=True)
class Background:
    """Document frequencies of a background news corpus (evaluation/story_idf.py writes them)."""

    documents: int
    df: dict[str, int]


@cache
def background() -> Background:
    """The shipped background frequencies (generator/lexicon/data/story_idf.json); missing or malformed: an error."""
    where = f"generator/lexicon/data/{BACKGROUND_FILE}"
    try:
        text = resources.files("generator.lexicon").joinpath("data", BACKGROUND_FILE).read_text(encoding="utf-8")
    except OSError as exc:
        raise ValueError(f"{where}: background document frequencies unreadable ({exc})") from exc
    return background_from_json(text, where)


def background_from_json(text: str, where: str) -> Background:
    """Background from the JSON evaluation/story_idf.py writes; anything else is an error naming ``where``."""
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise ValueError(f"{where}: background document frequencies are not JSON ({exc})") from exc
    documents = data.get("documents") if isinstance(data, dict) else None
    df = data.get("df") if isinstance(data, dict) else None
    if not (
        type(documents) is int
        and documents > 0
        and isinstance(df, dict)
        and all(type(n) is int and 0 < n <= documents for n in df.values())
    ):
        raise ValueError(f"{where}: not background document frequencies (an int 'documents', a 'df' of counts)")
    return Background(documents, df)


class WholeIdf(dict):
    """term -> the whole-text IDF: scikit-learn's smooth IDF over the dossier pooled with a background corpus.

    ``1 + log((B + band(n) + 1) / (B * bg(t) / N + band(df(t)) + 1))``: the background's
    ``N`` documents count as ``B`` (:data:`BACKGROUND_DOCUMENTS`) next to the dossier's
    own ``n``, so a five-article dossier weighs words as news at large does, and a large
    one mostly by its own frequencies. The dossier's counts enter in powers of two
    (``band``, as :func:`_band_weights`): an article added elsewhere changes a word's
    weight only when its count crosses a power of two, so most articles keep their
    vector -- and their cached cosines (:meth:`signature`) -- from one build to the next.
    Worked out per term on first use.
    """

    def __init__(self, df: Counter[str], n: int, source: Background | None = None) -> None:
        super().__init__()
        source = source or background()
        self.df = df
        self.n_band = n.bit_length()
        self.background = source.df
        self.scale = BACKGROUND_DOCUMENTS / source.documents
        self.top = BACKGROUND_DOCUMENTS + _band(n) + 1

    def __missing__(self, term: str) -> float:
        made = self[term] = 1 + math.log(self.top / (self.scale * self.background.get(term, 0) + _band(self.df[term]) + 1))
        return made

    def vector(self, counts: Mapping[str, int]) -> dict[str, float]:
        """The TF-IDF vector of a whole text: sublinear tf times this IDF, every term kept, L2-normalised."""
        log = math.log
        return _normalise({term: (1 + log(count)) * self[term] for term, count in counts.items()})

    def signature(self, counts: Mapping[str, int]) -> bytes:
        """What, beside the text, decides the vector of a text with these counts: the bands it reads."""
        df = self.df
        return bytes([self.n_band, *(df[term].bit_length() for term in sorted(counts))])


def _band(count: int) -> int:
    """The largest power of two not above ``count`` (0 for 0)."""
    return 1 << (count.bit_length() - 1) if count > 0 else 0


class WholeStore(Protocol):
    """A store of whole-text cosines kept between builds (generator/link/cache.py)."""

    def signature(self, article: AnalysedArticle, bands: bytes) -> str: ...
    def get(self, first: str, second: str) -> float | None: ...
    def put(self, first: str, second: str, cosine: float) -> None: ...
    def signature_of(self, whole: str, extra: str) -> str: ...
    def get_related(self, first: str, second: str) -> tuple[float, float, float] | None: ...
    def put_related(self, first: str, second: str, scores: tuple[float, float, float]) -> None: ...


@dataclass
class SimilarityGraph:
    """Articles, their features and the exactly scored candidate pairs: everything grouping reads."""

    by_id: dict[str, AnalysedArticle]
    entity_sets: dict[str, dict[str, str]]
    features: dict[str, _Features]
    scores: dict[tuple[str, str], tuple[float, float, float, float]]
    candidates: tuple[tuple[str, str], ...]  # the pairs the index proposed, sorted; ``scores`` may grow beyond them
    figures: dict[str, tuple[frozenset[str], float]] = field(default_factory=dict)  # id -> :func:`figures`, on demand
    wholes: dict[tuple[str, str], float] = field(default_factory=dict)  # pair -> whole-text cosine, on demand
    #: what :func:`_related` rescores with: term counts, salience, document frequencies, type weights
    counts: dict[str, Counter[str]] = field(default_factory=dict)
    salience: dict[str, dict[str, int]] = field(default_factory=dict)
    entity_df: Counter[str] = field(default_factory=Counter)
    term_df: Counter[str] = field(default_factory=Counter)
    type_weights: dict[str, float] | None = None
    #: the whole-text IDF, and the store that keeps whole-text cosines between builds (None: computed each time)
    whole_idf: WholeIdf | None = None
    store: WholeStore | None = None
    signatures: dict[str, str] = field(default_factory=dict)  # id -> the store's signature of its whole vector

    def whole(self, a: str, b: str) -> float:
        """The whole-text cosine of a pair: from this build, from the store, or computed (then stored)."""
        key = _key(a, b)
        found = self.wholes.get(key)
        if found is not None:
            return found
        store = self.store
        if store is not None:
            first, second = sorted((self._signature(key[0]), self._signature(key[1])))
            found = store.get(first, second)
            if found is None:
                found = _cosine(self.whole_vector(key[0]), self.whole_vector(key[1]))
                store.put(first, second, found)
        else:
            found = _cosine(self.whole_vector(key[0]), self.whole_vector(key[1]))
        self.wholes[key] = found
        return found

    def whole_vector(self, aid: str) -> dict[str, float]:
        """An article's whole-text vector (:meth:`WholeIdf.vector`), made on first use."""
        f = self.features[aid]
        if f.whole is None:
            f.whole = self.whole_idf.vector(self.counts[aid]) if self.whole_idf is not None else {}
        return f.whole

    def _signature(self, aid: str) -> str:
        if aid not in self.signatures:
            self.signatures[aid] = self.store.signature(self.by_id[aid], self.whole_idf.signature(self.counts[aid]))
        return self.signatures[aid]

    def pair_scores(self, a: str, b: str) -> tuple[float, float, float, float]:
        """(related, entity, text, lede) scores of a pair, computed on first use."""
        key = _key(a, b)
        if key not in self.scores:
            self.scores[key] = _score(self.features[key[0]], self.features[key[1]])
        return self.scores[key]

    def score(self, a: str, b: str) -> float:
        return self.pair_scores(a, b)[0]

    def story_features(self, a: str, b: str) -> tuple[float, float, float, float]:
        """(entity, text, lede, whole-text) similarities of a pair, what the story score reads.

        When either article has no entities the entity side has nothing to compare, which is
        not evidence against the pair: the text cosine stands in for it (words decide alone).
        """
        _, entity, text, lede = self.pair_scores(a, b)
        if not self.features[a].entities or not self.features[b].entities:
            entity = text
        return entity, text, lede, self.whole(a, b)

    def story_score(self, a: str, b: str, params: StoryParams) -> float:
        """The story score of a pair; similarities the score gives no weight are not computed."""
        if params.entity_weight or params.text_weight or params.lede_weight:
            return params.story_score(self.story_features(a, b))
        return params.story_score((0.0, 0.0, 0.0, self.whole(a, b)))

    def figures_of(self, aid: str) -> tuple[frozenset[str], float]:
        """:func:`figures` of one article, read only when a grouping compares figures."""
        if aid not in self.figures:
            self.figures[aid] = figures(self.by_id[aid].article.text)
        return self.figures[aid]

    def groups(self, params: StoryParams) -> list[list[str]]:
        """Guarded single-link groups over the candidate edges whose figures do not conflict.

        Only candidates are edges: pairs scored on demand by an earlier grouping
        (the guard's means) must not change a later one. Only an edge that clears
        the threshold can join two articles, so only those have their figures compared.
        """
        compare = params.number_conflict < NUMBER_CONFLICT_OFF
        edges = {}
        for a, b in self.candidates:
            score = self.story_score(a, b, params)
            if score < params.threshold or not compare:
                edges[(a, b)] = score
            elif number_conflict(self.figures_of(a), self.figures_of(b)) <= params.number_conflict:
                edges[(a, b)] = score
        return _cluster(
            list(self.by_id), edges, lambda a, b: self.story_score(a, b, params), params.threshold, params.join_mean
        )


def group_stories(
    articles: list[AnalysedArticle],
    entities_by_article: dict[str, dict[str, list[str]]],
    names: dict[str, str],
    term_counts: Callable[[AnalysedArticle], Counter[str]] | None = None,
    params: StoryParams | None = None,
    store: WholeStore | None = None,
) -> tuple[list[Story], dict[str, list[tuple[str, str]]]]:
    """Group articles into stories and list each article's related articles with a reason.

    ``entities_by_article`` maps article id -> {"person"|"organisation"|"place": [entity ids]};
    ``names`` maps entity id -> display name (used only in reasons). Every
    article lands in exactly one story; related lists hold at most five
    (other id, reason) pairs, best first. ``term_counts`` stands in for
    :func:`_term_counts` (the link cache passes its memo); ``params`` for the
    fitted :func:`default_params` (evaluation sweeps them to cross-validate);
    ``store`` keeps whole-text cosines between builds (the link cache's).
    """
    params = params or default_params()
    graph = similarity_graph(
        articles, entities_by_article, names, term_counts, params.type_weights, store, lede=bool(params.lede_weight)
    )
    if not graph.by_id:
        return [], {}
    stories = _stories(graph.groups(params), graph.by_id, graph.score)
    related = _related(graph, names)
    return stories, related


def similarity_graph(
    articles: list[AnalysedArticle],
    entities_by_article: dict[str, dict[str, list[str]]],
    names: dict[str, str],
    term_counts: Callable[[AnalysedArticle], Counter[str]] | None = None,
    type_weights: dict[str, float] | None = None,
    store: WholeStore | None = None,
    lede: bool = True,
) -> SimilarityGraph:
    """Features of every article and exact scores of the candidate pairs (see the module doc).

    ``store`` keeps whole-text cosines between builds; ``lede`` False leaves the lede
    vectors (and cosines) empty, for a story score that gives them no weight.
    """
    by_id: dict[str, AnalysedArticle] = {}
    for item in articles:
        by_id.setdefault(item.article.id, item)  # ids are unique after ingest; keep the first if not
    articles = list(by_id.values())
    ids = list(by_id)
    entity_sets = {aid: _entity_set(entities_by_article.get(aid, {})) for aid in ids}
    entity_df = _df(entity_sets.values())
    entity_idf = _idf_of(entity_df, len(ids))
    count = term_counts or _term_counts
    token_counts = {a.article.id: count(a) for a in articles}
    term_df = _df(token_counts.values())
    term_idf = _idf_of(term_df, len(ids))
    damped = (_damped(entity_idf), _damped(term_idf))
    salience = {
        aid: _salience(entity_sets[aid], names, f"{by_id[aid].title}\n{by_id[aid].article.text}") for aid in ids
    }
    features = {
        aid: _features(
            entity_sets[aid],
            salience[aid],
            entity_idf,
            token_counts[aid],
            term_idf,
            damped,
            type_weights,
            _lede_counts(by_id[aid]) if lede else None,
        )
        for aid in ids
    }
    pairs = _candidate_pairs(ids, features, entity_idf, term_idf)
    scores = {(a, b): _score(features[a], features[b]) for a, b in pairs}
    return SimilarityGraph(
        by_id, entity_sets, features, scores, tuple(pairs),
        counts=token_counts, salience=salience, entity_df=entity_df, term_df=term_df, type_weights=type_weights,
        whole_idf=WholeIdf(term_df, len(ids)), store=store,
    )


# --- figures --------------------------------------------------------------

_NUMBER = re.compile(r"\d[\d,.]*\d|\d")
_YEAR = re.compile(r"(?:19|20)\d\d")
_TOKEN = re.compile(r"[^\W_]+")


def figures(text: str) -> tuple[frozenset[str], float]:
    """The specific figures of a text (numbers of two digits or more, years left out) and figures per 100 words.

    Two reports of one event repeat its figures (a vote count, an amount); two
    reports filled into one template on different days (market closes, weather,
    scores) share the template's words while their figures differ.
    """
    found = set()
    for raw in _NUMBER.findall(text):
        number = raw.rstrip(".,").replace(",", "")
        if len(number.replace(".", "")) >= 2 and not _YEAR.fullmatch(number):
            found.add(number)
    words = len(_TOKEN.findall(text))
    return frozenset(found), 100.0 * len(found) / words if words else 0.0


def number_conflict(a: tuple[frozenset[str], float], b: tuple[frozenset[str], float]) -> float:
    """How much two texts' figures disagree: the share of their figures not common to both,
    times the lower density of figures (two number-dense texts that differ in them conflict; a
    text with few figures conflicts with nothing).
    """
    union = len(a[0] | b[0])
    if not union:
        return 0.0
    return (1 - len(a[0] & b[0]) / union) * min(a[1], b[1])


# --- features -------------------------------------------------------------


def _entity_set(by_type: dict[str, list[str]]) -> dict[str, str]:
    """entity id -> type; an id listed under two types keeps the first in ENTITY_TYPES order."""
    found: dict[str, str] = {}
    for kind in ENTITY_TYPES:
        for entity_id in by_type.get(kind, []):
            found.setdefault(entity_id, kind)
    return found


def _term_counts(article: AnalysedArticle) -> Counter[str]:
    """Content-word counts of title (twice: it states the event) and body."""
    return _counts(f"{article.title}\n{article.title}\n{article.article.text}")


def _lede_counts(article: AnalysedArticle) -> Counter[str]:
    """Content-word counts of the lede: the title and the body's first LEDE_WORDS words."""
    opening = " ".join(article.article.text.split(None, LEDE_WORDS)[:LEDE_WORDS])
    return _counts(f"{article.title}\n{opening}")


def _counts(text: str) -> Counter[str]:
    """Content-word (term) counts of a text."""
    text = text.lower()
    counts: Counter[str] = Counter()
    term = _TERMS.get
    for word, n in Counter(_WORD_RE.findall(text)).items():
        stem = term(word, _UNSEEN)
        if stem is _UNSEEN:
            stem = _TERMS[word] = _term(word)
        if stem is not None:
            counts[stem] += n
    return counts


#: word as found -> its term (None for a stopword or a short word); words repeat across articles.
_TERMS: dict[str, str | None] = {}
_UNSEEN = object()


def _term(word: str) -> str | None:
    """The term a lower-cased word counts as, or None when it does not count."""
    word = word.replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    word = word.strip("'-")
    if len(word) < 3 or word in _STOPWORDS:
        return None
    return _stem(word)


def _stem(word: str) -> str:
    """Crude suffix folding so "drones"/"drone" and "announced"/"announce" meet.

    Only has to be consistent, not linguistic: both sides of a comparison go
    through the same rules.
    """
    if len(word) > 4:
        if word.endswith("ies"):
            word = word[:-3] + "y"
        elif word.endswith(("sses", "xes", "ches", "shes")):
            word = word[:-2]
        elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
            word = word[:-1]
    for suffix in ("ing", "ed"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            break
    if word.endswith("e") and len(word) > 4:
        word = word[:-1]
    return word


def _df(sets) -> Counter[str]:
    """Document frequency: in how many of ``sets`` each feature is."""
    df: Counter[str] = Counter()
    for features in sets:
        df.update(features.keys() if isinstance(features, dict) else list(features))
    return df


def _idf(sets, n: int) -> dict[str, float]:
    """log((n + 1) / df): a feature in every article is worth almost nothing."""
    return _idf_of(_df(sets), n)


def _idf_of(df: Counter[str], n: int) -> dict[str, float]:
    """:func:`_idf` from the document frequencies."""
    return {key: math.log((n + 1) / count) for key, count in df.items()}


def _band_weights(df: Counter[str], n: int) -> dict[str, float]:
    """Rarity in halvings: how many times ``df`` can double before it passes ``n``, by powers of two.

    ``n.bit_length() - (df.bit_length() - 1)``, at least 1: log2(n / df) counted in whole
    steps (what log((n + 1) / df) measures, in base 2), so a weight moves only when a
    count crosses a power of two, not with every article added; a feature of one
    article only is damped as in :func:`_damped`.
    """
    top = n.bit_length()
    return {
        key: (top - count.bit_length() + 1) * (SINGLETON_WEIGHT if count == 1 else 1.0) for key, count in df.items()
    }


def _normalise(vector: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum([v * v for v in vector.values()]))
    return {k: v / norm for k, v in vector.items()} if norm else {}


def _salience(entities: dict[str, str], names: dict[str, str], text: str) -> dict[str, int]:
    """How often each entity is named: the full name, or a person's surname alone.

    An article about an event names its actors again and again; an entity named
    once in passing ("Yemen", in a background sentence) says little about the event.
    """
    salience: dict[str, int] = {}
    for entity_id, kind in entities.items():
        name = names.get(entity_id, "").strip()
        count = text.count(name) if name else 0
        if kind == "person" and name:
            surname = name.split()[-1]
            # text.count(surname) bounds the number of words equal to it: count words only if it matters
            if text.count(surname) > count:
                count = max(count, _word_count(text, surname))
        salience[entity_id] = max(count, 1)
    return salience


_WORD = re.compile(r"\w+")


def _word_count(text: str, word: str) -> int:
    """How many of ``re.findall(r"\\w+", text)`` equal ``word``.

    Such a word is an occurrence of ``word`` with no word character on either
    side (and there is none unless ``word`` is all word characters).
    """
    if not _WORD.fullmatch(word):
        return 0
    count = 0
    size = len(word)
    at = text.find(word)
    while at >= 0:
        end = at + size
        if (at == 0 or not _is_word_char(text[at - 1])) and (end == len(text) or not _is_word_char(text[end])):
            count += 1
        at = text.find(word, at + 1)
    return count


def _is_word_char(char: str) -> bool:
    """What ``\\w`` matches in a str pattern: alphanumeric (str.isalnum) or the underscore."""
    return char.isalnum() or char == "_"


def _damped(idf: dict[str, float]) -> dict[str, float]:
    """IDF weights, those of features found in one article only (the highest IDF) damped."""
    lone = max(idf.values(), default=0.0) - 1e-9
    return {key: value * (SINGLETON_WEIGHT if value >= lone else 1.0) for key, value in idf.items()}


def _features(
    entities: dict[str, str],
    salience: dict[str, int],
    entity_idf: dict[str, float],
    counts: Counter[str],
    term_idf: dict[str, float],
    damped: tuple[dict[str, float], dict[str, float]] | None = None,
    type_weights: dict[str, float] | None = None,
    lede_counts: Counter[str] | None = None,
) -> _Features:
    """IDF-weighted vectors; features found in this article only are damped (SINGLETON_WEIGHT).

    ``lede_counts`` (:func:`_lede_counts`) gives the lede vector, weighted as the text's.

    ``damped`` is (:func:`_damped` of ``entity_idf``, of ``term_idf``), passed
    in by a caller building many articles' features (it reads every term).
    """
    entity_weight, term_weight = damped if damped is not None else (_damped(entity_idf), _damped(term_idf))
    kind_weight = type_weights or default_params().type_weights
    log = math.log
    entity_vector = _normalise(
        {e: entity_weight[e] * kind_weight[kind] * (1 + log(salience[e])) for e, kind in entities.items()}
    )
    damp = _SUBLINEAR
    weighted = [
        (term, (damp[count] if count < _SUBLINEAR_SIZE else 1 + log(count)) * term_weight[term])
        for term, count in counts.items()
    ]
    # by weight, heaviest first, then by term: two stable sorts give that order without tuple keys
    weighted.sort(key=itemgetter(0))
    weighted.sort(key=itemgetter(1), reverse=True)
    terms = _normalise(dict(weighted[:VECTOR_TERMS]))
    lede = _normalise(
        {term: (1 + log(count)) * term_weight[term] for term, count in (lede_counts or {}).items() if term in term_weight}
    )
    return _Features(entity_vector, terms, [t for t, _ in weighted[:TOP_TERMS]], lede)


#: 1 + log(count) for the small counts nearly every term has (the same floats math.log gives).
_SUBLINEAR_SIZE = 64
_SUBLINEAR = [0.0] + [1 + math.log(count) for count in range(1, _SUBLINEAR_SIZE)]


def _cosine(a: dict[str, float], b: dict[str, float], shared: frozenset[str] | set[str] | None = None) -> float:
    """Dot product of two normalised vectors over ``shared`` (their common keys, found when not given).

    math.fsum is exact, so the answer does not depend on the order a set yields the keys in.
    """
    if shared is None:
        shared = a.keys() & b.keys()
    return math.fsum([a[k] * b[k] for k in shared])


def _score(a: _Features, b: _Features, lede: bool = True) -> tuple[float, float, float, float]:
    """(combined, entity cosine, text cosine, lede cosine); ``lede`` False: the lede cosine is left at 0."""
    (ae, at, al), (be, bt, bl) = a.keys, b.keys
    entity = _cosine(a.entities, b.entities, ae & be)
    text = _cosine(a.terms, b.terms, at & bt)
    lede = _cosine(a.lede, b.lede, al & bl) if lede else 0.0
    if not a.entities or not b.entities:
        return text, entity, text, lede  # nothing to compare on the entity side: words decide alone
    return ENTITY_SHARE * entity + (1 - ENTITY_SHARE) * text, entity, text, lede


# --- candidates -----------------------------------------------------------


def _candidate_pairs(
    ids: list[str], features: Mapping[str, _Features], entity_weight: dict[str, float], term_weight: dict[str, float]
) -> list[tuple[str, str]]:
    """Pairs worth an exact score, found through shared rare entities and top terms, weighed by the weights given.

    Features held by more than ``cap`` articles propose nothing (they still count in the
    exact score); each article keeps its best candidates by the summed weight of
    what it shares, so the work grows with the number of articles, not its square.
    """
    n = len(ids)
    cap = max(50, int(3 * math.sqrt(n)))
    index: dict[str, list[int]] = defaultdict(list)
    for position, aid in enumerate(ids):
        f = features[aid]
        for entity in f.entities:
            index["e:" + entity].append(position)
        for term in f.top_terms:
            index["t:" + term].append(position)
    # Every (a, b) sharing a proposing feature, with its weight, in the order of the sorted keys:
    # numpy sums them per pair (this is most of the link stage's work when done pair by pair in Python).
    rows, cols, weights = [], [], []
    for key in sorted(index):
        posting = index[key]
        size = len(posting)
        if size < 2 or size > cap:
            continue
        members = np.array(posting, dtype=np.int64)
        rows.append(np.repeat(members, size))
        cols.append(np.tile(members, size))
        weights.append(np.full(size * size, entity_weight[key[2:]] if key.startswith("e:") else term_weight[key[2:]]))
    if not rows:
        return []
    first, second, weight = np.concatenate(rows), np.concatenate(cols), np.concatenate(weights)
    other = first != second
    pair = first[other] * n + second[other]
    weight = weight[other]
    order = np.argsort(pair, kind="stable")  # stable: each pair's weights keep the keys' order
    pair, weight = pair[order], weight[order]
    starts = np.flatnonzero(np.concatenate(([True], pair[1:] != pair[:-1])))
    total = np.add.reduceat(weight, starts)
    a, b = np.divmod(pair[starts], n)
    # Per article: heaviest first, then by the other's id; the first CANDIDATES_PER_ARTICLE kept.
    by_id = np.empty(n, dtype=np.int64)
    by_id[sorted(range(n), key=ids.__getitem__)] = np.arange(n)
    ranked = np.lexsort((by_id[b], -total, a))
    a, b = a[ranked], b[ranked]
    group_start = np.flatnonzero(np.concatenate(([True], a[1:] != a[:-1])))
    place = np.arange(len(a)) - np.repeat(group_start, np.diff(np.append(group_start, len(a))))
    keep = place < CANDIDATES_PER_ARTICLE
    pairs: set[tuple[str, str]] = set()
    for x, y in zip(a[keep].tolist(), b[keep].tolist()):
        first_id, second_id = ids[x], ids[y]
        pairs.add((first_id, second_id) if first_id < second_id else (second_id, first_id))
    return sorted(pairs)


# --- grouping -------------------------------------------------------------


def _cluster(
    ids: list[str], edges: dict[tuple[str, str], float], score, threshold: float, join_mean: float
) -> list[list[str]]:
    """Single-link merging along edges, strongest first, guarded; groups keep input order.

    A merge into a group of three or more needs the mean ``score`` over all
    cross pairs to reach ``join_mean * threshold``: one strong edge cannot pull
    a whole unrelated group in.
    """
    cluster_of = {aid: i for i, aid in enumerate(ids)}
    members: dict[int, list[str]] = {i: [aid] for i, aid in enumerate(ids)}
    strong = sorted(
        ((s, a, b) for (a, b), s in edges.items() if s >= threshold), key=lambda e: (-e[0], e[1], e[2])
    )
    bar = join_mean * threshold
    for _, a, b in strong:
        ca, cb = cluster_of[a], cluster_of[b]
        if ca == cb:
            continue
        left, right = members[ca], members[cb]
        if len(left) + len(right) > 2 and bar > 0:
            mean = sum(score(x, y) for x in left for y in right) / (len(left) * len(right))
            if mean < bar:
                continue
        keep, drop = (ca, cb) if ca < cb else (cb, ca)
        for aid in members[drop]:
            cluster_of[aid] = keep
        members[keep] = members[keep] + members.pop(drop)
    position = {aid: i for i, aid in enumerate(ids)}
    return [sorted(group, key=position.__getitem__) for group in members.values()]


def _stories(groups: list[list[str]], by_id: dict[str, AnalysedArticle], score) -> list[Story]:
    """Name each group after its most central article; order by size, then newest."""
    drafts = []
    for group in groups:
        # Most similar to the rest; then a real headline over a generated one; newest; id.
        central = min(
            group,
            key=lambda aid: (
                -round(sum(score(aid, other) for other in group if other != aid), 9),
                by_id[aid].title_generated,
                _negate(by_id[aid].article.date or ""),
                aid,
            ),
        )
        newest = max((by_id[aid].article.date or "" for aid in group), default="")
        drafts.append((group, _short_title(by_id[central].title or central), newest))
    drafts.sort(key=lambda d: (-len(d[0]), _negate(d[2]), d[1], d[0][0]))
    stories: list[Story] = []
    used: Counter[str] = Counter()
    for group, title, _ in drafts:
        slug = "story-" + (_slug(title) or "untitled")
        used[slug] += 1
        story_id = slug if used[slug] == 1 else f"{slug}-{used[slug]}"
        stories.append(Story(id=story_id, title=title, articles=list(group)))
    return stories


def _negate(iso: str) -> tuple[int, ...]:
    """Sort key putting later ISO dates first and undated groups last."""
    return (1,) if not iso else (0, *(-ord(c) for c in iso))


def _short_title(title: str) -> str:
    title = re.sub(r"\s+", " ", title).strip()
    if len(title) <= TITLE_MAX:
        return title
    cut = title[:TITLE_MAX].rsplit(" ", 1)[0].rstrip(",;:-–— ")
    return cut + "…"


def _slug(text: str, limit: int = 60) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    if len(slug) > limit:
        slug = slug[:limit].rsplit("-", 1)[0]
    return slug


# --- related --------------------------------------------------------------


def _related(graph: SimilarityGraph, names: dict[str, str]) -> dict[str, list[tuple[str, str]]]:
    """Top related articles per article, each with a human-readable reason.

    Shown lists and their figures are read by a reader of one article page, and a
    rebuild renders a page again when they change: so they are scored with rarity
    weights in powers of two (:func:`_band_weights`), which an article added
    elsewhere leaves alone, instead of log((n + 1) / df), which moves every pair's
    score a little with each article. The pairs rescored are the story graph's
    scored pairs that reach ``RELATED_PREFILTER`` of the threshold there (the two
    scores differ only in how rarity is weighted).
    """
    shown = _RelatedFeatures(graph)
    floor = RELATED_THRESHOLD * RELATED_PREFILTER
    scores = {
        pair: _related_score(graph, shown, *pair) for pair, (combined, *_) in graph.scores.items() if combined >= floor
    }
    neighbours: dict[str, list[tuple[float, str]]] = defaultdict(list)
    for (a, b), (combined, *_) in scores.items():
        if combined >= RELATED_THRESHOLD:
            neighbours[a].append((combined, b))
            neighbours[b].append((combined, a))
    related: dict[str, list[tuple[str, str]]] = {}
    for aid in graph.by_id:
        best = sorted(neighbours.get(aid, []), key=lambda item: (-item[0], item[1]))[:RELATED_LIMIT]
        related[aid] = [
            (other, _reason(aid, other, graph.entity_sets, shown.entity_only, names, scores[_key(aid, other)][2]))
            for _, other in best
        ]
    return related


def _related_score(graph: SimilarityGraph, shown: _RelatedFeatures, a: str, b: str) -> tuple[float, float, float]:
    """(related, entity cosine, text cosine) of a pair under band weights: from the store, or computed (then stored).

    A pair's band-weighted score depends on the two articles' texts, entities and
    salience, and on the bands of their features (:meth:`_RelatedFeatures.signature`).
    """
    store = graph.store
    if store is None:
        return _score(shown[a], shown[b], lede=False)[:3]
    first, second = sorted((shown.signature(a), shown.signature(b)))
    found = store.get_related(first, second)
    if found is None:
        found = _score(shown[a], shown[b], lede=False)[:3]
        store.put_related(first, second, found)
    return found


class _RelatedFeatures(dict):
    """article id -> its :class:`_Features` under band weights, worked out on first use."""

    def __init__(self, graph: SimilarityGraph) -> None:
        super().__init__()
        n = len(graph.by_id)
        self.graph = graph
        self.weights = (_band_weights(graph.entity_df, n), _band_weights(graph.term_df, n))

        #: article id -> its entity vector alone (what a reason reads), made on first use
        self.entity_only = _EntityFeatures(self)
        self.signatures: dict[str, str] = {}

    def __missing__(self, aid: str) -> _Features:
        g = self.graph
        made = self[aid] = _features(
            g.entity_sets[aid], g.salience[aid], {}, g.counts[aid], {}, self.weights, g.type_weights
        )
        return made

    def signature(self, aid: str) -> str:
        """The store's signature of the article's band-weighted features.

        Its whole-text signature covers the text and its terms' bands; beside it go the
        entities with their type, salience and band, and the type weights.
        """
        found = self.signatures.get(aid)
        if found is None:
            g = self.graph
            df, salience = g.entity_df, g.salience[aid]
            entities = sorted(
                f"{e}\t{kind}\t{salience[e]}\t{df[e].bit_length()}" for e, kind in g.entity_sets[aid].items()
            )
            weights = sorted((g.type_weights or default_params().type_weights).items())
            found = self.signatures[aid] = g.store.signature_of(g._signature(aid), "\n".join([repr(weights), *entities]))
        return found


class _EntityFeatures(dict):
    """article id -> :class:`_Features` holding only the band-weighted entity vector, made on first use."""

    def __init__(self, shown: _RelatedFeatures) -> None:
        super().__init__()
        self.shown = shown

    def __missing__(self, aid: str) -> _Features:
        if aid in self.shown:
            made = self[aid] = self.shown[aid]
            return made
        g = self.shown.graph
        made = self[aid] = _features(g.entity_sets[aid], g.salience[aid], {}, Counter(), {}, self.shown.weights, g.type_weights)
        return made


def _key(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a < b else (b, a)


def _reason(
    first: str,
    second: str,
    entity_sets: dict[str, dict[str, str]],
    features: Mapping[str, _Features],
    names: dict[str, str],
    text: float,
) -> str:
    """"shared people: Jake Sullivan, Vladimir Putin; shared places: Tehran; shared text 18%".

    Names come in order of what they add to the similarity (rare and often named
    in both first), a few per type, so the reason stays one readable line.
    """
    a, b = entity_sets[first], entity_sets[second]
    fa, fb = features[first], features[second]
    parts = []
    for kind in ENTITY_TYPES:
        shared = [e for e in a if a[e] == kind and b.get(e) == kind]
        if not shared:
            continue
        shared.sort(
            key=lambda e: (-fa.entities.get(e, 0.0) * fb.entities.get(e, 0.0), names.get(e, e).lower(), e)
        )
        labels = [names.get(e, e) for e in shared[: MAX_NAMES_IN_REASON[kind]]]
        parts.append(f"shared {TYPE_FOLDERS[kind]}: {', '.join(labels)}")
    percent = round(text * 100)
    if percent >= 1:
        parts.append(f"shared text {percent}%")
    return "; ".join(parts) or "similar text"
