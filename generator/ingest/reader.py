"""The ingest stage: a folder of seed files to ``Article`` objects and ``Problem`` reports.

One file goes through: read (hash all bytes) -> exact-duplicate check ->
decode -> normalise -> front matter (Markdown) -> header -> over-long words
and lines -> Markdown markup -> web junk -> paragraphs. Then, over the whole
set: near-duplicate warnings and unique ids. A bad file never stops the
build; it becomes a ``Problem`` that names it.

What one file yields after the duplicate check (its article, problems and
shingles) is cached on disk (``cache.py``); the steps over the whole set run
on every build.
"""

from __future__ import annotations

import multiprocessing
import sys
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from generator.gcpause import paused_gc
from generator.model import Article, Problem, Severity
from generator.pagenames import is_reserved

from .cache import Cached, IngestCache, make_entry
from .decode import RawFile, decode_bytes, read_raw
from .dedupe import NearDuplicateIndex, TextPrint, text_print
from .files import scan_seed_files
from .frontmatter import split_front_matter
from .header import Header, publisher_from_url, read_header
from .ids import assign_ids, base_id
from .junk import cut_furniture, is_junk_line, remove_junk
from .markdown import markdown_to_lines
from .normalise import drop_long_words, normalise_text, split_long_lines, truncate
from .paragraphs import build_paragraphs


@dataclass
class _Outcome:
    """One file's result: an article (None when skipped) and its problems."""

    article: Article | None
    problems: list[Problem] = field(default_factory=list)
    printed: TextPrint | None = None  # the article's shingles, for near-duplicate checks


#: Joins the notes about one file into its single report line.
NOTE_SEPARATOR = "; "


def file_problem(source: str, notes: list[str], severity: Severity = "warning") -> list[Problem]:
    """At most one ``Problem`` per file: its notes joined, the most important first.

    A user scanning the build output (or the report page) sees one line per
    file that needs attention, saying everything about it, instead of several
    lines to piece together.
    """
    kept = [note for note in notes if note]
    return [Problem(source, NOTE_SEPARATOR.join(kept), severity)] if kept else []


def _skip(source: str, message: str, severity: Severity = "warning", earlier: list[str] | None = None) -> _Outcome:
    """A skipped file: the reason first, then anything noticed before it was given up."""
    return _Outcome(None, file_problem(source, [message, *(earlier or [])], severity))


def read_article(
    path: Path, source: str, seen_hashes: dict[str, str], cache: IngestCache | None = None
) -> _Outcome:
    """Read one seed file. ``seen_hashes`` maps content hashes to the first source seen."""
    outcome, raw = _look_up(path, source, seen_hashes, cache)
    if outcome is None:
        outcome = _read_content(raw, source)
        if cache is not None:
            cache.put(source, raw.sha256, Cached(outcome.article, outcome.problems, outcome.printed))
    return outcome


def _look_up(
    path: Path, source: str, seen_hashes: dict[str, str], cache: IngestCache | None
) -> tuple[_Outcome | None, RawFile]:
    """What is known about a file without reading its content: (outcome or None, its bytes).

    Whether a file duplicates an earlier one is decided here, on every build;
    what the file itself yields comes from ``cache`` when it holds this very
    file (same path, same bytes, same ingest code and limits). None means the
    content must be read (:func:`_read_content`).
    """
    try:
        raw = read_raw(path)
    except OSError as exc:
        return _skip(source, f"skipped: could not read file ({exc.strerror or exc})", "error"), _NO_BYTES
    if raw.sha256 in seen_hashes:
        return _skip(source, f"skipped: duplicate of {seen_hashes[raw.sha256]}"), _NO_BYTES
    seen_hashes[raw.sha256] = source
    cached = cache.get(source, raw.sha256) if cache is not None else None
    if cached is None:
        return None, raw
    return _Outcome(cached.article, cached.problems, cached.printed), _NO_BYTES


_NO_BYTES = RawFile(b"", 0, "", False)


