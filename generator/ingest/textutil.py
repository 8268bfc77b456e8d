"""Small line-shape predicates shared by the header, junk and paragraph modules.

Web junk, captions, headings and titles are all recognised partly by *shape*
(does the line end a sentence? how many words?), so the definitions live in
one place and every rule agrees on what "ends with terminal punctuation" means.
"""

from __future__ import annotations

import re

#: Characters that may close a sentence after its final punctuation mark.
CLOSERS = "\"'”’»)]"
#: Quotation marks that can close a quoted headline or sentence.
CLOSING_QUOTES = "\"'”’»"

#: Only the end of a line decides how it ends; searching just the tail keeps long lines cheap.
_TAIL = 16
_SENTENCE_END = re.compile(r"[.!?…][" + re.escape(CLOSERS) + r"]*$")
_ELLIPSIS_END = re.compile(r"(?:\.\.\.|…)[" + re.escape(CLOSERS) + r"]*$")


def ends_sentence(line: str) -> bool:
    """True when ``line`` ends like a finished sentence (``.``, ``!``, ``?``, ``…``).

    Closing quotes and brackets after the mark are allowed: ``said “yes.”``.
    """
    return bool(_SENTENCE_END.search(line.rstrip()[-_TAIL:]))


def ends_with_ellipsis(line: str) -> bool:
    """True for lines cut off with ``...`` or ``…`` (typical of teaser snippets)."""
    return bool(_ELLIPSIS_END.search(line.rstrip()[-_TAIL:]))


def is_open_ended(line: str) -> bool:
    """True when a line stops without any sentence-closing punctuation.

    Captions, headlines and subheadings share this shape; body sentences do not.
    A trailing closing quote, colon or semicolon also counts as closed, since
    it means the line is part of running prose or a quotation.
    """
    stripped = line.rstrip()
    if not stripped:
        return False
    if ends_sentence(stripped):
        return False
    return stripped[-1] not in CLOSING_QUOTES + ":;"


def word_count(text: str) -> int:
    """Whitespace-separated words; cheap and good enough for shape rules."""
    return len(text.split())


def starts_lowercase(line: str) -> bool:
    """True when the first letter-like character is lower case (a continuation)."""
    for char in line:
        if char.isalpha():
            return char.islower()
        if char.isdigit():
            return False
    return False


def starts_uppercase(line: str) -> bool:
    """True when the first character is an upper-case letter or a digit."""
    stripped = line.lstrip()
    return bool(stripped) and (stripped[0].isupper() or stripped[0].isdigit())


def has_letters(text: str) -> bool:
    """True when ``text`` holds at least one alphabetic character."""
    return any(char.isalpha() for char in text)
