"""Cross-article entity resolution (link stage), on mentions built by hand."""

from __future__ import annotations

from generator.link.entities import link_entities
from generator.lexicon.gazetteer import fold, keyword_type, lookup_place
from generator.model import AnalysedArticle, Article, Mention, Paragraph, Role


def article(aid: str, mentions: list[tuple[str, str]], roles: list[tuple[str, str]] = ()) -> AnalysedArticle:
    """An analysed article whose body is its mentions, one sentence each."""
    text_parts, ms, pos = [], [], 0
    for name, kind in mentions:
        sentence = f"{name} was mentioned."
        ms.append(Mention(name, kind, pos, pos + len(name), sentence))  # type: ignore[arg-type]
        text_parts.append(sentence)
        pos += len(sentence) + 1
    art = Article(
        id=aid, source=f"{aid}.txt", title=None, date=None, url=None, publisher=None,
        paragraphs=[Paragraph(" ".join(text_parts))],
    )
    return AnalysedArticle(
        article=art, title=aid, title_generated=False, summary=[], mentions=ms, quotes=[],
        roles=[Role(name=n, text=t) for n, t in roles],
    )


def people(index, aid):
    return [index.entities[e].name for e in index.by_article[aid]["person"]]


def test_fold_ignores_case_accents_articles_possessives_and_dots():
    assert fold("the Kremlin") == fold("Kremlin")
    assert fold("Erdoğan’s") == fold("erdogan")
    assert fold("U.S.") == fold("US")


def test_gazetteer_knows_places_and_spelling_variants():
    assert lookup_place("Kiev").name == lookup_place("Kyiv").name == "Kyiv"
    assert lookup_place("America").name == lookup_place("the United States").name
    assert lookup_place("Putin") is None
    assert keyword_type("Foreign Ministry") == "organisation"
    assert keyword_type("Gulf of Mexico") == "place"


def test_short_forms_join_the_full_name_in_the_same_article():
    a = article("a", [("Jake Sullivan", "person"), ("Sullivan", "person"), ("Sullivan", "organisation")])
    index = link_entities([a])
    assert people(index, "a") == ["Jake Sullivan"]
    (ent,) = index.entities.values()
    assert ent.id == "jake-sullivan" and ent.aliases == ["Sullivan"] and ent.mention_count == 3
    for query in ("Sullivan", "Mr Sullivan", "Jake Sullivan's", "US National Security Adviser Jake Sullivan"):
        assert index.lookup(query, "a") == "jake-sullivan", query
    assert index.lookup("a Western official", "a") is None
    assert index.lookup("the wife of Jake Sullivan", "a") is None


def test_short_form_uses_the_dossier_when_articles_share_someone():
    a = article("a", [("Vladimir Putin", "person"), ("Kremlin", "organisation")])
    b = article("b", [("Putin", "person"), ("Kremlin", "organisation")])
    c = article("c", [("Putin", "person"), ("Oakville", "place")])  # shares no one with a
    index = link_entities([a, b, c])
    assert people(index, "b") == ["Vladimir Putin"]
    assert people(index, "c") == ["Putin"]


def test_two_people_with_one_surname_are_not_guessed():
    a = article("a", [("Caleb Jones", "person"), ("Seth Jones", "person"), ("Jones", "person")])
    index = link_entities([a])
    assert sorted(people(index, "a")) == ["Caleb Jones", "Seth Jones"]
    assert index.lookup("Jones", "a") is None
    assert index.lookup("Jones") is None
    assert index.lookup("Seth Jones", "a") == "seth-jones"


def test_first_name_alone_joins_the_only_person_of_the_article_with_it():
    a = article("a", [("Ollie Schniederjans", "person"), ("Ollie", "person")])
    assert people(link_entities([a]), "a") == ["Ollie Schniederjans"]


def test_fuller_and_shorter_full_names_are_one_person():
    a = article("a", [("Recep Tayyip Erdogan", "person")])
    b = article("b", [("Recep Erdogan", "person"), ("Erdogan", "place"), ("Turkey", "place")])
    index = link_entities([a, b])
    assert people(index, "b") == ["Recep Tayyip Erdogan"]
    assert index.by_article["b"]["place"] == ["turkey"]


