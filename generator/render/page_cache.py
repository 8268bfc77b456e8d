"""Skip the pages a rebuild would write again unchanged: the page's inputs are compared, not guessed.

A page's bytes depend on (1) the render code and templates (the version), (2)
its path and template, (3) its own context values (the article of an article
page, the rows of an index page…) and (4) what it reads from the dossier-wide
tables (recorded while it is rendered, see tracking.py). The record of a page
keeps (3) as a fingerprint of every value, (4) as the places read and one hash
of their values, and the SHA-256 of the bytes written. On the next build a page
whose version, own fingerprint and read values are all unchanged, and whose
file in content/ still holds exactly those bytes, is taken from content/
instead of being rendered; anything else is rendered (and recorded) again.
Nothing is assumed about which tables a template reads: a read not recorded
cannot exist, because the tables are only reachable through the recording views.

The records live in one checked JSON file (``render/pages`` under the build's
cache folder), rewritten with exactly this build's pages.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

from generator.cachefiles import read_checked, runtime_versions, stage_fingerprint, version_key, write_checked
from generator.model import Problem

from .tracking import Fingerprints, Group, Read, group_reads, groups_digest
from .views import Page

FORMAT = 1
#: The records file, under the build's cache folder.
PAGES_FILE = Path("render") / "pages"
#: The dossier-wide tables every page may look things up in (recorded, not hashed whole).
TABLES = ("entities", "articles", "story_of", "story_pages", "story_feeds")
#: Context values that are tools, not data: they do not decide a page's bytes by themselves.
TOOLS = ("figures",)


def render_version() -> str:
    """The render package's code (with every module of ours it imports), its templates, Jinja's version."""
    return package_version(Path(__file__).resolve().parent)


@lru_cache(maxsize=4)
def package_version(package: Path) -> str:
    """:func:`render_version` of the render package at ``package`` (tests hash a copy)."""
    from importlib.metadata import version

    templates = sorted((package / "templates").glob("*"))
    return version_key(
        {
            "format": FORMAT,
            "code": stage_fingerprint(package, *templates),
            "jinja2": version("jinja2"),
            "markupsafe": version("markupsafe"),
            **runtime_versions(),
        }
    )


def _ordered(reads: set[Read]) -> list[Read] | None:
    """The reads in the order they are stored and hashed; None when one cannot be stored as JSON."""
    if not all(key is None or type(key) is str for _, key, _ in reads):
        return None
    return sorted(reads, key=lambda r: (r[0], r[2], r[1] is not None, r[1] or ""))


#: Joins a group's keys into one stored string (ids and JSON keys never hold it): one string per
#: group instead of one per key keeps the records small in memory (a million keys at 2,000 articles).
KEY_SEPARATOR = "\x1f"


def _stored_keys(keys: list[Any]) -> Any:
    """A group's keys as stored: one joined string when they are all strings without the separator."""
    if all(type(key) is str and KEY_SEPARATOR not in key for key in keys):
        return KEY_SEPARATOR.join(keys)
    return keys


def _groups(stored: Any) -> list[Group]:
    """Stored groups back as :data:`Group` tuples (keys as stored: a key of another type reads nothing)."""
    groups: list[Group] = []
    for table, path, keys in stored:
        if isinstance(keys, str):
            keys = keys.split(KEY_SEPARATOR)
        if not isinstance(table, str) or not isinstance(path, list) or not isinstance(keys, list):
            raise TypeError("bad read")
        groups.append((table, tuple(path), keys))
    return groups


class PageCache:
    """Records of the pages of the last build (``root`` None: nothing kept, every page rendered)."""

    def __init__(self, root: Path | None, content: Path | None) -> None:
        self.path = root / PAGES_FILE if root is not None else None
        self.content = content
        self.version = render_version()
        self.tables: Mapping[str, Mapping[Any, Any]] = {}
        self.prints = Fingerprints(self.tables)
        self.problems: list[Problem] = []
        self.reused = 0
        self._old: dict[str, Any] = self._load()
        self._new: dict[str, Any] = {}

    def bind(self, tables: Mapping[str, Mapping[Any, Any]]) -> None:
        """The dossier-wide tables of this build, which the recorded reads are read from."""
        self.tables = tables
        self.prints = Fingerprints(tables)

    def _load(self) -> dict[str, Any]:
        if self.path is None:
            return {}
        try:
            body = read_checked(self.path)
            data = json.loads(body) if body is not None else {}
            if not isinstance(data, dict) or data.get("version") != self.version or not isinstance(data.get("pages"), dict):
                return {}
            return data["pages"]
        except (OSError, ValueError) as exc:
            self.problems.append(Problem(str(self.path), f"page cache unusable ({type(exc).__name__}): every page rendered", "warning"))
            return {}

    def own_key(self, page: Page) -> str:
        """Fingerprint of the page's path, template and own context values (all but the tables).

        Each value is fingerprinted on its own through :class:`Fingerprints`, which works
        out a value held by many pages (the common context, a record, a list of records)
        once per build instead of once per page.
        """
        digest = hashlib.blake2b(f"{page.path}\0{page.template}\0".encode(), digest_size=16)
        for name in sorted(page.context):
            value = page.context[name]
            if name in TOOLS or (name in TABLES and self.tables.get(name) is value):
                continue
            digest.update(name.encode() + b"\0" + self.prints.value(value))
        digest.update(b"later" if page.later else b"")
        return digest.hexdigest()

    def reuse(self, page: Page, own: str) -> tuple[bytes, dict[str, Any]] | None:
        """The page's bytes from content/ and its record, when nothing it depends on changed.

        Pure (it may run in a forked render worker): the caller keeps the record (:meth:`keep`).
        """
        record = self._old.get(page.path)
        if record is None or self.content is None or record.get("own") != own:
            return None
        try:
            if groups_digest(_groups(record["reads"]), self.prints) != record["digest"]:
                return None
            if not all(isinstance(key, str) for key in record["figures"]):
                return None
            data = (self.content / page.path).read_bytes()
        except (OSError, KeyError, TypeError, ValueError):
            return None
        if hashlib.sha256(data).hexdigest() != record["out"]:
            return None  # the file is not what this build wrote last time
        return data, record

    def record(self, own: str, reads: set[Read], data: bytes, figures: set[str]) -> dict[str, Any] | None:
        """The record of a page just rendered (None when its reads cannot be stored: it is not kept)."""
        ordered = _ordered(reads)
        if ordered is None:
            return None
        groups = group_reads(ordered)
        return {
            "own": own,
            "reads": [[table, list(path), _stored_keys(keys)] for table, path, keys in groups],
            "digest": groups_digest(groups, self.prints),
            "out": hashlib.sha256(data).hexdigest(),
            "figures": sorted(figures),
        }

    def keep(self, path: str, record: dict[str, Any] | None) -> None:
        """Keep a page's record for the next build."""
        if record is not None:
            self._new[path] = record

    def save(self) -> None:
        if self.path is None:
            return
        body = json.dumps({"version": self.version, "pages": self._new}, ensure_ascii=False, separators=(",", ":"))
        write_checked(self.path, body.encode("utf-8"))
