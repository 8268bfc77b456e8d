"""Build-time SVG pictures: the entity network and the dated timeline.

Pictures are drawn here, in pure Python, so the site needs no JavaScript or
remote library to show them and the same input always gives the same bytes
(layouts are deterministic, numbers are printed with fixed precision). Every
string from the seeds is XML-escaped and stripped of characters XML forbids;
links are only ever relative URLs. The SVGs are self-contained: no external
references, no scripts, generic font families only.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from datetime import date, timedelta

SVG_NS = "http://www.w3.org/2000/svg"
FONT = "sans-serif"
TYPE_COLOURS = {"person": "#1f6fb2", "organisation": "#d9730d", "place": "#2e8b57"}
OTHER_COLOUR = "#777777"
TYPE_LEGEND = (("person", "people"), ("organisation", "organisations"), ("place", "places"))
TEXT_COLOUR = "#222222"
MUTED = "#888888"
LABEL_MAX = 24
TIMELINE_LABEL_MAX = 44

_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_SCHEME = re.compile(r"^\s*(?:[a-zA-Z][a-zA-Z0-9+.\-]*:|//|\\)")
_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")

Node = tuple[str, str, str, int]
Edge = tuple[str, str, int]


# --- shared helpers -----------------------------------------------------------


def _esc(value: object) -> str:
    """Text or attribute value made inert: XML-forbidden characters dropped, markup escaped."""
    text = _XML_INVALID.sub("", str(value))
    for char, entity in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ('"', "&quot;"), ("'", "&#39;")):
        text = text.replace(char, entity)
    return text


def _num(value: float) -> str:
    """Fixed one-decimal numbers, without a trailing ".0": stable bytes across runs and platforms."""
    text = f"{value:.1f}"
    if text.endswith(".0"):
        text = text[:-2]
    return "0" if text == "-0" else text


def _count(value: int, unit: str, approximate: bool) -> str:
    """``3 articles``; a power-of-two bucket when ``approximate`` (``4–7 articles``)."""
    plural = unit if value == 1 else unit + "s"
    if approximate and value > 1:
        return f"{value}–{2 * value - 1} {plural}"
    return f"{value} {plural}"


def _line(x1: float, y1: float, x2: float, y2: float, attrs: str, title: str | None = None) -> str:
    """A <line>; ``attrs`` is our own constant markup, ``title`` (escaped here) a tooltip."""
    coords = f'x1="{_num(x1)}" y1="{_num(y1)}" x2="{_num(x2)}" y2="{_num(y2)}"'
    if attrs:
        coords = f"{coords} {attrs}"
    if title is None:
        return f"<line {coords}/>"
    return f"<line {coords}><title>{_esc(title)}</title></line>"


def _shorten(text: str, limit: int) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _text_width(text: str, size: float) -> float:
    """Rough width of sans-serif text; good enough to keep labels from colliding."""
    return len(text) * size * 0.56


def _open(width: float, height: float, title: str, *, links: bool = False) -> list[str]:
    """The opening tags; a picture holding links is a group, since an image's parts cannot be focused."""
    role = "group" if links else "img"
    return [
        f'<svg xmlns="{SVG_NS}" viewBox="0 0 {_num(width)} {_num(height)}" width="{_num(width)}" '
        f'height="{_num(height)}" role="{role}" font-family="{FONT}">',
        f"<title>{_esc(title)}</title>",
        f'<rect x="0" y="0" width="{_num(width)}" height="{_num(height)}" rx="6" fill="#ffffff"/>',
    ]


def _safe_href(url: str | None) -> str | None:
    """Only relative links: anything with a scheme (javascript:, http:) or protocol-relative is dropped."""
    if not url or _SCHEME.match(url):
        return None
    return url


# --- network ------------------------------------------------------------------


