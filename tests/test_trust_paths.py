"""Issue 11, paths: a build deletes only what it wrote; a mistyped path costs nobody a file.

Every case runs the ``dossier`` command. A refused path gets one line and exit
1, and every file that was there before is still there, byte for byte.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
from pathlib import Path

import pytest

from generator.cli import main
from generator.outputs import MARKER
from builds import FIXTURE_SEEDS

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = (
    "Harbour workers end strike after pay deal\n\n"
    "Dock workers in the port of Kestrel Bay returned to work on Thursday after a nine-day strike ended.\n\n"
    "\u201cWe held the line and we won,\u201d said Maria Okafor, who chairs the dockers\u2019 union.\n"
)


def _run(cwd: Path, *args: str) -> tuple[int, list[str]]:
    buffer, out = io.StringIO(), io.StringIO()
    old = Path.cwd()
    os.chdir(cwd)
    try:
        with contextlib.redirect_stderr(buffer), contextlib.redirect_stdout(out):
            code = main(["build", "--config", str(ROOT / "mkdocs.yml"), "--quiet", "--processes", "1", *args])
    finally:
        os.chdir(old)
    return code, buffer.getvalue().splitlines()


def _tree(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*")) if p.is_file() and ".dossier-cache" not in p.parts
    }


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    """A user's folder: seeds with corrections, a thesis, notes, a plain file."""
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "strike.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "seeds" / "corrections.yml").write_text("drop:\n  - Maria Okafor\n", encoding="utf-8")
    (tmp_path / "mine" / "sub").mkdir(parents=True)
    (tmp_path / "mine" / "thesis.docx").write_bytes(b"PK\x03\x04 my thesis")
    (tmp_path / "mine" / "sub" / "notes.txt").write_text("notes", encoding="utf-8")
    (tmp_path / "report.pdf").write_bytes(b"%PDF-1.4 a file")
    return tmp_path


REFUSED = [
    (["--site", "mine"], "--site mine: not emptied or replaced"),
    (["--content", "mine"], "--content mine: not emptied or replaced"),
    (["--cache", "mine"], "--cache mine: not emptied or replaced"),
    (["--site", "."], "--site .:"),
    (["--site", ".."], "--site ..:"),
    (["--site", "seeds"], "inside the seeds folder"),
    (["--content", "seeds"], "inside the seeds folder"),
    (["--cache", "seeds"], "inside the seeds folder"),
    (["--site", "seeds/site"], "inside the seeds folder"),
    (["--site", "report.pdf"], "is an existing file"),
    (["--content", "report.pdf"], "is an existing file"),
    (["--site", "content"], "overlap"),
    (["--cache", "site/cache"], "overlap"),
]


@pytest.mark.parametrize(("args", "said"), REFUSED, ids=[" ".join(a) for a, _ in REFUSED])
def test_a_dangerous_path_is_refused_with_one_line_and_nothing_is_touched(project: Path, args: list[str], said: str) -> None:
    before = _tree(project)
    code, lines = _run(project, "--seeds", "seeds", *args)
    assert code == 1
    assert len(lines) == 1 and lines[0].startswith("dossier: error: ") and said in lines[0], lines
    assert _tree(project) == before


def test_seeds_given_from_inside_are_also_guarded(project: Path) -> None:
    """--site naming the current folder while the seeds are elsewhere."""
    work = project / "mine"
    before = _tree(project)
    code, lines = _run(work, "--seeds", str(project / "seeds"), "--site", ".", "--content", str(project / "c"))
    assert code == 1 and "current folder" in lines[0]
    assert _tree(project) == before


def test_the_project_folder_is_guarded(project: Path) -> None:
    """The folder of --config (where a user's mkdocs.yml, theme and seeds live) is never an output."""
    (project / "conf").mkdir()
    (project / "conf" / "mkdocs.yml").write_text((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), encoding="utf-8")
    before = _tree(project)
    for option in ("--site", "--content", "--cache"):
        code, lines = _run(project, "--seeds", "seeds", "--config", "conf/mkdocs.yml", option, "conf")
        assert code == 1 and "the project folder" in lines[0], lines
    assert _tree(project) == before


def test_fresh_build_marks_its_folders_and_builds_again(project: Path) -> None:
    code, lines = _run(project, "--seeds", "seeds")
    assert code == 0, lines
    for folder in ("site", "content", ".dossier-cache"):
        assert (project / folder / MARKER).is_file(), folder
    code, lines = _run(project, "--seeds", "seeds")
    assert code == 0 and lines == [], lines
    assert (project / "site" / MARKER).is_file() and (project / "mine" / "thesis.docx").is_file()


def test_folders_of_an_earlier_build_without_markers_are_adopted_with_a_line(project: Path) -> None:
    assert _run(project, "--seeds", "seeds")[0] == 0
    for folder in ("site", "content", ".dossier-cache"):
        (project / folder / MARKER).unlink()
    code, lines = _run(project, "--seeds", "seeds")
    assert code == 0, lines
    assert sorted(line.split(" ")[0] for line in lines) == ["--cache", "--content", "--site"], lines
    assert all("written by an earlier build" in line for line in lines)


def test_an_unmarked_folder_with_one_foreign_file_is_refused(project: Path) -> None:
    assert _run(project, "--seeds", "seeds")[0] == 0
    for folder in ("site", "content", ".dossier-cache"):
        (project / folder / MARKER).unlink()
        (project / folder / "my notes.docx").write_bytes(b"mine")
        before = _tree(project)
        code, lines = _run(project, "--seeds", "seeds")
        assert code == 1 and "not emptied or replaced" in lines[-1], lines
        assert _tree(project) == before
        (project / folder / "my notes.docx").unlink()
        (project / folder / MARKER).write_text("", encoding="utf-8")


def test_an_empty_existing_folder_is_used(project: Path) -> None:
    (project / "out").mkdir()
    code, lines = _run(project, "--seeds", str(FIXTURE_SEEDS), "--site", "out", "--no-site")
    assert code == 0, lines


def test_a_site_is_recognised_by_either_search_index(tmp_path: Path) -> None:
    """Since the search index is shipped once a site holds search_index.js alone; earlier
    builds wrote search_index.json beside it. A site with no search index is not one of ours."""
    from generator.outputs import EARLIER_BUILD

    for index in ("search_index.js", "search_index.json", None):
        site = tmp_path / str(index)
        (site / "search").mkdir(parents=True)
        (site / "dossier.json").write_text("{}", encoding="utf-8")
        (site / "index.html").write_text("<p>", encoding="utf-8")
        if index:
            (site / "search" / index).write_text("{}", encoding="utf-8")
        assert EARLIER_BUILD["site"](site) == (index is not None), index
