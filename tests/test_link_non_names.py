"""Link rules against entity junk (issue 16): market indices and topics are no one; an organisation's
bare head word is read in its article ("the House" of "the House of Commons"), never joined dossier-wide."""

from __future__ import annotations

from generator.link.entities import link_entities
from generator.link.short_forms import is_org_short_form
from generator.model import AnalysedArticle, Article, Mention, Paragraph


def article(aid: str, sentences: list[tuple[str, list[tuple[str, str]]]]) -> AnalysedArticle:
    """An article of the given sentences; each named (text, type) is a mention at its first place in its sentence."""
    text, mentions = "", []
    for sentence, names in sentences:
        base = len(text)
        for name, kind in names:
            at = base + sentence.index(name)
            mentions.append(Mention(name, kind, at, at + len(name), sentence))  # type: ignore[arg-type]
        text += sentence + " "
    art = Article(id=aid, source=f"{aid}.txt", title=None, date=None, url=None, publisher=None,
                  paragraphs=[Paragraph(text.strip())])
    return AnalysedArticle(article=art, title=aid, title_generated=False, summary=[], mentions=mentions,
                           quotes=[], roles=[])


def names(index) -> set[str]:
    return {e.name for e in index.entities.values()}


def test_a_name_moved_by_a_percentage_to_a_level_is_a_market_index_not_an_entity() -> None:
    a = article("a", [
        ("South Korea's Kospi rose 0.5 per cent to 2,106.10 and Acme fell.", [("Kospi", "organisation"), ("Acme", "organisation")]),
        ("Britain's FTSE 100 lost 0.5 per cent.", [("FTSE", "organisation")]),
        ("Britain's FTSE 100 sank 0.5 per cent to 6,861.", [("FTSE", "organisation")]),
    ])
    b = article("b", [("The Kospi was flat.", [("Kospi", "organisation")])])
    assert names(link_entities([a, b])) == {"Acme"}


def test_a_company_whose_shares_move_in_money_stays() -> None:
    a = article("a", [("Acme rose 3 per cent to $45.10 on Monday.", [("Acme", "organisation")])])
    assert names(link_entities([a])) == {"Acme"}


def test_a_one_word_person_written_as_a_thing_is_a_topic_not_a_person() -> None:
    a = article("a", [
        ("Britain faces a hard Brexit.", [("Brexit", "person")]),
        ("The Brexit vote failed.", [("Brexit", "person")]),
        ("Brexit said nothing.", [("Brexit", "person")]),
    ])
    assert names(link_entities([a])) == set()


def test_a_person_named_in_full_keeps_the_government_named_after_them() -> None:
    a = article("a", [
        ("Justin Trudeau spoke.", [("Justin Trudeau", "person")]),
        ("The Trudeau government fell, a Trudeau aide said.", [("Trudeau", "person")]),
        ("The Trudeau camp and a Trudeau ally agreed.", [("Trudeau", "person")]),
    ])
    assert names(link_entities([a])) == {"Justin Trudeau"}


def test_a_bare_head_word_is_the_long_name_of_its_own_article_only() -> None:
    canada = article("a", [
        ("He told the House of Commons.", [("House of Commons", "organisation")]),
        ("The House sat late.", [("House", "organisation")]),
    ])
    us = article("b", [
        ("The White House plan failed.", [("White House", "organisation")]),
        ("The House voted.", [("House", "organisation")]),
    ])
    index = link_entities([canada, us])
    by_name = {e.name: e for e in index.entities.values()}
    assert by_name["House of Commons"].mention_count == 2
    assert by_name["House"].articles == ["b"] and by_name["White House"].mention_count == 1


def test_org_short_forms_keep_the_head_and_may_drop_only_a_place() -> None:
    assert is_org_short_form(("house",), ("house", "of", "commons"))
    assert is_org_short_form(("globe",), ("globe", "and", "mail"))
    assert is_org_short_form(("federal", "reserve"), ("us", "federal", "reserve"))
    assert not is_org_short_form(("house",), ("white", "house"))
    assert not is_org_short_form(("senate",), ("senate", "national", "finance", "committee"))


def test_a_surname_that_is_also_a_town_stays_the_person_named_in_full() -> None:
    # "Green" is a town in the gazetteer; two of the caddie's mentions were typed organisation.
    a = article("a", [
        ("Damon Green caddies now.", [("Damon Green", "person")]),
        ("Green said yes.", [("Green", "person")]),
        ("Green took the bag from Green.", [("Green", "organisation")]),
        ("Then Green left.", [("Green", "organisation")]),
    ])
    index = link_entities([a])
    assert {e.name: e.mention_count for e in index.entities.values()} == {"Damon Green": 4}


def test_a_generic_institution_is_one_entity_per_country_never_across_countries() -> None:
    canada = article("ca", [
        ("In Ottawa, Canada, the Senate sat.", [("Ottawa", "place"), ("Canada", "place"), ("Senate", "organisation")]),
    ])
    canada2 = article("ca2", [
        ("The Senate in Toronto, Canada, voted.", [("Senate", "organisation"), ("Toronto", "place"), ("Canada", "place")]),
    ])
    us = article("us", [
        ("In Washington, Alabama's senator left the Senate.", [("Washington", "place"), ("Alabama", "place"), ("Senate", "organisation")]),
    ])
    unknown = article("none", [("The Senate met.", [("Senate", "organisation")])])
    index = link_entities([canada, us, canada2, unknown])
    senates = sorted(sorted(e.articles) for e in index.entities.values() if e.name == "Senate")
    assert senates == [["ca", "ca2"], ["none"], ["us"]]


