"""The pipeline reads in one direction: ingest -> analyse -> link -> render -> site.

Stages pass plain dataclasses (``generator/model.py``); a stage that imports another
stage's module would couple them behind the dataclasses' back (the link stage once read
``corrections.yml`` with ingest's file helpers; the site stage escaped with render's).
Shared helpers live beside the stages (``captions``, ``escape``, ``lexicon``).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from generator.cachefiles import _module_files

GENERATOR = Path(__file__).resolve().parent.parent / "generator"
STAGES = ("ingest", "analyse", "link", "render", "site")


def crossings(root: Path = GENERATOR) -> list[str]:
    """Every import of one stage's module by another stage, as "stage/file -> other/file"."""
    root = root.resolve()
    found = []
    for stage in STAGES:
        for path in sorted((root / stage).rglob("*.py")):
            for target in sorted(_module_files(path, root)):
                parts = target.relative_to(root).parts
                if parts[0] in STAGES and parts[0] != stage:
                    found.append(f"{path.relative_to(root).as_posix()} -> {'/'.join(parts)}")
    return found


def test_no_stage_imports_another() -> None:
    assert crossings() == []


def test_the_check_sees_an_import_of_another_stage(tmp_path: Path) -> None:
    copy = tmp_path / "generator"
    shutil.copytree(GENERATOR, copy, ignore=shutil.ignore_patterns("__pycache__", "data"))
    (copy / "site" / "probe.py").write_text("from ..render import pages\nimport generator.link.stories\n", encoding="utf-8")
    found = crossings(copy)
    assert "site/probe.py -> render/pages.py" in found and "site/probe.py -> link/stories.py" in found
