"""The synthetic-seed generator behind ``make bench``: deterministic, varied, readable by ingest."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

# evaluation/ is a developer package, not installed: `python -m pytest` finds it from the
# repository root, a bare `pytest` needs the root on the path.
if str(Path(__file__).resolve().parent.parent) not in sys.path:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from evaluation.synth import FIRST_NAMES, build_pool, generate, make_article, split_units, write_articles
from generator.ingest import read_seeds
from generator.ingest.dedupe import NearDuplicateIndex, jaccard, shingles

# Our own seed (not one of the project's): a person named in full and then by surname,
# places and an institution, so the name swapping can be checked on text we control.
OWN_SEED = """Harbour talks stall as ministers trade blame
2023-05-02

Anna Kowalski, the chair of the Baltic Fisheries Council, arrived in Norway on Monday for two days of talks.
Kowalski said the talks would decide quotas for the next five years. "We are not here to sign anything we cannot defend at home," she said.
Officials in Poland said they expected a long night. Talks were held at the Norwegian Ministry of Fisheries and lasted until midnight.
Kowalski later told reporters in Oslo that a deal was close. "The numbers are moving in the right direction," Kowalski said.
Fishermen in Gdansk said they had heard such promises before and would wait for the text.
"""


@pytest.fixture(scope="module")
def pool(nlp, seeds_dir: Path):
    return build_pool(seeds_dir, nlp=nlp)


@pytest.fixture(scope="module")
def own_pool(nlp, tmp_path_factory):
    folder = tmp_path_factory.mktemp("own-seeds")
    (folder / "talks.txt").write_text(OWN_SEED, encoding="utf-8")
    return build_pool(folder, nlp=nlp, people=500)


def test_split_units_keeps_quotations_whole() -> None:
    paragraph = 'He arrived on Monday. "We will win. We always do," he said. Then he left.'
    assert split_units(paragraph) == ["He arrived on Monday.", '"We will win. We always do," he said.', "Then he left."]
    # A quotation that runs on into the next paragraph (never closed here) is dropped, not kept unbalanced.
    assert split_units("She spoke first. “We will stay until the end.") == ["She spoke first."]


def test_same_seed_same_articles_and_prefix_stable(pool) -> None:
    first = generate(pool, 6, seed=1)
    assert first == generate(pool, 6, seed=1)
    assert first[:3] == generate(pool, 3, seed=1)
    assert make_article(pool, 6, seed=1) == generate(pool, 1, seed=1, start=6)[0]
    assert [a.text for a in generate(pool, 6, seed=2)] != [a.text for a in first]


def test_writes_n_files(pool, tmp_path: Path) -> None:
    paths = write_articles(generate(pool, 25), tmp_path / "seeds")
    assert len(paths) == 25
    assert sorted(p.name for p in (tmp_path / "seeds").glob("*.txt")) == [f"synth-{i:05d}.txt" for i in range(25)]
    assert all(p.read_text(encoding="utf-8").strip() for p in paths)


def test_articles_are_varied(pool) -> None:
    articles = generate(pool, 300)
    index = NearDuplicateIndex()
    assert [a.name for a in articles if index.add(a.name, a.text) is not None] == []
    sets = [shingles(a.text) for a in articles[:40]]
    worst = max(jaccard(a, b) for i, a in enumerate(sets) for b in sets[i + 1 :])
    assert worst < 0.5
    lengths = [len(a.text.split()) for a in articles]
    assert min(lengths) >= 150 and max(lengths) > 2 * min(lengths)
    # Thousands of distinct people over a full-size run; hundreds already here.
    first = "|".join(FIRST_NAMES)
    people = {m for a in articles for m in re.findall(rf"\b(?:{first}) [A-Z][a-z]+\b", a.text)}
    assert len(people) > 300


def test_headers_and_junk_read_back_by_ingest(pool, tmp_path: Path) -> None:
    made = {a.name: a for a in generate(pool, 80, seed=3)}
    write_articles(list(made.values()), tmp_path)
    articles, problems = read_seeds(tmp_path)
    assert len(articles) == 80
    assert not [p for p in problems if "duplicate" in p.message or p.severity == "error"]
    shapes = {(a.title is None, a.date is None, a.url is None) for a in made.values()}
    assert len(shapes) >= 4  # titled or not, dated or not, with and without URL
    assert any(a.junk for a in made.values())
    for article in articles:
        expected = made[article.source]
        assert (article.title, article.date, article.url) == (expected.title, expected.date, expected.url)
        for line in expected.junk:
            assert line not in article.text.split("\n\n")
            assert line in article.removed


def test_names_swapped_consistently_within_an_article(own_pool) -> None:
    kinds = {(slot.kind, slot.key) for unit in own_pool.units for slot in unit.slots}
    assert ("full", "Anna Kowalski") in kinds and ("surname", "Anna Kowalski") in kinds
    swapped = kept = 0
    for article in generate(own_pool, 60):
        if "Kowalski" not in article.text:
            swapped += 1
            surnames = [
                m.split()[-1] for m in re.findall(r"\b[A-Z][a-z]+ [A-Z][a-z]+(?=, the chair)", article.text)
            ]
            for surname in surnames:  # the replacement's surname stands in for "Kowalski" alone
                assert re.search(rf"\b{surname} (?:said|later told)", article.text)
        elif "Anna Kowalski" in article.text:
            kept += 1
    assert swapped > 20 and kept > 0