def network_svg(
    nodes: list[Node],
    edges: list[Edge],
    *,
    href: Callable[[str], str] | None = None,
    width: int = 800,
    height: int = 560,
    max_nodes: int = 40,
    approximate: bool = False,
) -> str:
    """A co-occurrence network: circles sized by mentions, coloured by type, edges by shared articles.

    ``nodes`` are (id, label, type, mentions); ``edges`` (id_a, id_b, weight).
    Only the ``max_nodes`` most-mentioned nodes are drawn (ties by label, id).
    ``href(id)`` may return a relative URL to wrap a node in a link. With
    ``approximate``, counts are power-of-two buckets and tooltips give their range.
    """
    kept = _top_nodes(nodes, max_nodes)
    if not kept:
        return _message_svg("No people, organisations or places to show", width)
    ids = [n[0] for n in kept]
    links = _merge_edges(edges, set(ids))
    positions = _layout(ids, links, {n[0]: n[3] for n in kept})
    max_mentions = max(max(n[3] for n in kept), 1)
    radius = {n[0]: 5 + 13 * math.sqrt(max(n[3], 0) / max_mentions) for n in kept}
    legend_h = 26
    shown = {n[0]: _shorten(n[1], LABEL_MAX) for n in kept}
    placed = _fit(positions, radius, shown, width, height - legend_h)
    max_weight = max((w for w in links.values()), default=1)

    out = _open(width, height, f"Network of {len(kept)} people, organisations and places", links=href is not None)
    # Edges grouped by width, nodes in one group: presentation attributes are inherited,
    # so each line and circle carries only its own coordinates (pictures sit on thousands
    # of entity pages).
    by_width: dict[str, list[str]] = {}
    for (a, b), weight in sorted(links.items()):
        (x1, y1), (x2, y2) = placed[a], placed[b]
        label = f"{_label_of(kept, a)} – {_label_of(kept, b)}: {_count(weight, 'article', approximate)}"
        by_width.setdefault(_num(0.8 + 4.2 * (weight / max_weight)), []).append(_line(x1, y1, x2, y2, "", label))
    out.append('<g stroke="#9aa5b1" stroke-linecap="round" stroke-opacity="0.55">')
    for stroke in sorted(by_width, key=float):
        out.append(f'<g stroke-width="{stroke}">')
        out.extend(by_width[stroke])
        out.append("</g>")
    out.append("</g>")
    # White halo behind labels and around circles (stroke painted under the fill).
    out.append(
        f'<g font-size="11" text-anchor="middle" fill="{TEXT_COLOUR}" stroke="#ffffff" stroke-width="3" '
        'stroke-linejoin="round" paint-order="stroke">'
    )
    # Draw small nodes last so big circles never hide them.
    for node_id, label, kind, mentions in sorted(kept, key=lambda n: (-n[3], n[1], n[0])):
        x, y = placed[node_id]
        r = radius[node_id]
        colour = TYPE_COLOURS.get(kind, OTHER_COLOUR)
        tooltip = f"{label} ({kind}, {_count(mentions, 'mention', approximate)})"
        body = (
            f'<circle cx="{_num(x)}" cy="{_num(y)}" r="{_num(r)}" fill="{colour}"/>'
            f'<text x="{_num(x)}" y="{_num(y + r + 11)}">{_esc(_shorten(label, LABEL_MAX))}</text>'
            f"<title>{_esc(tooltip)}</title>"
        )
        url = _safe_href(href(node_id)) if href else None
        if url:
            out.append(f'<a href="{_esc(url)}">{body}</a>')
        else:
            out.append(f"<g>{body}</g>")
    out.append("</g>")
    out.extend(_legend(10, height - legend_h + 8))
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _top_nodes(nodes: list[Node], max_nodes: int) -> list[Node]:
    seen: dict[str, Node] = {}
    for node in nodes:
        seen.setdefault(str(node[0]), (str(node[0]), str(node[1]), str(node[2]), int(node[3])))
    ranked = sorted(seen.values(), key=lambda n: (-n[3], n[1], n[0]))
    return ranked[: max(max_nodes, 0)]


