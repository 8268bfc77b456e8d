"""Find the character spans of direct quotes in article text, before any parsing.

Quotation marks are read per paragraph (one line of ``Article.text``) with a
small state machine, because the rules are about characters, not tokens:

* double marks ``“…”`` and straight ``"…"``; a straight mark opens only at a word
  start (after a space, an opening bracket, a dash or a colon);
* single marks ``‘…’`` and straight ``'…'`` (British style). The closing ``’`` is
  also the apostrophe, so a candidate closer must not be followed by a letter
  or digit (``Iran’s``, ``don’t``); a plural possessive (``the Russians’ drones``)
  looks like a closer too, so a closer after an ``s`` followed by a space is
  "weak" and only used when no stronger one exists before the next opening mark;
  a single opener with no closer at all is an apostrophe (``’90s``) and ignored;
* a quote whose paragraph ends while it is open continues when the next
  paragraph reopens the same kind of mark (the British/US convention for
  multi-paragraph speech); otherwise a double-mark quote closes at the
  paragraph end, since writers drop closers far more often than they invent
  openers.

Everything here is linear in the text length: each paragraph is scanned once,
and the single-quote closer search stops at the next opening mark.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

DOUBLE_OPEN = "“„«"
DOUBLE_CLOSE = "”»"
SINGLE_OPEN = "‘‚"
OPEN_CONTEXT = set(" \t([{—–-/:;“‘\"'…")
"""Characters after which a straight mark is an opener rather than a closer."""
STRONG_AFTER = set(".,;:!?)]}—–-”\"…")
STRONG_BEFORE = set(".,;:!?…")
ELISION = re.compile(r"\d\ds\b|(?:em|n|tis|twas|cause|til)\b", re.IGNORECASE)
"""Text after a would-be single opener that marks it as an apostrophe: '90s, 'em, 'n'."""


@dataclass
class QuoteSpan:
    """One direct quote as character offsets into the text.

    ``start``/``end`` cover the marks; ``pieces`` are the quoted text ranges
    without marks, one per paragraph the quote runs over. ``single`` tells
    single-mark quotes from double ones; ``closed`` is False when the
    paragraph ended before a closing mark.
    """

    start: int
    end: int
    pieces: list[tuple[int, int]] = field(default_factory=list)
    single: bool = False
    closed: bool = True

    def text(self, source: str) -> str:
        """The quoted words without outer marks; a quote's paragraphs are joined by a newline."""
        parts = [source[a:b].strip() for a, b in self.pieces]
        return "\n".join(p for p in parts if p)


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of every non-blank line: the pipeline writes one paragraph per line."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        end = pos + len(line)
        if line.strip():
            spans.append((pos, end))
        pos = end + 1
    return spans


def _is_word(ch: str) -> bool:
    return ch.isalnum()


def _opens_here(text: str, i: int, start: int, end: int) -> bool:
    """A mark at ``i`` stands where a quote can open: word start, text follows."""
    before_ok = i == start or text[i - 1] in OPEN_CONTEXT or text[i - 1].isspace()
    after_ok = i + 1 < end and not text[i + 1].isspace()
    return before_ok and after_ok


def _single_opener(text: str, i: int, start: int, end: int) -> bool:
    """A single mark that can open a quote (not an elision such as ’90s or ’em)."""
    if not _opens_here(text, i, start, end):
        return False
    if text[i] == "'" and not _is_word(text[i + 1]):
        return False
    return not ELISION.match(text, i + 1)


def _single_closer(text: str, i: int, end: int) -> str | None:
    """Classify a possible single closing mark at ``i``: "strong", "weak" or None."""
    if text[i] not in "’'":
        return None
    nxt = text[i + 1] if i + 1 < end else ""
    if nxt and _is_word(nxt):
        return None  # Iran’s, don’t: an apostrophe inside a word
    prev = text[i - 1] if i > 0 else ""
    if not prev or prev.isspace():
        return None
    if not nxt or nxt in STRONG_AFTER or prev in STRONG_BEFORE:
        return "strong"
    if prev in "sS" and nxt.isspace():
        return "weak"  # ‘hundreds’ of … or the Russians’ drones
    return "strong"


