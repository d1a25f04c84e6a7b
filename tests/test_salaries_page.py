"""/salaries/: every figure from the database with its source, bands computed, sortable states."""

import re
from html.parser import HTMLParser

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from careerpath import catalog as catalog_cache
from salaries.models import Release, WageEstimate
from tests.factories import AreaFactory, ReleaseFactory, WageEstimateFactory

pytestmark = pytest.mark.django_db

URL = "/salaries/"


class TableReader(HTMLParser):
    """The text of each row of the <table class="…"> asked for, cell by cell."""

    def __init__(self, css_class):
        super().__init__()
        self.css_class, self.depth, self.rows, self.cell = css_class, 0, [], None

    def handle_starttag(self, tag, attrs):
        if tag == "table" and self.css_class in (dict(attrs).get("class") or "").split():
            self.depth = 1
        elif self.depth and tag == "tr":
            self.rows.append([])
        elif self.depth and tag in ("td", "th"):
            self.cell = []

    def handle_endtag(self, tag):
        if self.depth and tag in ("td", "th") and self.cell is not None:
            self.rows[-1].append(" ".join("".join(self.cell).split()))
            self.cell = None
        elif self.depth and tag == "table":
            self.depth = 0

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)


def table(html, css_class):
    reader = TableReader(css_class)
    reader.feed(html)
    return reader.rows


def without_charts(html):
    return re.sub(r"<svg.*?</svg>", "", html, flags=re.S)


def edit(rows, **fields):
    """Change rows as the admin and the importers do: a queryset's update sends no signal, so
    mark the catalog changed the way their saves do."""
    rows.update(**fields)
    catalog_cache.bump()


def current_national_row():
    return WageEstimate.objects.national().filter(
        release__year=2025, occupation__soc_code="29-2072"
    )


def page(client, query=""):
    response = client.get(URL + query)
    assert response.status_code == 200, response.content.decode()[:2000]
    return response.content.decode()


def test_the_page_shows_the_current_release_with_its_source(client, catalog):
    html = page(client)
    assert html.count("<h1") == 1
    title = "Salaries of medical records specialists, OEWS May 2025 · Careerpath"
    assert f"<title>{title}</title>" in html
    assert table(html, "figures") == [
        ["Measure", "Annual", "Hourly"],
        ["10th percentile", "$37,000", "$17.79"],
        ["25th percentile", "$43,490", "$20.91"],
        ["Median", "$51,140", "$24.59"],
        ["75th percentile", "$64,820", "$31.17"],
        ["90th percentile", "$81,150", "$39.01"],
        ["Mean", "$56,790", "$27.30"],
    ]
    assert "<strong>194,720</strong> wage and salary jobs" in html
    assert "BLS OEWS national_M2025_dl.xlsx, OCC_CODE 29-2072" in html
    assert "Reference period: May 2025. Status: Official file." in html
    assert "the median of all occupations in May 2025 was $50,980 a year ($24.51 an hour)" in html
    assert 'href="/plan/"' in html


def test_the_stage_bands_are_computed_from_the_current_release(client, catalog):
    html = page(client)
    assert table(html, "stage-bands")[1:] == [
        ["Entry-level (0-2 years)", "10th-25th", "$37,000 - $43,490"],
        ["Mid-career (3-6 years)", "25th-75th", "$43,490 - $64,820"],
        ["Senior/Management (7+ years)", "75th-90th", "$64,820 - $81,150"],
    ]
    assert "Find your stage in the planner" in html


def test_may_2024_reproduces_the_source_articles_table(client, catalog):
    html = page(client, "?release=2024")
    assert table(html, "stage-bands") == [
        ["Career Stage", "Approximate Percentile", "Annual Salary"],
        ["Entry-level (0-2 years)", "10th-25th", "$35,780 - $41,600"],
        ["Mid-career (3-6 years)", "25th-75th", "$41,600 - $64,070"],
        ["Senior/Management (7+ years)", "75th-90th", "$64,070 - $80,950"],
    ]
    assert "Median $50,250, mean $55,970 (May 2024)." in html
    assert "You are looking at <strong>May 2024</strong>, not the current release." in html
    assert '<a href="/salaries/">See May 2025</a>' in html
    assert '<option value="2024" selected>May 2024</option>' in html


def test_the_stage_band_chart_draws_each_band_and_the_median(client, catalog):
    html = page(client, "?release=2024")
    svg = re.search(r'<svg class="chart band-chart".*?</svg>', html, re.S).group()
    assert 'role="img"' in svg and 'aria-labelledby="band-chart-title band-chart-desc"' in svg
    assert "Entry-level: $35,780 to $41,600. Mid-career: $41,600 to $64,070." in svg
    assert "Median of the occupation: $50,250." in svg
    assert svg.count('<rect class="band"') == 3
    assert "Median $50,250</text>" in svg