def _label_of(nodes: list[Node], node_id: str) -> str:
    for n in nodes:
        if n[0] == node_id:
            return n[1]
    return node_id


def _merge_edges(edges: list[Edge], keep: set[str]) -> dict[tuple[str, str], int]:
    """Undirected, deduplicated (largest weight wins), only between drawn nodes."""
    merged: dict[tuple[str, str], int] = {}
    for a, b, weight in edges:
        a, b = str(a), str(b)
        if a == b or a not in keep or b not in keep or weight <= 0:
            continue
        key = (a, b) if a < b else (b, a)
        merged[key] = max(merged.get(key, 0), int(weight))
    return merged


def _layout(
    ids: list[str], links: dict[tuple[str, str], int], mentions: dict[str, int]
) -> dict[str, tuple[float, float]]:
    """Fruchterman-Reingold in a unit square, started from a sunflower spiral: no randomness.

    Most-connected nodes start near the centre; a weak pull to the centre keeps
    disconnected nodes from drifting to the corners.
    """
    n = len(ids)
    if n == 1:
        return {ids[0]: (0.0, 0.0)}
    degree = {i: 0.0 for i in ids}
    for (a, b), w in links.items():
        degree[a] += w
        degree[b] += w
    order = sorted(ids, key=lambda i: (-degree[i], -mentions[i], i))
    golden = math.pi * (3 - math.sqrt(5))
    pos = {}
    for k, node in enumerate(order):
        r = math.sqrt((k + 0.5) / n)
        pos[node] = [r * math.cos(k * golden), r * math.sin(k * golden)]
    max_w = max(links.values(), default=1)
    strength = {key: 0.5 + math.log1p(w) / math.log1p(max_w) for key, w in links.items()}
    k_opt = math.sqrt(4.0 / n)
    temperature = 0.2
    iterations = 200
    for step in range(iterations):
        disp = {node: [0.0, 0.0] for node in order}
        for i in range(n):
            a = order[i]
            pa = pos[a]
            for j in range(i + 1, n):
                b = order[j]
                pb = pos[b]
                dx, dy = pa[0] - pb[0], pa[1] - pb[1]
                d2 = dx * dx + dy * dy
                if d2 < 1e-9:
                    dx, dy, d2 = 1e-3 * (i - j), 1e-3, 1e-6
                force = k_opt * k_opt / d2
                disp[a][0] += dx * force
                disp[a][1] += dy * force
                disp[b][0] -= dx * force
                disp[b][1] -= dy * force
        for (a, b), s in sorted(strength.items()):
            pa, pb = pos[a], pos[b]
            dx, dy = pa[0] - pb[0], pa[1] - pb[1]
            d = math.sqrt(dx * dx + dy * dy) or 1e-3
            force = d * s / k_opt
            disp[a][0] -= dx * force
            disp[a][1] -= dy * force
            disp[b][0] += dx * force
            disp[b][1] += dy * force
        for node in order:
            p = pos[node]
            dx, dy = disp[node]
            dx -= p[0] * 0.3 * k_opt * n ** 0.5
            dy -= p[1] * 0.3 * k_opt * n ** 0.5
            length = math.sqrt(dx * dx + dy * dy)
            if length > 0:
                limit = min(length, temperature)
                p[0] += dx / length * limit
                p[1] += dy / length * limit
        temperature = max(0.002, 0.2 * (1 - (step + 1) / iterations))
    return {node: (p[0], p[1]) for node, p in pos.items()}


