"""Headlines for articles that arrive without a title.

A headline states the story's main event in one short clause, so the title is
cut from the article's most headline-worthy sentence (the learned summary
scorer, with a stronger pull towards the lede) rather than invented: the
sentence's main clause is kept and the parts a headline drops are pruned with
the parse - a wire dateline, leading scene-setting ("In a recent development
..., "), attribution (", the Kremlin has said", "according to ..."), time
adjuncts ("on Tuesday", "last week"), parentheses, discourse adverbs ("also")
and, while it is still too long, the right-most optional phrases (relative
clauses, adverbial clauses, prepositional phrases, second conjuncts).
Sentences whose subject is a pronoun or "there", and quotes, make poor
headlines and are passed over. The result is article text, never cut at a
character count: a candidate that cannot be pruned into a whole phrase of at
most ``MAX_CHARS`` is dropped for the next sentence, and every result passes
``title_problem`` (no function word, dangling verb, attribution tail or
unbalanced mark at the end).
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from generator.analyse.sentences import DATELINE, split_sentences
from generator.analyse.speakers import SPEECH_FORMS
from generator.analyse.summary import score_sentences
from generator.lexicon import words
from generator.model import Mention

MAX_CHARS = 100
TARGET_CHARS = 80
"""Prune optional phrases until the headline is this short (when the core allows)."""
MIN_WORDS = 6
"""A pruned headline shorter than this has usually lost its point."""
CANDIDATES = 6
LEDE_PULL = 0.5
"""Extra weight for the first sentences: an untitled article's lede is its best headline source."""
FALLBACK = "Untitled article"
LENGTH_FEATURES = ("log_words", "short", "long", "centrality", "textrank")
"""Summary features that say nothing about a sentence pruned into a headline.

The length features, and the two centralities, which grow with a sentence's
length (shared words are counted, not divided by length; TextRank's
self-edges keep more of the walk on long sentences). With textrank scored,
BBC headline ROUGE-1 fell from 25.92 to 24.15 (lede's first 10 words 22.79);
neutral, it is 26.24."""

SPEECH_VERBS = SPEECH_FORMS | words("opinion_verbs")
DISCOURSE_ADVERBS = {
    "also", "however", "meanwhile", "additionally", "moreover", "furthermore", "nevertheless",
    "indeed", "similarly", "too", "though", "therefore", "thus", "ironically",
}
LEADING_DEPS = {"prep", "advcl", "advmod", "npadvmod", "punct", "mark", "cc", "intj", "dep", "parataxis"}
TRIM_PRIORITY = {
    "relcl": 0, "appos": 0, "advcl": 0, "parataxis": 0, "conj": 1,
    "prep": 2, "npadvmod": 2, "agent": 2, "acl": 3,
}
"""Optional dependents, by which goes first while the headline is too long."""
CORE_DEPS = {"dobj", "attr", "acomp", "oprd", "xcomp", "ccomp", "dative", "prt", "neg", "aux", "auxpass"}
DASHES = {"-", "–", "—", "--"}
DANGLING_END = words("title_dangling_end")
"""Words a headline cannot end on: function words, auxiliaries, attribution words."""
ATTRIBUTION = {"according", "said", "says", "told", "claimed", "claims", "added", "saying", "reportedly"}
TIME_ENTITIES = {"DATE", "TIME"}
ARTICLES = {"a", "an", "the"}
PERFECT = {"has", "have"}
QUOTE_MARKS = "\"“”‘’«»"
PRONOUN_SUBJECTS = {"PRP", "EX", "WP", "DT"}


def make_title(doc: Doc, mentions: list[Mention], nlp: Language | None = None) -> str:
    """A short headline-like title (<= MAX_CHARS) pruned from the article's most headline-worthy sentence.

    With ``nlp``, a candidate must also pass ``title_problem`` on its own
    parse: out of context the last word can read as a verb left without its
    object even when the sentence's parse disagrees.
    """
    sentences = split_sentences(doc)
    scores = score_sentences(sentences, None, mentions, doc, neutral=LENGTH_FEATURES)
    usable = [s for s in sentences if scores[s.index] is not None and not _mostly_quoted(s.text, s.outside)]
    pull = {s.index: 1 + LEDE_PULL / (1 + rank) ** 2 for rank, s in enumerate(usable)}
    ranked = sorted(usable, key=lambda s: (-(scores[s.index] or 0.0) * pull[s.index], s.index))
    for sent in ranked[:CANDIDATES]:
        title = headline(sent.span)
        if title and _reads_whole(title, nlp):
            return title
    for sent in ranked:
        title = _whole(sent.span)
        if title and _reads_whole(title, nlp):
            return title
    return FALLBACK


