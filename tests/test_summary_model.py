"""The learned sentence scorer: its weights file, its features, and clean summary sentences."""

from __future__ import annotations

import json

import numpy as np
import pytest

from generator.analyse import summary_model
from generator.analyse.sentences import split_sentences, strip_dateline
from generator.analyse.summary import pickable, summarise
from generator.analyse.summary_features import FEATURES, glued, order_signal, sentence_features, textrank
from generator.analyse.summary_model import SummaryModelError, default_path, load_model, parse_model


def _shipped() -> dict:
    return json.loads(default_path().read_text(encoding="utf-8"))


def test_shipped_weights_load_and_match_the_features():
    model = load_model()
    assert model.features == FEATURES
    assert model.weights.shape == (len(FEATURES),)
    assert _shipped()["trained"]["script"] == "python -m evaluation.train_summary"


def test_missing_weights_file_is_a_clear_error(tmp_path):
    missing = tmp_path / "summary_model.json"
    with pytest.raises(SummaryModelError, match=r"summary_model\.json.*missing.*train_summary"):
        load_model(missing)


@pytest.mark.parametrize(
    "mutate, message",
    [
        (lambda d: "not json {", "unreadable"),
        (lambda d: json.dumps([1, 2]), "JSON object"),
        (lambda d: json.dumps({**d, "features": d["features"][:-1]}), "features"),
        (lambda d: json.dumps({**d, "weights": d["weights"][:-1]}), "'weights'"),
        (lambda d: json.dumps({**d, "mean": ["x"] * len(d["mean"])}), "'mean'"),
        (lambda d: json.dumps({**d, "scale": [0.0] * len(d["scale"])}), "'scale'"),
        (lambda d: json.dumps({k: v for k, v in d.items() if k != "weights"}), "'weights'"),
        (lambda d: json.dumps({k: v for k, v in d.items() if k != "redundancy"}), "'redundancy'"),
        (lambda d: json.dumps({**d, "redundancy": 1.5}), "'redundancy'"),
        (lambda d: json.dumps({**d, "redundancy": "0.5"}), "'redundancy'"),
    ],
)
def test_malformed_weights_file_is_a_clear_error(tmp_path, mutate, message):
    path = tmp_path / "summary_model.json"
    path.write_text(mutate(_shipped()), encoding="utf-8")
    with pytest.raises(SummaryModelError, match=message) as info:
        load_model(path)
    assert str(path) in str(info.value)


def test_summaries_use_the_weights_file_not_a_fallback(nlp, monkeypatch, tmp_path):
    """With the shipped file gone, summarising fails loudly instead of quietly using other weights."""
    monkeypatch.setattr(summary_model, "default_path", lambda: tmp_path / "gone.json")
    load_model.cache_clear()
    try:
        with pytest.raises(SummaryModelError, match="missing"):
            summarise(nlp("The council met on Monday to approve the new budget for roads."), None, [])
    finally:
        load_model.cache_clear()


def test_weights_decide_the_pick(nlp):
    """Flip the sign of the position weight and the last sentence wins instead of the first."""
    lines = [
        "The council approved a new budget for the roads of the town on Monday evening.",
        "Snow fell across the northern hills for the third day running this week.",
        "A new library will open in the old market hall of the town next spring.",
    ]
    doc = nlp("\n\n".join(lines))
    base = _shipped()
    weights = [0.0] * len(FEATURES)
    weights[FEATURES.index("position")] = 5.0
    first = parse_model({**base, "weights": weights})
    weights[FEATURES.index("position")] = -5.0
    last = parse_model({**base, "weights": weights})
    assert summarise(doc, None, [], n=1, model=first) == [lines[0]]
    assert summarise(doc, None, [], n=1, model=last) == [lines[2]]


