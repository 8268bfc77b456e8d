"""What a page read from the dossier-wide tables, so an unchanged page need not be rendered again.

Every page's context holds the same dossier-wide tables (all entities, all
articles by id, the story of each article…); a page reads a handful of their
entries. Hashing the tables would change every page's key whenever one
article is added, and a key listing the entries by hand would go stale the
day a template reads one more. So the tables are handed to the templates
wrapped (:class:`TrackedTable`): every entry a page looks up, and every
attribute it then reads, is recorded as a :data:`Read` while the page is
rendered. The value read is not stored, only where it was read; on the next
build :func:`reads_digest` reads the same places again. A render is a
deterministic function of its own context, its template and what it reads;
if every read gives the same value, the render would follow the same path
and write the same bytes (the first read that differs would have to be one
of the recorded ones). Values are compared by :func:`fingerprint` (their
whole content, pickled without the memo, so the object identity of equal
values does not matter).

Reads of a whole table (iterating it, its length) are recorded too: they are
rare, and :func:`resolve` answers them with the whole table.

A page may also read a value *derived* from the tables (:func:`derive`: a
registered pure function of the tables and a string key, such as the nodes and
edges of a network picture). The read is then the function's answer, not every
entry it looked at: a picture drawn from power-of-two buckets of counts need
not be drawn again because one count grew by one.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import os
import pickle
from collections.abc import Callable, Iterator, Mapping
from typing import Any

#: (table, key, attribute path): ``path`` is ``()`` for "is the key there", ``("name",)`` for
#: ``table[key].name``; key ``None`` reads the whole table (``("#len",)``, ``("#all",)``).
Read = tuple[str, Any, tuple[str, ...]]

_MISSING = object()
_PRESENT = ("#in",)


class Recorder:
    """The reads of the page being rendered (one page at a time per process)."""

    def __init__(self) -> None:
        self.reads: set[Read] | None = None

    def add(self, read: Read) -> None:
        if self.reads is not None:
            self.reads.add(read)


RECORDER = Recorder()


class TrackedTable(Mapping):
    """A read-only view of one dossier-wide table that records what is read from it."""

    __slots__ = ("_name", "_data")

    def __init__(self, name: str, data: Mapping[Any, Any]) -> None:
        self._name = name
        self._data = data

    def __getitem__(self, key: Any) -> Any:
        RECORDER.add((self._name, key, _PRESENT))
        return _wrap(self._data[key], self._name, key, ())

    def __contains__(self, key: object) -> bool:
        RECORDER.add((self._name, key, _PRESENT))
        return key in self._data

    def get(self, key: Any, default: Any = None) -> Any:
        RECORDER.add((self._name, key, _PRESENT))
        if key in self._data:
            return _wrap(self._data[key], self._name, key, ())
        return default

    def __iter__(self) -> Iterator[Any]:
        RECORDER.add((self._name, None, ("#all",)))
        return iter(self._data)

    def __len__(self) -> int:
        RECORDER.add((self._name, None, ("#len",)))
        return len(self._data)

    def __bool__(self) -> bool:
        return len(self) > 0


class TrackedItem:
    """An entry of a tracked table (or an object inside one): attribute reads are recorded."""

    __slots__ = ("_obj", "_table", "_key", "_path")

    def __init__(self, obj: Any, table: str, key: Any, path: tuple[str, ...]) -> None:
        self._obj = obj
        self._table = table
        self._key = key
        self._path = path

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        value = getattr(self._obj, name)
        path = (*self._path, name)
        if _is_record(value):
            return TrackedItem(value, self._table, self._key, path)
        RECORDER.add((self._table, self._key, path))
        return value


def _is_record(value: Any) -> bool:
    return dataclasses.is_dataclass(value) and not isinstance(value, type)


def _wrap(value: Any, table: str, key: Any, path: tuple[str, ...]) -> Any:
    if _is_record(value):
        return TrackedItem(value, table, key, path)
    RECORDER.add((table, key, (*path, "#value")))
    return value


Derivation = Callable[[Mapping[str, Mapping[Any, Any]], str], Any]
#: Registered derived values, by name (read as table ``"#" + name``).
DERIVED: dict[str, Derivation] = {}


def derivation(name: str) -> Callable[[Derivation], Derivation]:
    """Register ``function(tables, key)`` as the derived value ``name`` (it must read nothing else)."""

    def register(function: Derivation) -> Derivation:
        DERIVED[name] = function
        return function

    return register


def derive(name: str, key: str, tables: Mapping[str, Any]) -> Any:
    """``DERIVED[name](tables, key)``; when ``tables`` are the recording views, one read is recorded: the answer.

    Tables given raw (a page's own values, already fingerprinted whole) are not recorded.
    """
    raw = {n: t._data if isinstance(t, TrackedTable) else t for n, t in tables.items()}
    if all(isinstance(t, TrackedTable) for t in tables.values()):
        RECORDER.add((f"#{name}", key, ()))
    return DERIVED[name](raw, key)


def resolve(tables: Mapping[str, Mapping[Any, Any]], read: Read) -> Any:
    """The value at ``read`` in ``tables`` now (a marker when the entry is gone)."""
    name, key, path = read
    if name.startswith("#"):
        function = DERIVED.get(name[1:])
        return _MISSING if function is None else function(tables, key)
    table = tables.get(name)
    if table is None:
        return _MISSING
    if key is None:
        return len(table) if path == ("#len",) else list(table.items())
    if path == _PRESENT:
        return key in table
    if key not in table:
        return _MISSING
    value = table[key]
    for attr in path:
        if attr == "#value":
            break
        value = getattr(value, attr, _MISSING)
        if value is _MISSING:
            break
    return value


#: How a plain value is named without pickling it: a tag byte and its text. Every such input
#: starts with a zero byte and a protocol-5 pickle never does, so no plain value and pickled
#: value share an input. Most values read (titles, names, page paths, counts) are plain, and a
#: rebuild names tens of thousands of them.
_PLAIN: dict[type, Callable[[Any], bytes]] = {
    str: lambda v: b"\0s" + v.encode("utf-8", "surrogatepass"),
    int: lambda v: b"\0i" + str(v).encode(),
    bool: lambda v: b"\0b1" if v else b"\0b0",
    float: lambda v: b"\0f" + repr(v).encode(),
    type(None): lambda v: b"\0n",
}


def fingerprint(value: Any) -> bytes:
    """16 bytes naming ``value``'s whole content (equal values, equal bytes, whoever holds them)."""
    if value is _MISSING:
        return b"\0missing\0" + bytes(7)
    plain = _PLAIN.get(type(value))
    if plain is not None:
        return hashlib.blake2b(plain(value), digest_size=16).digest()
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=5)
    pickler.fast = True  # no memo: shared and copied equal values give the same bytes
    try:
        pickler.dump(value)
    except (pickle.PicklingError, TypeError, AttributeError, RecursionError, ValueError):
        return os.urandom(16)  # not data we can name: equal to nothing, so never reused
    return hashlib.blake2b(buffer.getvalue(), digest_size=16).digest()


