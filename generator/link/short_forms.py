"""Link phase 4, short forms: "Putin", "Mr Sullivan", "Bin Salman" stand for a person named in full.

First in the same article; then, when the article names no such person, the
one person in the dossier with that surname, provided the two articles share
another person or organisation (the text supports it). Two candidates means
no guess (:data:`AMBIGUOUS`).

Organisations have short forms too, read only within their article: "the
House" after "the House of Commons", "the Globe" after "The Globe and Mail",
"the Federal Reserve" after "the U.S. Federal Reserve". The short form is the
long name's head with the words before it ("House" of "House of Commons",
"Federal Reserve" of "U.S. Federal Reserve"). Across articles a bare head
means whatever each article's long name is (Canada's Commons, the US House),
so it is never joined dossier-wide by its spelling alone. A city's name alone is
the team an article names after it ("San Jose" beside "the San Jose Sharks").
"""

from __future__ import annotations

from collections import Counter, defaultdict

from rapidfuzz.distance import Levenshtein

from generator.lexicon.gazetteer import KNOWN_ORGS, STRONG, lookup_place, named_after_place
from generator.link.merging import Context, is_subsequence
from generator.link.names import CLUB_SENSE, Name, UnionFind, close

# A short form two people of its article could own: left unlinked, never guessed.
AMBIGUOUS = "\x00ambiguous"


def short_form_ok(rec: Name, local_types: Counter) -> bool:
    """Whether a name may stand for a person named more fully elsewhere."""
    if rec.key in KNOWN_ORGS or rec.acronym:
        return False
    local_person = local_types.get("person", 0) > 0
    if rec.place is not None and rec.place.strength == STRONG and not local_person:
        return False  # "Washington" the capital, not "George Washington"
    if rec.keyword is not None and not local_person:
        return False
    return True


def longer_forms(toks: tuple[str, ...], keys: list[str], names: dict[str, Name], uf: UnionFind) -> set[str]:
    """Clusters of the full names in ``keys`` that end like ``toks`` and contain all of it."""
    return {
        uf.find(k)
        for k in keys
        if len(names[k].tokens) > len(toks)
        and names[k].tokens[-1] == toks[-1]
        and is_subsequence(toks, names[k].tokens)
    }


