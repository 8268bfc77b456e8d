"""One way for tests to run a whole build (no site, one process) in a work folder."""

from __future__ import annotations

from pathlib import Path

from generator.build import BuildResult, run_build
from generator.settings import Settings

#: The five real seeds the tests rely on. `seeds/` belongs to the user and is never read by a test.
FIXTURE_SEEDS = Path(__file__).resolve().parent / "fixtures" / "seeds"


def build(workdir: Path, **overrides) -> tuple[BuildResult, list[str]]:
    """``run_build`` over ``workdir/seeds`` into ``workdir``'s content/, site/ and cache/; result and log lines."""
    options = {
        "seeds": workdir / "seeds",
        "content": workdir / "content",
        "site": workdir / "site",
        "cache": workdir / "cache",
        "progress": False,
        "build_site": False,
        "processes": 1,
        **overrides,
    }
    lines: list[str] = []
    return run_build(Settings(**options), log=lines.append), lines
