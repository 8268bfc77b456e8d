"""Quotation-mark reading (no spaCy): kinds of marks, apostrophes, paragraphs."""

from __future__ import annotations

import pytest

from generator.analyse.quote_spans import find_quote_spans


def texts(text: str) -> list[str]:
    return [span.text(text) for span in find_quote_spans(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("He said “we will win,” and left.", ["we will win,"]),
        ('He said "we will win," and left.', ["we will win,"]),
        ("He said ‘we will win,’ and left.", ["we will win,"]),
        ("He said 'we will win,' and left.", ["we will win,"]),
        ("It was “a twinkle in some engineer’s eye”.", ["a twinkle in some engineer’s eye"]),
    ],
)
def test_every_kind_of_mark(text: str, expected: list[str]) -> None:
    assert texts(text) == expected


def test_apostrophes_are_not_closers() -> None:
    text = "‘Iran’s drones don’t fly in Putin’s war,’ he said."
    assert texts(text) == ["Iran’s drones don’t fly in Putin’s war,"]


def test_apostrophes_alone_yield_nothing() -> None:
    assert texts("Iran’s drones and Putin’s war in the ’90s, rock 'n' roll, the players' union.") == []


def test_plural_possessive_inside_a_single_quote() -> None:
    text = "‘The Russians’ drones are worse than ours,’ he said."
    assert texts(text) == ["The Russians’ drones are worse than ours,"]


def test_weak_closer_used_when_nothing_better() -> None:
    text = "Tehran will provide ‘hundreds’ of drones and take an ‘operational pause’."
    assert texts(text) == ["hundreds", "operational pause"]


def test_single_quote_closing_before_full_stop() -> None:
    text = "‘Their drones have been in more combat than the Russians’."
    assert texts(text) == ["Their drones have been in more combat than the Russians"]


def test_quote_over_paragraphs_reopens_each_paragraph() -> None:
    text = "They said: “First part.\n\n“Second part.\n\n“Last part.”\n\nNot quoted."
    spans = find_quote_spans(text)
    assert len(spans) == 1
    assert spans[0].text(text) == "First part.\nSecond part.\nLast part."
    assert len(spans[0].pieces) == 3
    assert text[spans[0].end :].startswith("\n\nNot quoted")


def test_single_marks_over_paragraphs() -> None:
    text = "He said ‘for years Iran has refined its drones.\n\n‘Their drones have seen combat’."
    assert texts(text) == ["for years Iran has refined its drones.\nTheir drones have seen combat"]


def test_broken_quote_gives_two_spans() -> None:
    text = "“The first half,” he said. “The second half.”"
    assert texts(text) == ["The first half,", "The second half."]


def test_unclosed_double_quote_ends_with_paragraph() -> None:
    text = "She said “we have nothing\n\nNext paragraph “here” too."
    assert texts(text) == ["we have nothing", "here"]


def test_doubled_single_marks_as_double() -> None:
    text = "“We publish local creators,’’ says the founder."
    assert texts(text) == ["We publish local creators,"]


def test_straight_marks_toggle_and_inches_do_not_open() -> None:
    text = 'He is 6\'2" tall and said "fine" twice, "really fine".'
    assert texts(text) == ["fine", "really fine"]


def test_offsets_point_into_the_text() -> None:
    text = "Intro.\n\nHe said “exactly this” today."
    (span,) = find_quote_spans(text)
    a, b = span.pieces[0]
    assert text[a:b] == "exactly this"
    assert text[span.start] == "“" and text[span.end - 1] == "”"


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

MARKY = st.text(alphabet=st.sampled_from(list("ab s.,:\n“”‘’\"'")), max_size=80)


@settings(max_examples=200, deadline=None)
@given(MARKY)
def test_spans_are_ordered_and_inside_the_text(text: str) -> None:
    spans = find_quote_spans(text)
    previous_end = 0
    for span in spans:
        assert previous_end <= span.start < span.end <= len(text)
        for a, b in span.pieces:
            assert span.start <= a <= b <= span.end
        previous_end = span.end
