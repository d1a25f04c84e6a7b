"""Keeping credentials in a real browser: the section appears with the credentials held, the
cycle answers update it in place (mouse or keyboard), and its calendar link gives a file a
calendar library reads back."""

import re
from datetime import date

import pytest
from icalendar import Calendar
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)


def upkeep(page):
    return page.get_by_role("region", name="Keeping your credentials")


def test_the_upkeep_shows_and_follows_the_cycle_answers(page, catalog):
    page.goto("/plan/")
    page.evaluate("window.samePage = true")  # gone if the browser loads a new page
    page.get_by_label("Current role").select_option(label="Medical Coder I (Junior Medical Coder)")
    page.get_by_label("Years of coding experience").fill("1")
    page.get_by_role("checkbox", name=re.compile(r"^CPC ")).check()
    page.get_by_role("checkbox", name=re.compile(r"^CPMA ")).check()

    section = upkeep(page)
    expect(section).to_contain_text("40 CEUs every 2 years")
    expect(section).to_contain_text("16 of them: auditing (CPMA)")
    expect(section).to_contain_text("Removing the “A”: CPC-A")
    expect(section).to_contain_text("Not met yet")

    page.get_by_text("Optional: renewal cycles", exact=True).click()
    page.get_by_label("AAPC: month this cycle ends").fill("2020-01")  # long past, on any day
    page.get_by_label("AAPC: CEUs earned this cycle").fill("10")
    page.get_by_label("I completed a coding course of at least 80 contact hours").check()

    expect(section).to_contain_text(
        "Past due: this cycle ended in January 2020 with 30 CEUs still to earn."
    )
    expect(section).to_contain_text("Route met: 1 year of coding experience plus a coding course")
    expect(page).to_have_url(re.compile(r"aapc_due=2020-01&aapc_ceus=10&course=1"))
    assert page.evaluate("window.samePage") is True

    link = section.get_by_role("link", name="Add the cycle ends to your calendar")
    response = page.request.get(link.get_attribute("href"))
    assert response.ok and response.headers["content-type"].startswith("text/calendar")
    [event] = Calendar.from_ical(response.body()).walk("VEVENT")
    assert event.decoded("DTSTART") == date(2020, 1, 31)
    assert str(event["SUMMARY"]) == "AAPC renewal cycle ends (CPC, CPMA)"


def test_a_wrong_month_gets_its_message_next_to_the_field(page, catalog):
    page.goto("/plan/?cert=ccs&ahima_ceus=5")
    field = page.get_by_label("AHIMA: CEUs earned this cycle")
    expect(field).to_be_visible()  # answered, so the optional part is open
    field.fill("1000")
    expect(page.get_by_text("Enter at most 999 CEUs.").first).to_be_visible()
    expect(field).to_have_attribute("aria-invalid", "true")
    field.fill("12")
    expect(upkeep(page)).to_contain_text("Earned so far: 12; 8 to go.")
    expect(field).not_to_have_attribute("aria-invalid", "true")


def test_the_cycle_answers_work_from_the_keyboard(page, catalog):
    page.goto("/plan/?cert=cpc&years=0")
    summary = page.get_by_text("Optional: renewal cycles", exact=True)
    summary.focus()
    page.keyboard.press("Enter")
    month = page.get_by_label("AAPC: month this cycle ends")
    expect(month).to_be_visible()
    page.keyboard.press("Tab")
    expect(month).to_be_focused()
    page.keyboard.type("2020-01")
    page.keyboard.press("Tab")
    expect(page.get_by_label("AAPC: CEUs earned this cycle")).to_be_focused()
    page.keyboard.type("36")
    expect(upkeep(page)).to_contain_text("Done: you have the CEUs this cycle asks for")
    expect(page).to_have_url(re.compile(r"aapc_due=2020-01&aapc_ceus=36"))
    expect(page.get_by_role("status")).to_have_text(re.compile(r"^Plan updated"))
