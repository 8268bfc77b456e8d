"""Dated events: expressions in an article's text that name a point in time.

spaCy's DATE entities find the candidates (plus a regex pass for explicit
month-name dates the small model misses); our own rules then decide what each
names. Every resolvable expression becomes an *interval* of days, and the ISO
value written is the finest of day / month / year that holds the whole
interval: "July 1" is a day, "late February" a month, "next week" a month only
when the week lies in one month. This keeps the output honest: we never print a
day we did not read.

Why our own rules and not dateparser: dateparser parses durations ("four
months") and vague phrases ("weeks") into confident dates, is slow per call and
knows nothing about tense. Rules here are cheap, deterministic and testable.

Relative and yearless expressions ("last month", "Tuesday", "On July 1") are
resolved against the article's date; when the article is undated they get
``date=None`` (kept as undated events, never guessed). Ambiguous years prefer
the past unless the clause is in the future tense ("will visit on Tuesday").
Durations and vague spans ("four months", "recent weeks", "the last 20
years") are skipped.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from spacy.tokens import Doc, Span, Token

from ..lexicon import table, words
from ..model import DatedEvent

from .doc_text import doc_text

MONTHS = {name: int(number) for name, number in table("months").items()}
WEEKDAYS = {calendar.day_name[i].lower(): i for i in range(7)}

# Prepositions kept in the expression ("On July 1", "since 2017").
LEADING_PREPOSITIONS = words("date_prepositions")
FUTURE_AUXILIARIES = words("future_auxiliaries")
FUTURE_VERBS = words("future_verbs")

_MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
_YEAR = r"(1[0-9]{3}|20[0-9]{2}|21[0-9]{2})"
_DAY = r"([0-3]?[0-9])(?:st|nd|rd|th)?"
_MODIFIER = (
    r"(?:(?:the\s+)?(?:very\s+)?(?:early|mid|late|end\s+of|beginning\s+of|start\s+of|middle\s+of"
    r"|first\s+half\s+of|second\s+half\s+of)[\s-]+)?"
)
# Full forms; each is matched against the whole (cleaned) expression.
_DMY = re.compile(rf"^{_MODIFIER}(?:the\s+)?{_DAY}(?:\s+of)?\s+({_MONTH_RE})\.?,?\s+{_YEAR}$", re.I)
_MDY = re.compile(rf"^{_MODIFIER}({_MONTH_RE})\.?\s+{_DAY},?\s+{_YEAR}$", re.I)
_MY = re.compile(rf"^{_MODIFIER}({_MONTH_RE})\.?,?\s+(?:of\s+)?{_YEAR}$", re.I)
_Y = re.compile(rf"^{_MODIFIER}(?:the\s+year\s+)?{_YEAR}$", re.I)
_MD = re.compile(rf"^{_MODIFIER}({_MONTH_RE})\.?\s+{_DAY}$", re.I)
_DM = re.compile(rf"^{_MODIFIER}(?:the\s+)?{_DAY}(?:\s+of)?\s+({_MONTH_RE})\.?$", re.I)
_M = re.compile(rf"^{_MODIFIER}(?:(last|this\s+past|this|next|this\s+coming)\s+)?({_MONTH_RE})\.?$", re.I)
_M_RELATIVE_YEAR = re.compile(rf"^{_MODIFIER}({_MONTH_RE})\.?\s+(?:of\s+)?(last|this|next)\s+year$", re.I)
_SEASON_YEAR = re.compile(rf"^{_MODIFIER}(?:the\s+)?(?:spring|summer|fall|autumn|winter)\s+(?:of\s+)?{_YEAR}$", re.I)
_ISO = re.compile(rf"^{_YEAR}-([01][0-9])-([0-3][0-9])$")
_NUMERIC = re.compile(rf"^([0-3]?[0-9])/([01]?[0-9])/{_YEAR}$")  # day first: unambiguous only if day > 12
_PART_OF_DAY = r"(?:\s+(?:morning|afternoon|evening|night))?"
_WEEKDAY = re.compile(
    r"^(?:(?:early|late|earlier|later)(?:\s+on)?\s+)?(?:(last|this|next|past|coming)\s+)?("
    + "|".join(WEEKDAYS) + r")" + _PART_OF_DAY + "$",
    re.I,
)
# "Tuesday, July 12" / "Tue 12 July 2022": the weekday adds nothing once a date follows.
_WEEKDAY_NAMES = sorted({*WEEKDAYS, *(d[:3] for d in WEEKDAYS)}, key=lambda name: (-len(name), name))
_WEEKDAY_PREFIX = re.compile(r"^(?:" + "|".join(_WEEKDAY_NAMES) + r")\.?,?\s+(?=\d|[a-z]{3})", re.I)
_RELATIVE_PERIOD = re.compile(
    r"^(?:(?:earlier|later|early|late)\s+(?:in\s+)?)?(?:(?:the\s+)?(?:end|beginning|start|middle)\s+of\s+)?"
    r"(this|last|next|the\s+coming|coming)\s+(week|weekend|month|year)$",
    re.I,
)
_WEEKEND = re.compile(r"^(?:over\s+)?the\s+weekend$", re.I)
_DAY_WORD = re.compile(
    r"^(?:(?:early|late|earlier|later)\s+)?"
    r"(yesterday|today|tomorrow|last\s+night|tonight|this\s+morning|this\s+afternoon|this\s+evening)"
    + _PART_OF_DAY
    + "$",
    re.I,
)
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
}
_AGO = re.compile(
    r"^(?:(just|only|some|about|around|almost|nearly|roughly|more\s+than|over|under|less\s+than|little\s+over)\s+)?"
    r"(\d+|" + "|".join(_NUMBER_WORDS) + r")(\s+and\s+a\s+half)?\s+(day|night|week|month|year)s?\s+ago$",
    re.I,
)
_RANGE = re.compile(r"\d{4}\s*(?:-|–|—|to|and|/)\s*\d{2,4}|\bbetween\b", re.I)
_HEDGE_PREFIX = re.compile(r"^(?:just|only|as\s+early\s+as|as\s+soon\s+as|as\s+late\s+as|back)\s+", re.I)
# Explicit month-name dates spaCy's small model sometimes leaves untagged.
_EXPLICIT_RE = re.compile(
    rf"\b(?:{_DAY}\s+(?:{_MONTH_RE})\.?(?:,?\s+{_YEAR})?"
    rf"|(?:{_MONTH_RE})\.?\s+{_DAY}(?:,?\s+{_YEAR})?\b"
    rf"|(?:{_MONTH_RE})\.?\s+{_YEAR})\b",
    re.I,
)


@dataclass(frozen=True)
class Interval:
    """A closed range of days; ``iso`` is the finest precision that covers it."""

    start: date
    end: date

    @property
    def iso(self) -> str | None:
        start, end = self.start, self.end
        if start == end:
            return start.isoformat()
        if start.year != end.year:
            return None
        if start.month == end.month:
            return f"{start.year:04d}-{start.month:02d}"
        return f"{start.year:04d}"


def extract_dates(doc: Doc, article_date: str | None) -> list[DatedEvent]:
    """One DatedEvent per expression naming a point in time, in text order.

    ``article_date`` (ISO ``YYYY-MM-DD``, anything longer is cut to that) is
    the base for relative and yearless expressions; without it those come back
    with ``date=None``.
    """
    base = _parse_base(article_date)
    spans = [ent for ent in doc.ents if ent.label_ in ("DATE", "TIME")]
    spans.extend(_explicit_spans(doc, spans))
    spans.sort(key=lambda s: (s.start_char, s.end_char))
    events: list[DatedEvent] = []
    for span in spans:
        event = _event_for(span, base)
        if event is not None:
            events.append(event)
    return events


def _parse_base(article_date: str | None) -> date | None:
    if not article_date:
        return None
    match = re.match(r"^(\d{4})-(\d{2})-(\d{2})", article_date.strip())
    if not match:
        return None
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


def _explicit_spans(doc: Doc, ents: list[Span]) -> list[Span]:
    """Month-name dates the NER missed; only where no DATE/TIME entity overlaps."""
    taken = [(e.start_char, e.end_char) for e in ents]
    found: list[Span] = []
    for match in _EXPLICIT_RE.finditer(doc_text(doc)):
        start, end = match.span()
        if any(start < b and a < end for a, b in taken):
            continue
        span = doc.char_span(start, end, label="DATE", alignment_mode="expand")
        if span is None:
            continue
        # "may" as a modal verb or "March" as a verb: require a capitalised month.
        if not any(t.text[:1].isupper() and t.text.lower().rstrip(".") in MONTHS for t in span):
            continue
        found.append(span)
        taken.append((span.start_char, span.end_char))
    return found


def _clean(text: str) -> str:
    """First line of the entity text, whitespace folded, edge punctuation and possessive trimmed."""
    text = text.strip().split("\n")[0]
    text = re.sub(r"\s+", " ", text).strip(" ,.;:()[]\"'‘’“”")
    return re.sub(r"['’]s$", "", text)


def _event_for(span: Span, base: date | None) -> DatedEvent | None:
    body = _clean(span.text)
    if not body:
        return None
    kind, interval = _resolve(body, span, base)
    if kind == "skip":
        return None
    expression = _with_preposition(span, body)
    sentence = _sentence_line(span)
    return DatedEvent(date=interval.iso if interval else None, expression=expression, text=sentence)


def _sentence_line(span: Span) -> str:
    """The sentence holding the span, cut at line breaks.

    Cleaned article text keeps one paragraph (or line) per block, and headlines
    or captions without a full stop would otherwise merge into the sentence.
    """
    sent = span.sent
    text = sent.text
    offset = span.start_char - sent.start_char
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset + len(span.text.rstrip()))
    return text[start : end if end != -1 else len(text)].strip()


def _with_preposition(span: Span, body: str) -> str:
    """Prefix the preposition that introduces the date ("On July 1", "since 2017")."""
    if span.start > 0:
        prev = span.doc[span.start - 1]
        if prev.text.lower() in LEADING_PREPOSITIONS and "\n" not in prev.whitespace_:
            return f"{prev.text} {body}"
    return body


def _resolve(text: str, span: Span, base: date | None) -> tuple[str, Interval | None]:
    """Classify an expression: ("skip", None) for non-points, else ("point", interval or None)."""
    text = _HEDGE_PREFIX.sub("", re.sub(r"^the\s+(?=\d)", "", text, flags=re.I)).strip()
    if _WEEKDAY_PREFIX.match(text) and not _WEEKDAY.match(text):
        text = _WEEKDAY_PREFIX.sub("", text)
    if _RANGE.search(text):
        return "skip", None
    if match := _ISO.match(text):
        return "point", _day(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    if match := _NUMERIC.match(text):
        day_, month_, year_ = int(match.group(1)), int(match.group(2)), int(match.group(3))
        return ("point", _day(year_, month_, day_)) if day_ > 12 else ("point", None)
    if match := _DMY.match(text):
        return "point", _day(int(match.group(3)), MONTHS[match.group(2).lower()], int(match.group(1)))
    if match := _MDY.match(text):
        return "point", _day(int(match.group(3)), MONTHS[match.group(1).lower()], int(match.group(2)))
    if match := _MY.match(text):
        return "point", _month(int(match.group(2)), MONTHS[match.group(1).lower()])
    if match := _Y.match(text) or _SEASON_YEAR.match(text):
        return "point", _year(int(match.group(1)))
    if match := _M_RELATIVE_YEAR.match(text):
        if base is None:
            return "point", None
        shift = {"last": -1, "this": 0, "next": 1}[match.group(2).lower()]
        return "point", _month(base.year + shift, MONTHS[match.group(1).lower()])
    future = _is_future(span)
    if match := _MD.match(text):
        return "point", _yearless(base, MONTHS[match.group(1).lower()], int(match.group(2)), future)
    if match := _DM.match(text):
        return "point", _yearless(base, MONTHS[match.group(2).lower()], int(match.group(1)), future)
    if match := _M.match(text):
        modifier = re.sub(r"\s+", " ", (match.group(1) or "").lower())
        return "point", _named_month(base, MONTHS[match.group(2).lower()], modifier, future)
    if match := _WEEKDAY.match(text):
        return "point", _weekday(base, WEEKDAYS[match.group(2).lower()], (match.group(1) or "").lower(), future)
    if match := _DAY_WORD.match(text):
        return "point", _day_word(base, match.group(1).lower())
    if match := _RELATIVE_PERIOD.match(text):
        return "point", _relative_period(base, match.group(1).lower(), match.group(2).lower())
    if _WEEKEND.match(text):
        return "point", _weekend(base, future)
    if match := _AGO.match(text):
        number, half, unit = match.group(2).lower(), bool(match.group(3)), match.group(4).lower()
        return "point", _ago(base, number, half, unit, approximate=bool(match.group(1)))
    # Durations, vague spans, seasons, times of day, "each year", "the 1990s"...
    return "skip", None


def _month_end(year_: int, month_: int) -> date:
    return date(year_, month_, calendar.monthrange(year_, month_)[1])


def _day(year_: int, month_: int, day_: int) -> Interval | None:
    try:
        d = date(year_, month_, day_)
    except ValueError:
        return None
    return Interval(d, d)


def _month(year_: int, month_: int) -> Interval:
    return Interval(date(year_, month_, 1), _month_end(year_, month_))


def _year(year_: int) -> Interval:
    return Interval(date(year_, 1, 1), date(year_, 12, 31))


def _named_month(base: date | None, month_: int, modifier: str, future: bool) -> Interval | None:
    """"November" follows the tense; "last August" is the one before the article's month."""
    if not modifier:
        return _yearless(base, month_, None, future)
    if base is None:
        return None
    this_month = date(base.year, base.month, 1)
    candidates = [_month(y, month_) for y in (base.year - 1, base.year, base.year + 1)]
    if modifier in ("last", "this past"):
        before = [c for c in candidates if c.start < this_month]
        return before[-1] if before else None
    if modifier in ("next", "this coming"):
        after = [c for c in candidates if c.start > this_month]
        return after[0] if after else None
    return _month(base.year, month_)  # "this March"


