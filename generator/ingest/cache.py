"""On-disk cache of what ingest makes of one seed file, so unchanged seeds are not read again.

Reading a seed (decode, normalise, front matter, header, Markdown, web junk,
paragraphs, near-duplicate shingles) depends only on its bytes, its relative
path (``.md`` or ``.txt``; the path also names the file in every problem) and
the ingest code, limits and parser libraries. An entry's key hashes all of
them, so a changed file, a renamed file, changed code, a changed limit or a
changed library simply finds no entry. What depends on *other* files (exact
and near duplicates, ids) is never cached: ``read_seeds`` redoes it on every
build.

All entries live in one file, ``ingest/entries``, one line each:
``<key> <SHA-256 of the JSON> <JSON>``. One file rather than one per seed
because creating two thousand small files costs more than reading them all
back saves on a first build. An entry whose checksum, JSON or fields do not
hold up is reported and the seed read again. After a build the file is
rewritten, atomically, with exactly the entries that build used (removed
seeds and old versions drop out), and only when that changes anything.
"""

from __future__ import annotations

import base64
import hashlib
import json
import sys
from array import array
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from generator.cachefiles import EntryFile, runtime_versions, stage_fingerprint, version_key
from generator.model import Article, Paragraph, Problem

from . import limits
from .dedupe import TextPrint

FORMAT = 1
#: Subfolder of the build's cache folder.
FOLDER = "ingest"


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """Hash of the ingest package's source, the modules of ours it imports (captions, lexicon, model) and the word lists."""
    package = Path(__file__).resolve().parent
    lexicon = sorted((package.parent / "lexicon" / "data").glob("*.txt"))  # word lists the rules read
    return stage_fingerprint(package, *lexicon)


def _library_versions() -> dict[str, str]:
    """Versions of what ingest parses with (Markdown, YAML, Unicode tables)."""
    import markdown_it
    import yaml

    return {
        "markdown-it-py": getattr(markdown_it, "__version__", "?"),
        "pyyaml": getattr(yaml, "__version__", "?"),
        **runtime_versions(),
    }


def ingest_version() -> str:
    """Everything except the file that decides what ingest makes of it.

    The limits are read now, not once per process: they are settings (tests
    lower them), and a changed limit changes what a file yields.
    """
    settings = {name: getattr(limits, name) for name in sorted(dir(limits)) if name.isupper()}
    return version_key({"format": FORMAT, "code": code_fingerprint(), "limits": settings, "libraries": _library_versions()})


class Cached(NamedTuple):
    """One file's ingest result: its article (None when skipped), problems and text print."""

    article: Article | None
    problems: list[Problem]
    printed: TextPrint | None


@dataclass
class IngestCache:
    """Entries of ``root / "ingest" / "entries"``; a ``None`` root disables the cache."""

    root: Path | None
    version: str = field(default_factory=ingest_version)
    problems: list[Problem] = field(default_factory=list)
    hits: int = 0
    misses: int = 0
    _file: EntryFile | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        if self.root is not None:
            self._file = EntryFile(self.root / FOLDER / "entries")

    @property
    def path(self) -> Path:
        assert self._file is not None
        return self._file.path

    def _key(self, source: str, content_hash: str) -> str:
        return hashlib.sha256(f"{self.version}\0{source}\0{content_hash}".encode()).hexdigest()

    def get(self, source: str, content_hash: str) -> Cached | None:
        """The cached result, or None when missing or unusable (then it is dropped and reported)."""
        if self._file is None:
            self.misses += 1
            return None
        key = self._key(source, content_hash)
        try:
            body = self._file.get(key)
            if body is None:
                self.misses += 1
                return None
            data = json.loads(body.decode("utf-8"))
            if data["version"] != self.version or data["source"] != source or data["hash"] != content_hash:
                raise ValueError("key mismatch")
            cached = _from_dict(data)
        except (ValueError, KeyError, TypeError, AttributeError, IndexError) as exc:
            self._file.reject(key)
            self.problems.append(
                Problem(source, f"ingest cache entry corrupted ({type(exc).__name__}): discarded and read again", "warning")
            )
            self.misses += 1
            return None
        self.hits += 1
        return cached

    def put(self, source: str, content_hash: str, cached: Cached) -> None:
        """Keep one file's result for the entries file written by :meth:`save`."""
        self.put_entry(source, content_hash, make_entry(self.version, source, content_hash, cached))

    def put_entry(self, source: str, content_hash: str, entry: bytes) -> None:
        """:meth:`put` for an entry already made by :func:`make_entry` (a worker process may make it)."""
        if self._file is not None:
            self._file.put(self._key(source, content_hash), entry)

    def save(self) -> int:
        """Write the entries this build used, dropping all others; return how many were dropped."""
        if self._file is None:
            return 0
        dropped = self._file.save()
        if self._file.unreadable:
            self.problems.append(
                Problem(str(self.path), f"ingest cache unreadable ({self._file.unreadable}): every seed read again")
            )
        if self._file.garbled:
            self.problems.append(
                Problem(str(self.path), f"ingest cache: {self._file.garbled} garbled line(s) discarded", "warning")
            )
        return dropped


