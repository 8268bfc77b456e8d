"""Lists of "Name, Work" lines: what a name is listed for is not a name of anyone.

Award nominees, cast lists and product round-ups are written one item a line:
"Emily Blunt, Mary Poppins Returns", "Alison Brie (Glow)", "Jason Bateman,
Ozark". The tagger reads the second part as another name (a person "Glow", a
place "Ozark"); it is the work, show or product the first is listed for. A
line of this shape is no sentence, and a single one may be prose ("Smith,
Jones"), so only a run of such lines counts as a list.

Result lists hold countries in that place ("Naoki Soma (Japan)"): a known
place in the second part stays a place. Lines with figures are tables, read
elsewhere (:func:`generator.analyse.entities._in_table_line`).
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from generator.lexicon.gazetteer import lookup_place

from .doc_text import doc_text

#: Consecutive item lines from which a run is a list.
MIN_RUN = 3
#: Most words on an item line.
MAX_WORDS = 12
# An optional label ("** WINNER:"), the item, then what it is listed for after one comma or
# in one closing bracket. No sentence punctuation, no figures.
_ITEM = re.compile(
    r"^\W*(?:[A-Z][A-Z ]*:\s*)?(?P<head>[^,()\d;:!]+?)\s*(?:,\s*(?P<tail>[^,()\d;]+?)|\((?P<brack>[^()\d]+)\))\s*$"
)


def _tail(paragraph: str) -> tuple[int, int] | None:
    """Where the listed-for part of an item line is, or None when the line is no item."""
    if len(paragraph.split()) > MAX_WORDS or "\n" in paragraph.strip():
        return None
    m = _ITEM.match(paragraph)
    if m is None:
        return None
    group = "tail" if m.group("tail") is not None else "brack"
    return m.start(group), m.end(group)


def listed_for(doc: Doc) -> list[tuple[int, int]]:
    """Character ranges of the listed-for parts of every item line in a run of ``MIN_RUN`` or more."""
    text = doc_text(doc)
    ranges: list[tuple[int, int]] = []
    run: list[tuple[int, int]] = []
    pos = 0
    for part in text.split("\n\n"):
        stripped = part.strip()
        if stripped:
            lead = len(part) - len(part.lstrip())
            tail = _tail(stripped)
            if tail is None:
                if len(run) >= MIN_RUN:
                    ranges.extend(run)
                run = []
            else:
                run.append((pos + lead + tail[0], pos + lead + tail[1]))
        pos += len(part) + 2
    if len(run) >= MIN_RUN:
        ranges.extend(run)
    return ranges


def is_listed_for(start: int, end: int, name: str, ranges: list[tuple[int, int]]) -> bool:
    """The name lies in a listed-for part and is not a known place."""
    return any(a <= start and end <= b for a, b in ranges) and lookup_place(name) is None
