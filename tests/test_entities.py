"""Mentions and roles from one article (analyse stage), on sentences written for the rules."""

from __future__ import annotations

import pytest

from generator.analyse.entities import extract_mentions, extract_roles


def mentions(nlp, text):
    doc = nlp(text)
    return doc, extract_mentions(doc)


def names(ms, kind=None):
    return [m.text for m in ms if kind is None or m.type == kind]


def test_offsets_point_at_the_bare_name(nlp):
    doc, ms = mentions(nlp, "Foreign Minister Olena Kovalenko’s visit to Warsaw was cut short.")
    assert ms, "expected mentions"
    for m in ms:
        assert doc.text[m.start : m.end] == m.text
        assert m.sentence and m.text in m.sentence
    assert "Olena Kovalenko" in names(ms, "person")
    assert not any("’s" in m.text or "Minister" in m.text for m in ms)


def test_article_is_dropped_from_organisation_names(nlp):
    _, ms = mentions(nlp, "Kremlin spokesman Dmitry Peskov told reporters that the Kremlin had no comment.")
    assert names(ms, "organisation") == ["Kremlin", "Kremlin"]
    assert names(ms, "person") == ["Dmitry Peskov"]


def test_titles_are_cut_from_people(nlp):
    _, ms = mentions(nlp, "Supreme Leader Ayatollah Ali Khamenei met Crown Prince Mohammed Bin Salman in Riyadh.")
    assert names(ms, "person") == ["Ali Khamenei", "Mohammed Bin Salman"]
    assert "Supreme" not in names(ms)


def test_a_job_title_is_not_an_organisation(nlp):
    _, ms = mentions(nlp, "US National Security Adviser Jake Sullivan said Iran would train the soldiers.")
    assert names(ms, "organisation") == []
    assert names(ms, "person") == ["Jake Sullivan"]


def test_weapons_and_model_numbers_are_not_entities(nlp):
    _, ms = mentions(
        nlp, "The army fired Starstreak missiles and used T-72 tanks near Kharkiv, while the Forpost UAV crashed."
    )
    assert names(ms) == ["Kharkiv"]


def test_photo_credit_paragraph_gives_no_names(nlp):
    text = "Protesters gathered outside the building.\n\n(Jane Doe/The Canadian Press)\n\nThe mayor, Tom Wrigley, said nothing."
    _, ms = mentions(nlp, text)
    assert "Jane Doe" not in " ".join(names(ms))
    assert "Tom Wrigley" in names(ms, "person")


def test_byline_and_staff_credit_give_no_names(nlp):
    text = (
        "Councillors voted on Tuesday to close the arena, Mayor Anna Brill said.\n\n"
        "With files from Peter Koval\n\n"
        "Reporter Lisa Trent contributed to this report."
    )
    _, ms = mentions(nlp, text)
    people = names(ms, "person")
    assert "Peter Koval" not in people and "Lisa Trent" not in people


def test_description_decides_the_type(nlp):
    _, ms = mentions(nlp, "The company bought engines from Turkish drone maker Baykar last year.")
    assert [(m.text, m.type) for m in ms] == [("Baykar", "organisation")]
    _, ms = mentions(
        nlp,
        "The announcement came from Rustem Umerov, Ukraine’s First Deputy Minister of Defense, who shared details.",
    )
    assert ("Rustem Umerov", "person") in [(m.text, m.type) for m in ms]


def test_a_place_after_a_locative_preposition_is_not_a_person(nlp):
    _, ms = mentions(nlp, "Officials met in Kyiv and Chernihiv on Monday.")
    assert ms and all(m.type == "place" for m in ms)


def test_lowercase_and_sentence_initial_common_words_are_dropped(nlp):
    _, ms = mentions(nlp, "Mr Sullivan said the drones were ready. Debris was seen on the road.")
    assert names(ms) == ["Sullivan"]
    assert all(any(c.isupper() for c in m.text) and len(m.text) > 1 for m in ms)


