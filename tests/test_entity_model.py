"""The learned entity-type model: its trainer on a toy problem, and the shipped weights."""

from __future__ import annotations

import json
from importlib import resources

from evaluation.train_entities import fit, predict
from generator.analyse.entity_model import CLASSES, features, probabilities


def test_the_trainer_learns_a_separable_toy_problem_deterministically():
    feats = [["bias", "next=beat"], ["bias", "prev=in"], ["bias", "prev=mr"], ["bias", "lab=MISC"]] * 5
    labels = ["organisation", "place", "person", "none"] * 5
    vocab, w = fit(feats, labels, list(CLASSES), penalty=1.0, iterations=200)
    assert [CLASSES[k] for k in predict(feats[:4], vocab, w)] == labels[:4]
    vocab2, w2 = fit(feats, labels, list(CLASSES), penalty=1.0, iterations=200)
    assert vocab == vocab2 and (w == w2).all()


def test_the_shipped_weights_are_well_formed_and_say_where_they_come_from(nlp):
    data = json.loads(resources.files("generator.analyse").joinpath("data", "entity_types.json").read_text("utf-8"))
    assert tuple(data["classes"]) == CLASSES
    assert "CoNLL-2003" in data["about"] and "research" in data["about"]
    assert all(len(row) == len(CLASSES) for row in data["weights"].values())
    doc = nlp("Kremlin spokesman Dmitry Peskov told reporters on Monday that talks would resume.")
    span = next(e for e in doc.ents if e.text == "Dmitry Peskov")
    probs = probabilities(features(span, "PERSON", "person"))
    assert abs(sum(probs.values()) - 1) < 1e-9 and max(probs, key=probs.get) == "person"
    assert probabilities(["never-seen-feature"]) == probabilities([])
