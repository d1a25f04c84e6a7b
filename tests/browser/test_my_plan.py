"""A kept plan in a real browser: keep it from the planner, log a CEU activity, and watch the
upkeep card count the log."""

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from careerpath.models import CeuEntry

pytestmark = pytest.mark.django_db(transaction=True)

TODAY = date.today()
# A cycle that ends about a year from now, whatever day the test runs: today is in it.
PLAN = (
    f"/plan/?role=medical-coder-i&years=1&cert=cpc&aapc_due={TODAY.year + 1}-{TODAY:%m}&aapc_ceus=8"
)


def test_a_logged_activity_changes_the_upkeep_card(page, catalog):
    page.goto(PLAN)
    page.get_by_role("button", name="Keep this plan").click()
    expect(page.get_by_role("heading", name="This address is the key to your plan")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/my/[A-Za-z0-9_-]{32}/$"))
    upkeep = page.get_by_role("region", name="Keeping your credentials")
    expect(upkeep).to_contain_text("Earned so far: 8;")

    log = page.get_by_role("region", name="CEU log")
    log.get_by_label("Body").select_option(label="AAPC")
    log.get_by_label("Date").fill(TODAY.isoformat())
    log.get_by_label("CEUs", exact=True).fill("2.5")
    log.get_by_label("Activity").fill("Risk adjustment webinar")
    log.get_by_role("button", name="Add to the log").click()

    expect(upkeep).to_contain_text("Earned so far (your CEU log): 2;")
    expect(log).to_contain_text("AAPC: 2.5 CEUs logged in this cycle")
    expect(log.get_by_role("listitem")).to_contain_text("Risk adjustment webinar")
    assert CeuEntry.objects.get().title == "Risk adjustment webinar"

    log.get_by_role("button", name="Delete Risk adjustment webinar").click()
    expect(upkeep).to_contain_text("Earned so far: 8;")
    expect(log).to_contain_text("Nothing logged yet")


def test_a_bad_entry_is_refused_next_to_its_field(page, catalog, browser_problems):
    browser_problems.expect_status(400)  # the page that says what to correct
    page.goto(PLAN)
    page.get_by_role("button", name="Keep this plan").click()
    log = page.get_by_role("region", name="CEU log")
    log.get_by_label("Date").fill(TODAY.isoformat())
    log.get_by_label("CEUs", exact=True).fill("0")
    log.get_by_label("Activity").fill("Webinar")
    log.get_by_role("button", name="Add to the log").click()
    field = page.get_by_role("region", name="CEU log").get_by_label("CEUs", exact=True)
    expect(page.get_by_text("Enter more than 0 CEUs.")).to_be_visible()
    expect(field).to_have_attribute("aria-invalid", "true")
    assert not CeuEntry.objects.exists()


def test_a_plan_drawn_in_place_is_kept_with_the_pages_token(page, catalog, plain_http_cookies):
    page.goto("/plan/")
    page.evaluate("window.samePage = true")
    page.get_by_label("Current role").select_option(label="Coding Auditor")
    page.get_by_label("Years of coding experience").fill("5")
    expect(page.get_by_role("region", name="Share or keep this plan")).to_be_visible()
    assert page.evaluate("window.samePage") is True  # the plan came in place, by htmx
    page.get_by_role("button", name="Keep this plan").click()
    expect(page).to_have_url(re.compile(r"/my/[A-Za-z0-9_-]{32}/$"))
    expect(page.get_by_label("Current role")).to_have_value("coding-auditor")
    expect(page.get_by_label("Years of coding experience")).to_have_value("5")
