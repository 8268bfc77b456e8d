"""What the link stage keeps between builds about single articles: their term counts.

Stories compare articles by their content words; counting them (tokenise,
drop stopwords, stem) depends on nothing but the article's title and text,
yet costs a third of a second at 2,000 articles on every build. The counts are
kept in ``link/terms`` under the build's cache folder (one line per article,
see :class:`generator.cachefiles.EntryFile`), keyed by a hash of the title,
the text and the code that counts (``stories.py``) and the Python version
(its Unicode tables decide what a letter is). Everything that compares
articles runs on every build. A damaged entry is reported and the article
counted again; entries of articles gone are dropped when the file is saved.
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

    def _key(self, article: AnalysedArticle) -> str:
        digest = hashlib.sha256(f"{self.version}\0".encode())
        digest.update(article.title.encode("utf-8", "surrogatepass") + b"\0")
        digest.update(article.article.text.encode("utf-8", "surrogatepass"))
        return digest.hexdigest()

    def __call__(self, article: AnalysedArticle) -> Counter:
        if self._file is None:
            self.misses += 1
            return self._count(article)
        key = self._key(article)
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
        """Write the counts this build used (dropping the others), when that changes the file."""
        if self._file is None:
            return
        self._file.save()
        if self._file.unreadable:
            self.problems.append(
                Problem(str(self._file.path), f"link cache unreadable ({self._file.unreadable}): counted again", "warning")
            )
        if self._file.garbled:
            self.problems.append(
                Problem(str(self._file.path), f"link cache: {self._file.garbled} garbled line(s) discarded", "warning")
            )
