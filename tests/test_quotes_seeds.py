"""The five seeds' key quotes and speakers, written by hand from the articles.

The pipeline analyses articles after ingest has removed web junk; here the
body is rebuilt from the seed file by dropping the obvious junk lines
(headers, share buttons, teasers, comment forms and what follows them).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.analyse.quotes import extract_quotes
from generator.model import Quote

END = re.compile(r"^(?:Please enter your comment|Related articles|More Stories|\(SDA\))")
JUNK = re.compile(
    r"^(?:Share post:|READ MORE:|https?://|\d{8}$)|\[(?:LATEST|COMMENTS|REPORT)\]$"
)


def body(path: Path) -> str:
    """The seed's paragraphs without junk, joined as ``Article.text`` joins them."""
    kept: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if END.match(line):
            break
        if line and not JUNK.search(line):
            kept.append(line)
    return "\n\n".join(kept)


@pytest.fixture(scope="module")
def seed_quotes(nlp, seeds_dir: Path) -> dict[str, list[Quote]]:
    out = {}
    for path in sorted(seeds_dir.glob("*.txt")):
        out[path.name[:3]] = extract_quotes(nlp(body(path)), [])
    return out


def find(quotes: list[Quote], start: str) -> Quote:
    matches = [q for q in quotes if q.text.startswith(start)]
    assert matches, f"no quote starting {start!r}: {[q.text[:40] for q in quotes]}"
    return matches[0]


def test_000_tweet_over_two_paragraphs(seed_quotes) -> None:
    quote = find(seed_quotes["000"], "The CEO of Turkish drone manufacturer Baykar")
    assert (quote.speaker, quote.kind) == ("Samuel Ramani", "full")
    assert quote.text.endswith("Turkey has refused to supply drones to Russia.")
    assert "\n" in quote.text


def test_000_western_official(seed_quotes) -> None:
    quotes = seed_quotes["000"]
    silver = find(quotes, "In terms of force generation")
    assert (silver.speaker, silver.kind) == ("a Western official", "full")
    assert silver.text.count("\n") == 2  # three paragraphs, one quote
    claimed = find(quotes, "expensive, advanced weaponry")
    assert claimed.speaker == "a Western official"
    adding = find(quotes, "At any one time any country holds a limited stockpile.")
    assert adding.speaker == "a Western official"
    assert "From Russia’s point of view" in adding.text


def test_000_bill_phrases_are_partial(seed_quotes) -> None:
    quotes = seed_quotes["000"]
    for start in (
        "special economic measures",
        "counterterrorist and other operations",
        "a short-term increased need for the repair",
        "the implementation of material assets",
        "the temporary activation of mobilisation",
        "a special military operation in the territories",
    ):
        assert find(quotes, start).kind == "partial"


def test_000_no_quote_goes_to_wrong_people(seed_quotes) -> None:
    speakers = {q.speaker for q in seed_quotes["000"]}
    assert not speakers & {"Baykar", "Putin", "Vladimir Putin", "Martin Kemp"}


def test_001_pretty_bad(seed_quotes) -> None:
    (quote,) = seed_quotes["001"]
    assert (quote.text, quote.speaker, quote.kind) == ("pretty bad", "Senior defence sources", "partial")


def test_002_sullivan_and_khanani(seed_quotes) -> None:
    quotes = seed_quotes["002"]
    sullivan = find(quotes, "Our information indicates")
    assert (sullivan.speaker, sullivan.kind) == ("Jake Sullivan", "full")
    khanani = find(quotes, "Our position on the Ukraine conflict is well known")
    assert (khanani.speaker, khanani.kind) == ("Nasser Khanani", "full")


def test_003_has_no_quotes(seed_quotes) -> None:
    assert seed_quotes["003"] == []


def test_004_single_marks(seed_quotes) -> None:
    quotes = seed_quotes["004"]
    training = find(quotes, "Initial training sessions slated to begin")
    assert (training.speaker, training.kind) == ("Jake Sullivan", "full")
    bendett = find(quotes, "for the last 20 years or more Iran has been refining")
    assert bendett.speaker == "Samuel Bendett"
    assert bendett.text.endswith("Their drones have been in more combat than the Russians")
    for start in ("hundreds", "pariah state", "operational pause", "as long as it takes."):
        assert find(quotes, start).kind == "partial"
    assert find(quotes, "pariah state").speaker == "Joe Biden"
    assert [q.speaker for q in quotes if q.text == "hundreds"][0] == "Jake Sullivan"
