"""careerpath.charts: the geometry the salary charts and the career map are drawn from (no
database, no Django)."""

import re

import pytest

from careerpath.charts import (
    BandSpec,
    MapColumnSpec,
    MapEdgeSpec,
    MapLaneSpec,
    MapNodeSpec,
    Scale,
    SeriesSpec,
    band_chart,
    career_map,
    line_chart,
    nice_domain,
    nice_step,
    tier_chart,
    wrap_words,
)

STAGES = [
    BandSpec(label="Entry-level", low=35780, high=41600),
    BandSpec(label="Mid-career", low=41600, high=64070),
    BandSpec(label="Senior/Management", low=64070, high=80950),
]


def test_a_scale_maps_the_domain_onto_the_range_linearly():
    scale = Scale(low=30000, high=90000, start=32, end=392)
    assert scale(30000) == 32
    assert scale(90000) == 392
    assert scale(60000) == 212
    assert scale(45000) == 122


def test_a_scale_over_a_single_value_puts_it_in_the_middle():
    assert Scale(low=5, high=5, start=0, end=100)(5) == 50


@pytest.mark.parametrize(
    ("span", "count", "step"),
    [(45170, 5, 10000), (60000, 5, 20000), (7, 5, 2), (0.9, 5, 0.2), (0, 5, 1)],
)
def test_steps_are_round(span, count, step):
    assert nice_step(span, count) == pytest.approx(step)


def test_the_domain_is_round_and_holds_every_value():
    assert nice_domain([35780, 80950]) == (30000, 90000, 10000)


def test_a_single_value_domain_has_room_around_it():
    low, high, step = nice_domain([50000])
    assert low < 50000 < high and step > 0
    assert nice_domain([0]) == (-1, 1, 0.5)


def test_band_bars_sit_between_their_dollars_on_one_axis():
    chart = band_chart(STAGES, median=50250, width=420, margin=30)
    # The axis runs $30,000-$90,000 over x 30..390: 6 units per $1,000.
    assert [t.value for t in chart.ticks] == [30000 + 10000 * i for i in range(7)]
    assert chart.ticks[0].position == 30 and chart.ticks[-1].position == 390
    entry, mid, senior = chart.bars
    assert entry.x == pytest.approx(30 + 5.78 * 6, abs=0.05)
    assert entry.width == pytest.approx((41600 - 35780) * 6 / 1000, abs=0.1)
    # Neighbouring bands meet at the shared percentile.
    assert mid.x == pytest.approx(entry.x + entry.width, abs=0.1)
    assert senior.x + senior.width == pytest.approx(30 + 50.95 * 6, abs=0.05)
    # Each bar is below the previous one, its label above it, and all above the axis.
    assert entry.y < mid.y < senior.y
    assert all(bar.label_y < bar.y for bar in chart.bars)
    assert senior.y + senior.height < chart.axis_y < chart.height


def test_the_median_mark_is_at_the_medians_x_across_all_bands():
    chart = band_chart(STAGES, median=50250, width=420, margin=30)
    assert chart.median.value == 50250
    assert chart.median.x == pytest.approx(30 + 20.25 * 6, abs=0.05)
    assert chart.median.top <= chart.bars[0].y and chart.median.bottom == chart.axis_y
    # The median's label sits above the first band's label.
    assert chart.median.label_y < chart.bars[0].label_y
    assert chart.median.label_anchor == "middle"


def test_a_median_near_an_end_keeps_its_label_inside_the_drawing():
    bands = [BandSpec(label="A", low=10, high=100)]
    assert band_chart(bands, median=99).median.label_anchor == "end"
    assert band_chart(bands, median=11).median.label_anchor == "start"


def test_each_band_can_mark_its_own_value_inside_it():
    chart = band_chart(
        [
            BandSpec(label="Coders", low=37000, high=81150, mark=51140),
            BandSpec(label="Managers", low=73390, high=224340, mark=123860),
            BandSpec(label="No mark", low=40000, high=60000),
        ]
    )
    coders, managers, plain = chart.bars
    assert coders.x < coders.mark_x < coders.x + coders.width
    assert managers.x < managers.mark_x < managers.x + managers.width
    assert plain.mark_x is None and chart.median is None
    assert (managers.mark_top, managers.mark_bottom) == (managers.y - 3, managers.y + 16 + 3)


