"""Chart geometry for charts drawn on the server: numbers in, coordinates out.

Pure Python and pydantic, no Django. A template draws what these functions return as inline
<svg> with presentation attributes and CSS classes only (a strict CSP allows no inline styles
and no scripts), so every chart here is a frozen model that keeps each value beside its
coordinates: the template labels and tabulates the same numbers it draws.

Coordinates are in SVG user units of a `width` x `height` viewBox; the page scales the whole
drawing. Four charts:
- `band_chart`: horizontal percentile bands on one dollar axis, with the median marked (the
  salary band of each career stage), or each bar's own mark (each occupation's median);
- `tier_chart`: the same drawing for "your band and the next tier's", your band highlighted
  (`plan_tier_chart` chooses those bands from a plan);
- `line_chart`: lines over evenly spaced categories (the wage trend, release by release);
- `career_map`: boxes in columns and lanes joined by arrows (roles by stage and track, and the
  moves between them).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

from grandalf.graphs import Edge, Graph, Vertex
from grandalf.layouts import Layer, SugiyamaLayout

from careerpath.planner import Frozen

if TYPE_CHECKING:
    from careerpath.planner import Plan

# Room for the text the template writes, in user units (font sizes are set in salaries.css).
LABEL_HEIGHT = 18  # one line of 13-unit text above a bar
TICK_LABEL_HEIGHT = 20  # tick labels under an axis
END_LABEL_GAP = 14  # the least vertical distance between two line-end labels


# --- Scales and ticks --------------------------------------------------------------------------


class Scale(Frozen):
    """A linear map from a domain of values to a range of coordinates."""

    low: float
    high: float
    start: float
    end: float

    def __call__(self, value: float) -> float:
        span = self.high - self.low
        if span == 0:  # one value: it sits in the middle instead of dividing by zero
            return round((self.start + self.end) / 2, 1)
        return round(self.start + (value - self.low) / span * (self.end - self.start), 1)


class Tick(Frozen):
    value: float
    position: float  # x on a horizontal axis, y on a vertical one


def nice_step(span: float, count: int) -> float:
    """A round step (1, 2 or 5 times a power of ten) that cuts `span` into about `count` parts."""
    raw = span / max(count, 1)
    if raw <= 0 or not math.isfinite(raw):
        return 1.0
    power = 10 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 5, 10) if m * power >= raw)


def nice_domain(values: Sequence[float], count: int = 5) -> tuple[float, float, float]:
    """The round (low, high, step) that holds every value; a single value gets room around it."""
    low, high = min(values), max(values)
    if low == high:
        pad = abs(low) / 10 or 1
        low, high = low - pad, high + pad
    step = nice_step(high - low, count)
    return math.floor(low / step) * step, math.ceil(high / step) * step, step


def axis_ticks(scale: Scale, step: float) -> tuple[Tick, ...]:
    count = round((scale.high - scale.low) / step)
    values = (scale.low + i * step for i in range(count + 1))
    return tuple(Tick(value=v, position=scale(v)) for v in values)


# --- Horizontal bands on a dollar axis ---------------------------------------------------------


class BandSpec(Frozen):
    """One band to draw: a label and its low and high values (dollars)."""

    label: str
    low: float
    high: float
    highlight: bool = False  # "your band" on the plan page
    mark: float | None = None  # a value marked inside this bar alone (its own median)


class BandBar(Frozen):
    label: str
    low: float
    high: float
    highlight: bool
    mark: float | None = None
    mark_x: float | None = None  # the mark: a short line across the bar at this x
    x: float
    y: float
    width: float
    height: float
    label_y: float  # baseline of the label line above the bar

    @property
    def mark_top(self) -> float:
        return self.y - 3

    @property
    def mark_bottom(self) -> float:
        return self.y + self.height + 3


class Marker(Frozen):
    """A vertical line across the bands at one value, with its label above them."""

    value: float
    x: float
    top: float
    bottom: float
    label_y: float
    label_anchor: str  # SVG text-anchor that keeps the label inside the drawing


class BandChart(Frozen):
    width: float
    height: float
    left: float
    right: float
    top: float  # where the grid starts, under the median's label
    axis_y: float
    tick_label_y: float
    bars: tuple[BandBar, ...]
    ticks: tuple[Tick, ...]
    median: Marker | None


def band_chart(
    bands: Sequence[BandSpec],
    median: float | None = None,
    *,
    width: float = 380,
    bar_height: float = 16,
    gap: float = 12,
    margin: float = 32,
) -> BandChart:
    """Each band as a bar between its low and high value on one shared dollar axis.

    The axis runs between round values that hold every band and the median; each bar has a
    line of text above it for its label; the median, when given, is a line across all bars.
    """
    values = [v for b in bands for v in (b.low, b.high)]
    values += [b.mark for b in bands if b.mark is not None]
    if median is not None:
        values.append(median)
    low, high, step = nice_domain(values or [0.0])
    scale = Scale(low=low, high=high, start=margin, end=width - margin)
    top = LABEL_HEIGHT if median is not None else 0  # room for the median's label
    row = LABEL_HEIGHT + bar_height + gap
    bars = []
    for i, band in enumerate(bands):
        y = top + i * row + LABEL_HEIGHT
        x = scale(band.low)
        bars.append(
            BandBar(
                label=band.label,
                low=band.low,
                high=band.high,
                highlight=band.highlight,
                mark=band.mark,
                mark_x=scale(band.mark) if band.mark is not None else None,
                x=x,
                y=y,
                width=round(scale(band.high) - x, 1),
                height=bar_height,
                label_y=y - 5,
            )
        )
    axis_y = top + len(bands) * row
    marker = None
    if median is not None:
        x = scale(median)
        share = (x - margin) / (width - 2 * margin) if width > 2 * margin else 0.5
        anchor = "start" if share < 0.2 else "end" if share > 0.8 else "middle"
        marker = Marker(
            value=median,
            x=x,
            top=LABEL_HEIGHT,
            bottom=axis_y,
            label_y=LABEL_HEIGHT - 5,
            label_anchor=anchor,
        )
    return BandChart(
        width=width,
        height=axis_y + TICK_LABEL_HEIGHT,
        left=margin,
        right=width - margin,
        top=top,
        axis_y=axis_y,
        tick_label_y=axis_y + TICK_LABEL_HEIGHT - 4,
        bars=tuple(bars),
        ticks=axis_ticks(scale, step),
        median=marker,
    )


def tier_chart(
    yours: BandSpec, next_tiers: Sequence[BandSpec], median: float | None = None, **layout
) -> BandChart:
    """Your band and the next tier's on one dollar axis, yours highlighted, the median marked."""
    return band_chart([yours.model_copy(update={"highlight": True}), *next_tiers], median, **layout)


