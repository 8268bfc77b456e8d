"""A small learned model that decides what a name in context is: person, organisation, place or none.

The rules of :mod:`generator.analyse.entities` clean a span and guess its type
from the description the text gives it. Many names have no description:
"Leeds 2 Sheffield Wednesday 1" (two clubs), "at Murrayfield" (a venue),
"Naoki Soma (Japan)" (a person in a result list). There the *context* decides,
and which context words matter is learned, not listed: a multinomial logistic
regression over sparse features of spaCy's output (its label, the rules' type,
the words of the name and around it, the shape of the name and of its line,
the gazetteer) trained on CoNLL-2003 ``eng.train`` by
``python -m evaluation.train_entities``. The weights ship as
``data/entity_types.json`` (the feature names with one weight per class), so
applying them is a few dictionary look-ups in plain Python.

Training data: Reuters RCV1 via CoNLL-2003, licensed for research (see README).
"""

from __future__ import annotations

import json
import math
import re
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc, Span

from generator.analyse.doc_text import doc_text
from generator.analyse.quote_gender import FEMALE_PRONOUNS, MALE_PRONOUNS
from generator.lexicon.gazetteer import keyword_type, lookup_place

CLASSES: tuple[str, ...] = ("person", "organisation", "place", "none")
# Probability from which the model's class replaces the rules' type. Not learned: a prior
# that favours the rules off the model's home ground, chosen by looking at conll-dev and GGT
# together (0.55 to 0.8 move either by under .01 F1).
SURE = 0.7
# Dropping a name spaCy and the rules agree on asks for more: what the model learned as
# "none" includes spans whose edges differ from the gold names, not only non-names.
SURE_DROP = 0.8
# The two classes between which spaCy's label alone does not hold against the model.
_BODIES_AND_LAND = frozenset({"organisation", "place"})
_DIGIT = re.compile(r"\d")
_LINE_CACHE = "dossier.entity_model.lines"
_LABELS_CACHE = "dossier.entity_model.labels_by_last_word"


def _word_shape(text: str) -> str:
    if _DIGIT.search(text):
        return "num"
    if text.isupper() and len(text) > 1:
        return "upper"
    if text[:1].isupper():
        return "title"
    if text.isalpha():
        return "lower"
    return "punct"


def _line_stats(doc: Doc) -> dict[int, tuple[float, bool]]:
    """Per line (by its first character offset): the share of number tokens, and whether all-caps."""
    cached = doc.user_data.get(_LINE_CACHE)
    if cached is not None:
        return cached
    stats: dict[int, tuple[float, bool]] = {}
    start = 0
    tokens: list = []
    for tok in doc:
        if "\n" in tok.text:
            stats[start] = _summarise(tokens)
            start = tok.idx + len(tok.text)
            tokens = []
            continue
        tokens.append(tok)
    stats[start] = _summarise(tokens)
    doc.user_data[_LINE_CACHE] = stats
    return stats


def _summarise(tokens: list) -> tuple[float, bool]:
    words = [t for t in tokens if not t.is_punct and not t.is_space]
    if not words:
        return 0.0, False
    numbers = sum(1 for t in words if t.like_num or _DIGIT.search(t.text))
    letters = "".join(t.text for t in words if t.is_alpha)
    return numbers / len(words), bool(letters) and letters.isupper()


def _line_of(span: Span) -> tuple[float, bool]:
    stats = _line_stats(span.doc)
    text = doc_text(span.doc)  # Doc.text joins every token on each read: once per Doc, not per name
    begin = text.rfind("\n", 0, span.start_char) + 1
    return stats.get(begin, (0.0, False))


def _doc_numbers(doc: Doc) -> float:
    key = "dossier.entity_model.numbers"
    share = doc.user_data.get(key)
    if share is None:
        words = [t for t in doc if not t.is_punct and not t.is_space]
        share = sum(1 for t in words if t.like_num) / max(len(words), 1)
        doc.user_data[key] = share
    return share


def _bucket(x: float) -> str:
    return "0" if x == 0 else "lo" if x < 0.1 else "mid" if x < 0.3 else "hi"


def _near(doc: Doc, i: int) -> str:
    if i < 0 or i >= len(doc):
        return "<edge>"
    tok = doc[i]
    if "\n" in tok.text:
        return "<nl>"
    if tok.like_num or _DIGIT.search(tok.text):
        return "<num>"
    return tok.lower_


def _same_text_labels(span: Span) -> set[str]:
    """spaCy's labels for other spans of the document with the same last word."""
    last = span[-1].lower_
    return {label for start, label in _labels_by_last_word(span.doc).get(last, ()) if start != span.start}


def _labels_by_last_word(doc: Doc) -> dict[str, list[tuple[int, str]]]:
    """(start, label) of spaCy's entities by their last word, lower-cased; built once per Doc
    (``doc.ents`` makes new spans on every read, and every candidate name asks)."""
    index = doc.user_data.get(_LABELS_CACHE)
    if index is None:
        index = {}
        for ent in doc.ents:
            index.setdefault(ent[-1].lower_, []).append((ent.start, ent.label_))
        doc.user_data[_LABELS_CACHE] = index
    return index


_PERSONAL = MALE_PRONOUNS | FEMALE_PRONOUNS


def _pronoun_follows(span: Span) -> bool:
    """A personal pronoun follows the name within its sentence."""
    sent_end = span.sent.end
    return any(t.lower_ in _PERSONAL for t in span.doc[span.end : min(sent_end, span.end + 10)])


