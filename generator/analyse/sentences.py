"""Sentence units, their content words and "never pick this" rules.

Shared by the summariser and the title maker. Both must see the same
sentences (clipped to paragraphs, so a subheading never glues onto the next
paragraph) and must agree on what is not article prose: captions, subheadings,
leftover web junk and bare quotes. The small model has no word vectors (and its
tok2vec tensors are contextual features, poor as sentence similarity), so
sentences are compared by their content words, reduced by a tiny suffix stripper.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc, Span

from .doc_text import doc_text

MAX_SENTENCES = 200
"""Cap on the sentences considered per article; keeps the O(s^2) graph cheap."""

TERMINAL = re.compile(r"[.!?…](?:[\"'”’)\]]+)?$")
TRUNCATED = re.compile(r"\w\s?(?:\.\.\.|…)$")

CAPTION = re.compile(
    r"\((?:pictured|file|above|below|left|right|centre|center|inset|top|bottom)\b[^)]*\)"
    r"|\bpictured\b|\b(?:image|photo|photograph|picture|video) (?:credit|copyright)\b"
    r"|^(?:image|photo|photograph|picture|caption|credit|source)\s*:"
    r"|\bgetty images\b|\bsuch as this one\b|\bseen here\b|\bin this (?:photo|picture|image)\b",
    re.IGNORECASE,
)
JUNK = re.compile(
    r"\[[A-Z][A-Z ]+\]|https?://|www\.|\S+@\S+\.[a-z]{2,}\b|©|\ball rights reserved\b",
    re.IGNORECASE,
)
"""Web furniture that no sentence of prose contains: [LATEST] tags, links, e-mail, copyright."""
JUNK_START = re.compile(
    r"^\W*(?:read more|click here|sign up|subscribe|share (?:this|post)|follow us|related (?:articles|stories)"
    r"|more stories|advertisement|please enter|leave a (?:comment|reply)|newsletter)\b",
    re.IGNORECASE,
)
"""Lines that open like page furniture; prose may use these words, but not as its first ones."""
DANGLING_START = {
    "he", "she", "it", "they", "this", "these", "those", "his", "her", "their", "its", "such",
    "however", "but", "also", "meanwhile", "instead", "moreover", "furthermore", "nevertheless",
    "nonetheless", "similarly", "likewise", "besides", "therefore", "thus", "and", "yet",
}
"""Openers that point at an earlier sentence the summary may not include: pronouns and connectives."""
GLUE_WORDS = (
    "The", "A", "An", "In", "On", "At", "He", "She", "It", "They", "We", "His", "Her", "Their",
    "This", "These", "Those", "There", "But", "And", "As", "After", "When", "While", "Now", "For",
)
"""A capitalised one of these right after a lower-case word, with no punctuation between, is
where a teaser or caption was run into the sentence ("Now it gets real In a front-page ...")."""
GLUE = re.compile(r"\b[a-z][a-z'’]+ (?:" + "|".join(GLUE_WORDS) + r") ")
TEASER = re.compile(r":[^.!?]*?\b[a-z][a-z'’]+ (?:" + "|".join(GLUE_WORDS) + r") ")
"""A teaser headline ("The 13th Juror: Now it gets real") run into the sentence that follows it."""


@dataclass
class Sentence:
    """One sentence of the body, clipped to its paragraph.

    ``outside`` is the sentence text with quoted words blanked out, so rules
    can ask what the article itself says around a quote.
    """

    index: int
    text: str
    start: int
    end: int
    paragraph: int
    span: Span
    outside: str = ""
    terms: list[str] = field(default_factory=list)
    reject: str | None = None


def stem(word: str) -> str:
    """A tiny suffix stripper: plurals, -ing/-ed/-ly and demonyms (Ukrainian ~ Ukraine).

    Good enough for overlap counting; deliberately not a linguistic stemmer.
    """
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    w = w.strip("'")
    if len(w) <= 3 or not w.isalpha():
        return w
    for suffix, repl in (("ies", "y"), ("sses", "ss"), ("ss", "ss"), ("us", "us"), ("is", "is")):
        if w.endswith(suffix):
            w = w[: -len(suffix)] + repl
            break
    else:
        if w.endswith("s"):
            w = w[:-1]
    for suffix in ("ingly", "ing", "edly", "ed", "ly", "ians", "ian", "ia", "e", "a"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 4:
            w = w[: -len(suffix)]
            break
    if len(w) >= 4 and w[-1] == w[-2] and w[-1] not in "aeiousl":
        w = w[:-1]
    return w


def token_terms(tokens) -> list[str]:
    """Content-word stems of some tokens (no stop words, punctuation or spaces)."""
    out: list[str] = []
    for tok in tokens:
        if tok.is_space or tok.is_punct or tok.is_stop:
            continue
        text = tok.lower_
        if not any(ch.isalnum() for ch in text):
            continue
        if text.replace("'", "").replace("’", "") in {"s", "nt", "t"}:
            continue
        out.append(stem(text))
    return [t for t in out if t]


def text_terms(text: str) -> list[str]:
    """Content-word stems of a plain string (a title) without parsing it.

    Titles are short and not worth a parse; stop words are spaCy's English list,
    the same one ``token.is_stop`` uses for the body.
    """
    words = re.findall(r"[A-Za-z0-9][A-Za-z0-9'’.-]*[A-Za-z0-9]|[A-Za-z0-9]", text)
    return [stem(w) for w in words if w.lower() not in STOP_WORDS and stem(w)]


def quote_mask(text: str) -> list[bool]:
    """Which characters of a paragraph sit inside quotation marks.

    Curly quotes open and close; straight double quotes toggle; single curly
    quotes count only when they look like quotes rather than apostrophes. A
    paragraph that opens a quote and never closes it (a multi-paragraph
    quote) stays inside to its end, as news style writes it.
    """
    mask = [False] * len(text)
    inside: str | None = None
    for i, ch in enumerate(text):
        prev = text[i - 1] if i else " "
        nxt = text[i + 1] if i + 1 < len(text) else " "
        if inside is None:
            if ch in "“«" or (ch == '"') or (ch in "‘'" and not prev.isalnum() and nxt.isalnum()):
                inside = {"“": "”", "«": "»", '"': '"', "‘": "’", "'": "'"}[ch]
                mask[i] = True
                continue
        else:
            mask[i] = True
            closes = ch == inside or (inside == "”" and ch == '"') or (inside == '"' and ch == "”")
            if inside in "’'" and closes and nxt.isalnum():
                closes = False  # an apostrophe inside a single-quoted passage
            if closes:
                inside = None
    return mask


def _paragraph_ranges(text: str) -> list[tuple[int, int]]:
    """Character ranges of the non-empty lines of the body (each line a paragraph)."""
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text) if m.group().strip()]


def _rejection(sent: Sentence, words: int) -> str | None:
    """Why a sentence must never be picked, or None when it is article prose."""
    text = sent.text
    if JUNK.search(text) or JUNK_START.search(text):
        return "junk"
    if CAPTION.search(text):
        return "caption"
    if not TERMINAL.search(text):
        return "no terminal punctuation (subheading, caption or fragment)"
    if TRUNCATED.search(text):
        return "truncated teaser"
    if TEASER.search(text):
        return "teaser glued to a sentence"
    if words < 5:
        return "too short"
    letters = [c for c in text if c.isalpha()]
    if letters and sum(c.isupper() for c in letters) > 0.6 * len(letters):
        return "shouting"
    outside_words = re.findall(r"[A-Za-z]{2,}", sent.outside)
    if len(outside_words) < 2:
        return "bare quote"
    return None


def split_sentences(doc: Doc) -> list[Sentence]:
    """The body's sentences, clipped to paragraphs, with terms and a rejection reason.

    spaCy's small parser sometimes splits inside a sentence; a piece that ends
    without terminal punctuation is glued to the next piece of the same
    paragraph, so only a paragraph's last piece can lack it (subheadings,
    captions).
    """
    text = doc_text(doc)
    paragraphs = _paragraph_ranges(text)
    masks = {start: quote_mask(text[start:end]) for start, end in paragraphs}
    pieces: list[tuple[int, int, int]] = []  # (start, end, paragraph)
    p = 0
    for sent in doc.sents:
        s_start, s_end = sent.start_char, sent.end_char
        while p < len(paragraphs) and paragraphs[p][1] <= s_start:
            p += 1
        q = p
        while q < len(paragraphs) and paragraphs[q][0] < s_end:
            a = max(s_start, paragraphs[q][0])
            b = min(s_end, paragraphs[q][1])
            chunk = text[a:b]
            if chunk.strip():
                a += len(chunk) - len(chunk.lstrip())
                b -= len(chunk) - len(chunk.rstrip())
                pieces.append((a, b, q))
            q += 1
    merged: list[list[int]] = []
    for a, b, para in pieces:
        if merged and merged[-1][2] == para:
            prev_text = text[merged[-1][0] : merged[-1][1]]
            piece = text[a:b]
            if not TERMINAL.search(prev_text) or not any(c.isalpha() for c in piece) or piece[0].islower():
                merged[-1][1] = b
                continue
        merged.append([a, b, para])
    out: list[Sentence] = []
    for a, b, para in merged[:MAX_SENTENCES]:
        span = doc.char_span(a, b, alignment_mode="expand")
        if span is None:
            continue
        p_start = paragraphs[para][0]
        mask = masks[p_start]
        outside = "".join(" " if mask[i - p_start] else text[i] for i in range(a, b))
        sent = Sentence(
            index=len(out), text=text[a:b], start=a, end=b, paragraph=para, span=span, outside=outside
        )
        sent.terms = token_terms(span)
        words = sum(1 for t in span if t.is_alpha)
        sent.reject = _rejection(sent, words)
        out.append(sent)
    return out


def glued(text: str) -> bool:
    """True when a teaser or caption seems run into the sentence (see ``GLUE_WORDS``)."""
    return GLUE.search(text) is not None


def starts_dangling(sent: Sentence) -> bool:
    """True when the sentence opens with a pronoun or connective that needs context."""
    first = re.match(r"[\W_]*([A-Za-z]+)", sent.text)
    return bool(first) and first.group(1).lower() in DANGLING_START


_AGENCY = r"\((?:[A-Z][A-Za-z.&]*)(?:\s+[A-Z][A-Za-z.&]*){0,2}\)"
_PLACE = r"[A-Z][A-Z.'’-]{2,}(?:\s+[A-Z][A-Z.'’-]+)*(?:,\s*[A-Z][A-Za-z.]*(?:\s+[A-Z][A-Za-z.]*){0,2})?"
_DASH = r"(?:--|—|–|\s-)"
DATELINE = re.compile(
    rf"^\s*(?:{_AGENCY}\s*(?:{_DASH}\s*)?"  # (CNN) ... / (CNN) -- ...
    rf"|{_PLACE}\s*(?:{_AGENCY}\s*)?{_DASH}\s*"  # LONDON, England (Reuters) -- / BARRON, Wis. --
    rf"|{_PLACE}\s+{_AGENCY}\s*)"  # WASHINGTON (AP) ...
    r"(?=[\"“‘'A-Z0-9])"
)
"""A wire dateline opening a story: an agency in brackets and/or a place in capitals, then a dash."""


def strip_dateline(text: str) -> str:
    """The sentence without a leading wire dateline ("(CNN)", "BARRON, Wis. --"); else unchanged."""
    match = DATELINE.match(text)
    if not match or match.end() >= len(text):
        return text
    return text[match.end() :]
