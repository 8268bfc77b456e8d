"""Analysis rules against entity junk (issue 16): lists of "Name, Work" lines, fragments of a name cut at "and"."""

from __future__ import annotations

from generator.analyse.entities import extract_mentions
from generator.analyse.list_lines import listed_for

NOMINEES = (
    "Best Actress in a Motion Picture – Drama\n\n"
    "Emily Blunt, Mary Poppins Returns\n\n"
    "** WINNER: Olivia Colman, The Favourite\n\n"
    "Alison Brie (Glow)\n\n"
    "Jason Bateman, Ozark\n\n"
    "The winners were named in Los Angeles on Sunday."
)


def test_the_listed_for_part_of_a_run_of_item_lines_gives_no_entity(nlp) -> None:
    names = {m.text for m in extract_mentions(nlp(NOMINEES))}
    assert {"Emily Blunt", "Olivia Colman", "Los Angeles"} <= names
    assert not names & {"Glow", "Ozark", "Mary Poppins", "Mary Poppins Returns", "Favourite"}


def test_a_known_place_in_a_result_list_stays_a_place(nlp) -> None:
    doc = nlp("Results:\n\nNaoki Soma (Japan)\n\nLance Armstrong (France)\n\nMiguel Indurain (Spain)")
    assert {"Japan", "France", "Spain"} <= {m.text for m in extract_mentions(doc) if m.type == "place"}


def test_one_or_two_such_lines_are_prose_not_a_list(nlp) -> None:
    assert listed_for(nlp("Smith, Jones\n\nAlison Brie (Glow)\n\nHe left.")) == []
    doc = nlp(NOMINEES)
    text = doc.text
    assert [text[a:b] for a, b in listed_for(doc)] == ["Mary Poppins Returns", "The Favourite", "Glow", "Ozark"]


def test_an_untagged_word_and_and_lead_an_organisation_name(nlp) -> None:
    """"the Heart and Stroke Foundation": the tagger took "Stroke Foundation", a fragment."""
    names = {m.text for m in extract_mentions(nlp("A regime sponsored by the Heart and Stroke Foundation of Canada is bullish."))}
    assert "Heart and Stroke Foundation of Canada" in names
    names = {m.text for m in extract_mentions(nlp("Shares of Ford and General Motors Corp fell."))}
    assert {"Ford", "General Motors Corp"} <= names


def _names(nlp, text: str) -> set[str]:
    return {m.text for m in extract_mentions(nlp(text))}


def test_what_a_name_owns_is_not_part_of_the_name(nlp) -> None:
    """"the Star's Entertainment section", "Blaine Higgs' Tories": the owner is the name."""
    names = _names(nlp, "Debra Yeo is a contributor to the Star’s Entertainment section.")
    assert "Star’s Entertainment" not in names
    names = _names(nlp, "The Liberals handed power to Blaine Higgs' Tories in November.")
    assert "Blaine Higgs' Tories" not in names and "Blaine Higgs" in names


def test_a_possessive_inside_a_name_keeps_the_name_whole(nlp) -> None:
    """After a common noun or before an institution word, the possessive belongs to the name."""
    assert "Saskatchewan’s Court of Appeal" in _names(
        nlp, "In February, Saskatchewan’s Court of Appeal will start hearing arguments on the tax."
    )
    assert "People’s Republic of China" in _names(
        nlp, "We are deeply concerned about the detentions of Canadian citizens in the People’s Republic of China."
    )


def test_the_tail_of_a_longer_name_is_no_name(nlp) -> None:
    """"the Out of the Cold program": the tagger's "Cold" is the end of a programme's name."""
    text = "He asked why homeless people use the Out of the Cold program year after year."
    assert "Cold" not in _names(nlp, text)
    # After a title, a plural, or another proper noun, the name after "of"/"and" stands alone.
    assert "European Commission" in _names(nlp, "The President of the European Commission Jacques Santer spoke.")
    assert "United States" in _names(nlp, "The Dow Chemical Co of the United States will invest $4 billion.")
    assert "Portugal" in _names(nlp, "Tonight Armenia and Portugal drew 0-0 in a qualifier.")


def test_contests_eras_and_award_categories_are_no_entities(nlp) -> None:
    """"the PGA Championship", "the Great Recession", "Best Actress": events, not bodies or places."""
    names = _names(nlp, "Hadwin is looking to gear up for the PGA Championship along with the RBC Canadian Open.")
    assert not names & {"PGA Championship", "RBC Canadian Open", "Canadian Open"}
    names = _names(nlp, "Several Democrats reversed changes put in place after the Great Recession.")
    assert "Great Recession" not in names
    names = _names(nlp, NOMINEES)
    assert "Best Actress" not in names and "Emily Blunt" in names


