"""The user's corrections.yml: format, errors with line numbers, and their effect on linking."""

from __future__ import annotations

import pytest

from generator.ingest.corrections import CorrectionsError, load_corrections, parse_corrections
from generator.link.entities import link_entities
from generator.model import AnalysedArticle, Article, Mention, Paragraph


def article(aid: str, mentions: list[tuple[str, str]]) -> AnalysedArticle:
    """An analysed article whose body is its mentions, one sentence each."""
    ms, pos = [], 0
    for name, kind in mentions:
        sentence = f"{name} was mentioned."
        ms.append(Mention(name, kind, pos, pos + len(name), sentence))  # type: ignore[arg-type]
        pos += len(sentence) + 1
    art = Article(id=aid, source=f"{aid}.txt", title=None, date=None, url=None, publisher=None,
                  paragraphs=[Paragraph(" ".join(m.sentence for m in ms))])
    return AnalysedArticle(article=art, title=aid, title_generated=False, summary=[], mentions=ms, quotes=[])

GOOD = """\
# corrections for this dossier
merge:
  - [Vladimir Putin, V. Putin]
rename:
  Recep Tayyip Erdogan: Recep Tayyip Erdoğan
type:
  Kremlin: organisation
drop:
  - Zombie
  - Nobody Atall
"""


def dossier():
    a = article(
        "a",
        [
            ("Vladimir Putin", "person"),
            ("V. Putin", "person"),
            ("Recep Tayyip Erdogan", "person"),
            ("Kremlin", "place"),
            ("Kremlin", "place"),
            ("Zombie", "person"),
        ],
    )
    return [a]


def test_missing_file_means_no_corrections(tmp_path):
    corrections, problems = load_corrections(tmp_path / "corrections.yml")
    assert not corrections and problems == []


def test_empty_file_is_fine(tmp_path):
    path = tmp_path / "corrections.yml"
    path.write_text("# nothing yet\n", encoding="utf-8")
    corrections, problems = load_corrections(path)
    assert not corrections and problems == []


def test_entries_keep_their_line_numbers(tmp_path):
    path = tmp_path / "corrections.yml"
    path.write_text(GOOD, encoding="utf-8")
    corrections, problems = load_corrections(path)
    assert problems == []
    got = [(e.action, e.names, e.value, e.line) for e in corrections.entries]
    assert got == [
        ("merge", ("Vladimir Putin", "V. Putin"), None, 3),
        ("rename", ("Recep Tayyip Erdogan",), "Recep Tayyip Erdoğan", 5),
        ("type", ("Kremlin",), "organisation", 7),
        ("drop", ("Zombie",), None, 9),
        ("drop", ("Nobody Atall",), None, 10),
    ]


@pytest.mark.parametrize(
    "text, line, words",
    [
        ("merge: [a, b\n", 2, "not valid YAML"),
        ("- just a list\n", 1, "top level"),
        ("rename:\n  A: B\nmerges:\n  - [A, B]\n", 3, "unknown section 'merges'"),
        ("type:\n  Kremlin: building\n", 2, "unknown type 'building'"),
        ("merge:\n  - [Only One]\n", 2, "at least two names"),
        ("merge:\n  - Vladimir Putin\n", 2, "list of names"),
        ("drop: Zombie\n", 1, "must be a list"),
        ("drop:\n  - [a, b]\n", 2, "must be a name"),
    ],
)
def test_malformed_files_raise_with_file_and_line(text, line, words):
    with pytest.raises(CorrectionsError) as err:
        parse_corrections(text)
    message = str(err.value)
    assert message.startswith(f"corrections.yml line {line}:"), message
    assert words in message


def test_the_same_name_twice_is_a_warning():
    corrections, problems = parse_corrections("type:\n  Kremlin: place\n  Kremlin: organisation\n")
    assert len(corrections.entries) == 2
    assert len(problems) == 1 and "line 3" in problems[0].message


def test_corrections_apply_on_linking(tmp_path):
    path = tmp_path / "corrections.yml"
    path.write_text(GOOD, encoding="utf-8")
    corrections, _ = load_corrections(path)
    before = link_entities(dossier())
    assert len([e for e in before.entities.values() if e.type == "person"]) == 4

    index = link_entities(dossier(), corrections)
    people = {e.name: e for e in index.entities.values() if e.type == "person"}
    assert set(people) == {"Vladimir Putin", "Recep Tayyip Erdoğan"}
    assert people["Vladimir Putin"].aliases == ["V. Putin"]
    assert people["Vladimir Putin"].mention_count == 2
    erdogan = people["Recep Tayyip Erdoğan"]
    assert erdogan.id == "recep-tayyip-erdogan" and "Recep Tayyip Erdogan" in erdogan.aliases
    assert index.entities["kremlin"].type == "organisation"
    assert index.by_article["a"]["organisation"] == ["kremlin"]
    assert not any(e.name == "Zombie" for e in index.entities.values())
    # The entry naming nothing is reported with the file and its line.
    assert [(p.source, p.message, p.severity) for p in index.problems] == [
        ("corrections.yml", "line 10: drop: 'Nobody Atall' names no entity", "warning")
    ]


def test_corrections_match_ids_and_aliases():
    corrections, _ = parse_corrections("drop:\n  - vladimir-putin\ntype:\n  V. Putin: place\n")
    a = article("a", [("Vladimir Putin", "person"), ("Putin", "person"), ("V. Putin", "person")])
    index = link_entities([a], corrections)
    assert all(e.name != "Vladimir Putin" for e in index.entities.values())
    # "V. Putin" was a separate entity; its retyping still applies.
    assert [e.type for e in index.entities.values() if e.name == "V. Putin"] == ["place"]
