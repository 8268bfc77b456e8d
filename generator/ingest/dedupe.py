"""Near-duplicate detection that stays close to linear in the number of seeds.

Two articles are near duplicates when the Jaccard similarity of their word
5-gram shingle sets is at least ``NEAR_DUPLICATE_JACCARD`` (the same wire story
on two sites, a re-scrape with a different footer). Comparing every pair is
quadratic, so candidates come from MinHash locality-sensitive hashing:

* each shingle is hashed once (BLAKE2b, 64 bits: stable across processes,
  unlike Python's ``hash``);
* one-permutation MinHash: the hash space is cut into ``BINS`` bins and each
  bin keeps its smallest hash (empty bins borrow from the next non-empty bin),
  which costs one pass over the shingles;
* the signature is cut into ``BANDS`` bands; articles sharing any band are
  candidates, and only candidates get an exact Jaccard check.

With 16 bands of 4 rows, a pair at Jaccard 0.9 becomes a candidate with
probability above 0.9999; pairs below 0.3 rarely do, so checks stay few.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

#: Jaccard similarity at or above which an article is reported as a near duplicate.
NEAR_DUPLICATE_JACCARD = 0.9
#: Words per shingle.
SHINGLE_WORDS = 5
#: MinHash bins (signature length) and LSH bands; BINS must be a multiple of BANDS.
BINS = 64
BANDS = 16
#: At most this many earlier candidates are checked exactly per article.
MAX_CANDIDATES = 64

_WORD = re.compile(r"\w+")
_HASH_BITS = 64
_BIN_SHIFT = _HASH_BITS - (BINS - 1).bit_length()


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[int]:
    """64-bit hashes of the lower-cased word ``size``-grams of ``text``.

    A text shorter than ``size`` words is one shingle, so short texts still compare.
    """
    words = _WORD.findall(text.lower())
    if not words:
        return set()
    if len(words) < size:
        grams = {" ".join(words)}
    else:
        grams = {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}
    blake2b = hashlib.blake2b
    from_bytes = int.from_bytes
    return {from_bytes(blake2b(g.encode("utf-8"), digest_size=8).digest(), "big") for g in grams}


def signature(hashes: set[int]) -> tuple[int, ...]:
    """One-permutation MinHash with rotation densification."""
    mins: list[int | None] = [None] * BINS
    for value in hashes:
        slot = value >> _BIN_SHIFT
        current = mins[slot]
        if current is None or value < current:
            mins[slot] = value
    if all(m is None for m in mins):
        return tuple([0] * BINS)
    filled: list[int] = []
    for slot in range(BINS):
        step = 0
        while mins[(slot + step) % BINS] is None:
            step += 1
        filled.append((mins[(slot + step) % BINS] or 0) + step)  # offset keeps borrowed values distinct
    return tuple(filled)


def jaccard(a: set[int], b: set[int]) -> float:
    """|A ∩ B| / |A ∪ B| (0 for two empty sets)."""
    if not a or not b:
        return 0.0
    common = len(a & b)
    return common / (len(a) + len(b) - common)


@dataclass(frozen=True)
class TextPrint:
    """What the index needs of one text: its shingle hashes and their MinHash signature.

    It depends on the text alone, so ingest can cache it with the article.
    """

    hashes: frozenset[int]
    signature: tuple[int, ...]


def text_print(text: str) -> TextPrint:
    hashes = shingles(text)
    return TextPrint(frozenset(hashes), signature(hashes))


@dataclass
class NearDuplicateIndex:
    """Add texts in order; each addition reports the most similar earlier text, if close enough."""

    threshold: float = NEAR_DUPLICATE_JACCARD
    _shingles: list[frozenset[int]] = field(default_factory=list)
    _keys: list[str] = field(default_factory=list)
    _buckets: dict[tuple[int, tuple[int, ...]], list[int]] = field(default_factory=dict)

    def add(self, key: str, text: str) -> tuple[str, float] | None:
        """Index ``text`` under ``key``; return ``(earlier key, similarity)`` for a near duplicate."""
        return self.add_print(key, text_print(text))

    def add_print(self, key: str, printed: TextPrint) -> tuple[str, float] | None:
        """:meth:`add` for a text whose :func:`text_print` is already known."""
        hashes = printed.hashes
        sig = printed.signature
        rows = BINS // BANDS
        bands = [(band, sig[band * rows : (band + 1) * rows]) for band in range(BANDS)]
        candidates: set[int] = set()
        for band in bands:
            candidates.update(self._buckets.get(band, ()))
        best: tuple[str, float] | None = None
        if hashes:
            for other in sorted(candidates)[:MAX_CANDIDATES]:
                score = jaccard(hashes, self._shingles[other])
                if score >= self.threshold and (best is None or score > best[1]):
                    best = (self._keys[other], score)
        position = len(self._keys)
        self._keys.append(key)
        self._shingles.append(hashes)
        if hashes:
            for band in bands:
                self._buckets.setdefault(band, []).append(position)
        return best