def _fit(
    positions: dict[str, tuple[float, float]],
    radius: dict[str, float],
    labels: dict[str, str],
    width: float,
    height: float,
) -> dict[str, tuple[float, float]]:
    """Scale the layout into the box, leaving room for radii and labels under the circles."""
    margin_x, margin_top, margin_bottom = 70.0, 24.0, 30.0
    xs = [p[0] for p in positions.values()]
    ys = [p[1] for p in positions.values()]
    span_x = (max(xs) - min(xs)) or 1.0
    span_y = (max(ys) - min(ys)) or 1.0
    inner_w = max(width - 2 * margin_x, 1.0)
    inner_h = max(height - margin_top - margin_bottom, 1.0)
    placed = {}
    for node, (x, y) in positions.items():
        px = margin_x + (x - min(xs)) / span_x * inner_w if len(xs) > 1 else width / 2
        py = margin_top + (y - min(ys)) / span_y * inner_h if len(ys) > 1 else height / 2
        placed[node] = (px, py)
    half_width = {n: max(radius[n], _text_width(labels[n], 11) / 2) for n in placed}
    return _separate(placed, half_width, radius, width, height, margin_x, margin_top, margin_bottom)


def _separate(
    placed: dict[str, tuple[float, float]],
    half_width: dict[str, float],
    radius: dict[str, float],
    width: float,
    height: float,
    margin_x: float,
    margin_top: float,
    margin_bottom: float,
) -> dict[str, tuple[float, float]]:
    """Push apart nodes whose boxes (circle plus the label under it) overlap, clamped to the box.

    Each overlap is undone along the axis where it is smaller, half by each node,
    in a fixed order: deterministic, and a few dozen passes settle 40 nodes.
    """
    nodes = sorted(placed)
    pos = {n: list(placed[n]) for n in nodes}
    gap = 4.0
    for _ in range(80):
        moved = False
        for i, a in enumerate(nodes):
            for b in nodes[i + 1 :]:
                pa, pb = pos[a], pos[b]
                dx = pb[0] - pa[0]
                dy = pb[1] - pa[1]
                overlap_x = half_width[a] + half_width[b] + gap - abs(dx)
                # Boxes run from y - r to y + r + 14 (the label line).
                top_a, bottom_a = pa[1] - radius[a], pa[1] + radius[a] + 14
                top_b, bottom_b = pb[1] - radius[b], pb[1] + radius[b] + 14
                overlap_y = min(bottom_a, bottom_b) - max(top_a, top_b) + gap
                if overlap_x <= 0 or overlap_y <= 0:
                    continue
                moved = True
                if overlap_x * 0.5 < overlap_y:  # sideways moves are cheaper: labels are wide
                    shift = overlap_x / 2 * (1 if dx >= 0 else -1)
                    pa[0] -= shift
                    pb[0] += shift
                else:
                    shift = overlap_y / 2 * (1 if dy >= 0 else -1)
                    pa[1] -= shift
                    pb[1] += shift
        for n in nodes:
            p = pos[n]
            p[0] = min(max(p[0], half_width[n] + 4), width - half_width[n] - 4)
            p[1] = min(max(p[1], margin_top), height - margin_bottom)
        if not moved:
            break
    return {n: (p[0], p[1]) for n, p in pos.items()}


def _legend(x: float, y: float) -> list[str]:
    out = ['<g font-size="11">']
    for kind, label in TYPE_LEGEND:
        out.append(f'<circle cx="{_num(x + 5)}" cy="{_num(y)}" r="5" fill="{TYPE_COLOURS[kind]}"/>')
        out.append(f'<text x="{_num(x + 14)}" y="{_num(y + 4)}" fill="{TEXT_COLOUR}">{_esc(label)}</text>')
        x += 28 + _text_width(label, 11)
    out.append("</g>")
    return out


def _message_svg(message: str, width: int = 800) -> str:
    height = 60
    out = _open(width, height, message)
    out.append(
        f'<text x="{_num(width / 2)}" y="{_num(height / 2 + 5)}" font-size="14" text-anchor="middle" '
        f'fill="{MUTED}">{_esc(message)}</text>'
    )
    out.append("</svg>")
    return "\n".join(out) + "\n"


# --- timeline -----------------------------------------------------------------