def _is_future(span: Span) -> bool:
    """Is the clause the date attaches to in the future tense ("will visit ... on Tuesday")?"""
    token: Token = span.root
    for _ in range(4):
        if token.pos_ in ("VERB", "AUX") or token.head is token:
            break
        token = token.head
    if _has_future_aux(token):
        return True
    # "will begin to train", "is set to meet", "plans to visit": an xcomp of a future-marking verb.
    head = token.head
    if token.dep_ == "xcomp" and head is not token:
        return _has_future_aux(head) or head.text.lower() in FUTURE_VERBS
    return False


def _has_future_aux(token: Token) -> bool:
    return any(c.dep_ in ("aux", "auxpass") and c.text.lower() in FUTURE_AUXILIARIES for c in token.children)


def _yearless(base: date | None, month_: int, day_: int | None, future: bool) -> Interval | None:
    """Pick the year for "July 1" / "November": latest one not after the article, or next if future."""
    if base is None:
        return None
    candidates: list[Interval] = []
    for year_ in (base.year - 1, base.year, base.year + 1):
        interval = _day(year_, month_, day_) if day_ is not None else _month(year_, month_)
        if interval is not None:
            candidates.append(interval)
    if not candidates:
        return None
    if future:
        ahead = [c for c in candidates if c.end >= base]
        return ahead[0] if ahead else None
    behind = [c for c in candidates if c.start <= base]
    return behind[-1] if behind else None


