"""Build settings: one frozen dataclass, filled from the command line and environment.

Everything that changes what the analysis produces is part of
``analysis_key`` so cached results are never reused across settings.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path


def default_processes() -> int:
    """Every core, at most eight: each analysis worker holds its own spaCy model (about 300 MB)."""
    return max(1, min(os.cpu_count() or 1, 8))


@dataclass(frozen=True)
class Settings:
    """What a build reads, writes and how it analyses."""

    seeds: Path = Path("seeds")
    content: Path = Path("content")
    site: Path = Path("site")
    config: Path = Path("mkdocs.yml")
    cache: Path | None = Path(".dossier-cache")
    model: str | None = None
    summary_sentences: int = 3
    processes: int = field(default_factory=default_processes)
    batch_size: int = 16
    strict: bool = False
    progress: bool = True
    build_site: bool = True

    @property
    def corrections(self) -> Path:
        """The user's entity corrections live beside the seeds they correct."""
        return self.seeds / "corrections.yml"
