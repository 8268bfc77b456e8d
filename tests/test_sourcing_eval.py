"""The sourcing scorer: a fixed sample and precision from judgements, on a dossier written here."""

from __future__ import annotations

import json
from pathlib import Path

from evaluation import sourcing as ev


def _dossier() -> dict:
    return {"articles": [
        {"source": "a.txt", "sourcing": {"named": ["Jane Moss", "Canada"], "unnamed": ["officials"]}},
        {"source": "b.txt", "sourcing": {"named": ["Acme"], "unnamed": ["that"]}},
    ]}


def test_sample_is_fixed_and_covers_both_lists() -> None:
    first = ev.sample(_dossier(), 3)
    assert first == ev.sample(_dossier(), 3) and len(first) == 3
    assert set(ev.entries(_dossier())) >= set(first)
    assert {kind for _, kind, _ in ev.entries(_dossier())} == {"named", "unnamed"}


def test_report_scores_judgements_still_listed(tmp_path: Path) -> None:
    judged = tmp_path / "judged.json"
    judged.write_text(json.dumps({"entries": [
        {"article": "a", "list": "named", "text": "Jane Moss", "correct": True},
        {"article": "a", "list": "named", "text": "Canada", "correct": False},
        {"article": "a", "list": "unnamed", "text": "officials", "correct": True},
        {"article": "b", "list": "unnamed", "text": "gone", "correct": False},
    ]}), encoding="utf-8")
    text = ev.report(_dossier(), judged)
    assert "precision 0.667 (2/3; named 1/2, unnamed 1/1)" in text
    assert "no longer listed by this build: 1" in text