def test_a_name_with_its_own_words_is_joined_across_countries_as_before() -> None:
    canada = article("ca", [("Acme Senate Foods in Ottawa, Canada.", [("Acme Senate Foods", "organisation"), ("Canada", "place")])])
    us = article("us", [("Acme Senate Foods in Alabama.", [("Acme Senate Foods", "organisation"), ("Alabama", "place")])])
    index = link_entities([canada, us])
    acme = [e for e in index.entities.values() if e.name == "Acme Senate Foods"]
    assert len(acme) == 1 and sorted(acme[0].articles) == ["ca", "us"]


def test_generic_names_are_made_only_of_institution_words() -> None:
    from generator.link.institutions import is_generic

    assert is_generic(("house", "of", "commons")) and is_generic(("conservative", "party"))
    assert not is_generic(("bank", "of", "canada")) and not is_generic(("christopher", "house"))
    assert not is_generic(("reuters",))  # a name, though an organisation word: one body everywhere


def test_places_lie_in_their_country_and_countries_weigh_most() -> None:
    from generator.lexicon.gazetteer import country_of

    assert country_of("Ottawa") == ("CA", 1) and country_of("Canada") == ("CA", 3)
    assert country_of("U.S.")[0] == "US" and country_of("Alabama") == ("US", 2)
    assert country_of("Nowhereville") is None


def test_an_organisation_led_by_its_country_is_the_rest_of_its_name() -> None:
    a = article("a", [("The U.S. Federal Reserve held rates.", [("U.S. Federal Reserve", "organisation")])])
    b = article("b", [("The Federal Reserve met.", [("Federal Reserve", "organisation")])])
    c = article("c", [("The Canadian Senate and the Senate of Canada met.", [("Senate of Canada", "organisation")])])
    d = article("d", [("The U.S. Senate sat.", [("U.S. Senate", "organisation")])])
    e = article("e", [("The Senate sat.", [("Senate", "organisation")])])
    index = link_entities([a, b, c, d, e])
    fed = [x for x in index.entities.values() if "Federal Reserve" in x.name]
    assert len(fed) == 1 and sorted(fed[0].articles) == ["a", "b"]
    assert not any(sorted(x.articles) == ["d", "e"] for x in index.entities.values())


def test_an_organisation_ended_by_its_country_or_spelled_with_a_slip_is_one_body() -> None:
    a = article("a", [
        ("Veterans Affairs Canada paid, Veterans Affairs said.", [("Veterans Affairs Canada", "organisation"), ("Veterans Affairs", "organisation")]),
        ("Veteran Affairs denied it.", [("Veteran Affairs", "organisation")]),
    ])
    b = article("b", [("The St. Louis Federal Reserve said.", [("St. Louis Federal Reserve", "organisation")])])
    c = article("c", [("The Federal Reserve met.", [("Federal Reserve", "organisation")])])
    index = link_entities([a, b, c])
    assert len([e for e in index.entities.values() if "Affairs" in e.name]) == 1
    assert len([e for e in index.entities.values() if "Federal Reserve" in e.name]) == 2  # a regional bank


def test_a_plural_name_without_article_that_qualifies_people_is_a_class_not_a_body() -> None:
    a = article("a", [
        ("Racism against First Nations people in the city grew.", [("First Nations", "organisation")]),
        ("It signed agreements with all First Nations along the route.", [("First Nations", "organisation")]),
        ("The United Nations and the Maple Leafs said all Maple Leafs fans cheered.", [("United Nations", "organisation"), ("Maple Leafs", "organisation")]),
    ])
    b = article("b", [("Reuters said the Fisheries workers left.", [("Reuters", "organisation")])])
    assert names(link_entities([a, b])) == {"United Nations", "Maple Leafs", "Reuters"}


def test_a_name_cut_out_of_a_longer_name_the_dossier_knows_is_no_one() -> None:
    """"Heart and Stroke in Manitoba" (the tagger took "Heart"), "Nova Scotia Liberal MP" ("Nova")."""
    a = article("a", [
        ("The Heart and Stroke Foundation paid for it.", [("Heart and Stroke Foundation", "organisation")]),
        ("Nova Scotia Health Authority staff came.", [("Nova Scotia Health Authority", "organisation")]),
    ])
    b = article("b", [
        ("A manager with Heart and Stroke in Manitoba said so.", [("Heart", "organisation")]),
        ("Nova Scotia Liberal MP Sean Fraser agreed.", [("Nova", "person"), ("Sean Fraser", "person")]),
        ("Scotia Bank was there.", [("Scotia Bank", "organisation")]),
    ])
    assert names(link_entities([a, b])) == {
        "Heart and Stroke Foundation", "Nova Scotia Health Authority", "Sean Fraser", "Scotia Bank",
    }


def test_a_name_also_used_on_its_own_stays() -> None:
    """One mention inside the longer name is not enough: "Pebble Beach" is also a place on its own."""
    a = article("a", [("He won the AT&T Pebble Beach Pro-Am.", [("AT&T Pebble Beach", "organisation")])])
    b = article("b", [
        ("He played the AT&T Pebble Beach Pro-Am.", [("Pebble Beach", "place")]),
        ("Pebble Beach is windy.", [("Pebble Beach", "place")]),
    ])
    assert "Pebble Beach" in names(link_entities([a, b]))
