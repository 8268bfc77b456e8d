"""Named and unnamed sources and hedged sentences, on written variants and two seeds."""

from __future__ import annotations

import re
from pathlib import Path

from generator.analyse.quotes import extract_quotes
from generator.analyse.sourcing import assess_sourcing, hedged_sentences


def sourcing(nlp, *paragraphs: str):
    doc = nlp("\n\n".join(paragraphs))
    return assess_sourcing(doc, extract_quotes(doc, []))


def test_named_and_unnamed_sources(nlp) -> None:
    result = sourcing(
        nlp,
        "Senior army sources told reporters the depots were nearly empty.",
        "“We have enough for a month,” said Karl Weiss, the defence minister.",
        "A government official said the figure was wrong.",
    )
    assert "Karl Weiss" in result.named
    assert "Senior army sources" in result.unnamed
    assert "A government official" in result.unnamed
    assert "Karl Weiss" not in result.unnamed


def test_according_to_sources_is_unnamed_and_hedged(nlp) -> None:
    result = sourcing(nlp, "The convoy turned back, according to local sources.")
    assert result.unnamed == ["local sources"]
    assert result.hedged == ["The convoy turned back, according to local sources."]


def test_documents_are_not_sources(nlp) -> None:
    result = sourcing(nlp, "Several reports say the plant has closed.")
    assert result.unnamed == []
    assert result.hedged


def test_hearsay_names_no_source(nlp) -> None:
    result = sourcing(nlp, "The engines are said to be made in Kharkiv.")
    assert result.named == [] and result.unnamed == []
    assert result.hedged == ["The engines are said to be made in Kharkiv."]


def test_hedge_phrases(nlp) -> None:
    doc = nlp(
        "Troops are running low, it has been claimed.\n\n"
        "The deal was reportedly signed in March.\n\n"
        "These claims, though unverified, spread fast.\n\n"
        "The ministry denied the allegations.\n\n"
        "The bridge opened on Monday."
    )
    assert hedged_sentences(doc) == [
        "Troops are running low, it has been claimed.",
        "The deal was reportedly signed in March.",
        "These claims, though unverified, spread fast.",
        "The ministry denied the allegations.",
    ]


def _seed(seeds_dir: Path, prefix: str) -> str:
    """The seed body as ingest leaves it, roughly: header, share and teaser lines dropped."""
    (path,) = sorted(seeds_dir.glob(f"{prefix}_*.txt"))
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
    junk = re.compile(r"^(?:https?://|\d{8}$)")
    return "\n\n".join(line for line in lines if line and not junk.match(line))


def test_seed_001_sources_and_hedges(nlp, seeds_dir: Path) -> None:
    doc = nlp(_seed(seeds_dir, "001"))
    result = assess_sourcing(doc, extract_quotes(doc, []))
    assert "Senior defence sources" in result.unnamed
    assert "Ukrainian sources" in result.unnamed
    hedged = " ".join(result.hedged)
    assert "it has been claimed" in hedged
    assert "said to be reliant" in hedged
    assert "sources say" in hedged


def test_seed_003_hedges(nlp, seeds_dir: Path) -> None:
    doc = nlp(_seed(seeds_dir, "003"))
    result = assess_sourcing(doc, extract_quotes(doc, []))
    hedged = " ".join(result.hedged)
    for cue in ("allegations", "reportedly", "unverified"):
        assert cue in hedged
    assert "Critics" in result.unnamed


def test_unnamed_sources_are_person_or_group_nouns(nlp) -> None:
    result = sourcing(
        nlp,
        "People familiar with the talks said the deal was close.",
        "Critics say the plan will fail.",
        "That, he said, was the end of it.",
        "A fully packed freezer means trouble, residents said.",
        "Hua's comments suggest a change, the newspaper said.",
    )
    assert "People familiar with the talks" in result.unnamed
    assert "Critics" in result.unnamed
    assert "residents" in result.unnamed
    for fragment in ("That", "that", "A fully packed freezer", "Hua's comments"):
        assert fragment not in result.unnamed


def test_named_people_are_never_unnamed(nlp) -> None:
    result = sourcing(
        nlp,
        "Mayor Rod Peters says he spent Saturday running errands.",
        "Ms. Carr and Mr. Wiebe said the tax was unfair.",
        "Sinclair said the board had failed.",
    )
    assert "Rod Peters" in result.named
    assert not any("Carr" in u or "Wiebe" in u or "Sinclair" in u for u in result.unnamed)


def test_places_and_dates_are_not_named_sources(nlp) -> None:
    result = sourcing(
        nlp,
        "Canada said the detentions were arbitrary.",
        "China said the arrest was illegal.",
        "The company said on Thursday that sales fell, Acme Corp. said.",
        "Maria Lopez, a union leader, said the strike would go on.",
    )
    assert "Canada" not in result.named and "China" not in result.named
    assert "Thursday" not in result.named
    assert "Maria Lopez" in result.named


def test_source_nouns_fold_plurals() -> None:
    from generator.analyse.sourcing import is_source_noun

    assert is_source_noun("officials") and is_source_noun("spokespeople") and is_source_noun("Authorities")
    assert not is_source_noun("comments") and not is_source_noun("freezer") and not is_source_noun("that")


def test_clauses_that_report_no_statement_name_no_source(nlp) -> None:
    result = sourcing(
        nlp,
        "Jane Moss did not answer any questions from reporters.",
        "Teuvo Lind agreed to a five-year contract with the club.",
        "ESPN first reported the trade.",
        "Karl Weiss denied wrongdoing.",
    )
    assert "Jane Moss" not in result.named
    assert "Teuvo Lind" not in result.named
    assert "ESPN" in result.named and "Karl Weiss" in result.named


def test_a_name_split_across_lines_is_not_a_new_name(nlp) -> None:
    result = sourcing(nlp, "Justin Trudeau", "Trudeau urged people to vote.", "Justin Trudeau said the plan would work.")
    assert result.named == ["Justin Trudeau"]