def ordinal(percentile: int) -> str:
    """10 -> 10th, 50 -> median: a percentile as people say it."""
    value = int(percentile)
    if value == 50:
        return "median"
    suffix = {1: "st", 2: "nd", 3: "rd"}.get(value % 10 if value % 100 not in (11, 12, 13) else 0)
    return f"{value}{suffix or 'th'}"


def plan_tier_chart(plan: Plan) -> BandChart | None:
    """Your band beside each distinct band of the next tier; None when there is nothing to set
    side by side (no band of yours, or every next-tier band equals it).

    Each bar is labelled with the roles it prices (roles sharing a band share a bar); the text
    alternative and the next-tier cards say which occupation each band belongs to.
    """
    yours = plan.position.salary_band
    if yours is None:
        return None
    others: dict[tuple[int, int, str], list[str]] = {}
    for next_role in plan.next_roles:
        band = next_role.salary_band
        if band is None or (band.low, band.high) == (yours.low, yours.high):
            continue
        others.setdefault((band.low, band.high, band.occupation.soc_code), []).append(
            next_role.role.title
        )
    if not others:
        return None
    you = plan.position.role.title if plan.position.role else plan.position.stage_name
    return tier_chart(
        BandSpec(label=f"You: {you}", low=yours.low, high=yours.high),
        [
            BandSpec(label=_roles_label(titles), low=low, high=high)
            for (low, high, _), titles in others.items()
        ],
        median=yours.median,
    )


def _roles_label(titles: list[str]) -> str:
    """A bar's label fits on one line: its first role, and how many more share the band."""
    return titles[0] if len(titles) == 1 else f"{titles[0]} and {len(titles) - 1} more"