def _reads_whole(title: str, nlp: Language | None) -> bool:
    """True unless the title's own parse ends it on a dangling verb (no pipeline: nothing to check)."""
    if nlp is None:
        return True
    words = [t for t in nlp(title) if not t.is_punct and not t.is_space]
    return title_problem(title, words[-1].tag_ if words else None) is None


def title_problem(title: str, last_tag: str | None = None) -> str | None:
    """Why a title reads as cut mid-phrase, or None when it ends as a headline should.

    Checks the text alone: length, a function word or attribution word at
    the end, an attribution tail ("..., according to police"), punctuation
    left hanging, unbalanced quotes or brackets. ``last_tag`` (the Penn tag
    of the last word, when the caller has a parse) adds the dangling-verb
    check: a verb other than a past participle cannot end a headline
    ("... sued Morgan Stanley to return 136m euros relating").
    """
    text = title.strip()
    if not text:
        return "empty"
    if len(text) > MAX_CHARS:
        return f"longer than {MAX_CHARS} characters"
    if re.search(r"[,;:–—-]$", text):
        return "ends on punctuation"
    tokens = [w.strip(QUOTE_MARKS + ".,;:!?()[]").lower() for w in text.split()]
    tokens = [w for w in tokens if w]
    if not tokens:
        return "no words"
    if tokens[-1] in DANGLING_END:
        return f"ends on the function word {tokens[-1]!r}"
    if "according" in tokens or any(w in ATTRIBUTION for w in tokens[-3:]):
        return "attribution tail"
    for left, right in (("(", ")"), ("[", "]"), ("“", "”"), ("«", "»")):
        if text.count(left) != text.count(right):
            return f"unbalanced {left}{right}"
    if text.count('"') % 2:
        return 'unbalanced "'
    if len(re.findall(r"(?:^|(?<=\s))‘", text)) > len(re.findall(r"’(?=\s|$|[,.;:!?])", text)):
        return "unbalanced ‘’"
    if last_tag in DANGLING_VERB_TAGS:
        return "ends on a verb without its object"
    return None


DANGLING_VERB_TAGS = {"VB", "VBP", "VBG", "VBD", "VBZ", "MD", "TO", "IN", "DT", "CC", "WDT", "PRP$"}
"""Penn tags that cannot end a headline (VBN can: "Ten people injured")."""


def _mostly_quoted(text: str, outside: str) -> bool:
    """True when most of the sentence is a quotation: someone's words are not the headline."""
    letters = sum(c.isalpha() for c in text)
    return bool(letters) and sum(c.isalpha() for c in outside) < 0.6 * letters


def _whole(span: Span) -> str | None:
    """The whole sentence as a title, when it is short enough and ends cleanly; never cut."""
    keep = {t.i for t in span} - _dateline(span)
    text = _render(span.doc, keep)
    if len(text.split()) < 3 or title_problem(text, _last_tag(span.doc, keep)):
        return None
    return text


def _dateline(span: Span) -> set[int]:
    """Token indices of a leading wire dateline ("(CNN)", "BARRON, Wis. --")."""
    match = DATELINE.match(span.text)
    if not match:
        return set()
    end = span.start_char + match.end()
    return {t.i for t in span if t.idx < end}


def _last_tag(doc: Doc, keep: set[int]) -> str | None:
    """Penn tag of the last kept word that ``_tidy`` leaves (punctuation and trailing function words go)."""
    words = [i for i in sorted(keep) if not doc[i].is_punct and not doc[i].is_space]
    while words and doc[words[-1]].lower_ in DANGLING_END:
        words.pop()
    return doc[words[-1]].tag_ if words else None


def headline(span: Span) -> str | None:
    """The main clause of one sentence, pruned into a headline; None when it would read badly."""
    clause = _main_clause(_span_root(span), span)
    subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or subject.tag_ in PRONOUN_SUBJECTS or subject.lower_ in {"there", "here"}:
        return None
    if clause.pos_ not in ("VERB", "AUX"):
        return None
    doc = span.doc
    keep = {t.i for t in clause.subtree if span.start <= t.i < span.end} - _dateline(span)
    # scene-setting before the subject, attribution and asides
    for child in clause.children:
        if child.i < subject.left_edge.i and child.dep_ in LEADING_DEPS:
            keep -= {t.i for t in child.subtree}
        elif child.i > clause.i and _comma_before(doc, child) and (
            child.lower_ in SPEECH_VERBS or child.dep_ == "parataxis"
        ):
            keep -= {t.i for t in child.subtree}
    keep -= _parenthetical(doc, keep)
    keep -= _attribution_and_time(doc, keep)
    keep -= {i for i in keep if doc[i].lower_ in DISCOURSE_ADVERBS and doc[i].dep_ == "advmod"}
    keep -= _articles(doc, keep)
    protected = {clause.i, subject.i} | {c.i for c in clause.children if c.dep_ in CORE_DEPS}
    text = _render(doc, keep)
    while len(text) > TARGET_CHARS:
        cut = _next_cut(doc, keep, protected)
        if cut is None:
            break
        keep -= cut
        text = _render(doc, keep)
    if len(text.split()) < 3 or _ends_on_bare_verb(doc, keep, clause):
        return None
    if title_problem(text, _last_tag(doc, keep)):
        return None
    return text


