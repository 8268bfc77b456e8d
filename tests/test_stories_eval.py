"""The story scorer (pairwise P/R, 'maybe' pairs, baseline, cross-validation) on a gold and dossier written here."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from evaluation import stories as ev
from evaluation.story_threads import make_threads
from generator.link.stories import StoryParams, default_params, group_stories
from test_stories import BAKERY, ENTITIES, FOOTBALL, NAMES, STRIKE_A, STRIKE_B


@pytest.fixture()
def gold(tmp_path: Path) -> ev.Gold:
    path = tmp_path / "gold.json"
    path.write_text(json.dumps({"groups": [
        {"id": "strike", "articles": ["a", "b"], "maybe": ["m"], "why": "one strike"},
        {"id": "vote", "articles": ["x", "y", "z"], "why": "one vote"},
    ]}), encoding="utf-8")
    return ev.Gold.load(path)


def test_pairs_of_groups_and_maybes(gold: ev.Gold) -> None:
    assert gold.positive == {("a", "b"), ("x", "y"), ("x", "z"), ("y", "z")}
    assert gold.ignored == {("a", "m"), ("b", "m")}


def test_pairwise_precision_and_recall(gold: ev.Gold) -> None:
    universe = {"a", "b", "m", "x", "y", "z", "q"}
    perfect = ev.score_groups([["a", "b", "m"], ["x", "y", "z"], ["q"]], gold, universe)
    assert (perfect.tp, perfect.fp, perfect.fn) == (4, 0, 0)
    chained = ev.score_groups([["a", "b", "x", "y"], ["z"], ["m"], ["q"]], gold, universe)
    # a-b and x-y right; a-x, a-y, b-x, b-y wrong; x-z, y-z missed
    assert (chained.tp, chained.fp, chained.fn) == (2, 4, 2)
    assert chained.precision == pytest.approx(2 / 6) and chained.recall == pytest.approx(0.5)
    # restricted to a fold, pairs leaving it do not count
    held = ev.score_groups([["a", "b", "x", "y"]], gold, {"a", "b"})
    assert (held.tp, held.fp, held.fn) == (1, 0, 0)


def test_baseline_single_link_chains_and_sweeps(gold: ev.Gold) -> None:
    sims = {("a", "b"): 0.5, ("b", "x"): 0.25, ("x", "y"): 0.3, ("y", "z"): 0.3, ("q", "z"): 0.1}
    groups = ev.single_link(["a", "b", "x", "y", "z", "q"], sims, 0.2)
    assert sorted(map(sorted, groups)) == [["a", "b", "x", "y", "z"], ["q"]]
    threshold, best = ev.best_at_precision(["a", "b", "x", "y", "z", "q"], sims, gold)
    assert threshold == 0.3 and best.precision == 1.0 and best.recall == 1.0


def test_tfidf_vectors_are_unit_length_and_skip_stop_words() -> None:
    vectors = ev.tfidf_vectors({"1": "The port strike goes on", "2": "The strike ends", "3": "Bread wins"})
    assert all(abs(sum(v * v for v in vec.values()) - 1) < 1e-9 for vec in vectors.values())
    assert "the" not in vectors["1"]
    sims = ev.cosine_pairs(vectors)
    assert sims[("1", "2")] > 0 and ("1", "3") not in sims


def test_choose_prefers_recall_at_target_precision_on_every_set() -> None:
    grid = ev.grid(ev.Weights.zero())[:3]
    scores = {grid[0]: ev.PairScore(5, 5, 0), grid[1]: ev.PairScore(3, 0, 2), grid[2]: ev.PairScore(2, 0, 3)}
    # a second set on which grid[1] is imprecise: only grid[2] is precise enough on both
    other = {grid[0]: ev.PairScore(5, 5, 0), grid[1]: ev.PairScore(9, 1, 0), grid[2]: ev.PairScore(1, 0, 1)}
    assert ev.choose([scores]) == grid[1]
    assert ev.choose([scores, other]) == grid[2]


def _dossier() -> dict:
    articles = [STRIKE_A, STRIKE_B, FOOTBALL, BAKERY]
    stories, _ = group_stories(articles, ENTITIES, NAMES)
    return {
        "articles": [
            {"id": a.article.id, "source": a.article.source, "title": a.title, "title_generated": False,
             "date": a.article.date, "url": None, "publisher": None, "body": a.article.text.split("\n\n"),
             **{key: ENTITIES[a.article.id].get(kind, []) for key, kind in
                (("people", "person"), ("organisations", "organisation"), ("places", "place"))}}
            for a in articles
        ],
        "entities": [{"id": k, "name": v} for k, v in NAMES.items()],
        "stories": [{"id": s.id, "title": s.title, "articles": s.articles} for s in stories],
    }


def _story_set(tmp_path: Path, name: str, gold: dict) -> ev.StorySet:
    dossier = _dossier()
    seeds = tmp_path / name / "seeds"
    seeds.mkdir(parents=True)
    for a in dossier["articles"]:
        (seeds / a["source"]).write_text("\n\n".join(a["body"]), encoding="utf-8")
    gold_path = tmp_path / name / "gold.json"
    gold_path.write_text(json.dumps(gold), encoding="utf-8")
    return ev.StorySet.from_build(name, dossier, ev.Gold.load(gold_path), seeds)


def test_report_scores_every_set_and_the_baseline(tmp_path: Path) -> None:
    strike = {"groups": [{"id": "s", "articles": ["a", "b"], "why": "strike"}],
              "different": [{"articles": ["c", "d"], "why": "football; bread"}]}
    first = _story_set(tmp_path, "one", strike)
    second = _story_set(tmp_path, "two", strike)
    assert first.built == [["a", "b"], ["c"], ["d"]]
    params = default_params()
    assert sorted(map(sorted, first.inputs.graph(params).groups(params))) == [["a", "b"], ["c"], ["d"]]
    assert first.gold.different == {("c", "d")}
    text = ev.report([first, second])
    assert "#### one" in text and "#### two" in text
    assert "ours, as built: P 1.000 | R 1.000" in text
    assert "fitted on the other sets only" in text and "cross-validated" in text
    assert "baseline TF-IDF cosine single link at 0.2" in text
    assert "hard negatives) put in one story: ours 0/1" in text


def test_baseline_threshold_is_chosen_on_the_other_sets(tmp_path: Path) -> None:
    strike = {"groups": [{"id": "s", "articles": ["a", "b"], "why": "strike"}]}
    one, two = _story_set(tmp_path, "one", strike), _story_set(tmp_path, "two", strike)
    # set "one" only: the strike pair at 0.5, a false pair at 0.3; on "two" the false pair is at 0.55
    one.sims = {("a", "b"): 0.5, ("c", "d"): 0.3}
    two.sims = {("a", "b"): 0.6, ("c", "d"): 0.55}
    held = ev.baseline_held_out([one, two])
    # for "one", "two" decides: above 0.55 is the only precise range, and it misses the strike pair
    assert held["one"][0] == 0.58 and held["one"][1].tp == 0  # the middle of 0.56 .. 0.60
    # for "two", "one" decides: 0.31 .. 0.50 are precise there, the middle joins c-d on "two"
    assert held["two"][0] == 0.41 and (held["two"][1].tp, held["two"][1].fp) == (1, 1)
    assert ev.baseline_held_out([one]) == {}
    assert "baseline with its threshold chosen on the other sets only (0.41)" in ev.report([one, two])


def test_cross_validation_fits_on_the_other_set(tmp_path: Path) -> None:
    strike = {"groups": [{"id": "s", "articles": ["a", "b"], "why": "strike"}]}
    sets = [_story_set(tmp_path, "one", strike), _story_set(tmp_path, "two", strike)]
    held = ev.cross_validate(sets)
    for name in ("one", "two"):
        score, chosen = held[name].cross_set
        assert chosen in ev.grid(ev.Weights(chosen.bias, chosen.entity_weight, chosen.text_weight,
                                            chosen.lede_weight, chosen.whole_weight))
        assert score.tp == 1 and score.fp == 0
    assert ev.cross_validate(sets[:1])["one"].cross_set is None


def test_story_params_change_the_grouping() -> None:
    # the strike pair's (entity, text, lede, whole) are about (.97, .86, .87, .62): score ~ .995
    weights = dict(bias=-2.0, entity_weight=3.0, text_weight=3.0, lede_weight=0.0, whole_weight=3.0)
    strict = StoryParams(threshold=0.999, join_mean=0.5, organisation_weight=0.4, place_weight=0.2,
                         number_conflict=2.0, **weights)
    stories, _ = group_stories([STRIKE_A, STRIKE_B, FOOTBALL], ENTITIES, NAMES, params=strict)
    assert all(len(s.articles) == 1 for s in stories)
    loose = StoryParams(threshold=0.2, join_mean=0.5, organisation_weight=0.4, place_weight=0.2,
                        number_conflict=2.0, **weights)
    stories, _ = group_stories([STRIKE_A, STRIKE_B, FOOTBALL], ENTITIES, NAMES, params=loose)
    assert ["a", "b"] in [s.articles for s in stories]


def test_folds_keep_a_group_together_and_cover_every_article(gold: ev.Gold) -> None:
    ids = ["a", "b", "m", "x", "y", "z", "p", "q", "r"]
    parts = ev.folds(ids, gold, k=3)
    assert sorted(a for part in parts for a in part) == sorted(ids)
    assert any({"a", "b", "m"} <= part for part in parts) and any({"x", "y", "z"} <= part for part in parts)


@pytest.mark.parametrize("path", [ev.GOLD, ev.BBC_GOLD])
def test_shipped_gold_and_parameters_are_well_formed(path: Path) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    seen: set[str] = set()
    for group in data["groups"]:
        assert group["why"] and len(group["articles"] + group.get("maybe", [])) >= 2
        members = group["articles"] + group.get("maybe", [])
        assert not seen & set(members)
        seen |= set(members)
    gold = ev.Gold.load(path)
    assert gold.positive and not gold.positive & gold.ignored
    assert gold.different and not gold.different & (gold.positive | gold.ignored)
    assert all(item["why"] and len(item["articles"]) == 2 for item in data["different"])
    params = default_params()
    assert 0 < params.threshold < 1 and 0 <= params.join_mean <= 1
    weights = ev.Weights(params.bias, params.entity_weight, params.text_weight, params.lede_weight, params.whole_weight)
    assert params in ev.grid(weights)  # the shipped parameters are a point the fit can choose
    assert all(getattr(params, f"{f}_weight") == 0.0 for f in ev.FEATURES if f not in ev.MODEL_FEATURES)


def _table(features: list[tuple[float, float, float, float]], labels: list[int]) -> ev.PairTable:
    pairs = [(f"p{i:02d}", f"q{i:02d}") for i in range(len(labels))]
    return ev.PairTable(pairs, np.array(features, dtype=float), np.array(labels, dtype=int))


def test_fit_weights_learns_from_the_training_rows_only(monkeypatch: pytest.MonkeyPatch) -> None:
    # Same-event pairs have a high whole-text cosine; the other features are noise.
    features = [(0.9, 0.1, 0.5, 0.8), (0.1, 0.2, 0.5, 0.7), (0.5, 0.1, 0.5, 0.75),
                (0.9, 0.3, 0.5, 0.1), (0.2, 0.2, 0.5, 0.2), (0.6, 0.1, 0.5, 0.15), (0.4, 0.9, 0.5, 0.3)]
    labels = [1, 1, 1, 0, 0, 0, -1]
    table = _table(features, labels)
    everything = {a for pair in table.pairs for a in pair}
    monkeypatch.setattr(ev, "MODEL_FEATURES", ev.FEATURES)
    weights = ev.fit_weights([(table, everything)])
    assert weights.whole > 1.0 and weights.whole > abs(weights.entity) and weights.lede == pytest.approx(0.0, abs=1e-3)
    assert weights == ev.fit_weights([(table, everything)])  # deterministic
    # rows outside the universe (and the 'maybe' row) teach nothing: without the positives, no fit
    assert ev.fit_weights([(table, everything - {"p00", "p01", "p02"})]) == ev.Weights.zero()
    monkeypatch.setattr(ev, "MODEL_FEATURES", ("whole",))
    only = ev.fit_weights([(table, everything)])
    assert only.whole > 0 and only.entity == only.text == only.lede == 0.0


def test_thread_set_is_made_reproducibly(tmp_path: Path) -> None:
    cnndm = tmp_path / "cnndm"
    (cnndm / "seeds").mkdir(parents=True)
    long = [f"Sentence {i} about the harbour fire." for i in range(9)]
    (cnndm / "seeds" / "cnn-test-0123456789abcdef.txt").write_text("\n".join(long), encoding="utf-8")
    (cnndm / "seeds" / "dm-test-fedcba9876543210.txt").write_text("One.\nTwo.\nThree.", encoding="utf-8")
    (cnndm / "refs.json").write_text(json.dumps({
        "cnn-test-0123456789abcdef": "A fire hit the harbour.", "dm-test-fedcba9876543210": "Too short."}))
    gold = make_threads(cnndm, tmp_path / "out")
    assert [g["articles"] for g in gold["groups"]] == [["cnn-01234567-a", "cnn-01234567-b", "cnn-01234567-c"]]
    seeds = tmp_path / "out" / "seeds"
    a, b, c = (seeds / "cnn-01234567-a.txt").read_text(encoding="utf-8").split("\n")[:-1], \
        (seeds / "cnn-01234567-b.txt").read_text(encoding="utf-8").split("\n")[:-1], \
        (seeds / "cnn-01234567-c.txt").read_text(encoding="utf-8")
    assert a == long[:5] and b == long[4:] and c == "A fire hit the harbour.\n"
    first = {p.name: p.read_bytes() for p in seeds.iterdir()}
    make_threads(cnndm, tmp_path / "out")
    assert first == {p.name: p.read_bytes() for p in seeds.iterdir()}
    assert ev.Gold.load(tmp_path / "out" / "gold.json").positive == {
        ("cnn-01234567-a", "cnn-01234567-b"), ("cnn-01234567-a", "cnn-01234567-c"), ("cnn-01234567-b", "cnn-01234567-c")}