def test_acronym_defined_in_the_text_joins_its_long_name():
    a = article(
        "a",
        [
            ("Royal United Services Institute for Defence and Security Studies", "organisation"),
            ("RUSI", "organisation"),
            ("Mohammed Bin Salman", "person"),
            ("MBS", "organisation"),
        ],
    )
    b = article("b", [("RUSI", "organisation")])
    index = link_entities([a, b])
    rusi = index.lookup("RUSI")
    assert index.entities[rusi].name.startswith("Royal United Services Institute")
    assert index.entities[rusi].articles == ["a", "b"]
    assert people(index, "a") == ["Mohammed Bin Salman"]
    assert index.lookup("MBS") == "mohammed-bin-salman"


def test_places_by_gazetteer_whatever_the_tagger_said():
    a = article("a", [("Kyiv", "person"), ("Kiev", "person"), ("Chernihiv", "person"), ("US", "place")])
    b = article("b", [("the United States", "place"), ("America", "place"), ("Kyiv", "place")])
    index = link_entities([a, b])
    assert people(index, "a") == []
    places = {index.entities[e].name for e in index.by_article["a"]["place"]}
    assert places == {"Kyiv", "Chernihiv", "United States"}
    us = index.lookup("US")
    assert sorted(index.entities[us].aliases) == ["America", "US"]


def test_a_full_name_is_a_person_when_its_surname_is_one():
    a = article(
        "a",
        [("Rustem Umerov", "organisation"), ("Umerov", "person"), ("Umerov", "person"), ("Meta", "organisation")],
    )
    index = link_entities([a])
    assert people(index, "a") == ["Rustem Umerov"]


def test_spelling_slips_merge_only_with_support():
    a = article("a", [("Mariupol", "place"), ("Mariupil", "place"), ("Zaporizhzhia", "place")])
    index = link_entities([a])
    assert [index.entities[e].name for e in index.by_article["a"]["place"]] == ["Mariupol", "Zaporizhzhia"]
    # Two different short words are never merged.
    b = article("b", [("Iran", "place"), ("Iraq", "place")])
    assert len(link_entities([b]).entities) == 2


def test_by_article_lists_are_ordered_by_salience():
    a = article(
        "a",
        [("Anna Brill", "person"), ("Tom Wrigley", "person"), ("Wrigley", "person"), ("Brill", "person"),
         ("Wrigley", "person")],
    )
    index = link_entities([a])
    assert people(index, "a") == ["Tom Wrigley", "Anna Brill"]


def test_roles_are_kept_with_their_article_and_shorter_duplicates_dropped():
    a = article(
        "a",
        [("Dmitry Peskov", "person"), ("Peskov", "person")],
        roles=[("Dmitry Peskov", "Kremlin spokesman"), ("Peskov", "spokesman")],
    )
    b = article("b", [("Dmitry Peskov", "person")], roles=[("Dmitry Peskov", "spokesman for the Kremlin")])
    index = link_entities([a, b])
    assert index.entities["dmitry-peskov"].roles == [
        {"text": "Kremlin spokesman", "article": "a"},
        {"text": "spokesman for the Kremlin", "article": "b"},
    ]


def test_ids_are_ascii_unique_and_deterministic():
    a = article("a", [("Georgia", "place"), ("Georgia", "place"), ("Zoë Ålund", "person")])
    b = article("b", [("Georgia Cole", "person")])
    first = link_entities([a, b])
    again = link_entities([a, b])
    assert list(first.entities) == list(again.entities)
    assert "zoe-alund" in first.entities
    assert all(e.isascii() for e in first.entities)


def test_slug_clash_adds_the_type():
    from generator.link.names import Ref as _Ref
    from generator.link.naming import Cluster as _Cluster, assign_ids as _assign_ids
    from collections import Counter

    clusters = [
        _Cluster("", "place", "Jordan", {"jordan"}, [_Ref(0, 0, "jordan", 0), _Ref(0, 1, "jordan", 1)], Counter()),
        _Cluster("", "person", "Jordan", {"jordan"}, [_Ref(0, 2, "jordan", 2)], Counter()),
        _Cluster("", "organisation", "JORDAN", {"jordan"}, [_Ref(0, 3, "jordan", 3)], Counter()),
    ]
    _assign_ids(clusters)
    assert [c.id for c in clusters] == ["jordan", "jordan-person", "jordan-organisation"]


