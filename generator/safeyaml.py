"""YAML from a user's file, bounded before anything is built from it.

PyYAML's ``safe_load`` runs no code, but it still expands aliases (a few
hundred bytes of ``&a [*b, *b, ...]`` become billions of nodes: MemoryError),
recurses once per nesting level (5,000 levels: RecursionError) and turns
``2022-13-45`` into a date (ValueError). Each of those stopped a whole build
with a traceback. This loader refuses aliases and anchors, refuses nesting
deeper than :data:`MAX_DEPTH` while composing (before any object exists),
refuses text longer than :data:`MAX_CHARS`, and keeps timestamps as the text
they were written as (the caller validates dates). Every refusal is a
:class:`yaml.YAMLError` with a position, so callers have one exception to
turn into a line naming the file.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import yaml
from yaml.composer import ComposerError
from yaml.events import AliasEvent
from yaml.nodes import Node

#: Nesting levels accepted (a front matter or corrections.yml needs three or four).
MAX_DEPTH = 32
#: Characters of YAML read at most.
MAX_CHARS = 1_000_000


class BoundedLoader(yaml.SafeLoader):
    """``SafeLoader`` without aliases, timestamps as text, and a depth limit."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:  # type: ignore[override]
        if self.check_event(AliasEvent):
            event = self.peek_event()
            raise ComposerError(None, None, "aliases (*name) are not accepted", event.start_mark)
        event = self.peek_event()
        if getattr(event, "anchor", None) is not None:
            raise ComposerError(None, None, "anchors (&name) are not accepted", event.start_mark)
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise ComposerError(None, None, f"nested more than {MAX_DEPTH} levels deep", event.start_mark)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


# Dates stay text: the callers validate them and warn, instead of a ValueError from datetime.
BoundedLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
BoundedLoader.add_constructor("tag:yaml.org,2002:timestamp", yaml.SafeLoader.construct_yaml_str)


def _run(text: str, step: Callable[[BoundedLoader], Any]) -> Any:
    if len(text) > MAX_CHARS:
        raise yaml.YAMLError(f"longer than {MAX_CHARS:,} characters")
    loader = BoundedLoader(text)
    try:
        return step(loader)
    finally:
        loader.dispose()


def load(text: str) -> Any:
    """The Python value of ``text`` (plain dicts, lists, strings, numbers); raises ``yaml.YAMLError``."""
    return _run(text, BoundedLoader.get_single_data)


def compose(text: str) -> Node | None:
    """The node tree of ``text`` (with line numbers); raises ``yaml.YAMLError``."""
    return _run(text, BoundedLoader.get_single_node)
