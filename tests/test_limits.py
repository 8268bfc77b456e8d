"""Ingest's size limit must keep every article within what spaCy accepts in one Doc."""

from generator.ingest import limits


def test_ingest_limit_is_below_spacy_max_length(nlp) -> None:
    assert limits.MAX_CHARS < nlp.max_length
