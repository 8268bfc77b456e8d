"""Reduce Markdown seeds to plain lines with a real CommonMark parser (markdown-it-py).

Regular expressions cannot tell a link from text in brackets, or an HTML block
from a sentence that mentions ``<b>``; a parser can. The token stream is walked
and turned back into the plain line format the rest of ingest expects:

* paragraphs, list items, block-quote paragraphs and table rows each become
  one block of lines (a soft line break stays a line break, so the header,
  junk and unwrap rules see the same lines as in a ``.txt`` seed);
* headings stay headings, written ``# text`` so the header and paragraph
  builders recognise them; a setext heading that reads like a sentence
  (``Some paragraph.`` over a stray ``---``) stays a paragraph;
* links keep their text, emphasis and inline code keep theirs;
* images, code blocks, HTML (block and inline) and link definitions are
  dropped and recorded in ``removed``, so nothing disappears silently.

markdown-it stops descending at its nesting limit and silently skips the rest
of that block; any source line whose words reached no output is therefore
found afterwards and kept as plain text, with a warning.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token

from .paragraphs import HEADING_MAX_WORDS
from .textutil import ends_sentence, word_count

#: Container markers (block quotes, list bullets) stripped from a line recovered as plain text.
_CONTAINER_MARKERS = re.compile(r"^(?:\s*(?:>|[-*+](?=\s|$)|\d{1,9}[.)](?=\s|$))\s*)+")
#: A link reference definition line: ``[label]: target``.
_LINK_DEFINITION = re.compile(r"\s*\[[^\]]+\]:\s*\S.*")
_WORD = re.compile(r"\w")
#: Separator between the cells of a table row read as one paragraph.
CELL_SEPARATOR = " | "


@dataclass
class MarkdownText:
    """Plain lines (blocks separated by blank lines), the fragments dropped, and warnings."""

    lines: list[str]
    removed: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _parser() -> MarkdownIt:
    """CommonMark plus tables and strikethrough (common in pasted articles).

    Every link target is accepted: links are reduced to their text and the
    target is never output, so a ``javascript:`` link must not stay literal
    ``[text](javascript:...)`` markup in the article text.
    """
    md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    return md


_MD = _parser()


def _inline_text(children: Sequence[Token], removed: list[str], line_break: str) -> str:
    """The visible text of an inline token's children; images and inline HTML go to ``removed``."""
    parts: list[str] = []
    for child in children:
        kind = child.type
        if kind in ("text", "code_inline"):
            parts.append(child.content)
        elif kind in ("softbreak", "hardbreak"):
            parts.append(line_break)
        elif kind == "image":
            alt = _inline_text(child.children or [], [], " ")
            removed.append(f"![{alt}]({child.attrs.get('src', '')})")
        elif kind == "html_inline":
            removed.append(child.content)
        # link/emphasis/strikethrough open and close tokens carry no text
    return "".join(parts)


def _clean(text: str) -> list[str]:
    """Lines with inner whitespace folded; empty lines dropped (a block never holds a blank)."""
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return [line for line in lines if line]


def _source(lines: list[str], span: Sequence[int] | None) -> str:
    if not span:
        return ""
    return "\n".join(lines[span[0] : span[1]]).strip()


def _covers(covered: set[int], span: Sequence[int] | None) -> None:
    if span:
        covered.update(range(span[0], span[1]))


def markdown_to_lines(text: str) -> MarkdownText:
    """Plain lines from Markdown ``text``, the fragments removed, and warnings.

    Each block (paragraph, list item, heading, table row) is followed by a
    blank line, so the paragraph builder never glues two blocks together.
    """
    source = text.split("\n")
    env: dict[str, Any] = {}
    tokens = _MD.parse(text, env)
    blocks: list[tuple[int, list[str]]] = []  # (first source line, output lines)
    removed_at: list[tuple[int, str]] = []
    covered: set[int] = set()
    row: list[str] = []
    row_start = 0

    for index, token in enumerate(tokens):
        kind = token.type
        start = token.map[0] if token.map else (blocks[-1][0] if blocks else 0)
        if kind in ("fence", "code_block", "html_block"):
            removed_at.append((start, _source(source, token.map) or token.content.strip()))
            _covers(covered, token.map)
        elif kind == "hr":
            _covers(covered, token.map)
        elif kind == "tr_open":
            row, row_start = [], start
        elif kind == "tr_close":
            if any(row):
                blocks.append((row_start, [CELL_SEPARATOR.join(cell for cell in row)]))
        elif kind == "inline":
            _covers(covered, token.map)
            opener = tokens[index - 1].type if index else ""
            removed: list[str] = []
            if opener in ("th_open", "td_open"):
                row.append(" ".join(_inline_text(token.children or [], removed, " ").split()))
            elif opener == "heading_open":
                heading = tokens[index - 1]
                content = " ".join(_inline_text(token.children or [], removed, " ").split())
                setext = heading.markup in ("=", "-")
                if content and setext and (ends_sentence(content) or word_count(content) > HEADING_MAX_WORDS):
                    blocks.append((start, [content]))  # a sentence over a stray rule, not a heading
                elif content:
                    blocks.append((start, ["#" * int(heading.tag[1:]) + " " + content]))
            else:
                lines = _clean(_inline_text(token.children or [], removed, "\n"))
                if lines:
                    blocks.append((start, lines))
            removed_at.extend((start, fragment) for fragment in removed if fragment.strip())

    definitions = list(env.get("references", {}).values()) + list(env.get("duplicate_refs", []))
    for definition in definitions:
        span = definition.get("map")
        _covers(covered, span)
        removed_at.append((span[0] if span else 0, _source(source, span)))

    # Lines the parser skipped (beyond its nesting limit) are kept as plain text.
    recovered = 0
    for number, line in enumerate(source):
        if number in covered or not _WORD.search(line):
            continue
        if _LINK_DEFINITION.fullmatch(line):
            removed_at.append((number, line.strip()))
            continue
        plain = _CONTAINER_MARKERS.sub("", line).strip()
        if _WORD.search(plain):
            blocks.append((number, [" ".join(plain.split())]))
            recovered += 1

    blocks.sort(key=lambda block: block[0])  # stable: blocks of one line keep document order
    out: list[str] = []
    for _, lines in blocks:
        out.extend(lines)
        out.append("")
    removed_at.sort(key=lambda item: item[0])
    warnings = []
    if recovered:
        warnings.append(
            f"Markdown nested deeper than {_MD.options['maxNesting']} levels: "
            f"{recovered} line(s) kept as plain text"
        )
    return MarkdownText(out, [fragment for _, fragment in removed_at if fragment], warnings)