def test_the_occupations_coders_move_into_side_by_side(client, catalog):
    html = page(client)
    rows = table(html, "occupations")
    assert rows[0] == [
        "Occupation (SOC)",
        "Roles priced on it",
        "Employment",
        "10th",
        "25th",
        "Median",
        "75th",
        "90th",
    ]
    national = WageEstimate.objects.national().filter(release__year=2025)
    managers = national.get(occupation__soc_code="11-9111")
    assert rows[1] == [
        "Medical and Health Services Managers (11-9111)",
        "Director of Health Information Management (HIM) (25th percentile to the median); "
        "Revenue Cycle Director (median to 75th percentile); Healthcare Administrator (10th to "
        "25th percentile)",
        f"{managers.employment:,}",
        *(f"${managers.annual(p):,}" for p in (10, 25, 50, 75, 90)),
    ]
    assert [row[0] for row in rows[1:]] == [
        "Medical and Health Services Managers (11-9111)",
        "Compliance Officers (13-1041)",
        "Computer Systems Analysts (15-1211)",
        "Health Information Technologists and Medical Registrars (29-9021)",
        "Billing and Posting Clerks (43-3021)",
    ]
    svg = re.search(r'<svg class="chart band-chart"[^>]*occupation-chart.*?</svg>', html, re.S)
    drawing = svg.group()
    assert drawing.count('<rect class="band') == 6 and drawing.count('<line class="mark"') == 6
    assert (
        f"Medical and Health Services Managers (SOC 11-9111): ${managers.a_pct10:,} to "
        f"${managers.a_pct90:,}, median ${managers.a_median:,}." in drawing
    )


def test_each_occupation_has_its_history_release_by_release(client, catalog):
    html = page(client, "?release=2022")
    assert "The occupations coders move into, May 2022" in html
    histories = re.findall(r'<table class="occupation-history".*?</table>', html, re.S)
    assert len(histories) == 5
    compliance = table(histories[1], "occupation-history")
    stored = WageEstimate.objects.national().filter(occupation__soc_code="13-1041")
    assert [row[0] for row in compliance[1:]] == [f"May {y}" for y in range(2021, 2026)]
    may_2021 = stored.get(release__year=2021)
    assert compliance[1][1:] == [
        f"{may_2021.employment:,}",
        f"${may_2021.a_pct10:,}",
        f"${may_2021.a_median:,}",
        f"${may_2021.a_pct90:,}",
        f"${may_2021.a_mean:,}",
    ]
    assert '<tr class="is-selected"><th scope="row">May 2022</th>' in histories[1]


def test_a_stage_band_with_an_unpublished_percentile_says_so(client, catalog):
    edit(current_national_row(), a_pct90=None, h_pct90=None)
    html = page(client)
    assert table(html, "stage-bands")[3] == [
        "Senior/Management (7+ years)",
        "75th-90th",
        "not published",
    ]
    assert ["90th percentile", "not published", "not published"] in table(html, "figures")
    assert "$0" not in without_charts(html)  # an axis may start at $0; a figure never does


def test_a_top_coded_percentile_shows_the_top_code_of_its_release(client, catalog):
    national = WageEstimate.objects.national().filter(occupation__soc_code="29-2072")
    edit(national.filter(release__year=2024), top_coded=["a_pct90", "h_pct90"])
    assert ["90th percentile", "$239,200 or more", "$115.00 or more"] in table(
        page(client, "?release=2024"), "figures"
    )
    # May 2025 has no top code (its file marks no wage with #): nothing is "or more".
    edit(current_national_row(), top_coded=["a_pct90"])
    assert ["90th percentile", "$81,150", "$39.01"] in table(page(client), "figures")


def test_unpublished_hourly_figures_say_not_published(client, catalog):
    national = WageEstimate.objects.national().filter(occupation__soc_code="29-2072")
    edit(national.filter(release__year=2021), h_pct10=None, h_mean=None)
    html = page(client, "?release=2021")
    rows = table(html, "figures")
    assert rows[1] == ["10th percentile", "$29,430", "not published"]
    assert rows[-1] == ["Mean", "$48,310", "not published"]
    assert "$0" not in without_charts(html)  # an axis may start at $0; a figure never does


def test_the_trend_table_and_chart_cover_every_release(client, catalog):
    html = page(client)
    assert table(html, "trend") == [
        ["Release", "10th", "Median", "90th", "Employment"],
        ["May 2021", "$29,430", "$46,660", "$74,200", "180,570"],
        ["May 2022", "$31,710", "$47,180", "$75,460", "187,720"],
        ["May 2023", "$35,080", "$48,780", "$77,810", "185,690"],
        ["May 2024", "$35,780", "$50,250", "$80,950", "187,910"],
        ["May 2025 (shown)", "$37,000", "$51,140", "$81,150", "194,720"],
    ]
    svg = re.search(r'<svg class="chart trend-chart".*?</svg>', html, re.S).group()
    assert 'role="img"' in svg and '<title id="trend-chart-title">' in svg
    assert svg.count('<path class="line') == 3
    assert svg.count('<circle class="point') == 15
    assert "Median: $46,660 in May 2021, $47,180 in May 2022" in svg
    assert 'href="?release=2021"' in html


