"""Shared fixtures: the spaCy pipeline is loaded once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "tests" / "fixtures" / "seeds"  # the five seeds the tests rely on; seeds/ is the user's


@pytest.fixture(scope="session")
def nlp():
    from generator.analyse.nlp import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


def pytest_report_header(config) -> list[str]:
    """Name the browser the browser tests ran with: a failure there often comes with a new Chromium."""
    import shutil
    import subprocess

    lines = []
    for tool in ("chromium", "chromedriver"):
        path = shutil.which(tool)
        if not path:
            lines.append(f"{tool}: not installed")
            continue
        try:
            out = subprocess.run([path, "--version"], capture_output=True, text=True, timeout=30).stdout.strip()
        except (OSError, subprocess.SubprocessError) as error:
            out = f"version unknown ({error})"
        lines.append(f"{tool}: {out or 'version unknown'} ({path})")
    return lines