def _span_root(span: Span) -> Token:
    """The head of the span's own tree.

    The parser's sentence can be longer than ours (we clip at paragraphs and
    glue fragments), so ``Span.root`` may point outside; take the in-span
    token heading the most in-span tokens.
    """
    inside = range(span.start, span.end)
    tops = [t for t in span if t.head.i == t.i or t.head.i not in inside]
    return max(tops, key=lambda t: (sum(1 for x in t.subtree if x.i in inside), -t.i))


def _main_clause(root: Token, span: Span) -> Token:
    """Skip a reporting frame: "X will visit Y, the Kremlin said" -> the "visit" clause.

    When the parser made a noun the root (a dateline such as "(CNN)" in front
    can do that), the first verb with its own subject is the clause.
    """
    if root.pos_ not in ("VERB", "AUX"):
        verbs = [
            t for t in span
            if t.pos_ in ("VERB", "AUX") and any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children)
        ]
        if verbs:
            return verbs[0]
    if root.lower_ in SPEECH_VERBS:
        inner = [c for c in root.children if c.dep_ == "ccomp" and span.start <= c.i < root.i]
        if inner:
            return inner[0]
    return root


def _ends_on_bare_verb(doc: Doc, keep: set[int], clause: Token) -> bool:
    """A transitive verb cut from its object ("... needs") is a broken headline."""
    words = [i for i in sorted(keep) if not doc[i].is_punct]
    if not words or words[-1] != clause.i:
        return False
    if clause.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in clause.children):
        return False  # a passive needs no object: "Eight border guards were killed"
    nxt = clause.i + 1
    return nxt < len(doc) and not doc[nxt].is_punct and not doc[nxt].is_space


def _comma_before(doc: Doc, tok: Token) -> bool:
    """True when the phrase is set off by a comma, as asides are."""
    left = tok.left_edge.i
    return left > 0 and doc[left - 1].text == ","


def _parenthetical(doc: Doc, keep: set[int]) -> set[int]:
    """Token indices inside (parentheses) or between a pair of dashes."""
    out: set[int] = set()
    inside = False
    dash_open: int | None = None
    for i in sorted(keep):
        tok = doc[i].text
        if tok == "(":
            inside = True
        if inside:
            out.add(i)
        if tok == ")":
            inside = False
        if tok in DASHES and (tok != "-" or (doc[i].whitespace_ and i and doc[i - 1].whitespace_)):
            if dash_open is None:
                dash_open = i
            else:
                out.update(j for j in keep if dash_open <= j <= i)
                dash_open = None
    if dash_open is not None:  # a single dash: what follows is an aside
        out.update(j for j in keep if j >= dash_open)
    return out


def _next_cut(doc: Doc, keep: set[int], protected: set[int]) -> set[int] | None:
    """Token indices of the optional phrase to drop next, or None to stop.

    Only phrases that run to the current end, or comma-set asides, are cut, so
    what is left reads as the clause itself. A cut that reaches
    ``TARGET_CHARS`` and leaves at least ``MIN_WORDS`` wins (the most optional
    kind first, then the one keeping most text: "... in the war [after the
    Government drafted ...]"). Failing that, a headline already under
    ``MAX_CHARS`` is left alone rather than gutted; a longer one loses its
    smallest most-optional phrase and pruning goes on.
    """
    words = [i for i in keep if not doc[i].is_punct]
    if not words:
        return None
    end = max(words)
    options: list[tuple[int, int, int, set[int]]] = []  # (priority, chars left, words left, cut)
    for i in sorted(keep):
        tok = doc[i]
        if i in protected or tok.dep_ not in TRIM_PRIORITY:
            continue
        if tok.dep_ == "prep" and tok.head.pos_ not in ("VERB", "AUX"):
            continue  # "a catalogue of errors": the noun needs its phrase
        cut = _phrase(doc, tok)
        if cut & protected:
            continue
        if tok.right_edge.i < end and not (TRIM_PRIORITY[tok.dep_] == 0 and _comma_before(doc, tok)):
            continue  # mid-sentence cuts only for comma-set asides ("X, who ..., said")
        left = _render(doc, keep - cut)
        options.append((TRIM_PRIORITY[tok.dep_], len(left), len(left.split()), cut))
    good = [o for o in options if o[1] <= TARGET_CHARS and o[2] >= MIN_WORDS]
    if good:
        return min(good, key=lambda o: (o[0], -o[1], min(o[3])))[3]
    if not options or len(_render(doc, keep)) <= MAX_CHARS:
        return None
    return min(options, key=lambda o: (o[0], -o[1], min(o[3])))[3]


