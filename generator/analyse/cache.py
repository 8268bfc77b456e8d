"""On-disk cache of per-article analysis, keyed so that stale results are never trusted.

The key hashes the article as ingest handed it over (id, header fields and
text), the model's name and version, the analysis settings and the source
code of this package: change any of them and the
entry is simply not found. Entries are JSON files written atomically; one that
does not parse or does not rebuild is discarded with a warning.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..cachefiles import stage_fingerprint, version_key, write_json_atomic
from ..model import AnalysedArticle, Article, Problem
from .serialise import analysis_from_dict, analysis_to_dict

FORMAT = 3  # 2: mentions as rows, sentences stored once (serialise.py); 3: rows keep ``evidenced``


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """Hash of the analyse package's source, the modules of ours it imports (captions, lexicon, the
    dataclasses it fills), its data files and the word lists.

    A change to either invalidates every entry, so old results are never
    reused by new code (nor half-read into changed dataclasses). The data the
    code reads counts as code: the entity model's weights and the lexicon.
    """
    package = Path(__file__).resolve().parent
    data = [*sorted((package / "data").glob("*.json")), *sorted((package.parent / "lexicon" / "data").glob("*.txt"))]
    return stage_fingerprint(package, *data)


def input_digest(article: Article) -> str:
    """Hash of everything the analysis reads from an article: its id, header fields and text.

    Not the seed file's bytes: a change to ingest (a new junk rule, a limit) can
    change the text of an unchanged file, and must not reuse the old analysis.
    """
    fields = [article.id, article.source, article.title, article.date, article.url, article.publisher]
    fields += [[p.text, p.heading] for p in article.paragraphs]
    return hashlib.sha256(json.dumps(fields, ensure_ascii=False).encode("utf-8")).hexdigest()


def analysis_version(model: str, options: dict[str, object]) -> str:
    """Everything except the seed that decides what analysis produces."""
    return version_key({"format": FORMAT, "model": model, "options": options, "code": code_fingerprint()})


@dataclass
class AnalysisCache:
    """Read and write cached analyses under ``root``; ``None`` root disables it."""

    root: Path | None
    version: str
    problems: list[Problem] = field(default_factory=list)
    hits: int = 0
    misses: int = 0

    def _path(self, digest: str) -> Path:
        """Where the entry for an article with this ``input_digest`` lives."""
        assert self.root is not None
        key = hashlib.sha256(f"{self.version}:{digest}".encode()).hexdigest()
        return self.root / "analysis" / key[:2] / f"{key}.json"

    def get(self, article: Article, digest: str | None = None) -> AnalysedArticle | None:
        """The cached analysis, or None when missing or unusable (then it is deleted).

        ``digest`` is the article's :func:`input_digest` when the caller has it already.
        """
        if self.root is None:
            self.misses += 1
            return None
        digest = digest or input_digest(article)
        path = self._path(digest)
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            self.misses += 1
            return None
        except OSError as exc:
            return self._discard(article, path, f"unreadable ({exc.strerror})")
        try:
            data = json.loads(raw.decode("utf-8"))
            if data.get("version") != self.version or data.get("hash") != digest:
                raise ValueError("key mismatch")
            analysed = analysis_from_dict(data["analysis"], article)
        except (ValueError, KeyError, TypeError, AttributeError, IndexError) as exc:
            return self._discard(article, path, f"corrupted ({type(exc).__name__})")
        self.hits += 1
        return analysed

    def _discard(self, article: Article, path: Path, why: str) -> None:
        self.problems.append(
            Problem(article.source, f"cache entry {why}: discarded and analysed again", "warning")
        )
        path.unlink(missing_ok=True)
        self.misses += 1
        return None

    def put(self, analysed: AnalysedArticle) -> None:
        """Store atomically (write a temporary file, then rename) so readers never see half."""
        if self.root is not None:
            self.put_dict(analysed.article, analysis_to_dict(analysed))

    def put_dict(self, article: Article, analysis: dict[str, Any]) -> None:
        """Store an analysis already turned into plain data (an analysis worker has it that way)."""
        if self.root is None:
            return
        digest = input_digest(article)
        payload: dict[str, Any] = {"version": self.version, "hash": digest, "analysis": analysis}
        write_json_atomic(self._path(digest), payload)


def prune(cache: AnalysisCache, keep: list[Article], digests: list[str] | None = None) -> int:
    """Delete entries no current seed uses (removed seeds, old versions); return how many.

    ``digests``: the :func:`input_digest` of each article of ``keep``, when the caller has them.
    """
    if cache.root is None:
        return 0
    wanted = {cache._path(digest) for digest in (digests or [input_digest(article) for article in keep])}
    removed = 0
    for path in sorted((cache.root / "analysis").glob("*/*")):
        if path not in wanted:
            path.unlink(missing_ok=True)
            removed += 1
    return removed
