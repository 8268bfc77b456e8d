"""Markdown seeds are read with a CommonMark parser: text kept, markup dropped, nothing lost silently."""

from __future__ import annotations

from pathlib import Path

from generator.ingest import read_seeds
from generator.ingest.markdown import markdown_to_lines

BODY = "The minister arrived in the capital on Monday for two days of talks with officials."


def blocks(text: str) -> list[str]:
    """Non-blank output lines."""
    return [line for line in markdown_to_lines(text).lines if line]


def read_md(folder: Path, text: str, name: str = "a.md"):
    (folder / name).write_text(text, encoding="utf-8")
    articles, problems = read_seeds(folder)
    assert len(articles) == 1, problems
    return articles[0], problems


def test_links_keep_their_text_whatever_the_target() -> None:
    out = markdown_to_lines(
        "See [the deal](https://x.org/deal \"t\"), [this](javascript:alert(1)), [ref link][r] and <https://a.org/b>.\n\n"
        "[r]: https://x.org/ref\n"
    )
    assert [line for line in out.lines if line] == ["See the deal, this, ref link and https://a.org/b."]
    assert out.removed == ["[r]: https://x.org/ref"]


def test_images_are_dropped_and_recorded() -> None:
    out = markdown_to_lines("Before ![Delegates *at* the summit](img/a.png \"caption\") after.\n")
    assert [line for line in out.lines if line] == ["Before after."]
    assert out.removed == ["![Delegates at the summit](img/a.png)"]


def test_code_blocks_are_dropped_and_recorded() -> None:
    out = markdown_to_lines("Intro line.\n\n```python\nprint('x')\n```\n\n~~~\nraw data\n~~~\n\nOutro line.\n")
    assert [line for line in out.lines if line] == ["Intro line.", "Outro line."]
    assert out.removed == ["```python\nprint('x')\n```", "~~~\nraw data\n~~~"]


def test_inline_code_and_emphasis_keep_their_text() -> None:
    assert blocks("The **minister** said `vote` was _final_, ***really*** ~~not~~ final \\*here\\*.\n") == [
        "The minister said vote was final, really not final *here*."
    ]


def test_html_blocks_are_dropped_with_their_text_recorded() -> None:
    out = markdown_to_lines(
        "First paragraph.\n\n<script>alert(1)</script>\n\n<div class=\"ad\">\nBuy now, advert text\n</div>\n\n"
        "<!-- a comment -->\n\nLast paragraph.\n"
    )
    assert [line for line in out.lines if line] == ["First paragraph.", "Last paragraph."]
    assert out.removed == ["<script>alert(1)</script>", "<div class=\"ad\">\nBuy now, advert text\n</div>", "<!-- a comment -->"]


def test_inline_html_tags_are_recorded_and_their_text_kept() -> None:
    out = markdown_to_lines("A <b>bold</b> claim <img src=x onerror=alert(1)> here.\n")
    assert [line for line in out.lines if line] == ["A bold claim here."]
    assert out.removed == ["<b>", "</b>", "<img src=x onerror=alert(1)>"]


def test_headings_stay_headings() -> None:
    assert blocks("# Title\n\n## Background ##\n\nBody text.\n\nOutlook\n=======\n\nMore.\n") == [
        "# Title", "## Background", "Body text.", "# Outlook", "More."
    ]


def test_setext_sentence_over_a_stray_rule_stays_a_paragraph() -> None:
    assert blocks("The talks ended without agreement on Monday.\n---\nNext part.\n") == [
        "The talks ended without agreement on Monday.", "Next part."
    ]


def test_list_items_and_quotes_become_paragraphs() -> None:
    out = markdown_to_lines("- first item\n- second item\n\n1. one\n2) two\n\n> quoted text\n> goes on\n")
    assert out.lines == ["first item", "", "second item", "", "one", "", "two", "", "quoted text", "goes on", ""]


def test_table_rows_become_paragraphs() -> None:
    assert blocks("| Name | Votes |\n|---|---:|\n| Smith | 12 |\n| Jones | 9 |\n") == [
        "Name | Votes", "Smith | 12", "Jones | 9"
    ]


def test_text_beyond_the_nesting_limit_is_kept_with_a_warning() -> None:
    out = markdown_to_lines(">" * 40 + " deeply quoted words\n\n" + "- " * 30 + "nested item\n\nAfter.\n")
    assert [line for line in out.lines if line] == ["deeply quoted words", "nested item", "After."]
    # the parser skipped the rest of the document after the deep list; "After." is recovered too
    assert len(out.warnings) == 1 and "3 line(s) kept as plain text" in out.warnings[0]


def test_every_word_survives_somewhere() -> None:
    """Whatever the markup, each word of the source is in the output or in ``removed``."""
    source = (
        "# Alpha heading\n\nbravo **charlie** [delta](http://echo.org) ![foxtrot](golf.png)\n\n"
        "<p>hotel india</p>\n\n```\njuliet\n```\n\n| kilo | lima |\n|--|--|\n| mike | november |\n\n"
        "> oscar\n>> papa\n\n- quebec\n  - romeo\n\n[sierra]: http://tango.org\n"
    )
    out = markdown_to_lines(source)
    seen = " ".join(out.lines + out.removed).lower()
    for word in ("alpha bravo charlie delta foxtrot golf hotel india juliet kilo lima mike november oscar papa "
                 "quebec romeo sierra tango").split():
        assert word in seen, word


def test_markdown_seed_end_to_end(tmp_path: Path) -> None:
    article, problems = read_md(
        tmp_path,
        "# Talks resume in Geneva\n\n" + BODY + "\n\n<script>alert('x')</script>\n\n"
        "- Delegates from [both sides](javascript:alert(1)) attended the session.\n"
        "- Observers said the mood was calm.\n",
    )
    assert problems == []
    assert article.title == "Talks resume in Geneva"
    assert [p.text for p in article.paragraphs] == [
        BODY, "Delegates from both sides attended the session.", "Observers said the mood was calm."
    ]
    assert "<script>alert('x')</script>" in article.removed
    assert "javascript" not in article.text


def test_markdown_header_lines_are_still_recognised(tmp_path: Path) -> None:
    article, _ = read_md(tmp_path, "Talks resume in Geneva\n2022-04-04\nhttps://www.example.org/talks\n\n" + BODY + "\n")
    assert (article.title, article.date, article.publisher) == ("Talks resume in Geneva", "2022-04-04", "example.org")
    assert article.text == BODY


def test_hard_wrapped_markdown_paragraph_is_unwrapped(tmp_path: Path) -> None:
    wrapped = "The minister arrived in the capital on Monday for two\ndays of talks with officials, who said\nthat progress was slow.\n"
    article, _ = read_md(tmp_path, wrapped)
    assert [p.text for p in article.paragraphs] == [" ".join(wrapped.split())]


def test_deep_nesting_warning_reaches_the_report(tmp_path: Path) -> None:
    _, problems = read_md(tmp_path, ">" * 40 + " " + BODY + "\n")
    assert len(problems) == 1 and "nested deeper" in problems[0].message and problems[0].source == "a.md"


def test_txt_seeds_are_not_parsed_as_markdown(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("The **minister** said [x](javascript:alert(1)) was <b>final</b>.\n", encoding="utf-8")
    (article,), _ = read_seeds(tmp_path)
    assert article.text == "The **minister** said [x](javascript:alert(1)) was <b>final</b>."
