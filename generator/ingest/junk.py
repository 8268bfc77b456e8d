"""Web junk removal: general, named rules for text that is not part of the article.

Seeds are usually copied from web pages, so they carry page furniture: share
buttons, comment forms, "READ MORE:" teasers, related-story lists, author
bios, agency tags, photo captions, adverts. Every rule below is a *named,
documented pattern* about the shape of such furniture, never a list of any
particular article's lines. Removed lines are returned (with the rule name)
so the caller can keep them in ``Article.removed``: nothing is lost silently.

Three kinds of rule:

* ``LINE_RULES`` judge one line on its own (whole-line patterns, or a marker
  anywhere in an open-ended line for captions).
* ``SECTION_RULES`` match a section header ("Related articles", "More
  Stories") and remove the teaser list that follows it.
* Context rules: a byline only near the top, an author bio only in the lower
  half, and a caption's open-ended neighbour (captions come in runs).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Literal

from ..captions import (
    AGENCY,
    PICTURE_AGENCY,
    credited_captions,
    dateline_opener,
    is_dateline_line,
    opens_with_credit,
    recipe_start,
)
from ..lexicon import words
from .dates import parse_date_line
from .textutil import ends_sentence, ends_with_ellipsis, is_open_ended, word_count

I = re.IGNORECASE

_SOCIAL_NAMES = words("social_networks")
_SHARE_VERBS = words("share_verbs")
_SHARE_FILLER = words("share_filler")
_TOKEN_SEPARATORS = re.compile(r"[\s|•·,/:!.()\[\]]+")
_COUNT = re.compile(r"\d+k?")


def _button_tokens(line: str) -> list[str]:
    return [token for token in _TOKEN_SEPARATORS.split(line.lower()) if token]


def is_share_prompt(line: str) -> bool:
    """Share/print/e-mail buttons as text: every word is a share verb, a network, a count or filler.

    Written as a word test rather than one regex: a repeated-alternative
    pattern over words like "share email print" backtracks exponentially.
    """
    tokens = _button_tokens(line)
    if not tokens or not any(token in _SHARE_VERBS for token in tokens):
        return False
    if tokens[0] not in _SHARE_VERBS and tokens[0] != "click" and not _COUNT.fullmatch(tokens[0]):
        return False
    allowed = _SHARE_VERBS | _SOCIAL_NAMES | _SHARE_FILLER
    return all(token in allowed or _COUNT.fullmatch(token) for token in tokens)


def is_social_buttons(line: str) -> bool:
    """A row of two or more social network names: 'Facebook Twitter WhatsApp Email'."""
    tokens = _button_tokens(line)
    return len(tokens) >= 2 and all(token in _SOCIAL_NAMES for token in tokens)


_PARTICLES = "|".join(sorted(words("name_particles"), key=lambda p: (-len(p), p)))
_NAME = r"[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|" + _PARTICLES + r"))*"
@dataclass(frozen=True)
class LineRule:
    """One kind of junk line.

    ``pattern`` must match the whole (stripped) line unless ``anywhere`` is
    set, in which case it may match inside it. ``open_ended_only`` limits the
    rule to lines without closing punctuation (captions are written that way;
    body sentences are not). ``kind`` groups rules: caption rules also make an
    open-ended neighbour suspect.
    """

    name: str
    description: str
    pattern: re.Pattern[str] | None
    max_words: int = 40
    anywhere: bool = False
    open_ended_only: bool = False
    kind: Literal["junk", "caption"] = "junk"
    predicate: Callable[[str], bool] | None = None

    def matches(self, line: str, words: int | None = None) -> bool:
        """``words`` is the line's word count when the caller already has it."""
        text = line.strip()
        if not text or (word_count(text) if words is None else words) > self.max_words:
            return False
        if self.open_ended_only and not is_open_ended(text):
            return False
        if self.predicate is not None:
            return self.predicate(text)
        assert self.pattern is not None
        if self.anywhere:
            return self.pattern.search(text) is not None
        return self.pattern.fullmatch(text) is not None


