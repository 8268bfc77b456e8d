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

from dataclasses import dataclass, field
from pathlib import Path

from generator.gcpause import paused_gc
from generator.model import Article, Problem, Severity

from .cache import Cached, IngestCache
from .decode import RawFile, decode_bytes, read_raw
from .dedupe import NearDuplicateIndex, TextPrint, text_print
from .files import find_seed_files
from .frontmatter import split_front_matter
from .header import Header, publisher_from_url, read_header
from .ids import assign_ids
from .junk import is_junk_line, remove_junk
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
    """Read one seed file. ``seen_hashes`` maps content hashes to the first source seen.

    Whether a file duplicates an earlier one is decided here, on every build;
    what the file itself yields comes from ``cache`` when it holds this very
    file (same path, same bytes, same ingest code and limits).
    """
    try:
        raw = read_raw(path)
    except OSError as exc:
        return _skip(source, f"skipped: could not read file ({exc.strerror or exc})", "error")
    if raw.sha256 in seen_hashes:
        return _skip(source, f"skipped: duplicate of {seen_hashes[raw.sha256]}")
    seen_hashes[raw.sha256] = source
    if cache is None:
        return _read_content(raw, source)
    cached = cache.get(source, raw.sha256)
    if cached is None:
        outcome = _read_content(raw, source)
        cache.put(source, raw.sha256, Cached(outcome.article, outcome.problems, outcome.printed))
        return outcome
    return _Outcome(cached.article, cached.problems, cached.printed)


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


def read_seeds(seeds_dir: Path, cache_root: Path | None = None) -> tuple[list[Article], list[Problem]]:
    """Read every ``*.txt``/``*.md`` seed under ``seeds_dir``.

    Returns the articles in sorted relative-path order and *all* problems in
    the same order: those of skipped files and the warnings of kept articles
    (which also sit in each ``Article.problems``), at most one per file; then
    any unusable cache entries (discarded, their seeds read again).
    ``cache_root`` is the build's cache folder (entries go in its ``ingest/``;
    None reads every file afresh). Raises ``FileNotFoundError``
    / ``NotADirectoryError`` when ``seeds_dir`` is not a folder.
    """
    files = find_seed_files(Path(seeds_dir))
    with paused_gc():
        return _read_all(files, cache_root)


def _read_all(files: list[tuple[str, Path]], cache_root: Path | None) -> tuple[list[Article], list[Problem]]:
    cache = IngestCache(cache_root) if cache_root is not None else None
    seen_hashes: dict[str, str] = {}
    outcomes = [read_article(path, source, seen_hashes, cache) for source, path in files]
    if cache is not None:
        cache.save()

    index = NearDuplicateIndex()
    for outcome in outcomes:
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

    articles = [outcome.article for outcome in outcomes if outcome.article is not None]
    ids = assign_ids([article.source for article in articles])
    for article in articles:
        article.id = ids[article.source]
    problems = [problem for outcome in outcomes for problem in outcome.problems]
    if cache is not None:
        problems.extend(cache.problems)
    return articles, problems
