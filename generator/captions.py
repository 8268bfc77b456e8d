"""Photo captions, picture credits, datelines and teaser labels: one definition for every stage.

Ingest removes this furniture from the text; analysis must still recognise what
slips through (a caption paragraph gives no entities and no quotes). Both used
to keep their own copy of "what a credit looks like" and the copies drifted
apart; the patterns live here and the words they test against live in
``generator/lexicon/data`` (``news_agencies``, ``picture_agencies``,
``furniture_openers``, ``recipe_units``).
"""

from __future__ import annotations

import re

from .lexicon import ordered
from .lexicon.gazetteer import lookup_place


def _alternation(name: str) -> str:
    """A regex alternation of a word list, longest entries first so none shadows a longer one."""
    entries = sorted(ordered(name), key=lambda entry: (-len(entry), entry))
    return "|".join(re.escape(entry).replace(r"\ ", r"\s+") for entry in entries)


#: A news agency, optionally led by "the" ("The Associated Press", "AFP"); use case-insensitively.
AGENCY = r"(?:the\s+)?(?:" + _alternation("news_agencies") + r")"
#: A picture desk named only in captions ("Getty Images", "AP Photo"); use case-insensitively.
PICTURE_AGENCY = r"\b(?:" + _alternation("picture_agencies") + r")\b"

_CAP_WORD = r"[A-Z][\w'’.&-]*"
#: "Adrian Wyld", "Kerry Brown": a photographer's name, two to four capitalised words.
_PHOTOGRAPHER = _CAP_WORD + r"(?:\s+" + _CAP_WORD + r"){1,3}"
#: "CP", "The Canadian Press", "Toronto Star": who the photographer works for.
_EMPLOYER = r"(?:The\s+)?" + _CAP_WORD + r"(?:\s+" + _CAP_WORD + r"){0,3}"

#: "( Kerry Brown / AP )", "(Adrian Wyld/Canadian Press)": a photo credit in brackets.
BRACKET_CREDIT = re.compile(r"\(\s*" + _PHOTOGRAPHER + r"\s*/\s*" + _EMPLOYER + r"\s*\)")
#: "Adrian Wyld/CP Foreign Affairs Minister…": a caption that opens with its photo credit.
CREDIT_OPENER = re.compile(r"^\W*" + _PHOTOGRAPHER + r"\s*/\s*(?:The\s+)?[A-Z]")
_AGENCY_OPENER = re.compile(r"^\W*(?:The\s+)?(?i:" + _alternation("news_agencies") + r")\b")
_TWO_NAMES = re.compile(r"\s+[A-Z][\w'’.-]*\s+[A-Z]")


def opens_with_credit(text: str) -> bool:
    """A caption that opens with its credit: "Adrian Wyld/CP Foreign Affairs Minister…", or
    the agency alone when the photographer's name was lost ("The Canadian Press Paul Carver,
    chief Crown attorney, talks…"). Two capitalised words must follow the agency's whole
    name, so "The Associated Press Stylebook says…" and "Xinhua News Agency said…" stay prose.
    """
    if CREDIT_OPENER.match(text):
        return True
    agency = _AGENCY_OPENER.match(text)  # the first (longest) agency name that fits, never a shorter one
    return agency is not None and _TWO_NAMES.match(text, agency.end()) is not None


#: Any photo credit or caption marker inside a paragraph (what analysis must not read names from).
PHOTO_CREDIT = re.compile(
    r"(?:^|\()\s*" + _PHOTOGRAPHER + r"\s*/\s*(?:The\s+)?[A-Z]"
    r"|\b[A-Z][a-z]+ [A-Z][\w'’-]+ ?/ ?(?:The )?[A-Z]"
    r"|(?i:" + PICTURE_AGENCY + r"|\bfile photo\b|\bphoto(?:graph)?:|\(photo\b)"
)
#: Teaser labels in capitals ("READ MORE: ", "WATCH: "): the line is a link, never reporting.
LABEL_LINE = re.compile(r"^\s*[A-Z][A-Z0-9 &'’-]{2,}:\s")

_OPENERS = tuple(ordered("furniture_openers"))


def opens_like_furniture(text: str) -> bool:
    """True when a paragraph opens like a caption, credit or teaser ("Photo:", "With files from")."""
    return text.lstrip().lower().startswith(_OPENERS)


def is_caption_or_credit(text: str) -> bool:
    """True for a paragraph that is (or carries) a photo caption or credit line.

    A slash between two places is prose, not a credit: "the New York/Toronto
    Project" names no photographer (a photographer is a person, not a city).
    """
    return opens_like_furniture(text) or any(not _places_pair(m.group()) for m in PHOTO_CREDIT.finditer(text))


def _places_pair(credit: str) -> bool:
    """"New York/Toronto": the words before the slash are a known place."""
    before = credit.lstrip("( ").split("/", 1)[0].strip()
    return lookup_place(before) is not None


def is_credited_caption(text: str) -> bool:
    """The stricter test, for a paragraph whose words still count (quotes): it opens like
    furniture or with a photographer's credit, or carries a bracketed photo credit."""
    return opens_like_furniture(text) or opens_with_credit(text) or BRACKET_CREDIT.search(text) is not None


