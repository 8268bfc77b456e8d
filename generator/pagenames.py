"""Page names the generator keeps for its own pages, so no article or entity can take one.

An article's page is ``articles/<id>.md`` and an entity's ``people/<id>.md``
(or organisations/, places/); the same folders hold the generator's index
pages (``index``, ``index-2``...) and letter pages (``letter-b``,
``letter-other``, ``letter-b-2``...). A seed named ``index.txt`` or an entity renamed ``Index``
or ``Letter B`` would otherwise silently replace one of them. Compared
case-insensitively: the site is also written to case-insensitive disks.
"""

from __future__ import annotations

import re

_RESERVED = re.compile(r"index(-\d+)?|letter-([a-z]|other)(-\d+)?", re.IGNORECASE)


def is_reserved(name: str) -> bool:
    """True when ``name`` (a page name without ``.md``) is one of the generator's own."""
    return _RESERVED.fullmatch(name) is not None


class DuplicatePathError(ValueError):
    """Two outputs of one build have one path; the message names it."""


def check_unique(paths: list[str]) -> None:
    """Raise :class:`DuplicatePathError` when two of ``paths`` are one file (on any disk)."""
    seen: dict[str, str] = {}
    for path in paths:
        key = path.casefold()
        if key in seen:
            raise DuplicatePathError(f"two pages would be written to one file: {seen[key]} and {path}")
        seen[key] = path
