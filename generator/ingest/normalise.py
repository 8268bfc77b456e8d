"""Character- and line-level clean-up of decoded text.

Everything here is about the *form* of the text, not its meaning: line ends,
invisible characters, NUL bytes, mojibake, HTML entities, over-long lines and
over-long "words". Each function returns warnings for anything it changed
that a user might want to know about, and records dropped text, so nothing
is lost silently.
"""

from __future__ import annotations

import bisect
import html
import re
import unicodedata

from generator.lexicon import words

from . import limits

_NEWLINES = re.compile(r"\r\n|[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
_CONTROL = re.compile(r"[\x01-\x08\x0e-\x1f\x7f-\x9f]")
_ZERO_WIDTH = re.compile(r"[\u00ad\u200b\u2060\ufeff]")
_SPACES = re.compile(r"[\t \u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
#: Typical traces of UTF-8 bytes that were decoded as cp1252/latin-1 ("â€™", "Ã©", "Â ").
_MOJIBAKE = re.compile("â€|Ã[\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]|Â[\u00a0-\u00bf]")


def truncate(text: str, bytes_truncated: bool, size: int) -> tuple[str, list[str]]:
    """Keep at most ``limits.MAX_CHARS`` characters, ending on a word boundary.

    ``bytes_truncated`` means the reader already stopped early, so the text is
    known to be incomplete even if it is under the character limit.
    """
    limit = limits.MAX_CHARS
    if len(text) <= limit and not bytes_truncated:
        return text, []
    cut = text[:limit]
    space = max(cut.rfind("\n", limit - 500 if limit > 500 else 0), cut.rfind(" ", limit - 200 if limit > 200 else 0))
    if space > 0:
        cut = cut[:space]
    return cut, [f"truncated to the first {len(cut):,} characters (file is {size:,} bytes)"]


def repair_mojibake(text: str) -> tuple[str, list[str]]:
    """Undo UTF-8-read-as-cp1252 damage line by line ("donâ€™t" -> "don’t").

    A line is only replaced when re-encoding it as cp1252 yields valid UTF-8
    with fewer mojibake traces, so genuine accented text is never touched.
    """
    if not _MOJIBAKE.search(text):
        return text, []
    lines = text.split("\n")
    fixed = 0
    for index, line in enumerate(lines):
        if not _MOJIBAKE.search(line):
            continue
        try:
            candidate = line.encode("cp1252").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
        if len(_MOJIBAKE.findall(candidate)) < len(_MOJIBAKE.findall(line)):
            lines[index] = candidate
            fixed += 1
    if not fixed:
        return text, []
    return "\n".join(lines), [f"repaired mis-decoded UTF-8 (mojibake) in {fixed} line(s)"]


def normalise_text(text: str) -> tuple[str, list[str]]:
    """Canonical line ends, no NUL/control/zero-width characters, plain spaces, NFC.

    Lines are stripped and inner runs of spaces collapsed; empty lines stay
    (they separate paragraphs). Stray NUL bytes are reported because they
    usually mean a damaged or concatenated file.
    """
    warnings: list[str] = []
    text = _NEWLINES.sub("\n", text)
    nuls = text.count("\x00")
    if nuls:
        text = text.replace("\x00", "")
        warnings.append(f"removed {nuls} NUL byte(s)")
    text = _ANSI.sub("", text)
    controls = len(_CONTROL.findall(text))
    if controls:
        text = _CONTROL.sub("", text)
        warnings.append(f"removed {controls} control character(s)")
    text, mojibake_warnings = repair_mojibake(text)
    warnings.extend(mojibake_warnings)
    text = _ZERO_WIDTH.sub("", text)
    if _ENTITY.search(text):
        text = _ENTITY.sub(lambda m: html.unescape(m.group(0)), text)
    text = unicodedata.normalize("NFC", text)
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return "\n".join(lines), warnings


def _is_wide(token: str) -> bool:
    """True for scripts written without spaces (CJK), where long runs are normal."""
    wide = sum(1 for char in token if unicodedata.east_asian_width(char) in ("W", "F"))
    return wide * 2 > len(token)


def drop_long_words(lines: list[str]) -> tuple[list[str], list[str], list[str]]:
    """Remove runs of more than ``limits.MAX_WORD_CHARS`` non-space characters.

    Returns ``(lines, removed excerpts, warnings)``. Such runs are data, not
    prose (base64, hashes, tracking URLs) and would break page layout.
    """
    pattern = re.compile(r"\S{%d,}" % (limits.MAX_WORD_CHARS + 1))
    removed: list[str] = []
    out: list[str] = []
    for line in lines:
        if len(line) <= limits.MAX_WORD_CHARS or not pattern.search(line):
            out.append(line)
            continue

        def _drop(match: re.Match[str]) -> str:
            token = match.group(0)
            if _is_wide(token):
                return token
            excerpt = token[: limits.REMOVED_EXCERPT_CHARS]
            if len(token) > len(excerpt):
                excerpt += f"… ({len(token):,} characters)"
            removed.append(excerpt)
            return " "

        out.append(_SPACES.sub(" ", pattern.sub(_drop, line)).strip())
    warnings = []
    if removed:
        warnings.append(
            f"dropped {len(removed)} over-long word(s) (more than {limits.MAX_WORD_CHARS} characters without a space)"
        )
    return out, removed, warnings


#: A sentence end inside a line: terminal mark, optional closers, space, then a capital/quote/digit.
_SENTENCE_BREAK = re.compile(r"[.!?…][\"'”’»)\]]*(?=\s+[\"“‘'(\[]?[A-Z0-9])")
#: Words whose trailing period does not end a sentence.
_ABBREVIATIONS = words("period_abbreviations")


def _sentence_breaks(line: str) -> list[int]:
    breaks: list[int] = []
    for match in _SENTENCE_BREAK.finditer(line):
        start = match.start()
        word_start = max(line.rfind(" ", 0, start) + 1, 0)
        word = line[word_start:start].strip("\"'“‘(").lower()
        if line[start] == "." and (word in _ABBREVIATIONS or len(word) == 1 or "." in word):
            continue  # "Mr. Smith", "J. Smith", "U.S. officials"
        breaks.append(match.end())
    return breaks


def split_long_line(line: str) -> list[str]:
    """Cut an over-long line into paragraph-sized pieces, at sentence ends when possible.

    Pieces are about ``limits.PARAGRAPH_TARGET_CHARS`` long; where no sentence
    end is in reach (no punctuation for thousands of characters), the cut falls
    on the last space before twice that size.
    """
    if len(line) <= limits.LONG_LINE_CHARS:
        return [line]
    target = limits.PARAGRAPH_TARGET_CHARS
    breaks = _sentence_breaks(line)
    pieces: list[str] = []
    start = 0
    while len(line) - start > target * 2:
        index = bisect.bisect_left(breaks, start + target)
        cut = breaks[index] if index < len(breaks) and breaks[index] <= start + target * 2 else -1
        if cut < 0:
            space = line.rfind(" ", start + target // 2, start + target * 2)
            cut = space if space > start else start + target * 2
        pieces.append(line[start:cut].strip())
        start = cut
    pieces.append(line[start:].strip())
    return [piece for piece in pieces if piece]


def split_long_lines(lines: list[str]) -> tuple[list[str], list[str]]:
    """Apply :func:`split_long_line` to every line; pieces are separated by blank lines.

    The blank line makes each piece its own paragraph, so the hard-wrap joiner
    never glues them back together.
    """
    out: list[str] = []
    split = 0
    for line in lines:
        pieces = split_long_line(line)
        if len(pieces) > 1:
            split += 1
            for index, piece in enumerate(pieces):
                if index:
                    out.append("")
                out.append(piece)
        else:
            out.append(line)
    warnings = [f"split {split} very long line(s) into paragraphs"] if split else []
    return out, warnings