#: An upper-case place name, then optionally its region or country: "BARRON, Wis.",
#: "KUALA LUMPUR, Malaysia", "TROUT BROOK, N.B.", "WASHINGTON (AP)".
_PLACE = r"[A-Z][A-Z'’.-]+(?:[ -][A-Z][A-Z'’.-]*){0,3}"
_REGION = r"(?:,\s*[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2}){1,2}\.?"
_WIRE = r"(?:\s*\((?i:" + AGENCY + r")\))?"
_DASH = r"\s*(?:—|–|--|-)"
#: A dateline opening a paragraph, up to and including its dash: "BARRON, Wis. -- ".
DATELINE_OPENER = re.compile(r"^\s*" + _PLACE + r"(?:" + _REGION + r")?" + _WIRE + _DASH + r"\s*(?=[\"“‘']?[A-Z0-9])")
#: A dateline alone on a line: "TROUT BROOK, N.B", "KUALA LUMPUR, Malaysia —". It needs its
#: region: a bare capitalised line is a subheading ("WHAT HAPPENED") or a name ("NICK TAYLOR --").
DATELINE_LINE = re.compile(r"\s*" + _PLACE + _REGION + _WIRE + r"(?:" + _DASH + r")?\s*")


#: A wire tag opening a story on its own, without a place: "(CNN) ", "(Reuters) - ". One to
#: three capitalised words in brackets, then a capitalised sentence.
WIRE_TAG_OPENER = re.compile(
    r"^\s*\((?:[A-Z][A-Za-z.&]*)(?:\s+[A-Z][A-Za-z.&]*){0,2}\)(?:" + _DASH + r")?\s+(?=[\"“‘']?[A-Z0-9])"
)


def dateline_opener(line: str) -> int:
    """Length of the dateline opening ``line`` ("BARRON, Wis. -- ", "(CNN) "), or 0 when it has none.

    The place must be in capitals (as wire datelines are), at least three letters
    long, and be followed by a dash and a capitalised sentence, so an ordinary
    sentence never matches. A wire tag in brackets may stand alone ("(CNN) The…").
    Callers look only at a story's first lines, and only when one of them has it.
    """
    tag = WIRE_TAG_OPENER.match(line)
    if tag is not None and tag.end() < len(line):
        return tag.end()
    match = DATELINE_OPENER.match(line)
    if match is None or not re.match(r"\s*[A-Z'’.-]*[A-Z]{3}", match.group()):
        return 0
    # "US - China talks", "NATO - Russia": a bare capitalised word before a hyphen is a
    # headline's shorthand; a dateline then needs its region, wire tag or a long dash.
    if not re.search(r"[,(]|—|–|--", match.group()):
        return 0
    return match.end()


def is_dateline_line(line: str) -> bool:
    """True for a line that is only a dateline ("TROUT BROOK, N.B")."""
    text = line.strip()
    return bool(text) and DATELINE_LINE.fullmatch(text) is not None and re.match(r"[A-Z'’.-]*[A-Z]{3}", text) is not None


_UNIT = r"(?:" + _alternation("recipe_units") + r")"
_QUANTITY = re.compile(
    r"(?<![\w/.])\d+(?:[/.]\d+)?(?:\s+\d/\d)?(?:\s*(?:to|-|–)\s*\d+(?:/\d+)?)?\s*(?:\(\s*\d+\s*\w{1,3}\s*\)\s*)?" + _UNIT + r"\b",
    re.IGNORECASE,
)
#: Quantities ("1/4 cup", "1 tsp (5 ml)") needed, close together, to call a run an ingredient list.
RECIPE_MIN_QUANTITIES = 4
#: Most characters between two quantities of one ingredient list.
RECIPE_GAP = 160
_SENTENCE_BREAK = re.compile(r"[.!?…][\"”’)]*\s+")


def recipe_start(line: str) -> int | None:
    """Where a recipe's ingredient list starts in ``line``, or None when it has none.

    An ingredient list is a run of at least ``RECIPE_MIN_QUANTITIES`` quantities
    with kitchen units ("1/4 cup (60 ml) …", "1 tsp …"), each within
    ``RECIPE_GAP`` characters of the next. It starts at the sentence break before
    its first quantity ("For the meatballs 1 large egg 1/4 cup…"); a recipe runs
    to the end of its paragraph (ingredients, then method), so the caller cuts there.
    """
    found = [m.start() for m in _QUANTITY.finditer(line)]
    for first in range(len(found) - RECIPE_MIN_QUANTITIES + 1):
        window = found[first : first + RECIPE_MIN_QUANTITIES]
        if all(b - a <= RECIPE_GAP for a, b in zip(window, window[1:])):
            breaks = [m.end() for m in _SENTENCE_BREAK.finditer(line, 0, window[0])]
            return breaks[-1] if breaks else 0
    return None


#: Most words of text led into a bracketed credit that still count as its caption.
CAPTION_MAX_WORDS = 60


def credited_captions(line: str) -> list[tuple[int, int]]:
    """Character ranges of captions that end in a bracketed credit ("… scene. ( Kerry Brown / AP )").

    A caption runs from the previous credit (or the line's start) to its credit.
    Past ``CAPTION_MAX_WORDS`` only the sentence before the credit is taken: a
    caption glued to a paragraph of prose takes none of the prose with it.
    """
    ranges = []
    start = 0
    for match in BRACKET_CREDIT.finditer(line):
        begin = start
        if len(line[begin : match.start()].split()) > CAPTION_MAX_WORDS:
            inner = line[begin : match.start()].rstrip()
            breaks = [m.end() for m in _SENTENCE_BREAK.finditer(inner)]
            begin += breaks[-1] if breaks else 0
            if len(line[begin : match.start()].split()) > CAPTION_MAX_WORDS:
                begin = match.start()
        ranges.append((begin, match.end()))
        start = match.end()
    return ranges