def test_linking_scales_by_keys_not_pairs():
    # 400 articles, 2,000 distinct people: must finish quickly (no timing
    # asserted; an all-pairs comparison would take minutes here).
    arts = []
    for n in range(400):
        ms = [(f"Person{n}x{k} Surname{n}y{k}", "person") for k in range(5)]
        ms += [(f"Surname{n}y0", "person"), ("Kremlin", "organisation")]
        arts.append(article(f"a{n}", ms))
    index = link_entities(arts)
    assert len([e for e in index.entities.values() if e.type == "person"]) == 2000


def test_an_acronym_that_is_a_word_of_the_name_is_not_its_initials():
    """"DC Comics" spells "DC" only because it holds it: Washington's "D.C." stays a place."""
    a = article("a", [("DC Comics", "organisation"), ("DC", "place")])
    b = article("b", [("D.C.", "place"), ("Washington", "place")])
    index = link_entities([a, b])
    comics = index.lookup("DC Comics")
    assert index.entities[comics].aliases == [] and index.entities[comics].type == "organisation"
    assert index.lookup("D.C.") != comics


def test_a_short_form_with_a_slip_joins_the_full_name_of_its_article():
    a = article("a", [("Michael Zihaf Bibeau", "person"), ("Zehaf Bibeau", "person"), ("Zehaf Bibeau", "organisation")])
    assert people(link_entities([a]), "a") == ["Michael Zihaf Bibeau"]
    b = article("b", [("Michael Zihaf Bibeau", "person"), ("Mark Zehaf Bibeau", "person"), ("Zehaf Bibeau", "person")])
    assert "Zehaf Bibeau" not in people(link_entities([b]), "b")  # one is named so: no slip


def test_a_team_named_after_its_city_is_an_organisation_and_a_venue_a_place():
    a = article("a", [("Memphis Grizzlies", "place"), ("San Jose Sharks", "person"), ("Cayman Islands", "place"),
                      ("Torrey Pines South Course", "organisation"), ("Darryn Hill", "person"),
                      ("Charlotte Edwards", "person")])
    index = link_entities([a])
    kinds = {e.name: e.type for e in index.entities.values()}
    assert kinds["Memphis Grizzlies"] == kinds["San Jose Sharks"] == "organisation"
    assert kinds["Cayman Islands"] == kinds["Torrey Pines South Course"] == "place"
    assert kinds["Charlotte Edwards"] == kinds["Darryn Hill"] == "person"  # "Hill", "Park": surnames too


def test_a_region_of_a_country_is_a_place_whatever_the_tagger_said():
    a = article("a", [("Central Canada", "organisation"), ("Northern Ontario", "person"), ("East Africa", "organisation"),
                      ("North York", "organisation"), ("Western Conference", "organisation")])
    kinds = {e.name: e.type for e in link_entities([a]).entities.values()}
    assert kinds["Central Canada"] == kinds["Northern Ontario"] == kinds["East Africa"] == "place"
    assert kinds["Western Conference"] == "organisation"
    assert kinds["North York"] == "organisation"  # of a city: the gazetteer does not say


def test_a_lone_word_the_text_writes_after_a_given_name_is_a_person():
    """"Josh Leivo and ... scored": the tagger missed the full name and called "Leivo" an
    organisation; "Josh" is the given name of another person of the dossier."""
    def with_text(art, text):
        art.article.paragraphs.append(Paragraph(text))
        return art

    a = with_text(article("a", [("Leivo", "organisation"), ("Sven Baertschi", "person")]), "Josh Leivo and Sven Baertschi scored.")
    b = article("b", [("Josh Allen", "person"), ("Ford", "organisation"), ("Doug Ford", "person")])
    c = with_text(article("c", [("Acme", "organisation")]), "Shares in Acme rose.")
    d = with_text(article("d", [("Best", "organisation")]), "Josh best of all.\nJosh\nBest of all.")  # a word, not a name
    kinds = {e.name: e.type for e in link_entities([a, b, c, d]).entities.values()}
    assert kinds["Leivo"] == "person"
    assert kinds["Acme"] == kinds["Best"] == "organisation"


