"""Recognise a line that is *only* a publication date, and normalise it to ISO.

Only whole-line dates count, so a body sentence that mentions a date is never
mistaken for a header. Every candidate is validated as a real calendar date
(``20220231`` is not a date). Slash dates are accepted only when unambiguous.
"""

from __future__ import annotations

import datetime as dt
import re

from generator.lexicon import table

MONTHS = {name: int(number) for name, number in table("months").items()}

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
_PREFIX = r"(?:(?:published|updated|posted|date|dated|last updated|first published)(?:\s+on)?\s*:?\s*)?"
_TIME = (
    r"(?:\s*(?:[,|•·–—-]|at|T)?\s*\d{1,2}[:.h]\d{2}(?:[:.]\d{2}(?:\.\d+)?)?\s*"
    r"(?:[ap]\.?m\.?)?\s*(?:Z|[A-Z]{2,5}|(?:UTC|GMT)?\s*[+-]\d{1,2}(?::?\d{2})?)?)?"
)
_ORD = r"(?:st|nd|rd|th)?"

_PATTERNS = [
    re.compile(p, re.IGNORECASE)
    for p in (
        r"(?P<year>\d{4})(?P<num_month>\d{2})(?P<day>\d{2})",
        r"(?P<year>\d{4})-(?P<num_month>\d{1,2})-(?P<day>\d{1,2})" + _TIME,
        r"(?P<year>\d{4})[/.](?P<num_month>\d{1,2})[/.](?P<day>\d{1,2})" + _TIME,
        _WEEKDAY + r"(?P<day>\d{1,2})" + _ORD + r"\s+(?:of\s+)?" + _MONTH + r",?\s+(?P<year>\d{4})" + _TIME,
        _WEEKDAY + _MONTH + r"\s+(?P<day>\d{1,2})" + _ORD + r",?\s+(?P<year>\d{4})" + _TIME,
        r"(?P<day>\d{1,2})\.(?P<num_month>\d{1,2})\.(?P<year>\d{4})" + _TIME,
        r"(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<year>\d{4})" + _TIME,
    )
]

#: Years accepted as publication dates; keeps ids and phone numbers out.
YEAR_RANGE = (1800, 2200)


def _valid(year: int, month: int, day: int) -> str | None:
    if not YEAR_RANGE[0] <= year <= YEAR_RANGE[1]:
        return None
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def parse_date_line(line: str) -> str | None:
    """ISO ``YYYY-MM-DD`` when the whole line is a date, else None.

    Accepts ``20220404``, ``2022-04-04`` (optionally with a time), ``2022/04/04``,
    ``4 April 2022``, ``4th of Apr 2022``, ``April 4, 2022``, ``Monday, April 4 2022``,
    ``04.04.2022`` (day first), unambiguous ``31/03/2022`` or ``03/31/2022``, and a
    ``Published:``/``Updated:`` prefix.
    """
    text = line.strip().strip("()[]")
    if not text or len(text) > 80:
        return None
    body = re.sub(r"^" + _PREFIX, "", text, flags=re.IGNORECASE).strip()
    for pattern in _PATTERNS:
        match = pattern.fullmatch(body)
        if not match:
            continue
        groups = match.groupdict()
        year = int(groups["year"])
        if groups.get("a"):
            first, second = int(groups["a"]), int(groups["b"])
            if first > 12 and second <= 12:
                return _valid(year, second, first)
            if second > 12 and first <= 12:
                return _valid(year, first, second)
            return None  # 03/04/2022: day-first or month-first cannot be told apart
        if groups.get("month"):
            month = MONTHS[groups["month"].lower().rstrip(".")]
        else:
            month = int(groups["num_month"])
        return _valid(year, month, int(groups["day"]))
    return None


def coerce_date(value: object) -> str | None:
    """ISO date from a front-matter value (a YAML date, datetime or string)."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int):
        return parse_date_line(str(value))
    if isinstance(value, str):
        return parse_date_line(value)
    return None
