"""The figures as words: dollars, signed changes, percentiles. Registered as Jinja2 filters."""

from careerpath import charts


def dollars(value):
    """43490 -> $43,490, 109.50 -> $109.50 (cents only when there are some); blank stays blank
    (a figure with no source is never filled in)."""
    if value is None or value == "":
        return ""
    if value != int(value):
        return f"${value:,.2f}"
    return f"${int(value):,}"


def signed_dollars(value):
    """A change in dollars with its sign: +$6,490, minus $1,200 (a true minus sign), or none."""
    if value is None:
        return ""
    value = int(value)
    if value == 0:
        return "no change"
    sign = "+" if value > 0 else "\N{MINUS SIGN}"
    return f"{sign}${abs(value):,}"


def signed_percent(value):
    """A change in percent with its sign: +7.1 %, −0.4 % (a true minus sign), 0 %."""
    if value is None:
        return ""
    if value == 0:
        return "0\N{NO-BREAK SPACE}%"
    sign = "+" if value > 0 else "\N{MINUS SIGN}"
    return f"{sign}{abs(value)}\N{NO-BREAK SPACE}%"


def ordinal(value):
    """10 -> 10th, 50 -> median."""
    return charts.ordinal(value)


def dollars_cents(value):
    """24.59 -> $24.59."""
    if value is None or value == "":
        return ""
    return f"${float(value):,.2f}"


def thousands(value):
    """An Employment Projections figure in thousands as a count: 14.2 -> 14,200."""
    if value is None or value == "":
        return ""
    return f"{round(float(value) * 1000):,}"


def percentile_span(band):
    """A band's percentiles in words: "10th to 25th percentile", "25th percentile to the
    median", "median to 75th percentile"."""
    low, high = int(band.low_percentile), int(band.high_percentile)
    if high == 50:
        return f"{ordinal(low)} percentile to the median"
    return f"{ordinal(low)} to {ordinal(high)} percentile"