def test_without_a_median_there_is_no_mark_and_no_room_for_one():
    with_median = band_chart(STAGES, median=50250)
    without = band_chart(STAGES)
    assert without.median is None
    assert without.bars[0].y < with_median.bars[0].y


def test_a_single_value_band_does_not_divide_by_zero():
    chart = band_chart([BandSpec(label="One", low=50000, high=50000)], median=50000)
    bar = chart.bars[0]
    assert bar.width == 0
    assert chart.left < bar.x < chart.right
    assert chart.median.x == bar.x


def test_no_bands_at_all_still_draws_an_empty_axis():
    chart = band_chart([])
    assert chart.bars == () and chart.median is None and len(chart.ticks) >= 2


def test_your_band_and_the_next_tiers_share_one_axis_with_yours_highlighted():
    yours = BandSpec(label="Your band", low=37000, high=43490)
    chart = tier_chart(
        yours,
        [BandSpec(label="Senior Medical Coder", low=43490, high=64820)],
        median=51140,
    )
    assert [b.label for b in chart.bars] == ["Your band", "Senior Medical Coder"]
    assert [b.highlight for b in chart.bars] == [True, False]
    assert chart.bars[1].x == pytest.approx(chart.bars[0].x + chart.bars[0].width, abs=0.1)
    assert chart.bars[0].x < chart.median.x < chart.bars[1].x + chart.bars[1].width
    assert yours.highlight is False  # the caller's spec is left as it was


def test_line_points_scale_to_categories_and_values():
    chart = line_chart(
        ["May 2021", "May 2022", "May 2023"],
        [SeriesSpec(name="Median", values=(40000, 50000, 60000))],
        width=400,
        height=240,
        left=60,
        right=40,
        top=20,
    )
    (line,) = chart.lines
    xs = [p.x for p in line.points]
    assert xs == [60, 210, 360]  # evenly spaced from left to width - right
    ys = [p.y for p in line.points]
    # Higher values are higher up (smaller y): $40,000 at the bottom, $60,000 at the top.
    assert ys[0] == chart.bottom and ys[2] == chart.top
    assert ys[1] == pytest.approx((chart.bottom + chart.top) / 2, abs=0.05)
    assert line.path == f"M60,{ys[0]:g} L210,{ys[1]:g} L360,{ys[2]:g}"
    assert [t.label for t in chart.x_ticks] == ["May 2021", "May 2022", "May 2023"]
    assert chart.y_ticks[0].value == 40000 and chart.y_ticks[-1].value == 60000


def test_an_unpublished_value_breaks_the_line():
    chart = line_chart(["a", "b", "c", "d"], [SeriesSpec(name="s", values=(1, 2, None, 4))])
    (line,) = chart.lines
    assert [p.category for p in line.points] == ["a", "b", "d"]
    assert line.path.count("M") == 2 and line.path.count("L") == 1


def test_a_single_value_series_does_not_divide_by_zero():
    chart = line_chart(["May 2025"], [SeriesSpec(name="Median", values=(51140,))])
    (point,) = chart.lines[0].points
    assert point.x == pytest.approx((chart.left + chart.right) / 2, abs=0.05)
    assert chart.top < point.y < chart.bottom
    assert point.value == 51140


def test_a_series_with_no_published_value_draws_no_line():
    chart = line_chart(["a", "b"], [SeriesSpec(name="s", values=(None, None))])
    assert chart.lines == () and len(chart.x_ticks) == 2


def test_line_end_labels_are_moved_apart_when_lines_end_close_together():
    chart = line_chart(
        ["a", "b"],
        [
            SeriesSpec(name="high", values=(100, 1000)),
            SeriesSpec(name="close", values=(100, 995)),
            SeriesSpec(name="low", values=(100, 110)),
        ],
    )
    high, close, low = chart.lines
    assert close.label_y - high.label_y >= 14
    assert low.label_y == low.points[-1].y + 4  # far from the others: left where it was


# --- The career map ----------------------------------------------------------------------------