def _weekday(base: date | None, weekday: int, modifier: str, future: bool) -> Interval | None:
    """"Tuesday": the nearest one before the article (after it when future or "next")."""
    if base is None:
        return None
    if modifier in ("next", "coming") or (future and modifier not in ("last", "past")):
        d = base + timedelta(days=(weekday - base.weekday()) % 7 or 7)
    elif modifier == "this":
        d = base + timedelta(days=weekday - base.weekday())
    elif modifier in ("last", "past"):
        d = base - timedelta(days=(base.weekday() - weekday) % 7 or 7)
    else:
        # A bare "Monday" in a Monday article is that day ("said on Monday").
        d = base - timedelta(days=(base.weekday() - weekday) % 7)
    return Interval(d, d)


def _day_word(base: date | None, word: str) -> Interval | None:
    if base is None:
        return None
    word = re.sub(r"\s+", " ", word)
    offset = {"yesterday": -1, "last night": -1, "tomorrow": 1}.get(word, 0)
    d = base + timedelta(days=offset)
    return Interval(d, d)


def _relative_period(base: date | None, which: str, unit: str) -> Interval | None:
    """"last month", "this year", "next week": calendar periods around the article date."""
    if base is None:
        return None
    which = re.sub(r"^the\s+", "", which)
    step = {"this": 0, "last": -1, "next": 1, "coming": 1}[which]
    if unit == "year":
        y = base.year + step
        return Interval(date(y, 1, 1), date(y, 12, 31))
    if unit == "month":
        index = base.year * 12 + base.month - 1 + step
        return _month(index // 12, index % 12 + 1)
    if unit == "weekend":
        saturday = base + timedelta(days=5 - base.weekday() + 7 * step)
        if step == 0 and which == "this" and base.weekday() == 6:
            saturday = base - timedelta(days=1)
        return Interval(saturday, saturday + timedelta(days=1))
    monday = base - timedelta(days=base.weekday()) + timedelta(days=7 * step)
    return Interval(monday, monday + timedelta(days=6))


def _weekend(base: date | None, future: bool) -> Interval | None:
    """"over the weekend": the last one before the article (the next one when future)."""
    if base is None:
        return None
    if future:
        saturday = base + timedelta(days=(5 - base.weekday()) % 7)
    else:
        saturday = base - timedelta(days=(base.weekday() - 5) % 7 or 7)
        if base.weekday() == 6:
            saturday = base - timedelta(days=1)
    return Interval(saturday, saturday + timedelta(days=1))


def _ago(base: date | None, number: str, half: bool, unit: str, *, approximate: bool) -> Interval | None:
    """"two weeks ago" is a day, "four months ago" a month, "three years ago" a year.

    A hedged count ("about two weeks ago") is only trusted to the month.
    """
    if base is None:
        return None
    n = int(number) if number.isdigit() else _NUMBER_WORDS[number]
    if unit in ("day", "night", "week"):
        days = n * (7 if unit == "week" else 1) + ((3 if unit == "week" else 0) if half else 0)
        d = base - timedelta(days=days)
        return _month(d.year, d.month) if approximate else Interval(d, d)
    months = n * (12 if unit == "year" else 1) + ((6 if unit == "year" else 0) if half else 0)
    index = base.year * 12 + base.month - 1 - months
    year_, month_ = index // 12, index % 12 + 1
    d = date(year_, month_, min(base.day, calendar.monthrange(year_, month_)[1]))
    if unit == "month" and half:
        d -= timedelta(days=15)
    return _month(d.year, d.month) if unit == "month" else _year(d.year)
