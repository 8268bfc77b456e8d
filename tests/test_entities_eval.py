"""The conll-dev scorer (evaluation/entities.py) on a small set written here."""

from __future__ import annotations

import json

import pytest

from evaluation.entities import normalise, report, score_dossier

GOLD = {
    "doc_001": {
        "people": ["Phil Simmons", "Simmons"],
        "organisations": ["Leicestershire", "LEICESTERSHIRE"],
        "places": ["London"],
    }
}
DOSSIER = {
    "articles": [
        {
            "source": "doc_001.txt",
            "people": ["phil-simmons", "somerset"],
            "organisations": ["leicestershire"],
            "places": [],
        },
        {"source": "not_in_gold.txt", "people": ["phil-simmons"], "organisations": [], "places": []},
    ],
    "entities": [
        {"id": "phil-simmons", "name": "Phil Simmons", "aliases": ["Simmons"], "type": "person"},
        {"id": "somerset", "name": "Somerset", "aliases": [], "type": "person"},
        {"id": "leicestershire", "name": "Leicestershire", "aliases": [], "type": "organisation"},
    ],
}


def test_names_fold_case_article_and_possessive():
    assert normalise("The Kremlin’s") == "kremlin"
    assert normalise("LEICESTERSHIRE") == normalise("Leicestershire")


def test_an_entity_is_right_when_one_of_its_names_is_gold_and_finds_all_of_them():
    scores, n = score_dossier(DOSSIER, GOLD)
    assert n == 1  # articles without gold are not scored
    people = scores["people"]
    assert (people.correct, people.predicted) == (1, 2)  # "Somerset" is no person
    assert (people.found, people.gold) == (2, 2)  # "Phil Simmons" and its alias "Simmons"
    assert people.precision == pytest.approx(0.5) and people.recall == pytest.approx(1.0)
    assert scores["organisations"].f1 == pytest.approx(1.0)  # two spellings, one name
    assert scores["places"].recall == 0.0 and scores["places"].f1 == 0.0


def test_report_scores_bare_spacy_on_the_same_documents(tmp_path, nlp):
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "doc_001.txt").write_text(
        "Phil Simmons took four wickets in London.\nSimmons was pleased.\n", encoding="utf-8"
    )
    (tmp_path / "gold.json").write_text(json.dumps(GOLD), encoding="utf-8")
    text = report(DOSSIER, tmp_path, nlp)
    lines = text.splitlines()
    assert "1 articles" in lines[0]
    assert lines[2].startswith("dossier") and lines[3].startswith("bare spaCy")
    assert "0.667 (0.500 1.000)" in lines[2]  # people: P .5, R 1


def test_given_names_are_first_words_of_people_never_of_bodies_or_places_nor_common_words():
    from evaluation.given_names import learn

    gold = {
        "a": {"people": ["Graham Thorpe", "Will Carling", "Morgan Freeman"], "organisations": ["Morgan Stanley"], "places": []},
        "b": {"people": ["Graham Taylor", "Will Smith", "Morgan Tsvangirai", "Ann Widdecombe"], "organisations": [], "places": []},
    }
    texts = ["Graham Taylor said he will go. It will rain, and Will Smith will sing."]
    assert learn(gold, texts) == ["graham"]  # "will": lower case more often; "ann": once
