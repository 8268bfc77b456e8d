"""Descriptions articles attach to names, read from the dependency parse.

Two patterns carry almost every description in news prose:

* premodifiers: "Kremlin spokesman Dmitry Peskov", "US National Security
  Adviser Jake Sullivan" (the words left of the name inside its noun phrase);
* appositions: "Samuel Ramani, associate fellow at the Royal United Services
  Institute, ..." and the reverse "Turkey's Foreign Minister, Hakan Fidan".

The same descriptions are the best typing evidence we have: a "spokesman" is a
person, a "drone maker" an organisation, "the city of Izyum" a place. So this
module also holds the small word lists that classify a description's head noun
(general English job and institution words, nothing specific to any article).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from generator.lexicon import words

# Courtesy forms that sit before a name and never belong to it.
HONORIFICS = words("honorifics")

# Capitalised words that form titles in front of names ("Crown Prince", "Foreign
# Minister"). A name span is cut after the last of these when a name follows.
TITLE_WORDS = words("title_words") | HONORIFICS

# Head nouns of descriptions that denote a person.
PERSON_NOUNS = words("person_nouns")

# Head nouns of descriptions that denote an organisation.
ORG_NOUNS = words("org_nouns")

# Head nouns of descriptions that denote a place.
PLACE_NOUNS = words("place_nouns")

# Nouns a weapon or product name modifies ("Starstreak missile", "Forpost UAV").
PRODUCT_NOUNS = words("product_nouns")

_DETERMINERS = words("determiners")
_PRONOUN_POSSESSIVES = words("possessive_pronouns")
_CUT_DEPS = frozenset({"relcl", "acl", "advcl", "punct", "appos", "parataxis"})
_MAX_ROLE_TOKENS = 16
# A noun in one of these relations is an argument of a verb, not a description.
_CLAUSE_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "dative", "iobj", "attr", "csubj"})


@dataclass(frozen=True)
class Description:
    """A description found next to a name: its text and what its head noun denotes."""

    text: str
    head: str
    kind: str  # "premodifier" | "apposition" (name first) | "apposition-before"

    @property
    def denotes(self) -> str | None:
        """"person", "organisation", "place" or None, from the head noun."""
        return noun_class(self.head)


def noun_class(word: str) -> str | None:
    """Classify a description's head noun by the general word lists above."""
    w = word.lower().replace("’", "'")
    if w in PERSON_NOUNS:
        return "person"
    if w in ORG_NOUNS:
        return "organisation"
    if w in PLACE_NOUNS:
        return "place"
    return None


def block_of(tok: Token) -> int:
    """Index of the paragraph (blank-line block) holding ``tok``.

    The parser sometimes runs a sentence across a paragraph break; relations
    that cross one are noise, so callers compare blocks before trusting them.
    """
    doc = tok.doc
    blocks = doc.user_data.get("dossier_blocks")
    if blocks is None or len(blocks) != len(doc):
        blocks, n = [], 0
        for t in doc:
            blocks.append(n)
            if t.is_space and "\n" in t.text:
                n += 1
        doc.user_data["dossier_blocks"] = blocks
    return blocks[tok.i]


def same_block(a: Token, b: Token) -> bool:
    return block_of(a) == block_of(b)


def head_token(span: Span) -> Token:
    """The token of ``span`` whose head lies outside it (the span's syntactic root)."""
    for tok in span:
        if tok.head.i < span.start or tok.head.i >= span.end or tok.head.i == tok.i:
            return tok
    return span[-1]


def _is_role_noun(tok: Token) -> bool:
    """A token that can head a description: a common noun or a known title word."""
    low = tok.text.lower()
    if low in PERSON_NOUNS or low in ORG_NOUNS or low in PLACE_NOUNS:
        return True
    return tok.tag_ in ("NN", "NNS") and tok.text.islower()


def _clean_tokens(tokens: list[Token]) -> list[Token]:
    """Drop leading determiners, possessive pronouns and punctuation, and trailing punctuation."""
    while tokens and (
        tokens[0].is_punct
        or tokens[0].is_space
        or tokens[0].lower_ in _DETERMINERS
        or tokens[0].lower_ in _PRONOUN_POSSESSIVES
    ):
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space):
        tokens = tokens[:-1]
    # Courtesy titles ending a premodifier ("Supreme Leader Ayatollah") say nothing.
    while tokens and tokens[-1].lower_ in HONORIFICS:
        tokens = tokens[:-1]
    return tokens


def _text(tokens: list[Token]) -> str:
    if not tokens:
        return ""
    doc = tokens[0].doc
    return doc[tokens[0].i : tokens[-1].i + 1].text.strip()


