"""Where a text writes a capitalised word, one space, then a given name ("Josh Leivo").

:func:`generator.link.votes.named_in_full` asks this for about a thousand lone names, each
in its own articles. One regular expression per name,
``\\b([A-Z][a-z]+|[A-Z]+) (?:NAME|NAME IN CAPITALS)\\b``, compiled and then run over the
whole of each text, cost a third of a second at 2,000 articles. :func:`words_before` finds
the name's occurrences with ``str.find`` and reads the word before each one, applying the
pattern's rules, left-to-right non-overlapping matching included: the same words, in the
same order, with no pattern to compile.
"""

from __future__ import annotations

import re
from string import ascii_letters

#: A capitalised or all-capital word, then exactly one space: the per-name pattern's head.
_WORD_THEN_SPACE = re.compile(r"\b([A-Z][a-z]+|[A-Z]+) ")
_BOUNDARY = re.compile(r"\b")
_LETTERS = frozenset(ascii_letters)


def words_before(text: str, surface: str) -> list[str]:
    """The capitalised words ``text`` writes right before ``surface`` (as written or in
    capitals, ending at a word boundary): group 1 of each match of
    ``\\b([A-Z][a-z]+|[A-Z]+) (?:S|SU)\\b``, in order."""
    # The alternatives in the per-name pattern's order (sorted as escaped).
    escaped = {re.escape(surface): surface, re.escape(surface.upper()): surface.upper()}
    alternatives = [escaped[key] for key in sorted(escaped)]
    if not all(alternatives):  # an empty name: whatever follows the space (never seen in practice)
        pattern = re.compile(r"\b([A-Z][a-z]+|[A-Z]+) (?:" + "|".join(sorted(escaped)) + r")\b")
        return [match.group(1) for match in pattern.finditer(text)]
    starts: set[tuple[int, int]] = set()  # (the word's start, where the name starts)
    for alt in alternatives:
        at = text.find(alt, 2)
        while at != -1:
            if text[at - 1] == " ":
                # The word is the whole run of ASCII letters before the space (a word boundary
                # cannot fall inside it); the head pattern must match it exactly.
                start = at - 1
                while start and text[start - 1] in _LETTERS:
                    start -= 1
                head = _WORD_THEN_SPACE.match(text, start) if start < at - 1 else None
                if head is not None and head.end() == at:
                    starts.add((start, at))
            at = text.find(alt, at + 1)
    words = []
    resume = 0  # a match consumes the text up to its end: the next one starts there or later
    for start, at in sorted(starts):
        if start < resume:
            continue
        for alt in alternatives:
            end = at + len(alt)
            if text.startswith(alt, at) and _BOUNDARY.match(text, end):
                words.append(text[start : at - 1])
                resume = end
                break
    return words
