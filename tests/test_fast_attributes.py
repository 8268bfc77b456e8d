"""FastAttributes sets POS, TAG and DEP exactly as the model's attribute_ruler does."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

from generator.analyse.fast_attributes import COMPONENT, compile_rules, swap_attribute_ruler
from generator.analyse.nlp import resolve_model_name

from builds import FIXTURE_SEEDS as SEEDS
# Sentences that exercise the ruler's exceptions: expletive "there is", "but" as an adverb,
# auxiliaries, negation, subordinators, pronoun-like determiners, whitespace tokens.
TRICKY = [
    "There is no doubt, and there were many.  Nobody knows.\n\nBut that is all.",
    "I'd have said that if he had done it, she wouldn't've come; it's what they're for.",
    "Everything that everyone did was done because somebody asked: 'Do you?' 'I do.'",
    "That is the one which those who came  chose, though nobody said why; all but two left.",
]


@pytest.fixture(scope="module")
def pipelines():
    """The model twice: with its own attribute_ruler, and with FastAttributes in its place."""
    name = resolve_model_name()
    ruler = spacy.load(name, exclude=["lemmatizer", "ner"])
    fast = spacy.load(name, exclude=["lemmatizer", "ner"])
    assert swap_attribute_ruler(fast)
    return ruler, fast


def _attrs(doc):
    return [(t.text, t.pos_, t.tag_, t.dep_) for t in doc]


def test_same_attributes_as_the_ruler_on_the_seeds_and_tricky_text(pipelines) -> None:
    ruler, fast = pipelines
    assert "attribute_ruler" not in fast.pipe_names and COMPONENT in fast.pipe_names
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(SEEDS.glob("*.txt"))] + TRICKY
    tokens = 0
    for expected, got in zip(ruler.pipe(texts), fast.pipe(texts)):
        assert _attrs(got) == _attrs(expected)
        tokens += len(got)
    assert tokens > 3000


def test_special_rules_are_applied(pipelines) -> None:
    _, fast = pipelines
    doc = fast("There is a plan.  Nobody said so.")
    by_text = {t.text: t for t in doc}
    assert by_text["is"].pos_ == "VERB"  # two-token rule: expletive + "is"
    assert by_text["Nobody"].pos_ == "PRON"  # tag + word rule
    assert any(t.is_space and t.pos_ == "SPACE" for t in doc)


def test_rules_are_compiled_in_order_and_odd_shapes_go_to_a_matcher() -> None:
    patterns = [
        {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN", "MORPH": "Number=Sing"}, "index": 0},
        {"patterns": [[{"LOWER": "x"}]], "attrs": {"MORPH": "Foo=Bar"}, "index": 0},  # nothing we keep
        {"patterns": [[{"TAG": "NN", "LOWER": {"IN": ["nobody", "anyone"]}}]], "attrs": {"POS": "PRON"}, "index": 0},
        {"patterns": [[{"LOWER": {"REGEX": "^a+$"}}]], "attrs": {"POS": "INTJ"}, "index": 0},
        {"patterns": [[{"DEP": "expl"}, {"LOWER": "is"}]], "attrs": {"POS": "VERB"}, "index": 1},
    ]
    rules = compile_rules(patterns, lambda s: s)
    filed = {key: [c.rule[0] for c in compiled] for key, compiled in rules.anchors.items()}
    assert filed[(0, "NN")] == [0]
    assert filed[(1, "nobody")] == [2] and filed[(1, "anyone")] == [2]
    assert filed[(2, "expl")] == [4]
    assert [rule[0] for _, _, rule in rules.matched] == [3]
    assert all(c.rule[1].keys() <= {"POS", "TAG", "DEP"} for group in rules.anchors.values() for c in group)
