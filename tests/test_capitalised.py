"""words_before finds exactly what the per-name pattern it replaced found, in the same order."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.link.capitalised import words_before


def per_name_pattern(text: str, surface: str) -> list[str]:
    """The pattern votes.named_in_full compiled for every name before words_before."""
    spelled = "|".join(sorted({re.escape(surface), re.escape(surface.upper())}))
    pattern = re.compile(r"\b([A-Z][a-z]+|[A-Z]+) (?:" + spelled + r")\b")
    return [match.group(1) for match in pattern.finditer(text)]


def test_the_words_before_a_name_as_written_or_in_capitals() -> None:
    text = "Josh Leivo and Sven Baertschi scored. GRAHAM LEIVO -- Leivo is the coach; won leivo, a Leivos."
    assert words_before(text, "Leivo") == ["Josh", "GRAHAM"]
    assert words_before("McDonald Leivo, O'Brien Leivo", "Leivo") == ["Brien"]  # a word boundary, then the word
    assert words_before("Josh  Leivo\nJosh\nLeivo", "Leivo") == []  # one space, one line


def test_overlapping_matches_are_skipped_as_the_pattern_skipped_them() -> None:
    # "Ab Ab Ab": the first match consumes "Ab Ab", so the second "Ab" starts none (a word
    # before each would give two).
    assert words_before("Ab Ab Ab", "Ab") == per_name_pattern("Ab Ab Ab", "Ab") == ["Ab"]
    assert words_before("A U.S. U.S.", "U.S.") == per_name_pattern("A U.S. U.S.", "U.S.")


_ALPHABET = "AaBbLlOoSsß .-'’\n1_é"


@settings(max_examples=400, deadline=None)
@given(
    text=st.text(alphabet=_ALPHABET, max_size=60),
    surface=st.text(alphabet=_ALPHABET.replace("\n", ""), min_size=1, max_size=5),
)
def test_same_words_as_the_per_name_pattern(text: str, surface: str) -> None:
    assert words_before(text, surface) == per_name_pattern(text, surface)


@settings(max_examples=200, deadline=None)
@given(
    parts=st.lists(st.sampled_from(["Josh", "JOSH", "Leivo", "LEIVO", "leivo", "O'", "Mc", "Ab", "A", " ", "  ", ".", "-", "\n", "é"]), max_size=25),
    surface=st.sampled_from(["Leivo", "Ab", "A", "Mc", "O'", "LEIVO", "É", "U.S."]),
)
def test_same_words_on_name_like_texts(parts: list[str], surface: str) -> None:
    text = "".join(parts)
    assert words_before(text, surface) == per_name_pattern(text, surface)
