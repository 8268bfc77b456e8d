"""Hostile and odd inputs: encodings, binaries, NULs, empties, huge files, duplicates, ids."""

from __future__ import annotations

import hashlib
import random
import re
from pathlib import Path

import pytest

from generator.ingest import limits, read_seeds
from generator.ingest.decode import decode_bytes
from generator.ingest.dedupe import NearDuplicateIndex, jaccard, shingles
from generator.ingest.ids import assign_ids, base_id

BODY = "The minister arrived in the capital on Monday for two days of talks with officials.\n"


def write_bytes(folder: Path, name: str, data: bytes) -> None:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def one(folder: Path):
    articles, problems = read_seeds(folder)
    assert len(articles) == 1, problems
    return articles[0], problems


def messages(problems) -> str:
    return "\n".join(p.line() for p in problems)


# --- encodings ---------------------------------------------------------------------------

TEXT = "Café owners in Zürich said “prices rose 5%” — again.\n"


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        b"\xef\xbb\xbf" + TEXT.encode("utf-8"),
        TEXT.encode("utf-16"),  # with BOM
        b"\xfe\xff" + TEXT.encode("utf-16-be"),
        TEXT.encode("utf-32"),
    ],
)
def test_unicode_encodings_decode_silently(tmp_path: Path, data: bytes) -> None:
    write_bytes(tmp_path, "a.txt", data)
    article, problems = one(tmp_path)
    assert problems == []
    assert article.text == TEXT.strip()


def test_utf16_without_bom_is_recognised(tmp_path: Path) -> None:
    write_bytes(tmp_path, "a.txt", (BODY * 3).encode("utf-16-le"))
    article, problems = one(tmp_path)
    assert article.paragraphs[0].text == BODY.strip()
    assert "UTF-16" in messages(problems)


def test_cp1252_fallback_is_named(tmp_path: Path) -> None:
    write_bytes(tmp_path, "old.txt", "Caf\u00e9 owners said \u2019prices rose\u2019 \u2013 again.\n".encode("cp1252"))
    article, problems = one(tmp_path)
    assert article.text == "Caf\u00e9 owners said \u2019prices rose\u2019 \u2013 again."
    assert [p.source for p in problems] == ["old.txt"]
    assert "decoded as cp1252" in problems[0].message and problems[0].severity == "warning"


def test_mixed_utf8_and_cp1252_lines_keep_both(tmp_path: Path) -> None:
    data = "Zürich talks resumed.\n".encode("utf-8") + "Caf\u00e9 owners complained.\n".encode("cp1252")
    write_bytes(tmp_path, "mixed.txt", data)
    article, problems = one(tmp_path)
    assert [p.text for p in article.paragraphs] == ["Zürich talks resumed.", "Café owners complained."]
    assert "1 line(s) decoded as cp1252" in messages(problems)


def test_latin1_fallback_when_cp1252_cannot_map(tmp_path: Path) -> None:
    write_bytes(tmp_path, "a.txt", b"Odd byte \x81 and caf\xe9 here.\n")
    article, problems = one(tmp_path)
    assert "café" in article.text
    assert "latin-1" in messages(problems)


def test_mojibake_is_repaired(tmp_path: Path) -> None:
    broken = "Putinâ€™s trip to Tehran â€“ the second abroad.\n"
    write_bytes(tmp_path, "m.txt", broken.encode("utf-8"))
    article, problems = one(tmp_path)
    assert article.text == "Putin’s trip to Tehran – the second abroad."
    assert "mojibake" in messages(problems)


def test_nbsp_zero_width_and_entities_are_normalised(tmp_path: Path) -> None:
    write_bytes(tmp_path, "a.txt", "Talks\u00a0resumed\u200b in Gen&egrave;ve &amp; Bern.\r\nSecond line.\r\n".encode("utf-8"))
    article, _ = one(tmp_path)
    assert [p.text for p in article.paragraphs] == ["Talks resumed in Genève & Bern.", "Second line."]


# --- binary, NUL, empty ------------------------------------------------------------------