def timeline_svg(points: list[tuple[str | None, str]], *, width: int = 800, height: int | None = None) -> str:
    """A dated axis with ticks and one dot per item; labels staggered in rows above the axis.

    ``points`` are (ISO date — ``2022-07-01``, ``2022-03`` or ``2019`` — or None, label).
    Undated or malformed items are skipped. Partial dates are hollow dots with a
    band over the month or year they stand for. Labels that find no free row
    are left off the picture but kept in the dot's tooltip. ``height`` defaults
    to what the labels need; when given, fewer label rows are used.
    """
    items = []
    for raw, label in points:
        period = _period(raw)
        if period is not None:
            items.append((period, str(raw), str(label)))
    if not items:
        return _message_svg("No dated items", width)
    items.sort(key=lambda it: (_mid(it[0]), it[1], it[2]))
    first = min(p[0] for p, _, _ in items)
    last = max(p[1] for p, _, _ in items)
    span = (last - first).days
    pad = max(span * 0.04, 15)
    lo = first - timedelta(days=pad)
    hi = last + timedelta(days=pad)
    left, right = 20.0, float(width) - 20.0
    total = (hi - lo).days or 1

    def x_of(d: date) -> float:
        return left + (d - lo).days / total * (right - left)

    row_h, font = 16.0, 11.0
    max_rows = 8 if height is None else max(0, int((height - 70) // row_h))
    placed_labels = _stagger(
        [(x_of(_mid(period)), _shorten(f"{raw} {label}", TIMELINE_LABEL_MAX)) for period, raw, label in items],
        left, right, font, max_rows,
    )
    rows = 1 + max((row for row, _, _, _ in placed_labels), default=-1)
    top = 14.0
    axis_y = top + rows * row_h + 18
    total_h = float(height) if height is not None else axis_y + 40
    dated = len(items)
    title = f"Timeline of {dated} dated item{'s' if dated != 1 else ''}, {items[0][1]} to {items[-1][1]}"
    out = _open(width, total_h, title)
    # Axis and ticks.
    out.append(_line(left, axis_y, right, axis_y, f'stroke="{MUTED}" stroke-width="1"'))
    out.append(f'<g font-size="10" fill="{MUTED}" text-anchor="middle">')
    for tick, text in _ticks(lo, hi):
        tx = x_of(tick)
        out.append(_line(tx, axis_y, tx, axis_y + 5, f'stroke="{MUTED}"'))
        out.append(f'<text x="{_num(tx)}" y="{_num(axis_y + 17)}">{_esc(text)}</text>')
    out.append("</g>")
    # Leader lines and labels.
    out.append(f'<g font-size="{_num(font)}" fill="{TEXT_COLOUR}">')
    for row, x, tx, text in placed_labels:
        ly = top + (rows - 1 - row) * row_h + 11
        out.append(_line(x, ly + 3, x, axis_y, 'stroke="#c8cdd2" stroke-width="0.8"'))
        out.append(f'<text x="{_num(tx)}" y="{_num(ly)}">{_esc(text)}</text>')
    out.append("</g>")
    # Dots last, over the leader lines; bands show how much a partial date covers.
    for period, raw, label in items:
        start, end = period
        if start != end:
            band = f'stroke="{TYPE_COLOURS["person"]}" stroke-width="6" stroke-opacity="0.18"'
            out.append(_line(x_of(start), axis_y, x_of(end), axis_y, band))
    for period, raw, label in items:
        start, end = period
        x = x_of(_mid(period))
        fill = TYPE_COLOURS["person"] if start == end else "#ffffff"
        out.append(
            f'<circle cx="{_num(x)}" cy="{_num(axis_y)}" r="4" fill="{fill}" stroke="{TYPE_COLOURS["person"]}" '
            f'stroke-width="1.5"><title>{_esc(raw + " — " + label)}</title></circle>'
        )
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _stagger(
    points: list[tuple[float, str]], left: float, right: float, font: float, max_rows: int
) -> list[tuple[int, float, float, str]]:
    """Give each label the lowest row where it overlaps no label and crosses no leader line.

    A label starts just right of its dot, or ends just right of it when it
    would run off the right edge. Its leader line runs straight down to the
    axis, so it must not pass through a label in a lower row, and the label
    must not cover a higher label's line. Right-running labels are placed right
    to left and left-running ones left to right, so a cluster of dates climbs
    in steps away from the labels' direction and no line crosses a label.
    Returns (row, dot x, text x, text) for the labels that found a row.
    """
    placed: list[tuple[int, float, float, float, str]] = []  # row, dot x, text start, text end, text
    rightward, leftward = [], []
    for x, text in points:
        w = _text_width(text, font)
        if x - 4 + w <= right:
            rightward.append((x, text, max(x - 4, left), w))
        else:
            leftward.append((x, text, max(x + 4 - w, left), w))
    for x, text, start, w in rightward[::-1] + leftward:
        end = start + w
        for row in range(max_rows):
            clash = False
            for other_row, ox, ostart, oend, _ in placed:
                if other_row == row and start < oend + 8 and ostart < end + 8:
                    clash = True  # two labels on one row overlap
                elif other_row < row and ostart - 2 <= x <= oend + 2:
                    clash = True  # our leader line would cross a lower label
                elif other_row > row and start - 2 <= ox <= end + 2:
                    clash = True  # our label would cover a higher label's leader line
                if clash:
                    break
            if not clash:
                placed.append((row, x, start, end, text))
                break
    return sorted((row, x, start, text) for row, x, start, _, text in placed)


def _period(raw: str | None) -> tuple[date, date] | None:
    """ISO date or partial date -> (first day, last day); None when absent or malformed."""
    if not raw:
        return None
    match = _ISO.match(str(raw).strip())
    if not match:
        return None
    year, month, day = int(match.group(1)), match.group(2), match.group(3)
    try:
        if day is not None:
            d = date(year, int(month), int(day))
            return d, d
        if month is not None:
            m = int(month)
            start = date(year, m, 1)
            end = (date(year + 1, 1, 1) if m == 12 else date(year, m + 1, 1)) - timedelta(days=1)
            return start, end
        return date(year, 1, 1), date(year, 12, 31)
    except ValueError:
        return None


def _mid(period: tuple[date, date]) -> date:
    start, end = period
    return start + timedelta(days=(end - start).days // 2)


_MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _ticks(lo: date, hi: date) -> list[tuple[date, str]]:
    """At most about ten ticks on round dates: years, months or days depending on the span."""
    span = (hi - lo).days
    if span > 3 * 365:
        years = hi.year - lo.year + 1
        step = next(s for s in (1, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000) if years / s <= 10)
        first = ((lo.year + step - 1) // step) * step
        ticks = [date(y, 1, 1) for y in range(first, hi.year + 1, step)]
        return [(t, str(t.year)) for t in ticks if lo <= t <= hi]
    if span > 60:
        months = (hi.year - lo.year) * 12 + hi.month - lo.month + 1
        step = next(s for s in (1, 2, 3, 6, 12) if months / s <= 10)
        out = []
        index = lo.year * 12 + lo.month - 1
        index += (-index) % step
        while True:
            y, m = divmod(index, 12)
            t = date(y, m + 1, 1)
            if t > hi:
                break
            if t >= lo:
                out.append((t, f"{_MONTH_NAMES[m]} {y}" if m == 0 or step >= 12 or not out else _MONTH_NAMES[m]))
            index += step
        return out
    step = next(s for s in (1, 2, 7, 14) if span / s <= 10)
    out = []
    t = lo
    if step == 7:
        t = lo + timedelta(days=(7 - lo.weekday()) % 7)  # Mondays
    while t <= hi:
        out.append((t, f"{t.day} {_MONTH_NAMES[t.month - 1]}" + (f" {t.year}" if not out else "")))
        t += timedelta(days=step)
    return out
