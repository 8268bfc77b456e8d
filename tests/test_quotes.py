"""Quote extraction and speaker attribution on short texts written for these rules."""

from __future__ import annotations

from generator.analyse.quotes import extract_quotes
from generator.model import Quote


def run(nlp, *paragraphs: str) -> list[Quote]:
    return extract_quotes(nlp("\n\n".join(paragraphs)), [])


def by_text(quotes: list[Quote], start: str) -> Quote:
    for quote in quotes:
        if quote.text.startswith(start):
            return quote
    raise AssertionError(f"no quote starting {start!r} in {[q.text for q in quotes]}")


def test_speaker_after_quote(nlp) -> None:
    quotes = run(nlp, "“We will not back down on this,” Maria Lopez said on Tuesday.")
    assert [(q.text, q.speaker, q.kind) for q in quotes] == [
        ("We will not back down on this", "Maria Lopez", "full")
    ]


def test_inverted_attribution_with_apposition(nlp) -> None:
    quotes = run(
        nlp,
        "“The plan is ready and the money is there,” said Tom Baxter, the finance minister of the province.",
    )
    assert quotes[0].speaker == "Tom Baxter"


def test_short_name_widened_to_fullest(nlp) -> None:
    quotes = run(
        nlp,
        "Health minister Anna Kowalski visited the hospital on Monday.",
        "‘The wards are full every night,’ Ms Kowalski said.",
        "“We need more nurses,” Kowalski added.",
    )
    assert [q.speaker for q in quotes] == ["Anna Kowalski", "Anna Kowalski"]


def test_colon_lead_in_and_multi_paragraph(nlp) -> None:
    quotes = run(
        nlp,
        "Economist Raj Patel, a fellow at a London institute, tweeted: “Prices will rise again.",
        "“Wages will not keep up this year.”",
    )
    assert len(quotes) == 1
    assert quotes[0].speaker == "Raj Patel"
    assert quotes[0].text == "Prices will rise again.\nWages will not keep up this year."


def test_broken_quote_keeps_speaker_for_second_half(nlp) -> None:
    quotes = run(nlp, "“The vote was fair,” the mayor, Lucy Hart, said. “Nobody should doubt it.”")
    assert [q.speaker for q in quotes] == ["Lucy Hart", "Lucy Hart"]


def test_pronoun_resolves_to_gender_fitting_person(nlp) -> None:
    # The nearest sentence names only Ortega; "she" must still go to Mills, whom the
    # article marks as female ("Mills said she …"), and "he" to Ortega.
    quotes = run(
        nlp,
        "Sarah Mills met James Ortega at the station. Mills said she had been waiting for an hour."
        " Ortega said he had missed the first train.",
        "“I had almost given up,” she said.",
        "“The train was late,” he said.",
    )
    assert [q.speaker for q in quotes] == ["Sarah Mills", "James Ortega"]


def test_gender_from_honorific(nlp) -> None:
    from generator.analyse.quote_gender import infer_genders
    from generator.analyse.speakers import clean_name

    doc = nlp("Mr Dale Hunt met Ms Rita Kahn.")
    people = [(e.start, e.root.i, 0, clean_name(e.text)) for e in doc.ents if e.label_ == "PERSON"]
    genders = infer_genders(doc, people, lambda i: False, [0] * len(doc))
    assert genders == {"Dale Hunt": "m", "Rita Kahn": "f"}


def test_unnamed_source_kept_and_reused(nlp) -> None:
    quotes = run(
        nlp,
        "Last week a senior diplomat warned that talks could collapse.",
        "They said: “Nobody in the room expects a deal before spring.”",
        "The diplomat added: “Both sides are tired.”",
    )
    assert [q.speaker for q in quotes] == ["a senior diplomat", "a senior diplomat"]


def test_adding_takes_subject_of_main_clause(nlp) -> None:
    quotes = run(
        nlp,
        "The official claimed “the stockpile is almost empty”, adding: “It will take years to refill.”",
    )
    assert [q.speaker for q in quotes] == ["The official", "The official"]
    assert all(q.kind == "full" for q in quotes)


def test_according_to(nlp) -> None:
    quotes = run(nlp, "“The bridge will reopen in May,” according to council engineer Pam Reid.")
    assert quotes[0].speaker == "Pam Reid"


def test_fragments_are_partial(nlp) -> None:
    quotes = run(
        nlp,
        "Defence sources told reporters the stocks were “pretty bad” after weeks of fighting.",
        "The army is taking an ‘operational pause’ near the river.",
        "The government tabled a bill on “special economic measures” in July.",
    )
    kinds = {q.text: (q.kind, q.speaker) for q in quotes}
    assert kinds["pretty bad"] == ("partial", "Defence sources")
    assert kinds["operational pause"] == ("partial", None)
    assert kinds["special economic measures"][0] == "partial"


def test_lower_case_clause_handed_over_by_verb_is_full(nlp) -> None:
    quotes = run(nlp, "Ben Cole said: “the problem is that nobody checked the numbers.”")
    assert (quotes[0].kind, quotes[0].speaker) == ("full", "Ben Cole")
    quotes = run(nlp, "Ben Cole said that the stadium was “far too small for the crowds”.")
    assert quotes[0].kind == "partial"


def test_single_quote_over_paragraphs_after_because(nlp) -> None:
    quotes = run(
        nlp,
        "The analyst Ben Cole said the choice was logical because ‘for twenty years Iran has refined its drones.",
        "‘Their drones have seen more combat than anyone’s’.",
    )
    assert len(quotes) == 1
    assert (quotes[0].speaker, quotes[0].kind) == ("Ben Cole", "full")
    assert quotes[0].text.endswith("more combat than anyone’s")


def test_teaser_lines_never_yield_quotes(nlp) -> None:
    quotes = run(
        nlp,
        "READ MORE: Minister calls plan ‘a disaster for farmers’",
        "The minister spoke on Friday.",
    )
    assert quotes == []


def test_verbless_unattributed_quote_dropped(nlp) -> None:
    quotes = run(nlp, "The match ended late.", "“Coffee lover. Dog person. Travel buff.”")
    assert quotes == []


def test_offsets_match_text(nlp) -> None:
    doc = nlp("Intro line.\n\n“The offsets must match,” said Dana Wu.")
    (quote,) = extract_quotes(doc, [])
    assert doc.text[quote.start : quote.end] == quote.text == "The offsets must match"


def test_acronym_widened_to_organisation_name(nlp) -> None:
    quotes = run(
        nlp,
        "Export Development Canada lent the money in 2014.",
        "“We respect the confidentiality of our clients,” EDC said.",
    )
    assert quotes[0].speaker == "Export Development Canada"


def test_statement_speaks_for_its_author(nlp) -> None:
    quotes = run(nlp, "Judge Ana Ruiz ruled on Monday. “The review is complete,” her statement said.")
    assert quotes[0].speaker == "Ana Ruiz"
    quotes = run(nlp, "A statement from the European Union said: “The decision is final.”")
    assert quotes[0].speaker == "the European Union"
