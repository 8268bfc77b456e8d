"""Every word list and table the generator uses, kept once, as data files.

Like spaCy's ``lang/en/`` and trafilatura's ``xpaths.py``: the rules live in
code, the words they test against live here. Each list is a text file under
``data/``: one entry per line, lower case unless case matters, ``#`` starts a
comment, and the file's first comment says where the words come from and any
decision taken when two older copies disagreed. A list is read once per process.
"""

from __future__ import annotations

from functools import cache
from importlib import resources


@cache
def words(name: str) -> frozenset[str]:
    """The entries of ``data/<name>.txt`` as a frozenset (blank lines and comments skipped)."""
    return frozenset(_entries(name))


@cache
def ordered(name: str) -> tuple[str, ...]:
    """The entries of ``data/<name>.txt`` in file order, for lists where order matters."""
    return tuple(_entries(name))


@cache
def table(name: str) -> dict[str, str]:
    """The entries of ``data/<name>.txt`` read as ``key = value`` pairs, in file order."""
    out: dict[str, str] = {}
    for entry in _entries(name):
        key, sep, value = entry.partition(" = ")
        if not sep:
            raise ValueError(f"lexicon {name}: line without ' = ': {entry!r}")
        out[key.strip()] = value.strip()
    return out


def _entries(name: str) -> list[str]:
    text = resources.files(__package__).joinpath("data", f"{name}.txt").read_text(encoding="utf-8")
    entries = []
    for line in text.splitlines():
        entry = line.split("#", 1)[0].strip()
        if entry:
            entries.append(entry)
    return entries