class Fingerprints:
    """:func:`fingerprint` of reads and values, each worked out once per build."""

    def __init__(self, tables: Mapping[str, Mapping[Any, Any]]) -> None:
        self.tables = tables
        self._columns: dict[tuple[str, tuple[str, ...]], dict[Any, bytes]] = {}
        self._objects: dict[int, tuple[Any, bytes]] = {}

    def column(self, table: str, path: tuple[str, ...]) -> dict[Any, bytes]:
        """Fingerprints already worked out for reads of ``path`` in ``table``, by key."""
        found = self._columns.get((table, path))
        if found is None:
            found = self._columns[(table, path)] = {}
        return found

    @staticmethod
    def shared(value: Any) -> bool:
        """Whether ``value`` is a record or a list of records: worth a fingerprint of its own, kept by identity."""
        return _is_record(value) or (type(value) in (list, tuple) and bool(value) and _is_record(value[0]))

    def value(self, value: Any) -> bytes:
        """The fingerprint of ``value``; records and containers are memoised by identity.

        Nothing the pages are made from changes while they are made. The object is
        kept with its fingerprint, so its id cannot be reused by another object
        during the build.
        """
        kind = type(value)
        if kind in (str, int, float, bool) or value is None:
            return fingerprint(value)
        found = self._objects.get(id(value))
        if found is not None:
            return found[1]
        if kind in (list, tuple) and value and _is_record(value[0]):
            digest = hashlib.blake2b(kind.__name__.encode(), digest_size=16)
            for item in value:
                digest.update(self.value(item))
            made = digest.digest()
        else:
            made = fingerprint(value)
        self._objects[id(value)] = (value, made)
        return made


Group = tuple[str, tuple[str, ...], list[Any]]


def group_reads(reads: list[Read]) -> list[Group]:
    """(table, path, [keys…]) runs of ``reads``, in their order: how a page's reads are stored."""
    groups: list[Group] = []
    for table, key, path in reads:
        if not groups or groups[-1][0] != table or groups[-1][1] != path:
            groups.append((table, path, []))
        groups[-1][2].append(key)
    return groups


def groups_digest(groups: list[Group], prints: Fingerprints) -> str:
    """One hash of the values at the reads of ``groups`` (in their order) as they are now."""
    digest = hashlib.blake2b(digest_size=16)
    for table, path, keys in groups:
        column = prints.column(table, path)
        found = list(map(column.get, keys))  # a page's reads are mostly known already: one pass
        if None in found:
            for position, key in enumerate(keys):
                if found[position] is None:
                    if key not in column:  # a key read twice is worked out once
                        column[key] = prints.value(resolve(prints.tables, (table, key, path)))
                    found[position] = column[key]
        digest.update(b"".join(found))  # type: ignore[arg-type]
    return digest.hexdigest()


def reads_digest(reads: list[Read], prints: Fingerprints) -> str:
    """:func:`groups_digest` of ``reads`` in the order given."""
    return groups_digest(group_reads(reads), prints)
