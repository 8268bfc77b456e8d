"""Who says things in an article: reporting verbs, their subjects, and what those refer to.

Used by the quote extractor (who said this quote?) and by the sourcing
assessment (which named and unnamed sources does the article lean on?).

The spaCy pipeline has no lemmatizer, so reporting verbs are matched on their
inflected forms, generated from base forms below. A subject is turned into a
``Speaker``: a person's name (widened to the fullest form the article uses,
"Mr Sullivan" -> "Jake Sullivan"), an organisation or place name, a
description of an unnamed source ("a Western official"), or a pronoun /
definite description ("he", "they", "the official") that ``SpeakerHistory``
resolves to the nearest fitting earlier speaker.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from generator.lexicon import ordered, words

from .quote_gender import noun_gender, pronoun_gender

_REGULAR = ordered("speech_verbs")
_IRREGULAR = ordered("speech_verbs_irregular")
"""Forms the regular rule in ``inflect`` gets wrong, one verb a line."""

HEARSAY = words("hearsay_participles")
"""Participles of "X is said to …", where the reporting verb names no speaker."""
PERSON_PRONOUNS = words("person_pronouns")
PLURAL_PRONOUNS = words("plural_pronouns")
THING_PRONOUNS = words("thing_pronouns")
FIRST_PERSON = words("first_second_person_pronouns")
RELATIVE = words("relative_pronouns")
HONORIFICS = words("honorifics")
ORG_NOUNS = words("org_nouns") | words("place_nouns")
"""Head nouns that describe an organisation: "the company said" refers to an ORG; a place
noun does too ("the city said": a place speaks through its government)."""
DOCUMENT_NOUNS = words("document_nouns")
"""Head nouns of texts that "say" things: kept as their description, never a person."""
NON_PERSON_LABELS = frozenset(
    {"ORG", "GPE", "NORP", "FAC", "LOC", "PRODUCT", "EVENT", "LAW", "LANGUAGE", "DATE", "TIME"}
)
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"})
AMOUNT_LABELS = frozenset({"MONEY", "CARDINAL", "PERCENT", "QUANTITY", "DATE", "TIME", "ORDINAL"})
"""spaCy labels of spans that are amounts: never a speaker."""
NP_PREPS = words("description_prepositions")
NP_LEFT_DEPS = frozenset(
    {"det", "amod", "compound", "nummod", "poss", "nmod", "quantmod", "case", "advmod", "npadvmod"}
)
MAX_DESCRIPTION_TOKENS = 12
GENDER_WINDOW = 8
"""Sentences to look back for a person whose gender fits "he"/"she" before ignoring gender."""
EXACT_GENDER_WINDOW = 3
"""Sentences to look back first for a person known to have the pronoun's gender."""
CLIMB_DEPS = frozenset({"advcl", "conj", "xcomp", "pcomp", "dep", "parataxis", "prep", "agent"})
"""Links from a subjectless reporting verb up to the clause that has the subject:
"…, adding:", "was quoted as saying", "and said"."""


def inflect(base: str) -> list[str]:
    """Regular English inflections of a verb: base, -s, -ed, -ing."""
    if base.endswith("e"):
        return [base, base + "s", base + "d", base[:-1] + "ing"]
    if base.endswith("y") and base[-2] not in "aeiou":
        return [base, base[:-1] + "ies", base[:-1] + "ied", base + "ing"]
    if base.endswith(("sh", "ch", "ss", "x")):
        return [base, base + "es", base + "ed", base + "ing"]
    return [base, base + "s", base + "ed", base + "ing"]


def _speech_forms() -> frozenset[str]:
    forms: set[str] = set()
    for base in _REGULAR:
        forms.update(inflect(base))
    for line in _IRREGULAR:
        forms.update(line.split())
    return frozenset(forms)


SPEECH_FORMS = _speech_forms()


def is_speech_verb(token: Token) -> bool:
    """A reporting verb ("said", "told", "tweeted", "adding", …) used as a verb here."""
    if token.lower_ not in SPEECH_FORMS:
        return False
    if token.lower_ in {"point", "points", "pointed", "pointing"}:
        return any(c.dep_ == "prt" and c.lower_ == "out" for c in token.children)
    return token.pos_ in {"VERB", "AUX"} or token.tag_.startswith("VB")


