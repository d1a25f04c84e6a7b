"""Pay where you live (issue 23): a state's May 2023 mean for 29-2072 beside the national band,
and what it buys at national-average prices (BEA's price parity of the same year), through the
planner page, the API, the share link and the salaries page, against the shipped catalog."""

import re
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.test import Client

from careerpath import catalog as catalog_cache
from careerpath.models import SharedPlan
from salaries.models import PriceParity, WageEstimate

from .test_salaries_page import table

pytestmark = pytest.mark.django_db

QUERY = "role=medical-coder-i&years=2&cert=cpc"
# DATA_SOURCES.md section 10 states this one: "$64,070 in California buys what $56,910 buys".
CALIFORNIA_CROSS_CHECK = 56_910


def state_mean(fips):
    return WageEstimate.objects.get(
        occupation__soc_code="29-2072", area__code=fips, industry__naics="000000"
    )


def parity(fips, year=2023):
    return PriceParity.objects.get(area__code=fips, year=year)


def at_national_prices(mean, all_items):
    """The figure worked out by hand from the stored rows: mean / (parity / 100), whole dollars."""
    return int((Decimal(mean) / (all_items / 100)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def dollars(value):
    return f"${value:,}"


def api_position(client, query):
    response = client.get("/api/plan/?" + query)
    assert response.status_code == 200, response.content
    return response.json()["position"]


def summary_card(client, query):
    response = client.get("/plan/?" + query)
    assert response.status_code == 200
    html = response.content.decode()
    card = html[html.index('class="card summary"') :]
    return card[: card.index("</section>")]


def test_the_api_gives_californias_mean_at_national_prices(client, catalog):
    mean, rpp = state_mean("06"), parity("06")
    expected = at_national_prices(mean.a_mean, rpp.all_items)
    assert expected == CALIFORNIA_CROSS_CHECK
    pay = api_position(client, QUERY + "&state=ca")["state_pay"]
    assert pay == {
        "state": "CA",
        "state_name": "California",
        "annual_mean": mean.a_mean,
        "period": "May 2023",
        "price_parity": float(rpp.all_items),
        "parity_year": 2023,
        "national_prices_mean": expected,
        "sources": [mean.source, rpp.source],
    }
    assert api_position(client, QUERY)["state_pay"] is None


def test_the_position_card_shows_the_state_beside_the_national_band(client, catalog):
    mean, rpp = state_mean("06"), parity("06")
    card = summary_card(client, QUERY + "&state=CA")
    assert "$37,000 – $43,490</strong> a year" in card  # the national band stays
    expected = at_national_prices(mean.a_mean, rpp.all_items)
    assert (
        f"{dollars(mean.a_mean)} in California buys what {dollars(expected)} buys at "
        "national-average prices, 2023." in card
    )
    assert "$64,070 in California buys what $56,910" in card  # DATA_SOURCES.md's own words
    assert "A mean, not a percentile band, of the May 2023 state figures" in card
    assert "not a wage BLS published" in card
    assert card.count(mean.source) == 1 and card.count(rpp.source) == 1
    assert "state-pay" not in summary_card(client, QUERY)


def test_a_state_with_no_mean_says_so_plainly(client, catalog):
    state_mean("06").delete()
    catalog_cache.bump()
    pay = api_position(client, QUERY + "&state=CA")["state_pay"]
    assert pay["annual_mean"] is None and pay["national_prices_mean"] is None
    # The parity is still a fact held (and its source named), but nothing is worked out from it.
    assert pay["price_parity"] == float(parity("06").all_items)
    assert pay["sources"] == [parity("06").source] and pay["period"] == "May 2023"
    card = summary_card(client, QUERY + "&state=CA")
    assert (
        "No May 2023 mean pay for medical records specialists (SOC 29-2072) is held for "
        "California." in card
    )
    assert "buys what" not in card and "$64,070" not in card


def test_a_state_with_no_parity_of_that_year_shows_no_invented_figure(client, catalog):
    mean = state_mean("06")
    parity("06").delete()
    catalog_cache.bump()
    pay = api_position(client, QUERY + "&state=CA")["state_pay"]
    assert pay["annual_mean"] == mean.a_mean and pay["price_parity"] is None
    assert pay["national_prices_mean"] is None and pay["sources"] == [mean.source]
    card = summary_card(client, QUERY + "&state=CA")
    assert "No 2023 price parity is held for California" in card and "buys what" not in card


def test_an_unknown_state_is_a_400_naming_the_field_and_nothing_else(client, catalog):
    response = client.get("/api/plan/?" + QUERY + "&state=PR")  # a territory: no state
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert (
        set(errors) == {"state"} and "“PR” is not one of the 50 states or DC" in errors["state"][0]
    )
    page = client.get("/plan/?" + QUERY + "&state=XX")
    assert page.status_code == 400
    html = page.content.decode()
    assert re.search(r'id="state-error">Choose a state from the list: “XX”', html)
    assert re.findall(r'<p class="field-error" id="(\w+)-error">[^<\s]', html) == ["state"]


def test_a_state_changes_nothing_else_in_the_plan(client, catalog):
    with_state = client.get("/api/plan/?" + QUERY + "&state=CA").json()
    without = client.get("/api/plan/?" + QUERY).json()
    assert with_state["position"].pop("state_pay") is not None
    without["position"].pop("state_pay")
    assert with_state == without


def test_the_form_lists_states_by_name_with_the_one_chosen(client, catalog):
    html = client.get("/plan/?" + QUERY + "&state=dc").content.decode()
    select = html[html.index('<select id="id_state"') :]
    select = select[: select.index("</select>")]
    names = re.findall(r'<option value="(\w*)"[^>]*>([^<]+)</option>', select)
    assert names[0] == ("", "Not said") and len(names) == 1 + 51
    assert ("CA", "California") in names and ("WY", "Wyoming") in names
    assert [name for _, name in names[1:]] == sorted(name for _, name in names[1:])
    assert '<option value="DC" selected>District of Columbia</option>' in select


def test_the_state_round_trips_through_the_shared_link(client, catalog):
    response = client.post("/plan/share/", {"role": "medical-coder-i", "years": "2", "state": "ca"})
    assert response.status_code == 303
    shared = SharedPlan.objects.get()
    assert ["state", "CA"] in shared.query  # written canonically, whatever case was sent
    html = Client().get(response["Location"]).content.decode()
    link = re.search(r'/plan/\?role=medical-coder-i[^"<\s]*', html)[0].replace("&amp;", "&")
    assert link.endswith("&state=CA")
    again = client.get(link).content.decode()
    assert "$64,070 in California buys what" in again
    assert "$64,070 in California buys what" in html  # the shared plan shows it too


def test_the_salaries_page_shows_parity_and_the_mean_at_national_prices(client, catalog):
    html = client.get("/salaries/").content.decode()
    rows = table(html, "states")
    headers = re.findall(r'<th scope="col"[^>]*>(?:<a [^>]*>)?([^<]+)<', html)
    assert headers[-6:] == [
        "State",
        "Annual mean",
        "Hourly mean",
        "Price parity",
        "Mean at national prices",
        "Source status",
    ]
    california = next(row for row in rows if row[0] == "California")
    rpp = parity("06")
    assert california[3] == str(rpp.all_items)
    assert california[4] == dollars(at_national_prices(state_mean("06").a_mean, rpp.all_items))
    assert california[4] == dollars(CALIFORNIA_CROSS_CHECK)
    puerto_rico = next(row for row in rows if row[0] == "Puerto Rico")
    assert puerto_rico[1] == "$26,120" and puerto_rico[3:5] == ["", ""]  # no parity: blank
    text = " ".join(html.split())
    assert "BEA's 2023 all-items regional price parity (United States = 100)" in text
    assert "not a wage BLS published" in text
    assert "Only medical records specialists (SOC 29-2072) have state figures" in text
    source = html[html.index('<p class="source">Source: state_M2023') :]
    source = source[: source.index("</p>")]
    assert source.count(rpp.source) == 1 and source.count(state_mean("06").source) == 1


@pytest.mark.parametrize("direction", ["desc", "asc"])
def test_the_state_table_sorts_by_the_mean_at_national_prices(client, catalog, direction):
    html = client.get(f"/salaries/?sort=national&dir={direction}").content.decode()
    rows = table(html, "states")[1:]
    expected = sorted(
        (
            (at_national_prices(row.a_mean, p.all_items), row.area.title)
            for row in WageEstimate.objects.filter(
                occupation__soc_code="29-2072", area__kind="state", release__year=2023
            ).select_related("area")
            for p in PriceParity.objects.filter(area=row.area, year=2023)
        ),
        reverse=direction == "desc",
    )
    shown = [(row[0], row[4]) for row in rows]
    assert shown[: len(expected)] == [(title, dollars(value)) for value, title in expected]
    # The territories have no parity: at the bottom in both directions.
    assert {title for title, _ in shown[len(expected) :]} == {
        "Guam",
        "Puerto Rico",
        "Virgin Islands",
    }
    assert re.search(r'aria-sort="\w+"><a [^>]*>Mean at national prices<', html)
