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

from .. import safeyaml
from .dates import coerce_date
from .header import MAX_TITLE_CHARS

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


#: Longest value kept per field: a title like a plain-text title line (header.MAX_TITLE_CHARS);
#: a longer url or publisher is not one.
MAX_VALUE_CHARS = {"title": MAX_TITLE_CHARS, "url": 2_000, "publisher": 200}
#: An impossible time of day after a date ("2022-01-01 25:61:00") makes the value not a date.
_TIME_RE = re.compile(r"[ T](\d{1,2}):(\d{2})(?::(\d{2}))?")


def _kind(value: object) -> str:
    return {dict: "mapping", list: "list", bool: "true/false value"}.get(type(value), type(value).__name__)


def _shown(value: object, limit: int = 60) -> str:
    """A value quoted for a warning line, cut short: a warning is one line."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _date(value: str | int | float) -> str | None:
    """An ISO date from a front matter value, None when it is not a real date (and time)."""
    text = str(value).strip()
    time = _TIME_RE.search(text)
    if time and not (int(time.group(1)) < 24 and int(time.group(2)) < 60 and int(time.group(3) or 0) < 61):
        return None
    return coerce_date(value if isinstance(value, (str, int)) else text)


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
        data = safeyaml.load(block) if block.strip() else {}
    except (yaml.YAMLError, RecursionError, MemoryError, ValueError, TypeError) as exc:
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
        elif not isinstance(value, (str, int, float)) or isinstance(value, bool):
            fields[name] = None
            warnings.append(f"front matter {name} is not text (a {_kind(value)}); ignored")
        elif name == "date":
            fields[name] = _date(value)
            if fields[name] is None:
                warnings.append(f"front matter date not understood: {_shown(value)}; the article is undated")
        else:
            fields[name] = " ".join(str(value).split()) or None
            limit = MAX_VALUE_CHARS[name]
            if fields[name] and len(fields[name]) > limit:
                cut = fields[name][:limit]
                fields[name] = (cut[: cut.rfind(" ")] if " " in cut[limit // 2 :] else cut).rstrip() if name == "title" else None
                what = f"cut to {len(fields[name]):,} characters" if fields[name] else "ignored"
                warnings.append(f"front matter {name} is {len(' '.join(str(value).split())):,} characters long; {what}")
    if fields.get("url") and not re.match(r"https?://", fields["url"] or "", re.IGNORECASE):
        warnings.append(f"front matter url is not an http(s) URL: {_shown(fields['url'])}")
        fields["url"] = None
    return FrontMatter(fields=fields, body=body, found=True, warnings=warnings)
