"""Extractive summaries: right sentences, verbatim, in text order, never junk."""

from __future__ import annotations

import dataclasses

import pytest

from generator.analyse.sentences import Sentence, quote_mask, split_sentences, starts_dangling, stem
from generator.analyse.summary import centrality, covered_share, score_sentences, select, summarise, term_weights
from generator.analyse.summary_model import load_model
from generator.model import Mention

LEDE_001 = (
    "Russian forces are running out of key military equipment and weapons as their parts "
    "are made in Ukrainian factories, it has been claimed."
)


def _seed_001(seeds_dir) -> tuple[str, list[str]]:
    """Seed 001: title, date and URL lines, then one shuffled paragraph a line."""
    lines = (seeds_dir / "001_ced04212048b39c6.txt").read_text(encoding="utf-8").split("\n")
    return lines[0].strip(), [line.strip() for line in lines[3:] if line.strip()]


def _mentions(doc) -> list[Mention]:
    kinds = {"PERSON": "person", "ORG": "organisation", "GPE": "place", "LOC": "place"}
    return [
        Mention(e.text, kinds[e.label_], e.start_char, e.end_char, e.sent.text)
        for e in doc.ents
        if e.label_ in kinds
    ]


def test_seed_001_lede_is_picked_though_mid_text(nlp, seeds_dir):
    title, paragraphs = _seed_001(seeds_dir)
    assert paragraphs.index(LEDE_001) > 5  # the premise: the lede is not near the top
    doc = nlp("\n\n".join(paragraphs))
    summary = summarise(doc, title, _mentions(doc))
    assert LEDE_001 in summary
    assert len(summary) == 3


@pytest.mark.parametrize("where", [0, 7, -1])
def test_seed_001_lede_found_wherever_it_sits_and_without_title(nlp, seeds_dir, where):
    _, paragraphs = _seed_001(seeds_dir)
    paragraphs.remove(LEDE_001)
    paragraphs.insert(where if where >= 0 else len(paragraphs), LEDE_001)
    doc = nlp("\n\n".join(paragraphs))
    assert LEDE_001 in summarise(doc, None, [])


def test_seed_001_caption_line_without_full_stop_is_never_picked(nlp, seeds_dir):
    title, paragraphs = _seed_001(seeds_dir)
    caption = next(p for p in paragraphs if p.startswith("The T-72 tank and Kh-22"))
    doc = nlp("\n\n".join(paragraphs))
    for n in range(1, 12):
        assert caption not in summarise(doc, title, [], n=n)


ARTICLE = [
    "Flood defences in the river town of Marlow will be rebuilt after the council approved "
    "a twelve million pound plan on Tuesday, ending years of argument over the scheme.",
    "Share this article",
    "READ MORE: Council tax to rise again next year [LATEST]",
    "The council said the new flood defences would protect more than two thousand homes in Marlow.",
    "Council leader Anna Price (pictured) said the flood defences plan was long overdue.",
    "Residents' worries",
    "“We have been flooded three times in ten years and nobody listened to us.",
    "“Now at last the council is acting on flood defences, and the whole town is relieved.”",
    "Work on the new flood defences in Marlow will begin in the spring and last two years, "
    "the council said.",
    "The Environment Agency will pay half of the cost of the Marlow flood defences.",
    "Weeks of mild, wet and windy conditions are about to finally give way to a dry but...",
    "Opponents had argued that the money for flood defences should go to roads instead.",
]
NEVER = {
    "Share this article",
    "READ MORE: Council tax to rise again next year [LATEST]",
    "Council leader Anna Price (pictured) said the flood defences plan was long overdue.",
    "Residents' worries",
    "“We have been flooded three times in ten years and nobody listened to us.",
    "“Now at last the council is acting on flood defences, and the whole town is relieved.”",
    "Weeks of mild, wet and windy conditions are about to finally give way to a dry but...",
}


@pytest.fixture(scope="module")
def article_doc(nlp):
    return nlp("\n\n".join(ARTICLE))


@pytest.mark.parametrize("n", [1, 2, 3, 5, 50])
def test_made_up_article_budget_order_verbatim_and_no_junk(article_doc, n):
    summary = summarise(article_doc, "Marlow flood defences approved", [], n=n)
    usable = len(ARTICLE) - len(NEVER)
    assert len(summary) == min(n, usable)
    assert not NEVER & set(summary)
    positions = [article_doc.text.index(s) for s in summary]
    assert positions == sorted(positions)
    assert all(s in ARTICLE for s in summary)


def test_made_up_article_keeps_the_lede(article_doc):
    assert ARTICLE[0] in summarise(article_doc, "Marlow flood defences approved", [], n=3)


