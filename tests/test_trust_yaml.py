"""Issue 11, front matter and corrections.yml: bad values are warnings, never a traceback.

Through the ``dossier`` command. Each seed's front matter has one problem (an
impossible date or time, a list or mapping as title, a 150,000-character
title, 5,000 levels of nesting, an alias bomb); each gets one line naming
the file, and its article is still built (undated, or titled from its
text). A corrections.yml nested 5,000 levels deep or holding an alias bomb
stops the build with one line naming the file and line, never a traceback.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hostile_site import run_dossier

ROOT = Path(__file__).resolve().parent.parent
BODY = (
    "Dock workers in the port of Kestrel Bay returned to work on Thursday after a nine-day strike ended.\n\n"
    "\u201cWe held the line and we won,\u201d said Maria Okafor, who chairs the dockers\u2019 union.\n"
)
BOMB = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 10)}]\n" for i in range(9)
)
#: seed name -> (front matter, words its one line must hold, what the article keeps)
CASES = {
    "month-13.md": ("date: 2022-13-45", "date not understood", {"date": None}),
    "feb-30.md": ("date: 2022-02-30", "date not understood", {"date": None}),
    "bad-time.md": ("date: 2022-01-01 25:61:00", "date not understood", {"date": None}),
    "explicit-tag.md": ("date: !!timestamp 2022-02-30", "date not understood", {"date": None}),
    "list-title.md": ("title: [1, 2, {a: b}]\ndate: 2022-05-01", "title is not text (a list)", {"date": "2022-05-01"}),
    "dict-title.md": ("title: {a: b}", "title is not text (a mapping)", {}),
    "long-title.md": ("title: " + "word " * 30_000, "cut to", {}),
    "deep.md": ("title: " + "[" * 5_000 + "]" * 5_000, "nested more than", {}),
    "alias-bomb.md": (BOMB + "title: *j", "anchors (&name) are not accepted", {}),
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, list[str], dict]:
    tmp = tmp_path_factory.mktemp("trust-yaml")
    seeds = tmp / "seeds"
    seeds.mkdir()
    for n, (name, (front, _, _)) in enumerate(CASES.items()):
        (seeds / name).write_text(f"---\n{front}\n---\n{BODY.replace('Thursday', f'day {n}')}", encoding="utf-8")
    code, lines = run_dossier(tmp, seeds, "--no-site")
    data = json.loads((tmp / "content" / "dossier.json").read_text(encoding="utf-8"))
    return code, lines, {a["source"]: a for a in data["articles"]}


def test_no_traceback_and_every_article_is_built(built) -> None:
    code, lines, articles = built
    assert code == 0, lines
    assert set(articles) == set(CASES)
    assert not any("Traceback" in line or "Error" in line for line in lines), lines


@pytest.mark.parametrize("name", list(CASES))
def test_one_line_names_the_file_and_the_reason(built, name: str) -> None:
    _, lines, articles = built
    mine = [line for line in lines if line.startswith(f"{name}: ")]
    assert len(mine) == 1 and CASES[name][1] in mine[0], (name, lines)
    assert len(mine[0]) < 400
    article = articles[name]
    for key, value in CASES[name][2].items():
        assert article[key] == value
    title = article["title"]
    assert 0 < len(title) <= 200 and "{" not in title and "[1, 2" not in title


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("rename:\n  a: " + "[" * 5_000 + "]" * 5_000 + "\n", "corrections.yml line 2: not valid YAML (nested more than"),
        (BOMB + "drop: *j\n", "corrections.yml line 1: not valid YAML (anchors"),
        ("rename:\n  \"Maria Okafor\": 2022-13-45\n", None),
    ],
)
def test_corrections_yml_never_gives_a_traceback(tmp_path: Path, text: str, said: str | None) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text("Strike ends\n\n" + BODY, encoding="utf-8")
    (seeds / "corrections.yml").write_text(text, encoding="utf-8")
    code, lines = run_dossier(tmp_path, seeds, "--no-site")
    if said is None:
        assert code == 0, lines  # a date as a new name is only text
        return
    assert code == 1 and lines[-1].startswith(f"dossier: error: {said}"), lines


def test_corrections_yml_linked_out_of_the_seeds_folder_is_not_read(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text("Strike ends\n\n" + BODY, encoding="utf-8")
    (tmp_path / "secret.yml").write_text("SECRET-b7e1: [\n", encoding="utf-8")
    (seeds / "corrections.yml").symlink_to(tmp_path / "secret.yml")
    code, lines = run_dossier(tmp_path, seeds, "--no-site")
    assert code == 1 and "outside the seeds folder" in lines[-1] and "SECRET" not in "\n".join(lines)
