"""Captions with credits, datelines, widget prompts, column notes and recipes leave the text.

The fixtures under tests/fixtures/furniture reproduce each kind as real news pages
carry it; the build test checks that none of it reaches a title, a summary, an
entity or a timeline entry, and that all of it is listed as removed.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from builds import build
from generator import captions
from generator.analyse import entities as entity_analysis
from generator.analyse import quotes as quote_analysis
from generator.ingest import read_seeds
from generator.ingest import junk
from generator.model import Article, Dossier

FURNITURE = Path(__file__).resolve().parent / "fixtures" / "furniture"

#: Words of furniture in each fixture (source file → pieces that must leave the text).
FURNITURE_PIECES = {
    "dateline.txt": ["MILLBROOK", "Tap the image"],
    "caption_credit.txt": ["Daniel Moreau", "Paul Hendricks", "This photo released", "Note: This column", "Civic Life"],
    "recipe.txt": ["SPRINGVALE", "1 tbsp", "For the soup", "Makes 6 servings"],
    "whole_dateline.txt": ["PORT HAVEN, N.S"],
}
#: Article text next to the furniture that must stay.
KEPT_PIECES = {
    "dateline.txt": ["For nearly two weeks, volunteers", "The township council said"],
    "caption_credit.txt": ["The new library on King Street opened", "Libraries are where a town keeps its memory"],
    "recipe.txt": ["Chef Ruth Alvarez has cooked", "She never measured anything", "The fair runs until Sunday"],
    "whole_dateline.txt": ["Fishermen in the harbour town of Port Haven"],
}


@pytest.fixture(scope="module")
def ingested() -> dict[str, Article]:
    articles, problems = read_seeds(FURNITURE)
    assert problems == []
    return {article.source: article for article in articles}


@pytest.mark.parametrize("source", sorted(FURNITURE_PIECES))
def test_furniture_removed_and_recorded(ingested: dict[str, Article], source: str) -> None:
    article = ingested[source]
    removed = "\n".join(article.removed)
    for piece in FURNITURE_PIECES[source]:
        assert piece not in article.text, piece
        assert piece in removed, piece
    for piece in KEPT_PIECES[source]:
        assert piece in article.text, piece
    assert article.title is None  # a whole-line dateline is no title either


def test_dateline_cut_from_its_paragraph_not_the_paragraph() -> None:
    lines, removed = junk.cut_furniture(["BARRON, Wis. -- For nearly three months, the girl hid.", "", "Next."])
    assert lines[0] == "For nearly three months, the girl hid."
    assert [(r.text, r.rule) for r in removed] == [("BARRON, Wis. --", "dateline")]


@pytest.mark.parametrize(
    "line, opener",
    [
        ("KUALA LUMPUR, Malaysia — Malaysia's royal families will meet.", "KUALA LUMPUR, Malaysia — "),
        ("TROUT BROOK, N.B. — Kevin Vickers is considering a move.", "TROUT BROOK, N.B. — "),
        ("WASHINGTON (AP) — The Senate voted on Tuesday.", "WASHINGTON (AP) — "),
        ("(CNN) Donald Sterling's remarks cost him a team.", "(CNN) "),
        ("(Reuters) - Oil prices rose on Monday.", "(Reuters) - "),
        ("(CNN)", ""),
        ("(and more) was said.", ""),
        ("US - China talks resumed on Monday.", ""),
        ("NATO — the alliance met.", ""),
        ("The mayor — who was late — spoke.", ""),
    ],
)
def test_dateline_opener(line: str, opener: str) -> None:
    assert line[: captions.dateline_opener(line)] == opener


@pytest.mark.parametrize(
    "line, expected",
    [("TROUT BROOK, N.B", True), ("KUALA LUMPUR, Malaysia —", True), ("NICK TAYLOR --", False), ("WHAT HAPPENED NEXT", False),
     ("Ottawa, Ont.", False)],
)
def test_dateline_alone(line: str, expected: bool) -> None:
    assert captions.is_dateline_line(line) is expected
    assert (junk.line_rule(line) is not None and junk.line_rule(line).name == "dateline") is expected


def test_capitals_and_dashes_that_recur_lead_list_items_not_datelines() -> None:
    lines = ["The Canadians to watch this season:", "", "NICK TAYLOR -- He won in 2014.", "", "ADAM HADWIN -- He played well."]
    assert junk.cut_furniture(lines) == (lines, [])
    late = ["First.", "Second.", "Third.", "Fourth.", "Fifth.", "LONDON — A sixth paragraph."]
    assert junk.cut_furniture(late) == (late, [])  # a dateline opens the story


def test_credited_captions_take_the_caption_not_the_prose() -> None:
    prose = "The council met for three hours on Monday. " * 12
    line = prose + "A fan waves a flag outside the arena. ( Jane Roe / AP ) The game ended late."
    (start, end), = captions.credited_captions(line)
    assert line[start:end] == "A fan waves a flag outside the arena. ( Jane Roe / AP )"
    assert captions.credited_captions("He chose the red/blue option (both of them).") == []


def test_recipe_needs_a_run_of_quantities() -> None:
    assert captions.recipe_start("She bought 2 cups of coffee and 1 lb of beans at the market on Monday.") is None
    text = "It keeps well. For the sauce 1 cup (250 ml) cream 2 tbsp butter 1 tsp salt 1/4 cup parmesan Stir well."
    assert text[captions.recipe_start(text) :].startswith("For the sauce 1 cup")


@pytest.mark.parametrize(
    "line, rule",
    [
        ("Tap the image above to read more about the cost of the new line.", "widget_prompt"),
        ("Click on the map below to see every station.", "widget_prompt"),
        ("(Note: This column appears in the May 2019 issue of Golf Monthly.)", "column_note"),
        ("Editor's note: This story was updated to correct a date.", "column_note"),
        ("Ann Lee/CP Prime Minister Justin Trudeau speaks in Ottawa on Jan. 3, 2019.", "caption_credit_opener"),
        ("Ann Lee / The Canadian Press Andrew Scheer follows the Speaker.", "caption_credit_opener"),
        ("The Canadian Press Veterans Affairs Minister Jane Roe attends a ceremony in Ottawa.", "caption_credit_opener"),
    ],
)
def test_line_rules(line: str, rule: str) -> None:
    found = junk.line_rule(line)
    assert found is not None and found.name == rule


@pytest.mark.parametrize(
    "line",
    [
        "Tap water was unsafe to drink for three days, officials said.",
        "The note said: this would be the last meeting.",
        "Ann Lee said the talks would resume on Friday.",
        "The Associated Press Stylebook changed its advice in 2019.",
        "Xinhua News Agency said the talks had ended.",
    ],
)
def test_prose_is_not_furniture(line: str) -> None:
    assert junk.line_rule(line) is None
    assert captions.dateline_opener(line) == 0


def test_one_definition_of_captions_serves_every_stage() -> None:
    """Ingest, entities and quotes ask the same helper: no copy of the patterns drifts."""
    assert not hasattr(entity_analysis, "_CREDIT_OPENERS") and not hasattr(entity_analysis, "_CAPTION")
    assert quote_analysis.LABEL_LINE is captions.LABEL_LINE
    assert entity_analysis.is_caption_or_credit is captions.is_caption_or_credit
    for text in ("Photo: Jane Roe", "With files from The Canadian Press", "(Haweya Fadal/CBC) Protesters march"):
        assert captions.is_caption_or_credit(text)
    assert not captions.is_caption_or_credit("The protesters marched to the legislature on Monday.")


def _outputs(dossier: Dossier) -> list[str]:
    """Every title, summary sentence, entity name and alias, and timeline entry of a build."""
    texts = []
    for article in dossier.articles:
        texts.append(article.analysed.title)
        texts.extend(article.analysed.summary)
    for entity in dossier.entities.values():
        texts.append(entity.name)
        texts.extend(entity.aliases)
    texts.extend(item.text for item in dossier.timeline)
    return texts


def test_furniture_never_reaches_titles_summaries_entities_or_timeline(tmp_path: Path) -> None:
    shutil.copytree(FURNITURE, tmp_path / "seeds")
    result, _ = build(tmp_path)
    outputs = _outputs(result.dossier)
    assert outputs
    for source, pieces in FURNITURE_PIECES.items():
        for piece in pieces:
            hits = [text for text in outputs if piece.lower() in text.lower()]
            assert not hits, (source, piece, hits)
    names = {entity.name for entity in result.dossier.entities.values()}
    assert {"Daniel Moreau", "Paul Hendricks"}.isdisjoint(names)  # photographers are no one in the story


def test_wire_tag_opening_a_story_is_cut_and_recorded() -> None:
    """"(CNN)" leaves the text before any stage reads it: summaries, titles, timeline, entities."""
    lines, removed = junk.cut_furniture(["(CNN) SpaceX on Tuesday launched a rocket.", "", "It flew."])
    assert lines[0] == "SpaceX on Tuesday launched a rocket."
    assert [(r.text, r.rule) for r in removed] == [("(CNN)", "dateline")]


def test_a_slash_between_places_is_prose_not_a_photo_credit() -> None:
    """"the New York/Toronto Project" dropped a whole paragraph's names as a caption (issue 16)."""
    assert not captions.is_caption_or_credit("He invited her as part of that year’s New York/Toronto Project, the latest.")
    assert captions.is_caption_or_credit("Adrian Wyld/CP Foreign Affairs Minister Chrystia Freeland speaks.")
    assert captions.is_caption_or_credit("Protesters march. (Haweya Fadal/CBC)")