def test_an_event_word_alone_or_after_the_span_makes_an_event(nlp) -> None:
    """"the Paralympics"; "the U.S. Open" where the tagger took "U.S.": the event, not the country."""
    names = _names(nlp, "Chances are good that Levine will return to the Paralympics too.")
    assert "Paralympics" not in names and "Levine" in names
    names = _names(nlp, "Tiger Woods will play the U.S. Open assuming good health, though.")
    assert "U.S." not in names and "Tiger Woods" in names
    # The tagger may stop several words before the event word, glued by hyphens.
    names = _names(nlp, "Woods could play the AT&T Pebble Beach Pro-Am here in 2019, but we are not counting on it.")
    assert not names & {"AT&T", "AT&T Pebble Beach", "Pebble Beach"}


def test_a_word_of_a_quoted_title_is_no_name(nlp) -> None:
    """A title in quotation marks is one work; its capitalised words name no one."""
    text = (
        "That's according to a Michigan school's latest \"List of Words Banished from the Queen's English "
        "for Mis-use, Over-use and General Uselessness.\""
    )
    assert "Uselessness" not in _names(nlp, text)
    # A quoted list of names is names, and a quoted remark is no title.
    names = _names(nlp, "She listed “Germany, France, the Netherlands, Britain, Australia and Latvia” as allies.")
    assert {"Germany", "Britain", "Latvia"} <= names
    assert "Ford" in _names(nlp, "“Forget about Ford and the others,” Ellison said.")


def test_a_name_ending_in_its_number_in_prose_is_a_numbered_thing(nlp) -> None:
    """"Australia's S&P ASX 200 added 0.4 per cent": an index, not an organisation "S&P ASX"."""
    names = _names(
        nlp,
        "Markets in Asia were mixed on Friday as traders weighed the trade talks, and Australia's "
        "S&P ASX 200 added 0.4 per cent while the mood elsewhere stayed cautious.",
    )
    assert "S&P ASX" not in names and "Australia" in names
    # A score after a club in a result line is no part of its name.
    names = _names(nlp, "Summary of the game: Deportivo Coruna 1 (Corentine Martins 22nd minute) Real Madrid 1 (Roberto Carlos 77th)")
    assert "Real Madrid" in names


def test_a_tagged_word_of_the_same_kind_before_a_joiner_starts_the_name(nlp) -> None:
    """"Dying" (ORG) "with" "Dignity Canada" (ORG): one name, so the tail alone is none."""
    names = _names(nlp, "Given his views, Shanaaz Gokool, president of Dying with Dignity Canada, is hopeful.")
    assert "Dignity Canada" not in names and "Shanaaz Gokool" in names


def test_a_person_span_cut_after_of_leaves_no_person(nlp) -> None:
    """The tagger's person "the Birth of Modern Canada": the title cut leaves "Modern Canada"."""
    text = (
        "Cecil Foster is the author of the new book They Call Me George: The Untold Story of Black "
        "Train Porters and the Birth of Modern Canada."
    )
    assert "Modern Canada" not in _names(nlp, text)
    # A person after "with" and another name stays a person.
    text = "Hadwin represented Canada at the World Cup of Golf with Taylor during the fall of 2018."
    assert "Taylor" in _names(nlp, text)


def test_a_number_the_tagger_left_out_still_makes_a_numbered_thing(nlp) -> None:
    """"UFCW Local 832": the tagger's "UFCW Local" is a fragment of a numbered local."""
    text = "A release sent to media from UFCW Local 832 late Friday said a majority of the workers said yes."
    assert "UFCW Local" not in _names(nlp, text)


def test_titles_of_works_and_names_of_texts_are_no_entities(nlp) -> None:
    """Capitalised short words mark a title; a text word ends the name of a text."""
    names = _names(nlp, "Dorie Greenspan also co-wrote Baking With Julia, the companion cookbook to Julia Child's show on PBS.")
    assert "Baking With Julia" not in names and "Dorie Greenspan" in names
    text = "According to the city's Street Needs Assessment, published in November, the number rose."
    assert "Street Needs Assessment" not in _names(nlp, text)
    # Where the text says what the name is, the name stands.
    text = "Tareq Hadad, the co-founder with his father of Peace By Chocolate, a chocolate company based in Antigonish, says so."
    assert "Peace By Chocolate" in _names(nlp, text)


def test_an_organisation_word_then_of_and_a_name_is_one_name(nlp) -> None:
    """"the Golf Club of Georgia": not the fragment "Golf Club"."""
    text = "Part of the meet up was playing golf together at his home course, the Golf Club of Georgia, and they hit it off."
    names = _names(nlp, text)
    assert "Golf Club of Georgia" in names and "Golf Club" not in names


def test_the_tail_of_an_office_after_its_title_is_no_name(nlp) -> None:
    """"the Director of the Public Prosecutions": the office, not a body "Public Prosecutions"."""
    text = "The decision is made by the Director of the Public Prosecutions, Kathleen Roussel."
    names = _names(nlp, text)
    assert "Public Prosecutions" not in names and "Kathleen Roussel" in names
    # A body or a city after the title stands.
    assert "European Commission" in _names(nlp, "The President of the European Commission Jacques Santer spoke.")


