"""Web-junk rules on wordings the seeds do not contain: the rules must be general."""

from __future__ import annotations

import re

import pytest

from generator.ingest.junk import LINE_RULES, RULE_NAMES, SECTION_RULES, is_author_bio, is_junk_line, remove_junk

BEFORE = [
    "The minister arrived in the capital on Monday for two days of talks with officials.",
    "",
    "Talks were expected to focus on energy supplies and on the prisoner exchange agreed last year.",
    "",
]
AFTER = [
    "",
    "Officials said a joint statement would be published after the meeting on Tuesday evening.",
    "",
    "The two sides last met in March, when the talks ended without an agreement on prices.",
]


def clean(lines: list[str]) -> tuple[list[str], list[str]]:
    result = remove_junk(lines)
    kept = [line for line in result.lines if line]
    return kept, [r.text for r in result.removed]


def assert_removed_in_context(junk: list[str]) -> None:
    kept, removed = clean(BEFORE + junk + AFTER)
    for line in junk:
        if line:
            assert line not in kept, line
            assert line in removed, line
    for line in BEFORE + AFTER:
        if line:
            assert line in kept, line


@pytest.mark.parametrize(
    "line",
    [
        "Share this article",
        "Share:",
        "Share on Facebook",
        "Click to share on Twitter (Opens in new window)",
        "1.2k shares",
        "Facebook Twitter WhatsApp Email",
        "Print this article",
    ],
)
def test_share_prompts(line: str) -> None:
    assert_removed_in_context([line])


@pytest.mark.parametrize(
    "line",
    [
        "Leave a Reply Cancel reply",
        "You have entered an incorrect email address!",
        "Please enter your email address here",
        "Your email address will not be published. Required fields are marked *",
        "Save my name, email, and website in this browser for the next time I comment.",
        "Be the first to comment",
    ],
)
def test_comment_form_lines(line: str) -> None:
    assert_removed_in_context([line])


@pytest.mark.parametrize(
    "line",
    [
        "RELATED: Kremlin confirms summit date",
        "MORE: What the sanctions mean for gas prices",
        "Read more: How the grain deal collapsed",
        "SEE ALSO: Ten maps that explain the war",
        "WATCH: Protesters gather outside the embassy",
        "Also read » Why the talks failed",
        "Continue reading",
    ],
)
def test_teaser_lines(line: str) -> None:
    assert_removed_in_context([line])


@pytest.mark.parametrize(
    "line",
    [
        "Zelensky hails grain deal as ships leave port [VIDEO]",
        "Kremlin denies report of troop build-up [PICTURES]",
        "What the latest poll means for the election [ANALYSIS]",
        "Royal family shares new portrait [REVEAL]",
    ],
)
def test_bracket_tag_teasers(line: str) -> None:
    assert_removed_in_context([line])


@pytest.mark.parametrize("line", ["(AFP)", "(Reuters)", "(dpa/AFP)", "(AP)", "— Reuters", "(ANSA)"])
def test_agency_tags(line: str) -> None:
    assert_removed_in_context([line])


@pytest.mark.parametrize(
    "line",
    [
        "Rescue workers search the rubble of the apartment block (pictured on Tuesday) after the strike",
        "A soldier walks past a destroyed tank near the front line (file photo)",
        "The minister arrived in Kyiv for talks with the president (Image: Getty)",
        "Photo: Reuters",
        "Credit: AP",
        "Image source, Getty Images",
        "The bridge, seen here from the air, was hit by two missiles overnight",
        "Firefighters battle the blaze at the depot on the outskirts of the city (Jane Doe/Reuters)",
        "President Biden (left) greets the crown prince at the palace in Jeddah",
        "Officials outline the new plan for the border. 2:22",
        "Open this photo in gallery Protesters march through the city centre on Saturday.",
    ],
)
def test_caption_forms(line: str) -> None:
    assert_removed_in_context([line])


@pytest.mark.parametrize(
    "line",
    [
        "Mr Smith (pictured) said the plan would go ahead despite the objections.",
        "The bill, which passed on Monday, was signed into law by the president on Friday.",
        "Share prices fell sharply on Monday after the announcement.",
        "More than 200 people were evacuated from the building, police said.",
        "By Tuesday evening, most of the roads had reopened.",
        "Comments made by the minister were later withdrawn.",
        "“We will fight. We will win. Glory to Ukraine.”",
        "Watch the skies: astronomers expect a meteor shower on Friday night.",
    ],
)
def test_body_sentences_are_kept(line: str) -> None:
    kept, removed = clean(BEFORE + [line] + AFTER)
    assert line in kept
    assert removed == []


@pytest.mark.parametrize(
    "header",
    ["More Stories", "Related Stories:", "You may also like", "Recommended for you", "Most Popular", "Trending now", "Read next"],
)
def test_related_sections_at_the_end_are_cut(header: str) -> None:
    teasers = [
        "Ten things you did not know about the royal yacht",
        "",
        "Scientists discover a new species of frog in the Andes",
        "",
        "Why house prices could fall again next year...",
    ]
    kept, removed = clean(BEFORE + AFTER + ["", header, ""] + teasers)
    assert header in removed
    assert [line for line in kept] == [line for line in BEFORE + AFTER if line]
    for line in teasers:
        if line:
            assert line in removed


