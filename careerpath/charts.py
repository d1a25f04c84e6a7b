"""Chart geometry for charts drawn on the server: numbers in, coordinates out.

Pure Python and pydantic, no Django. A template draws what these functions return as inline
<svg> with presentation attributes and CSS classes only (a strict CSP allows no inline styles
and no scripts), so every chart here is a frozen model that keeps each value beside its
coordinates: the template labels and tabulates the same numbers it draws.

Coordinates are in SVG user units of a `width` x `height` viewBox; the page scales the whole
drawing. Three charts:
- `band_chart`: horizontal percentile bands on one dollar axis, with the median marked (the
  salary band of each career stage);
- `tier_chart`: the same drawing for "your band and the next tier's", your band highlighted
  (`plan_tier_chart` chooses those bands from a plan);
- `line_chart`: lines over evenly spaced categories (the wage trend, release by release).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict

if TYPE_CHECKING:
    from careerpath.planner import Plan

# Room for the text the template writes, in user units (font sizes are set in salaries.css).
LABEL_HEIGHT = 18  # one line of 13-unit text above a bar
TICK_LABEL_HEIGHT = 20  # tick labels under an axis
END_LABEL_GAP = 14  # the least vertical distance between two line-end labels


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


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


class BandBar(Frozen):
    label: str
    low: float
    high: float
    highlight: bool
    x: float
    y: float
    width: float
    height: float
    label_y: float  # baseline of the label line above the bar


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


def plan_tier_chart(plan: Plan) -> BandChart | None:
    """Your band beside each distinct band of the next tier; None when there is nothing to set
    side by side (no band of yours, or every next-tier band equals it)."""
    yours = plan.position.salary_band
    if yours is None:
        return None
    others: dict[tuple[int, int], str] = {}
    for next_role in plan.next_roles:
        band = next_role.salary_band
        if band and (band.low, band.high) != (yours.low, yours.high):
            others.setdefault((band.low, band.high), f"Next: {next_role.stage_name}")
    if not others:
        return None
    return tier_chart(
        BandSpec(label=f"You: {plan.position.stage_name}", low=yours.low, high=yours.high),
        [BandSpec(label=label, low=low, high=high) for (low, high), label in others.items()],
        median=yours.median,
    )


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
