"""Entity junk on GGT, from hand judgements kept in evaluation/data/ggt_entities_judged.json.

Issue 16 asks that no key person or organisation of the overview be junk and
that at most 3 % of all entities be. Junk is a name that is not a real person,
organisation or place (a topic, an event, a market index, a fragment), one of
the wrong type, one that merges two different referents ("House" for the US
House and a choreographer), or one half of a referent split into two entities
("Jodie" and "Jody Wilson-Raybould").

The sample is drawn from a GGT build in a fixed order (sha256 of type and
name), the first ``SAMPLE_SIZE`` entities: a uniform, reproducible draw whose
members only change when an entity itself changes. The overview's key people
and organisations are judged as well, apart from the rate. Each judged entry
records the entity as it was judged (type, name, aliases, articles): when a build lists
the entity differently, the judgement no longer applies and the entity is
listed as unjudged, so the sample stays honest as the code changes.

``python -m evaluation.entity_junk sample dossier.json`` prints the unjudged
entities of the sample with their contexts, to judge; ``report`` scores.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import sys
from pathlib import Path

JUDGED = Path(__file__).resolve().parent / "data" / "ggt_entities_judged.json"
SAMPLE_SIZE = 320
REASONS = ("not an entity", "wrong type", "merged referents", "split")
KEY_TYPES = ("person", "organisation")


def key_of(entity: dict) -> tuple[str, str, tuple[str, ...], tuple[str, ...]]:
    """What a judgement is about: the entity's type, name, aliases and articles as judged.

    The articles count: "Globe" over five articles (the Globe and Mail and a
    Golden Globe) is another entity than "Globe" over the four of the newspaper.
    """
    return entity["type"], entity["name"], tuple(sorted(entity.get("aliases", []))), tuple(sorted(entity.get("articles", [])))


def _order(entity: dict) -> str:
    return hashlib.sha256(f"{entity['type']}\0{entity['name']}".encode("utf-8")).hexdigest()


def sample(dossier: dict, size: int = SAMPLE_SIZE) -> list[dict]:
    """The first ``size`` entities in sha256 order of type and name: a fixed, uniform draw."""
    return sorted(dossier["entities"], key=_order)[:size]


def key_entities(dossier: dict) -> list[dict]:
    """The overview's key people and organisations, ranked as the overview ranks them."""
    from generator.render.views import OVERVIEW_KEY

    out = []
    for kind in KEY_TYPES:
        ranked = sorted(
            (e for e in dossier["entities"] if e["type"] == kind),
            key=lambda e: (-len(e["articles"]), -e["mentions"], e["name"]),
        )
        out.extend(ranked[:OVERVIEW_KEY])
    return out


def wilson(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """95 % Wilson score interval of a proportion k/n (sound near 0, unlike the normal one)."""
    if n == 0:
        return 0.0, 1.0
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return max(0.0, centre - half), min(1.0, centre + half)


def load_judged(path: Path = JUDGED) -> dict[tuple, dict]:
    entries = json.loads(path.read_text(encoding="utf-8"))["entries"]
    out = {}
    for entry in entries:
        verdict = entry["verdict"]
        if verdict != "ok" and verdict not in REASONS:
            raise ValueError(f"{path.name}: unknown verdict {verdict!r} for {entry['name']!r}")
        out[key_of(entry)] = entry
    return out


def score(dossier: dict, judged: dict, size: int = SAMPLE_SIZE) -> dict:
    """Counts behind the report: the sample's junk, the key entities' junk, what is unjudged."""
    listed = {key_of(e) for e in dossier["entities"]}
    drawn = sample(dossier, size)
    judged_sample = [judged[key_of(e)] for e in drawn if key_of(e) in judged]
    keys = key_entities(dossier)
    judged_keys = [judged[key_of(e)] for e in keys if key_of(e) in judged]
    junk = [j for j in judged_sample if j["verdict"] != "ok"]
    return {
        "entities": len(dossier["entities"]),
        "sample": len(drawn),
        "judged": len(judged_sample),
        "junk": len(junk),
        "reasons": {r: sum(1 for j in junk if j["verdict"] == r) for r in REASONS},
        "key": len(keys),
        "key_judged": len(judged_keys),
        "key_junk": [j["name"] for j in judged_keys if j["verdict"] != "ok"],
        "unjudged": [e for e in [*drawn, *keys] if key_of(e) not in judged],
        "gone": sum(1 for k in judged if k not in listed),
    }


def report(dossier: dict, judged_path: Path = JUDGED, size: int = SAMPLE_SIZE) -> str:
    """The junk rate of the sample with its interval, the key entities' junk, and what is unjudged."""
    s = score(dossier, load_judged(judged_path), size)
    low, high = wilson(s["junk"], s["judged"])
    rate = s["junk"] / s["judged"] if s["judged"] else 0.0
    reasons = ", ".join(f"{r} {n}" for r, n in s["reasons"].items())
    key_junk = ", ".join(s["key_junk"]) or "none"
    unjudged = sorted({f"{e['type']} {e['name']}" for e in s["unjudged"]})
    return "\n".join([
        f"### Entity junk (hand-judged: {s['sample']} of {s['entities']} entities drawn by sha256, plus the overview's key people and organisations)",
        "",
        f"- junk {s['junk']}/{s['judged']} = {rate:.1%} (95% Wilson interval {low:.1%}–{high:.1%}; {reasons})",
        f"- key people and organisations: {len(s['key_junk'])} junk of {s['key_judged']} judged ({key_junk})",
        f"- entities of this build's sample not judged yet: {len(unjudged)}" + (f" ({'; '.join(unjudged)})" if unjudged else ""),
        f"- judged entries no longer listed by this build: {s['gone']}",
    ])


def contexts(dossier: dict, entity: dict, limit: int = 3) -> list[str]:
    """Up to ``limit`` snippets, from different articles, where the entity's names occur."""
    names = sorted({entity["name"], *entity.get("aliases", [])}, key=len, reverse=True)
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in names) + r")(?!\w)")
    by_id = {a["id"]: a for a in dossier["articles"]}
    out = []
    for aid in entity["articles"]:
        article = by_id.get(aid)
        if article is None:
            continue
        for para in article["body"]:
            m = pattern.search(para)
            if m:
                out.append(f"[{Path(article['source']).stem[:8]}] …{para[max(0, m.start() - 110) : m.end() + 110]}…")
                break
        if len(out) >= limit:
            break
    return out


def _twins(dossier: dict, entity: dict) -> list[str]:
    """Other entities sharing the last word of the name: candidates for a split referent."""
    last = entity["name"].split()[-1].casefold().removeprefix("al-")
    return [
        f"{e['type']} {e['name']}"
        for e in dossier["entities"]
        if e is not entity and e["name"].split()[-1].casefold().removeprefix("al-") == last
    ]


def main(argv: list[str]) -> int:
    command, path = argv[0], Path(argv[1])
    dossier = json.loads(path.read_text(encoding="utf-8"))
    if command == "sample":
        judged = load_judged() if JUDGED.is_file() else {}
        seen = set()
        for entity in [*sample(dossier), *key_entities(dossier)]:
            if key_of(entity) in judged or key_of(entity) in seen:
                continue
            seen.add(key_of(entity))
            row = {k: entity[k] for k in ("type", "name", "aliases", "mentions")}
            row["articles"] = len(entity["articles"])
            row["roles"] = [r["text"] for r in entity["roles"][:2]]
            row["twins"] = _twins(dossier, entity)[:6]
            row["contexts"] = contexts(dossier, entity)
            print(json.dumps(row, ensure_ascii=False))
        return 0
    print(report(dossier))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