@pytest.mark.parametrize(
    "data,kind",
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "PNG"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF" + bytes(200), "JPEG"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        (b"PK\x03\x04\x14\x00\x06\x00" + bytes(100), "ZIP"),
        (random.Random(7).randbytes(4000), "control bytes"),
        (b"text" + b"\x00" * 200 + b"more", "NUL"),
    ],
)
def test_binary_files_are_skipped_with_an_error(tmp_path: Path, data: bytes, kind: str) -> None:
    write_bytes(tmp_path, "picture.txt", data)
    write_bytes(tmp_path, "real.txt", BODY.encode())
    articles, problems = read_seeds(tmp_path)
    assert [a.source for a in articles] == ["real.txt"]
    assert len(problems) == 1
    problem = problems[0]
    assert problem.source == "picture.txt" and problem.severity == "error"
    assert "skipped" in problem.message and "binary" in problem.message and kind in problem.message


def test_lone_nul_bytes_are_removed_with_a_warning(tmp_path: Path) -> None:
    write_bytes(tmp_path, "a.txt", b"The minister\x00 arrived on Monday.\n")
    article, problems = one(tmp_path)
    assert article.text == "The minister arrived on Monday."
    assert "NUL" in messages(problems)


@pytest.mark.parametrize("data", [b"", b"   \n\t\n  \r\n", "\u00a0\u200b\n".encode()])
def test_empty_files_are_skipped(tmp_path: Path, data: bytes) -> None:
    write_bytes(tmp_path, "blank.txt", data)
    articles, problems = read_seeds(tmp_path)
    assert articles == []
    assert len(problems) == 1 and "skipped" in problems[0].message and problems[0].source == "blank.txt"


def test_file_of_only_junk_is_skipped(tmp_path: Path) -> None:
    write_bytes(tmp_path, "junk.txt", b"Share post:\n\nPlease enter your comment!\n")
    articles, problems = read_seeds(tmp_path)
    assert articles == [] and "no article text" in problems[0].message


# --- size limits -------------------------------------------------------------------------