def is_according(token: Token) -> bool:
    """The "according" of "according to X"."""
    return token.lower_ == "according" and any(c.lower_ == "to" for c in token.children)


def according_object(token: Token) -> Token | None:
    """X in "according to X"."""
    for to in token.children:
        if to.lower_ == "to":
            for obj in to.children:
                if obj.dep_ == "pobj":
                    return obj
    return None


@dataclass
class Speaker:
    """A resolved speaker: the text to show and what kind of referent it is.

    ``kind`` is "person", "org" (organisation or place name) or "desc" (an
    unnamed source kept as its description). ``head`` is the subject's head
    word, ``roles`` the role nouns given to a person ("spokesman").
    """

    text: str
    kind: str
    head: str = ""
    plural: bool = False
    roles: frozenset[str] = frozenset()


def clean_name(text: str) -> str:
    """Strip a possessive, honorifics and stray punctuation from a name."""
    text = re.sub(r"[’']s?$", "", text.strip()).strip(" ,.;:–—-\"“”‘’")
    words = text.split()
    while words and words[0].lower() in HONORIFICS:
        words = words[1:]
    return " ".join(words)


NAME_SHAPE = re.compile(r"^[^\W\d_][\w.'’-]*(?: [^\W\d_][\w.'’-]*)*$")


def looks_like_name(text: str) -> bool:
    """A plausible person name: words of letters, no digits, slashes or inner possessives.

    Filters NER output such as "Lauren Pelley / CBC News", "Bill C-74" or
    "Alexandre Bissonnette’s Quebec" out of the people a pronoun may mean.
    """
    name = clean_name(text)
    if not NAME_SHAPE.match(name) or re.search(r"[’']s\b", name):
        return False
    return len(name) > 3 and any(ch.isupper() for ch in name)


ACRONYM_SKIP = words("acronym_skip_words")


def acronym(name: str) -> str:
    """Initials of a multi-word name ("Export Development Canada" -> "EDC"); "" for one word."""
    words = [w for w in re.split(r"[\s,]+", name) if w and w.lower() not in ACRONYM_SKIP]
    if len(words) < 2 or not all(w[0].isupper() for w in words):
        return ""
    return "".join(w[0] for w in words)


class NameTable:
    """The people named in one article, to widen a short name to the fullest form used.

    "Sullivan", "Mr Sullivan" -> "Jake Sullivan" when the article says "Jake
    Sullivan" anywhere; the longest full name wins, then the first seen.
    """

    def __init__(self, names: Iterable[str], organisations: Iterable[str] = ()) -> None:
        self.acronyms: dict[str, str] = {}
        for org in organisations:
            org = org.strip()
            key = acronym(org)
            if len(key) >= 2 and len(org) > len(self.acronyms.get(key, "")):
                self.acronyms[key] = org
        self.full: list[str] = []
        seen: set[str] = set()
        for raw in names:
            name = clean_name(raw)
            if name and name.lower() not in seen and any(ch.isupper() for ch in name):
                seen.add(name.lower())
                self.full.append(name)
        self._by_last: dict[str, list[str]] = {}
        self._by_first: dict[str, list[str]] = {}
        for name in self.full:
            words = name.lower().split()
            self._by_last.setdefault(words[-1], []).append(name)
            if len(words) > 1:
                self._by_first.setdefault(words[0], []).append(name)

    def knows(self, text: str) -> bool:
        """True when ``text`` is (part of) a person's name in this article."""
        words = clean_name(text).lower().split()
        return bool(words) and (words[-1] in self._by_last or words[0] in self._by_first)

    def organisation(self, text: str) -> str:
        """An acronym widened to the organisation's full name when the article spells it out."""
        text = text.strip()
        if text.isupper() and 2 <= len(text) <= 8:
            return self.acronyms.get(text, text)
        return text

    def is_surname(self, word: str) -> bool:
        """True when ``word`` ends a multi-word person name used in the article."""
        key = clean_name(word).lower()
        return any(len(name.split()) > 1 for name in self._by_last.get(key, []))

    def fullest(self, text: str) -> str:
        """The fullest name in the article that ends with (or, alone, starts with) ``text``."""
        name = clean_name(text)
        words = name.lower().split()
        if not words:
            return name
        best = name
        for candidate in self._by_last.get(words[-1], []):
            cw = candidate.lower().split()
            if len(cw) > len(words) and cw[-len(words):] == words and len(candidate) > len(best):
                best = candidate
        if best == name and len(words) == 1:
            firsts = self._by_first.get(words[0], [])
            if len(firsts) == 1:
                best = firsts[0]
        return best