# --- entries <-> JSON -----------------------------------------------------------------


def make_entry(version: str, source: str, content_hash: str, cached: Cached) -> bytes:
    """One file's result as a cache entry (JSON, one line) for ingest ``version``."""
    data = {"version": version, "source": source, "hash": content_hash, **_to_dict(cached)}
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _problems_to_list(problems: list[Problem]) -> list[list[str]]:
    return [[p.source, p.message, p.severity] for p in problems]


def _problems_from_list(items: list[Any]) -> list[Problem]:
    problems = []
    for source, message, severity in items:
        if not isinstance(source, str) or not isinstance(message, str) or severity not in ("info", "warning", "error"):
            raise TypeError("bad problem")
        problems.append(Problem(source, message, severity))
    return problems


def _pack(values: frozenset[int]) -> str:
    """64-bit hashes as base64 of big-endian words: a tenth of the size of a JSON list."""
    words = array("Q", sorted(values))
    if sys.byteorder == "little":
        words.byteswap()
    return base64.b64encode(words.tobytes()).decode("ascii")


def _unpack(text: str) -> frozenset[int]:
    raw = base64.b64decode(text.encode("ascii"), validate=True)
    words = array("Q")
    words.frombytes(raw)  # ValueError unless a whole number of words
    if sys.byteorder == "little":
        words.byteswap()
    return frozenset(words)


def _to_dict(cached: Cached) -> dict[str, Any]:
    article = cached.article
    if article is None:
        return {"article": None, "problems": _problems_to_list(cached.problems)}
    assert cached.printed is not None
    return {
        "article": {
            "title": article.title,
            "date": article.date,
            "url": article.url,
            "publisher": article.publisher,
            "paragraphs": [[p.text, p.heading] for p in article.paragraphs],
            "removed": article.removed,
            "problems": _problems_to_list(article.problems),
        },
        "shingles": _pack(cached.printed.hashes),
        "signature": list(cached.printed.signature),
    }


def _optional_str(value: Any) -> str | None:
    if value is not None and not isinstance(value, str):
        raise TypeError("expected a string")
    return value


def _from_dict(data: dict[str, Any]) -> Cached:
    """Rebuild one file's result; raises on anything malformed."""
    fields = data["article"]
    if fields is None:
        return Cached(None, _problems_from_list(data["problems"]), None)
    paragraphs = []
    for text, heading in fields["paragraphs"]:
        if not isinstance(text, str) or not isinstance(heading, bool):
            raise TypeError("bad paragraph")
        paragraphs.append(Paragraph(text, heading))
    removed = fields["removed"]
    if not all(isinstance(item, str) for item in removed):
        raise TypeError("bad removed text")
    signature = tuple(data["signature"])
    if not all(isinstance(value, int) for value in signature):
        raise TypeError("bad signature")
    article = Article(
        id="",
        source=data["source"],
        title=_optional_str(fields["title"]),
        date=_optional_str(fields["date"]),
        url=_optional_str(fields["url"]),
        publisher=_optional_str(fields["publisher"]),
        paragraphs=paragraphs,
        removed=list(removed),
        problems=_problems_from_list(fields["problems"]),
        content_hash=data["hash"],
    )
    return Cached(article, list(article.problems), TextPrint(_unpack(data["shingles"]), signature))