LINE_RULES: tuple[LineRule, ...] = (
    LineRule(
        "share_prompt",
        "Share/print/email buttons as text: 'Share post:', 'Share this article', "
        "'Click to share on X (Opens in new window)', '1.2k shares'.",
        None,
        max_words=25,
        predicate=is_share_prompt,
    ),
    LineRule(
        "social_buttons",
        "A row of two or more social network names: 'Facebook Twitter WhatsApp Email'.",
        None,
        max_words=15,
        predicate=is_social_buttons,
    ),
    LineRule(
        "comment_form",
        "Comment form labels and prompts: 'Please enter your comment!', 'Leave a reply', "
        "'Your email address will not be published.', '12 comments'.",
        re.compile(
            r"(?:please enter (?:your|a valid) (?:comment|name|e-?mail(?: address)?|website)(?: here)?|"
            r"you have entered an incorrect e-?mail address|leave a (?:reply|comment|response)(?: cancel reply)?|"
            r"cancel reply|(?:post|add|write|submit) (?:a |your )?comment|(?:no|\d+) comments?(?: \(\d+\))?|"
            r"comments?(?: \(\d+\))?|join the (?:conversation|discussion)|be the first to comment|comments are closed|"
            r"save my name, e-?mail,? and website in this browser for the next time i comment|"
            r"your e-?mail address will not be published(?:\. required fields are marked \*)?|"
            r"required fields are marked \*|log ?in to (?:comment|reply)|(?:view|show|hide|load|read) (?:all )?"
            r"(?:\d+ )?comments?(?: \(\d+\))?|reply|report (?:this )?comment|notify me of (?:new|follow-up) .{1,60})"
            r"\s*[.!:]*",
            I,
        ),
        max_words=25,
    ),
    LineRule(
        "teaser_prefix",
        "Links to other stories led by a label and a colon: 'READ MORE: ...', 'RELATED: ...', "
        "'MORE: ...', 'WATCH: ...', 'SEE ALSO: ...'.",
        re.compile(
            r"(?:read more|read also|also read|read next|read|related(?: (?:story|stories|article|articles|content|"
            r"coverage|link|links|video|reading))?|more(?: on this(?: story| topic)?)?|see also|recommended|"
            r"don'?t miss|do not miss|must read|watch(?: below| now| more| live| here)?|look|listen|"
            r"in pictures|in photos|video|pictured)\s*(?::|>>|»|›|\|)\s*\S.*",
            I,
        ),
        max_words=35,
    ),
    LineRule(
        "read_more_link",
        "Bare link labels: 'Read more', 'Continue reading', 'Click here to read the full story'.",
        re.compile(
            r"(?:(?:read|see|watch|view|find out|learn) more(?: here| below| about this)?|continue reading|"
            r"keep reading|read the (?:full|whole|original) (?:story|article|report)(?: here)?|"
            r"click here(?: to [\w ]{1,40})?)\s*[.!:»>…]*",
            I,
        ),
        max_words=10,
    ),
    LineRule(
        "bracket_tag_teaser",
        "Teaser headlines ending in an upper-case bracket tag: '... [LATEST]', '[COMMENTS]', "
        "'[REPORT]', '[VIDEO]', '[PICTURES]'.",
        re.compile(r".*\S\s*\[[A-Z][A-Z0-9 &'’/-]{1,24}\]"),
        max_words=30,
    ),
    LineRule(
        "agency_tag",
        "A news agency (or similar short credit) alone on a line: '(SDA)', '(AFP)', '(Reuters)', "
        "'(dpa/AFP)', '— Reuters'.",
        re.compile(
            r"\(\s*[A-Za-z][\w.&'’-]{0,24}(?: [A-Za-z][\w.&'’-]{0,24})?"
            r"(?:\s*[/,;+&]\s*[A-Za-z][\w.&'’-]{0,24}){0,3}\s*\)|[-–—]+\s*" + AGENCY,
            I,
        ),
        max_words=5,
    ),
    LineRule(
        "wire_credit",
        "Reporter credits: 'Jane Doe, The Associated Press', 'Reporting by X; Editing by Y', "
        "'With files from The Canadian Press'.",
        re.compile(
            r"(?i:by\s+)?" + _NAME + r"(?:\s*(?:,|and|&)\s*" + _NAME + r"){0,3}\s*(?:,|/|\||–|—|-)\s*(?i:" + AGENCY + r")\.?"
            r"|(?i:[-–—]*\s*with (?:files|reporting|additional reporting) (?:from|by) .{1,100})"
            r"|(?i:(?:additional |extra )?(?:reporting|writing|editing|research|compiled|produced|translat(?:ed|ion)|graphics)"
            r" by [^.;]{1,120}(?:[.;]\s*(?:additional |extra )?(?:reporting|writing|editing|research|compiled|produced|"
            r"translat(?:ed|ion)|graphics) by [^.;]{1,120})*\.?)"
        ),
        max_words=30,
    ),
    LineRule(
        "staff_credit",
        "A name followed by a newsroom role, alone on a line: 'Jane Doe, Power Play producer', "
        "'John Smith, senior correspondent'.",
        re.compile(
            _NAME + r",\s+(?:[\w'’-]+\s+){0,4}(?i:producer|reporter|correspondent|editor|writer|journalist|"
            r"columnist|contributor|photographer|photojournalist|staff|bureau chief|host|anchor|presenter)s?"
        ),
        max_words=10,
    ),
    LineRule(
        "caption_marker",
        "Photo captions with an explicit marker: '(file image)', '(file photo)', '(Image: ...)', "
        "'(Photo by ...)', or a line opening with 'Photo:', 'Credit:', 'Image source,', "
        "'Open this photo in gallery'.",
        re.compile(
            r"\((?:file|stock|archive|library|handout|pool)\s+(?:image|photo|picture|pic|photograph|footage|shot)s?\)"
            r"|\((?:image|photo|picture|pic|photograph|credit|photo credit|image credit|video|pictures|source)s?\s*:[^)]{1,100}\)"
            r"|\(\s*(?:photo|image|picture|pic|photograph)s?\s+(?:by|courtesy(?: of)?|credit)\b[^)]{0,100}\)"
            r"|^(?:photo|image|picture|pic|photograph|credit|photo credit|image credit|image source|image caption|"
            r"media caption|caption|file photo|file image|illustration)s?\s*[:,]\s*\S"
            r"|^(?:open this photo in gallery|view image in full ?screen|enlarge this image|toggle caption|hide caption|"
            r"expand image|image \d+ of \d+|\d+ of \d+ (?:photos|images))\b"
            r"|\bphoto by .{1,60} on (?:unsplash|pexels|pixabay)\b",
            I,
        ),
        max_words=80,
        anywhere=True,
        kind="caption",
    ),
    LineRule(
        "caption_credit",
        "Open-ended lines ending in a photographer/agency credit '(Name/Agency)' or naming a "
        "picture agency ('Getty Images', 'AP Photo', 'Shutterstock').",
        re.compile(
            r"\(\s*[A-Z][\w.'’ -]{1,40}\s*/\s*[A-Z][\w.'’ &/-]{1,40}\)\s*$|(?i:" + PICTURE_AGENCY + ")"
        ),
        max_words=80,
        anywhere=True,
        open_ended_only=True,
        kind="caption",
    ),
    LineRule(
        "caption_credit_opener",
        "Captions that open with the photographer's credit: 'Adrian Wyld/CP Foreign Affairs Minister "
        "Chrystia Freeland participates…', 'Adrian Wyld / The Canadian Press Andrew Scheer follows…'.",
        None,
        max_words=80,
        kind="caption",
        predicate=opens_with_credit,
    ),
    LineRule(
        "widget_prompt",
        "Prompts to touch a picture or widget: 'Tap the image above to read…', 'Click on the map to "
        "see…', 'Swipe through the gallery'.",
        re.compile(
            r"(?:tap|click|swipe|touch|press|hover)(?:\s+(?:on|over|through|to))?\s+(?:the|this|each|any|an?)\s+"
            r"(?:[\w-]+\s+){0,2}(?:images?|photos?|pictures?|graphics?|maps?|gallery|galler(?:y|ies)|videos?|"
            r"charts?|icons?|buttons?|arrows?|slide ?shows?|thumbnails?|links?)\b.*",
            I,
        ),
        max_words=60,
    ),
    LineRule(
        "column_note",
        "Editors' notes about where a piece runs, in brackets or led by 'Note:': '(Note: This column "
        "appears in the February 2019 issue of Golfweek.)', 'Editor's note: This story was updated…'.",
        re.compile(
            r"\(\s*(?:editor'?s'?\s+|ed\.\s+)?note\s*:[^()]{1,300}\)\.?"
            r"|(?:editor'?s'?\s+|ed\.\s+)?note\s*:\s*this (?:column|article|story|piece|review|essay|report|"
            r"interview|feature|post|letter|version)\b.{0,300}",
            I,
        ),
        max_words=60,
    ),
    LineRule(
        "dateline",
        "A wire dateline alone on a line: 'TROUT BROOK, N.B', 'KUALA LUMPUR, Malaysia', 'LONDON —'. "
        "(Datelines opening a paragraph are cut off it: see ``cut_furniture``.)",
        None,
        max_words=8,
        predicate=is_dateline_line,
    ),
    LineRule(
        "caption_position",
        "Open-ended lines that point into a picture: '(pictured Monday)', '(left)', '(centre)', "
        "', right,', 'such as this one', 'seen here', 'in this photo'. Body sentences end "
        "with punctuation; captions do not.",
        re.compile(
            r"\((?:pictured|pictures?|photographed|seen|shown|inset|left|right|centre|center|middle|above|below|top|"
            r"bottom|front|back|far left|far right|second (?:left|right|from (?:left|right)))\b[^)]{0,40}\)"
            r"|,\s*(?:left|right|centre|center|far left|far right|second (?:left|right|from (?:left|right))|top|bottom|"
            r"above|below)\s*,"
            r"|\bsuch as (?:this|these|those|the one)\b"
            r"|\b(?:seen|shown|pictured) (?:here|above|below|left|right|top|bottom)\b"
            r"|\bin (?:this|the) (?:photo|image|picture|file photo|handout photo|handout picture|video grab|still image|"
            r"screenshot|screen grab)\b"
            r"|\b(?:this|the) (?:photo|image|picture|handout photo|video still|screenshot|screen grab) "
            r"(?:shows|showing|taken|released|provided|obtained|dated)\b",
            I,
        ),
        max_words=80,
        anywhere=True,
        open_ended_only=True,
        kind="caption",
    ),
    LineRule(
        "video_duration",
        "Video blurbs: a sentence followed by a running time, 'Officials outline the plan. 2:22'.",
        re.compile(r".*[.!?\"”’]\s+\d{1,2}:\d{2}"),
        max_words=80,
        kind="caption",
    ),
    LineRule(
        "advert",
        "Advert slots and their labels: 'Advertisement', 'Story continues below advertisement', "
        "'Sponsored content', 'Scroll down for video', 'Loading...'.",
        re.compile(
            r"\(?(?:advertisement|advertisment|advert|ad|ads by \w+|sponsored(?: (?:content|post|links?|stories|by .{1,40}))?|"
            r"paid (?:content|post|partnership)|promoted(?: (?:content|stories|links?))?|"
            r"(?:the )?(?:story|article|text|report) continues? (?:below|after|under)(?: (?:this|the|an?))?"
            r"(?: (?:advertisement|advert|ad|graphic|video|image|photo|gallery))?|(?:article|story) continued below|"
            r"continue reading (?:below|the main story)|scroll (?:down )?(?:to continue(?: reading)?|for (?:more|video|"
            r"next article))|skip (?:ad|advert|advertisement)|loading(?:\.\.\.|…)?|remove ads?|close ad|"
            r"report (?:this )?ad)\s*[.!]?\)?",
            I,
        ),
        max_words=12,
    ),
    LineRule(
        "newsletter_prompt",
        "Newsletter, follow and app prompts: 'Sign up to our free newsletter', 'Follow us on Twitter', "
        "'Download our app'.",
        re.compile(
            r"(?:sign up|subscribe|register|join|get)\b.{0,150}\b(?:newsletters?|inbox|e-?mail updates|alerts|bulletins?)\b.{0,150}"
            r"|(?:subscribe|sign up|sign in|log ?in|register)(?: (?:now|today|here|for free))?\s*[.!]?"
            r"|(?:follow|like) us(?: on .{1,60})?|follow (?:\w+ ){0,3}on (?:twitter|facebook|instagram|x|tiktok|linkedin|threads|bluesky)\b.{0,60}"
            r"|(?:download|get) (?:our|the) (?:free )?(?:\w+ )?app\b.{0,80}",
            I,
        ),
        max_words=35,
    ),
    LineRule(
        "cookie_notice",
        "Cookie and consent banners: 'We use cookies ...', 'Accept all cookies'.",
        re.compile(
            r"(?:we use cookies|this (?:site|website) uses cookies|by (?:using|continuing to use) (?:this|our) "
            r"(?:site|website))\b.*|(?:accept|reject|manage) (?:all )?cookies?(?: settings)?",
            I,
        ),
        max_words=60,
    ),
    LineRule(
        "copyright",
        "Copyright footers: '© 2022 Example Ltd', 'Copyright 2022 The Associated Press. All rights reserved.'",
        re.compile(
            r"(?:©|\(c\)|copyright\s*(?:©|\(c\)|\d{4}))\s*.{0,300}|all rights reserved\.?"
            r"|this (?:material|article|content) may not be (?:published|reproduced|broadcast)\b.*",
            I,
        ),
        max_words=60,
    ),
    LineRule(
        "tags_line",
        "Taxonomy footers: 'Tags: Russia, Ukraine', 'Topics: ...', 'Filed under: ...', 'Posted in ...'.",
        re.compile(r"(?:tags?|topics?|filed under|categories|category|posted in|keywords|related topics)\s*:\s*.{1,300}", I),
        max_words=40,
    ),
    LineRule(
        "syndication_footer",
        "Feed and syndication footers: 'The post X appeared first on Y.', "
        "'This article was originally published on Z.'",
        re.compile(
            r"the post .{1,300} appeared first on .{1,120}"
            r"|this (?:article|story|post|piece) (?:was|is|has been) (?:originally |first )?(?:published|republished|"
            r"reprinted|syndicated) (?:on|by|in|at|from|under|with) .{1,200}",
            I,
        ),
        max_words=50,
    ),
    LineRule(
        "separator",
        "Decorative separators: lines of only punctuation or symbols ('***', '---', '• • •').",
        re.compile(r"[^\w\s]+(?:\s+[^\w\s]+)*"),
        max_words=20,
    ),
)