class EntIndex:
    """Token index -> named-entity span, built once per doc (avoids rescanning doc.ents)."""

    def __init__(self, doc: Doc) -> None:
        self.by_token: dict[int, Span] = {}
        for ent in doc.ents:
            for i in range(ent.start, ent.end):
                self.by_token[i] = ent

    def get(self, token: Token) -> Span | None:
        return self.by_token.get(token.i)


def _proper_run(token: Token) -> str:
    """The run of proper nouns ending at ``token`` ("Nasser Khanani" in "spokesman Nasser Khanani")."""
    doc = token.doc
    start = token.i
    while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].head.i in range(start, token.i + 1):
        start -= 1
    end = token.i + 1
    while end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].dep_ == "flat":
        end += 1
    return doc[start:end].text


def description(token: Token, blocked: Callable[[int], bool] | None = None) -> str:
    """The noun phrase of a common-noun source, without clauses or appositions.

    "a Western official", "Senior defence sources", "a spokesperson for the
    camp", "people familiar with the talks": determiners, modifiers, compounds,
    short prepositional phrases and adjectives that follow the noun are kept; relative clauses, appositions and anything across a
    comma or dash are cut.
    """
    keep: set[int] = {token.i}
    for child in token.children:
        if child.dep_ in NP_LEFT_DEPS and child.i < token.i:
            keep.update(t.i for t in child.subtree)
        elif child.dep_ == "prep" and child.lower_ in NP_PREPS and child.i > token.i:
            keep.update(t.i for t in child.subtree)
        elif child.dep_ == "amod" and child.i > token.i:  # "people familiar with the talks"
            keep.update(t.i for t in child.subtree)
        elif child.dep_ in {"cc", "conj"} and child.i > token.i:
            keep.update(t.i for t in child.subtree if t.dep_ not in {"relcl", "appos"})
    doc = token.doc
    lo = hi = token.i
    while lo - 1 in keep and not _breaks(doc[lo - 1]):
        lo -= 1
    while hi + 1 in keep and not _breaks(doc[hi + 1]):
        hi += 1
    if blocked is not None:
        while lo < token.i and blocked(lo):
            lo += 1
        while hi > token.i and blocked(hi):
            hi -= 1
    if hi - lo + 1 > MAX_DESCRIPTION_TOKENS:
        hi = min(hi, lo + MAX_DESCRIPTION_TOKENS - 1)
    span = doc[lo : hi + 1]
    while len(span) > 1 and span[-1].is_punct:
        span = span[:-1]
    return span.text


def _breaks(token: Token) -> bool:
    """Punctuation that ends a description: commas, brackets, spaced dashes, line breaks."""
    if token.is_space or token.text in {",", "(", ")", ":", ";"}:
        return True
    spaced = bool(token.whitespace_) or (token.i > 0 and bool(token.nbor(-1).whitespace_))
    return token.text in {"-", "–", "—"} and spaced


def role_words(token: Token) -> frozenset[str]:
    """Role nouns attached to a person token: "spokesman Nasser Khanani", "Sullivan, adviser"."""
    roles: set[str] = set()
    for child in token.children:
        if child.dep_ in {"compound", "appos"} and child.pos_ == "NOUN":
            roles.add(child.lower_)
        if child.dep_ == "appos":
            roles.update(c.lower_ for c in child.children if c.dep_ == "compound" and c.pos_ == "NOUN")
    if token.dep_ == "appos" and token.head.pos_ == "NOUN":
        roles.add(token.head.lower_)
    return frozenset(roles)


def is_definite(token: Token) -> bool:
    """A "the …"/"this …"/"his …" description: it points back at someone already mentioned."""
    for child in token.children:
        if child.i < token.i and (
            (child.dep_ == "det" and child.lower_ in {"the", "this", "that", "these", "those"})
            or child.dep_ == "poss"
        ):
            return True
    return False


