"""Sourcing precision on GGT, from hand judgements kept in evaluation/data/ggt_sourcing_judged.json.

A sample of sourcing entries (named and unnamed) is drawn from a GGT build in a
fixed order (sha256 of article, list and text), and each was read in its article
and judged: a named entry is right when it is a person or an organisation the
article reports as saying something; an unnamed entry when it is a description,
headed by a person or group noun, of someone the article reports as saying
something without naming them.

``python -m evaluation.sourcing sample dossier.json`` prints the sample to judge
(``ggt_sourcing_judged_before.json`` holds the same judgement of a build before
the sourcing rules of issue 16: precision .74 there, against .92);
``report`` scores the judgements and says how many judged entries the current
build no longer lists (they drop out of the sample, which is drawn again from
the rest when the judgements are refreshed).
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

JUDGED = Path(__file__).resolve().parent / "data" / "ggt_sourcing_judged.json"
SAMPLE_SIZE = 50


def entries(dossier: dict) -> list[tuple[str, str, str]]:
    """(article stem, "named"|"unnamed", text) of every sourcing entry of a build."""
    out = []
    for article in dossier["articles"]:
        stem = Path(article["source"]).stem
        for kind in ("named", "unnamed"):
            for text in article["sourcing"][kind]:
                out.append((stem, kind, text))
    return out


def sample(dossier: dict, size: int = SAMPLE_SIZE) -> list[tuple[str, str, str]]:
    """The first ``size`` entries in sha256 order: a fixed, reproducible draw."""
    key = lambda e: hashlib.sha256("\0".join(e).encode("utf-8")).hexdigest()  # noqa: E731
    return sorted(entries(dossier), key=key)[:size]


def report(dossier: dict, judged_path: Path = JUDGED) -> str:
    judged = json.loads(judged_path.read_text(encoding="utf-8"))["entries"]
    current = set(entries(dossier))
    still = [j for j in judged if (j["article"], j["list"], j["text"]) in current]
    right = sum(1 for j in still if j["correct"])
    by_list = {}
    for kind in ("named", "unnamed"):
        part = [j for j in still if j["list"] == kind]
        by_list[kind] = f"{sum(1 for j in part if j['correct'])}/{len(part)}"
    precision = right / len(still) if still else 0.0
    return "\n".join([
        f"### Sourcing (hand-judged sample of {len(judged)} entries)",
        "",
        f"- precision {precision:.3f} ({right}/{len(still)}; named {by_list['named']}, unnamed {by_list['unnamed']})",
        f"- judged entries no longer listed by this build: {len(judged) - len(still)}",
    ])


def main(argv: list[str]) -> int:
    command, path = argv[0], Path(argv[1])
    dossier = json.loads(path.read_text(encoding="utf-8"))
    if command == "sample":
        for stem, kind, text in sample(dossier):
            print(json.dumps({"article": stem, "list": kind, "text": text}, ensure_ascii=False))
        return 0
    print(report(dossier))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