def _read_content(raw: RawFile, source: str) -> _Outcome:
    """Everything ingest makes of one file that depends on this file alone."""
    if raw.size == 0:
        return _skip(source, "skipped: empty file")

    decoded = decode_bytes(raw.data, truncated=raw.truncated)
    if decoded.text is None:
        return _skip(source, f"skipped: {decoded.reason}", "error")
    warnings = list(decoded.warnings)
    text, truncation = truncate(decoded.text, raw.truncated, raw.size)
    warnings.extend(truncation)
    text, cleanup = normalise_text(text)
    warnings.extend(cleanup)

    if not text.strip():
        return _skip(source, "skipped: no text (empty or whitespace only)", earlier=warnings)

    is_markdown = source.lower().endswith(".md")
    front = split_front_matter(text) if is_markdown else None
    if front is not None:
        warnings.extend(front.warnings)
        text = front.body
    removed: list[str] = []
    if is_markdown:
        converted = markdown_to_lines(text)
        lines = converted.lines
        removed.extend(converted.removed)
        warnings.extend(converted.warnings)
    else:
        lines = text.split("\n")

    header, body = read_header(lines, is_junk=is_junk_line)
    removed.extend(header.extra)
    if front is not None and front.found:
        given = front.fields.get("title")
        if given and header.title and header.title.casefold() != given.casefold():
            body.insert(0, f"# {header.title}")  # the author's own heading stays, as a heading
        header = _apply_front_matter(header, front.fields)

    body, long_words, word_warnings = drop_long_words(body)
    removed.extend(long_words)
    warnings.extend(word_warnings)
    # Before long lines are split: a recipe or a caption run ends where its paragraph does.
    body, cut = cut_furniture(body)
    removed.extend(item.text for item in cut)
    body, split_warnings = split_long_lines(body)
    warnings.extend(split_warnings)

    junk = remove_junk(body)
    removed.extend(item.text for item in junk.removed)
    paragraphs = build_paragraphs(junk.lines)
    if not paragraphs:
        return _skip(source, "skipped: no article text left after removing the header and web junk", earlier=warnings)

    article = Article(
        id="",
        source=source,
        title=header.title,
        date=header.date,
        url=header.url,
        publisher=header.publisher,
        paragraphs=paragraphs,
        removed=removed,
        problems=file_problem(source, warnings),
        content_hash=raw.sha256,
    )
    return _Outcome(article, list(article.problems), text_print(article.text))


def _apply_front_matter(header: Header, fields: dict[str, str | None]) -> Header:
    """Front-matter values win; detected values fill the gaps."""
    url = fields.get("url") or header.url
    publisher = fields.get("publisher") or (publisher_from_url(fields["url"]) if fields.get("url") else header.publisher)
    return Header(
        title=fields.get("title") or header.title,
        date=fields.get("date") or header.date,
        url=url,
        publisher=publisher,
        extra=header.extra,
    )


def read_seeds(
    seeds_dir: Path, cache_root: Path | None = None, processes: int = 1
) -> tuple[list[Article], list[Problem]]:
    """Read every ``*.txt``/``*.md`` seed under ``seeds_dir``.

    Returns the articles in sorted relative-path order and *all* problems in
    the same order: those of skipped files and the warnings of kept articles
    (which also sit in each ``Article.problems``), at most one per file; then
    any unusable cache entries (discarded, their seeds read again).
    ``cache_root`` is the build's cache folder (entries go in its ``ingest/``;
    None reads every file afresh). With ``processes`` above 1, many files not
    in the cache are read by that many forked workers (same results, in the
    same order). Raises ``FileNotFoundError``
    / ``NotADirectoryError`` when ``seeds_dir`` is not a folder.
    """
    root = Path(seeds_dir)
    files, refused = scan_seed_files(root)
    with paused_gc():
        articles, problems = _read_all(files, cache_root, processes)
    renamed = [
        Problem(source, "file name is not valid UTF-8: undecodable bytes are shown as \\xNN", "warning")
        for source, path in files
        if source != path.relative_to(root).as_posix()
    ]
    skipped = [Problem(source, reason, "error") for source, reason in refused]
    return articles, [*renamed, *skipped, *problems]


#: Fewer files than this to read are read here: starting workers would cost more.
PARALLEL_MIN_FILES = 64
#: Files handed to the workers at a time; the first batches are read while later files are looked up.
BATCH_FILES = 256
#: Bytes of file content given out and not yet read back, beyond which the oldest batch is awaited.
IN_FLIGHT_MAX_BYTES = 64 << 20


