"""Analysis rules against entity junk (issue 16): lists of "Name, Work" lines, fragments of a name cut at "and"."""

from __future__ import annotations

from generator.analyse.entities import extract_mentions
from generator.analyse.list_lines import listed_for

NOMINEES = (
    "Best Actress in a Motion Picture – Drama\n\n"
    "Emily Blunt, Mary Poppins Returns\n\n"
    "** WINNER: Olivia Colman, The Favourite\n\n"
    "Alison Brie (Glow)\n\n"
    "Jason Bateman, Ozark\n\n"
    "The winners were named in Los Angeles on Sunday."
)


def test_the_listed_for_part_of_a_run_of_item_lines_gives_no_entity(nlp) -> None:
    names = {m.text for m in extract_mentions(nlp(NOMINEES))}
    assert {"Emily Blunt", "Olivia Colman", "Los Angeles"} <= names
    assert not names & {"Glow", "Ozark", "Mary Poppins", "Mary Poppins Returns", "Favourite"}


def test_a_known_place_in_a_result_list_stays_a_place(nlp) -> None:
    doc = nlp("Results:\n\nNaoki Soma (Japan)\n\nLance Armstrong (France)\n\nMiguel Indurain (Spain)")
    assert {"Japan", "France", "Spain"} <= {m.text for m in extract_mentions(doc) if m.type == "place"}


def test_one_or_two_such_lines_are_prose_not_a_list(nlp) -> None:
    assert listed_for(nlp("Smith, Jones\n\nAlison Brie (Glow)\n\nHe left.")) == []
    doc = nlp(NOMINEES)
    text = doc.text
    assert [text[a:b] for a, b in listed_for(doc)] == ["Mary Poppins Returns", "The Favourite", "Glow", "Ozark"]


def test_an_untagged_word_and_and_lead_an_organisation_name(nlp) -> None:
    """"the Heart and Stroke Foundation": the tagger took "Stroke Foundation", a fragment."""
    names = {m.text for m in extract_mentions(nlp("A regime sponsored by the Heart and Stroke Foundation of Canada is bullish."))}
    assert "Heart and Stroke Foundation of Canada" in names
    names = {m.text for m in extract_mentions(nlp("Shares of Ford and General Motors Corp fell."))}
    assert {"Ford", "General Motors Corp"} <= names
