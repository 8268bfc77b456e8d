"""Issue 11, names: no seed or entity takes one of the generator's own page names.

Through the ``dossier`` command: seeds named ``index.txt`` / ``INDEX-2.md`` and
entities renamed ``Index`` / ``Letter B`` get a suffix and a line in the
build output and on the report page; two outputs with one path fail the build.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from hostile_site import run_dossier
from generator.pagenames import DuplicatePathError, check_unique, is_reserved

ROOT = Path(__file__).resolve().parent.parent


def _article(place: str, person: str) -> str:
    return (
        f"Harbour workers in {place} end strike after pay deal\n\n"
        f"Dock workers in the port of {place} returned to work on Thursday after a nine-day strike ended.\n\n"
        f"\u201cWe held the line and we won,\u201d said {person}, who chairs the dockers\u2019 union in {place}.\n\n"
        f"{person} said the union would meet again in {place} next month.\n"
    )


def _run(tmp: Path, *extra: str) -> tuple[int, list[str]]:
    return run_dossier(tmp, tmp / "seeds", *extra)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int, list[str]]:
    tmp = tmp_path_factory.mktemp("trust-names")
    seeds = tmp / "seeds"
    seeds.mkdir()
    (seeds / "index.txt").write_text(_article("Kestrel Bay", "Maria Okafor"), encoding="utf-8")
    (seeds / "INDEX-2.md").write_text(_article("Weller Port", "Tomas Lindqvist"), encoding="utf-8")
    (seeds / "letter-b.txt").write_text(_article("Alderton", "Priya Raman"), encoding="utf-8")
    (seeds / "corrections.yml").write_text(
        'rename:\n  "Maria Okafor": "Index"\n  "Tomas Lindqvist": "Letter B"\n  "Priya Raman": "index 3"\n', encoding="utf-8"
    )
    code, lines = _run(tmp)
    return tmp, code, lines


def test_build_succeeds_and_says_each_renamed_page(built) -> None:
    tmp, code, lines = built
    assert code == 0, lines
    for source in ("index.txt", "INDEX-2.md", "letter-b.txt"):
        mine = [line for line in lines if line.startswith(f"{source}: ")]
        assert len(mine) == 1 and "is the dossier's own" in mine[0], (source, lines)
    for name in ("Index", "Letter B", "index 3"):
        mine = [line for line in lines if line.startswith(f"{name}: ")]
        assert len(mine) == 1 and "is the dossier's own; the page is people/" in mine[0], (name, lines)


def test_the_generators_pages_are_its_own(built) -> None:
    tmp, *_ = built
    site = tmp / "site"
    assert '<h1 id="articles">Articles' in (site / "articles" / "index.html").read_text(encoding="utf-8")
    assert '<h1 id="people">People' in (site / "people" / "index.html").read_text(encoding="utf-8")
    person_pages = {p.name for p in (site / "people").glob("*.html")}
    assert {"index-person.html", "letter-b-person.html", "index-3-person.html"} <= person_pages
    articles = {p.name for p in (site / "articles").glob("*.html")}
    assert len(articles) == 4 and not {"index-2.html", "INDEX-2.html", "letter-b.html"} & articles


def test_report_page_lists_the_renamed_pages(built) -> None:
    tmp, *_ = built
    report = (tmp / "site" / "report.html").read_text(encoding="utf-8")
    assert "index.txt" in report and "Letter B" in report


def test_two_outputs_with_one_path_fail_the_build(tmp_path: Path, monkeypatch) -> None:
    import generator.render.pages as pages

    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "a.txt").write_text(_article("Kestrel Bay", "Maria Okafor"), encoding="utf-8")
    monkeypatch.setattr(pages, "article_page", lambda article_id: "stories.md")  # a page over another
    code, lines = _run(tmp_path, "--no-site")
    assert code == 1
    assert lines[-1] == "dossier: error: two pages would be written to one file: stories.md and stories.md"


@pytest.mark.parametrize("name", ["index", "INDEX", "index-12", "letter-b", "Letter-Other", "letter-b-2"])
def test_reserved(name: str) -> None:
    assert is_reserved(name)


@pytest.mark.parametrize("name", ["indexes", "index-person", "letter-bb", "letter-b-person", "letter-b-2x", "2022", "Maria"])
def test_not_reserved(name: str) -> None:
    assert not is_reserved(name)


def test_paths_differing_only_in_case_are_one_file() -> None:
    with pytest.raises(DuplicatePathError):
        check_unique(["people/Index.md", "people/index.md"])