def test_the_sector_table_is_sorted_by_employment_with_unpublished_last(client, catalog):
    html = page(client)  # May 2025 has no sector file: the latest breakdown, May 2024, is shown
    assert (
        "No sector breakdown is held for May 2025: this is the most recent one, May 2024." in html
    )
    rows = table(html, "sectors")
    assert rows[0] == [
        "Sector (NAICS)",
        "Employment",
        "10th",
        "25th",
        "Median",
        "75th",
        "90th",
        "Mean",
        "Median hourly",
        "Error (employment / mean)",
    ]
    assert len(rows) == 1 + 13
    assert rows[1][:3] == ["Health Care and Social Assistance (62)", "122,640", "$35,330"]
    assert rows[1][-2:] == ["$23.41", "1.1% / 0.5%"]
    assert rows[-2][:2] == ["Manufacturing (31)", "100"]
    assert rows[-1] == [
        "Real Estate and Rental and Leasing (53)",
        "not published",
        "$36,740",
        "$47,950",
        "$50,890",
        "$59,480",
        "$74,300",
        "$56,650",
        "$24.47",
        "not published / 6.1%",
    ]


def test_a_release_with_its_own_sector_file_shows_its_own_sectors(client, catalog):
    html = page(client, "?release=2022")
    assert "Medical records specialists by NAICS sector, OEWS May 2022" in html
    assert "No sector breakdown is held" not in html
    rows = table(html, "sectors")[1:]
    stored = WageEstimate.objects.filter(
        release__year=2022, occupation__soc_code="29-2072", industry__group="sector"
    )
    assert len(rows) == stored.count() > 0
    biggest = stored.order_by("-employment").first()
    assert rows[0][:2] == [
        f"{biggest.industry.title} ({biggest.industry.naics})",
        f"{biggest.employment:,}",
    ]


@pytest.mark.parametrize(
    ("query", "first", "last", "header"),
    [
        ("", ["Alabama", "$42,970", "$20.66"], ["Wyoming", "$54,180", "$26.05"], "State"),
        (
            "?sort=state&dir=desc",
            ["Wyoming", "$54,180", "$26.05"],
            ["Alabama", "$42,970", "$20.66"],
            "State",
        ),
        (
            "?sort=mean&dir=desc",
            ["District of Columbia", "$70,900", "$34.09"],
            ["Puerto Rico", "$26,120", "$12.56"],
            "Annual mean",
        ),
        (
            "?sort=mean&dir=asc",
            ["Puerto Rico", "$26,120", "$12.56"],
            ["District of Columbia", "$70,900", "$34.09"],
            "Annual mean",
        ),
        (
            "?sort=hourly",
            ["District of Columbia", "$70,900", "$34.09"],
            ["Puerto Rico", "$26,120", "$12.56"],
            "Hourly mean",
        ),
    ],
)
def test_the_state_means_sort_without_javascript(client, catalog, query, first, last, header):
    html = page(client, query)
    rows = table(html, "states")
    assert len(rows) == 1 + 54
    assert rows[1][:3] == first and rows[-1][:3] == last
    assert rows[1][5] == "Secondary source"
    assert re.search(rf'<th scope="col"[^>]*aria-sort="\w+"><a [^>]*>{header}<', html)
    assert html.count("aria-sort=") == 1


def test_the_state_headers_link_to_the_next_order_and_keep_the_release(client, catalog):
    html = page(client, "?release=2024&sort=mean&dir=desc")
    assert 'href="?release=2024&amp;sort=mean&amp;dir=asc#state-means"' in html
    assert 'href="?release=2024&amp;sort=state&amp;dir=asc#state-means"' in html
    assert 'href="?release=2024&amp;sort=hourly&amp;dir=desc#state-means"' in html


def test_the_state_table_is_labelled_as_means_from_a_secondary_source(client, catalog):
    html = page(client)
    assert "Mean pay by state, May 2023" in html
    assert "These are <strong>means</strong>" in html
    assert "national mean ($53,690 in May 2023)" in html
    assert "Secondary source: these state figures" in html


