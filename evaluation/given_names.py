"""Learn the given names shipped as generator/lexicon/data/given_names.txt from conll-train.

    python -m evaluation.given_names [--eval-dir ../shared/eval]

A word that starts two or more of conll-train's gold people named in two to
four words ("Graham Thorpe", "Graham Taylor") and starts no gold organisation or
place ("Morgan Stanley", "Santa Fe") is a given name, unless the texts write it
in lower case more often than capitalised ("will", "spot", "bill"): evidence that a lone word
the text writes after it is a surname (``GRAHAM DELAET -- DeLaet is ...``) and
that a short name led by it is a person. The dossier's own people add their
given names at link time (:func:`generator.link.votes.given_names`); this list
is what the dossier knows before it has read anyone. Reuters RCV1 (CoNLL-2003
``eng.train``), research licence: see README. Deterministic: same data, same file.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "generator" / "lexicon" / "data" / "given_names.txt"
MIN_PEOPLE = 2


def learn(gold: dict[str, dict[str, list[str]]], texts: list[str]) -> list[str]:
    """Given names by the rule above, sorted."""
    people: Counter = Counter()
    others: Counter = Counter()
    for entry in gold.values():
        for name in entry.get("people", []):
            words = name.split()
            if 2 <= len(words) <= 4:
                people[words[0].casefold()] += 1
        for key in ("organisations", "places"):
            for name in entry.get(key, []):
                others[name.split()[0].casefold()] += 1
    lower: Counter = Counter()
    upper: Counter = Counter()
    for text in texts:
        for word in re.findall(r"[^\W\d_]+", text):
            (lower if word.islower() else upper)[word.casefold()] += 1
    return sorted(
        w
        for w, n in people.items()
        if n >= MIN_PEOPLE and not others[w] and w.isalpha() and len(w) >= 2 and lower[w] <= upper[w]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evaluation.given_names", description=__doc__)
    parser.add_argument("--eval-dir", type=Path, default=Path(os.environ.get("DOSSIER_EVAL", ROOT.parent / "shared" / "eval")))
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    gold = json.loads((args.eval_dir / "conll-train" / "gold.json").read_text(encoding="utf-8"))
    texts = [p.read_text(encoding="utf-8") for p in sorted((args.eval_dir / "conll-train" / "seeds").glob("*.txt"))]
    names = learn(gold, texts)
    header = (
        "# Given names: words that start two or more gold people of CoNLL-2003 eng.train (Reuters RCV1,\n"
        "# research licence), no gold organisation or place, and are written capitalised at least as often\n"
        "# as in lower case there. Written by `python -m evaluation.given_names`;\n"
        "# do not edit by hand.\n"
    )
    args.out.write_text(header + "".join(f"{w}\n" for w in names), encoding="utf-8")
    print(f"wrote {args.out} ({len(names)} names)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
