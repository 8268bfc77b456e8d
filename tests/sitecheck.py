"""Checks on a built site shared by the site tests: links resolve, nothing from other hosts."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

URL_ATTRS = {"href", "src", "srcset", "poster", "data", "action", "formaction", "xlink:href", "background"}
CSS_URL_RE = re.compile(r"""url\(\s*['"]?([^'")]+)|@import\s+['"]([^'"]+)""")


class _Refs(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.refs: list[tuple[str, str, dict[str, str]]] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if "id" in values:
            self.ids.add(values["id"])
        for key, value in values.items():
            if key in URL_ATTRS and value:
                for part in value.split(",") if key == "srcset" else [value]:
                    self.refs.append((tag, part.strip().split(" ")[0], values))
        if "style" in values:
            for match in CSS_URL_RE.finditer(values["style"]):
                self.refs.append((tag, match.group(1) or match.group(2), values))


def page_refs(path: Path) -> _Refs:
    parser = _Refs()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def is_external(url: str) -> bool:
    parts = urlsplit(url)
    return bool(parts.scheme and parts.scheme not in ("", "file")) or url.startswith("//")


def external_references(site: Path) -> list[str]:
    """Every reference to another host, except links to original articles (a.dossier-original)."""
    found = []
    for page in sorted(site.rglob("*.html")):
        for tag, url, attrs in page_refs(page).refs:
            if not is_external(url):
                continue
            if tag == "a" and "dossier-original" in attrs.get("class", "").split() and url.startswith(("http://", "https://")):
                continue
            found.append(f"{page.relative_to(site)}: <{tag}> {url}")
        text = page.read_text(encoding="utf-8")
        for match in re.finditer(r"<(?:script|style)[^>]*>(.*?)</(?:script|style)>", text, re.S):
            for ref in re.findall(r"""(?:src|href)\s*=\s*['"](https?:)?//[^'"]+""", match.group(1)):
                found.append(f"{page.relative_to(site)}: inline script/style reference")
    for sheet in sorted(site.rglob("*.css")):
        for match in CSS_URL_RE.finditer(sheet.read_text(encoding="utf-8", errors="replace")):
            url = match.group(1) or match.group(2)
            if is_external(url) and not url.startswith("data:"):
                found.append(f"{sheet.relative_to(site)}: {url}")
    return found


def broken_links(site: Path) -> list[str]:
    """Relative references that point to no file (or to a missing #anchor in our pages)."""
    ids: dict[Path, set[str]] = {}
    broken = []
    # 404.html is served by a web server for any missing path, so MkDocs gives it root-absolute links.
    pages = sorted(p for p in site.rglob("*.html") if p.name != "404.html")
    parsed = {page: page_refs(page) for page in pages}
    for page, refs in parsed.items():
        ids[page.resolve()] = refs.ids
    for page, refs in parsed.items():
        for tag, url, _ in refs.refs:
            if is_external(url) or url.startswith(("data:", "mailto:", "javascript:")):
                if url.startswith("javascript:"):
                    broken.append(f"{page.relative_to(site)}: javascript: URL")
                continue
            parts = urlsplit(url)
            target = page.parent / unquote(parts.path) if parts.path else page
            target = target.resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page.relative_to(site)}: {url}")
            elif parts.fragment and target.suffix == ".html" and target in ids and parts.fragment not in ids[target]:
                broken.append(f"{page.relative_to(site)}: {url} (no such anchor)")
    return broken


def reachable_pages(site: Path, start: str = "index.html") -> set[Path]:
    """Pages reachable by following links from the home page."""
    seen: set[Path] = set()
    todo = [(site / start).resolve()]
    while todo:
        page = todo.pop()
        if page in seen or not page.exists() or page.suffix != ".html":
            continue
        seen.add(page)
        for _, url, _ in page_refs(page).refs:
            if is_external(url) or url.startswith(("data:", "#")):
                continue
            path = urlsplit(url).path
            if path:
                todo.append((page.parent / unquote(path)).resolve())
    return seen
