"""One copy of the search index, read by search over http and from ``file://``.

Material's search plugin writes ``search/search_index.json``, which its bundle
fetches over http; the offline plugin then copies it into
``search/search_index.js`` (``var __index = {...}``), which the bundle loads with
a script tag on pages opened from ``file://``, where nothing can be fetched. The
two held the same bytes: at 2,000 articles about 10 MB each, the largest single
cost of the site after dossier.json.

This plugin keeps only the script. It runs after the offline plugin
(``on_post_build``, lower priority) and

* writes ``search_index.js`` from Material's index, compact and with the text
  as UTF-8 instead of Material's ``\\uXXXX`` escapes for every non-ASCII
  character (a curly apostrophe: 3 bytes instead of 6); U+2028 and U+2029 (line
  ends in older JavaScript) and any lone surrogate (not writable as UTF-8) stay escaped;
* removes ``search_index.json``.

Over http, frame.js (rendered with :data:`PREFIX` from ``config.extra``) answers
the bundle's request for ``search_index.json`` with the script's bytes after
:data:`PREFIX`, which are the same JSON; tests/test_browser.py searches both
ways. Without this plugin (a plain ``mkdocs build``) frame.js leaves the
request alone and both files are written as before.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from mkdocs.plugins import BasePlugin, event_priority

#: What comes before the index's JSON in search_index.js: the offline plugin's own
#: prefix, the global Material's bundle reads on file://. ASCII, so its length in
#: characters is its length in bytes (frame.js cuts bytes).
PREFIX = "var __index = "
#: Where frame.js finds PREFIX (its presence also tells frame.js the .json is gone).
EXTRA_KEY = "dossier_search_prefix"
_KEEP_ESCAPED = re.compile("[\u2028\u2029\ud800-\udfff]")


def index_script(data: Any) -> str:
    """search_index.js for the index ``data``: :data:`PREFIX` then compact UTF-8 JSON."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return PREFIX + _KEEP_ESCAPED.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def read_index(site_dir: Path) -> Any:
    """The search index of a built site, from whichever file holds it (tests and tools)."""
    folder = Path(site_dir) / "search"
    data = folder / "search_index.json"
    if data.is_file():
        return json.loads(data.read_text(encoding="utf-8"))
    script = (folder / "search_index.js").read_text(encoding="utf-8")
    if not script.startswith(PREFIX):
        raise ValueError(f"{folder / 'search_index.js'}: does not start with {PREFIX!r}")
    return json.loads(script[len(PREFIX) :])


class SearchFilePlugin(BasePlugin):
    """MkDocs plugin: the search index written once, as the script both ways of reading it load."""

    def on_config(self, config: Any) -> Any:
        config.extra[EXTRA_KEY] = PREFIX
        return config

    @event_priority(-110)  # after Material's search (0) and offline (-100) plugins wrote theirs
    def on_post_build(self, *, config: Any) -> None:
        folder = Path(config.site_dir) / "search"
        data = folder / "search_index.json"
        if not data.is_file():
            return
        script = folder / "search_index.js"
        script.write_text(index_script(json.loads(data.read_text(encoding="utf-8"))), encoding="utf-8")
        data.unlink()
