"""Dated events: each point-in-time form, with and without an article date; durations skipped."""

from __future__ import annotations

import pytest

from generator.analyse.dates import extract_dates
from generator.model import DatedEvent


def _events(nlp, text: str, base: str | None) -> list[DatedEvent]:
    return extract_dates(nlp(text), base)


def _by_expression(events: list[DatedEvent]) -> dict[str, str | None]:
    return {e.expression.lower(): e.date for e in events}


# (sentence, expected expression, date with base 2022-07-18 (a Monday), date when undated)
CASES = [
    ("On July 1, the Kremlin submitted a bill to the parliament.", "on july 1", "2022-07-01", None),
    ("Russia launched its assault on Ukraine on February 24, officials said.", "on february 24", "2022-02-24", None),
    ("The drones were used in an attack on oil facilities back in 2019.", "in 2019", "2019", "2019"),
    ("Zelenskyy had sabotaged negotiations in Turkey during March 2022, reports said.", "during march 2022", "2022-03", "2022-03"),
    ("The three powers have organised talks in the Astana format since 2017.", "since 2017", "2017", "2017"),
    ("The treaty was signed on 4 April 2022 in Brussels.", "on 4 april 2022", "2022-04-04", "2022-04-04"),
    ("The war, which began in late February, has cost thousands of lives.", "in late february", "2022-02", None),
    ("On Tuesday, the Russian President travelled to Iran for talks.", "on tuesday", "2022-07-12", None),
    ("Last month, a Western official warned that Russia risks running out of ammunition.", "last month", "2022-06", None),
    ("Two weeks ago, the Kremlin leader had already flown to Tajikistan.", "two weeks ago", "2022-07-04", None),
    ("The minister resigned last year after a long scandal.", "last year", "2021", None),
]


@pytest.mark.parametrize(("sentence", "expression", "dated", "undated"), CASES)
def test_each_form_with_and_without_article_date(nlp, sentence, expression, dated, undated):
    with_base = _by_expression(_events(nlp, sentence, "2022-07-18"))
    without = _by_expression(_events(nlp, sentence, None))
    assert expression in with_base, with_base
    assert with_base[expression] == dated
    assert expression in without, without
    assert without[expression] == undated


def test_event_keeps_the_sentence_verbatim(nlp):
    text = "Markets were calm. On July 1, the Kremlin submitted a bill to the State Duma. Nothing else happened."
    [event] = _events(nlp, text, "2022-07-18")
    assert event.text == "On July 1, the Kremlin submitted a bill to the State Duma."
    assert event.expression == "On July 1"


def test_sentence_does_not_cross_a_line_break(nlp):
    text = "Picture caption without a full stop\nRussia launched its assault on Ukraine on February 24, and Kyiv fought back."
    [event] = _events(nlp, text, "2022-07-18")
    assert event.text.startswith("Russia launched")


def test_year_rollover_prefers_the_past(nlp):
    events = _events(nlp, "On December 30, the company announced record losses.", "2022-01-03")
    assert _by_expression(events)["on december 30"] == "2021-12-30"


def test_future_tense_looks_ahead(nlp):
    dated = _by_expression(_events(nlp, "The Russian leader will visit the Iranian capital on Tuesday for talks.", "2022-07-14"))
    assert dated["on tuesday"] == "2022-07-19"
    rollover = _by_expression(_events(nlp, "The summit will open on January 5 in Geneva.", "2021-12-30"))
    assert rollover["on january 5"] == "2022-01-05"


def test_weekday_in_an_article_of_the_same_weekday_is_that_day(nlp):
    events = _by_expression(_events(nlp, "The United States said on Monday that Iran would supply drones.", "2022-07-18"))
    assert events["on monday"] == "2022-07-18"


def test_relative_periods(nlp):
    text = (
        "Earlier this month, Russia drafted a law. "
        "The lessons could begin next week, he said. "
        "Prices rose sharply last August. "
        "The ministry said yesterday that talks had stalled."
    )
    events = _by_expression(_events(nlp, text, "2022-07-13"))
    assert events["earlier this month"] == "2022-07"
    # The week of 18-24 July lies in one month, so the month is certain; the day is not.
    assert events["next week"] == "2022-07"
    assert events["last august"] == "2021-08"
    assert events["yesterday"] == "2022-07-12"


def test_week_across_a_month_boundary_is_only_a_year(nlp):
    # 2022-08-24 is a Wednesday: next week runs 29 August to 4 September.
    events = _by_expression(_events(nlp, "The delegation will arrive next week, officials said.", "2022-08-24"))
    assert events["next week"] == "2022"


def test_months_ago_is_a_month(nlp):
    events = _by_expression(
        _events(nlp, "It was one of his first trips since the war began four and a half months ago.", "2022-07-18")
    )
    assert events["four and a half months ago"] == "2022-03"


@pytest.mark.parametrize(
    "sentence",
    [
        "The talks lasted four and a half months without result.",
        "Iran has been refining its drone force for the last 20 years or more.",
        "Russia used up its capacity in the first 100 days of the invasion.",
        "Putin has only attended meetings online in recent months.",
        "The attack crippled production for several days.",
        "Sales grow each year by a few percent.",
        "Ankara has been announcing the offensive for weeks.",
    ],
)
def test_durations_and_vague_spans_are_skipped(nlp, sentence):
    assert _events(nlp, sentence, "2022-07-18") == []
    assert _events(nlp, sentence, None) == []


def test_ranges_are_not_points(nlp):
    events = _events(nlp, "Between 2014 and 2016 the company doubled in size.", "2022-07-18")
    assert all(e.date is None or len(e.date) == 4 for e in events)
    assert not any(e.date == "2014" for e in events)


def test_bad_article_date_is_treated_as_undated(nlp):
    events = _by_expression(_events(nlp, "On July 1, the Kremlin submitted a bill.", "not a date"))
    assert events["on july 1"] is None


def test_events_are_in_text_order(nlp):
    text = "In 2019 the plant closed. It reopened in March 2021. On May 3, 2022 it was sold."
    events = _events(nlp, text, None)
    assert [e.date for e in events] == ["2019", "2021-03", "2022-05-03"]


def test_explicit_dates_missed_by_the_tagger_are_found(nlp):
    doc = nlp("The treaty was signed on 4 April 2022 in Brussels. Talks may resume in March.")
    doc.ents = []  # as if the small model had missed them
    events = extract_dates(doc, None)
    assert [(e.expression, e.date) for e in events] == [("on 4 April 2022", "2022-04-04")]


def test_possessive_and_hedged_forms(nlp):
    events = _by_expression(_events(nlp, "Last year's election was disputed, and the vote about two weeks ago too.", "2022-07-18"))
    assert events.get("last year") == "2021"
    assert events.get("about two weeks ago") == "2022-07"