def _premodifier(span: Span, blocked: set[int]) -> Description | None:
    """Words left of the name inside its noun phrase: "Kremlin spokesman"."""
    head = head_token(span)
    start = head.left_edge.i
    if start >= span.start and span.start > 0:
        # The parser may hang "drone manufacturer" apart from the name it
        # describes; a known description word right before the name still counts.
        prev = span.doc[span.start - 1]
        if (
            noun_class(prev.text) is not None
            and prev.tag_ in ("NN", "NNS")
            and prev.dep_ not in _CLAUSE_DEPS
            and prev.left_edge.i < span.start
        ):
            start = prev.left_edge.i
    if start >= span.start:
        return None
    tokens = [t for t in span.doc[start : span.start]]
    if any(t.is_space or (t.is_punct and t.text not in "-'’") for t in tokens):
        # Cut at the last punctuation mark: only the block touching the name counts.
        cut = max(t.i for t in tokens if t.is_space or (t.is_punct and t.text not in "-'’"))
        tokens = [t for t in tokens if t.i > cut]
    tokens = _clean_tokens(tokens)
    if not tokens or len(tokens) > _MAX_ROLE_TOKENS:
        return None
    if not same_block(tokens[0], span[0]):
        return None
    # The description's head is the word right before the name, unless that
    # word ends a capitalised title phrase ("Secretary of State Mike Pompeo";
    # but "University of the Fraser Valley political scientist").
    ids = {t.i for t in tokens}
    last = tokens[-1]
    for _ in range(3):
        if (
            last.dep_ == "pobj"
            and last.text[:1].isupper()
            and last.head.i in ids
            and last.head.head.i in ids
        ):
            last = last.head.head
        else:
            break
    if not _is_role_noun(last) or last.lower_ in HONORIFICS or last.i in blocked:
        return None
    return Description(_text(tokens), last.text, "premodifier")


def _appos_tokens(noun: Token, exclude: Span | None) -> list[Token]:
    """The description headed by ``noun``: its subtree minus clauses and the name itself."""
    skip: set[int] = set()
    for child in noun.children:
        if child.dep_ in _CUT_DEPS and not (child.dep_ == "punct" and child.text in "-'’"):
            skip.update(t.i for t in child.subtree)
    if exclude is not None:
        skip.update(range(exclude.start, exclude.end))
    tokens = [t for t in noun.subtree if t.i not in skip]
    # Keep the contiguous run around the head only.
    run: list[Token] = []
    for t in tokens:
        if run and t.i != run[-1].i + 1:
            if run[0].i <= noun.i <= run[-1].i:
                break
            run = []
        run.append(t)
    return run


def _apposition(span: Span, blocked: set[int]) -> Description | None:
    """ "Name, description," or "description, Name"."""
    doc = span.doc
    head = head_token(span)
    # Name first: the appositive follows right after a comma or dash.
    after = span.end
    if after < len(doc) and not same_block(doc[after], span[-1]):
        return None
    if after < len(doc) and doc[after].text in {",", "–", "—", "-", "("}:
        nxt = after + 1
        for child in head.children:
            if child.dep_ == "appos" and child.left_edge.i == nxt:
                desc = _build(child, None, blocked)
                if desc:
                    return desc
        # The parser sometimes hangs the appositive elsewhere: accept a noun
        # phrase that starts right after the punctuation, headed by a known
        # description word and not the subject or object of a verb.
        if nxt < len(doc):
            for tok in doc[nxt : min(len(doc), nxt + 6)]:
                if (
                    tok.left_edge.i == nxt
                    and tok.tag_ in ("NN", "NNS")
                    and tok.dep_ not in _CLAUSE_DEPS
                    and tok.dep_ not in ("compound", "amod", "nmod", "poss")
                    and noun_class(tok.text) is not None
                ):
                    desc = _build(tok, None, blocked)
                    if desc:
                        return desc
    # Description first: "Turkey's Foreign Minister, Hakan Fidan".
    if head.dep_ == "appos" and head.head.i < span.start and same_block(head.head, head):
        noun = head.head
        between = doc[noun.i + 1 : span.start]
        if all(t.is_punct for t in between) and len(between) <= 2 and noun.i not in blocked:
            desc = _build(noun, span, blocked, "apposition-before")
            if desc:
                return desc
    return None


def _build(
    noun: Token, exclude: Span | None, blocked: set[int], kind: str = "apposition"
) -> Description | None:
    if noun.i in blocked or not _is_role_noun(noun):
        return None
    tokens = _clean_tokens(_appos_tokens(noun, exclude))
    if not tokens or len(tokens) > _MAX_ROLE_TOKENS:
        return None
    if any(t.is_space for t in tokens):
        return None
    if not same_block(tokens[0], tokens[-1]):
        return None
    return Description(_text(tokens), noun.text, kind)


def describe(span: Span, blocked: set[int] | None = None) -> list[Description]:
    """Descriptions the text gives the name in ``span`` (premodifier first).

    ``blocked`` holds token indices of other names: a description never
    contains another person's name as its head.
    """
    blocked = blocked or set()
    found: list[Description] = []
    for finder in (_premodifier, _apposition):
        desc = finder(span, blocked)
        if desc and desc.text and desc.text not in (d.text for d in found):
            found.append(desc)
    return found
