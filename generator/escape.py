"""Make seed text inert in Markdown: no HTML, no Markdown structure, no template code.

Every value a template prints passes through :func:`md_text` (installed as the
Jinja ``finalize`` hook), so forgetting a filter cannot let seed text through.
Characters that Markdown, HTML, tables or templates treat as syntax become
numeric character references, which every Markdown engine leaves alone and
browsers show as the original character. Our own markup is wrapped in
:class:`markupsafe.Markup` to pass through untouched.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

from markupsafe import Markup

# Inline syntax: HTML (< > &), emphasis/code (* _ `), links/images ([ ] ( ) !),
# tables (|), attribute lists and templates ({ }), escapes (\), strike (~),
# footnotes/abbreviations (^ :) are handled where they can start something.
_INLINE = {c: f"&#{ord(c)};" for c in "&<>*_`[]()!|{}\\~^#"}
_INLINE_TABLE = str.maketrans(_INLINE)
# Block syntax only matters at the start of a line.
_LINE_START_RE = re.compile(r"^(\s*)([#>+\-=:.%]|\d+[.)])", re.MULTILINE)


def md_text(value: object) -> str:
    """Seed text as one inert Markdown line (whitespace folded, syntax neutralised)."""
    if isinstance(value, Markup):
        return str(value)
    if value is None:
        return ""
    # Only exact str reaches the cache: a Markup equal to some str must never get its result.
    return _escaped(value if type(value) is str else str(value))


@lru_cache(maxsize=1 << 16)
def _escaped(text: str) -> str:
    """Names and titles recur on thousands of pages; each distinct one is escaped once."""
    return _LINE_START_RE.sub(_escape_line_start, md_inline(text))


def md_inline(text: str) -> str:
    """Seed text made inert in the middle of a line: whitespace folded, inline syntax neutralised.

    Only for text that follows something of ours on the same line (a link in running
    text); a line's first words need :func:`md_text`, which also neutralises block syntax.
    """
    return " ".join(text.split()).translate(_INLINE_TABLE)


def _escape_line_start(match: re.Match[str]) -> str:
    lead, token = match.group(1), match.group(2)
    return lead + "".join(f"&#{ord(c)};" for c in token)


def md_link(label: object, target: str, *, title: str | None = None) -> Markup:
    """A Markdown link to one of our own pages; the label is escaped, the target is ours."""
    if title:
        return Markup(f'[{md_text(label)}]({target} "{md_text(title).replace(chr(34), "&#34;")}")')
    return Markup(f"[{md_text(label)}]({target})")


_SAFE_URL_RE = re.compile(r"^https?://[^\s<>\"'`]+$", re.IGNORECASE)


def external_link(label: object, url: str | None) -> Markup:
    """A link to an original article, only for http(s) URLs; anything else stays plain text.

    Written as inline HTML so it carries ``class="dossier-original"``: the one
    kind of link to another host a page may hold (a link, never a request).
    """
    if not url or not _SAFE_URL_RE.match(url):
        return Markup(md_text(label))
    href = html.escape(url, quote=True)
    return Markup(
        f'<a class="dossier-original" href="{href}" rel="noopener noreferrer nofollow">{md_text(label)}</a>'
    )


# --- HTML: the one place a string bound for a page's HTML (not its Markdown) is made safe ---

_TAG_RE = re.compile(r"<!--.*?-->|<[^>]*>", re.S)
# Characters no HTML or XML text may hold (C0 controls but tab/LF/CR, DEL..C1, lone surrogates, FFFE/FFFF).
_HTML_INVALID_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def html_text(value: object) -> str:
    """Plain text as HTML text that is safe anywhere: element content, a quoted attribute, <title>.

    Every character HTML (or XML, for SVG) reads as markup is a reference and
    whitespace is folded, so the result can be printed raw by any template.
    """
    if value is None:
        return ""
    text = " ".join(_HTML_INVALID_RE.sub("", str(value)).split())
    return html.escape(text, quote=True)


def html_to_text(fragment: object) -> str:
    """What a reader sees of an HTML fragment: tags and comments dropped, references decoded."""
    if fragment is None:
        return ""
    return html.unescape(_TAG_RE.sub("", str(fragment)))


def safe_html_title(fragment: object) -> str:
    """A title MkDocs or Markdown made (HTML, maybe with tags or references) as :func:`html_text`.

    Idempotent, so a title that went through it once may go through it again
    (``| striptags | e`` in a template gives the same bytes back).
    """
    return html_text(html_to_text(fragment))