@pytest.mark.parametrize("swap", [False, True])
def test_position_breaks_ties_between_equally_central_sentences(nlp, swap):
    a = "Marlow council approved the new flood plan on Tuesday evening."
    b = "On Tuesday evening Marlow council approved the new flood plan."  # same words, reordered
    first, second = (b, a) if swap else (a, b)
    text = f"{first}\n\n{second}"
    doc = nlp(text)
    marlow = [
        Mention("Marlow", "place", i, i + 6, "")
        for i in (text.index("Marlow"), text.index("Marlow", len(first)))
    ]
    assert summarise(doc, None, marlow, n=1) == [first]


def test_deterministic(article_doc):
    first = summarise(article_doc, None, [], n=3)
    assert all(summarise(article_doc, None, [], n=3) == first for _ in range(3))


def test_short_article_gives_what_it_has(nlp):
    doc = nlp("The bridge in Marlow reopened on Monday after repairs.\n\nTraffic is expected to be heavy all week.")
    summary = summarise(doc, None, [], n=3)
    assert summary == [
        "The bridge in Marlow reopened on Monday after repairs.",
        "Traffic is expected to be heavy all week.",
    ]


def test_nothing_usable_gives_empty_summary(nlp):
    assert summarise(nlp(""), "Title", [], n=3) == []
    doc = nlp("Share this article\n\nRelated articles\n\n“We will not give up.”\n\nMain points")
    assert summarise(doc, None, [], n=3) == []
    assert summarise(nlp("A perfectly good sentence about the town council and its plans."), None, [], n=0) == []


def test_attributed_quote_is_allowed_but_bare_quote_is_not(nlp):
    doc = nlp(
        "“The plan will protect thousands of homes from floods,” council leader Anna Price said.\n\n"
        "“It is long overdue and the residents deserve it.”"
    )
    sentences = split_sentences(doc)
    assert sentences[0].reject is None
    assert sentences[1].reject == "bare quote"


def test_sentences_are_clipped_to_paragraphs(nlp):
    doc = nlp("Main points\n\nThe council approved the plan on Tuesday.\n\nWork will begin in spring.")
    sentences = split_sentences(doc)
    assert [s.text for s in sentences] == [
        "Main points",
        "The council approved the plan on Tuesday.",
        "Work will begin in spring.",
    ]
    assert sentences[0].reject is not None
    assert [s.paragraph for s in sentences] == [0, 1, 2]


def test_quote_mask_handles_apostrophes_and_open_quotes():
    text = "He said: “It’s over” and ‘we’re done’ now."
    mask = quote_mask(text)
    inside = "".join(c for c, m in zip(text, mask) if m)
    assert inside == "“It’s over”‘we’re done’"
    assert all(quote_mask("“Still talking, and no close")[1:])


@pytest.mark.parametrize(
    "a, b",
    [("Ukraine", "Ukrainian"), ("Russia", "Russian"), ("tanks", "tank"), ("running", "run"), ("claimed", "claim")],
)
def test_stem_conflates_related_forms(a, b):
    assert stem(a) == stem(b)


def test_stem_keeps_different_words_apart():
    assert stem("war") != stem("weapon")
    assert stem("is") == "is"


BUDGET_ARTICLE = [
    "The city council approved a new budget for road repairs and school buildings on Monday after a long debate.",
    "Council members voted on Monday to approve the new budget for road repairs and school buildings in the city.",
    "Spending on road repairs will rise by ten percent next year under the budget, the council said.",
    "School buildings in the north of the city will be repaired first, council officials said.",
    "Shop owners warned that the road repairs would disrupt trade in the city centre for months.",
]


@pytest.fixture(scope="module")
def budget_doc(nlp):
    return nlp("\n\n".join(BUDGET_ARTICLE))


def test_restatement_is_skipped_for_a_new_fact(budget_doc):
    """The two most central sentences say the same thing: only one of them is kept."""
    summary = summarise(budget_doc, None, [], n=2)
    assert summary[0] == BUDGET_ARTICLE[0]
    assert BUDGET_ARTICLE[1] not in summary
    # the premise: by score alone the restatement would be second
    lenient = dataclasses.replace(load_model(), redundancy=1.0)
    assert summarise(budget_doc, None, [], n=2, model=lenient) == BUDGET_ARTICLE[:2]


def test_budget_is_filled_even_when_only_restatements_are_left(budget_doc):
    assert summarise(budget_doc, None, [], n=5) == BUDGET_ARTICLE