COLUMNS = [MapColumnSpec(key=k, label=k.title(), detail="") for k in ("entry", "mid", "senior")]
LANES = [MapLaneSpec(key="coding", label="Coding track"), MapLaneSpec(key="alt", label="Pivots")]
ROLES = [
    MapNodeSpec(key="coder", label="Coder", column="entry", lane="coding", low=37000, high=43490),
    MapNodeSpec(key="senior", label="Senior Coder", column="mid", lane="coding"),
    MapNodeSpec(key="auditor", label="Auditor", column="mid", lane="coding"),
    MapNodeSpec(key="manager", label="Manager", column="senior", lane="coding"),
    MapNodeSpec(key="billing", label="Billing Specialist", column="entry", lane="alt"),
]
MOVES = [
    MapEdgeSpec(source="coder", target="senior", kind="promotion"),
    MapEdgeSpec(source="coder", target="auditor", kind="promotion"),
    MapEdgeSpec(source="senior", target="auditor", kind="lateral"),
    MapEdgeSpec(source="senior", target="manager", kind="promotion"),
    MapEdgeSpec(source="senior", target="billing", kind="pivot"),
]


def corners(edge) -> list[tuple[float, float]]:
    """The points an arrow's path runs through at right angles (its rounded corners' tips)."""
    points = [tuple(map(float, p.split(","))) for p in re.findall(r"-?[\d.]+,-?[\d.]+", edge.path)]
    # M start, then per corner: L before, Q tip, after; then L end.
    return [points[0], *points[2:-1:3], points[-1]]


def ends(edge):
    """The first and last points of an arrow's path, and the x of its channel."""
    points = corners(edge)
    return points[0], points[-1], points[1][0]


def straight_parts(edge) -> list[tuple[tuple[float, float], tuple[float, float]]]:
    """The straight lines of an arrow's path (between its rounded corners)."""
    parts, at = [], None
    for command, args in re.findall(r"([MLQ])([^MLQ]*)", edge.path):
        points = [tuple(map(float, p.split(","))) for p in args.split()]
        if command == "L" and points[0] != at:
            parts.append((at, points[0]))
        at = points[-1]
    return parts


def overlap(a, b) -> bool:
    """Two horizontal or vertical lines that share more than a point."""
    (a1, a2), (b1, b2) = a, b
    for fixed, free in ((1, 0), (0, 1)):
        if a1[fixed] == a2[fixed] == b1[fixed] == b2[fixed]:
            low = max(min(a1[free], a2[free]), min(b1[free], b2[free]))
            high = min(max(a1[free], a2[free]), max(b1[free], b2[free]))
            if high - low > 0.5:
                return True
    return False


def by_key(chart):
    return {node.key: node for node in chart.nodes}


def test_titles_wrap_at_word_boundaries_and_a_long_word_keeps_its_own_line():
    assert wrap_words("Director of Health Information Management", 20) == (
        "Director of Health",
        "Information",
        "Management",
    )
    assert wrap_words("Supercalifragilistic word", 5) == ("Supercalifragilistic", "word")
    assert wrap_words("", 10) == ("",)


def test_roles_sit_in_their_stage_column_and_their_track_lane_stacked_in_order():
    chart = career_map(COLUMNS, LANES, ROLES, MOVES, node_width=200, gutter=80, margin=8)
    nodes = by_key(chart)
    assert [c.x for c in chart.columns] == [8, 288, 568]
    assert nodes["coder"].x == 8 and nodes["senior"].x == nodes["auditor"].x == 288
    assert nodes["manager"].x == 568 and nodes["billing"].x == 8
    coding, alt = chart.lanes
    for key in ("coder", "senior", "auditor", "manager"):
        node = nodes[key]
        assert coding.y < node.y and node.y + node.height < coding.y + coding.height
    assert alt.y == coding.y + coding.height
    assert alt.y < nodes["billing"].y < alt.y + alt.height
    # Two roles in one cell: one under the other (in the layered layout's order), not touching.
    upper, lower = sorted((nodes["senior"], nodes["auditor"]), key=lambda n: n.y)
    assert upper.y + upper.height < lower.y
    # The drawing holds every box and every column header.
    assert all(n.x + n.width < chart.width and n.y + n.height < chart.height for n in chart.nodes)
    assert chart.lanes[0].y >= chart.columns[0].detail_y