def test_list_header_mid_article_keeps_following_body() -> None:
    body = "“I knew it would end. The part I didn’t know is the unexpected beauty,” she said."
    kept, removed = clean(BEFORE + ["Also on ExampleSite:", "", body] + AFTER)
    assert "Also on ExampleSite:" in removed
    assert body in kept


def test_related_header_mid_article_removes_only_the_teaser_run() -> None:
    lines = BEFORE + ["Related articles", "Ten things you did not know about the royal yacht", ""] + AFTER * 3
    kept, removed = clean(lines)
    assert removed == ["Related articles", "Ten things you did not know about the royal yacht"]
    assert kept.count(AFTER[1]) == 3


@pytest.mark.parametrize(
    "bio",
    [
        "“Certified coffee ninja. Amateur music geek. Lifelong web lover. Travel enthusiast.”",
        "Hardcore zombie aficionado. Proud beer expert. Tv maven. Internet scholar.",
    ],
)
def test_author_bio_in_the_tail(bio: str) -> None:
    assert is_author_bio(bio)
    kept, removed = clean(BEFORE + AFTER + ["", bio])
    assert bio in removed and bio not in kept


def test_author_bio_rule_ignores_real_sentences() -> None:
    assert not is_author_bio("“We will fight. We will win. Glory to Ukraine.”")
    assert not is_author_bio("The vote was close. Turnout was low. Results come on Friday.")
    assert not is_author_bio("Russia. Ukraine. Belarus.")


def test_about_the_author_block() -> None:
    kept, removed = clean(BEFORE + AFTER + ["", "About the author", "Jane Doe covers European politics from Brussels."])
    assert "About the author" in removed
    assert "Jane Doe covers European politics from Brussels." in removed


def test_comment_thread_at_the_end_is_cut() -> None:
    thread = ["3 Comments", "I think this is a disgrace and the minister should resign.", "Totally agree with you."]
    kept, removed = clean(BEFORE + AFTER + [""] + thread)
    assert all(line in removed for line in thread)


def test_byline_only_near_the_top() -> None:
    kept, removed = clean(["By Jane Doe, Moscow correspondent", ""] + BEFORE + AFTER)
    assert removed == ["By Jane Doe, Moscow correspondent"]
    kept, removed = clean(["By Tuesday, the troops had left the city.", ""] + BEFORE)
    assert removed == []


@pytest.mark.parametrize(
    "line",
    [
        "Advertisement",
        "Story continues below advertisement",
        "(Article continues after graphic.)",
        "Sign up to our free Europe newsletter",
        "Follow us on Twitter",
        "Tags: Russia, Ukraine, Turkey",
        "© 2022 Example Media Ltd",
        "The post Putin visits Tehran appeared first on Example News.",
        "Reporting by Jane Doe; Editing by John Smith",
        "With files from The Canadian Press",
        "Greg Example, The Associated Press",
        "***",
        "• • •",
        "Published: 4 April 2022",
        "https://example.com/other-story",
    ],
)
def test_other_page_furniture(line: str) -> None:
    assert_removed_in_context([line])


def test_inline_caption_is_cut_off_the_sentence() -> None:
    line = "The alliance will meet again in May.Open this photo in gallery Delegates arrive at the summit."
    kept, removed = clean(BEFORE + [line] + AFTER)
    assert "The alliance will meet again in May." in kept
    assert "Open this photo in gallery Delegates arrive at the summit." in removed


def test_caption_neighbour_is_removed_but_not_a_subheading() -> None:
    caption = "A drone flies over the city during the attack (file photo)"
    neighbour = "Officials said the drones were launched from the south of the country overnight"
    kept, removed = clean(BEFORE + [caption, neighbour] + AFTER)
    assert caption in removed and neighbour in removed
    kept, removed = clean(BEFORE + [caption, "Drones over the city"] + AFTER)
    assert "Drones over the city" in kept


def test_open_ended_line_without_caption_signal_is_kept() -> None:
    line = "The trip marks the second time the president has been abroad since the war started"
    kept, removed = clean(BEFORE + [line] + AFTER)
    assert line in kept


def test_junk_lines_veto_titles_but_headlines_pass() -> None:
    assert is_junk_line("Share post:")
    assert is_junk_line("Wendy Golden with photos of her son at home (Steve Example/CBC)")
    assert not is_junk_line("Turkey pulls rug from under Russia as Putin charm offensive backfires")


def test_rules_are_named_and_documented() -> None:
    assert len(set(RULE_NAMES)) == len(RULE_NAMES)
    for rule in (*LINE_RULES, *SECTION_RULES):
        assert re.fullmatch(r"[a-z_]+", rule.name)
        assert len(rule.description) > 20


@pytest.mark.parametrize(
    "line",
    [
        "share email print copy link " * 4 + "today?",
        "Facebook Twitter copy link " * 3 + "then",
        "By " + "Jane, " * 12 + "said.",
        "(pictured " * 20 + "x.",
    ],
)
def test_pathological_lines_are_handled(line: str) -> None:
    """Lines built to make naive alternation patterns backtrack exponentially (would hang if broken)."""
    kept, _ = clean([line])
    assert kept in ([line], [])


def test_many_section_headers_stay_cheap() -> None:
    lines = ["Comments"] * 20_000 + BEFORE
    result = remove_junk(lines)
    assert [line for line in result.lines if line] == [line for line in BEFORE if line]
