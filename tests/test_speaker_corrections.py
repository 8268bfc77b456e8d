"""``speakers:`` in corrections.yml: a quote found by article and first words gets the speaker the user names."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.ingest.corrections import CorrectionsError, load_corrections, parse_corrections
from generator.link.dossier import link_dossier
from generator.model import AnalysedArticle, Article, Mention, Paragraph, Quote


def _article(aid: str, names: list[str], quotes: list[tuple[str, str | None]]) -> AnalysedArticle:
    sentences = [f"{name} spoke on Monday." for name in names]
    mentions, pos = [], 0
    for name, sentence in zip(names, sentences):
        mentions.append(Mention(name, "person", pos, pos + len(name), sentence))
        pos += len(sentence) + 1
    art = Article(id=aid, source=f"{aid}.txt", title=None, date=None, url=None, publisher=None,
                  paragraphs=[Paragraph(" ".join(sentences))])
    return AnalysedArticle(article=art, title=aid, title_generated=False, summary=[], mentions=mentions,
                           quotes=[Quote(text, speaker, "full") for text, speaker in quotes])


def _link(tmp_path: Path, yaml_text: str):
    (tmp_path / "corrections.yml").write_text(yaml_text, encoding="utf-8")
    analysed = [
        _article("one", ["Jake Sullivan", "Dmitry Peskov"],
                 [("We will not allow this to stand, and we said so.", "Jake Sullivan"),
                  ("Talks are over for now.", "Dmitry Peskov")]),
        _article("two", ["Dmitry Peskov"], [("We will not allow this either.", "Dmitry Peskov")]),
    ]
    corrections, problems = load_corrections(tmp_path / "corrections.yml")
    dossier = link_dossier(analysed, corrections)
    dossier.problems[:0] = problems
    quotes = {(q.article, q.text.split()[0]): q for a in dossier.articles for q in a.quotes}
    return dossier, quotes


def test_a_quote_is_reassigned_by_file_name_and_first_words(tmp_path: Path) -> None:
    dossier, quotes = _link(tmp_path, 'speakers:\n  - article: one.txt\n    quote: "“we WILL  not"\n'
                                      "    speaker: Dmitry Peskov\n")
    moved = next(q for q in dossier.articles[0].quotes if q.text.startswith("We will"))
    assert moved.speaker_id == "dmitry-peskov" and moved.speaker == "Dmitry Peskov"
    other = dossier.articles[1].quotes[0]  # same first words, other article: untouched
    assert other.speaker_id == "dmitry-peskov" and other.speaker == "Dmitry Peskov"
    assert dossier.articles[0].quotes[1].speaker_id == "dmitry-peskov"
    assert not [p for p in dossier.problems if "speakers" in p.message]


def test_a_quote_is_given_to_nobody_by_article_id_and_entity_id(tmp_path: Path) -> None:
    dossier, _ = _link(tmp_path, "speakers:\n  - {article: two, quote: We will not, speaker: ~}\n"
                                 "  - {article: one, quote: Talks are, speaker: jake-sullivan}\n")
    assert dossier.articles[1].quotes[0].speaker_id is None and dossier.articles[1].quotes[0].speaker is None
    assert dossier.articles[0].quotes[1].speaker_id == "jake-sullivan"


def test_entries_that_match_nothing_are_reported_with_file_and_line(tmp_path: Path) -> None:
    dossier, _ = _link(tmp_path, "speakers:\n"
                                 "  - {article: nowhere.txt, quote: We will, speaker: Jake Sullivan}\n"
                                 "  - {article: one.txt, quote: Never said, speaker: Jake Sullivan}\n"
                                 "  - {article: one.txt, quote: Talks, speaker: Nobody Known Here}\n")
    lines = [p.line() for p in dossier.problems if "speakers" in p.message]
    assert lines == [
        "corrections.yml: line 2: speakers: 'nowhere.txt' names no article",
        "corrections.yml: line 3: speakers: no quote in 'one.txt' starts with 'Never said'",
        "corrections.yml: line 4: speakers: 'Nobody Known Here' names no entity (or several; use its id)",
    ]
    assert dossier.articles[0].quotes[1].speaker_id == "dmitry-peskov"  # left as it was


def test_speaker_corrections_follow_a_rename(tmp_path: Path) -> None:
    dossier, _ = _link(tmp_path, "rename:\n  Jake Sullivan: Jacob Sullivan\n"
                                 "speakers:\n  - {article: one, quote: Talks are over, speaker: Jacob Sullivan}\n")
    quote = dossier.articles[0].quotes[1]
    assert quote.speaker_id == "jacob-sullivan" and quote.speaker == "Jacob Sullivan"


@pytest.mark.parametrize("text, where", [
    ("speakers:\n  - article: one\n    quote: We\n", "line 2: a speakers entry needs 'speaker'"),
    ("speakers:\n  - [one, We, Jake]\n", "line 2: each speakers entry"),
    ("speakers:\n  - {article: one, quote: We, speaker: X, when: now}\n", "line 2: unknown speakers field 'when'"),
    ("speakers: yes\n", "line 1: 'speakers' must be a list"),
])
def test_malformed_speaker_entries_stop_with_the_line(text: str, where: str) -> None:
    with pytest.raises(CorrectionsError, match=f"corrections.yml {where}"):
        parse_corrections(text)
