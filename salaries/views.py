from dataclasses import dataclass
from decimal import Decimal
from urllib.parse import urlencode

from django.db.models import F, Subquery
from django.shortcuts import render
from django.views.decorators.http import require_safe

from careerpath import catalog, charts, planner
from catalog_rows import FactStatus
from salaries.forms import ASCENDING, DESCENDING, ExplorerForm
from salaries.models import (
    ANNUAL_PERCENTILES,
    HOURLY_PERCENTILES,
    Area,
    Occupation,
    Projection,
    Release,
    WageEstimate,
)

TEMPLATE = "salaries/explorer.html"
ALL_OCCUPATIONS = "00-0000"  # BLS's code for the all-occupations total, the comparison row
TREND_SERIES = ((90, "90th"), (50, "Median"), (10, "10th"))  # top to bottom, as the lines run
# The state table's sortable columns: the field each sorts on and its header.
STATE_COLUMNS = {
    "state": ("area__title", "State"),
    "mean": ("a_mean", "Annual mean"),
    "hourly": ("h_mean", "Hourly mean"),
}


@dataclass(frozen=True)
class Figure:
    """One percentile (or the mean) of a row, annual and hourly; None: not published."""

    percentile: int | None  # None: the mean
    annual: int | None
    hourly: Decimal | None
    annual_top_coded: bool = False
    hourly_top_coded: bool = False


@dataclass(frozen=True)
class SortLink:
    key: str
    label: str
    href: str
    aria_sort: str  # "ascending", "descending" or "" for a column the table is not sorted by


@require_safe
def explorer(request):
    releases = list(Release.objects.filter(survey=Release.Survey.OEWS).order_by("year"))
    form = ExplorerForm(request.GET, releases=releases)
    if not form.is_valid():
        # A hand-edited address: say what was wrong and link to the pages that exist.
        return render(request, TEMPLATE, {"form": form, "releases": releases}, status=400)
    year = form.cleaned_data["release"]
    current = next((r for r in releases if r.is_current), None)
    release = next((r for r in releases if r.year == year), None) if year else current
    occupation = Occupation.objects.described_by_roles().first()
    context = {
        "form": form,
        "releases": releases,
        "release": release,
        "current_release": current,
        "occupation": occupation,
    }
    if release and occupation:
        context |= national_figures(occupation, release)
        context |= breakdowns(occupation, form.cleaned_data, year, context["trend"])
    return render(request, TEMPLATE, context)


def national_figures(occupation, release):
    """The national rows of every release: the chosen one's percentiles, bands and the trend."""
    rows = list(
        WageEstimate.objects.national()
        .filter(occupation__soc_code__in=[occupation.soc_code, ALL_OCCUPATIONS])
        .filter(release__survey=release.survey)
        .select_related("release")
        .order_by("release__year")
    )
    trend = [r for r in rows if r.occupation_id == occupation.pk]
    estimate = next((r for r in trend if r.release_id == release.pk), None)
    everyone = next(
        (r for r in rows if r.release_id == release.pk and r.occupation_id != occupation.pk),
        None,
    )
    wages = catalog.wage_distribution(estimate, occupation) if estimate else None
    bands = planner.stage_bands(catalog.current(), wages)
    return {
        "estimate": estimate,
        "all_occupations": everyone,
        "figures": figures(estimate) if estimate else [],
        "stage_bands": bands,
        "band_chart": stage_band_chart(bands, estimate.a_median if estimate else None),
        "trend": trend,
        "trend_statuses": statuses(trend),
        "trend_chart": trend_chart(trend),
    }


def stage_band_chart(bands, median):
    drawn = [b for b in bands if b.band]
    if not drawn:
        return None
    specs = [charts.BandSpec(label=b.stage.name, low=b.band.low, high=b.band.high) for b in drawn]
    return charts.band_chart(specs, median)


def trend_chart(trend):
    if not trend:
        return None
    return charts.line_chart(
        [row.release.reference_period for row in trend],
        [
            charts.SeriesSpec(name=name, values=tuple(row.annual(p) for row in trend))
            for p, name in TREND_SERIES
        ],
    )


def breakdowns(occupation, query, year, trend):
    """Industry sectors, states and projections, each from the latest release that has them."""
    sectors = latest(
        WageEstimate.objects.filter(
            occupation=occupation, area__kind=Area.Kind.NATIONAL, industry__group="sector"
        )
    ).order_by(F("employment").desc(nulls_last=True), "industry__naics")
    sectors = list(sectors.select_related("release", "industry"))
    states = latest(
        WageEstimate.objects.filter(
            occupation=occupation,
            area__kind__in=[Area.Kind.STATE, Area.Kind.TERRITORY],
            industry__naics="000000",
        )
    )
    states = list(
        state_order(states, query["sort"], query["dir"]).select_related("release", "area")
    )
    projection = Projection.objects.filter(occupation=occupation, is_current=True).first()
    national = {row.release.year: row for row in trend}
    return {
        "sectors": sectors,
        "sector_sources": sorted({s.source for s in sectors}),
        "sector_statuses": statuses(sectors),
        "states": states,
        "state_sources": sorted({s.source for s in states}),
        "state_statuses": statuses(states),
        "state_secondary": any(s.status == FactStatus.SECONDARY for s in states),
        "state_sort_links": sort_links(query, year),
        "state_national": national.get(states[0].release.year) if states else None,
        "projection": projection,
        # The OEWS count of the projections' base year, to show the two measure different things.
        "projection_oews": national.get(projection.base_year) if projection else None,
    }


def statuses(rows):
    """How well the rows are sourced, each label once: "Official file", "Secondary source"."""
    return list(dict.fromkeys(row.get_status_display() for row in rows))


def latest(estimates):
    """The estimates of the latest release among them (one query, whatever their number)."""
    newest = estimates.order_by("-release__year").values("release__year")[:1]
    return estimates.filter(release__year=Subquery(newest))


def state_order(states, sort, direction):
    column = F(STATE_COLUMNS[sort][0])
    # Unpublished means stay at the bottom in both directions.
    ordered = (
        column.desc(nulls_last=True) if direction == DESCENDING else column.asc(nulls_last=True)
    )
    return states.order_by(ordered, "area__title")


def sort_links(query, year):
    """Header links of the state table: the sorted column flips, the others start afresh."""
    links = []
    for key, first in ExplorerForm.STATE_SORTS.items():
        current = query["sort"] == key
        direction = first
        if current:
            direction = ASCENDING if query["dir"] == DESCENDING else DESCENDING
        params = ([("release", year)] if year else []) + [("sort", key), ("dir", direction)]
        links.append(
            SortLink(
                key=key,
                label=STATE_COLUMNS[key][1],
                href="?" + urlencode(params) + "#state-means",
                aria_sort=(
                    ("ascending" if query["dir"] == ASCENDING else "descending") if current else ""
                ),
            )
        )
    return links


def figures(estimate):
    """The percentiles and the mean of one row, as the percentile table lists them."""
    rows = [
        Figure(
            percentile=p,
            annual=estimate.annual(p),
            hourly=estimate.hourly(p),
            annual_top_coded=ANNUAL_PERCENTILES[p] in estimate.top_coded,
            hourly_top_coded=HOURLY_PERCENTILES[p] in estimate.top_coded,
        )
        for p in planner.PERCENTILES
    ]
    mean = Figure(
        percentile=None,
        annual=estimate.a_mean,
        hourly=estimate.h_mean,
        annual_top_coded="a_mean" in estimate.top_coded,
        hourly_top_coded="h_mean" in estimate.top_coded,
    )
    return [*rows, mean]