@dataclass
class PersonMention:
    """A named person outside quotes, for "he"/"she" and "the founder".

    ``rank`` orders candidates within a sentence: 0 for a speaker or the
    subject of the main clause, 1 for another subject, 2 for any other mention.
    """

    index: int
    sentence: int
    speaker: Speaker
    rank: int
    first: int = -1


class SpeakerHistory:
    """What a reader knows at each point of the article, for pronouns and descriptions.

    Person mentions are known up front (sorted by token); speakers are added
    in reading order as their clauses are resolved. "he"/"she" go to the
    person in the nearest earlier sentence that names one, preferring its
    speaker or main subject; "they" to the latest speaker, preferring plural,
    unnamed or organisation sources; "the official" to the latest unnamed
    source with that head noun, or a person given that role.
    """

    def __init__(
        self,
        names: NameTable,
        mentions: Iterable[PersonMention] = (),
        genders: dict[str, str] | None = None,
    ) -> None:
        self.names = names
        self.mentions: list[PersonMention] = sorted(mentions, key=lambda m: (m.index, m.rank))
        self.positions: list[int] = [m.index for m in self.mentions]
        self.speakers: list[tuple[int, Speaker]] = []
        self.genders = genders or {}

    def note_speaker(self, index: int, sentence: int, speaker: Speaker) -> None:
        """Record a resolved speaker; a person speaker also becomes a top-rank mention."""
        self.speakers.append((index, speaker))
        if speaker.kind == "person":
            k = bisect.bisect_left(self.positions, index)
            self.positions.insert(k, index)
            self.mentions.insert(k, PersonMention(index, sentence, speaker, 0))

    def _fits(self, mention: PersonMention, gender: str | None, exact: bool = False) -> bool:
        if gender is None:
            return True
        known = self.genders.get(mention.speaker.text)
        return known == gender if exact else known in (None, gender)

    def _best_in_sentence(self, j: int, gender: str | None, exact: bool = False) -> Speaker:
        sentence = self.mentions[j].sentence
        best: PersonMention | None = None
        while j >= 0 and self.mentions[j].sentence == sentence:
            m = self.mentions[j]
            if self._fits(m, gender, exact) and (best is None or m.rank <= best.rank):
                best = m
            j -= 1
        return (best or self.mentions[j + 1]).speaker

    def person_before(self, index: int, gender: str | None = None) -> Speaker | None:
        """The person a "he"/"she" at ``index`` most likely means.

        A person known (from the article) to have the pronoun's gender, named
        in the last few sentences, wins; then the nearest sentence naming a
        person of unknown gender; within a sentence, a speaker or main
        subject beats other mentions. With nobody fitting, gender is ignored.
        """
        j = bisect.bisect_left(self.positions, index) - 1
        if j < 0:
            return None
        here = self.mentions[j].sentence
        for exact, window in ((True, EXACT_GENDER_WINDOW), (False, GENDER_WINDOW)):
            if gender is None and exact:
                continue
            k = j
            while k >= 0 and self.mentions[k].sentence >= here - window:
                if self._fits(self.mentions[k], gender, exact):
                    return self._best_in_sentence(k, gender, exact)
                k -= 1
        return self._best_in_sentence(j, None)

    def resolve_pronoun(self, word: str, index: int) -> Speaker | None:
        """he/she -> nearest person; they -> latest speaker (plural/unnamed first); it -> org."""
        if word in PERSON_PRONOUNS:
            return self.person_before(index, pronoun_gender(word))
        recent = [s for i, s in self.speakers if i < index]
        if word in PLURAL_PRONOUNS:
            for speaker in reversed(recent[-3:]):
                if speaker.plural or speaker.kind in {"desc", "org"}:
                    return speaker
            return recent[-1] if recent else None
        if word in THING_PRONOUNS:
            for speaker in reversed(recent):
                if speaker.kind == "org":
                    return speaker
        return None

    def resolve_definite(self, head: str, plural: bool, index: int) -> Speaker | None:
        """"the official" -> latest unnamed source with that head noun, or person with that role."""
        for i, speaker in reversed(self.speakers):
            if i < index and speaker.head == head and speaker.kind == "desc":
                return speaker
        j = bisect.bisect_left(self.positions, index) - 1
        while j >= 0:
            if head in self.mentions[j].speaker.roles:
                return self.mentions[j].speaker
            j -= 1
        if head in ORG_NOUNS:
            for i, speaker in reversed(self.speakers):
                if i < index and speaker.kind == "org":
                    return speaker
            return None
        if not plural and head not in DOCUMENT_NOUNS:
            return self.person_before(index, noun_gender(head))
        return None