def test_features_rows_follow_the_given_order(nlp):
    lines = [
        "The council approved a new budget for the roads of the town on Monday evening.",
        "The road budget will pay for new surfaces on every street in the town centre.",
        "Snow fell across the northern hills for the third day running this week.",
    ]
    doc = nlp("\n\n".join(lines))
    sentences = split_sentences(doc)
    usable = pickable(sentences, None)
    rows = sentence_features(sentences, usable, None, [], doc)
    assert rows.shape == (3, len(FEATURES))
    position = FEATURES.index("position")
    assert list(rows[:, position]) == [1.0, 0.5, pytest.approx(1 / 3)]
    reversed_rows = sentence_features(sentences, usable[::-1], None, [], doc)
    assert reversed_rows[0, position] == 1.0
    # order-free features do not depend on the order given
    for name in ("centrality", "textrank"):
        column = FEATURES.index(name)
        assert reversed_rows[::-1, column] == pytest.approx(rows[:, column])


def test_textrank_walk_ranks_the_hub_first_as_the_baseline_does():
    """PageRank over TextRank's edges: a distribution, the sentence the others echo on top."""
    hub = ["council", "road", "budget", "vote", "school", "bridge", "tax"]
    ranks = textrank([hub, ["road", "snow", "hill"], ["budget", "rain", "wind"]])
    assert sum(ranks) == pytest.approx(1.0)
    assert ranks[0] > ranks[1] == pytest.approx(ranks[2])
    assert textrank([["road"]]) == [1.0] and textrank([]) == []


def test_order_signal_tells_prose_from_shuffled_text():
    ordered = [["budget", "road"], ["road", "repair"], ["repair", "crew"], ["crew", "strike"], ["strike", "union"]]
    assert order_signal(ordered) > order_signal([ordered[i] for i in (0, 3, 1, 4, 2)])


@pytest.mark.parametrize(
    "text, expected",
    [
        ("(CNN) Donald Sterling's racist remarks cost him an NBA team last year.",
         "Donald Sterling's racist remarks cost him an NBA team last year."),
        ("(CNN) -- The bus caught fire.", "The bus caught fire."),
        ("LONDON, England (Reuters) -- Shares fell sharply.", "Shares fell sharply."),
        ("BARRON, Wis. -- A man died in the crash.", "A man died in the crash."),
        ("WASHINGTON (AP) — Congress met on Monday.", "Congress met on Monday."),
        ("US - China talks resumed.", "US - China talks resumed."),
        ("NATO said it would act.", "NATO said it would act."),
        ("The BBC (British Broadcasting Corporation) said so.", "The BBC (British Broadcasting Corporation) said so."),
    ],
)
def test_dateline_is_stripped_and_nothing_else(text, expected):
    assert strip_dateline(text) == expected


def test_summary_sentences_lose_their_dateline(nlp):
    lines = [
        "(CNN) A North Pacific gray whale has earned a spot in the record books after a long swim.",
        "The whale, named Varvara, swam nearly 14,000 miles across the Pacific Ocean and back.",
    ]
    summary = summarise(nlp("\n\n".join(lines)), None, [], n=2)
    assert summary[0] == lines[0].removeprefix("(CNN) ")
    assert summary[1] == lines[1]


def test_glued_teaser_is_noticed():
    assert glued("The 13th Juror: Now it gets real In a front-page opinion piece, the paper said so.")
    assert not glued("In a front-page opinion piece, the paper said the trial would end soon.")
    assert not glued("The paper said that In-N-Out would open a branch.")


def test_glued_teaser_is_not_picked(nlp):
    lines = [
        "The jury in the Boston Marathon bombing trial will begin deliberations on Tuesday morning.",
        "The 13th Juror: Now it gets real In a front-page opinion piece, the Boston Globe called for mercy.",
        "The trial has heard from more than ninety witnesses over the past six weeks in the city.",
        "Lawyers for the defence will try to spare their client the death penalty in the next phase.",
    ]
    doc = nlp("\n\n".join(lines))
    for n in (1, 2, 3):
        assert lines[1] not in summarise(doc, None, [], n=n)


def test_scores_are_finite_and_best_is_one(nlp):
    doc = nlp("The council met.\n\nThe council approved the road budget on Monday evening after a debate.")
    from generator.analyse.summary import score_sentences

    scores = [s for s in score_sentences(split_sentences(doc), None, [], doc) if s is not None]
    assert max(scores) == 1.0 and all(np.isfinite(scores))