# --- Lines over categories ---------------------------------------------------------------------


class SeriesSpec(Frozen):
    """One line to draw: its name and one value per category (None: not published)."""

    name: str
    values: tuple[float | None, ...]


class Point(Frozen):
    category: str
    value: float
    x: float
    y: float


class Line(Frozen):
    name: str
    index: int  # position of the series, for its CSS class
    path: str  # SVG path data; an unpublished value breaks the line
    points: tuple[Point, ...]
    label_x: float
    label_y: float  # where the name is written, after the last point


class CategoryTick(Frozen):
    label: str
    x: float


class LineChart(Frozen):
    width: float
    height: float
    left: float
    right: float
    top: float
    bottom: float
    y_label_x: float  # right end of the value labels, left of the plot
    x_label_y: float  # baseline of the category labels, under the plot
    x_ticks: tuple[CategoryTick, ...]
    y_ticks: tuple[Tick, ...]
    lines: tuple[Line, ...]


def line_chart(
    categories: Sequence[str],
    series: Sequence[SeriesSpec],
    *,
    width: float = 380,
    height: float = 240,
    left: float = 60,
    right: float = 64,
    top: float = 12,
) -> LineChart:
    """Lines over evenly spaced categories, on a value axis with round ticks.

    One category sits in the middle; a series whose values are all equal gets room above and
    below. Names are written after each line's last point, moved apart when they would touch.
    """
    bottom = height - TICK_LABEL_HEIGHT - 4
    published = [v for s in series for v in s.values if v is not None]
    low, high, step = nice_domain(published or [0.0])
    y_scale = Scale(low=low, high=high, start=bottom, end=top)
    x_scale = Scale(low=0, high=max(len(categories) - 1, 0), start=left, end=width - right)
    x_ticks = tuple(CategoryTick(label=c, x=x_scale(i)) for i, c in enumerate(categories))
    lines = []
    for index, spec in enumerate(series):
        points, commands, previous = [], [], None
        for i, (category, value) in enumerate(zip(categories, spec.values, strict=False)):
            if value is None:
                previous = None
                continue
            point = Point(category=category, value=value, x=x_scale(i), y=y_scale(value))
            commands.append(f"{'L' if previous else 'M'}{point.x:g},{point.y:g}")
            points.append(point)
            previous = point
        if points:
            last = points[-1]
            lines.append(
                Line(
                    name=spec.name,
                    index=index,
                    path=" ".join(commands),
                    points=tuple(points),
                    label_x=last.x + 8,
                    label_y=last.y + 4,
                )
            )
    return LineChart(
        width=width,
        height=height,
        left=left,
        right=width - right,
        top=top,
        bottom=bottom,
        y_label_x=left - 6,
        x_label_y=height - 6,
        x_ticks=x_ticks,
        y_ticks=axis_ticks(y_scale, step),
        lines=spread_labels(lines),
    )


def spread_labels(lines: list[Line]) -> tuple[Line, ...]:
    """Move line-end labels apart, top to bottom, so no two are closer than END_LABEL_GAP."""
    placed: dict[int, float] = {}
    floor = -math.inf
    for line in sorted(lines, key=lambda line: line.label_y):
        y = max(line.label_y, floor + END_LABEL_GAP)
        placed[line.index] = y
        floor = y
    return tuple(line.model_copy(update={"label_y": placed[line.index]}) for line in lines)


# --- Boxes in columns and lanes, joined by arrows ----------------------------------------------

NODE_LINE = 16  # one line of text in a box (13-unit titles, 12-unit details)
NODE_PADDING = 8  # inside a box, above the first line and around the text
# Titles are wrapped here, where the text's width is unknown: this is a generous average advance
# of a semibold character in ems (DejaVu Sans, among the widest, averages under 0.66 on a
# title), so a wrapped line fits its box in any sans-serif font.
CHAR_WIDTH_EM = 0.68
TITLE_SIZE = 13
PORT_MARGIN = 10  # arrows meet a box's side at least this far from its corners
CHANNEL_GAP = 8  # between two arrows' channels in a gutter (and corridors under the lanes)
# Where an arrow's end may move along its box's side to keep clear of another arrow's line.
SHIFTS = (0, 3, -3, 6, -6, 9, -9, 12, -12, 15, -15)


