"""Context decides a name's type (#14): clubs, venues, people the tagger calls organisations,
and names that are never names (numbers, money, a name glued to a verb)."""

from __future__ import annotations

from generator.analyse.entities import extract_mentions
from generator.link.entities import link_entities
from generator.model import AnalysedArticle, Article, Mention, Paragraph


def typed(nlp, text):
    return [(m.text, m.type) for m in extract_mentions(nlp(text))]


def kinds(nlp, text, name):
    return {kind for found, kind in typed(nlp, text) if found == name}


def test_a_city_that_beats_another_side_is_a_club(nlp):
    text = "Leeds beat Chelsea 2-1 on Saturday to go top of the league."
    assert kinds(nlp, text, "Chelsea") == {"organisation"}


def test_a_city_in_a_result_line_is_a_club(nlp):
    text = "SOCCER - ENGLISH LEAGUE RESULTS.\nLONDON 1996-08-31\nResults of English league matches on Saturday:\nLiverpool 2 Southampton 1\nMiddlesbrough 0 Barnsley 3\n"
    found = typed(nlp, text)
    assert ("Liverpool", "organisation") in found
    assert ("Southampton", "organisation") in found


def test_a_city_one_arrives_in_stays_a_place(nlp):
    text = "The prime minister arrived in Barcelona on Monday for talks with business leaders."
    assert kinds(nlp, text, "Barcelona") == {"place"}


def test_a_venue_is_a_place_not_an_organisation(nlp):
    text = "Scotland will play England at Murrayfield on Saturday in front of 60,000 fans."
    assert kinds(nlp, text, "Murrayfield") == {"place"}


def test_a_person_the_tagger_calls_an_organisation_is_a_person(nlp):
    """spaCy calls "Stefano Bordon" an organisation; a racer with his country in a result list."""
    text = "Result of the men's downhill: 1. Jean-Luc Brassard (Canada) 1:52.21 2. Stefano Bordon (Italy) 1:52.40"
    assert kinds(nlp, text, "Stefano Bordon") == {"person"}
    assert kinds(nlp, text, "Italy") == {"place"}


def test_a_money_amount_next_to_said_is_no_name(nlp):
    found = typed(nlp, "“The deal is done,” $137M said. Shares of Acme Corp rose.")
    assert not any(any(c.isdigit() for c in name) for name, _ in found)
    assert all("$" not in name for name, _ in found)


def test_scores_are_cut_from_names(nlp):
    found = typed(nlp, "Leicestershire 296 and 93-3. Somerset 83 and 174 (P. Simmons 4-38).")
    assert found, "expected the counties"
    assert not any(any(c.isdigit() or c == "(" for c in name) for name, _ in found)


def test_a_name_ends_at_a_verb(nlp):
    found = typed(nlp, "“We will win,” said Hillary Clinton Hammering on the point.")
    assert ("Hillary Clinton", "person") in found
    assert not any(name.endswith("Hammering") for name, _ in found)


def _article(aid, text, mentions):
    article = Article(id=aid, source=f"{aid}.txt", title=None, date=None, url=None, publisher=None,
                      paragraphs=[Paragraph(text)])
    return AnalysedArticle(article=article, title=aid, title_generated=False, summary=[],
                           mentions=mentions, quotes=[], roles=[])


def test_a_club_and_its_city_are_two_entities():
    """One article's context makes Leeds a club, another's the city: two referents, two entities."""
    sport = "Leeds beat Chelsea 2-1. Leeds scored twice."
    news = "The minister visited a hospital in Leeds."
    analysed = [
        _article("sport", sport, [Mention("Leeds", "organisation", 0, 5, sport), Mention("Chelsea", "organisation", 11, 18, sport), Mention("Leeds", "organisation", 25, 30, sport)]),
        _article("news", news, [Mention("Leeds", "place", 36, 41, news)]),
    ]
    index = link_entities(analysed)
    leeds = {e.type: e for e in index.entities.values() if e.name == "Leeds"}
    assert set(leeds) == {"organisation", "place"}
    assert leeds["organisation"].articles == ["sport"] and leeds["place"].articles == ["news"]
    assert index.by_article["sport"]["organisation"] == [leeds["organisation"].id, index.by_article["sport"]["organisation"][1]]
    assert index.by_article["news"]["place"] == [leeds["place"].id]


def test_a_money_amount_is_never_a_speaker(nlp):
    from generator.analyse.quotes import extract_quotes

    quotes = extract_quotes(nlp("“The deal is done,” $137M said on Tuesday."), [])
    assert quotes and all(q.speaker is None or not any(c.isdigit() for c in q.speaker) for q in quotes)


