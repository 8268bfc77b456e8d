"""Header recognition (title/date/URL), date formats and YAML front matter."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.ingest import read_seeds
from generator.ingest.dates import coerce_date, parse_date_line
from generator.ingest.header import parse_url_line, publisher_from_url, read_header
from generator.ingest.junk import is_junk_line

BODY = "The minister arrived in the capital on Monday for two days of talks with officials."


@pytest.mark.parametrize(
    "line",
    [
        "20220404",
        "2022-04-04",
        "2022/04/04",
        "4 April 2022",
        "4th April 2022",
        "April 4, 2022",
        "Apr 4 2022",
        "Monday, 4 April 2022",
        "Monday, April 4, 2022",
        "Published: 4 April 2022 10:32 BST",
        "Updated 2022-04-04T10:30:00Z",
        "04.04.2022",
    ],
)
def test_date_lines(line: str) -> None:
    assert parse_date_line(line) == "2022-04-04"


@pytest.mark.parametrize(
    "line,expected",
    [("31/03/2022", "2022-03-31"), ("03/31/2022", "2022-03-31"), ("1 May 2021", "2021-05-01"), ("Sept 9, 2019", "2019-09-09")],
)
def test_more_date_lines(line: str, expected: str) -> None:
    assert parse_date_line(line) == expected


@pytest.mark.parametrize(
    "line",
    ["03/04/2022", "20220231", "2022-13-01", "April 31, 2022", "12345678", "The war began on 24 February 2022.", "4 April", "Monday"],
)
def test_not_date_lines(line: str) -> None:
    assert parse_date_line(line) is None


def test_coerce_front_matter_dates() -> None:
    import datetime as dt

    assert coerce_date(dt.date(2022, 4, 4)) == "2022-04-04"
    assert coerce_date(dt.datetime(2022, 4, 4, 9, 30)) == "2022-04-04"
    assert coerce_date("April 4, 2022") == "2022-04-04"
    assert coerce_date(20220404) == "2022-04-04"
    assert coerce_date("soon") is None


def test_url_lines_and_publisher() -> None:
    assert parse_url_line("https://www.mirror.co.uk/news/a-1") == "https://www.mirror.co.uk/news/a-1"
    assert parse_url_line("Source: http://news.example.org/x") == "http://news.example.org/x"
    assert parse_url_line("ftp://example.com/file") is None
    assert parse_url_line("See https://example.com for details") is None
    assert parse_url_line("https://localhost/x") is None
    assert publisher_from_url("https://www.mirror.co.uk/news/a") == "mirror.co.uk"
    assert publisher_from_url("http://news.bbc.co.uk/2/hi/x.stm") == "news.bbc.co.uk"
    assert publisher_from_url("https://WWW.Example.COM:8080/x") == "example.com"


def header(lines: list[str]):
    return read_header(lines, is_junk=is_junk_line)


def test_title_date_url_without_blank_lines() -> None:
    head, body = header(["Putin runs out of tanks", "2022-04-04", "https://www.example.co.uk/a", BODY])
    assert (head.title, head.date, head.url, head.publisher) == (
        "Putin runs out of tanks", "2022-04-04", "https://www.example.co.uk/a", "example.co.uk")
    assert body == [BODY]


def test_title_then_blank_line_bbc_shape() -> None:
    head, body = header(["Ad sales boost Time Warner profit", "", BODY, "Second sentence on its own line."])
    assert head.title == "Ad sales boost Time Warner profit"
    assert head.date is None and head.url is None
    assert BODY in body


def test_title_with_scare_quotes() -> None:
    head, _ = header(["Call centre users 'lose patience'", "", BODY])
    assert head.title == "Call centre users 'lose patience'"


@pytest.mark.parametrize(
    "first",
    [
        BODY,  # a sentence
        "The question was common for candidates to hear: what do you think of ride-hailing and should it come here?",
        "He said: “We will not supply drones to Russia.”",
        "and then the talks collapsed without any agreement",  # continuation
        "CTV Vancouver",  # too short to be a headline
        "x" * 20 + " " + "word " * 50,  # too long
    ],
)
def test_body_lines_are_never_titles(first: str) -> None:
    head, body = header([first, "", BODY])
    assert head.title is None
    assert body[0] == first


def test_headline_without_blank_line_is_body() -> None:
    """BBC-style one sentence per line: an open-ended first line glued to the body is not a title."""
    head, _ = header(["Officials said the talks would continue next week", BODY])
    assert head.title is None


def test_url_without_title() -> None:
    head, body = header(["https://www.example.com/story", BODY])
    assert head.title is None and head.url == "https://www.example.com/story"
    assert head.publisher == "example.com"
    assert body == [BODY]


def test_date_without_title_then_url() -> None:
    head, body = header(["4 April 2022", "", "https://example.org/a", "", BODY])
    assert head.title is None and head.date == "2022-04-04" and head.url == "https://example.org/a"
    assert [line for line in body if line] == [BODY]


def test_title_without_date() -> None:
    head, body = header(["Turkish drones against Russia", "", BODY])
    assert head.title == "Turkish drones against Russia" and head.date is None
    assert body[-1] == BODY


def test_title_question_allowed_only_before_date_or_url() -> None:
    head, _ = header(["Is Putin running out of missiles?", "2022-04-04", BODY])
    assert head.title == "Is Putin running out of missiles?"
    head, _ = header(["Is Putin running out of missiles?", "", BODY])
    assert head.title is None


def test_junk_line_before_title_is_skipped_not_consumed() -> None:
    head, body = header(["Share this article", "", "Talks collapse in Geneva", "", BODY])
    assert head.title == "Talks collapse in Geneva"
    assert "Share this article" in body


def test_caption_first_line_is_not_a_title() -> None:
    head, _ = header(["Wendy Golden with photos of her son at her home (Steve Example/CBC)", "", BODY])
    assert head.title is None


def test_single_line_file_has_no_title() -> None:
    head, body = header(["Talks collapse in Geneva"])
    assert head.title is None and body == ["Talks collapse in Geneva"]


def test_byline_between_title_and_date() -> None:
    head, body = header(["Talks collapse in Geneva", "By Jane Doe", "4 April 2022", BODY])
    assert head.title == "Talks collapse in Geneva" and head.date == "2022-04-04"
    assert body == ["By Jane Doe", BODY]


def test_repeated_header_lines_are_kept_as_extra() -> None:
    head, body = header(["Talks collapse", "2022-04-04", "2022-04-05", BODY])
    assert head.date == "2022-04-04" and head.extra == ["2022-04-05"]


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_front_matter_wins_over_detection(tmp_path: Path) -> None:
    write(
        tmp_path,
        "story.md",
        "---\ntitle: Front matter title\ndate: 2021-01-02\nurl: https://www.example.net/x\npublisher: Example Times\n---\n"
        "Detected title line\n2022-04-04\nhttps://other.org/y\n" + BODY + "\n",
    )
    (article,), problems = read_seeds(tmp_path)
    assert problems == []
    assert article.title == "Front matter title"
    assert article.date == "2021-01-02"
    assert article.url == "https://www.example.net/x"
    assert article.publisher == "Example Times"
    assert "Front matter" not in article.text and "title:" not in article.text
    assert article.paragraphs[-1].text == BODY


def test_front_matter_partial_fields_fill_from_detection(tmp_path: Path) -> None:
    write(tmp_path, "a.md", "---\nurl: https://www.example.net/x\ndate: April 4, 2022\n---\n# Markdown heading title\n\n" + BODY + "\n")
    (article,), _ = read_seeds(tmp_path)
    assert article.title == "Markdown heading title"
    assert article.date == "2022-04-04"
    assert article.publisher == "example.net"


def test_malformed_front_matter_is_reported_and_read_as_text(tmp_path: Path) -> None:
    write(tmp_path, "bad.md", "---\ntitle: [unclosed\ndate: : :\n---\n\n" + BODY + "\n")
    write(tmp_path, "open.md", "---\ntitle: Never closed\n\n" + BODY + "\n")
    articles, problems = read_seeds(tmp_path)
    assert {p.source for p in problems} == {"bad.md", "open.md"}
    assert all("malformed front matter" in p.message and p.severity == "warning" for p in problems)
    assert all(BODY in a.text for a in articles)
    assert all(a.title is None or "Never closed" not in a.title for a in articles)


def test_front_matter_bad_date_warns(tmp_path: Path) -> None:
    write(tmp_path, "a.md", "---\ntitle: T\ndate: sometime soon\n---\n" + BODY + "\n")
    (article,), problems = read_seeds(tmp_path)
    assert article.date is None
    assert any("date not understood" in p.message for p in problems)


def test_front_matter_title_keeps_different_markdown_heading(tmp_path: Path) -> None:
    write(tmp_path, "a.md", "---\ntitle: Given title\n---\n# The page's own heading\n\n" + BODY + "\n")
    (article,), _ = read_seeds(tmp_path)
    assert article.title == "Given title"
    assert article.paragraphs[0].text == "The page's own heading" and article.paragraphs[0].heading


def test_markdown_markup_is_stripped(tmp_path: Path) -> None:
    write(
        tmp_path,
        "m.md",
        "# Title of the piece\n\nThe **minister** said [the deal](https://x.org/deal) was _final_.\n\n"
        "![Delegates at the summit](img.png)\n\n## Next steps\n\n> Talks resume on Friday, officials said.\n",
    )
    (article,), _ = read_seeds(tmp_path)
    assert article.title == "Title of the piece"
    texts = [(p.text, p.heading) for p in article.paragraphs]
    assert texts == [
        ("The minister said the deal was final.", False),
        ("Next steps", True),
        ("Talks resume on Friday, officials said.", False),
    ]
    assert any("img.png" in r for r in article.removed)


def test_three_seed_shapes_end_to_end(tmp_path: Path) -> None:
    write(tmp_path, "bbc.txt", "Dibaba breaks 5,000m world record\n\nEthiopia's Dibaba set a new world record.\n\n"
          "Dibaba won in 14 minutes.\nBut Bekele's record hopes were dashed.\n")
    write(tmp_path, "ggt.txt", "The question was common for mayoral candidates to hear: should ride-hailing come here?\n\n"
          "“I was clear when I was mayor – I don’t support Uber at all,” McCallum responded.\n\nMcCallum didn’t correct himself.\n")
    write(tmp_path, "scrape.txt", "Putin running out of missiles\n20220404\nhttps://www.mirror.co.uk/news/a-1\n" + BODY)
    articles = {a.id: a for a in read_seeds(tmp_path)[0]}
    bbc, ggt, scrape = articles["bbc"], articles["ggt"], articles["scrape"]
    assert bbc.title == "Dibaba breaks 5,000m world record"
    assert [p.text for p in bbc.paragraphs] == [
        "Ethiopia's Dibaba set a new world record.", "Dibaba won in 14 minutes.", "But Bekele's record hopes were dashed."]
    assert ggt.title is None and len(ggt.paragraphs) == 3
    assert ggt.paragraphs[0].text.startswith("The question was common")
    assert (scrape.title, scrape.date, scrape.publisher) == ("Putin running out of missiles", "2022-04-04", "mirror.co.uk")
    assert scrape.text == BODY.strip()
