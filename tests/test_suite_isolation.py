"""The suite never reads the user's seeds/: the README tells users to fill it with their own articles."""

from __future__ import annotations

import re
from pathlib import Path

TESTS = Path(__file__).resolve().parent
# ROOT / "seeds", parent.parent / "seeds", Path("seeds") …: any path to the repository's seeds folder.
USER_SEEDS = re.compile(r"""(ROOT|parent\.parent|Path\(\))\s*/\s*["']seeds["']|Path\(["']seeds["']\)""")


def test_no_test_names_the_users_seeds_folder() -> None:
    offenders = [f"{path.name}:{number}" for path in sorted(TESTS.glob("*.py")) if path.name != Path(__file__).name
                 for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                 if USER_SEEDS.search(line)]
    assert offenders == [], f"use builds.FIXTURE_SEEDS or the seeds_dir fixture instead: {offenders}"


def test_the_pattern_catches_what_it_is_for() -> None:
    for line in ('shutil.copy(ROOT / "seeds" / name, x)', "ROOT / 'seeds'", 'Path("seeds")',
                 'Path(__file__).resolve().parent.parent / "seeds"'):
        assert USER_SEEDS.search(line), line
    for line in ('tmp_path / "seeds"', 'workdir / "seeds"', 'FIXTURE_SEEDS / name'):
        assert not USER_SEEDS.search(line), line