@pytest.mark.parametrize(
    ("query", "message"),
    [
        (
            "?sort=median",
            "The state table sorts by state, mean, hourly, parity or national (the mean at "
            "national-average prices); “median” is not one",
        ),
        ("?sort=mean&dir=up", "The direction is asc or desc, not “up”."),
        ("?release=1999", "There is no OEWS release “1999”"),
        ("?release=latest", "There is no OEWS release “latest”"),
    ],
)
def test_a_bad_query_is_a_400_that_says_what_is_wrong(client, catalog, query, message):
    response = client.get(URL + query)
    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    assert html.count("<h1") == 1
    assert "<title>Salaries: this address could not be read · Careerpath</title>" in html
    assert '<a href="?release=2025">May 2025</a> (current)' in html


def test_a_release_without_figures_says_not_published(client, catalog):
    ReleaseFactory(year=2031, reference_period="May 2031")
    html = page(client, "?release=2031")
    assert "BLS published no national figures" in html
    entry = table(html, "stage-bands")[1]
    assert entry == ["Entry-level (0-2 years)", "10th-25th", "not published"]
    assert "band-chart" not in html


def test_an_empty_database_still_renders(client, db):
    html = page(client)
    assert "No wage figures have been loaded yet" in html


def test_the_projections_and_why_their_employment_differs(client, catalog):
    html = page(client)
    assert table(html, "projection") == [
        ["Employment, 2024", "194.8 thousand"],
        ["Employment, 2034", "208.6 thousand"],
        ["Change, 2024-34", "+13.8 thousand"],
        ["Growth", "+7.1%"],
        ["Openings a year (average)", "14.2 thousand"],
    ]
    assert "National Employment Matrix, which includes self-employed workers (0.8% in 2024)" in html
    assert "OEWS employment counts wage and salary jobs only (187,910 in May 2024)" in html


def test_the_page_keeps_to_the_content_security_policy(client, catalog):
    response = client.get(URL)
    html = response.content.decode()
    assert "style=" not in html
    assert not re.search(r"<script(?![^>]*\bsrc=)", html)  # no inline script
    assert re.search(r'<link rel="stylesheet" href="/static/salaries/salaries[.\w]*\.css">', html)
    assert "default-src 'none'" in response["Content-Security-Policy"]


def count_queries(client, *, cold):
    if cold:
        catalog_cache.forget()  # the request reads the whole catalog, as after an edit
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL + "?sort=mean&dir=desc")
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_the_number_of_queries_does_not_grow_with_the_rows(client, catalog):
    cold_before, _ = count_queries(client, cold=True)
    warm_before, _ = count_queries(client, cold=False)
    may_2023 = Release.objects.get(year=2023)
    for i in range(200):
        area = AreaFactory(code=f"T{i:03}", title=f"Test state {i:03}", kind="state")
        WageEstimateFactory(release=may_2023, area=area, a_mean=80000 + i, h_mean="40.00")
    cold_after, html = count_queries(client, cold=True)
    warm_after, _ = count_queries(client, cold=False)
    assert len(table(html, "states")) == 1 + 54 + 200
    assert table(html, "states")[1][:2] == ["Test state 199", "$80,199"]
    assert (cold_after, warm_after) == (cold_before, warm_before)


def test_the_tables_are_read_once_per_release_and_catalog_version(
    client, catalog, settings, django_assert_num_queries
):
    settings.CATALOG_CACHE_SECONDS = 3600  # the catalog stays in memory: count only the page's
    catalog_cache.current()
    # releases, the stages' occupation, the occupations moved into, national rows (every
    # occupation at once), sectors, states, the states' price parities, projection
    with django_assert_num_queries(8):
        assert client.get(URL).status_code == 200
    # Another sort of the same release is drawn from the tables already read.
    with django_assert_num_queries(0):
        assert client.get(URL + "?sort=hourly&dir=asc").status_code == 200
    # Another release reads its own tables (the list of releases is shared).
    with django_assert_num_queries(7):
        assert client.get(URL + "?release=2023").status_code == 200
    # An edit changes the catalog's version: the next page shows it at once.
    edit(current_national_row(), a_mean=99999)
    settings.CATALOG_CACHE_SECONDS = 0
    assert table(page(client), "figures")[-1][:2] == ["Mean", "$99,999"]


def test_a_repeat_visit_gets_a_304_until_the_catalog_changes(client, catalog):
    first = client.get(URL + "?release=2023&sort=mean&dir=asc")
    assert "public" in first["Cache-Control"] and "max-age=" in first["Cache-Control"]
    tag = first["ETag"]
    again = client.get(URL + "?sort=mean&dir=asc&release=2023", headers={"if-none-match": tag})
    assert again.status_code == 304  # the same answers in another order are the same page
    assert client.get(URL + "?release=2024", headers={"if-none-match": tag}).status_code == 200
    edit(current_national_row(), a_mean=99999)
    changed = client.get(URL + "?release=2023&sort=mean&dir=asc", headers={"if-none-match": tag})
    assert changed.status_code == 200 and changed["ETag"] != tag