def _bracketed_after(span: Span) -> str:
    """spaCy's label of a name in brackets right after the span ("(Japan)" -> "GPE"), else ""."""
    doc = span.doc
    if span.end + 2 < len(doc) and doc[span.end].text == "(":
        return doc[span.end + 1].ent_type_ or "other"
    return ""


def features(span: Span, label: str, rule_type: str | None) -> list[str]:
    """The sparse features of one candidate name (``label`` is spaCy's, "" when untagged)."""
    doc = span.doc
    text = span.text
    words = [t.lower_ for t in span]
    shape = _word_shape(text) if len(span) == 1 else "+".join(sorted({_word_shape(t.text) for t in span}))
    line_numbers, line_caps = _line_of(span)
    place = lookup_place(text)
    gaz = f"gaz={place.strength}" if place is not None else "gaz=0"
    keyword = keyword_type(text) or "-"
    prev, nxt = _near(doc, span.start - 1), _near(doc, span.end)
    prev2, nxt2 = _near(doc, span.start - 2), _near(doc, span.end + 1)
    head = span.root
    line = "line=" + _bucket(line_numbers)
    docn = "docn=" + _bucket(_doc_numbers(doc))
    feats = [
        "bias",
        f"lab={label}",
        f"rule={rule_type}",
        f"lab={label}&rule={rule_type}",
        f"shape={shape}",
        f"len={min(len(span), 4)}",
        gaz,
        f"kw={keyword}",
        f"prev={prev}",
        f"next={nxt}",
        f"prev2={prev2}",
        f"next2={nxt2}",
        f"prevnext={prev}|{nxt}",
        f"dep={head.dep_}",
        f"hh={head.dep_}|{head.head.lower_}",
        line,
        docn,
        f"caps={line_caps}",
        f"{gaz}&{line}",
        f"{gaz}&next={nxt}",
        f"{gaz}&prev={prev}",
        f"lab={label}&{line}",
        f"lab={label}&{docn}",
        f"{gaz}&{docn}",
        f"first={words[0]}",
        f"last={words[-1]}",
        f"suffix={words[-1][-3:]}",
        f"first_suffix={words[0][-2:]}",
        f"shapes={'|'.join(_word_shape(t.text) for t in span[:3])}",
        f"sent_start={span[0].is_sent_start}",
    ]
    feats.extend(f"w={w}" for w in words)
    if _pronoun_follows(span):
        feats.append("pronoun_after")  # "Naoki Soma said he ...": people are "he" and "she"
    bracket = _bracketed_after(span)
    if bracket:
        feats.append(f"bracket_after={bracket}")  # "Naoki Soma (Japan)": a person in a result list
    feats.extend(f"other={lab}" for lab in sorted(_same_text_labels(span)))
    if head.head.i != head.i and head.dep_ == "pobj":
        feats.append(f"prep={head.head.lower_}|{head.head.head.lower_}")
    if head.dep_ in ("nsubj", "dobj", "nsubjpass"):
        feats.append(f"verb={head.dep_}|{head.head.lower_}")
    return feats


@lru_cache(maxsize=1)
def _weights() -> dict[str, list[float]]:
    path = resources.files("generator.analyse").joinpath("data", "entity_types.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    if tuple(data["classes"]) != CLASSES:
        raise ValueError("entity_types.json was trained for other classes")
    return data["weights"]


def probabilities(feats: list[str]) -> dict[str, float]:
    """Softmax over the classes for one feature list (unknown features weigh nothing)."""
    weights = _weights()
    scores = [0.0] * len(CLASSES)
    for f in feats:
        w = weights.get(f)
        if w is not None:
            for k in range(len(CLASSES)):
                scores[k] += w[k]
    top = max(scores)
    exps = [math.exp(s - top) for s in scores]
    total = sum(exps)
    return {c: e / total for c, e in zip(CLASSES, exps)}


def decide(span: Span, label: str, rule_type: str | None, evidenced: bool = True) -> str:
    """The most likely class of the name in its context.

    The model overrules the rules' type only when it is sure: it learned from
    Reuters news of 1996, and where it hesitates, the description the text
    gives the name (read by the rules) is the better guide on other news. One
    exception: between organisation and place, when the rules' type is only
    spaCy's label (not ``evidenced`` by the text's words), the model, which
    weighs that label among its features, decides: a club named after its city
    ("Boston beat Houston"), and, for a name the gazetteer knows as a place, a
    place ("a Halifax man", "his hometown of Homs": spaCy says ORG). A name the
    gazetteer does not know stays an organisation ("Indosuez"). Not across the
    person line: there the model, unsure, calls too many bodies people on other
    news (GGT people precision fell .865 -> .839 when it could). conll-dev,
    candidate level: F1 .874/.790/.883 -> .874/.793/.886 (people/organisations/places).
    """
    probs = probabilities(features(span, label, rule_type))
    best = max(CLASSES, key=lambda c: (probs[c], -CLASSES.index(c)))
    if rule_type is None or best == rule_type:
        return best
    if best == "none":
        return best if probs[best] >= SURE_DROP else rule_type
    if not evidenced and {best, rule_type} <= _BODIES_AND_LAND:
        if best == "organisation" or lookup_place(span.text) is not None:
            return best
    return best if probs[best] >= SURE else rule_type