def test_a_name_that_modifies_an_illness_noun_names_the_illness(nlp) -> None:
    """"Lyme disease", "Hodgkin lymphoma": the illness's name, not a body or a person."""
    text = "He fielded questions about abortion, rural development, cannabis, pharmacare and Lyme disease."
    assert "Lyme" not in _names(nlp, text)
    assert "Hodgkin" not in _names(nlp, "In 2016 she was diagnosed with Hodgkin lymphoma, a cancer.")


def test_a_person_span_ending_in_a_word_for_a_body_or_building_is_that(nlp) -> None:
    """The tagger's people "George Station" (of "King George Station") and "Covington
    Catholic High School": a station and a school, whole."""
    text = "The line would run from King George Station along Fraser Highway to Langley City."
    doc = nlp(text)
    found = {m.text: m.type for m in extract_mentions(doc)}
    assert found.get("King George Station") == "place" and "George Station" not in found
    text = "Less than a week ago, Covington Catholic High School was known mostly for its state titles in football."
    found = {m.text: m.type for m in extract_mentions(nlp(text))}
    assert found.get("Covington Catholic High School") == "organisation"


def test_a_company_name_then_of_and_a_country_stays_the_company(nlp) -> None:
    """"Kia Motor Corp of South Korea": the legal form ends the name; the country is where it is."""
    names = _names(nlp, "The deal was signed by Kia Motor Corp of South Korea on Monday.")
    assert "Kia Motor Corp" in names and "Kia Motor Corp of South Korea" not in names


def test_a_club_of_its_city_is_two_names(nlp) -> None:
    """"Espanyol of Barcelona": a tagged club, "of", its tagged city; the city is no tail."""
    text = (
        "His cross fell for Ouedec, who has joined Espanyol of Barcelona from Nantes since missing "
        "the European championship finals through injury, and he scored."
    )
    assert "Barcelona" in _names(nlp, text)


def test_adjectives_and_subtitles_are_no_names(nlp) -> None:
    """"its Middle Eastern liability" (adjectives), "Forgotten Grunt: The Undead Soldier" (a subtitle)."""
    text = "In 2017 its total exposure fell below $1-billion, and its Middle Eastern liability had fallen to 10 per cent."
    assert "Middle Eastern" not in _names(nlp, text)
    text = "The Cambridge resident sold 40 copies of his mystical war comic Forgotten Grunt: The Undead Soldier, inspired by movies."
    assert "Undead Soldier" not in _names(nlp, text)
    # An acronym the tagger takes for an adjective, and a kicker in capitals, stay.
    text = "ECB WATCH: The ECB wrapped up its first policy meeting of 2019."
    assert "ECB" in _names(nlp, text)


def test_the_opening_of_an_event_name_stands_for_the_event_later(nlp) -> None:
    """"the Diamond Resorts Tournament of Champions", later "at the Diamond Resorts": the event."""
    text = (
        "The LPGA's 2019 season kicks off Thursday with the inaugural Diamond Resorts Tournament of "
        "Champions, featuring 26 LPGA players.\n\n"
        "When asked what's more nerve-wracking, being on the mound or inside the ropes at the Diamond "
        "Resorts, Mark Mulder didn't hesitate."
    )
    assert "Diamond Resorts" not in _names(nlp, text)


def test_the_second_head_of_a_name_with_two_is_no_name(nlp) -> None:
    """"the Grandview Heights Library and Community Centre": "Community Centre" alone names no one."""
    text = (
        "The council approved cuts to projects, including upgrades to RCMP facilities, a park, "
        "the Grandview Heights Library and Community Centre and a new sport and ice complex in Cloverdale."
    )
    assert "Community Centre" not in _names(nlp, text)
    # Two companies, each with its legal form, are two names.
    names = _names(nlp, "The stake was sold by Crystallex Corp. and Gold Reserve Inc. last year.")
    assert "Gold Reserve Inc." in names


def test_a_name_opening_a_sentence_is_whole_when_the_article_writes_it_inside_one(nlp) -> None:
    """"Dying with Dignity Canada intends ...": the capital of "Dying" is the name's, as the
    article's "president of Dying with Dignity Canada" shows."""
    text = (
        "Shanaaz Gokool, president of Dying with Dignity Canada, is hopeful about the review.\n\n"
        "Dying with Dignity Canada intends to launch a campaign next month to pressure the government."
    )
    assert "Dignity Canada" not in _names(nlp, text)


def test_a_list_of_capitalised_words_inside_a_name_keeps_its_tail_in_the_name(nlp) -> None:
    """"the Global Compact for Safe, Orderly and Regular Migration": "Regular Migration" is no body."""
    text = (
        "Scheer's stance against the recent United Nations Global Compact for Safe, Orderly and "
        "Regular Migration was one of the things that provoked anger."
    )
    assert "Regular Migration" not in _names(nlp, text)
    assert "Kent" in _names(nlp, "Floods hit towns in Essex and Kent on Monday, police said.")