def subject_of(
    verb: Token, blocked: Callable[[int], bool], paragraph_of: Sequence[int] | None = None
) -> Token | None:
    """The subject of a reporting verb, climbing from "adding"/"saying" to the clause it hangs on.

    ``blocked`` marks tokens inside quotes: a subject there is the quote's
    own, never the speaker. ``paragraph_of`` (token -> paragraph) keeps the
    search inside the verb's paragraph: the parser sometimes glues a
    subheading onto the next paragraph's sentence.
    """

    def same_para(i: int) -> bool:
        return paragraph_of is None or paragraph_of[i] == paragraph_of[verb.i]

    if verb.lower_ in HEARSAY and verb.i + 1 < len(verb.doc) and verb.nbor(1).lower_ == "to":
        return None  # "parts said to be made in …": hearsay, nobody speaks
    if is_according(verb):
        obj = according_object(verb)
        return obj if obj is not None and same_para(obj.i) else None
    node = verb
    for _ in range(5):
        # "X is said to …": a passive subject of the reporting verb itself is the topic, not
        # the speaker; higher up ("he was quoted as saying") it is the speaker.
        deps = {"nsubj"} if node is verb else {"nsubj", "nsubjpass"}
        for child in node.children:
            if child.dep_ in deps and not blocked(child.i) and same_para(child.i):
                if child.lower_ in RELATIVE and node.dep_ == "relcl":
                    return node.head if same_para(node.head.i) else None
                return child
        head = node.head
        if head is node or not same_para(head.i):
            break
        if node.dep_ in CLIMB_DEPS or blocked(node.i):
            node = head
            continue
        if node.dep_ == "acl" and head.pos_ in {"NOUN", "PROPN"} and verb.i > 0 and verb.nbor(-1).text == ",":
            return head  # "Pierre Gignac, EDC's risk officer, mentioned" parsed as a modifier
        break
    if any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children):
        return None  # "X is said to …", "Meeting was announced": no speaker in this clause
    return _loose_subject(verb, blocked, same_para)


def _is_name(token: Token) -> bool:
    """A proper-noun token, even when the tagger called it something else ("DeBoer"/AUX)."""
    return token.pos_ == "PROPN" or token.tag_ in {"NNP", "NNPS"} or token.ent_type_ == "PERSON"


def _loose_subject(
    verb: Token, blocked: Callable[[int], bool], same_para: Callable[[int], bool]
) -> Token | None:
    """Fallback when the parse gave no subject: the name just before the verb ("… Josh Matlow
    told"), or, after a quote or comma, the name just after it ("…,” said Jake Sullivan")."""
    doc = verb.doc
    i = verb.i - 1
    while i >= 0 and doc[i].pos_ in {"ADV", "AUX", "PART"} and not _is_name(doc[i]) and not blocked(i):
        i -= 1
    if i >= 0 and same_para(i) and not blocked(i) and _is_name(doc[i]):
        return doc[i]
    if i >= 0 and not (doc[i].is_punct or blocked(i)):
        return None
    for i in range(verb.i + 1, min(len(doc), verb.i + 8)):
        tok = doc[i]
        if blocked(i) or (tok.is_punct and tok.text != "-") or not same_para(i):
            break
        if tok.dep_ in {"compound", "amod", "nmod", "npadvmod"} and tok.head.i > tok.i:
            continue  # a modifier: the noun it modifies comes later
        if tok.pos_ == "PROPN" or tok.ent_type_ == "PERSON":
            j = i
            while j + 1 < len(doc) and doc[j + 1].pos_ == "PROPN" and not blocked(j + 1):
                j += 1
            return doc[j]
        if tok.pos_ == "NOUN":
            return tok  # "…,” points out the laid-back Cambridge resident"
    return None