class MapColumnSpec(Frozen):
    """A column of the map (a career stage): its key, name and a second, smaller line."""

    key: str
    label: str
    detail: str = ""


class MapLaneSpec(Frozen):
    """A lane across the map (a track)."""

    key: str
    label: str


class MapNodeSpec(Frozen):
    """One box: a title in a column and a lane, the band it shows (None: no figure) and a mark
    ("here", "next" or none)."""

    key: str
    label: str
    column: str
    lane: str
    low: float | None = None
    high: float | None = None
    mark: str = ""


class MapEdgeSpec(Frozen):
    """An arrow from one box to another, of a kind (its CSS class)."""

    source: str
    target: str
    kind: str


class MapColumn(Frozen):
    key: str
    label: str
    detail: str
    x: float
    width: float
    center: float
    label_y: float
    detail_y: float


class MapLane(Frozen):
    key: str
    label: str
    index: int
    y: float
    height: float
    label_y: float


class TextLine(Frozen):
    text: str
    y: float  # baseline


class MapNode(Frozen):
    key: str
    label: str
    column: str
    column_label: str
    lane: str
    lane_label: str
    low: float | None
    high: float | None
    mark: str
    x: float
    y: float
    width: float
    height: float
    text_x: float
    title: tuple[TextLine, ...]  # the label, wrapped to the box
    detail_y: float  # baseline of the band line
    mark_y: float | None  # baseline of the mark's line, when marked


class MapEdge(Frozen):
    source: str
    target: str
    kind: str
    path: str  # SVG path data: right angles, rounded, through the arrow's own channel
    highlight: bool  # a move out of the box marked "here"
    end: tuple[float, float]  # where the arrowhead meets the target box


class CareerMap(Frozen):
    width: float
    height: float
    header_height: float
    columns: tuple[MapColumn, ...]
    lanes: tuple[MapLane, ...]
    nodes: tuple[MapNode, ...]
    edges: tuple[MapEdge, ...]


