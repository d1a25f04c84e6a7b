"""The planner in a real browser: answers update the plan in place, the address is the plan."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)


def answer(page, role="Medical Coder I (Junior Medical Coder)", years="2", credentials=("CPC",)):
    page.get_by_label("Current role").select_option(label=role)
    page.get_by_label("Years of coding experience").fill(years)
    for acronym in credentials:
        page.get_by_role("checkbox", name=re.compile(rf"^{acronym} ")).check()


def plan_region(page):
    return page.get_by_role("region", name="Where you stand")


def plan_text(page) -> str:
    """The plan as a person reads it, spacing aside."""
    region = plan_region(page)
    expect(region).to_be_visible()
    return " ".join(region.inner_text().split())


def test_unticking_a_credential_updates_the_plan_too(page, catalog):
    # htmx's `changed` modifier compares a checkbox's value, which ticking does not change: with
    # it, unticking left the plan (and its address) with the credential still held.
    page.goto("/plan/?role=medical-coder-i&years=2")
    box = page.get_by_role("checkbox", name=re.compile(r"^CPC "))
    box.check()
    expect(page).to_have_url(re.compile(r"cert=cpc"))
    box.uncheck()
    expect(page).not_to_have_url(re.compile(r"cert=cpc"))
    expect(page).to_have_url(re.compile(r"role=medical-coder-i&years=2$"))
    box.check()
    expect(page).to_have_url(re.compile(r"cert=cpc"))


def test_answers_update_the_plan_in_place_and_the_address_is_the_plan(page, new_context, catalog):
    page.goto("/plan/")
    expect(page.get_by_role("heading", name="Your plan appears here")).to_be_visible()
    page.evaluate("window.samePage = true")  # gone if the browser loads a new page

    answer(page)

    expect(plan_region(page)).to_contain_text("$37,000 – $43,490")
    expect(plan_region(page)).to_contain_text("Medical Coder I")
    expect(page.get_by_role("heading", name=re.compile("Senior Medical Coder"))).to_be_visible()
    expect(page).to_have_url(re.compile(r"/plan/\?role=medical-coder-i&years=2&cert=cpc"))
    assert page.evaluate("window.samePage") is True

    # The address opens the same plan for someone else.
    shared_text = plan_text(page)
    other = new_context().new_page()
    other.goto(page.url)
    assert plan_text(other) == shared_text
    assert other.get_by_label("Current role").input_value() == "medical-coder-i"
    expect(other.get_by_role("checkbox", name=re.compile(r"^CPC "))).to_be_checked()


def test_back_and_forward_move_between_plans(page, catalog):
    page.goto("/plan/")
    answer(page)
    expect(page).to_have_url(re.compile(r"role=medical-coder-i&years=2&cert=cpc"))
    expect(plan_region(page)).to_contain_text("Entry-level")
    first = page.url
    # One change, so one new history entry.
    page.get_by_label("Current role").select_option(label="Senior Medical Coder (Medical Coder II)")
    expect(page).to_have_url(re.compile(r"role=senior-medical-coder&years=2&cert=cpc"))
    expect(plan_region(page)).to_contain_text("Mid-career")
    second = page.url

    page.go_back()
    expect(page).to_have_url(first)
    expect(plan_region(page)).to_contain_text("Entry-level")
    expect(page.get_by_label("Current role")).to_have_value("medical-coder-i")

    page.go_forward()
    expect(page).to_have_url(second)
    expect(plan_region(page)).to_contain_text("Mid-career")
    expect(page.get_by_label("Current role")).to_have_value("senior-medical-coder")


def test_a_plan_drawn_in_place_is_shared_with_the_pages_token(page, catalog, plain_http_cookies):
    page.goto("/plan/")
    page.evaluate("window.samePage = true")
    answer(page)
    expect(plan_region(page)).to_contain_text("Medical Coder I")
    answer(
        page,
        role="Senior Medical Coder (Medical Coder II)",
        years="4",
        credentials=(),
    )
    expect(plan_region(page)).to_contain_text("Senior Medical Coder")
    assert page.evaluate("window.samePage") is True  # both plans came in place, by htmx
    page.get_by_role("button", name="Create short link").click()
    expect(page).to_have_url(re.compile(r"/p/[A-Za-z0-9_-]{32}/$"))
    expect(page.get_by_role("heading", name="A shared career plan", level=1)).to_be_visible()
    expect(plan_region(page)).to_contain_text("Senior Medical Coder")


def test_a_short_link_opens_in_another_browser_and_a_changed_one_is_not_found(
    page, new_context, browser_problems, catalog, plain_http_cookies
):
    page.goto("/plan/?role=medical-coder-i&years=2&cert=cpc")
    page.get_by_role("button", name="Create short link").click()

    expect(page).to_have_url(re.compile(r"/p/[A-Za-z0-9_-]{32}/$"))
    expect(page.get_by_role("heading", name="A shared career plan", level=1)).to_be_visible()
    shared_text = plan_text(page)
    assert "$37,000 – $43,490" in shared_text

    other = new_context().new_page()
    other.goto(page.url)
    assert plan_text(other) == shared_text
    other.get_by_role("link", name="Open in planner").click()
    expect(other.get_by_label("Current role")).to_have_value("medical-coder-i")

    browser_problems.expect_status(404)
    token = page.url.rstrip("/").rsplit("/", 1)[1]
    altered = token[:-1] + ("A" if token[-1] != "A" else "B")
    response = other.goto(f"/p/{altered}/")
    assert response.status == 404
    expect(other.get_by_role("heading", name="We could not find that page")).to_be_visible()


def test_without_javascript_the_form_submits_and_shows_the_plan(new_context, catalog):
    page = new_context(java_script_enabled=False).new_page()
    page.goto("/plan/")
    answer(page)
    page.get_by_role("button", name="Show my plan").click()

    expect(page).to_have_url(re.compile(r"/plan/\?role=medical-coder-i&years=2&cert=cpc"))
    expect(plan_region(page)).to_contain_text("$37,000 – $43,490")
    expect(page.get_by_role("heading", name=re.compile("Senior Medical Coder"))).to_be_visible()


def test_a_wrong_answer_gets_a_message_next_to_the_field(page, catalog):
    page.goto("/plan/")
    page.get_by_label("Years of coding experience").fill("80")
    expect(page.get_by_text("Enter at most 50 years.").first).to_be_visible()
    expect(page.get_by_label("Years of coding experience")).to_have_attribute(
        "aria-invalid", "true"
    )
    expect(page.get_by_role("status")).to_have_text(
        "The plan was not updated: 1 answer to correct."
    )


PLAN = (
    "/plan/?role=outpatient-coder&years=3&cert=cpc&cert=crc&education=associate"
    "&target=coding-auditor"
)


def test_a_cards_sources_are_drawn_when_opened_and_focus_stays_on_the_disclosure(page, catalog):
    page.goto(PLAN)
    card = page.get_by_role("region", name="Credentials that lead there")
    sources = card.locator("details.sources")
    expect(sources.locator(".folded")).not_to_contain_text("CPMA")  # not drawn with the plan
    sources.locator("summary").focus()
    page.keyboard.press("Enter")
    expect(sources.locator(".folded h3").first).to_have_text("CPMA")
    expect(sources.locator(".folded")).to_contain_text("aapc.com/certifications/cpma")
    expect(sources.locator("summary")).to_be_focused()
    # Said to a screen reader, which hears nothing of the "Loading…" line.
    expect(page.get_by_role("status")).to_have_text("Sources: shown.")
    expect(sources.locator(".folded")).not_to_have_attribute("aria-busy", "true")
    # Closed and opened again, it keeps what it drew (`toggle once`) and asks for nothing more.
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")
    expect(sources).to_have_attribute("open", "")
    expect(sources.locator(".folded h3").first).to_have_text("CPMA")
    assert not [url for url in requests if "/plan/details/" in url]


def test_tabbing_on_while_a_part_is_drawn_keeps_the_focus(page, catalog):
    # The part comes while the keyboard has moved on: nothing it replaces may hold the focus
    # (a link there once took it along, leaving it on <body>).
    page.goto(PLAN)
    sources = page.get_by_role("region", name="Credentials that lead there").locator(
        "details.sources"
    )
    held = []
    page.route("**/plan/details/**", lambda route: held.append(route))
    sources.locator("summary").focus()
    with page.expect_request("**/plan/details/**"):
        page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.outerHTML")
    expect(sources.locator(".folded")).to_have_attribute("aria-busy", "true")
    held[0].continue_()
    expect(sources.locator(".folded h3").first).to_have_text("CPMA")
    expect(sources.locator(".folded")).not_to_have_attribute("aria-busy", "true")
    assert page.evaluate("document.activeElement.outerHTML") == focused
    assert page.evaluate("document.activeElement !== document.body")
    # Nor does it talk over what the reader did since: the status line is left alone.
    expect(page.get_by_role("status")).not_to_have_text("Sources: shown.")


def test_a_part_that_cannot_be_drawn_says_so_and_links_to_the_page_that_holds_it(
    page, catalog, browser_problems
):
    browser_problems.expect_status(503)
    page.goto(PLAN)
    sources = page.get_by_role("region", name="Keeping your credentials").locator("details.sources")
    page.route("**/plan/details/**", lambda route: route.fulfill(status=503, body="down"))
    sources.locator("summary").click()
    expect(sources.locator(".folded")).to_have_text(
        "This part could not be loaded. Open the page of this plan’s details and sources",
        use_inner_text=True,  # what is shown: the hidden "Loading…" line stays for a retry
    )
    expect(page.get_by_role("status")).to_have_text("Sources: could not be loaded.")
    page.unroute("**/plan/details/**")
    sources.get_by_role("link", name="Open the page of this plan’s details and sources").click()
    expect(page).to_have_url(re.compile(r"/plan/details/\?.*#upkeep-sources$"))
    expect(page.get_by_role("region", name="Keeping your credentials: sources")).to_contain_text(
        "AAPC"
    )


def test_a_part_that_could_not_be_drawn_is_asked_for_again_when_opened_again(
    page, catalog, browser_problems
):
    browser_problems.expect_status(503)
    page.goto(PLAN)
    sources = page.get_by_role("region", name="Keeping your credentials").locator("details.sources")
    failures = []

    def fail_once(route):
        if failures:
            route.continue_()
        else:
            failures.append(route.request.url)
            route.fulfill(status=503, body="down")

    page.route("**/plan/details/**", fail_once)
    sources.locator("summary").click()
    expect(sources.locator(".folded")).to_contain_text("This part could not be loaded.")
    sources.locator("summary").click()  # closed: nothing is asked
    expect(sources).not_to_have_attribute("open", "")
    with page.expect_response("**/plan/details/**") as second:
        sources.locator("summary").click()
    assert second.value.status == 200 and second.value.url == failures[0]
    expect(sources.locator(".folded")).to_contain_text("AAPC")
    expect(sources.locator(".folded")).not_to_contain_text("could not be loaded")
    expect(sources.locator(".folded")).not_to_have_attribute("aria-busy", "true")
    expect(page.get_by_role("status")).to_have_text("Sources: shown.")


def test_the_jobs_of_a_plan_redrawn_in_place_open_for_its_new_answers(page, catalog):
    page.goto(PLAN)
    page.get_by_label("A role you aim at").select_option("coding-manager")
    expect(page.get_by_role("heading", name="Your route to Coding Manager")).to_be_visible()
    route = page.locator(".plan-route details.job-profile")
    route.locator("summary").click()
    expect(route.locator(".folded")).to_contain_text("Search for, as Coding Manager")


def test_without_javascript_a_folded_part_links_to_the_page_of_the_plans_details(
    new_context, catalog
):
    page = new_context(java_script_enabled=False).new_page()
    page.goto(PLAN)
    card = page.get_by_role("region", name="Keeping your credentials")
    card.locator("details.sources summary").click()
    card.get_by_role("link", name="Open the page of this plan’s details and sources").click()
    expect(page).to_have_url(re.compile(r"/plan/details/\?.*#upkeep-sources$"))
    section = page.get_by_role("region", name="Keeping your credentials: sources")
    expect(section).to_contain_text("AAPC")
    page.get_by_role("link", name="Back to your plan").click()
    expect(page.get_by_role("heading", name="Your route to Coding Auditor")).to_be_visible()
