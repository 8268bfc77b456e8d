"""YAML front matter at the top of Markdown seeds (``---`` fenced).

A user who writes ``title:``/``date:``/``url:``/``publisher:`` knows better than
any heuristic, so these fields win over header detection. A broken block is
reported and the file is read as plain text: losing the whole article over a
typo in its metadata would be worse.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from .dates import coerce_date

#: Front-matter keys read, with the accepted spellings of each.
FIELDS = {
    "title": ("title", "headline"),
    "date": ("date", "published", "pubdate", "date_published"),
    "url": ("url", "link", "source_url", "canonical_url"),
    "publisher": ("publisher", "site", "source", "outlet"),
}
#: The fence must close within this many lines, else the block is malformed.
MAX_FRONT_MATTER_LINES = 200

_OPEN = re.compile(r"---[ \t]*\n")
_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)


@dataclass
class FrontMatter:
    """Parsed metadata (``None`` values when absent) and the body below the block."""

    fields: dict[str, str | None] = field(default_factory=dict)
    body: str = ""
    found: bool = False
    warnings: list[str] = field(default_factory=list)


def _first_line(message: str) -> str:
    return message.strip().splitlines()[0] if message.strip() else "unknown error"


def split_front_matter(text: str) -> FrontMatter:
    """Separate a leading ``---`` YAML block from ``text``.

    Returns ``found=False`` with the original text when there is no block or
    when it is malformed (with a warning in the latter case).
    """
    if not _OPEN.match(text):
        return FrontMatter(body=text)
    start = _OPEN.match(text).end()
    closing = _CLOSE.search(text, start)
    if closing is None or text.count("\n", start, closing.start()) > MAX_FRONT_MATTER_LINES:
        return FrontMatter(body=text, warnings=["malformed front matter: no closing '---' line; read as plain text"])
    block = text[start : closing.start()]
    body = text[closing.end() :].lstrip("\n")
    try:
        data = yaml.safe_load(block) if block.strip() else {}
    except yaml.YAMLError as exc:
        return FrontMatter(body=text, warnings=[f"malformed front matter ({_first_line(str(exc))}); read as plain text"])
    if not isinstance(data, dict):
        return FrontMatter(body=text, warnings=["malformed front matter (not a key: value mapping); read as plain text"])

    lowered = {str(key).strip().lower(): value for key, value in data.items()}
    fields: dict[str, str | None] = {}
    warnings: list[str] = []
    for name, keys in FIELDS.items():
        value = next((lowered[key] for key in keys if lowered.get(key) not in (None, "")), None)
        if value is None:
            fields[name] = None
        elif name == "date":
            fields[name] = coerce_date(value)
            if fields[name] is None:
                warnings.append(f"front matter date not understood: {value!r}")
        else:
            fields[name] = " ".join(str(value).split()) or None
    if fields.get("url") and not re.match(r"https?://", fields["url"] or "", re.IGNORECASE):
        warnings.append(f"front matter url is not an http(s) URL: {fields['url']!r}")
        fields["url"] = None
    return FrontMatter(fields=fields, body=body, found=True, warnings=warnings)
