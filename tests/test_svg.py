"""Build-time SVGs: well-formed, escaped, self-contained, deterministic, bounded."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from generator.render.svg import network_svg, timeline_svg

NS = "{http://www.w3.org/2000/svg}"
EVIL = '<script>alert("x")</script> & Sons \'quoted\' \x07bell'

NODES = [
    ("putin", "Vladimir Putin", "person", 40),
    ("erdogan", "Recep Tayyip Erdogan", "person", 18),
    ("kremlin", "Kremlin", "organisation", 14),
    ("iran", "Iran", "place", 30),
    ("turkey", "Turkey", "place", 22),
    ("evil", EVIL, "organisation", 3),
    ("lonely", "Nobody Knows", "person", 1),
]
EDGES = [
    ("putin", "erdogan", 3),
    ("putin", "iran", 4),
    ("putin", "kremlin", 4),
    ("erdogan", "turkey", 4),
    ("evil", "turkey", 1),
    ("iran", "putin", 2),  # duplicate in the other direction
    ("putin", "putin", 9),  # self loop
    ("putin", "ghost", 5),  # unknown node
]


def _parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    assert root.tag == f"{NS}svg"
    return root


def _assert_self_contained(svg: str, root: ET.Element) -> None:
    assert svg.count("http") == 1 and "http://www.w3.org/2000/svg" in svg
    # A picture holding links is a group: an image's parts cannot take the focus (axe: nested-interactive).
    assert root.get("role") == ("group" if "<a " in svg else "img")
    assert root.get("viewBox")
    assert root[0].tag == f"{NS}title" and root[0].text
    assert not list(root.iter(f"{NS}script"))
    assert "<script" not in svg and "xlink" not in svg and "@import" not in svg and "url(" not in svg
    for element in root.iter():
        family = element.get("font-family")
        assert family in (None, "sans-serif")


def _texts(root: ET.Element) -> list[str]:
    return ["".join(e.itertext()) for e in root.iter(f"{NS}text")]


def test_network_is_well_formed_and_self_contained():
    svg = network_svg(NODES, EDGES, href=lambda i: f"../people/{i}/")
    root = _parse(svg)
    _assert_self_contained(svg, root)
    assert len(root.findall(f".//{NS}a")) == len(NODES)
    assert "Vladimir Putin" in _texts(root)


def test_network_labels_are_escaped_text():
    svg = network_svg(NODES, EDGES)
    root = _parse(svg)
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert "&amp; Sons" in svg
    assert "\x07" not in svg
    # The label survives as text (shortened), never as markup.
    assert any(t.startswith('<script>alert("x")') for t in _texts(root))
    titles = ["".join(e.itertext()) for e in root.iter(f"{NS}title")]
    assert any("& Sons 'quoted'" in t for t in titles)


def test_network_edges_deduplicated_and_filtered():
    root = _parse(network_svg(NODES, EDGES))
    lines = root.findall(f".//{NS}line")
    # putin-erdogan, putin-iran (merged), putin-kremlin, erdogan-turkey, evil-turkey.
    assert len(lines) == 5
    # Lines of one width share a group that sets it.
    groups = [g for g in root.iter(f"{NS}g") if g.get("stroke-width") and g.findall(f"./{NS}line")]
    assert sum(len(g.findall(f"./{NS}line")) for g in groups) == 5
    widths = sorted(float(g.get("stroke-width")) for g in groups)
    assert len(widths) == len(set(widths)) > 1


def test_network_tooltips_give_ranges_for_bucketed_counts():
    nodes = [("a", "Alpha", "person", 8), ("b", "Beta", "place", 1)]
    exact = "".join(_parse(network_svg(nodes, [("a", "b", 4)])).itertext())
    assert "Alpha – Beta: 4 articles" in exact and "Alpha (person, 8 mentions)" in exact
    rough = "".join(_parse(network_svg(nodes, [("a", "b", 4)], approximate=True)).itertext())
    assert "Alpha – Beta: 4–7 articles" in rough and "Alpha (person, 8–15 mentions)" in rough
    assert "Beta (place, 1 mention)" in rough  # a bucket of one is exact


def test_network_is_deterministic():
    first = network_svg(NODES, EDGES, href=lambda i: f"{i}.md")
    assert first == network_svg(list(NODES), list(EDGES), href=lambda i: f"{i}.md")
    # Node order in the input does not move anything.
    assert first == network_svg(list(reversed(NODES)), EDGES, href=lambda i: f"{i}.md")


def test_network_respects_max_nodes_and_keeps_most_mentioned():
    nodes = [(f"n{i}", f"Node {i}", ("person", "organisation", "place")[i % 3], 100 - i) for i in range(60)]
    edges = [(f"n{i}", f"n{(i * 7 + 3) % 60}", 1 + i % 4) for i in range(60)]
    root = _parse(network_svg(nodes, edges, max_nodes=12))
    circles = [c for a in root.iter(f"{NS}g") if a.get("text-anchor") for c in a.iter(f"{NS}circle")]
    assert len(circles) == 12
    labels = set(_texts(root))
    assert "Node 0" in labels and "Node 11" in labels and "Node 12" not in labels


def test_network_nodes_stay_inside_the_viewbox():
    nodes = [(f"n{i}", f"A fairly long entity name {i}", "person", 1 + i) for i in range(40)]
    edges = [(f"n{i}", f"n{j}", 1) for i in range(40) for j in range(i + 1, 40) if (i * j) % 5 == 0]
    root = _parse(network_svg(nodes, edges, width=600, height=400))
    for circle in root.iter(f"{NS}circle"):
        x, y, r = float(circle.get("cx")), float(circle.get("cy")), float(circle.get("r"))
        assert r <= x <= 600 - r and r <= y <= 400 - r


@pytest.mark.parametrize("url", ["javascript:alert(1)", "http://example.com/x", "//evil.example/x", " data:text/html,hi"])
def test_network_drops_links_that_are_not_relative(url):
    svg = network_svg(NODES[:2], EDGES, href=lambda i: url)
    root = _parse(svg)
    assert not root.findall(f".//{NS}a")
    assert "javascript" not in svg and "data:" not in svg


def test_network_escapes_href():
    root = _parse(network_svg(NODES[:1], [], href=lambda i: 'a"b<c>&d.md'))
    [link] = root.findall(f".//{NS}a")
    assert link.get("href") == 'a"b<c>&d.md'


def test_network_empty_and_single_node():
    root = _parse(network_svg([], []))
    assert any("No people" in t for t in _texts(root))
    root = _parse(network_svg([("x", "Only One", "place", 2)], []))
    assert "Only One" in _texts(root)


POINTS = [
    ("2022-07-01", "Kremlin submits a bill"),
    ("2022-07", "Russia drafts a law"),
    ("2019", "Attack on Saudi oil facilities"),
    ("2022-02-24", "Invasion begins"),
    (None, "undated thing"),
    ("not-a-date", "broken"),
    ("2022-13-01", "impossible month"),
    ("2022-03", EVIL),
]


def test_timeline_is_well_formed_escaped_and_self_contained():
    svg = timeline_svg(POINTS)
    root = _parse(svg)
    _assert_self_contained(svg, root)
    assert "<script>" not in svg and "\x07" not in svg
    dots = [c for c in root.iter(f"{NS}circle")]
    assert len(dots) == 5  # undated, malformed and impossible dates are skipped
    tooltips = ["".join(c.itertext()) for c in dots]
    assert any(t.startswith("2019 — Attack") for t in tooltips)
    assert any(EVIL.replace("\x07", "") in t for t in tooltips)


def test_timeline_orders_dots_by_date_with_year_ticks():
    root = _parse(timeline_svg(POINTS))
    dots = [c for c in root.iter(f"{NS}circle")]
    xs = {"".join(c.itertext()).split(" — ")[0]: float(c.get("cx")) for c in dots}
    assert xs["2019"] < xs["2022-02-24"] < xs["2022-03"] < xs["2022-07-01"] < xs["2022-07"]
    assert {"2019", "2020", "2021", "2022"} <= set(_texts(root))
    # Partial dates are hollow, exact ones filled.
    fills = {"".join(c.itertext()).split(" — ")[0]: c.get("fill") for c in dots}
    assert fills["2019"] == "#ffffff" and fills["2022-07-01"] != "#ffffff"


def test_timeline_labels_do_not_overlap():
    points = [(f"2022-07-{d:02d}", f"event number {d} with a label") for d in range(1, 29)]
    root = _parse(timeline_svg(points))
    boxes = []
    for text in root.iter(f"{NS}text"):
        content = "".join(text.itertext())
        if content.startswith("2022-07-"):
            x, y = float(text.get("x")), float(text.get("y"))
            boxes.append((y, x, x + len(content) * 11 * 0.56))
    assert len(boxes) >= 5
    for i, (y1, a1, b1) in enumerate(boxes):
        for y2, a2, b2 in boxes[i + 1 :]:
            assert y1 != y2 or b1 <= a2 or b2 <= a1


def test_timeline_deterministic_and_empty():
    assert timeline_svg(POINTS) == timeline_svg(list(POINTS))
    for empty in ([], [(None, "x")], [("garbage", "y")]):
        root = _parse(timeline_svg(empty))
        assert "No dated items" in _texts(root)


def test_timeline_fixed_height_is_respected():
    points = [(f"2022-07-{d:02d}", f"event {d}") for d in range(1, 29)]
    root = _parse(timeline_svg(points, width=500, height=120))
    assert root.get("viewBox") == "0 0 500 120"
    for text in root.iter(f"{NS}text"):
        assert 0 <= float(text.get("y")) <= 120
