"""Learn the story score's background document frequencies: ``python -m evaluation.story_idf [eval_dir]``.

The whole-text TF-IDF cosine the story score reads used to weigh words by the
dossier's own document frequencies. Those move with every article added, so no
article's vector could be kept between builds, and over five articles they are
too coarse to tell a rare word from a common one. Its IDF is read from a
background corpus instead: CoNLL-2003's training documents (946 Reuters news
stories, ``../shared/eval/conll-train``), which no story set the evaluation
judges draws on (GGT, BBC and the cnndm-dev threads stay unseen). Terms are
counted by the generator's own :func:`generator.link.stories._counts`, so the
file speaks the generator's stems.

Only terms found in at least ``MIN_DF`` documents are written, at most
``MAX_TERMS`` of them (most frequent first): a term left out is as rare as one
the corpus never saw and gets the highest IDF, which is what its document
frequency would give it anyway (one document or none: within a few per cent).
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from generator.link.stories import BACKGROUND_FILE, _counts

MIN_DF = 2
MAX_TERMS = 12000
OUT = Path(__file__).resolve().parent.parent / "generator" / "lexicon" / "data" / BACKGROUND_FILE


def background_df(seeds: Path) -> tuple[int, Counter[str]]:
    """(number of documents, document frequency of each term) over the ``*.txt`` files in ``seeds``."""
    files = sorted(seeds.glob("*.txt"))
    df: Counter[str] = Counter()
    for path in files:
        df.update(_counts(path.read_text(encoding="utf-8", errors="replace")).keys())
    return len(files), df


def write(documents: int, df: Counter[str], path: Path = OUT, corpus: str = "conll-train") -> dict:
    """The data file: the corpus size and the kept terms' document frequencies, in a stable order."""
    kept = sorted(((t, n) for t, n in df.items() if n >= MIN_DF), key=lambda item: (-item[1], item[0]))[:MAX_TERMS]
    data = {
        "source": f"written by python -m evaluation.story_idf from {corpus} ({documents} documents); "
        f"terms in at least {MIN_DF} documents, at most {MAX_TERMS}",
        "documents": documents,
        "df": dict(sorted(kept)),
    }
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False) + "\n", encoding="utf-8")
    return data


def main(argv: list[str]) -> int:
    from .__main__ import DEFAULT_EVAL

    eval_dir = Path(argv[0]) if argv else DEFAULT_EVAL
    seeds = eval_dir / "conll-train" / "seeds"
    if not seeds.is_dir():
        print(f"{seeds}: not found (the background corpus)", file=sys.stderr)
        return 1
    documents, df = background_df(seeds)
    data = write(documents, df)
    print(f"{OUT}: {len(data['df'])} terms of {len(df)}, {documents} documents")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
