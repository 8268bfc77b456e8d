"""Stable, unique, URL- and filename-safe article ids derived from file paths.

An id names the article's page and its JSON entry, so it must not change
between builds and must survive any file name a user picks. A simple stem
(``000_786a4680b47ca245``) is used as is; anything else becomes an ASCII slug
plus 8 hex characters of a hash of the relative path, which keeps ids unique
even when two names slugify alike ("Café.txt" and "Cafe.txt").
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache
from pathlib import PurePosixPath

from ..pagenames import is_reserved

SAFE_PART = re.compile(r"[A-Za-z0-9_-]+")
#: Longest slug kept before the hash suffix.
MAX_SLUG_CHARS = 60
#: Longer plain names are slugged and hashed too, to stay under file-name limits.
MAX_PLAIN_ID_CHARS = 100


def path_hash(source: str) -> str:
    """8 hex characters identifying a relative path."""
    return hashlib.sha1(source.encode("utf-8")).hexdigest()[:8]


def slugify(text: str) -> str:
    """ASCII, lower case, words joined by ``-``; empty if nothing survives."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^A-Za-z0-9]+", "-", ascii_text).strip("-").lower()
    return slug[:MAX_SLUG_CHARS].rstrip("-")


def _stem_parts(source: str) -> list[str]:
    path = PurePosixPath(source)
    name = path.name
    lowered = name.lower()
    for suffix in (".txt", ".md"):
        if lowered.endswith(suffix):
            name = name[: -len(suffix)]
            break
    return [*path.parent.parts, name] if str(path.parent) != "." else [name]


@lru_cache(maxsize=1 << 14)
def base_id(source: str) -> str:
    """The id a file would get on its own (remembered: every build asks twice per file).

    Nested files fold their folders in (``2022/apr/story.txt`` -> ``2022-apr-story``).
    """
    parts = _stem_parts(source)
    joined = "-".join(parts)
    if all(SAFE_PART.fullmatch(part) for part in parts) and len(joined) <= MAX_PLAIN_ID_CHARS:
        return joined
    slug = slugify("-".join(parts)) or "article"
    return f"{slug}-{path_hash(source)}"


def assign_ids(sources: list[str]) -> dict[str, str]:
    """Map each relative path to a unique id, in the given (sorted) order.

    Uniqueness is case-insensitive, because the site is also written to
    case-insensitive file systems. The first file keeps the plain id; a later
    clash, or a name the generator keeps for its own pages (``index``), gets the path hash appended (and a counter in the unlikely case
    that still clashes).
    """
    taken: set[str] = set()
    ids: dict[str, str] = {}
    for source in sources:
        candidate = base_id(source)
        if candidate.lower() in taken or is_reserved(candidate):
            candidate = f"{candidate}-{path_hash(source)}"
        counter = 2
        unique = candidate
        while unique.lower() in taken:
            unique = f"{candidate}-{counter}"
            counter += 1
        taken.add(unique.lower())
        ids[source] = unique
    return ids