def wrap_words(text: str, max_chars: int) -> tuple[str, ...]:
    """Greedy word wrap to lines of at most `max_chars` characters (a longer word keeps its own
    line)."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= max_chars:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return tuple(lines) or ("",)


def career_map(
    columns: Sequence[MapColumnSpec],
    lanes: Sequence[MapLaneSpec],
    nodes: Sequence[MapNodeSpec],
    edges: Sequence[MapEdgeSpec],
    *,
    node_width: float = 248,
    gutter: float = 48,
    margin: float = 8,
    header_height: float = 44,
    lane_label_height: float = 28,
    node_gap: float = 14,
) -> CareerMap:
    """Columns left to right, lanes top to bottom, each box in its column and lane, and each
    arrow routed at right angles through a channel of its own.

    The order of the boxes in a cell and of the channels in a gutter comes from grandalf's
    layered (Sugiyama) layout, which orders each layer to reduce crossings: columns are its
    layers and each gutter a layer between them (see `layered_order`). Every box has the same
    height: room for the longest wrapped title, the band line and, when any box is marked, a
    line for the mark. An arrow to a later column leaves the right side and enters the left;
    to an earlier column it leaves the left and enters the right; within a column it leaves and
    enters the right side. Arrows that meet one side of a box are spread along it, so no two
    share a point and each arrowhead has its own place; a gutter is as wide as its channels
    need. An arrow past a whole column runs along a corridor of its own below the lanes. Boxes
    in an unknown column or lane, and arrows to or from an unknown box, are left out.
    """
    column_index = {c.key: i for i, c in enumerate(columns)}
    lane_index = {lane.key: i for i, lane in enumerate(lanes)}
    placed = [n for n in nodes if n.column in column_index and n.lane in lane_index]
    keys = {n.key for n in placed}
    drawn = [e for e in edges if e.source in keys and e.target in keys]
    text_inset = NODE_PADDING + 2  # clear of the thickest outline (a marked box's)
    max_chars = int((node_width - 2 * text_inset) / (TITLE_SIZE * CHAR_WIDTH_EM))
    titles = {n.key: wrap_words(n.label, max_chars) for n in placed}
    marked = any(n.mark for n in placed)
    lines = max((len(t) for t in titles.values()), default=1) + 1 + int(marked)
    node_height = 2 * NODE_PADDING + lines * NODE_LINE - 4

    box_order, channels = layered_order(len(columns), placed, drawn, column_index, lane_index)
    # Gutter g is right of column g; each is as wide as its channels need.
    counts = [0] * len(columns)
    for gutters in channels.values():
        for g, _ in gutters:
            counts[g] += 1
    widths = [max(gutter, (n + 1) * CHANNEL_GAP) for n in counts]
    lefts, x = [], margin
    for g in range(len(columns)):
        lefts.append(x)
        x += node_width + widths[g]
    map_columns = tuple(
        MapColumn(
            key=c.key,
            label=c.label,
            detail=c.detail,
            x=lefts[i],
            width=node_width,
            center=lefts[i] + node_width / 2,
            label_y=18,
            detail_y=36,
        )
        for i, c in enumerate(columns)
    )

    cells: dict[tuple[str, str], list[MapNodeSpec]] = {}
    for node in sorted(placed, key=lambda n: box_order[n.key]):
        cells.setdefault((node.lane, node.column), []).append(node)
    map_lanes, map_nodes, y = [], {}, header_height
    for index, lane in enumerate(lanes):
        stacked = [cells.get((lane.key, c.key), []) for c in columns]
        deepest = max((len(cell) for cell in stacked), default=0)
        height = lane_label_height + deepest * (node_height + node_gap) + node_gap
        map_lanes.append(
            MapLane(key=lane.key, label=lane.label, index=index, y=y, height=height, label_y=y + 19)
        )
        for column, cell in zip(map_columns, stacked, strict=True):
            for row, node in enumerate(cell):
                top = y + lane_label_height + row * (node_height + node_gap)
                first = top + NODE_PADDING + TITLE_SIZE
                title = tuple(
                    TextLine(text=text, y=first + i * NODE_LINE)
                    for i, text in enumerate(titles[node.key])
                )
                detail_y = first + len(title) * NODE_LINE
                map_nodes[node.key] = MapNode(
                    key=node.key,
                    label=node.label,
                    column=node.column,
                    column_label=columns[column_index[node.column]].label,
                    lane=node.lane,
                    lane_label=lane.label,
                    low=node.low,
                    high=node.high,
                    mark=node.mark,
                    x=column.x,
                    y=top,
                    width=node_width,
                    height=node_height,
                    text_x=column.x + text_inset,
                    title=title,
                    detail_y=detail_y,
                    mark_y=detail_y + NODE_LINE if node.mark else None,
                )
        y += height

    def channel_x(g: int, position: int) -> float:
        start = lefts[g] + node_width
        return round(start + widths[g] * (position + 1) / (counts[g] + 1), 1)

    ports = edge_ports(drawn, map_nodes, column_index)
    xs = [[channel_x(g, position) for g, position in channels[i]] for i in range(len(drawn))]
    # Two arrows' level lines in one gutter at one height would run together: the later one
    # moves up or down a little, along its box's side.
    level: dict[int, list[tuple[float, float, float]]] = {}  # gutter -> (y, from x, to x)
    taken: set[tuple[float, float]] = set()
    for i, edge in enumerate(drawn):
        ends = []
        for (px, py), key, (g, _), channel in (
            (ports[i][0], edge.source, channels[i][0], xs[i][0]),
            (ports[i][1], edge.target, channels[i][-1], xs[i][-1]),
        ):
            low, high = min(px, channel), max(px, channel)
            box = map_nodes[key]
            py = next(
                (
                    moved
                    for moved in (py + step for step in SHIFTS)
                    if box.y + 4 <= moved <= box.y + box.height - 4
                    and (px, moved) not in taken
                    and not any(
                        abs(moved - other) < 1.5 and min(high, to) - max(low, frm) > 0.5
                        for other, frm, to in level.get(g, ())
                    )
                ),
                py,
            )
            py = round(py, 1)
            taken.add((px, py))
            level.setdefault(g, []).append((py, low, high))
            ends.append((px, py))
        ports[i] = (ends[0], ends[1])
    corridor = y + CHANNEL_GAP
    map_edges = []
    for i, edge in enumerate(drawn):
        source = map_nodes[edge.source]
        (x1, y1), (x2, y2) = ports[i]
        first, last = xs[i][0], xs[i][-1]
        if len(xs[i]) == 1:
            points = [(x1, y1), (first, y1), (first, y2), (x2, y2)]
        else:  # past a whole column: down to its own corridor, across, and up
            points = [(x1, y1), (first, y1), (first, corridor), (last, corridor)]
            points += [(last, y2), (x2, y2)]
            corridor += CHANNEL_GAP
        map_edges.append(
            MapEdge(
                source=edge.source,
                target=edge.target,
                kind=edge.kind,
                path=rounded_path(points),
                highlight=source.mark == "here",
                end=(x2, y2),
            )
        )
    # Highlighted arrows last, so they are drawn over the others.
    map_edges.sort(key=lambda e: e.highlight)
    return CareerMap(
        width=x - widths[-1] + (widths[-1] if counts[-1] else margin),
        height=corridor + margin,
        header_height=header_height,
        columns=map_columns,
        lanes=tuple(map_lanes),
        nodes=tuple(map_nodes.values()),
        edges=tuple(map_edges),
    )


def layered_order(
    column_count: int,
    nodes: Sequence[MapNodeSpec],
    edges: Sequence[MapEdgeSpec],
    column_index: dict[str, int],
    lane_index: dict[str, int],
) -> tuple[dict[str, int], dict[int, list[tuple[int, int]]]]:
    """grandalf's layered layout, used for order: where each box stands in its column (to
    sort the boxes of a cell) and, for each arrow, its gutters and its place in each.

    Column c is layer 2c and the gutter on its right layer 2c + 1, so grandalf gives an arrow
    between neighbouring columns a point (a "dummy vertex") in the gutter between them, and an
    arrow within column c a vertex of our own in gutter c, joined to both of its boxes. After
    grandalf orders a column, its boxes are sorted by lane (keeping grandalf's order within a
    lane), so the next layers are ordered against the lanes as they will be drawn.
    """
    column = {n.key: column_index[n.column] for n in nodes}
    lane = {n.key: lane_index[n.lane] for n in nodes}
    vertices = {n.key: Vertex(n.key) for n in nodes}
    links: list[Edge] = []
    inner: dict[int, Vertex] = {}  # an arrow within a column: its vertex in the gutter
    between: dict[int, Edge] = {}  # an arrow between columns: its edge in grandalf's graph
    for i, edge in enumerate(edges):
        a, b = column[edge.source], column[edge.target]
        if a == b:
            inner[i] = Vertex(("gutter", i))
            links += [Edge(vertices[edge.source], inner[i]), Edge(vertices[edge.target], inner[i])]
        else:
            between[i] = Edge(vertices[edge.source], vertices[edge.target])
            links.append(between[i])
    rank = {v: 2 * column[v.data] for v in vertices.values()}
    rank |= {v: 2 * column[edges[i].source] + 1 for i, v in inner.items()}
    graph = Graph([*vertices.values(), *inner.values()], links)
    layers: list[list] = [[] for _ in range(2 * column_count)]
    layouts = []
    for component in graph.C:
        for v in component.sV:
            v.view = _BoxView()
        layout = _FixedRankLayout(component, rank, lane)
        layout.init_all(
            roots=[],
            inverted_edges=[e for e in component.sE if rank[e.v[0]] > rank[e.v[1]]],
        )
        layout.order_layers(rounds=4)
        for r, layer in enumerate(layout.layers):
            layers[r].extend(layer)
        layouts.append(layout)
    box_order = {v.data: n for layer in layers[::2] for n, v in enumerate(layer) if v in rank}
    position = {v: n for layer in layers for n, v in enumerate(layer)}
    channels: dict[int, list[tuple[int, int]]] = {}
    for i, edge in enumerate(edges):
        if i in inner:
            channels[i] = [(column[edge.source], position[inner[i]])]
            continue
        a, b = column[edge.source], column[edge.target]
        first, last = (a, b - 1) if b > a else (a - 1, b)  # the gutters next to each end
        ctrls = next(layout.ctrls[between[i]] for layout in layouts if between[i] in layout.ctrls)
        gutters = [first] if first == last else [first, last]
        channels[i] = [(g, position[ctrls[2 * g + 1]]) for g in gutters]
    return box_order, channels


class _BoxView:
    """The size grandalf reads from a vertex; its order is all that is used here."""

    w, h, xy = 10, 10, (0, 0)


class _FixedRankLayout(SugiyamaLayout):
    """grandalf's Sugiyama layout with ranks given (a box's column, an arrow's gutter), not
    worked out from the graph, and each column kept in lane order."""

    def __init__(self, graph, ranks: dict, lanes: dict[str, int]):
        super().__init__(graph)
        self.fixed, self.lanes = ranks, lanes

    def rank_all(self, roots, optimize=False):
        top = max(self.fixed[v] for v in self.g.sV)
        self.layers = [Layer([]) for _ in range(top + 1)]
        for v in self.g.sV:
            self.grx[v].rank = self.fixed[v]
            self.layers[self.fixed[v]].append(v)

    def order_layers(self, rounds: int) -> None:
        for _ in range(rounds):
            for layer, _moved in self.ordering_step():
                self.keep_lanes(layer)

    def keep_lanes(self, layer) -> None:
        """A column's boxes in lane order, grandalf's order kept within a lane (an arrow's
        point in a column it passes goes last)."""
        layer.sort(key=lambda v: self.lanes.get(getattr(v, "data", None), len(self.lanes)))
        for n, v in enumerate(layer):
            self.grx[v].pos = n
            self.grx[v].bar = n / max(len(layer) - 1, 1)


def rounded_path(points: list[tuple[float, float]], radius: float = 6) -> str:
    """SVG path data through `points` at right angles, each corner rounded (less where the
    segments are short), ending exactly at the last point."""
    (x0, y0), parts = points[0], []
    parts.append(f"M{x0:g},{y0:g}")
    for (ax, ay), (bx, by), (cx, cy) in zip(points, points[1:], points[2:], strict=False):
        r = min(radius, math.dist((ax, ay), (bx, by)) / 2, math.dist((bx, by), (cx, cy)) / 2)
        before = _towards((bx, by), (ax, ay), r)
        after = _towards((bx, by), (cx, cy), r)
        parts.append(f"L{before[0]:g},{before[1]:g} Q{bx:g},{by:g} {after[0]:g},{after[1]:g}")
    x, y = points[-1]
    parts.append(f"L{x:g},{y:g}")
    return " ".join(parts)


def _towards(start: tuple[float, float], end: tuple[float, float], distance: float):
    length = math.dist(start, end)
    if not length:
        return start
    t = distance / length
    return (
        round(start[0] + (end[0] - start[0]) * t, 1),
        round(start[1] + (end[1] - start[1]) * t, 1),
    )


def edge_ports(
    edges: Sequence[MapEdgeSpec], nodes: dict[str, MapNode], column_index: dict[str, int]
) -> list[tuple[tuple[float, float], tuple[float, float]]]:
    """Where each arrow leaves its source and meets its target: a point on the box side it
    uses, the arrows of one side spread evenly along it in the order of their other ends, so
    no two arrows of a side share a point."""
    sides: dict[tuple[str, str], list[tuple[float, int, int]]] = {}
    for i, edge in enumerate(edges):
        source, target = nodes[edge.source], nodes[edge.target]
        direction = column_index[target.column] - column_index[source.column]
        out_side = "left" if direction < 0 else "right"
        in_side = "left" if direction > 0 else "right"
        sides.setdefault((edge.source, out_side), []).append((target.y, i, 0))
        sides.setdefault((edge.target, in_side), []).append((source.y, i, 1))
    points: dict[tuple[int, int], tuple[float, float]] = {}
    for (key, side), ends in sides.items():
        node = nodes[key]
        x = node.x + node.width if side == "right" else node.x
        span = node.height - 2 * PORT_MARGIN
        for k, (_, i, end) in enumerate(sorted(ends)):
            y = node.y + PORT_MARGIN + span * (k + 1) / (len(ends) + 1)
            points[(i, end)] = (x, round(y, 1))
    return [(points[(i, 0)], points[(i, 1)]) for i in range(len(edges))]