# Whole-line metadata that is not prose: handled as a rule so it is recorded.
_DATE_ONLY_RULE = "date_only"
_URL_ONLY = re.compile(r"<?https?://\S+>?", I)

#: Words that make a fragment a clause; an author-bio fragment has none.
_CLAUSE_WORDS = words("clause_words")


def is_author_bio(line: str) -> bool:
    """A run of short self-descriptive fragments: “Zombie advocate. Entrepreneur. Travel buff.”

    Content-farm author boxes are strings of 3+ noun-phrase fragments of at
    most five words each, with no pronoun or verb of a real sentence.
    """
    text = line.strip().strip("\"“”'‘’«» ")
    fragments = [f for f in re.split(r"(?<=[.!?])\s+", text) if f]
    if len(fragments) < 3:
        return False
    multiword = 0
    for fragment in fragments:
        if not fragment.endswith((".", "!")):
            return False
        words = fragment[:-1].split()
        if not 1 <= len(words) <= 5 or not words[0][:1].isupper():
            return False
        if any(word.lower().strip(",'’\"") in _CLAUSE_WORDS for word in words):
            return False
        multiword += len(words) > 1
    return multiword * 2 >= len(fragments)


_BYLINE = re.compile(
    r"(?i:by|written by|posted by|words by|story by|text by)\s+" + _NAME
    + r"(?:\s*(?:,|and|&)\s*" + _NAME + r")*(?:\s*[,|•·–—-]\s*.{0,80})?"
)
#: The byline rule only looks at this many body lines from the top.
BYLINE_TOP_LINES = 3