def test_every_box_has_room_for_the_longest_title_its_band_and_a_mark():
    long_title = MapNodeSpec(
        key="cdi",
        label="Clinical Documentation Improvement (CDI) Specialist",
        column="mid",
        lane="alt",
        mark="here",
    )
    chart = career_map(COLUMNS, LANES, [*ROLES, long_title], MOVES, node_width=288)
    nodes = by_key(chart)
    cdi = nodes["cdi"]
    assert [line.text for line in cdi.title] == [
        "Clinical Documentation",
        "Improvement (CDI) Specialist",
    ]
    assert len({n.height for n in chart.nodes}) == 1  # one height for every box
    for node in chart.nodes:
        baselines = [line.y for line in node.title] + [node.detail_y]
        assert baselines == sorted(baselines) and baselines[0] > node.y
        assert node.detail_y < node.y + node.height
    assert cdi.detail_y < cdi.mark_y < cdi.y + cdi.height
    assert nodes["coder"].mark_y is None and nodes["coder"].low == 37000
    # Without any mark there is no room kept for one.
    assert career_map(COLUMNS, LANES, ROLES, MOVES, node_width=288).nodes[0].height < cdi.height


def test_arrows_run_from_side_to_side_by_where_the_roles_stand():
    chart = career_map(COLUMNS, LANES, ROLES, MOVES)
    nodes = by_key(chart)
    arrows = {(e.source, e.target): e for e in chart.edges}
    assert [arrows[m.source, m.target].kind for m in MOVES] == [m.kind for m in MOVES]

    # To a later column: out of the right side, into the left side of the target.
    (x1, y1), (x2, y2), _ = ends(arrows["senior", "manager"])
    senior, manager = nodes["senior"], nodes["manager"]
    assert x1 == senior.x + senior.width and x2 == manager.x
    assert senior.y < y1 < senior.y + senior.height and manager.y < y2 < manager.y + manager.height

    # To an earlier column (a pivot back to entry level): out of the left, into the right.
    (x1, y1), (x2, y2), _ = ends(arrows["senior", "billing"])
    billing = nodes["billing"]
    assert x1 == senior.x and x2 == billing.x + billing.width
    assert billing.y < y2 < billing.y + billing.height

    # Within a column: out of the right side and back into it, through the gutter.
    (x1, y1), (x2, y2), channel = ends(arrows["senior", "auditor"])
    auditor = nodes["auditor"]
    assert x1 == x2 == senior.x + senior.width
    assert x1 < channel < manager.x
    assert y1 < senior.y + senior.height and auditor.y < y2
    # Every arrow runs at right angles.
    for edge in chart.edges:
        for (ax, ay), (bx, by) in straight_parts(edge):
            assert ax == bx or ay == by, edge.path


def test_arrows_on_one_side_of_a_box_are_spread_in_the_order_of_their_other_ends():
    chart = career_map(COLUMNS, LANES, ROLES, MOVES)
    nodes = by_key(chart)
    arrows = {(e.source, e.target): e for e in chart.edges}
    # The coder's right side: the arrows to the senior coder and the auditor leave it in the
    # order those boxes stand, at different heights.
    (_, to_senior), _, _ = ends(arrows["coder", "senior"])
    (_, to_auditor), _, _ = ends(arrows["coder", "auditor"])
    assert to_senior != to_auditor
    assert (to_senior < to_auditor) == (nodes["senior"].y < nodes["auditor"].y)


def test_the_moves_from_where_you_stand_are_highlighted_and_drawn_last():
    marked = [
        n.model_copy(update={"mark": {"coder": "here", "senior": "next"}.get(n.key, "")})
        for n in ROLES
    ]
    chart = career_map(COLUMNS, LANES, marked, MOVES)
    assert {(e.source, e.target) for e in chart.edges if e.highlight} == {
        ("coder", "senior"),
        ("coder", "auditor"),
    }
    assert chart.edges[-1].highlight  # on top of the others
    assert by_key(chart)["coder"].mark == "here"


def test_roles_and_moves_outside_the_map_are_left_out():
    stray = MapNodeSpec(key="ghost", label="Ghost", column="nowhere", lane="coding")
    moves = [*MOVES, MapEdgeSpec(source="coder", target="ghost", kind="promotion")]
    moves.append(MapEdgeSpec(source="coder", target="unknown", kind="pivot"))
    chart = career_map(COLUMNS, LANES, [*ROLES, stray], moves)
    assert "ghost" not in by_key(chart)
    assert len(chart.edges) == len(MOVES)


