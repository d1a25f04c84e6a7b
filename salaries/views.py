from dataclasses import dataclass, field
from decimal import Decimal
from urllib.parse import urlencode

from django.db.models import F, Q, Subquery
from django.shortcuts import render
from django.views.decorators.http import etag, require_safe

from careerpath import catalog, charts, planner
from careerpath.http_cache import answer_etag, cached_answer, query_pairs
from catalog_rows import FactStatus
from salaries.bls import ALL_OCCUPATIONS
from salaries.forms import ASCENDING, DESCENDING, ExplorerForm
from salaries.models import (
    ANNUAL_PERCENTILES,
    HOURLY_PERCENTILES,
    Area,
    Occupation,
    PriceParity,
    Projection,
    Release,
    WageEstimate,
    oews_source,
    oews_source_file,
)

TEMPLATE = "salaries/explorer.html"
TREND_SERIES = ((90, "90th"), (50, "Median"), (10, "10th"))  # top to bottom, as the lines run
# The state table's sortable columns: the figure each sorts on and its header.
STATE_COLUMNS = {
    "state": (lambda row: row.area.title, "State"),
    "mean": (lambda row: row.a_mean, "Annual mean"),
    "hourly": (lambda row: row.h_mean, "Hourly mean"),
    "parity": (lambda row: row.price_parity, "Price parity"),
    "national": (lambda row: row.national_prices_mean, "Mean at national prices"),
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
class OccupationFigures:
    """An occupation coders move into: the chosen release's row, every release's, its roles."""

    occupation: Occupation
    estimate: WageEstimate | None
    history: list[WageEstimate]
    roles: tuple[planner.RolePay, ...]

    @property
    def figures(self) -> list[Figure]:
        """The chosen release's percentiles (no mean), as the table's cells show them."""
        return figures(self.estimate)[:-1] if self.estimate else []


@dataclass(frozen=True)
class SortLink:
    key: str
    label: str
    href: str
    aria_sort: str  # "ascending", "descending" or "" for a column the table is not sorted by


@dataclass
class SalaryTables:
    """What the page draws, derived from the rows of one catalog version: the OEWS releases,
    and for each release asked for, its tables (the state table in no particular order). An edit
    in the admin changes the catalog's version, so it shows at once; the tables kept are at most
    one per release, however many addresses are asked for."""

    version: str
    releases: list[Release]
    by_release: dict[int | None, dict] = field(default_factory=dict)

    def of(self, year: int | None) -> dict:
        """The tables of the release `year` (None: the current one), read on first use."""
        tables = self.by_release.get(year)
        if tables is None:
            tables = self.by_release[year] = release_tables(self.releases, year)
        return tables


_kept: SalaryTables | None = None


@catalog.on_reload
def _drop_tables():
    """A process that drops or replaces its catalog drops the tables drawn from it too."""
    global _kept
    _kept = None


def salary_tables() -> SalaryTables:
    """This catalog version's tables: read anew after any change of the catalog."""
    global _kept
    version = catalog.current().version
    kept = _kept
    if kept is None or kept.version != version:
        releases = list(Release.objects.filter(survey=Release.Survey.OEWS).order_by("year"))
        kept = _kept = SalaryTables(version=version, releases=releases)
    return kept


def explorer_version(request) -> str:
    """The page's ETag: the catalog's version and the query as sent (its pairs sorted)."""
    return answer_etag(catalog.current().version, "salaries", query_pairs(request))


@require_safe
@cached_answer()
@etag(explorer_version)
def explorer(request):
    tables = salary_tables()
    form = ExplorerForm(request.GET, releases=tables.releases)
    if not form.is_valid():
        # A hand-edited address: say what was wrong and link to the pages that exist.
        return render(request, TEMPLATE, {"form": form, "releases": tables.releases}, status=400)
    query = form.cleaned_data
    context = {"form": form, **tables.of(query["release"])}
    if "states" in context:
        context["states"] = state_order(context["states"], query["sort"], query["dir"])
        context["state_sort_links"] = sort_links(query, query["release"])
    return render(request, TEMPLATE, context)


def release_tables(releases: list[Release], year: int | None) -> dict:
    """The page's tables for the release `year` (None: the current one), in a fixed number of
    queries."""
    current = next((r for r in releases if r.is_current), None)
    release = next((r for r in releases if r.year == year), None) if year else current
    occupation = Occupation.objects.of_stages().first()
    tables = {
        "releases": releases,
        "release": release,
        "current_release": current,
        "occupation": occupation,
    }
    if release and occupation:
        moved_into = list(Occupation.objects.moved_into())
        tables |= national_figures(occupation, moved_into, release)
        tables |= breakdowns(occupation, release, tables["trend"])
    return tables


def national_figures(occupation, moved_into, release):
    """The national rows of every release (one query): the chosen release's percentiles, the
    stage bands and the trend, and the same for each occupation coders move into."""
    rows = list(
        WageEstimate.objects.national()
        .filter(
            Q(occupation__in=[occupation, *moved_into]) | Q(occupation__soc_code=ALL_OCCUPATIONS),
            release__survey=release.survey,
        )
        .select_related("release", "occupation")
        .order_by("release__year")
    )
    by_occupation: dict[int, list[WageEstimate]] = {}
    for row in rows:
        by_occupation.setdefault(row.occupation_id, []).append(row)
    trend = by_occupation.get(occupation.pk, [])
    estimate = in_release(trend, release)
    everyone = next(
        (
            row
            for row in rows
            if row.release_id == release.pk and row.occupation.soc_code == ALL_OCCUPATIONS
        ),
        None,
    )
    wages = catalog.wage_distribution(estimate, occupation) if estimate else None
    current = catalog.current()
    bands = planner.stage_bands(current, wages)
    roles = planner.roles_by_occupation(current)
    others = [
        OccupationFigures(
            occupation=other,
            estimate=in_release(by_occupation.get(other.pk, []), release),
            history=by_occupation.get(other.pk, []),
            roles=roles.get(other.soc_code, ()),
        )
        for other in moved_into
    ]
    drawn = occupation_rows(estimate, others)
    return {
        "estimate": estimate,
        "all_occupations": everyone,
        "figures": figures(estimate) if estimate else [],
        "stage_bands": bands,
        "band_chart": stage_band_chart(bands, estimate.a_median if estimate else None),
        "trend": trend,
        "trend_statuses": statuses(trend),
        "trend_chart": trend_chart(trend),
        "moved_into": others,
        "occupation_chart_rows": drawn,
        "occupation_chart": occupation_chart(drawn, estimate),
        "occupation_source": occupation_source(others),
    }


def occupation_source(others) -> str:
    """One source line for the occupations' rows of a release: the file and the codes read."""
    codes = [o.occupation.soc_code for o in others if o.estimate]
    files = sorted({oews_source_file(o.estimate.source) for o in others if o.estimate})
    return (
        oews_source("; ".join(files).removeprefix("BLS OEWS "), ", ".join(codes)) if codes else ""
    )


def in_release(rows, release):
    return next((row for row in rows if row.release_id == release.pk), None)


def occupation_rows(estimate, others):
    """The rows the occupations' chart draws: the coders' own first, then each moved into,
    leaving out any without a published 10th, median and 90th percentile."""
    rows = [estimate, *(o.estimate for o in others)]
    return [r for r in rows if r and None not in (r.a_pct10, r.a_median, r.a_pct90)]


def occupation_chart(rows, estimate):
    """Each occupation's 10th to 90th percentile on one dollar axis, its median marked."""
    specs = [
        charts.BandSpec(
            label=f"{row.occupation.soc_code} {short(row.occupation.title)}",
            low=row.a_pct10,
            high=row.a_pct90,
            mark=row.a_median,
            highlight=row is estimate,
        )
        for row in rows
    ]
    return charts.band_chart(specs, width=480) if len(specs) > 1 else None


def short(title: str, length: int = 28) -> str:
    """A chart label short enough for its line (the table and the description give it whole)."""
    return title if len(title) <= length else title[: length - 1].rstrip() + "…"


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


def breakdowns(occupation, release, trend):
    """Industry sectors (of the chosen release when it has them), states and projections, each
    from the latest release that has them."""
    by_sector = list(
        WageEstimate.objects.filter(
            occupation=occupation, area__kind=Area.Kind.NATIONAL, industry__group="sector"
        )
        .order_by(F("employment").desc(nulls_last=True), "industry__naics")
        .select_related("release", "industry")
    )
    newest = max((row.release.year for row in by_sector), default=None)
    sectors = [row for row in by_sector if row.release_id == release.pk] or [
        row for row in by_sector if row.release.year == newest
    ]
    states = latest(
        WageEstimate.objects.filter(
            occupation=occupation,
            area__kind__in=[Area.Kind.STATE, Area.Kind.TERRITORY],
            industry__naics="000000",
        )
    )
    states = list(states.select_related("release", "area").order_by("area__title"))
    # BEA's parity of each state in the year of its means, when one is held (none is invented).
    year = states[0].release.year if states else None
    parities = {p.area_id: p for p in PriceParity.objects.filter(year=year)}
    for row in states:
        parity = parities.get(row.area_id)
        row.price_parity = parity.all_items if parity else None
        row.national_prices_mean = planner.at_national_prices(row.a_mean, row.price_parity)
    projection = Projection.objects.filter(occupation=occupation, is_current=True).first()
    national = {row.release.year: row for row in trend}
    return {
        "sectors": sectors,
        "sector_sources": sorted({s.source for s in sectors}),
        "sector_statuses": statuses(sectors),
        "states": states,
        "state_sources": sorted({s.source for s in states}),
        "parity_sources": sorted(
            {parities[s.area_id].source for s in states if s.price_parity is not None}
        ),
        "parity_year": year if any(s.price_parity is not None for s in states) else None,
        "state_statuses": statuses(states),
        "state_secondary": any(s.status == FactStatus.SECONDARY for s in states),
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
    """The state rows by a column, then by state; unpublished means stay at the bottom in both
    directions."""
    figure = STATE_COLUMNS[sort][0]
    by_state = sorted(states, key=lambda row: row.area.title)
    published = [row for row in by_state if figure(row) is not None]
    ordered = sorted(published, key=figure, reverse=direction == DESCENDING)
    return ordered + [row for row in by_state if figure(row) is None]


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