def test_truncation_at_the_character_limit(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(limits, "MAX_CHARS", 1_000)
    data = (BODY * 200).encode()  # ~17 KB: more than max_bytes(), so the reader stops early too
    write_bytes(tmp_path, "huge.txt", data)
    article, problems = one(tmp_path)
    assert sum(len(p.text) for p in article.paragraphs) <= 1_000
    assert len(article.paragraphs) >= 11  # the first 1,000 characters are kept
    assert "truncated" in messages(problems)
    assert article.content_hash == hashlib.sha256(data).hexdigest()  # hash covers the whole file


def test_truncation_within_the_byte_budget(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(limits, "MAX_CHARS", 2_000)
    write_bytes(tmp_path, "a.txt", ("Zürich " * 500).encode())  # 3,500 chars, under max_bytes()
    article, problems = one(tmp_path)
    assert len(article.text) <= 2_000 and article.text.endswith("Zürich")
    assert "truncated" in messages(problems)


def test_multibyte_character_cut_at_the_byte_limit(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(limits, "MAX_CHARS", 10)
    write_bytes(tmp_path, "a.txt", ("é" * 100).encode())  # 200 bytes; cap is 48 bytes
    article, problems = one(tmp_path)
    assert set(article.text) == {"é"}
    assert "truncated" in messages(problems) and "cp1252" not in messages(problems)


def test_megabyte_single_line_becomes_paragraphs(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(limits, "MAX_CHARS", 2_000_000)  # splitting is under test here, not the size limit
    sentences = [f"Sentence number {i} reports that the talks went on for hours." for i in range(18_000)]
    line = " ".join(sentences)
    assert len(line) > 1_000_000
    write_bytes(tmp_path, "blob.txt", line.encode())
    article, problems = one(tmp_path)
    assert "split 1 very long line" in messages(problems)
    lengths = [len(p.text) for p in article.paragraphs]
    assert len(lengths) > 500 and max(lengths) <= 2 * limits.PARAGRAPH_TARGET_CHARS
    assert all(p.text.endswith(".") for p in article.paragraphs)  # cut at sentence ends
    assert article.text.split() == line.split()  # nothing lost


def test_long_run_without_sentence_ends_is_cut_at_spaces(tmp_path: Path) -> None:
    line = " ".join(["word"] * 5_000)
    write_bytes(tmp_path, "a.txt", line.encode())
    article, _ = one(tmp_path)
    assert max(len(p.text) for p in article.paragraphs) <= 2 * limits.PARAGRAPH_TARGET_CHARS
    assert article.text.split() == line.split()


def test_over_long_words_are_dropped_and_recorded(tmp_path: Path) -> None:
    blob = "A" * 5_000
    write_bytes(tmp_path, "a.txt", f"The leaked file contained {blob} and nothing else.\n".encode())
    article, problems = one(tmp_path)
    assert article.text == "The leaked file contained and nothing else."
    assert "over-long word" in messages(problems)
    assert len(article.removed) == 1 and article.removed[0].startswith("AAAA") and "5,000 characters" in article.removed[0]
    assert len(article.removed[0]) < 200


def test_cjk_runs_are_not_words_to_drop(tmp_path: Path) -> None:
    chinese = "北京" * 80 + "。"
    write_bytes(tmp_path, "zh.txt", chinese.encode())
    article, problems = one(tmp_path)
    assert article.text == chinese and problems == []


# --- duplicates --------------------------------------------------------------------------


def test_exact_duplicate_is_skipped(tmp_path: Path) -> None:
    write_bytes(tmp_path, "a.txt", BODY.encode())
    write_bytes(tmp_path, "b/copy.txt", BODY.encode())
    articles, problems = read_seeds(tmp_path)
    assert [a.source for a in articles] == ["a.txt"]
    assert problems[0].source == "b/copy.txt" and problems[0].message == "skipped: duplicate of a.txt"


def _story(seed: int, words: int = 400) -> list[str]:
    rng = random.Random(seed)
    vocab = [f"w{n}" for n in range(3000)]
    return [rng.choice(vocab) for _ in range(words)]


def test_near_duplicate_is_kept_and_warned(tmp_path: Path) -> None:
    base = _story(1)
    edited = base[:-8] + ["different"] * 8  # a changed footer: Jaccard ~0.97
    write_bytes(tmp_path, "a.txt", (" ".join(base) + ".").encode())
    write_bytes(tmp_path, "b.txt", (" ".join(edited) + ".").encode())
    write_bytes(tmp_path, "c.txt", (" ".join(_story(2)) + ".").encode())
    articles, problems = read_seeds(tmp_path)
    assert [a.source for a in articles] == ["a.txt", "b.txt", "c.txt"]
    assert len(problems) == 1 and problems[0].source == "b.txt"
    assert problems[0].message.startswith("near duplicate of a.txt")
    assert articles[1].problems == problems


def test_near_duplicate_index_finds_pairs_among_many() -> None:
    index = NearDuplicateIndex()
    hits = []
    for n in range(300):
        hits.append(index.add(f"doc{n}", " ".join(_story(n, 150))))
    assert hits == [None] * 300
    copy = _story(123, 150)
    copy[75] = "changed"
    assert index.add("copy", " ".join(copy))[0] == "doc123"


def test_shingle_jaccard() -> None:
    a = shingles("one two three four five six seven")
    assert jaccard(a, a) == 1.0
    assert jaccard(a, shingles("eight nine ten eleven twelve")) == 0.0
    assert len(shingles("short text")) == 1


# --- discovery and ids -------------------------------------------------------------------


def test_discovery_order_hidden_and_suffixes(tmp_path: Path) -> None:
    for name in ["b.txt", "a.md", "sub/c.TXT", ".hidden.txt", ".git/config.txt", ".cache/x.md", "notes.json", "img.png"]:
        write_bytes(tmp_path, name, f"{name} says the talks went well.\n".encode())
    articles, problems = read_seeds(tmp_path)
    assert problems == []
    assert [a.source for a in articles] == [".hidden.txt", "a.md", "b.txt", "sub/c.TXT"]


def test_ids_are_stable_unique_and_safe(tmp_path: Path) -> None:
    names = ["000_abc.txt", "000_abc.md", "Café story!.txt", "sub/000_abc.txt", "sub/deeper/x y.txt", ".dot.txt"]
    for n, name in enumerate(names):
        write_bytes(tmp_path, name, f"Story {n} says the talks went well.\n".encode())
    articles, _ = read_seeds(tmp_path)
    ids = {a.source: a.id for a in articles}
    assert ids["000_abc.md"] == "000_abc"  # sorted first, keeps the plain stem
    assert re.fullmatch(r"000_abc-[0-9a-f]{8}", ids["000_abc.txt"])
    assert re.fullmatch(r"cafe-story-[0-9a-f]{8}", ids["Café story!.txt"])
    assert ids["sub/000_abc.txt"] == "sub-000_abc"
    assert re.fullmatch(r"sub-deeper-x-y-[0-9a-f]{8}", ids["sub/deeper/x y.txt"])
    assert re.fullmatch(r"dot-[0-9a-f]{8}", ids[".dot.txt"])
    assert len({i.lower() for i in ids.values()}) == len(ids)
    assert all(re.fullmatch(r"[A-Za-z0-9_-]+", i) for i in ids.values())
    again, _ = read_seeds(tmp_path)
    assert {a.source: a.id for a in again} == ids


def test_id_helpers() -> None:
    assert base_id("000_786a4680b47ca245.txt") == "000_786a4680b47ca245"
    assert base_id("2022/apr/story.txt") == "2022-apr-story"
    assert re.fullmatch(r"article-[0-9a-f]{8}", base_id("北京.txt"))
    assert re.fullmatch(r"a{60}-[0-9a-f]{8}", base_id("a" * 300 + ".txt"))
    ids = assign_ids(["A.txt", "a.md"])
    assert ids["A.txt"] == "A" and ids["a.md"].startswith("a-")


def test_missing_folder_raises(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        read_seeds(tmp_path / "nope")


def test_decode_reports_reason_without_raising() -> None:
    decoded = decode_bytes(b"%PDF-1.4 rest")
    assert decoded.text is None and "PDF" in (decoded.reason or "")


def test_size_limit_keeps_every_article_within_the_nlp_limit(tmp_path: Path) -> None:
    """spaCy refuses texts over ``nlp.max_length``; the build would stop on such a seed."""
    import spacy

    line = "The talks went on for hours and nobody left the room. "
    write_bytes(tmp_path, "big.txt", (line * 25_000).encode())  # 1.35 million characters
    article, problems = one(tmp_path)
    assert len(article.text) <= limits.MAX_CHARS + len(article.paragraphs) < spacy.blank("en").max_length
    assert "truncated" in messages(problems)


def test_each_file_gets_at_most_one_problem_line(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(limits, "LONG_LINE_CHARS", 200)
    monkeypatch.setattr(limits, "PARAGRAPH_TARGET_CHARS", 80)
    long_line = "Caf\u00e9 owners complained about prices again. " * 10
    write_bytes(tmp_path, "a.txt", b"The minister\x00 arrived.\n" + long_line.encode("cp1252"))
    write_bytes(tmp_path, "b.txt", b"\x00\x00 \n\t\n")
    articles, problems = read_seeds(tmp_path)
    assert [p.source for p in problems] == ["a.txt", "b.txt"]
    a, b = problems
    assert a.message.split("; ") == [
        "not valid UTF-8: 1 line(s) decoded as cp1252", "removed 1 NUL byte(s)", "split 1 very long line(s) into paragraphs"
    ]
    assert articles[0].problems == [a]
    assert b.message == "skipped: no text (empty or whitespace only); removed 2 NUL byte(s)"


def test_near_duplicate_note_joins_the_files_other_notes(tmp_path: Path) -> None:
    base = " ".join(_story(3)) + "."
    write_bytes(tmp_path, "a.txt", base.encode())
    write_bytes(tmp_path, "b.txt", (base.replace("w", "w", 1) + " \x00extra.").encode())
    articles, problems = read_seeds(tmp_path)
    assert [p.source for p in problems] == ["b.txt"]
    assert problems[0].message.startswith("removed 1 NUL byte(s); near duplicate of a.txt")
    assert articles[1].problems == problems


def test_file_name_that_is_not_utf8_is_read_and_reported(tmp_path: Path) -> None:
    """POSIX names are bytes: an undecodable one gets a readable, distinct name and a warning."""
    import json
    import os

    from generator.render import render_dossier
    from generator.link.dossier import link_dossier
    from generator.analyse.runner import analyse_articles

    body = b"Talks in Ankara\n\nHakan Fidan said talks would resume in Ankara on Monday.\n"
    for raw in (b"caf\xe9 story.txt", b"caf\xe8 story.txt"):
        with open(os.path.join(os.fsencode(tmp_path), raw), "wb") as handle:
            handle.write(body.replace(b"Monday", raw[3:4].hex().encode()))
    articles, problems = read_seeds(tmp_path)
    assert sorted(a.source for a in articles) == ["caf\\xe8 story.txt", "caf\\xe9 story.txt"]
    assert len({a.id for a in articles}) == 2
    assert sorted(p.source for p in problems if "not valid UTF-8" in p.message) == sorted(a.source for a in articles)
    run = analyse_articles(articles, model=None, summary_sentences=3, processes=1, batch_size=16, cache_root=None)
    files = render_dossier(link_dossier(run.articles), {"articles": 2, "files": 2, "model": "test"})
    assert {a["source"] for a in json.loads(files["dossier.json"])["articles"]} == {a.source for a in articles}
