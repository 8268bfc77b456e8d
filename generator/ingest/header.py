"""Read the header block at the top of a plain-text seed: title, date, URL.

Seeds come in three shapes, and all must work:

* title, blank line, body (BBC style; also our own seed 000);
* title, date line, URL line, body with no blank lines (scraper exports);
* body only (GGT style, and seeds whose first line is already a sentence).

The title rule is deliberately strict: a body sentence must never be taken as
a title. A candidate must be the first non-junk line, at most
``MAX_TITLE_CHARS`` long, start with a capital or digit, and either be followed
by a date/URL line (a strong header signal), or be headline-shaped (no closing
punctuation) and followed by a blank line and more text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable
from urllib.parse import urlsplit

from .dates import parse_date_line
from .textutil import CLOSING_QUOTES, ends_sentence, has_letters, starts_lowercase, word_count

#: Longest line accepted as a title.
MAX_TITLE_CHARS = 200
#: A title found only by its shape needs this many words ("CTV Vancouver" is a credit).
MIN_TITLE_WORDS = 3
#: Lines longer than this are never header lines (cheap guard for huge lines).
MAX_HEADER_LINE_CHARS = 2_100
#: Junk lines (bylines, share prompts) skipped over while looking for date/URL lines.
MAX_SKIPPED_JUNK = 2
#: How many lines below the title a date/URL line may appear in the header block.
MAX_HEADER_LINES = 6

_URL_LINE = re.compile(
    r"(?:(?:source|url|link|original(?:ly published at)?|canonical|from)\s*:\s*)?<?(?P<url>https?://\S+?)>?",
    re.IGNORECASE,
)
_MD_HEADING = re.compile(r"#{1,6}\s+(?P<text>.+?)\s*#*")


@dataclass
class Header:
    """What the top of a file said about itself; ``extra`` holds repeated header lines."""

    title: str | None = None
    date: str | None = None
    url: str | None = None
    publisher: str | None = None
    extra: list[str] = field(default_factory=list)


def parse_url_line(line: str) -> str | None:
    """The URL when the whole line is an http(s) URL (optionally labelled ``Source:``)."""
    text = line.strip()
    if not text or len(text) > MAX_HEADER_LINE_CHARS:
        return None
    match = _URL_LINE.fullmatch(text)
    if not match:
        return None
    url = match.group("url").rstrip(".,;")
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    host = parts.hostname or ""
    if parts.scheme.lower() not in ("http", "https") or "." not in host:
        return None
    return url


def publisher_from_url(url: str) -> str | None:
    """The site's host name without ``www.``: ``https://www.mirror.co.uk/x`` -> ``mirror.co.uk``."""
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return None
    host = re.sub(r"^www\d*\.", "", host.lower().rstrip("."))
    return host or None


def _is_header_line(line: str) -> bool:
    return len(line) <= MAX_HEADER_LINE_CHARS and (parse_date_line(line) or parse_url_line(line)) is not None


def _strip_md_heading(line: str) -> tuple[str, bool]:
    match = _MD_HEADING.fullmatch(line)
    if match:
        return match.group("text"), True
    return line, False


def headline_shaped(line: str) -> bool:
    """Short, starts like a headline and does not end like a sentence or a quotation."""
    text = line.strip()
    if not text or len(text) > MAX_TITLE_CHARS or not has_letters(text):
        return False
    if starts_lowercase(text) or text[0] in "([{-–—•*>|":
        return False
    if ends_sentence(text) or text[-1] in ",;:-–—/|&":
        return False
    if text[-1] in CLOSING_QUOTES and not _closes_quoted_phrase(text):
        return False
    return True


def _closes_quoted_phrase(text: str) -> bool:
    """True for headline scare quotes: ``Call centre users 'lose patience'``.

    The final quote must close a phrase opened on the same line, and the
    phrase must not end with sentence punctuation (that would be a quotation
    in a body sentence, as in ``He said: “We will win.”``).
    """
    closing = text[-1]
    opening = {"’": "‘", "”": "“", "»": "«"}.get(closing, closing)
    inner = text[:-1]
    start = inner.rfind(opening)
    if start < 0 or (opening == "'" and start > 0 and inner[start - 1].isalnum()):
        return False
    phrase = inner[start + 1 :]
    return bool(phrase.strip()) and phrase.rstrip()[-1] not in ".!?…,;:"


def read_header(lines: list[str], is_junk: Callable[[str], bool] = lambda line: False) -> tuple[Header, list[str]]:
    """Split ``lines`` into a :class:`Header` and the remaining body lines.

    ``is_junk`` lets the caller's web-junk rules veto a title candidate (a
    photo caption or "Share post:" line at the top is not a title); such
    lines stay in the body for the junk pass to remove and record.
    """
    header = Header()
    nonblank = [index for index, line in enumerate(lines) if line.strip()]
    if not nonblank:
        return header, list(lines)

    # Junk lines above the title are skipped over, not consumed.
    position = 0
    while position < len(nonblank) and is_junk(lines[nonblank[position]]) and not _is_header_line(lines[nonblank[position]]):
        position += 1
    if position == len(nonblank):
        return header, list(lines)

    consumed: set[int] = set()
    first = nonblank[position]
    candidate, markdown = _strip_md_heading(lines[first])
    following = nonblank[position + 1] if position + 1 < len(nonblank) else None
    if following is not None and not _is_header_line(lines[first]):
        # A byline or share prompt may sit between a title and its date line.
        upcoming = list(nonblank[position + 1 : position + 2 + MAX_SKIPPED_JUNK])
        while len(upcoming) > 1 and is_junk(lines[upcoming[0]]) and not _is_header_line(lines[upcoming[0]]):
            upcoming.pop(0)
        next_is_header = _is_header_line(lines[upcoming[0]])
        blank_between = following > first + 1
        if next_is_header or markdown:
            # Strong signal: only rule out what no headline looks like.
            is_title = (
                len(candidate) <= MAX_TITLE_CHARS
                and has_letters(candidate)
                and not starts_lowercase(candidate)
                and not candidate.rstrip().endswith((".", ",", ";", ":"))
            ) or (markdown and headline_shaped(candidate))
        else:
            is_title = blank_between and headline_shaped(candidate) and word_count(candidate) >= MIN_TITLE_WORDS
        if is_title:
            header.title = candidate.strip()
            consumed.add(first)
            position += 1

    # Date and URL lines directly below (or instead of) the title.
    scanned = 0
    while position < len(nonblank) and scanned < MAX_HEADER_LINES:
        index = nonblank[position]
        line = lines[index]
        if len(line) > MAX_HEADER_LINE_CHARS:
            break
        date = parse_date_line(line)
        url = None if date else parse_url_line(line)
        if date is None and url is None:
            if is_junk(line) and scanned < MAX_SKIPPED_JUNK:
                position += 1  # left in the body for the junk pass to remove and record
                scanned += 1
                continue
            break
        if date is not None and header.date is None:
            header.date = date
        elif url is not None and header.url is None:
            header.url = url
        else:
            header.extra.append(line)
        consumed.add(index)
        position += 1
        scanned += 1

    if header.url:
        header.publisher = publisher_from_url(header.url)
    return header, [line for index, line in enumerate(lines) if index not in consumed]
