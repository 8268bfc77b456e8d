"""The summary eval runs every baseline offline on a tiny gold set of our own making."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = str(Path(__file__).resolve().parent.parent)
if ROOT not in sys.path:  # evaluation/ is a developer tool, not an installed package
    sys.path.insert(0, ROOT)

pytest.importorskip("sumy")
pytest.importorskip("rouge_score")

from evaluation.summaries import BASELINES, BUDGET, LineTokenizer, load_gold, report  # noqa: E402

ARTICLE = """Council approves Marlow flood plan

Flood defences in Marlow will be rebuilt after the council approved a twelve million pound plan.
The council said the defences would protect two thousand homes.

Work will begin in the spring and last two years.
The Environment Agency will pay half of the cost of the flood defences.
Opponents said the money for the flood plan should go to roads.
"""
REFERENCE = (
    "Flood defences in Marlow will be rebuilt after the council approved a twelve million pound plan.\n"
    "The Environment Agency will pay half of the cost of the flood defences."
)


@pytest.fixture()
def gold_dir(tmp_path):
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "news_001.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "refs.json").write_text(json.dumps({"news_001": REFERENCE}), encoding="utf-8")
    return tmp_path


def test_gold_reading_keeps_title_paragraphs_and_lines(gold_dir):
    (article,) = load_gold(gold_dir)
    assert article.title == "Council approves Marlow flood plan"
    assert [len(p) for p in article.paragraphs] == [2, 3]
    assert len(article.reference) == 2


def test_line_tokenizer_needs_no_nltk_data():
    tok = LineTokenizer()
    assert tok.to_sentences("One sentence. Still one.\nTwo.") == ("One sentence. Still one.", "Two.")
    assert tok.to_words("Marlow's £12m plan, approved.") == ("Marlow's", "12m", "plan", "approved")


@pytest.mark.parametrize("name", sorted(BASELINES))
def test_every_baseline_respects_the_budget(gold_dir, name):
    (article,) = load_gold(gold_dir)
    picked = BASELINES[name](article, 2)
    assert len(picked) == 2 and set(picked) <= set(article.sentences)


def test_report_scores_the_dossier_and_states_the_budget(gold_dir):
    perfect = {"articles": [{"source": "news_001.txt", "summary": REFERENCE.split("\n"), "title": "x"}]}
    text = report(perfect, gold_dir, None)
    assert f"{BUDGET} sentences per article" in text
    ours = next(line for line in text.splitlines() if line.startswith("ours"))
    assert ours.split()[1:3] == ["100.00*", "100.00*"]
    for name in BASELINES:
        assert any(line.startswith(name) for line in text.splitlines())
    missing = report({"articles": []}, gold_dir, None)
    assert "missing from the dossier" in missing
