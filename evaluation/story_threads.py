"""A synthetic, thread-heavy story set made from cnndm-dev, reproducibly and without downloads.

Why: the GGT sample is random news with few same-event articles (a handful of
gold pairs), so it cannot tell how grouping does when many articles tell one
event, as a held-out set of story threads does. Here every cnndm-dev story
becomes a *thread* of three reports of one event:

* ``<id>-a``: the first half of the article (its lede and the core facts);
* ``<id>-b``: the second half, starting one sentence before the first half ends
  (a follow-up that repeats a little and adds the rest);
* ``<id>-c``: the newsroom's own highlights (a short brief in other words).

What it can show: whether grouping joins reports of one event that share its
actors and some words but not their text, among ~90 other events, many of
them close in topic (a dozen Premier League stories) -- hard negatives.
What it cannot: reports by different outlets or days (the halves share one
writer's vocabulary; the brief is derived from the article), or an event that
develops over weeks; nothing here has a date. It is one dev set beside the
hand-labelled ones, never the only judge.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

MIN_SENTENCES = 8  # shorter articles make halves of two or three sentences: too little to be a report


def make_threads(cnndm: Path, target: Path) -> dict:
    """Write the thread seeds into ``target/seeds`` and return (and write) their gold.

    ``cnndm`` is the cnndm-dev folder (``seeds/`` one sentence per line,
    ``refs.json`` the highlights). The output depends only on those files.
    """
    refs = json.loads((cnndm / "refs.json").read_text(encoding="utf-8"))
    seeds = target / "seeds"
    if seeds.exists():
        shutil.rmtree(seeds)
    seeds.mkdir(parents=True)
    groups = []
    for path in sorted((cnndm / "seeds").glob("*.txt")):
        lines = [line.strip() for line in path.read_text(encoding="utf-8").split("\n") if line.strip()]
        brief = str(refs.get(path.stem, "")).strip()
        if len(lines) < MIN_SENTENCES or not brief:
            continue
        half = (len(lines) + 1) // 2
        short = _short_id(path.stem)
        reports = {f"{short}-a": lines[:half], f"{short}-b": lines[half - 1 :], f"{short}-c": [brief]}
        for name, body in reports.items():
            (seeds / f"{name}.txt").write_text("\n".join(body) + "\n", encoding="utf-8")
        groups.append({"id": short, "articles": sorted(reports), "why": f"three reports cut from {path.stem}"})
    gold = {"about": "synthetic threads made by evaluation/story_threads.py from cnndm-dev", "groups": groups}
    (target / "gold.json").write_text(json.dumps(gold, indent=1) + "\n", encoding="utf-8")
    return gold


def _short_id(stem: str) -> str:
    """``cnn-test-404f85...`` -> ``cnn-404f8594``: short file names, still unique in cnndm-dev."""
    parts = stem.split("-")
    return f"{parts[0]}-{parts[-1][:8]}"