def _phrase(doc: Doc, tok: Token) -> set[int]:
    """A dependent's subtree with the commas that set it off."""
    cut = {t.i for t in tok.subtree}
    left, right = tok.left_edge.i, tok.right_edge.i
    if left > 0 and doc[left - 1].text == ",":
        cut.add(left - 1)
        if right + 1 < len(doc) and doc[right + 1].text == ",":
            cut.add(right + 1)
    return cut


def _render(doc: Doc, keep: set[int]) -> str:
    """Join kept tokens with their original spacing, then tidy punctuation and ends."""
    parts: list[str] = []
    previous = None
    for i in sorted(keep):
        tok = doc[i]
        if previous is not None and i != previous + 1 and parts and not parts[-1].endswith(" "):
            parts.append(" ")
        parts.append(tok.text_with_ws)
        previous = i
    return _tidy("".join(parts))


def _tidy(text: str) -> str:
    """Remove what a headline never ends or starts with; balance quotes; capitalise."""
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"\s+([,;:.!?’”)])", r"\1", text)
    text = re.sub(r"([(“‘])\s+", r"\1", text)
    text = re.sub(r",\s*,", ",", text)
    for _ in range(10):
        before = text
        text = text.strip(" ,;:-–—.")
        words = text.split()
        if words and words[-1].lower().strip("’'\".,;:!?") in DANGLING_END:
            text = " ".join(words[:-1])
        if words and words[0].lower().strip(",") in {"and", "but", "or", "so", "yet"}:
            text = " ".join(words[1:])
        if text == before:
            break
    text = _balance(text)
    return text[:1].upper() + text[1:] if text else text


def _balance(text: str) -> str:
    """Drop quote marks and brackets left without their partner by pruning."""
    for left, right in (("“", "”"), ("(", ")"), ("[", "]")):
        if text.count(left) != text.count(right):
            text = text.replace(left, "").replace(right, "")
    if text.count('"') % 2:
        text = text.replace('"', "")
    opens = len(re.findall(r"(?:^|(?<=\s))‘", text))
    closes = len(re.findall(r"’(?=\s|$|[,.;:!?])", text))
    if opens != closes:
        text = re.sub(r"(?:^|(?<=\s))‘", "", text)
        text = re.sub(r"’(?=\s|$|[,.;:!?])", "", text)
    return text.strip()


def _articles(doc: Doc, keep: set[int]) -> set[int]:
    """Headlinese drops "a", "an" and "the" ("Intel unveils laser breakthrough"), but not from names,
    and the perfect's "has"/"have" right before its verb ("Intel has unveiled" -> "Intel unveiled")."""
    out = {i for i in keep if doc[i].lower_ in ARTICLES and doc[i].dep_ == "det" and not doc[i].ent_type_}
    out |= {
        i for i in keep
        if doc[i].lower_ in PERFECT and doc[i].dep_ == "aux" and doc[i].head.i == i + 1
        and doc[i].head.tag_ == "VBN" and doc[i].head.lower_ != "been"
    }
    return out


def _attribution_and_time(doc: Doc, keep: set[int]) -> set[int]:
    """Phrases a headline drops wherever they sit: "according to ..." and time adjuncts.

    A time adjunct is a dependent of a verb made only of date/time words
    ("on Tuesday", "last week", "earlier this month"), by the entity
    recogniser's DATE/TIME labels.
    """
    out: set[int] = set()
    for i in sorted(keep):
        tok = doc[i]
        if tok.i in out:
            continue
        if tok.lower_ == "according" and tok.dep_ == "prep":
            out |= _phrase(doc, tok)
            continue
        if tok.dep_ not in ("prep", "npadvmod", "advmod", "tmod") or tok.head.pos_ not in ("VERB", "AUX"):
            continue
        inner = [t for t in tok.subtree if t.i != tok.i or tok.dep_ != "prep"]
        if inner and all(t.ent_type_ in TIME_ENTITIES or t.is_punct for t in inner):
            out |= _phrase(doc, tok)
    return out