def make_speaker(
    token: Token,
    ents: EntIndex,
    history: SpeakerHistory,
    blocked: Callable[[int], bool],
) -> Speaker | None:
    """Turn a subject token into a ``Speaker``, resolving pronouns and "the official" via history."""
    lower = token.lower_
    if lower in FIRST_PERSON:
        return None
    ent = ents.get(token)
    if (ent is not None and ent.label_ in AMOUNT_LABELS) or any(c.isdigit() for c in token.text):
        return None  # "$137M said": an amount, a date or a score speaks for no one
    if lower in PERSON_PRONOUNS or lower in PLURAL_PRONOUNS or lower in THING_PRONOUNS:
        return history.resolve_pronoun(lower, token.i)
    if any(c.dep_ == "conj" for c in token.children):
        return Speaker(text=description(token, blocked), kind="desc", head=lower, plural=True)
    if lower in DOCUMENT_NOUNS:
        author = _document_author(token)
        if author is not None:
            return make_speaker(author, ents, history, blocked)
    if token.pos_ in {"PROPN", "ADJ"} and _has_the(token) and (ent is None or ent.label_ == "NORP"):
        found = history.resolve_definite(lower, False, token.i)  # "the Kentucky Republican"
        if found is not None:
            return found
    if ent is not None and ent.label_ == "PERSON":
        return person_speaker(ent.text, token, history.names)
    if token.pos_ == "PROPN" and any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in token.children):
        # "A Questioner At Goldman Sachs said": a name takes no "a"; a title-cased description
        return Speaker(text=description(token, blocked), kind="desc", head=lower)
    if token.pos_ == "PROPN":
        run = _proper_run(token)
        if history.names.knows(run) and (ent is None or ent.label_ not in {"GPE", "NORP"}):
            return person_speaker(run, token, history.names)
        if ent is None or (ent.label_ not in NON_PERSON_LABELS and len(run.split()) > 1):
            return person_speaker(run, token, history.names)  # a name the NER missed
        if ent is not None and ent.label_ in NAME_LABELS:
            return Speaker(text=_ent_text(ent, history.names), kind="org", head=lower)
        return Speaker(text=description(token, blocked), kind="org", head=lower)
    if ent is not None and ent.label_ in NAME_LABELS:
        return Speaker(text=_ent_text(ent, history.names), kind="org", head=lower)
    if token.pos_ in {"NUM", "ADJ", "PRON"}:  # "one of the players", "my two-year-old", "many"
        text = description(token, blocked)
        return Speaker(text=text, kind="desc", head=lower) if len(text) > 2 else None
    if token.pos_ not in {"NOUN", "PROPN"}:
        return None
    for child in token.children:  # "a spokeswoman, Eleanore Catenaro," -> the name
        if child.dep_ == "appos":
            app_ent = ents.get(child)
            if app_ent is not None and app_ent.label_ == "PERSON":
                return person_speaker(app_ent.text, child, history.names)
    plural = token.tag_ in {"NNS", "NNPS"}
    if is_definite(token):
        found = history.resolve_definite(lower, plural, token.i)
        if found is not None:
            return found
    return Speaker(text=description(token, blocked), kind="desc", head=lower, plural=plural)


def _document_author(token: Token) -> Token | None:
    """Who wrote a statement: "her statement", "a statement from the EU", "… e-mailed by X"."""
    for child in token.children:
        if child.dep_ == "poss":
            return child
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in {"from", "by"}:
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return obj
        if child.dep_ == "acl":  # "a statement e-mailed to The Globe by Reagan Ruslim"
            for prep in child.children:
                if prep.dep_ == "agent" or (prep.dep_ == "prep" and prep.lower_ == "by"):
                    for obj in prep.children:
                        if obj.dep_ == "pobj":
                            return obj
    return None


def _has_the(token: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ == "the" for c in token.children)


def _ent_text(ent: Span, names: NameTable | None = None) -> str:
    if ent.label_ == "PERSON":
        return clean_name(ent.text)
    text = ent.text.strip()
    return names.organisation(text) if names is not None else text


def person_speaker(text: str, token: Token, names: NameTable) -> Speaker:
    """A named person, shown by the fullest name the article uses, with the roles given here."""
    return Speaker(text=names.fullest(text), kind="person", head=token.lower_, roles=role_words(token))
