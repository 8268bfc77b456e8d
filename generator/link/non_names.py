"""Link phase 5b, non-names: clusters whose mentions read as a market figure or a topic, dropped.

A tagger reads capitalised words as names, and some are not anyone:

* a **market index** ("Hong Kong's Hang Seng rose 0.3 per cent to 26,902.10",
  "Britain's FTSE 100 lost 0.5 per cent"): the text moves it by a percentage
  to a level, as no person or company is moved (a share price is a level in
  money, "$133"). A cluster is an index when at least half its mentions move by
  a percentage (or stay "flat") and one of them reaches a bare level.
* a **topic** typed as a person ("a hard Brexit", "the Brexit impasse"):
  people take no indefinite article or adjective, and "the X impasse" is not
  how a person named by one word is written. Only one-word "people" that no
  article names in full are read this way, so "the Trudeau government" never
  counts against Justin Trudeau.

* a **class of people** typed as an organisation ("First Nations people",
  "agreements with all First Nations"): a plural name that never takes "the"
  (one body does: "the United Nations") and, at least once, counts or
  qualifies people ("all", "many"; "... people", "... communities").

* a **fragment** of a longer name the dossier knows ("Heart" in "Heart and Stroke
  in Manitoba", where another article names the Heart and Stroke Foundation;
  "AT&T" in "the AT&T Pebble Beach Pro-Am"): every mention sits next to the
  words that continue it into that longer name, so the text names the longer
  one, and the tagger cut it short.

All read the article text around each mention (``Mention.start``/``end``), so
the evidence is the wording, not the name.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

from generator.lexicon import words
from generator.link.names import Ref
from generator.model import AnalysedArticle

# Right after the name: an optional series number ("FTSE 100") or "index", up to two
# words (the verb, "by"), then a percentage; or "was flat".
_PERCENT_MOVE = re.compile(
    r"^(?:['’]s)?(?:\s+\d[\d.,]*)?(?:\s+(?:index|composite))?"
    r"(?:\s+[a-z]+){1,2}?\s+[\d.,]*\d\s*(?:per\s?cent|percent|%)(?P<level>\s+to\s+\d[\d,]*(?:\.\d+)?\b(?!\s*(?:per|%)))?"
)
_FLAT = re.compile(r"^(?:\s+\d[\d.,]*)?\s+(?:was|were|is|ended|closed|finished)\s+(?:\w+\s+)?(?:flat|unchanged)\b")
# Right before the name: "a"/"an" and at most one lower-case word ("a hard Brexit"), or
# "the" with a lower-case word after the name ("the Brexit impasse").
_INDEFINITE = re.compile(r"\b(?:a|an)\s+(?:[a-z][a-z-]*\s+)?$", re.IGNORECASE)
_THE = re.compile(r"\bthe\s+(?:\d+\s+)?$", re.IGNORECASE)
_LOWER_NEXT = re.compile(r"^\s+[a-z]+")
_WINDOW = 80
#: Mentions reading as a topic before a one-word "person" is dropped.
TOPIC_MENTIONS = 2


def _around(analysed: list[AnalysedArticle], ref: Ref, texts: Sequence[str]) -> tuple[str, str]:
    mention = analysed[ref.article].mentions[ref.index]
    text = texts[ref.article]
    return text[max(0, mention.start - _WINDOW) : mention.start], text[mention.end : mention.end + _WINDOW]


def reads_as_index(refs: list[Ref], analysed: list[AnalysedArticle], texts: Sequence[str]) -> bool:
    """Most mentions move by a percentage, and one reaches a bare level: a market index.

    ``texts``: each article's ``Article.text`` by position in ``analysed``, joined once by
    the caller (``Article.text`` joins the paragraphs again on every read).
    """
    moving = levels = 0
    for seen, ref in enumerate(refs):
        if 2 * (moving + len(refs) - seen) < len(refs):
            return False  # half can no longer move, whatever the rest says
        _, after = _around(analysed, ref, texts)
        if "%" not in after and "cent" not in after and "flat" not in after and "unchanged" not in after:
            continue  # neither pattern can match without one of these words
        move = _PERCENT_MOVE.match(after)
        if move or _FLAT.match(after):
            moving += 1
        if move and move.group("level"):
            levels += 1
    return levels > 0 and 2 * moving >= len(refs)


def reads_as_topic(
    refs: list[Ref], analysed: list[AnalysedArticle], single_word: bool, texts: Sequence[str]
) -> bool:
    """A one-word "person" the text writes as a thing: "a hard Brexit", "the Brexit vote"."""
    if not single_word:
        return False
    topical = 0
    for ref in refs:
        before, after = _around(analysed, ref, texts)
        if _INDEFINITE.search(before) or (_THE.search(before) and _LOWER_NEXT.match(after)):
            topical += 1
    return topical >= TOPIC_MENTIONS


_PEOPLE_NOUNS = words("people_nouns")
_QUANTIFIER = re.compile(r"\b(?:all|many|most|some|several|other|both|few|numerous)\s+$", re.IGNORECASE)
_ARTICLE_BEFORE = re.compile(r"\bthe\s+$", re.IGNORECASE)
_NEXT_WORD = re.compile(r"^\s+([a-z]+)")


def _plural(display: str) -> bool:
    last = display.split()[-1] if display.split() else ""
    return last.endswith("s") and not last.endswith(("ss", "us", "is", "'s", "’s")) and last[:1].isupper()


def reads_as_people(refs: list[Ref], analysed: list[AnalysedArticle], texts: Sequence[str]) -> bool:
    """A plural name that takes no article and counts or qualifies people: a class, not a body."""
    if 2 * sum(1 for ref in refs if _plural(ref.display)) < len(refs):
        return False  # mostly written in the plural ("First Nations", once "First Nation peoples")
    grouped = False
    for ref in refs:
        before, after = _around(analysed, ref, texts)
        if _ARTICLE_BEFORE.search(before):
            return False
        nxt = _NEXT_WORD.match(after)
        if _QUANTIFIER.search(before) or (nxt is not None and nxt.group(1) in _PEOPLE_NOUNS):
            grouped = True
    return grouped


def longer_names(refs: Sequence[Ref]) -> dict[str, set[tuple[str, ...]]]:
    """Every name of the dossier written with two words or more, as words, by each of its words."""
    index: dict[str, set[tuple[str, ...]]] = defaultdict(set)
    for display in {ref.display for ref in refs}:  # a hundred thousand mentions, a few thousand names
        words = tuple(display.split())
        if len(words) > 1:
            for word in set(words):
                index[word].add(words)
    return index


def _continues(name: tuple[str, ...], at: int, size: int, before: str, after: str) -> bool:
    """The words around a mention of ``name[at:at+size]`` go on into ``name`` (on either
    side), and a capitalised word is among those that match ("and Stroke")."""
    matched: list[str] = []
    if at and before.endswith(" "):
        for want, seen in zip(reversed(name[:at]), reversed(before.split())):
            if want != seen:
                break
            matched.append(want)
    if at + size < len(name) and after.startswith(" "):
        for want, seen in zip(name[at + size :], after.split()):
            if want != seen:
                break
            matched.append(want)
    return any(w[:1].isupper() for w in matched)


def reads_as_fragment(
    refs: list[Ref], analysed: list[AnalysedArticle], texts: Sequence[str], known: dict[str, set[tuple[str, ...]]]
) -> bool:
    """Every mention is cut out of a longer name the dossier knows: the words around it
    continue it into that name ("Heart" before "and Stroke", with the Heart and Stroke
    Foundation named elsewhere)."""
    for ref in refs:
        words = tuple(ref.display.split())
        if not words:
            return False
        before, after = _around(analysed, ref, texts)
        hit = False
        for name in known.get(words[0], ()):
            if len(name) <= len(words):
                continue
            for at in range(len(name) - len(words) + 1):
                if name[at : at + len(words)] == words and _continues(name, at, len(words), before, after):
                    hit = True
                    break
            if hit:
                break
        if not hit:
            return False
    return True
