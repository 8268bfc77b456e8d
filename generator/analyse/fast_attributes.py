"""The model's attribute_ruler, for the attributes we read (POS, TAG, DEP), at a fraction of its cost.

en_core_web_sm's ``attribute_ruler`` runs all its token rules (179) through
spaCy's Matcher at every token to set POS, MORPH and LEMMA from the tagger's
fine tags: about 9% of the pipeline's time, most of it in the Matcher's
Python-level set predicates. We read POS (and the few rules that fix a TAG or
a DEP), never MORPH or LEMMA. Every rule is a test on a token's tag, lowercase
form, dependency or space flag (or two tokens' worth), so each is filed under
one value it must see and checked on integer arrays; anything of another shape
(a regex, an operator) would still go through a Matcher. The rules are read from the loaded model, never written here, and
applied in the ruler's order (a later rule wins), so POS, TAG and DEP come out
as the ruler sets them (tests/test_fast_attributes.py compares the two).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy
from spacy.attrs import DEP, IS_SPACE, LOWER, POS, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc

COMPONENT = "dossier_attributes"
KEPT = ("POS", "TAG", "DEP")

Rule = tuple[int, dict[str, str]]  # (rule order, attributes to set)
# Token attributes a rule may test, by their column in the per-document array.
COLUMNS = {"TAG": 0, "LOWER": 1, "DEP": 2, "IS_SPACE": 3}


@dataclass(frozen=True)
class Compiled:
    """One ruler pattern as integer tests: looked up by its anchor, then checked token by token."""

    tests: tuple[tuple[int, int, str, Any], ...]  # (offset, column, "eq"|"in"|"not_in", value(s))
    length: int
    target: int
    rule: Rule


@dataclass
class RuleSet:
    """The ruler's rules that set POS, TAG or DEP, indexed by one value each must see."""

    anchors: dict[tuple[int, Any], list[Compiled]] = field(default_factory=dict)
    matched: list[tuple[list[dict[str, Any]], int, Rule]] = field(default_factory=list)


def compile_rules(patterns: Iterable[dict[str, Any]], to_hash: Any) -> RuleSet:
    """Sort ``AttributeRuler.patterns`` (in its order) into anchored integer tests, or a Matcher.

    ``to_hash`` turns a string into its StringStore hash (the values tokens carry).
    """
    rules = RuleSet()
    for order, entry in enumerate(patterns):
        attrs = {key: value for key, value in entry["attrs"].items() if key in KEPT}
        if not attrs:
            continue
        rule = (order, attrs)
        for pattern in entry["patterns"]:
            compiled = _compile(pattern, entry.get("index", 0), rule, to_hash)
            if compiled is None:
                rules.matched.append((pattern, entry.get("index", 0), rule))
                continue
            column, values = _anchor(compiled)
            for value in values:
                rules.anchors.setdefault((column, value), []).append(compiled)
    return rules


def _compile(pattern: list[dict[str, Any]], index: int, rule: Rule, to_hash: Any) -> Compiled | None:
    """Integer tests for a pattern of plain token dicts; None for anything else (REGEX, OP, ...)."""
    tests = []
    for offset, token in enumerate(pattern):
        for key, value in token.items():
            column = COLUMNS.get(key)
            if column is None:
                return None
            if key == "IS_SPACE":
                if not isinstance(value, bool):
                    return None
                tests.append((offset, column, "eq", int(value)))
            elif isinstance(value, str):
                tests.append((offset, column, "eq", to_hash(value)))
            elif isinstance(value, dict) and len(value) == 1 and next(iter(value)) in ("IN", "NOT_IN"):
                (op, items), = value.items()
                tests.append((offset, column, op.lower(), frozenset(to_hash(item) for item in items)))
            else:
                return None
    target = index if index >= 0 else len(pattern) + index
    if not pattern or not 0 <= target < len(pattern) or not any(t[0] == 0 and t[2] != "not_in" for t in tests):
        return None
    return Compiled(tuple(tests), len(pattern), target, rule)


def _anchor(compiled: Compiled) -> tuple[int, Iterable[Any]]:
    """A positive test on the first token, words before dependencies before tags: the value(s) it is filed under."""
    first = [t for t in compiled.tests if t[0] == 0 and t[2] != "not_in"]
    preference = (COLUMNS["LOWER"], COLUMNS["DEP"], COLUMNS["TAG"], COLUMNS["IS_SPACE"])
    best = min(first, key=lambda t: (preference.index(t[1]), t[2] != "eq"))
    return best[1], [best[3]] if best[2] == "eq" else sorted(best[3])


def _passes(compiled: Compiled, rows: list[list[int]], start: int) -> bool:
    if start + compiled.length > len(rows):
        return False
    for offset, column, op, value in compiled.tests:
        seen = rows[start + offset][column]
        if op == "eq":
            if seen != value:
                return False
        elif (seen in value) != (op == "in"):
            return False
    return True


class FastAttributes:
    """Pipeline component: POS (and the rules' TAG/DEP fixes) exactly as the ruler would set them."""

    def __init__(self, nlp: Language, patterns: list[dict[str, Any]]) -> None:
        self.vocab = nlp.vocab
        rules = compile_rules(patterns, nlp.vocab.strings.add)
        self.anchors = rules.anchors
        self.columns = sorted(COLUMNS.values())
        self.matcher = Matcher(nlp.vocab, validate=False) if rules.matched else None
        self.match_rules: dict[int, tuple[int, Rule]] = {}
        for number, (pattern, index, rule) in enumerate(rules.matched):
            key = f"dossier_rule_{number}"
            self.matcher.add(key, [pattern])  # type: ignore[union-attr]
            self.match_rules[nlp.vocab.strings.add(key)] = (index, rule)

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        rows = doc.to_array([TAG, LOWER, DEP, IS_SPACE]).tolist()
        anchors = self.anchors
        found: dict[int, list[Rule]] = {}
        for start, row in enumerate(rows):
            for column in self.columns:
                for compiled in anchors.get((column, row[column]), ()):
                    if _passes(compiled, rows, start):
                        found.setdefault(start + compiled.target, []).append(compiled.rule)
        if self.matcher is not None:
            for match_id, start, end in self.matcher(doc, allow_missing=True):
                index, rule = self.match_rules[match_id]
                found.setdefault(start + index if index >= 0 else end + index, []).append(rule)
        pos = doc.to_array([POS]).astype(numpy.uint64)
        changes: list[tuple[int, str, str]] = []
        for i in sorted(found):
            for _, attrs in sorted(found[i], key=lambda rule: rule[0]):
                for key, value in attrs.items():
                    if key == "POS":
                        pos[i] = self.vocab.strings[value]
                    else:
                        changes.append((i, key, value))
        doc.from_array([POS], pos)
        for i, key, value in changes:
            if key == "TAG":
                doc[i].tag_ = value
            else:
                doc[i].dep_ = value
        return doc


@Language.factory(COMPONENT, default_config={"patterns": []})
def make_fast_attributes(nlp: Language, name: str, patterns: list[dict[str, Any]]) -> FastAttributes:
    return FastAttributes(nlp, patterns)


def swap_attribute_ruler(nlp: Language) -> bool:
    """Replace the model's attribute_ruler by FastAttributes built from its rules; False if absent."""
    if "attribute_ruler" not in nlp.pipe_names:
        return False
    patterns = list(nlp.get_pipe("attribute_ruler").patterns)
    nlp.add_pipe(COMPONENT, after="attribute_ruler", config={"patterns": patterns})
    nlp.remove_pipe("attribute_ruler")
    return True