def test_a_title_cased_description_is_not_a_named_speaker(nlp):
    """"A Questioner At Goldman Sachs said": with the words tagged as proper nouns (as in a
    title-cased transcript), the "a" in front shows a description, never a person's name."""
    from spacy.tokens import Doc

    from generator.analyse.speakers import EntIndex, NameTable, SpeakerHistory, make_speaker

    words = ["A", "Questioner", "At", "Goldman", "Sachs", "said", "."]
    doc = Doc(
        nlp.vocab,
        words=words,
        pos=["DET", "PROPN", "ADP", "PROPN", "PROPN", "VERB", "PUNCT"],
        tags=["DT", "NNP", "IN", "NNP", "NNP", "VBD", "."],
        heads=[1, 5, 1, 4, 2, 5, 5],
        deps=["det", "nsubj", "prep", "compound", "pobj", "ROOT", "punct"],
    )
    history = SpeakerHistory(NameTable([]))
    speaker = make_speaker(doc[1], EntIndex(doc), history, lambda i: False)
    assert speaker is not None and speaker.kind == "desc"


def test_spacys_label_alone_does_not_outvote_the_model_between_body_and_place(nlp):
    """spaCy calls "Bridgeview" and "Homs" organisations and nothing in the text says so:
    the model, which weighs that label among its features, decides (places)."""
    assert kinds(nlp, "The old centre is slated to close shortly after the Bridgeview complex opens.", "Bridgeview") == {"place"}
    assert kinds(nlp, "War broke out and his hometown of Homs became a devastated war zone.", "Homs") == {"place"}


def test_the_texts_own_evidence_and_the_person_line_still_need_a_sure_model(nlp):
    from generator.analyse.entities import candidates
    from generator.analyse.entity_model import SURE, decide, features, probabilities

    doc = nlp("Rami Malek took home the award for his depiction of Freddie Mercury in Bohemian Rhapsody.")
    cand = next(c for c in candidates(doc) if c.span.text == "Freddie Mercury")
    probs = probabilities(features(cand.span, cand.label, cand.rule_type))
    assert cand.rule_type == "organisation" and max(probs, key=probs.get) == "person" and probs["person"] < SURE
    assert decide(cand.span, cand.label, cand.rule_type, evidenced=False) == "organisation"
    doc = nlp("The old centre is slated to close shortly after the Bridgeview complex opens.")
    cand = next(c for c in candidates(doc) if c.span.text == "Bridgeview")
    assert decide(cand.span, cand.label, cand.rule_type, evidenced=True) == "organisation"


def test_spacys_org_becomes_a_place_only_for_a_name_the_gazetteer_knows(nlp, monkeypatch):
    from generator.analyse import entity_model
    from generator.analyse.entities import candidates

    doc = nlp("The old centre is slated to close shortly after the Bridgeview complex opens.")
    cand = next(c for c in candidates(doc) if c.span.text == "Bridgeview")
    assert entity_model.decide(cand.span, cand.label, cand.rule_type, evidenced=False) == "place"
    monkeypatch.setattr(entity_model, "lookup_place", lambda text: None)
    assert entity_model.decide(cand.span, cand.label, cand.rule_type, evidenced=False) == "organisation"


def test_a_name_listed_among_known_places_is_a_place(nlp):
    text = "Events in Edmonton, Calgary, Brooks, Edson and Medicine Hat saw people sporting yellow vests."
    found = dict(typed(nlp, text))
    assert found["Edson"] == found["Brooks"] == found["Medicine Hat"] == "place"
    text = "Rallies drew Jason Kenney, Calgary, Andrew Scheer and Rachel Notley."  # one place: no list of places
    assert kinds(nlp, text, "Andrew Scheer") == {"person"}


def test_a_known_place_owning_an_institution_is_the_place(nlp):
    text = "Another Michigan school takes the opposite approach: Detroit's Wayne State University attempts to exhume worthy words."
    assert kinds(nlp, text, "Detroit") == {"place"}
    assert kinds(nlp, "Liverpool's Michael Owen scored twice.", "Liverpool") == {"organisation"}  # the club's player


def test_an_age_before_a_name_makes_a_person_even_one_the_tagger_missed(nlp):
    text = "The federal department has concerns about two-year-old Ayo, whom the couple claims they adopted."
    assert kinds(nlp, text, "Ayo") == {"person"}


def test_a_name_heading_a_territory_is_no_person(nlp):
    assert kinds(nlp, "Residents in David Eby’s wealthy Point Grey riding are so angry.", "Point Grey") == {"place"}
