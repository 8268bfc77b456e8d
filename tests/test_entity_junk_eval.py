"""The entity-junk scorer: a fixed uniform sample, judgements matched to the entity as judged, a Wilson interval."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from evaluation import entity_junk as ev


def _entity(kind: str, name: str, aliases: list[str], articles: int, mentions: int) -> dict:
    return {"type": kind, "name": name, "aliases": aliases, "articles": _articles(articles),
            "mentions": mentions, "roles": []}


def _articles(n: int) -> list[str]:
    return [f"a{i}" for i in range(n)]


def _dossier() -> dict:
    return {"articles": [], "entities": [
        _entity("person", "Jane Moss", ["Moss"], 3, 9),
        _entity("person", "Brexit", [], 2, 8),
        _entity("organisation", "Acme", [], 2, 2),
        _entity("organisation", "House", [], 1, 5),
        _entity("place", "Leeds", [], 1, 1),
    ]}


def _judged(tmp_path: Path, entries: list[dict]) -> Path:
    path = tmp_path / "judged.json"
    path.write_text(json.dumps({"entries": entries}), encoding="utf-8")
    return path


def test_sample_is_fixed_uniform_and_independent_of_list_order() -> None:
    d = _dossier()
    first = ev.sample(d, 3)
    d["entities"].reverse()
    assert ev.sample(d, 3) == first and len(first) == 3
    assert len(ev.sample(d, 99)) == 5


def test_key_entities_follow_the_overview_ranking() -> None:
    names = [e["name"] for e in ev.key_entities(_dossier())]
    assert names == ["Jane Moss", "Brexit", "Acme", "House"]


def test_wilson_interval() -> None:
    low, high = ev.wilson(0, 100)
    assert low == 0.0 and high == pytest.approx(0.037, abs=0.001)
    low, high = ev.wilson(10, 100)
    assert low == pytest.approx(0.055, abs=0.001) and high == pytest.approx(0.174, abs=0.001)


def test_report_counts_junk_key_junk_unjudged_and_gone(tmp_path: Path) -> None:
    path = _judged(tmp_path, [
        {"type": "person", "name": "Jane Moss", "aliases": ["Moss"], "articles": _articles(3), "verdict": "ok"},
        {"type": "person", "name": "Brexit", "aliases": [], "articles": _articles(2), "verdict": "not an entity"},
        {"type": "organisation", "name": "Acme", "aliases": [], "articles": _articles(2), "verdict": "ok"},
        {"type": "place", "name": "Leeds", "aliases": [], "articles": _articles(1), "verdict": "ok"},
        # judged over other articles: no longer the entity this build lists
        {"type": "organisation", "name": "House", "aliases": [], "articles": _articles(3), "verdict": "merged referents"},
    ])
    text = ev.report(_dossier(), path, size=5)
    assert "junk 1/4 = 25.0%" in text and "not an entity 1" in text
    assert "key people and organisations: 1 junk of 3 judged (Brexit)" in text
    assert "not judged yet: 1 (organisation House)" in text
    assert "no longer listed by this build: 1" in text


def test_an_unknown_verdict_is_refused(tmp_path: Path) -> None:
    path = _judged(tmp_path, [{"type": "place", "name": "Leeds", "aliases": [], "articles": ["a0"], "verdict": "meh"}])
    with pytest.raises(ValueError, match="meh"):
        ev.report(_dossier(), path)


def test_the_shipped_judgements_are_well_formed() -> None:
    judged = ev.load_judged()
    assert len(judged) >= ev.SAMPLE_SIZE