def _find_single_close(text: str, i: int, end: int) -> int | None:
    """Index of the closer for a single quote opened before ``i``, or None.

    The search stops at the next single opening mark: quotes of one kind do
    not nest, so a closer beyond it belongs to the later quote.
    """
    weak: int | None = None
    for j in range(i, end):
        kind = _single_closer(text, j, end)
        if kind == "strong":
            return j
        if kind == "weak" and weak is None:
            weak = j
        if kind is None and text[j] in "‘'" and _single_opener(text, j, i, end):
            break
    return weak


def _find_double_close(text: str, i: int, end: int) -> tuple[int, int] | None:
    """(index, length) of the closer of a double quote opened before ``i``."""
    j = i
    while j < end:
        ch = text[j]
        if ch in DOUBLE_CLOSE or ch == '"':
            return j, 1
        if ch in "’'" and j + 1 < end and text[j + 1] == ch:
            return j, 2  # ’’ or '' typed for a closing double mark
        j += 1
    return None


def _reopens(text: str, para: tuple[int, int], single: bool) -> bool:
    """The paragraph starts by reopening a mark of the given kind (quote continues)."""
    start, end = para
    if start >= end:
        return False
    ch = text[start]
    if single:
        return ch in SINGLE_OPEN or (ch == "'" and _single_opener(text, start, start, end))
    return ch in DOUBLE_OPEN or ch == '"' or text.startswith(("‘‘", "``"), start)


def _opener_at(text: str, i: int, start: int, end: int) -> tuple[bool, int] | None:
    """(single?, mark length) when a quote opens at ``i``, else None."""
    ch = text[i]
    if text.startswith(("‘‘", "``"), i) or (
        text.startswith("‘’", i) and i + 2 < end and _is_word(text[i + 2])
    ):
        return False, 2  # doubled single marks typed for “ (and the odd ‘’ typo)
    if ch in DOUBLE_OPEN:
        return False, 1
    if ch == '"' and _opens_here(text, i, start, end):
        return False, 1
    if ch in SINGLE_OPEN and _single_opener(text, i, start, end):
        return True, 1
    if ch == "'" and _single_opener(text, i, start, end):
        return True, 1
    return None


def find_quote_spans(text: str) -> list[QuoteSpan]:
    """All direct quotes in ``text`` in reading order (see the module doc for the rules)."""
    paras = paragraphs(text)
    spans: list[QuoteSpan] = []
    carry: QuoteSpan | None = None
    for p_index, (p_start, p_end) in enumerate(paras):
        nxt = paras[p_index + 1] if p_index + 1 < len(paras) else None
        i = p_start
        if carry is not None:
            i = p_start + (2 if text.startswith(("‘‘", "``"), p_start) else 1)
        while i < p_end or carry is not None:
            if carry is not None:
                quote, carry = carry, None
                found = _close(text, i, p_end, quote.single)
                if found is None:
                    quote.pieces.append((i, p_end))
                    if nxt is not None and _reopens(text, nxt, quote.single):
                        carry = quote
                        break
                    quote.end, quote.closed = p_end, False
                    spans.append(quote)
                    i = p_end
                    continue
                close_at, length = found
                quote.pieces.append((i, close_at))
                quote.end = close_at + length
                spans.append(quote)
                i = quote.end
                continue
            opened = _opener_at(text, i, p_start, p_end)
            if opened is None:
                i += 1
                continue
            single, length = opened
            body = i + length
            found = _close(text, body, p_end, single)
            if found is None and single:
                if nxt is None or not _reopens(text, nxt, True):
                    i += 1  # no closer anywhere: an apostrophe, not a quote
                    continue
            carry = QuoteSpan(start=i, end=i, single=single)
            i = body
        # a quote carried past the last paragraph is closed in the loop above
    return [s for s in spans if _has_words(text, s)]


def _close(text: str, i: int, end: int, single: bool) -> tuple[int, int] | None:
    if single:
        j = _find_single_close(text, i, end)
        return (j, 1) if j is not None else None
    return _find_double_close(text, i, end)


def _has_words(text: str, span: QuoteSpan) -> bool:
    """Keep quotes with at least one word of two letters (drops 'n' in rock 'n' roll)."""
    return any(re.search(r"[^\W\d_]{2}", text[a:b]) for a, b in span.pieces)