def is_byline(line: str) -> bool:
    """'By Jane Doe' / 'By Jane Doe, BBC News' (open-ended, short)."""
    text = line.strip()
    return word_count(text) <= 15 and is_open_ended(text) and _BYLINE.fullmatch(text) is not None


@dataclass(frozen=True)
class SectionRule:
    """A header that introduces non-article material below it.

    ``mode``: ``"teasers"`` removes the teaser list after the header (all of
    the rest when it sits in the article's tail and looks like a list);
    ``"run"`` removes only the teaser-shaped lines directly below; ``"tail"``
    removes everything after when in the tail (comment threads);
    ``"about"`` removes a short author blurb.
    """

    name: str
    description: str
    pattern: re.Pattern[str]
    mode: Literal["teasers", "run", "tail", "about"]

    def matches(self, line: str) -> bool:
        text = line.strip()
        return word_count(text) <= 8 and self.pattern.fullmatch(text) is not None


_HEADER_END = r"\s*[:»›>|.…-]*"

SECTION_RULES: tuple[SectionRule, ...] = (
    SectionRule(
        "related_section",
        "Related-story blocks: 'Related articles', 'More Stories', 'Recommended', 'You may also like', "
        "'Most popular', 'Trending now', 'Read next', 'Around the web'.",
        re.compile(
            r"(?:related(?: (?:articles?|stories|posts?|content|coverage|news|reading|links|videos?|topics|items))?|"
            r"more (?:stories|articles|news|headlines|videos|top stories|for you|like this|to read)|"
            r"recommended(?: (?:for you|stories|articles|reading|videos?|posts))?|"
            r"(?:you )?(?:may|might|will|could) also (?:like|enjoy|be interested in)(?: these)?|"
            r"you (?:may|might) (?:like|enjoy|be interested in)|what to read next|read next|up next|"
            r"most (?:popular|read|viewed|shared|watched)(?: (?:stories|articles|now|today|this week))?|"
            r"popular (?:now|posts|stories|articles|today)|trending(?: (?:now|stories|articles|today|topics))?|"
            r"top stories|editor'?s'? (?:picks?|choice)|(?:from )?around the web|"
            r"(?:sponsored|promoted|partner) (?:content|stories|links|headlines)|in case you missed it|"
            r"further reading|see also|(?:more|other|latest) (?:news|stories|articles) (?:from|on|in) .{1,40})"
            + _HEADER_END,
            I,
        ),
        "teasers",
    ),
    SectionRule(
        "more_from_section",
        "Weaker list headers that pages also use mid-article: 'Also on <site>:', 'More from <site>:', "
        "'Latest news', 'In other news'.",
        re.compile(
            r"(?:also on .{1,40}|more from .{1,40}|latest(?: (?:news|stories|articles|posts|videos|headlines))?|"
            r"in other news|elsewhere(?: on .{1,40})?|don'?t miss(?: this)?)" + _HEADER_END,
            I,
        ),
        "run",
    ),
    SectionRule(
        "comments_section",
        "Comment threads: 'Comments', '12 comments', 'Leave a reply', 'Join the conversation'.",
        re.compile(
            r"(?:comments?|\d+ (?:comments?|responses?|replies)|leave a (?:reply|comment)|"
            r"join the (?:conversation|discussion)|(?:show|view|load) comments|add your comment)" + _HEADER_END,
            I,
        ),
        "tail",
    ),
    SectionRule(
        "about_author",
        "Author boxes: 'About the author' followed by a short biography.",
        re.compile(r"(?:about the (?:authors?|writers?|reporters?|contributors?)|author(?:'s)? bio(?:graphy)?)" + _HEADER_END, I),
        "about",
    ),
)


