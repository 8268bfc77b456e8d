"""Direct quotes with the right speaker: the public entry point of quote analysis.

Three steps, each one pass over the document:

1. ``quote_spans`` finds the quotes from the quotation marks alone (British
   single marks, multi-paragraph quotes, apostrophes told apart).
2. Each quote gets its reporting verb from the parse: the verb the quote hangs
   on ("X said “…”", "adding: “…”", "… because ‘…’"), a reporting verb hanging
   on the quote ("“…,” he said", "“…,” said Jake Sullivan"), or, when the parse
   splits the attribution off, the nearest reporting verb in the same sentence
   just after a quote ending in a comma or just before a colon / comma lead-in.
   A full quote with no reporting verb continues the latest source -- the
   previous quote's speaker or the previous reporting clause's subject -- when
   that is in the same or the previous paragraph ("“…,” he said. “…”").
3. Subjects are resolved in reading order by ``speakers.SpeakerHistory``, so
   "he"/"she" (with a gender guessed from the article, ``quote_gender``),
   "they" and "the official" point at the nearest fitting earlier source.

``kind`` is "full" for speech (the quote is a clause or is set off as a sentence)
and "partial" for fragments inside the writer's sentence (‘hundreds’, “pretty
bad”) and titles of bills or documents. A quote over several paragraphs is one
``Quote`` whose text joins the paragraphs with "\n".
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Token

from ..captions import LABEL_LINE, is_credited_caption
from ..lexicon import words
from ..model import Mention, Quote
from .doc_text import doc_text
from .quote_gender import infer_genders
from .quote_spans import QuoteSpan, find_quote_spans, paragraphs
from .speakers import (
    EntIndex,
    NameTable,
    PersonMention,
    Speaker,
    SpeakerHistory,
    is_according,
    inflect,
    is_speech_verb,
    looks_like_name,
    make_speaker,
    person_speaker,
    subject_of,
)

SENTENCE_END = frozenset({".", "!", "?"})
CONTINUES = ",?!—–-…:;"
"""Last characters of a quote that leave the sentence open for an attribution."""
INNER_SENTENCE = re.compile(r"\w[.!?…][\"”’']?\s+[\"“‘']?[A-Z]")
"""A sentence end followed by a new sentence inside the quote: it is speech, not a fragment."""
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "expl", "csubj"})
CLIMB = 6
"""How far up the tree a quote may hang below its reporting verb."""
STRUCTURAL_DEPS = frozenset({"ccomp", "dobj", "parataxis", "xcomp", "dep", "advcl", "nsubj", "conj"})
"""Links between a quote and a verb outside the reporting-verb list that can still attribute it."""
STRUCTURAL_GAP = 4
"""Most words between a quote and such a verb."""


@dataclass
class _Found:
    """Working record for one quote while the article is read."""

    span: QuoteSpan
    first: int  # token range covering the marks
    last: int
    paragraph: int
    kind: str
    verb: Token | None = None
    subject: Token | None = None
    speaker: Speaker | None = None
    attributed: bool = False


def extract_quotes(doc: Doc, mentions: Sequence[Mention] = ()) -> list[Quote]:
    """Direct quotes of ``doc`` in reading order with their speakers resolved in the article.

    ``mentions`` supply the article's person and organisation names (with
    ``doc.ents``) so a speaker is shown by the fullest name the article uses.
    """
    found, _ = _analyse(doc, mentions)
    return [_to_quote(item, doc_text(doc)) for item in found if _keep(doc, item)]


def reported_sources(doc: Doc, mentions: Sequence[Mention] = ()) -> list[Speaker]:
    """Everyone the article reports as saying something, quoted or not, in reading order.

    One entry per reporting clause ("Sullivan said Iran would …", "sources
    say", "according to Ukrainian sources"), resolved like quote speakers.
    """
    found, resolved = _analyse(doc, mentions)
    keep = _reporting_subjects(doc, found)
    return [resolved[i] for i in sorted(resolved) if resolved[i] is not None and i in keep]  # type: ignore[misc]


def _reporting_subjects(doc: Doc, found: list[_Found]) -> set[int]:
    """Subjects of quotes and of reporting clauses that report speech.

    A speech verb that is negated ("did not answer") or that takes a plain object
    and no clause ("posted their worst showing", "agreed to a contract") reports
    no statement, unless it is a verb of reporting a fact ("ESPN reported the
    trade", "he denied wrongdoing": lexicon/data/object_report_verbs.txt).
    """
    inside: set[int] = set()
    for item in found:
        inside.update(range(item.first, item.last))
    blocked = inside.__contains__
    token_para = _token_paragraphs(doc, [start for start, _ in paragraphs(doc_text(doc))])
    keep = {item.subject.i for item in found if item.subject is not None}
    for tok in doc:
        if blocked(tok.i):
            continue
        if is_according(tok) or (is_speech_verb(tok) and _reports_statement(tok)):
            subj = subject_of(tok, blocked, token_para)
            if subj is not None:
                keep.add(subj.i)
    return keep


def _reports_statement(verb: Token) -> bool:
    deps = {c.dep_ for c in verb.children}
    if "neg" in deps:
        return False
    if deps & {"ccomp", "xcomp", "parataxis"} or verb.dep_ in {"parataxis", "ccomp"}:
        return True
    if verb.lower_ in SAY_FORMS:
        return True
    if "dobj" in deps or "prep" in deps:
        return verb.lower_ in _object_report_forms()
    return True


SAY_FORMS = frozenset("say says said saying tell tells told telling".split())


@cache
def _object_report_forms() -> frozenset[str]:
    return frozenset(form for base in words("object_report_verbs") for form in inflect(base))


def _analyse(
    doc: Doc, mentions: Sequence[Mention]
) -> tuple[list[_Found], dict[int, Speaker | None]]:
    """``_find_and_resolve`` once per Doc and mentions: quotes and sourcing both need it."""
    key = ("dossier.quotes", tuple((m.start, m.end, m.type) for m in mentions))
    cached = doc.user_data.get(key)
    if cached is None:
        cached = doc.user_data[key] = _find_and_resolve(doc, mentions)
    return cached


def _find_and_resolve(
    doc: Doc, mentions: Sequence[Mention]
) -> tuple[list[_Found], dict[int, Speaker | None]]:
    """Find the quotes, their reporting verbs and every reporting clause's resolved subject."""
    text = doc_text(doc)
    paras = paragraphs(text)
    para_starts = [a for a, _ in paras]
    quote_of = [-1] * len(doc)
    found: list[_Found] = []
    for span in find_quote_spans(text):
        p_index = max(0, bisect.bisect_right(para_starts, span.start) - 1)
        if paras and _furniture(text, paras[p_index]):
            continue
        chars = doc.char_span(span.start, span.end, alignment_mode="expand")
        if chars is None or len(chars) == 0:
            continue
        first, last = chars.start, chars.end
        if any(quote_of[i] >= 0 for i in range(first, last)):
            continue
        for i in range(first, last):
            quote_of[i] = len(found)
        found.append(_Found(span, first, last, p_index, kind="full"))

    def blocked(i: int) -> bool:
        return quote_of[i] >= 0

    token_para = _token_paragraphs(doc, para_starts)
    for item in found:
        item.kind = _kind(doc, item, text)
        item.verb = _reporting_verb(doc, item, blocked, token_para)
        if item.verb is not None:
            item.attributed = True
            item.subject = subject_of(item.verb, blocked, token_para)

    names = NameTable(
        [m.text for m in mentions if m.type == "person"]
        + [e.text for e in doc.ents if e.label_ == "PERSON"],
        [m.text for m in mentions if m.type == "organisation"]
        + [e.text for e in doc.ents if e.label_ == "ORG"],
    )
    resolved = _resolve_in_order(doc, found, blocked, names, token_para)
    _assign(found, resolved, token_para)
    return found, resolved


def _token_paragraphs(doc: Doc, para_starts: list[int]) -> list[int]:
    return [max(0, bisect.bisect_right(para_starts, t.idx) - 1) for t in doc]


def _content(doc: Doc, item: _Found) -> list[Token]:
    """Tokens of the quote without its marks."""
    a, b = item.span.pieces[0][0], item.span.pieces[-1][1]
    return [t for t in doc[item.first : item.last] if a <= t.idx < b and not t.is_quote]


def _kind(doc: Doc, item: _Found, text: str) -> str:
    """"full" for speech, "partial" for a fragment or title inside the writer's sentence.

    Full: the quote holds a whole sentence; or it starts with a capital and
    is a clause or is set off (paragraph start, after a colon, comma or full
    stop: “Really?”); or it starts in lower case but is a clause handed over
    by a reporting verb, a colon or a comma ("claimed “expensive weaponry
    takes…”"). Everything else -- ‘hundreds’, “pretty bad”, a bill's title,
    a clause the writer folds into their own sentence ("that “…”") -- is partial.
    """
    tokens = _content(doc, item)
    if not tokens:
        return "partial"
    body = item.span.text(text)
    if INNER_SENTENCE.search(body):
        return "full"
    inside = {t.i for t in tokens}
    clause = False
    for tok in tokens:
        if tok.head.i in inside and tok.head is not tok:
            continue
        if tok.pos_ in {"VERB", "AUX"} and (
            tok.head is tok or any(c.dep_ in SUBJECT_DEPS and c.i in inside for c in tok.children)
        ):
            clause = True
    before = text[: item.span.start].rstrip(" \t")
    set_off = not before or before[-1] in ".!?:,;”\"’'\n"
    initial = body.lstrip("[(‘'\"“…. ")[:1]
    if initial.isupper() or initial.isdigit():
        exclaims = body.rstrip().endswith(("!", "?"))  # “Go back to the reservation!”
        return "full" if clause or set_off or exclaims else "partial"
    lead = doc[item.first - 1] if item.first > 0 else None
    handed_over = set_off or (lead is not None and is_speech_verb(lead))
    return "full" if clause and handed_over else "partial"


def _reporting_verb(doc: Doc, item: _Found, blocked, token_para: list[int]) -> Token | None:
    """The reporting verb of a quote, or None when the quote stands alone.

    First the parse: the nearest reporting verb above the quote ("said
    Russia's choice is logical because ‘…'") or hanging on it ("“…,” he
    said"). For full quotes only, then position (a reporting verb in the
    same sentence after a quote ending in a comma, or before a colon/comma
    lead-in; the clause before a colon) and finally any verb tied to the
    quote a few words away ("“…,” Bardos blurted out").
    """
    best: tuple[int, int, Token] | None = None
    inside = range(item.first, item.last)
    para = item.paragraph
    for i in inside:
        tok = doc[i]
        node, steps = tok.head, 1
        while node is not tok and steps <= CLIMB and node.i not in inside:
            if blocked(node.i) or token_para[node.i] != para:
                break
            if is_speech_verb(node) or is_according(node):
                cand = (steps, abs(node.i - i), node)
                if best is None or cand[:2] < best[:2]:
                    best = cand
                break
            if node.head is node:
                break
            node = node.head
            steps += 1
        for child in tok.children:
            if (
                child.i not in inside
                and not blocked(child.i)
                and token_para[child.i] == para
                and (is_speech_verb(child) or is_according(child))
            ):
                cand = (1, abs(child.i - i), child)
                if best is None or cand[:2] < best[:2]:
                    best = cand
    if best is not None:
        return best[2]
    if item.kind != "full":
        return None  # a fragment is the writer's words around it unless a reporting verb governs it
    found = _positional_verb(doc, item, blocked, token_para)
    return found if found is not None else _structural_verb(doc, item, blocked, token_para)


def _structural_verb(doc: Doc, item: _Found, blocked, token_para: list[int]) -> Token | None:
    """Any verb with its own subject that the quote is tied to, right next to it.

    Catches reporting verbs no list foresees ("“You're short,” Bardos blurted
    out"): the quote is the verb's complement, or the verb hangs on the quote,
    and at most a few words separate them.
    """
    inside = range(item.first, item.last)
    best: tuple[int, Token] | None = None
    for i in inside:
        tok = doc[i]
        candidates = [tok.head] if tok.head.i not in inside and tok.dep_ in STRUCTURAL_DEPS else []
        candidates += [c for c in tok.children if c.i not in inside and c.dep_ in STRUCTURAL_DEPS]
        for verb in candidates:
            if verb.pos_ != "VERB" or blocked(verb.i) or token_para[verb.i] != item.paragraph:
                continue
            if subject_of(verb, blocked, token_para) is None:
                continue
            gap = verb.i - item.last if verb.i >= item.last else item.first - 1 - verb.i
            if gap <= STRUCTURAL_GAP and (best is None or gap < best[0]):
                best = (gap, verb)
    return best[1] if best is not None else None


def _positional_verb(doc: Doc, item: _Found, blocked, token_para: list[int]) -> Token | None:
    """A reporting verb in the same sentence right after or before the quote, parse aside."""
    body = doc_text(doc)[item.span.pieces[-1][0] : item.span.pieces[-1][1]].rstrip()
    para = item.paragraph
    after_ok = bool(body) and body[-1] in CONTINUES
    i = item.last
    if i < len(doc) and doc[i].is_lower:
        after_ok = True
    if after_ok:
        while i < len(doc) and not blocked(i) and token_para[i] == para:
            tok = doc[i]
            if tok.text in SENTENCE_END:
                break
            if is_speech_verb(tok) or is_according(tok):
                return tok
            i += 1
    i = item.first - 1
    if i >= 0 and doc[i].text in {":", ","} or (i >= 0 and is_speech_verb(doc[i])):
        while i >= 0 and not blocked(i) and token_para[i] == para:
            tok = doc[i]
            if tok.text in SENTENCE_END:
                break
            if is_speech_verb(tok) or is_according(tok):
                return tok
            i -= 1
    lead = doc[item.first - 1] if item.first > 0 else None
    if lead is not None and lead.text == ":":
        verb = lead.head  # "Martell … is more blunt: “…”", "Musk took to Twitter with this: “…”"
        for _ in range(3):
            if verb.pos_ in {"VERB", "AUX"} or verb.head is verb:
                break
            verb = verb.head
        if (
            verb.pos_ in {"VERB", "AUX"}
            and not blocked(verb.i)
            and token_para[verb.i] == para
            and verb.i < item.first
        ):
            return verb
    return None


def _sentence_ids(doc: Doc, token_para: list[int]) -> list[int]:
    """Sentence number per token; a paragraph break always starts a new sentence."""
    ids: list[int] = []
    current = -1
    for tok in doc:
        if tok.is_sent_start or tok.i == 0 or token_para[tok.i] != token_para[tok.i - 1]:
            current += 1
        ids.append(current)
    return ids


def _person_mentions(
    doc: Doc, ents: EntIndex, names: NameTable, blocked, sentence_of: list[int]
) -> list[PersonMention]:
    """Every person named outside quotes, ranked by how likely a later "he" means them.

    The small model's NER misses many repeat mentions ("Cerato said …"), so
    a proper noun that is the surname of a PERSON named elsewhere counts too.
    """
    out: list[PersonMention] = []
    for tok in doc:
        if blocked(tok.i) or not (
            tok.pos_ == "PROPN" or tok.ent_type_ == "PERSON" or (tok.is_title and names.is_surname(tok.text))
        ):
            continue
        ent = ents.get(tok)
        if ent is not None and ent.label_ == "PERSON":
            if tok.i != ent.root.i or not looks_like_name(ent.text):
                continue
            first, text = ent.start, ent.text
        else:
            if ent is not None and ent.label_ in {"GPE", "NORP", "LOC", "FAC"}:
                continue
            if tok.i + 1 < len(doc) and doc[tok.i + 1].pos_ == "PROPN":
                continue
            first, text = tok.i, tok.text
            if not names.is_surname(tok.text):
                run = _unlabelled_name(doc, tok, blocked)
                if run is None:
                    continue
                first, text = run
        if tok.dep_ in {"nsubj", "nsubjpass"}:
            rank = 0 if tok.head.dep_ == "ROOT" or is_speech_verb(tok.head) else 1
        else:
            rank = 2
        out.append(
            PersonMention(tok.i, sentence_of[tok.i], person_speaker(text, tok, names), rank, first)
        )
    return out


def _unlabelled_name(doc: Doc, tok: Token, blocked) -> tuple[int, str] | None:
    """A run of two or three capitalised proper nouns the NER left unlabelled: likely a name."""
    start = tok.i
    while start > 0 and doc[start - 1].pos_ == "PROPN" and not blocked(start - 1):
        start -= 1
    run = doc[start : tok.i + 1]
    if not 2 <= len(run) <= 3 or any(t.ent_type_ or not t.text[:1].isupper() for t in run):
        return None
    return (start, run.text) if looks_like_name(run.text) else None


def _resolve_in_order(
    doc: Doc, found: list[_Found], blocked, names: NameTable, token_para: list[int]
) -> dict[int, Speaker | None]:
    """Resolve every reporting-verb subject in reading order; return token index -> speaker."""
    ents = EntIndex(doc)
    sentence_of = _sentence_ids(doc, token_para)
    mentions = _person_mentions(doc, ents, names, blocked, sentence_of)
    genders = infer_genders(
        doc,
        [(m.first, m.index, m.sentence, m.speaker.text) for m in mentions],
        blocked,
        sentence_of,
    )
    history = SpeakerHistory(names, mentions, genders)

    subjects: set[int] = set()
    for tok in doc:
        if not blocked(tok.i) and (is_speech_verb(tok) or is_according(tok)):
            subj = subject_of(tok, blocked, token_para)
            if subj is not None and not blocked(subj.i):
                subjects.add(subj.i)
    for item in found:
        if item.subject is not None and not blocked(item.subject.i):
            subjects.add(item.subject.i)
    resolved: dict[int, Speaker | None] = {}
    for index in sorted(subjects):
        speaker = make_speaker(doc[index], ents, history, blocked)
        resolved[index] = speaker
        if speaker is not None:
            history.note_speaker(index, sentence_of[index], speaker)
    return resolved


def _assign(found: list[_Found], resolved: dict[int, Speaker | None], token_para: list[int]) -> None:
    """Give each quote its speaker; an unattributed full quote continues the latest source.

    The latest source is whichever came last of the previous full quote and
    the previous reporting clause ("Sullivan said Iran … ¶ “…”"), if it is in
    the same or the previous paragraph.
    """
    speech_positions = sorted(i for i, s in resolved.items() if s is not None)
    previous: _Found | None = None
    for item in found:
        if item.subject is not None:
            item.speaker = resolved.get(item.subject.i)
        elif not item.attributed and item.kind == "full":
            k = bisect.bisect_left(speech_positions, item.first) - 1
            event = speech_positions[k] if k >= 0 else -1
            if previous is not None and previous.first > event:
                if item.paragraph - previous.paragraph <= 1:
                    item.speaker = previous.speaker
            elif event >= 0 and item.paragraph - token_para[event] <= 1:
                item.speaker = resolved[event]
        if item.kind == "full":
            previous = item


def _furniture(text: str, paragraph: tuple[int, int]) -> bool:
    """A teaser label ("WATCH: …") or a photo caption or credit: it never yields quotes."""
    start, end = paragraph
    return LABEL_LINE.match(text, start) is not None or is_credited_caption(text[start:end])


def _keep(doc: Doc, item: _Found) -> bool:
    """Drop what is not speech: an unattributed, verbless full quote is a bio or tagline."""
    if item.speaker is not None or item.kind == "partial":
        return True
    return any(t.pos_ in {"VERB", "AUX"} for t in _content(doc, item))


def _to_quote(item: _Found, text: str) -> Quote:
    """Quote text without outer marks or a trailing comma.

    ``start``/``end`` span the quoted text in the article; for a quote over
    several paragraphs they run from the first paragraph's words to the last
    one's, and ``text`` joins the paragraphs with a newline (reopening marks
    dropped), so only single-paragraph quotes satisfy text == doc.text[start:end].
    """
    pieces = item.span.pieces
    start = pieces[0][0]
    while start < pieces[0][1] and text[start].isspace():
        start += 1
    end = pieces[-1][1]
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    body = item.span.text(text).rstrip().rstrip(",").rstrip()
    speaker = item.speaker.text if item.speaker is not None else None
    return Quote(text=body, speaker=speaker, kind=item.kind, start=start, end=end)  # type: ignore[arg-type]
