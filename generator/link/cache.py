"""What the link stage keeps between builds: each article's term counts, and pairs' whole-text cosines.

Stories compare articles by their content words; counting them (tokenise,
drop stopwords, stem) depends on nothing but the article's title and text,
yet costs a third of a second at 2,000 articles on every build. The counts are
kept in ``link/terms`` under the build's cache folder (one line per article,
see :class:`generator.cachefiles.EntryFile`), keyed by a hash of the title,
the text and the code that counts (``stories.py``) and the Python version
(its Unicode tables decide what a letter is). Everything that compares
articles runs on every build. A damaged entry is reported and the article
counted again; entries of articles gone are dropped when the file is saved.

The story score reads the whole-text TF-IDF cosine of tens of thousands of
candidate pairs (:class:`generator.link.stories.WholeIdf`). A pair's cosine
depends on the two texts and on the IDF bands their words are in, nothing else:
:class:`WholeCosines` keeps it in ``link/wholes``, keyed by the two articles'
signatures (a hash of the text and those bands, and of the code and the
background frequencies that make the vectors). An article added elsewhere leaves
most signatures, and so most cosines, as they were; a cached cosine is the float
computed cold, so a cached rebuild writes what a cold build writes.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from generator.cachefiles import EntryFile, files_fingerprint, runtime_versions, version_key
from generator.model import AnalysedArticle, Problem

from . import stories

FORMAT = 1
#: The terms file, under the build's cache folder.
TERMS_FILE = Path("link") / "terms"
#: The whole-text cosines file, under the build's cache folder.
WHOLES_FILE = Path("link") / "wholes"


@lru_cache(maxsize=1)
def terms_version() -> str:
    """Everything except the article that decides its term counts."""
    code = Path(stories.__file__).resolve()
    return version_key({"format": FORMAT, "code": files_fingerprint(code.parent, [code]), **runtime_versions()})


class TermCounts:
    """Term counts per article, from ``cache_root`` when it has them; ``None`` root: always counted."""

    def __init__(self, cache_root: Path | None, count: Callable[[AnalysedArticle], Counter] | None = None) -> None:
        self._file = EntryFile(cache_root / TERMS_FILE) if cache_root is not None else None
        self._count = count or stories._term_counts
        self.version = terms_version()
        self.problems: list[Problem] = []
        self.hits = 0
        self.misses = 0
        #: article id -> the key its counts are kept under (a hash of its title and text), this build's
        self.keys: dict[str, str] = {}
        #: the whole-text cosines kept beside the counts (saved with them); None without a cache folder
        self.cosines = WholeCosines(cache_root, self.keys) if cache_root is not None else None

    def _key(self, article: AnalysedArticle) -> str:
        digest = hashlib.sha256(f"{self.version}\0".encode())
        digest.update(article.title.encode("utf-8", "surrogatepass") + b"\0")
        digest.update(article.article.text.encode("utf-8", "surrogatepass"))
        return digest.hexdigest()

    def __call__(self, article: AnalysedArticle) -> Counter:
        if self._file is None:
            self.misses += 1
            return self._count(article)
        key = self.keys[article.article.id] = self._key(article)
        try:
            body = self._file.get(key)
            if body is not None:
                data = json.loads(body.decode("utf-8"))
                if not isinstance(data, dict) or not all(type(n) is int and n > 0 for n in data.values()):
                    raise TypeError("not term counts")
                self.hits += 1
                return Counter(data)
        except (ValueError, TypeError) as exc:
            self._file.reject(key)
            self.problems.append(
                Problem(
                    article.article.source,
                    f"link cache entry corrupted ({type(exc).__name__}): discarded and counted again",
                    "warning",
                )
            )
        self.misses += 1
        counts = self._count(article)
        self._file.put(key, json.dumps(counts, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
        return counts

    def save(self) -> None:
        """Write the counts and cosines this build used (dropping the others), when that changes the files."""
        if self.cosines is not None:
            self.cosines.save()
            self.problems.extend(self.cosines.problems)
        if self._file is None:
            return
        self._file.save()
        self.problems.extend(_file_problems(self._file, "counted again"))


def _file_problems(file: EntryFile, redone: str) -> list[Problem]:
    """Warnings for a cache file that could not be read, or had lines that were not entries."""
    problems = []
    if file.unreadable:
        problems.append(Problem(str(file.path), f"link cache unreadable ({file.unreadable}): {redone}", "warning"))
    if file.garbled:
        problems.append(Problem(str(file.path), f"link cache: {file.garbled} garbled line(s) discarded", "warning"))
    return problems


@lru_cache(maxsize=1)
def wholes_version() -> str:
    """Everything except the two texts and their bands that decides a whole-text cosine."""
    code = Path(stories.__file__).resolve()
    data = code.parent.parent / "lexicon" / "data" / stories.BACKGROUND_FILE
    return version_key({
        "format": FORMAT, "code": files_fingerprint(code.parent.parent, [code, data]),
        "background": stories.BACKGROUND_DOCUMENTS, **runtime_versions(),
    })


class WholeCosines:
    """Whole-text cosines, and related-list scores, of article pairs by the two articles' signatures.

    (A :class:`stories.WholeStore`.) A related-list score is kept as the whole cosine is,
    under a signature that adds the article's entities, their salience and bands.
    """

    def __init__(self, cache_root: Path, keys: dict[str, str] | None = None) -> None:
        self._file = EntryFile(cache_root / WHOLES_FILE)
        #: article id -> a hash of its title and text already made (:class:`TermCounts` keys), if any
        self._keys = keys if keys is not None else {}
        self.version = wholes_version()
        self.problems: list[Problem] = []
        self.hits = 0
        self.misses = 0

    def signature(self, article: AnalysedArticle, bands: bytes) -> str:
        """A hash of what decides the article's whole-text vector: its title and text, and ``bands``.

        The text enters through the hash its term counts are kept under when this build made
        one (hashing it again costs more than the rest), else by itself.
        """
        digest = hashlib.sha256(f"{self.version}\0".encode())
        content = self._keys.get(article.article.id)
        if content is not None:
            digest.update(b"counts\0" + content.encode("ascii") + b"\0")
        else:
            digest.update(b"text\0" + article.title.encode("utf-8", "surrogatepass") + b"\0")
            digest.update(article.article.text.encode("utf-8", "surrogatepass") + b"\0")
        digest.update(bands)
        return digest.hexdigest()

    def signature_of(self, whole: str, extra: str) -> str:
        """A signature for what decides an article's related-list features: its whole signature and ``extra``."""
        return hashlib.sha256(f"{whole}\0{extra}".encode("utf-8", "surrogatepass")).hexdigest()

    def get(self, first: str, second: str) -> float | None:
        """The cosine stored for the pair of signatures, None when there is none (or it was damaged)."""
        found = self._get(first[:32] + second[:32], 1)
        return found[0] if found is not None else None

    def put(self, first: str, second: str, cosine: float) -> None:
        self._put(first[:32] + second[:32], (cosine,))

    def get_related(self, first: str, second: str) -> tuple[float, float, float] | None:
        """The (related, entity, text) scores stored for the pair of related-list signatures."""
        found = self._get(first[:32] + second[:32], 3)
        return (found[0], found[1], found[2]) if found is not None else None

    def put_related(self, first: str, second: str, scores: tuple[float, float, float]) -> None:
        self._put(first[:32] + second[:32], scores)

    def _get(self, key: str, size: int) -> tuple[float, ...] | None:
        """The values under ``key`` (half of each signature: 128 bits apiece, and the two kinds of signature never meet)."""
        try:
            body = self._file.get(key)
            if body is None:
                self.misses += 1
                return None
            values = tuple(float(v) for v in body.split(b" "))
            if len(values) != size or not all(0.0 <= v <= 1.0 + 1e-9 for v in values):
                raise ValueError("not similarities")
        except ValueError as exc:
            self._file.reject(key)
            self.misses += 1
            if not self.problems:
                self.problems.append(
                    Problem(str(self._file.path), f"link cache entry corrupted ({exc}): discarded and computed again", "warning")
                )
            return None
        self.hits += 1
        return values

    def _put(self, key: str, values: tuple[float, ...]) -> None:
        self._file.put(key, " ".join(map(repr, values)).encode("ascii"))

    def save(self) -> None:
        """Write the cosines this build used (dropping the others), when that changes the file."""
        self._file.save()
        self.problems.extend(_file_problems(self._file, "computed again"))