@dataclass(frozen=True)
class Removal:
    """One removed line: its text, the rule that removed it, and its line index."""

    text: str
    rule: str
    index: int


@dataclass
class JunkResult:
    """Lines with junk blanked out (indices preserved) and what was removed."""

    lines: list[str]
    removed: list[Removal]


_MAX_RULE_WORDS = max(rule.max_words for rule in LINE_RULES)
_CAPTION_RULES = frozenset(rule.name for rule in LINE_RULES if rule.kind == "caption")
#: Captions' neighbours are judged only when longer than a subheading.
CAPTION_NEIGHBOUR_MIN_WORDS = 11
#: Body-like lines end a teaser run; shorter lines are headline-shaped.
BODY_MIN_WORDS = 8
#: Teaser headlines are rarely longer than this.
TEASER_MAX_WORDS = 25


def line_rule(line: str) -> LineRule | None:
    """The first line rule that matches ``line`` on its own, if any."""
    words = word_count(line)
    if words > _MAX_RULE_WORDS:
        return None
    for rule in LINE_RULES:
        if rule.matches(line, words):
            return rule
    return None


def is_junk_line(line: str) -> bool:
    """True when a line is junk by itself (used to veto title candidates)."""
    return line_rule(line) is not None or is_author_bio(line) or is_byline(line)


