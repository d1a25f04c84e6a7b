"""GET /plan/calendar.ics: the renewal cycle ends of a plan as an RFC 5545 calendar, read back
with the icalendar library; bad or missing answers get the form's messages, never a 500."""

from datetime import date, timedelta

import pytest
from icalendar import Calendar

from careerpath.planner import add_months

from .test_upkeep_page import get_in_one_month, ym

pytestmark = pytest.mark.django_db


def test_one_event_per_cycle_end_with_three_reminders(client, catalog):
    def url(month):
        return (
            f"/plan/calendar.ics?cert=cpc&cert=cpma&cert=ccs&aapc_due={ym(add_months(month, 10))}"
            f"&aapc_ceus=12&ahima_due={ym(add_months(month, 1))}"
        )

    month, response = get_in_one_month(client, url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert 'filename="credential-renewals.ics"' in response["Content-Disposition"]

    calendar = Calendar.from_ical(response.content)
    assert calendar["VERSION"] == "2.0" and "Careerpath" in calendar["PRODID"]
    events = sorted(calendar.walk("VEVENT"), key=lambda e: e.decoded("DTSTART"))
    assert [str(e["SUMMARY"]) for e in events] == [
        "AHIMA renewal cycle ends (CCS)",
        "AAPC renewal cycle ends (CPC, CPMA)",
    ]
    ahima_end = add_months(month, 2) - timedelta(days=1)  # the last day of the end month
    aapc_end = add_months(month, 11) - timedelta(days=1)
    assert [e.decoded("DTSTART") for e in events] == [ahima_end, aapc_end]
    assert all(e.decoded("DTEND") == e.decoded("DTSTART") + timedelta(days=1) for e in events)
    assert len({str(e["UID"]) for e in events}) == 2
    for event in events:
        triggers = [alarm.decoded("TRIGGER") for alarm in event.walk("VALARM")]
        assert triggers == [timedelta(days=-90), timedelta(days=-30), timedelta(days=-7)]
        assert {str(a["ACTION"]) for a in event.walk("VALARM")} == {"DISPLAY"}
    aapc = str(events[1]["DESCRIPTION"])
    assert "40 CEUs every 2 years" in aapc and "16 of them: auditing (CPMA)." in aapc
    assert "12 earned, 28 to go." in aapc and "aapc_due=" in str(events[1]["URL"])


def test_the_same_cycle_keeps_its_uid_so_a_new_import_updates_it(client, catalog):
    query = "/plan/calendar.ics?cert=ccs&ahima_due=2030-05"
    first = Calendar.from_ical(client.get(query).content).walk("VEVENT")[0]
    again = Calendar.from_ical(client.get(query + "&ahima_ceus=4").content).walk("VEVENT")[0]
    assert first["UID"] == again["UID"] and first.decoded("DTSTART") == date(2030, 5, 31)


def test_without_a_cycle_month_the_form_says_what_to_add(client, catalog):
    response = client.get("/plan/calendar.ics?cert=cpc")
    assert response.status_code == 400 and response["Content-Type"].startswith("text/html")
    assert "The calendar needs the month a renewal cycle ends" in response.content.decode()


def test_a_month_for_a_credential_not_held_gives_no_event(client, catalog):
    response = client.get("/plan/calendar.ics?cert=ccs&aapc_due=2030-01")
    assert response.status_code == 400


def test_a_bad_month_is_a_field_error(client, catalog):
    response = client.get("/plan/calendar.ics?cert=cpc&aapc_due=2030-00")
    html = response.content.decode()
    assert response.status_code == 400
    assert 'id="aapc_due-error">Enter the month as YYYY-MM, for example 2027-03.</p>' in html


def test_head_is_answered_and_post_is_not(client, catalog):
    query = "/plan/calendar.ics?cert=ccs&ahima_due=2030-05"
    assert client.head(query).status_code == 200
    assert client.post(query).status_code == 405


def test_the_plan_links_to_the_calendar_only_with_a_cycle_month(client, catalog):
    without = client.get("/plan/?cert=ccs").content.decode()
    assert "calendar.ics" not in without
    html = client.get("/plan/?cert=ccs&ahima_due=2030-05").content.decode()
    assert (
        '<a href="/plan/calendar.ics?role=&amp;years=0&amp;cert=ccs&amp;education=&amp;track='
        '&amp;ahima_due=2030-05" download>Add the cycle ends to your calendar</a>' in html
    )
