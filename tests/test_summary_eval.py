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


def test_paired_bootstrap_is_deterministic_and_brackets_the_mean():
    from evaluation.summaries import paired_bootstrap

    ours = [0.5, 0.6, 0.7, 0.4, 0.9, 0.55]
    rival = [0.4, 0.6, 0.5, 0.45, 0.6, 0.5]
    diff, low, high = paired_bootstrap(ours, rival)
    assert paired_bootstrap(ours, rival) == (diff, low, high)
    assert low <= diff <= high
    assert diff == pytest.approx(sum(a - b for a, b in zip(ours, rival)) / len(ours))
    assert paired_bootstrap([0.5, 0.7, 0.6], [0.4, 0.5, 0.55])[1] > 0  # always ahead: interval above zero
    assert paired_bootstrap([0.5, 0.5], [0.5, 0.5]) == (0.0, 0.0, 0.0)
    assert paired_bootstrap([], []) == (0.0, 0.0, 0.0)


def test_topic_folds_deal_each_topic_round_robin():
    from evaluation.summaries import topic_folds

    stems = [f"sport_{i:03d}" for i in range(1, 6)] + [f"tech_{i:03d}" for i in range(1, 4)]
    folds = topic_folds(stems, 3)
    assert [folds[f"sport_{i:03d}"] for i in range(1, 6)] == [0, 1, 2, 0, 1]
    assert [folds[f"tech_{i:03d}"] for i in range(1, 4)] == [0, 1, 2]
    assert topic_folds(list(reversed(stems)), 3) == folds


def test_report_prints_bootstrap_margins_against_every_baseline(gold_dir):
    text = report({"articles": [{"source": "news_001.txt", "summary": REFERENCE.split("\n")}]}, gold_dir, None)
    margins = text[text.index("Margins of ours") :]
    for name in BASELINES:
        assert f"vs {name}" in margins
    assert "R-2" in margins and "R-L" in margins


@pytest.fixture()
def four_topic_gold(tmp_path):
    (tmp_path / "seeds").mkdir()
    refs = {}
    for topic in ("news", "sport"):
        for i in (1, 2):
            stem = f"{topic}_{i:03d}"
            (tmp_path / "seeds" / f"{stem}.txt").write_text(ARTICLE, encoding="utf-8")
            refs[stem] = REFERENCE
    (tmp_path / "refs.json").write_text(json.dumps(refs), encoding="utf-8")
    return tmp_path


def test_cross_validation_scores_every_article_once_held_out(nlp, four_topic_gold):
    import generator.analyse.summary as summary
    from evaluation.summaries import CV_GRID, cross_validate

    before = {name: getattr(summary, name) for name in CV_GRID}
    gold = load_gold(four_topic_gold)
    held, lines = cross_validate(gold, nlp, 2, folds=2)
    assert sorted(held) == ["news_001", "news_002", "sport_001", "sport_002"]
    assert len(lines) == 2 and all("held-out R-2" in line for line in lines)
    assert {name: getattr(summary, name) for name in CV_GRID} == before  # constants restored