def test_a_city_alone_is_the_team_its_article_names_after_it():
    """"the San Jose Sharks beat ... San Jose replied": a sports metonym, not the place."""
    a = article("a", [("San Jose Sharks", "organisation"), ("San Jose", "place"), ("Edmonton Oilers", "organisation"),
                      ("Edmonton", "place"), ("Indiana Pacers", "organisation"), ("Indiana", "place")])
    b = article("b", [("Edmonton", "place"), ("Indiana", "place"), ("Alberta", "place")])
    index = link_entities([a, b])
    kinds = {e.name: (e.type, sorted(e.articles)) for e in index.entities.values()}
    assert kinds["San Jose Sharks"] == ("organisation", ["a"]) and "San Jose" not in kinds
    assert kinds["Indiana Pacers"] == ("organisation", ["a"])
    assert kinds["Edmonton"] == ("place", ["b"]) and kinds["Indiana"] == ("place", ["b"])  # the city elsewhere
    c = article("c", [("BC Ferries", "organisation"), ("B.C.", "place")])  # one body named so: no game
    assert {e.name: e.type for e in link_entities([c]).entities.values()} == {"BC Ferries": "organisation", "B.C.": "place"}


def test_given_names_learned_from_annotated_news_need_no_namesake_in_the_dossier():
    """"GRAHAM DELAET -- DeLaet is ...": no other Graham in the dossier, but "Graham" is a
    given name learned from conll-train's gold people (lexicon/data/given_names.txt)."""
    from generator.link.votes import GIVEN_NAMES

    assert "graham" in GIVEN_NAMES and "morgan" not in GIVEN_NAMES  # Morgan Stanley
    a = article("a", [("DeLaet", "organisation"), ("Stanley", "organisation")])
    a.article.paragraphs.append(Paragraph("GRAHAM DELAET -- DeLaet is on a medical exemption. MORGAN STANLEY -- Stanley fell."))
    kinds = {e.name: e.type for e in link_entities([a]).entities.values()}
    assert kinds["DeLaet"] == "person"
    assert kinds["Stanley"] == "organisation"


def test_a_country_body_keeps_its_short_and_clipped_forms():
    """"the Fed" clips "the U.S. Federal Reserve"; a dossier that writes "U.S. Federal Reserve"
    knows "the Federal Reserve" as the country's body, not the St. Louis branch beside it."""
    a = article("a", [("St. Louis Federal Reserve", "organisation"), ("Federal Reserve", "organisation")])
    b = article("b", [("U.S. Federal Reserve", "organisation"), ("Fed", "organisation"), ("FED", "organisation")])
    index = link_entities([a, b])
    fed = index.entities[index.lookup("Fed", "b")]
    assert sorted(fed.articles) == ["a", "b"] and fed.mention_count == 4
    assert index.entities[index.lookup("St. Louis Federal Reserve", "a")].mention_count == 1
    c = article("c", [("St. Louis Federal Reserve", "organisation"), ("Federal Reserve", "organisation")])
    (only,) = link_entities([c]).entities.values()  # no country's body named: the article's own
    assert only.mention_count == 2


def test_a_mention_typed_by_the_texts_words_outweighs_one_typed_by_the_label_alone():
    """"two-year-old Ayo" (an age: a person) against "Ayo's adoption" (the tagger's ORG)."""
    a = article("a", [("Ayo", "person"), ("Ayo", "organisation"), ("Edson", "place"), ("Edson", "organisation")])
    a.mentions[0].evidenced = a.mentions[2].evidenced = True
    kinds = {e.name: e.type for e in link_entities([a]).entities.values()}
    assert kinds == {"Ayo": "person", "Edson": "place"}
    b = article("b", [("Acme", "person"), ("Acme", "organisation"), ("Acme", "organisation"), ("Acme", "organisation")])
    b.mentions[0].evidenced = True  # one against three: the label still counts
    assert {e.name: e.type for e in link_entities([b]).entities.values()} == {"Acme": "organisation"}