def _slipped_tail(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    """``short`` is ``long``'s last words, the surname the same and one earlier word off by one letter."""
    if len(long) <= len(short) or short[-1] != long[-1]:
        return False
    diff = [(a, b) for a, b in zip(short, long[-len(short) :]) if a != b]
    return len(diff) == 1 and min(map(len, diff[0])) >= 4 and Levenshtein.distance(*diff[0], score_cutoff=1) <= 1


def resolve_local(rec: Name, local_types: Counter, local_full: list[str], names: dict[str, Name], uf: UnionFind) -> str | None:
    """The person of this article a short form stands for; AMBIGUOUS if two could be."""
    if not short_form_ok(rec, local_types):
        return None
    toks = rec.tokens
    last = toks[-1]
    roots = longer_forms(toks, local_full, names, uf)
    if len(roots) == 1:
        return next(iter(roots))
    if len(roots) > 1:
        return AMBIGUOUS  # two people share the surname here: no guess
    if len(toks) > 1:
        # the full name's tail with a slip in a word before the surname ("Zehaf Bibeau" /
        # "Michael Zihaf Bibeau"): one article, one surname, so one letter is enough
        roots = {uf.find(k) for k in local_full if _slipped_tail(toks, names[k].tokens)}
        if len(roots) == 1:
            return next(iter(roots))
        return AMBIGUOUS if roots else None
    if len(toks) == 1:
        # a spelling variant of a local surname ("Zelensky" / "Vladimir Zelenskyy")
        roots = {
            uf.find(k)
            for k in local_full
            if names[k].tokens[-1] != last and close(names[k].tokens[-1], last)
        }
        if len(roots) == 1:
            return next(iter(roots))
        # a first name used alone ("Ollie" for "Ollie Schniederjans")
        roots = {uf.find(k) for k in local_full if names[k].tokens[0] == last}
        if len(roots) == 1 and (rec.type == "person" or local_types.get("person", 0) > 0):
            return next(iter(roots))
        if len(roots) > 1:
            return AMBIGUOUS
    return None


_HEAD_BREAKS = frozenset({"of", "for", "on", "and"})


def head_positions(tokens: tuple[str, ...]) -> set[int]:
    """Where a long organisation name's head can be: its last word, and the word before its first "of/for/on/and"."""
    heads = {len(tokens) - 1}
    for n, tok in enumerate(tokens[1:], start=1):
        if tok in _HEAD_BREAKS:
            heads.add(n - 1)
            break
    return heads


def is_org_short_form(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    """``short`` is ``long``'s head with the words just before it ("house" / "house of commons").

    Words left out before the short form must name a place ("U.S. Federal
    Reserve" -> "Federal Reserve"): "White House" is not "the House".
    """
    if len(short) >= len(long):
        return False
    for h in head_positions(long):
        start = h + 1 - len(short)
        if start < 0 or long[start : h + 1] != short:
            continue
        if start == 0 or lookup_place(" ".join(long[:start])) is not None:
            return True
    return False


def is_clipped(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    """``short`` is one word of 3-4 letters that clips the first word of ``long`` after its
    place words ("Fed" of "U.S. Federal Reserve"), a name of two words or more."""
    if len(short) != 1 or not 3 <= len(short[0]) <= 4 or not short[0].isalpha():
        return False
    for start in (0, 1, 2):
        rest = long[start:]
        if len(rest) >= 2 and len(rest[0]) >= 6 and rest[0].startswith(short[0]):
            return start == 0 or lookup_place(" ".join(long[:start])) is not None
    return False


def resolve_org_local(rec: Name, keys: dict[str, Counter], names: dict[str, Name], uf: UnionFind) -> str | None:
    """The one longer organisation of this article this name shortens, if exactly one.

    Shortened by its head ("the House" of "the House of Commons") or clipped ("the Fed"
    of "the U.S. Federal Reserve", read as an acronym when written "FED"). A name the
    dossier knows as a country's own body (it also writes "U.S. Federal Reserve") stays
    that body: "the Federal Reserve" beside "the St. Louis Federal Reserve" is not the
    regional bank.
    """
    if rec.type != "organisation" or rec.place is not None or rec.national:
        return None
    roots = {
        uf.find(k)
        for k in keys
        if names[k].type == "organisation"
        and (is_clipped(rec.tokens, names[k].tokens) or (not rec.acronym and is_org_short_form(rec.tokens, names[k].tokens)))
    }
    roots.discard(uf.find(rec.key))
    return next(iter(roots)) if len(roots) == 1 else None


def teams_of(keys: dict[str, Counter], names: dict[str, Name]) -> list[str]:
    """The article's organisations named after a place and a plural ("San Jose Sharks")."""
    return [k for k in keys if names[k].type == "organisation" and named_after_place(k)]


def resolve_team_local(rec: Name, teams: list[str], names: dict[str, Name], uf: UnionFind) -> str | None:
    """The one team of this article named after this place, which the place's name alone stands for.

    "the San Jose Sharks beat the Edmonton Oilers ... San Jose replied 17 seconds later":
    where an article names two or more teams after their cities (a game, a trade), a
    city's name alone is its team (a sports metonym), not the place. One body named so
    is no sign of sport ("BC Ferries" leaves "Lake Cowichan, B.C." a place).
    """
    if len(teams) < 2:
        return None
    base = rec.key.removesuffix(CLUB_SENSE)
    if lookup_place(base) is None:
        return None
    toks = tuple(base.split())
    roots = {uf.find(k) for k in teams if names[k].tokens[:-1] == toks}
    return next(iter(roots)) if len(roots) == 1 else None


def resolve_dossier(
    rec: Name,
    ai: int,
    local_types: Counter,
    names: dict[str, Name],
    uf: UnionFind,
    by_last: dict[str, list[str]],
    used_for: dict[str, set[str]],
    context: Context,
) -> str | None:
    """The one person in the dossier a short form can stand for, when the articles share someone.

    Candidates: full names ending this way, and people other articles called
    by exactly this short form ("Meng" for "Meng Wanzhou").
    """
    if not short_form_ok(rec, local_types):
        return None
    if rec.type != "person" and local_types.get("person", 0) == 0:
        return None  # "Bloomberg" the company is not "Michael Bloomberg"
    roots = longer_forms(rec.tokens, by_last.get(rec.tokens[-1], []), names, uf)
    roots |= used_for.get(rec.key, set())
    if len(roots) != 1:
        return None
    root = next(iter(roots))
    if context.roots(ai) & context.cooccurring(root):
        return root
    return None



def resolve_short_forms(
    names: dict[str, Name],
    local_keys: list[dict[str, Counter]],
    uf: UnionFind,
    full_by_last: dict[str, list[str]],
    context: Context,
) -> dict[tuple[int, str], str]:
    """(article, name) -> the cluster root it stands for there, when not its own."""
    assign: dict[tuple[int, str], str] = {}
    used_for: dict[str, set[str]] = defaultdict(set)  # short form -> people it stood for
    unresolved: list[tuple[int, str]] = []
    for ai, keys in enumerate(local_keys):
        local_full = [k for k in keys if names[k].type == "person" and len(names[k].tokens) > 1]
        teams = teams_of(keys, names)  # once per article, not per name
        for key in sorted(keys):
            team = resolve_team_local(names[key], teams, names, uf)
            if team is not None:
                assign[(ai, key)] = team
                continue
            # No person named in full here: no local candidate (resolve_local would say None).
            target = resolve_local(names[key], keys[key], local_full, names, uf) if local_full else None
            if target is None:
                org = resolve_org_local(names[key], keys, names, uf)
                if org is not None:
                    assign[(ai, key)] = org
                    continue
                unresolved.append((ai, key))
            elif target != uf.find(key):
                assign[(ai, key)] = target
                if target != AMBIGUOUS:
                    used_for[key].add(target)
    for ai, key in unresolved:
        if names[key].tokens[-1] not in full_by_last and key not in used_for:
            continue  # no candidate anywhere in the dossier (resolve_dossier would say None)
        target = resolve_dossier(names[key], ai, local_keys[ai][key], names, uf, full_by_last, used_for, context)
        if target is not None and target != uf.find(key):
            assign[(ai, key)] = target
    return assign
