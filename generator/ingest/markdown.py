"""Reduce Markdown seeds to plain lines, keeping headings recognisable.

Only the markup a pasted article is likely to carry is handled: images (dropped
and recorded: they are captions or pictures, not prose), links (text kept),
emphasis, inline code, block quotes, list bullets, HTML comments. Headings keep
their ``#`` so the paragraph builder can mark them as headings.
"""

from __future__ import annotations

import re

#: Inline markup is only stripped from lines up to this length.
MAX_MARKUP_LINE_CHARS = 20_000

_IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[(?P<text>[^\]]+)\]\((?:[^()\s]|\([^)]*\))*(?:\s+\"[^\"]*\")?\)")
_REF_LINK = re.compile(r"\[(?P<text>[^\]]+)\]\[[^\]]*\]")
_LINK_DEFINITION = re.compile(r"\[[^\]]+\]:\s+\S+.*")
_EMPHASIS = re.compile(r"(?<!\w)(\*\*|__|\*|_|~~)(?=\S)(?P<inner>.+?)(?<=\S)\1(?!\w)")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>])")
_CODE = re.compile(r"`([^`]+)`")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_QUOTE = re.compile(r"^(?:>\s?)+")
_BULLET = re.compile(r"^(?:[-*+]|\d{1,3}[.)])\s+(?=\S)")
_FENCE = re.compile(r"^(```|~~~)")


def markdown_to_lines(text: str) -> tuple[list[str], list[str]]:
    """Plain lines from Markdown ``text`` and the list of removed fragments (images, code fences)."""
    removed: list[str] = []

    def _drop_comment(match: re.Match[str]) -> str:
        removed.append(match.group(0))
        return ""

    text = _COMMENT.sub(_drop_comment, text)
    out: list[str] = []
    in_fence = False
    for raw in text.split("\n"):
        line = raw.strip()
        if _FENCE.match(line):
            in_fence = not in_fence
            removed.append(line)
            continue
        if in_fence:
            if line:
                removed.append(line)
            continue
        if _LINK_DEFINITION.fullmatch(line):
            removed.append(line)
            continue
        if len(line) > MAX_MARKUP_LINE_CHARS:
            out.append(" ".join(line.split()))  # inline patterns are quadratic on huge lines: leave as is
            continue
        for image in _IMAGE.finditer(line):
            removed.append(image.group(0))
        line = _IMAGE.sub("", line)
        line = _LINK.sub(lambda m: m.group("text"), line)
        line = _REF_LINK.sub(lambda m: m.group("text"), line)
        line = _QUOTE.sub("", line)
        line = _BULLET.sub("", line)
        line = _CODE.sub(r"\1", line)
        for _ in range(2):  # nested **_bold italic_**
            line = _EMPHASIS.sub(lambda m: m.group("inner"), line)
        line = _ESCAPE.sub(r"\1", line)
        out.append(" ".join(line.split()))
    return out, removed
