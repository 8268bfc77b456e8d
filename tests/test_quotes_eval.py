"""The quote scoring rules of evaluation/quotes.py, on hand-made gold (no shared data needed)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = str(Path(__file__).resolve().parent.parent)
if ROOT not in sys.path:  # evaluation/ is a developer tool, not an installed package
    sys.path.insert(0, ROOT)

from evaluation.quotes import (  # noqa: E402
    evaluate,
    match,
    naive_quotes,
    report,
    same_speaker,
    score_article,
)


def test_match_needs_half_of_both() -> None:
    gold = ["“We will win this election, no doubt,”"]
    assert match(["We will win this election, no doubt"], gold) == [(0, 0)]
    assert match(["We will win"], gold) == []  # covers under half of the gold
    assert match(["We will win this election, no doubt, and then we will fix the roads"], gold) == [(0, 0)]


def test_match_is_one_to_one() -> None:
    gold = ["“Alpha beta gamma delta.”", "“Alpha beta gamma delta.”"]
    assert len(match(["Alpha beta gamma delta."], gold)) == 1


def test_same_speaker_rules() -> None:
    assert same_speaker("Jake Sullivan", "Jake Sullivan")
    assert same_speaker("Sullivan", "Jake Sullivan")
    assert same_speaker("Mr Sullivan", "Jake Sullivan")
    assert same_speaker("a spokesperson", "a spokesperson for the camp")
    assert not same_speaker("Joe Biden", "Jake Sullivan")
    assert not same_speaker(None, "Jake Sullivan")


def test_multi_paragraph_prediction_scored_per_paragraph() -> None:
    gold = [
        {"text": "“First paragraph of the quote here.", "reference": "Ann Lee"},
        {"text": "“Second paragraph of the quote here.”", "reference": "Ann Lee"},
    ]
    pred = [("First paragraph of the quote here.\nSecond paragraph of the quote here.", "Ann Lee")]
    scores, _ = score_article(pred, gold)
    assert (scores.predicted, scores.matched, scores.right_speaker) == (2, 2, 2)


def test_naive_baseline(nlp) -> None:
    doc = nlp("“The roads are ready,” said Ann Lee. Her rival Bob Stone disagreed ‘strongly’.")
    assert naive_quotes(doc) == [("The roads are ready,", "Ann Lee")]


def test_report_table(nlp, tmp_path: Path) -> None:
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "a1.txt").write_text(
        "“The roads are ready,” said Ann Lee.\n\nBob Stone said: “They are not.”\n", encoding="utf-8"
    )
    gold = {
        "a1": {
            "people": ["Ann Lee", "Bob Stone"],
            "quotes": [
                {"text": "“The roads are ready,”", "speaker": "Ann Lee", "reference": "Ann Lee", "direct": True},
                {"text": "“They are not.”", "speaker": "Bob Stone", "reference": "Bob Stone", "direct": True},
                {"text": "roads are fine", "speaker": "x", "reference": "x", "direct": False},
            ],
        }
    }
    (tmp_path / "gold.json").write_text(json.dumps(gold), encoding="utf-8")
    dossier = {
        "articles": [
            {
                "source": "a1.txt",
                "quotes": [
                    {"text": "The roads are ready", "speaker": "Ann Lee", "speaker_id": None, "kind": "full"},
                    {"text": "They are not.", "speaker": "Ann Lee", "speaker_id": None, "kind": "full"},
                    {"text": "ready", "speaker": None, "speaker_id": None, "kind": "partial"},
                ],
            }
        ],
        "entities": [],
    }
    totals = evaluate(dossier, tmp_path, nlp)
    full = totals["dossier full"]
    assert (full.predicted, full.gold, full.matched, full.right_speaker) == (2, 2, 2, 1)
    assert totals["dossier full+partial"].predicted == 3
    table = report(dossier, tmp_path, nlp)
    assert "naive baseline" in table and "0.500" in table
