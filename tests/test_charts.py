"""careerpath.charts: the geometry the salary charts are drawn from (no database, no Django)."""

import pytest

from careerpath.charts import (
    BandSpec,
    Scale,
    SeriesSpec,
    band_chart,
    line_chart,
    nice_domain,
    nice_step,
    tier_chart,
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
