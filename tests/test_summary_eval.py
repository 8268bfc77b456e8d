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


def test_report_gives_each_systems_length_and_the_references(gold_dir):
    """ROUGE F1 moves with summary length, so the table shows every system's length in words."""
    perfect = {"articles": [{"source": "news_001.txt", "summary": REFERENCE.split("\n"), "title": "x"}]}
    lines = report(perfect, gold_dir, None).splitlines()
    assert lines[2].split()[-1] == "words"
    reference_words = len(REFERENCE.split())
    row = {line.split("  ")[0].strip(): line.split()[-1] for line in lines[3:] if line and not line.startswith("(")}
    assert float(row["ours"]) == reference_words
    assert float(row["reference"]) == reference_words
    (article,) = load_gold(gold_dir)
    assert float(row[f"Lead-{BUDGET}"]) == sum(len(s.split()) for s in article.sentences[:BUDGET])


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


def test_report_prints_bootstrap_margins_against_every_baseline(gold_dir):
    text = report({"articles": [{"source": "news_001.txt", "summary": REFERENCE.split("\n")}]}, gold_dir, None)
    margins = text[text.index("Margins of ours") :]
    for name in BASELINES:
        assert f"vs {name}" in margins
    assert "R-2" in margins and "R-L" in margins


def test_gold_without_title_line_reads_every_line_as_body(gold_dir):
    (article,) = load_gold(gold_dir, has_title=False)
    assert article.title == ""
    assert article.sentences[0] == "Council approves Marlow flood plan"


def test_newsroom_report_scores_one_and_eleven_references(gold_dir):
    from evaluation.summaries import newsroom_report

    (gold_dir / "refs_all.json").write_text(json.dumps({"news_001": [REFERENCE, "Marlow gets flood defences."]}))
    lines = ARTICLE.split("\n")
    dossier = {"articles": [{"source": "news_001.txt", "summary": [lines[2], lines[6]]}]}
    text = newsroom_report(dossier, gold_dir)
    assert "cnndm-dev (newsroom highlights)" in text and "mean over 11 references" in text
    assert f"Lead-{BUDGET}" in text and "Margins of ours" in text
    eleven = text[text.index("mean over 11 references") :].splitlines()
    assert eleven[2].split()[-1] == "words"
    ours = next(line for line in eleven if line.startswith("ours"))
    assert float(ours.split()[-1]) == len(lines[2].split()) + len(lines[6].split())


def test_oracle_picks_the_reference_sentences():
    from evaluation.train_summary import oracle

    sentences = [line for line in ARTICLE.split("\n")[2:] if line]
    picked = oracle(sentences, REFERENCE.split("\n"))
    assert sorted(sentences[i] for i in picked) == sorted(REFERENCE.split("\n"))


def test_training_learns_what_the_labels_reward():
    """Toy articles whose oracle is always the most central sentence: its weight comes out positive."""
    import numpy as np

    from evaluation.train_summary import Example, fit
    from generator.analyse.summary_features import FEATURES

    rng = np.random.default_rng(0)
    column = FEATURES.index("centrality")
    examples = []
    for k in range(20):
        rows = rng.random((6, len(FEATURES)))
        labels = (rows[:, column] == rows[:, column].max()).astype(float)
        examples.append(Example("toy", str(k), None, [], [], rows, labels, rows, labels, [], []))
    model = fit(examples, 0.01)
    assert model.weights[column] == max(model.weights)
    assert model.weights[column] > 0


def test_titles_eval_strips_title_lines_and_scores_against_headlines(tmp_path, gold_dir, nlp):
    from evaluation import titles

    untitled = titles.untitled_copy(gold_dir / "seeds", tmp_path / "untitled")
    assert (untitled / "news_001.txt").read_text().startswith("Flood defences in Marlow")
    assert titles.first_words(gold_dir / "seeds" / "news_001.txt", 4) == "Flood defences in Marlow"
    dossier = {"articles": [
        {"source": "news_001.txt", "title": "Council approves Marlow flood plan", "title_generated": True},
    ]}
    report_text = titles.headline_report(dossier, gold_dir / "seeds")
    assert "ours (generated title)" in report_text and "100.00" in report_text
    bad = {"articles": [{"source": "a.txt", "title": "The council approved a plan relating", "title_generated": True},
                        {"source": "b.txt", "title": "Given title of", "title_generated": False}]}
    assert [p[0] for p in titles.problems(bad, nlp)] == ["a.txt"]
    assert "1 of 1 generated titles" in titles.problem_report({"toy": bad}, nlp)
