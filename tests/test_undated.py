"""A dossier with no dates says so, orders its articles honestly and keeps background apart."""

from __future__ import annotations

import re

from generator.model import TimelineItem
from generator.render import render_dossier
from generator.render.views import own_time, story_sizes
from pagesynth import rich_dossier


def _render(dossier) -> dict[str, str]:
    files = render_dossier(dossier, {"articles": len(dossier.articles), "files": len(dossier.articles), "model": "test"})
    return {path: data.decode() for path, data in files.items()}


def _article_ids(markdown: str) -> list[str]:
    return re.findall(r"\]\((?:articles/)?(a\d{5})\.md\)", markdown)


def test_undated_overview_says_so_and_orders_by_story_size() -> None:
    dossier = rich_dossier(40, dated=False)
    dossier.articles.reverse()  # seed order is not the order of the stories
    pages = _render(dossier)
    overview = pages["index.md"]
    assert "none of them dated" in overview
    assert "Latest articles" not in overview and "Articles at the heart of the dossier" in overview
    assert "Articles over time" not in overview  # an empty chart says nothing
    sizes = story_sizes(dossier)
    listed = _article_ids(overview.split("## Articles at the heart of the dossier", 1)[1])
    assert listed and [sizes[a] for a in listed] == sorted((sizes[a] for a in listed), reverse=True)
    assert sizes[listed[0]] == max(sizes.values())
    assert listed != [a.id for a in dossier.articles][: len(listed)]  # not seed-file order


def test_undated_articles_table_drops_empty_columns() -> None:
    table = _render(rich_dossier(40, dated=False))["articles/index.md"]
    assert "| Date |" not in table and "undated" not in table
    assert "| Source |" in table  # the synthetic articles have publishers
    dated = _render(rich_dossier(40))["articles/index.md"]
    assert "| Date |" in dated and "Newest first" in dated


def test_timeline_keeps_background_apart_from_the_articles_time() -> None:
    dossier = rich_dossier(15, dated=False)
    first = dossier.articles[0].id
    dossier.timeline += [TimelineItem("1883", "Krakatau erupted.", first, "event", "in 1883"),
                         TimelineItem("2050", "Emissions reach net zero.", first, "event", "by 2050")]
    timeline = _render(dossier)["timeline.md"]
    main, _, rest = timeline.partition("## Background")
    assert rest, "background section missing"
    background = rest.split("## Undated mentions")[0]
    assert "| 1883 |" in background and "| 2050 |" in background
    assert "| 1883 |" not in main and "| 2050 |" not in main
    assert "| 2019-" in main and "| 2019-" not in background


def test_own_time() -> None:
    assert own_time(["2019-01-05", "2019-03-01"], ["1883"]) == ("2018", "2020")
    assert own_time([], ["1883", "2018-05", "2018-06", "2019-01", "2019-02", "2050"]) == ("2017", "2020")
    assert own_time([], []) is None


def test_background_items_are_kept_not_dropped() -> None:
    dossier = rich_dossier(30, dated=False)
    dossier.timeline.append(TimelineItem("1492", "A voyage the article recalls.", dossier.articles[0].id, "event", "in 1492"))
    pages = _render(dossier)
    shown = "".join(text for path, text in pages.items() if path.startswith("timeline"))
    assert "A voyage the article recalls." in shown