def test_an_empty_map_still_has_its_columns_and_lanes():
    chart = career_map(COLUMNS, LANES, [], [])
    assert chart.nodes == () and chart.edges == ()
    assert len(chart.columns) == 3 and len(chart.lanes) == 2
    assert chart.height > chart.header_height


# A busy map: every role of a column moving to every role of the next, within columns both
# ways, back to the first column, and past a whole column.
BUSY_ROLES = [
    MapNodeSpec(key=f"{column}-{lane}-{n}", label=f"Role {n}", column=column, lane=lane)
    for column in ("entry", "mid", "senior")
    for lane in ("coding", "alt")
    for n in range(2)
]


def busy_moves():
    by_column = {
        c: [r.key for r in BUSY_ROLES if r.column == c] for c in ("entry", "mid", "senior")
    }
    moves = []
    for a, b in (("entry", "mid"), ("mid", "senior")):
        moves += [
            MapEdgeSpec(source=s, target=t, kind="promotion")
            for s in by_column[a]
            for t in by_column[b]
        ]
    for keys in by_column.values():
        moves += [MapEdgeSpec(source=keys[0], target=k, kind="lateral") for k in keys[1:]]
        moves.append(MapEdgeSpec(source=keys[-1], target=keys[0], kind="lateral"))
    moves += [
        MapEdgeSpec(source=k, target=by_column["entry"][-1], kind="pivot") for k in by_column["mid"]
    ]
    moves.append(
        MapEdgeSpec(source=by_column["entry"][0], target=by_column["senior"][0], kind="pivot")
    )
    moves.append(
        MapEdgeSpec(source=by_column["senior"][-1], target=by_column["entry"][1], kind="pivot")
    )
    return moves


def test_on_a_busy_map_no_two_arrows_share_an_end_or_a_line_and_none_crosses_a_box():
    moves = busy_moves()
    chart = career_map(COLUMNS, LANES, BUSY_ROLES, moves)
    assert len(chart.edges) == len(moves)
    starts = [corners(e)[0] for e in chart.edges]
    ends_at = [e.end for e in chart.edges]
    assert [corners(e)[-1] for e in chart.edges] == ends_at
    assert len(set(ends_at)) == len(ends_at)  # each arrowhead at its own point
    assert not set(ends_at) & set(starts)  # and none where another arrow leaves
    parts = [(i, part) for i, e in enumerate(chart.edges) for part in straight_parts(e)]
    for n, (i, a) in enumerate(parts):
        for j, b in parts[n + 1 :]:
            assert i == j or not overlap(a, b), (chart.edges[i].path, chart.edges[j].path)
    for edge in chart.edges:
        for (ax, ay), (bx, by) in straight_parts(edge):
            for node in chart.nodes:
                inside_x = max(ax, bx) > node.x + 0.5 and min(ax, bx) < node.x + node.width - 0.5
                inside_y = max(ay, by) > node.y + 0.5 and min(ay, by) < node.y + node.height - 0.5
                assert not (inside_x and inside_y), (edge.source, edge.target, node.key)
    # The arrow past the middle column runs below every lane, then up into its target.
    past = next(
        e for e in chart.edges if e.source == "entry-coding-0" and e.target == "senior-coding-0"
    )
    lowest = max(y for _, y in corners(past))
    assert lowest > chart.lanes[-1].y + chart.lanes[-1].height
    assert chart.height > lowest
    # Gutters widen to give each arrow a channel of its own: no two share a vertical line.
    channels = {}
    for edge in chart.edges:
        for (ax, ay), (bx, by) in straight_parts(edge):
            if ax == bx and ay != by:
                channels.setdefault(ax, set()).add((edge.source, edge.target))
    assert all(len(users) == 1 for users in channels.values()), channels
    assert all(n.x + n.width <= chart.width for n in chart.nodes)


def test_the_layered_layout_orders_boxes_within_their_lanes():
    """grandalf's order may put a cell's boxes in another order than given, never outside
    their lane."""
    chart = career_map(COLUMNS, LANES, BUSY_ROLES, busy_moves())
    for node in chart.nodes:
        lane = next(lane for lane in chart.lanes if lane.key == node.lane)
        assert lane.y < node.y and node.y + node.height < lane.y + lane.height
