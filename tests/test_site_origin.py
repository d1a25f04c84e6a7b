"""Absolute addresses come from the configured origin (DJANGO_SITE_ORIGIN), never from the
request's Host (tracker issue 25): `Host: 127.0.0.1:1` once put `UID:…@127.0.0.1:1` and a
`URL:http://127.0.0.1:1/…` into the calendar, and a port of twenty digits was accepted."""

import re

import pytest
from icalendar import Calendar

pytestmark = pytest.mark.django_db

ORIGIN = "https://careerpath.example"
CALENDAR = "/plan/calendar.ics?cert=ccs&ahima_due=2030-05"
PLAN = "/plan/?role=medical-coder-i&years=2&cert=cpc"


@pytest.fixture
def origin(settings):
    settings.SITE_ORIGIN = ORIGIN
    settings.ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]


def test_the_calendar_names_the_sites_origin_whatever_host_was_sent(client, catalog, origin):
    response = client.get(CALENDAR, headers={"Host": "127.0.0.1:1"})
    assert response.status_code == 200
    assert b"127.0.0.1" not in response.content
    event = Calendar.from_ical(response.content).walk("VEVENT")[0]
    assert str(event["UID"]).endswith("@careerpath.example")
    assert str(event["URL"]).startswith(ORIGIN + "/plan/?")


def test_the_printed_plan_address_is_the_sites_whatever_host_was_sent(client, catalog, origin):
    body = client.get(PLAN, headers={"Host": "localhost:8999"}).content.decode()
    printed = re.search(r'<span class="plan-address">([^<]+)</span>', body)[1]
    assert printed.startswith(ORIGIN + "/plan/?role=medical-coder-i")
    assert "localhost" not in body and "8999" not in body


def test_a_shared_plan_prints_its_address_on_the_sites_origin(client, catalog, origin):
    response = client.post("/plan/share/", {"role": "medical-coder-i", "years": "2"})
    assert response.status_code == 303
    location = response["Location"]
    assert location.startswith("/p/")  # relative: no host of the request's in it
    body = client.get(location, headers={"Host": "127.0.0.1:1"}).content.decode()
    assert f'<span class="plan-address">{ORIGIN}{location}</span>' in body
    assert "127.0.0.1" not in body


@pytest.mark.parametrize(
    "host", ["127.0.0.1:99999999999999999999", "127.0.0.1:65536", "127.0.0.1:0", "127.0.0.1:8x"]
)
def test_a_host_whose_port_is_not_a_port_is_refused(client, catalog, origin, host):
    response = client.get(PLAN, headers={"Host": host})
    assert response.status_code == 400
    assert "We could not read that request" in response.content.decode()


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.1:8000", "localhost:65535"])
def test_a_host_with_a_real_port_or_none_is_served(client, catalog, origin, host):
    assert client.get(PLAN, headers={"Host": host}).status_code == 200
