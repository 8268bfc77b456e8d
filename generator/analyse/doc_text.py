"""Per-Doc values computed once: spaCy rebuilds them from every token on each access.

``Doc.text`` joins every token's text each time it is read; several extractors
read it, some once per quote, which made long articles quadratic. The Doc
never changes after parsing, so the first answer is kept in ``Doc.user_data``.
"""

from __future__ import annotations

from collections import Counter

from spacy.attrs import ORTH
from spacy.tokens import Doc

_TEXT = "dossier.text"
_ORTH_COUNTS = "dossier.orth_counts"


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per Doc."""
    text = doc.user_data.get(_TEXT)
    if text is None:
        text = doc.user_data[_TEXT] = doc.text
    return text


def orth_count(doc: Doc, orth: int) -> int:
    """How many tokens of ``doc`` have exactly this text (an ORTH hash), counted once per Doc."""
    counts = doc.user_data.get(_ORTH_COUNTS)
    if counts is None:
        counts = doc.user_data[_ORTH_COUNTS] = Counter(doc.to_array(ORTH).tolist())
    return counts[orth]