def test_missed_first_name_is_recovered_from_a_tagged_surname(nlp):
    # The tagger often misses the full name once and finds the surname later;
    # given only the surname as a person, the full name is taken from the text.
    from generator.analyse.entities import _recover_full_names
    from generator.model import Mention

    text = "Analyst Alexei Malashenko was sceptical. Later Malashenko said the deal was weak."
    doc = nlp(text)
    start = text.rindex("Malashenko")
    surname = Mention("Malashenko", "person", start, start + len("Malashenko"), "Later Malashenko said.")
    bounds = [(0, len(text))]
    out = _recover_full_names(doc, [surname], lambda tok: False, bounds)
    assert [m.text for m in out] == ["Alexei Malashenko", "Malashenko"]
    assert out[0].type == "person" and text[out[0].start : out[0].end] == "Alexei Malashenko"
    # A title in front is not a first name.
    text2 = "Minister Malashenko was sceptical. Later Malashenko said the deal was weak."
    doc2 = nlp(text2)
    start2 = text2.rindex("Malashenko")
    surname2 = Mention("Malashenko", "person", start2, start2 + 10, "")
    out2 = _recover_full_names(doc2, [surname2], lambda tok: False, [(0, len(text2))])
    assert [m.text for m in out2] == ["Malashenko"]


@pytest.mark.parametrize(
    "text, name, role",
    [
        ("Kremlin spokesman Dmitry Peskov said the meeting was useful.", "Dmitry Peskov", "Kremlin spokesman"),
        (
            "Daniel Okafor, a senior fellow at the Institute for Strategic Studies, said the deal was weak.",
            "Daniel Okafor",
            "senior fellow at the Institute for Strategic Studies",
        ),
        (
            "The talks were led by Canada’s Foreign Minister, Mélanie Joly, who flew to Ottawa.",
            "Mélanie Joly",
            "Canada’s Foreign Minister",
        ),
        (
            "US National Security Adviser Jake Sullivan said Iran would train the soldiers.",
            "Jake Sullivan",
            "US National Security Adviser",
        ),
    ],
)
def test_roles_from_premodifiers_and_appositions(nlp, text, name, role):
    doc = nlp(text)
    roles = extract_roles(doc, extract_mentions(doc))
    assert (name, role) in [(r.name, r.text) for r in roles]


def test_organisation_descriptions_are_not_roles(nlp):
    doc = nlp("The company bought engines from Turkish drone maker Baykar last year.")
    assert extract_roles(doc, extract_mentions(doc)) == []


def test_a_shorter_role_inside_a_longer_one_is_dropped(nlp):
    doc = nlp("Ukrainian President Vladimir Zelenskyy spoke. Later President Vladimir Zelenskyy left.")
    texts = [r.text for r in extract_roles(doc, extract_mentions(doc))]
    assert "Ukrainian President" in texts and "President" not in texts


@pytest.mark.parametrize(
    "text, name",
    [
        ("Sanctions bite since the Kremlin's Crimea invasion in 2014.", "Crimea"),
        ("Protesters marked ten years since the Crimea annexation by Moscow.", "Crimea"),
    ],
)
def test_territory_modifying_an_invasion_or_annexation_is_a_place(nlp, text: str, name: str) -> None:
    doc = nlp(text)
    assert {e.text: e.label_ for e in doc.ents}[name] == "ORG"  # the tagger's guess this rule corrects
    mentions = {m.text: m.type for m in extract_mentions(doc)}
    assert mentions[name] == "place", mentions


def test_a_capitalised_ordinal_stays_part_of_the_name(nlp):
    # Cutting at "First" (a number word to the tagger) left "Assembly" and "Nations" as names.
    _, ms = mentions(nlp, "She spoke to the Assembly of First Nations about racism against First Nations people.")
    assert names(ms, "organisation") == ["Assembly of First Nations", "First Nations"]
    _, ms = mentions(nlp, "Liverpool 2 Southampton 1 on Saturday.")
    assert names(ms) == ["Liverpool", "Southampton"]  # figures still cut a result line
