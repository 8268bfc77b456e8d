"""Entity pages list each article once, with the sentences that name the entity there."""

from __future__ import annotations

from generator.model import Entity, EntityMention
from generator.render.pages import mentions_by_article


def _entity(mentions: list[tuple[str, str]], articles: list[str]) -> Entity:
    return Entity(id="x", type="person", name="X", aliases=[], articles=articles,
                  mentions=[EntityMention(article=a, sentence=s) for a, s in mentions])


def test_sentences_are_grouped_under_their_article_in_article_order() -> None:
    entity = _entity([("b", "B one."), ("a", "A one."), ("b", "B two.")], ["a", "b", "c"])
    assert mentions_by_article(entity, 30) == [("a", ["A one."]), ("b", ["B one.", "B two."]), ("c", [])]


def test_limit_counts_sentences_and_every_article_stays_listed() -> None:
    entity = _entity([("a", f"A {i}.") for i in range(5)] + [("b", "B.")], ["a", "b"])
    assert mentions_by_article(entity, 3) == [("a", ["A 0.", "A 1.", "A 2."]), ("b", [])]


def test_a_sentence_naming_the_entity_twice_is_shown_once_and_on_one_line() -> None:
    entity = _entity([("a", "X met\nX's  aide."), ("a", "X met X's aide.")], ["a"])
    assert mentions_by_article(entity, 30) == [("a", ["X met X's aide."])]


def test_roles_are_grouped_by_article_once_each() -> None:
    from generator.render.pages import roles_by_article

    entity = _entity([], ["a", "b"])
    entity.roles = [{"text": "Kremlin spokesman", "article": "a"}, {"text": "spokesman", "article": "b"},
                    {"text": "Kremlin spokesman", "article": "a"}, {"text": "press secretary", "article": "a"}]
    assert roles_by_article(entity) == {"a": ["Kremlin spokesman", "press secretary"], "b": ["spokesman"]}