def _teaser_like(line: str) -> bool:
    text = line.strip()
    return (
        (is_open_ended(text) and word_count(text) <= TEASER_MAX_WORDS)
        or ends_with_ellipsis(text)
        or line_rule(text) is not None
    )


def _body_like(line: str) -> bool:
    text = line.strip()
    return ends_sentence(text) and not ends_with_ellipsis(text) and word_count(text) >= BODY_MIN_WORDS


#: Section headers whose following lines are examined; later ones are only removed
#: themselves, so a file of thousands of "Comments" lines stays linear.
MAX_SECTIONS = 25


def _apply_sections(lines: list[str], marks: list[str | None]) -> None:
    """Mark section headers and the material they introduce."""
    sections = 0
    for index, line in enumerate(lines):
        if marks[index] or not line:
            continue
        rule = next((r for r in SECTION_RULES if r.matches(line)), None)
        if rule is None:
            continue
        marks[index] = rule.name
        sections += 1
        if sections > MAX_SECTIONS:
            continue
        after = [j for j in range(index + 1, len(lines)) if lines[j] and not marks[j]]
        before_chars = sum(len(lines[j]) for j in range(index) if lines[j] and not marks[j])
        after_chars = sum(len(lines[j]) for j in after)
        in_tail = before_chars >= after_chars
        if rule.mode == "tail":
            chosen = after if in_tail else []
        elif rule.mode == "about":
            chosen = after if in_tail and len(after) <= 3 else after[:1]
        else:
            flags = [_teaser_like(lines[j]) for j in after]
            if after and (all(flags) or (rule.mode == "teasers" and in_tail and sum(flags) >= 0.6 * len(after))):
                chosen = after
            else:
                chosen = []
                for position, (j, flag) in enumerate(zip(after, flags)):
                    if not flag:
                        break
                    following = after[position + 1] if position + 1 < len(after) else None
                    # A headline-shaped line right before prose may be the article's own subheading;
                    # only a strong header ("Related articles") claims its first line regardless.
                    first_claimed = rule.mode == "teasers" and position == 0
                    if following is not None and not first_claimed and _body_like(lines[following]) and is_open_ended(lines[j]):
                        break
                    chosen.append(j)
        for j in chosen:
            marks[j] = rule.name


