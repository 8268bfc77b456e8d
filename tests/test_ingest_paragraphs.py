"""Paragraph building: one line per paragraph, hard-wrap joining, subheadings."""

from __future__ import annotations

from generator.ingest.paragraphs import build_paragraphs, heading_shaped

S1 = "The minister arrived in the capital on Monday for two days of talks with officials."
S2 = "Talks were expected to focus on energy supplies and on the prisoner exchange."


def texts(lines: list[str]) -> list[tuple[str, bool]]:
    return [(p.text, p.heading) for p in build_paragraphs(lines)]


def test_each_sentence_line_is_a_paragraph() -> None:
    assert texts([S1, S2, "", S1]) == [(S1, False), (S2, False), (S1, False)]


def test_continuation_line_is_joined() -> None:
    assert texts(["The minister arrived in the capital", "on Monday for talks.", S2]) == [
        ("The minister arrived in the capital on Monday for talks.", False),
        (S2, False),
    ]


def test_hard_wrapped_block_is_unwrapped() -> None:
    wrapped = [
        "The minister arrived in the capital on Monday for two days of",
        "talks with officials from the neighbouring countries, the Kremlin",
        "said. Talks were expected to focus on energy supplies and on the",
        "prisoner exchange agreed last year.",
    ]
    assert texts(wrapped) == [(" ".join(wrapped), False)]


def test_hyphenated_wrap_keeps_the_hyphen() -> None:
    assert texts(["It was a well-", "known problem."]) == [("It was a well-known problem.", False)]


def test_list_of_short_items_is_not_joined() -> None:
    items = ["Best Picture – Drama", "Black Panther", "BlacKkKlansman", "Bohemian Rhapsody"]
    assert [t for t, _ in texts(items)] == items


def test_subheadings() -> None:
    result = texts([S1, "Iran wants to support Russia", S2, "", "What happens next", "", S1])
    assert result == [
        (S1, False),
        ("Iran wants to support Russia", True),
        (S2, False),
        ("What happens next", True),
        (S1, False),
    ]


def test_not_headings() -> None:
    # ends with punctuation, too long, lower case, last line, followed by another short line
    lines = [
        "The talks ended.",
        S1,
        "The talks ended without any agreement on gas prices for next winter or beyond",
        S2,
        "officials stayed on",
        S1,
        "Moscow",
        "Kyiv",
        S2,
        "Closing line without full stop",
    ]
    assert [h for _, h in texts(lines)] == [False] * len(lines)


def test_markdown_headings() -> None:
    assert texts(["## Background", S1, "# Outlook #", S2]) == [
        ("Background", True),
        (S1, False),
        ("Outlook", True),
        (S2, False),
    ]


def test_heading_shape() -> None:
    assert heading_shaped("Turkish drones against Russia")
    assert heading_shaped("10-year struggle")
    assert not heading_shaped("Turkish drones against Russia.")
    assert not heading_shaped("“Turkish drones against Russia”")
    assert not heading_shaped("and then")
    assert not heading_shaped("Published on Monday,")
