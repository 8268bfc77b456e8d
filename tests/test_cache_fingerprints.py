"""A cached stage result is reused only while every line of code that made it is unchanged.

The ingest and analyse caches hash their own package and every module of ours it
imports (captions, lexicon, model): a new junk rule in ``captions.py`` once left
cached articles with their old text until the cache was cleared by hand.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cachefiles import imported_modules, stage_fingerprint

ROOT = Path(__file__).resolve().parent.parent
GENERATOR = ROOT / "generator"


@pytest.mark.parametrize("stage", ["ingest", "analyse"])
def test_the_shared_modules_a_stage_reads_are_hashed(stage: str) -> None:
    files = {path.relative_to(GENERATOR).as_posix() for path in imported_modules(GENERATOR / stage)}
    assert {"captions.py", "lexicon/__init__.py", "model.py", f"{stage}/__init__.py"} <= files
    assert "render/__init__.py" not in files and "site/__init__.py" not in files


@pytest.mark.parametrize("stage", ["ingest", "analyse"])
def test_every_module_loaded_when_a_stage_runs_is_hashed(stage: str) -> None:
    """Import every module of the stage in a fresh interpreter: all of ours it loads are in its hash."""
    script = f"""
import importlib, json, pkgutil, sys
import generator.{stage} as package
for info in pkgutil.walk_packages(package.__path__, "generator.{stage}."):
    importlib.import_module(info.name)
print(json.dumps(sorted({{m.__file__ for n, m in sys.modules.items() if n.split(".")[0] == "generator" and getattr(m, "__file__", None)}})))
"""
    loaded = json.loads(subprocess.run([sys.executable, "-c", script], cwd=ROOT, check=True, capture_output=True, text=True).stdout)
    hashed = {str(path) for path in imported_modules(GENERATOR / stage)}
    assert {str(Path(f).resolve()) for f in loaded} - hashed == set()


def test_a_change_to_captions_changes_the_ingest_and_analyse_hashes(tmp_path: Path) -> None:
    copy = tmp_path / "generator"
    shutil.copytree(GENERATOR, copy, ignore=shutil.ignore_patterns("__pycache__", "data"))
    before = {stage: stage_fingerprint(copy / stage) for stage in ("ingest", "analyse")}
    captions = copy / "captions.py"
    captions.write_text(captions.read_text(encoding="utf-8") + "\n# a new rule\n", encoding="utf-8")
    after = {stage: stage_fingerprint(copy / stage) for stage in ("ingest", "analyse")}
    assert all(before[stage] != after[stage] for stage in before)
    (copy / "render" / "pages.py").write_text("# render is not read by ingest\n", encoding="utf-8")
    assert stage_fingerprint(copy / "ingest") == after["ingest"]