def test_redundancy_is_judged_against_what_the_summary_covers_of_the_article():
    """A repeat is skipped; a sentence mostly about covered main threads but adding a word is not."""

    def sent(index: int, terms: list[str]) -> Sentence:
        return Sentence(index=index, text=str(index), start=index, end=index, paragraph=index, span=None, terms=terms)

    sentences = [sent(0, ["a", "b"]), sent(1, ["a", "b"]), sent(2, ["a", "b", "c"]), sent(3, ["d"])]
    # weights a:3 b:3 c:1 d:1; after sentence 0 the summary covers 6/8 of the article and sentence 2
    # 6/7 of itself: 86% covered, but only (6/7 - 6/8) / (1 - 6/8) = 43% of the gap, so it is fresh
    assert select(sentences, [1.0, 0.9, 0.8, 0.1], 2, redundancy=0.5) == [0, 2]
    assert select(sentences, [1.0, 0.9, 0.8, 0.1], 4, redundancy=0.5) == [0, 2, 3, 1]  # the repeat only fills the budget
    assert select(sentences, [1.0, None, 0.8, None], 4, redundancy=0.5) == [0, 2]
    assert select(sentences, [1.0, 0.9, 0.8, 0.1], 2, redundancy=0.4) == [0, 3]  # a stricter threshold: 43% is too much
    assert select(sentences, [1.0, 0.9, 0.8, 0.1], 2, redundancy=1.0) == [0, 1]  # none: scores alone


def test_covered_share_weights_words_by_how_many_sentences_use_them():
    weights = term_weights([["road", "budget"], ["road", "school"], ["road"]])
    assert weights == {"road": 3, "budget": 1, "school": 1}
    assert covered_share(["road", "budget"], set(), weights) == 0.0
    assert covered_share(["road", "budget"], {"road"}, weights) == pytest.approx(3 / 4)
    assert covered_share(["road", "budget", "road"], {"road", "budget"}, weights) == 1.0
    assert covered_share([], {"road"}, weights) == 0.0


def test_centrality_counts_overlap_with_every_other_sentence():
    degree = centrality([["road", "budget"], ["road", "school"], ["road", "budget", "vote"], ["weather"]])
    assert degree[3] == 0.0
    assert degree[0] > degree[1] > 0.0  # "road budget" is echoed twice over
    assert centrality([["road"]]) == [0.0] and centrality([]) == []


def test_unpickable_lines_still_count_as_context(nlp):
    """Bare quotes are never picked, but what they talk about makes a sentence central."""
    snow = "Heavy snow closed the mountain pass for the third time this winter."
    budget = "The council approved the road budget on Monday after a long debate."
    quotes = ["“The road budget is the best news this town has had in years.”", "“A road budget at last.”"]
    assert summarise(nlp(f"{snow}\n\n{budget}"), None, [], n=1) == [snow]  # no overlap: first wins
    doc = nlp("\n\n".join([snow, budget, *quotes]))
    scores = score_sentences(split_sentences(doc), None, [], doc)
    assert scores[2] is None and scores[3] is None
    assert summarise(doc, None, [], n=1) == [budget]


def test_longer_sentence_wins_between_equally_central_ones(nlp):
    short = "The council approved the road budget on Monday."
    long = "The council approved the road budget on Monday evening, after a debate that went on for hours."
    for order in ((short, long), (long, short)):
        doc = nlp("\n\n".join(order))
        assert summarise(doc, None, [], n=1) == [long]


def test_body_line_repeating_the_headline_is_not_picked(nlp):
    title = "Council approves road repair budget for Marlow"
    lines = [
        "Council approves road repair budget for Marlow.",
        "The council in Marlow approved the budget for road repairs on Monday after a long debate.",
        "Road repairs in Marlow will begin in the spring, the council said.",
    ]
    doc = nlp("\n\n".join(lines))
    assert summarise(doc, title, [], n=3) == lines[1:]
    assert summarise(doc, None, [], n=3) == lines


@pytest.mark.parametrize(
    "text, dangling",
    [
        ("However, the council said the plan would go ahead.", True),
        ("But the plan was delayed again.", True),
        ("Meanwhile, the council met on Monday.", True),
        ("They said the plan would go ahead.", True),
        ("The council said the plan would go ahead.", False),
        ("Butter prices rose again in March.", False),
    ],
)
def test_dangling_openers(nlp, text, dangling):
    (sentence,) = split_sentences(nlp(text))
    assert starts_dangling(sentence) is dangling


def test_seed_000_restatement_gives_way_to_the_news(nlp, seeds_dir):
    """Seed 000 says twice that Russia is running out of weapons: only one of the two is kept, with the lede."""
    lines = (seeds_dir / "000_786a4680b47ca245.txt").read_text(encoding="utf-8").split("\n")
    title = lines[0].strip()
    body = [
        line.strip()
        for line in lines[1:]
        if line.strip().endswith((".", "”", "\"")) and "[" not in line and "Please enter" not in line
    ]
    body = body[: next(i for i, line in enumerate(body) if line.startswith("Weeks of mild"))]
    doc = nlp("\n\n".join(body))
    summary = summarise(doc, title, [])
    restatements = [s for s in summary if s.startswith(("Earlier this month, Russia", "Just weeks ago, Russia"))]
    assert len(restatements) == 1
    assert summary[0].startswith("Vladimir Putin has been desperately scrambling for support")
    assert len(summary) == 3