def _read_all(
    files: list[tuple[str, Path]], cache_root: Path | None, processes: int
) -> tuple[list[Article], list[Problem]]:
    cache = IngestCache(cache_root) if cache_root is not None else None
    seen_hashes: dict[str, str] = {}
    outcomes: list[_Outcome | None] = []

    def done(position: int, raw: RawFile, source: str, outcome: _Outcome, entry: bytes | None) -> None:
        outcomes[position] = outcome
        if cache is not None and entry is not None:
            cache.put_entry(source, raw.sha256, entry)

    with _ContentReader(processes, cache.version if cache is not None else None, done) as reader:
        for source, path in files:
            outcome, raw = _look_up(path, source, seen_hashes, cache)
            outcomes.append(outcome)
            if outcome is None:
                reader.add(len(outcomes) - 1, raw, source)
    if cache is not None:
        cache.save()

    index = NearDuplicateIndex()
    for outcome in outcomes:
        assert outcome is not None
        article = outcome.article
        if article is None:
            continue
        assert outcome.printed is not None
        match = index.add_print(article.source, outcome.printed)
        if match is not None:
            earlier, score = match
            notes = [p.message for p in article.problems] + [f"near duplicate of {earlier} (similarity {score:.2f})"]
            article.problems = file_problem(article.source, notes)
            outcome.problems = list(article.problems)

    articles = [outcome.article for outcome in outcomes if outcome and outcome.article is not None]
    ids = assign_ids([article.source for article in articles])
    for article, outcome in zip(articles, (o for o in outcomes if o and o.article is not None)):
        article.id = ids[article.source]
        if is_reserved(base_id(article.source)):
            note = f"page name '{base_id(article.source)}' is the dossier's own; the article's page is articles/{article.id}.html"
            article.problems = file_problem(article.source, [p.message for p in article.problems] + [note])
            outcome.problems = list(article.problems)
    problems = [problem for outcome in outcomes if outcome for problem in outcome.problems]
    if cache is not None:
        problems.extend(cache.problems)
    return articles, problems


def _read_one(item: tuple[RawFile, str, str | None]) -> tuple[_Outcome, bytes | None]:
    """One file's content read, and its cache entry made for ingest version ``item[2]`` (if any).

    This runs where the reading happens, maybe in a worker process.
    """
    raw, source, version = item
    outcome = _read_content(raw, source)
    entry = None
    if version is not None:
        entry = make_entry(version, source, raw.sha256, Cached(outcome.article, outcome.problems, outcome.printed))
    return outcome, entry


class _ContentReader:
    """Runs :func:`_read_one` over the files :meth:`add` is given: here, or in forked workers.

    With one process (or where fork is not available) each file is read at
    once. Otherwise files come in batches of ``BATCH_FILES``; once a batch has
    at least ``PARALLEL_MIN_FILES`` it and every later one go to a pool of
    ``processes`` workers (forked, so they run this process's code and
    settings, the limits included, exactly) while the caller goes on looking
    files up. Every result goes to ``done`` by the end of the ``with`` block.
    """

    def __init__(self, processes: int, version: str | None, done: Callable[..., None]) -> None:
        self.processes = processes if sys.platform.startswith("linux") else 1
        self.version = version
        self.done = done
        self._pending: list[tuple[int, RawFile, str]] = []
        self._pending_bytes = 0
        self._batches: deque[tuple[list[tuple[int, RawFile, str]], Iterator[tuple[_Outcome, bytes | None]]]] = deque()
        self._in_flight = 0
        self._pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> _ContentReader:
        return self

    def __exit__(self, exc_type: object, *exc_info: object) -> None:
        try:
            if exc_type is None:
                self._submit()
                while self._batches:
                    self._finish_oldest()
        finally:
            if self._pool is not None:
                self._pool.shutdown(cancel_futures=True)

    def add(self, position: int, raw: RawFile, source: str) -> None:
        if self.processes <= 1:
            self.done(position, raw, source, *_read_one((raw, source, self.version)))
            return
        self._pending.append((position, raw, source))
        self._pending_bytes += len(raw.data)
        if len(self._pending) >= BATCH_FILES or self._pending_bytes >= IN_FLIGHT_MAX_BYTES // 4:
            self._submit()

    def _submit(self) -> None:
        batch, self._pending, self._pending_bytes = self._pending, [], 0
        if not batch:
            return
        items = [(raw, source, self.version) for _, raw, source in batch]
        if len(batch) < PARALLEL_MIN_FILES and self._pool is None:
            for (position, raw, source), item in zip(batch, items):
                self.done(position, raw, source, *_read_one(item))
            return
        if self._pool is None:
            self._pool = ProcessPoolExecutor(max_workers=self.processes, mp_context=multiprocessing.get_context("fork"))
        chunk = max(1, min(32, len(items) // (4 * self.processes)))
        self._batches.append((batch, self._pool.map(_read_one, items, chunksize=chunk)))
        self._in_flight += sum(len(raw.data) for _, raw, _ in batch)
        while self._in_flight > IN_FLIGHT_MAX_BYTES and len(self._batches) > 1:
            self._finish_oldest()

    def _finish_oldest(self) -> None:
        batch, results = self._batches.popleft()
        for (position, raw, source), (outcome, entry) in zip(batch, results):
            self.done(position, raw, source, outcome, entry)
        self._in_flight -= sum(len(raw.data) for _, raw, _ in batch)
