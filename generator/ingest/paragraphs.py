"""Cleaned lines to ``Paragraph`` objects: unwrap hard-wrapped text, find subheadings.

A seed's line structure means different things: BBC seeds put one sentence per
line, GGT seeds one paragraph per line, e-mail exports hard-wrap at ~72
characters. The rule that covers all three: every line is a paragraph unless
it is clearly a continuation (the previous line stops mid-sentence and this
one starts in lower case), or the whole block is hard-wrapped (most lines stop
mid-sentence and all are short).
"""

from __future__ import annotations

import re

from generator.model import Paragraph

from .textutil import ends_sentence, has_letters, is_open_ended, starts_lowercase, starts_uppercase, word_count

#: A subheading has at most this many words.
HEADING_MAX_WORDS = 10
#: A block is hard-wrapped when this share of its lines stop mid-sentence...
WRAPPED_OPEN_SHARE = 0.6
#: ...and no line is longer than this.
WRAPPED_MAX_LINE_CHARS = 100
#: ...the widest line is at least this long (wrap columns are 60-80 in practice)...
WRAPPED_MIN_WIDTH = 40
#: ...and most lines are filled to this share of the widest one.
WRAPPED_FILL_SHARE = 0.7
#: A paragraph below a subheading must look like prose: a finished sentence or this many words.
BODY_MIN_WORDS = 13

_MD_HEADING = re.compile(r"#{1,6}\s+(?P<text>.+?)(?:\s+#+)?")


def _groups(lines: list[str]) -> list[list[str]]:
    """Runs of consecutive non-blank lines."""
    groups: list[list[str]] = []
    current: list[str] = []
    for line in lines:
        if line.strip():
            current.append(line.strip())
        elif current:
            groups.append(current)
            current = []
    if current:
        groups.append(current)
    return groups


def _is_hard_wrapped(group: list[str]) -> bool:
    """Most lines stop mid-sentence, none is long, and they fill a common width.

    The width test keeps lists of short items (names, titles) apart: wrapped
    prose fills each line to near the wrap column; a list does not.
    """
    if len(group) < 3:
        return False
    widest = max(len(line) for line in group)
    if widest > WRAPPED_MAX_LINE_CHARS or widest < WRAPPED_MIN_WIDTH:
        return False
    body = group[:-1]
    open_lines = sum(1 for line in body if not ends_sentence(line))
    full_lines = sum(1 for line in body if len(line) >= WRAPPED_FILL_SHARE * widest)
    return open_lines >= WRAPPED_OPEN_SHARE * len(body) and full_lines >= WRAPPED_OPEN_SHARE * len(body)


def _join(left: str, right: str) -> str:
    if left.endswith("-") and len(left) > 1 and left[-2].isalpha() and starts_lowercase(right):
        return left + right  # "well-" + "known": keep the hyphen, drop the break
    return f"{left} {right}"


def unwrap(group: list[str]) -> list[str]:
    """Join continuation lines of one block; each remaining line is one paragraph."""
    wrapped = _is_hard_wrapped(group)
    out: list[str] = []
    for line in group:
        if out and not _MD_HEADING.fullmatch(line) and not _MD_HEADING.fullmatch(out[-1]):
            previous = out[-1]
            continues = not ends_sentence(previous) and previous[-1:] not in "\"”’"
            if continues and (starts_lowercase(line) or (wrapped and not previous.endswith(":"))):
                out[-1] = _join(previous, line)
                continue
        out.append(line)
    return out


def heading_shaped(text: str) -> bool:
    """Short, capitalised, and without closing punctuation: 'Iran wants to support Russia'."""
    stripped = text.strip()
    return (
        has_letters(stripped)
        and word_count(stripped) <= HEADING_MAX_WORDS
        and starts_uppercase(stripped)
        and is_open_ended(stripped)
        and stripped[-1] not in ",-–—/&|("
    )


def _body_shaped(text: str) -> bool:
    return ends_sentence(text) or word_count(text) >= BODY_MIN_WORDS


def build_paragraphs(lines: list[str]) -> list[Paragraph]:
    """Paragraphs from cleaned lines (blank lines separate blocks).

    Markdown ``#`` headings are headings; otherwise a heading-shaped line
    followed by a prose paragraph is a subheading.
    """
    texts: list[tuple[str, bool]] = []
    for group in _groups(lines):
        for line in unwrap(group):
            match = _MD_HEADING.fullmatch(line)
            if match:
                texts.append((match.group("text").strip(), True))
            else:
                texts.append((line, False))
    paragraphs: list[Paragraph] = []
    for index, (text, markdown_heading) in enumerate(texts):
        following = texts[index + 1][0] if index + 1 < len(texts) else None
        previous = paragraphs[-1] if paragraphs else None
        # The last item of a list of short lines is not a heading just because prose follows it.
        in_list = previous is not None and not previous.heading and heading_shaped(previous.text)
        heading = markdown_heading or (
            following is not None and not in_list and heading_shaped(text) and _body_shaped(following)
        )
        paragraphs.append(Paragraph(text=text, heading=heading))
    return paragraphs