#: Page widgets glued to the end of a real sentence ("...Australia.Open this photo in gallery A house...").
INLINE_CAPTION = re.compile(
    r"(?<=[.!?\"”’)])\s*(?=(?:open this photo in gallery|view image in full ?screen|enlarge this image|"
    r"image source, |image caption, |media caption, |toggle caption)\b)",
    I,
)


def _split_inline_captions(lines: list[str], removed: list[Removal]) -> list[str]:
    """Cut a caption widget off the sentence it was glued to; the sentence stays."""
    out = list(lines)
    for index, line in enumerate(lines):
        match = INLINE_CAPTION.search(line)
        if match and match.start() > 0:
            out[index] = line[: match.start()].rstrip()
            removed.append(Removal(line[match.end() :], "inline_caption", index))
    return out


#: A dateline is looked for in this many non-blank lines from the top of the body.
DATELINE_TOP_LINES = 5


def cut_furniture(lines: list[str]) -> tuple[list[str], list[Removal]]:
    """Cut furniture out of lines whose rest is article text, and report each cut.

    * a dateline opening one of the first paragraphs ("BARRON, Wis. -- For
      nearly…"): the paragraph stays, the dateline goes (rule ``dateline``);
    * captions ending in a bracketed photo credit, alone or in runs inside a
      paragraph ("This image released by … ( Kerry Brown / AP )"): rule
      ``caption_credit``;
    * a recipe, from its ingredient list to the end of the paragraph ("For the
      meatballs 1 large egg 1/4 cup…"): rule ``recipe``.

    Run before long lines are split into paragraphs (a recipe ends where its
    paragraph does) and again by ``remove_junk``, where it finds nothing new.
    """
    out = list(lines)
    removed: list[Removal] = []
    # A dateline opens the story, once: capitals and a dash that recur ("NICK TAYLOR -- He
    # finished…", one per paragraph) lead the items of a list, and stay.
    top = [i for i, line in enumerate(lines) if line.strip()][:DATELINE_TOP_LINES]
    openers = {i: dateline_opener(lines[i]) for i in top}
    if sum(1 for i, line in enumerate(lines) if line.strip() and dateline_opener(line)) > 1:
        openers = {}
    for index, line in enumerate(lines):
        if not line.strip():
            continue
        cuts: list[tuple[int, int, str]] = []
        opener = openers.get(index, 0)
        if opener:
            cuts.append((0, opener, "dateline"))
        for start, end in credited_captions(line):
            cuts.append((max(start, opener), end, "caption_credit"))
        recipe = recipe_start(line)
        if recipe is not None:
            cuts.append((max(recipe, opener), len(line), "recipe"))
        if not cuts:
            continue
        kept, position = [], 0
        for start, end, rule in sorted(cuts):
            start = max(start, position)
            if end <= start:
                continue
            kept.append(line[position:start])
            removed.append(Removal(line[start:end].strip(), rule, index))
            position = end
        kept.append(line[position:])
        out[index] = " ".join(piece.strip() for piece in kept if piece.strip())
    return out, removed


