"""Size limits that keep hostile or accidental inputs from breaking the build.

They are module attributes read at call time (``limits.MAX_CHARS``), so tests
can lower them with ``monkeypatch.setattr`` instead of writing huge files.
"""

from __future__ import annotations

#: Characters of decoded text kept per file; the rest is dropped with a warning.
#: 200,000 characters is about 35,000 words, several times the longest
#: long-read. It must stay well under spaCy's ``nlp.max_length`` (1,000,000
#: characters, beyond which the analysis refuses the text and the whole build
#: would stop), and analysis time and memory grow with the length of one text.
MAX_CHARS = 200_000

#: Bytes of one file read at most, to hash it: within this a file is hashed whole (exact
#: duplicates are exact); beyond it only the kept part and the size are, so a 20 GB
#: (sparse) file costs one bounded read. The size is known from ``fstat`` before reading.
MAX_HASH_BYTES = 64 << 20

#: Bytes read per character kept: UTF-8 needs at most 4 (UTF-32 too).
BYTES_PER_CHAR = 4

#: A line longer than this is split into paragraphs at sentence ends, so a
#: whole article (or a 1 MB blob) on one line still renders as readable blocks.
LONG_LINE_CHARS = 3_000

#: Preferred paragraph size when such a line is split.
PARAGRAPH_TARGET_CHARS = 1_000

#: A run of non-space characters longer than this is not a word: it is a data
#: blob, a tracking URL or base64. It would overflow page layouts, so it is
#: dropped (and recorded in ``Article.removed``).
MAX_WORD_CHARS = 100

#: How much of an over-long word is kept in ``Article.removed`` as evidence.
REMOVED_EXCERPT_CHARS = 120


def max_bytes() -> int:
    """Bytes worth reading for ``MAX_CHARS`` characters in any supported encoding."""
    return MAX_CHARS * BYTES_PER_CHAR + 8