def remove_junk(lines: list[str]) -> JunkResult:
    """Blank out junk lines and report them, keeping line positions stable.

    Blank lines are kept as they are so paragraph boundaries survive.
    """
    lines, inline = cut_furniture(lines)
    lines = _split_inline_captions(lines, inline)
    marks: list[str | None] = [None] * len(lines)
    _apply_sections(lines, marks)

    nonblank = [i for i, line in enumerate(lines) if line.strip()]
    half = len(nonblank) // 2
    for position, index in enumerate(nonblank):
        if marks[index]:
            continue
        line = lines[index]
        rule = line_rule(line)
        if rule is not None:
            marks[index] = rule.name
        elif parse_date_line(line):
            marks[index] = _DATE_ONLY_RULE
        elif _URL_ONLY.fullmatch(line.strip()):
            marks[index] = "url_only"
        elif position >= half and is_author_bio(line):
            marks[index] = "author_bio"

    kept = [i for i in nonblank if not marks[i]]
    for index in kept[:BYLINE_TOP_LINES]:
        if is_byline(lines[index]):
            marks[index] = "byline"

    # Captions come in runs: an open-ended, sentence-length neighbour of a caption is one too.
    kept = [i for i in nonblank if not marks[i] or marks[i] in _CAPTION_RULES]
    neighbours: list[int] = []
    for position, index in enumerate(kept):
        if marks[index]:
            continue
        line = lines[index]
        if not is_open_ended(line) or word_count(line) < CAPTION_NEIGHBOUR_MIN_WORDS:
            continue
        around = [kept[p] for p in (position - 1, position + 1) if 0 <= p < len(kept)]
        if any(marks[j] in _CAPTION_RULES for j in around):
            neighbours.append(index)
    for index in neighbours:
        marks[index] = "caption_neighbour"

    removed = [Removal(lines[i], marks[i] or "", i) for i in range(len(lines)) if marks[i]] + inline
    removed.sort(key=lambda removal: (removal.index, removal.rule in _CUT_RULES))
    cleaned = ["" if marks[i] else line for i, line in enumerate(lines)]
    return JunkResult(cleaned, removed)


#: Rules that cut part of a line, reported after whatever removed the rest of it.
_CUT_RULES = frozenset({"inline_caption", "dateline", "caption_credit", "recipe"})

#: Every rule name, for documentation and tests.
RULE_NAMES: tuple[str, ...] = (
    tuple(rule.name for rule in SECTION_RULES)
    + tuple(rule.name for rule in LINE_RULES)
    + (_DATE_ONLY_RULE, "url_only", "author_bio", "byline", "caption_neighbour", "inline_caption", "recipe")
)

__all__ = [
    "LINE_RULES",
    "SECTION_RULES",
    "RULE_NAMES",
    "JunkResult",
    "LineRule",
    "Removal",
    "SectionRule",
    "cut_furniture",
    "is_author_bio",
    "is_share_prompt",
    "is_social_buttons",
    "is_byline",
    "is_junk_line",
    "line_rule",
    "remove_junk",
]
