"""A plan printed to take to a manager: Chromium prints it to PDF, pypdf counts the pages."""

import io
import re
import unicodedata

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

pytestmark = pytest.mark.django_db(transaction=True)

# Realistic plans: a coder with a CPC aiming for management (four next-tier roles, eight
# credentials; eight pages before print styles), and a senior coder who answered everything.
PLAN = "/plan/?role=medical-coder-i&years=2&cert=cpc&education=certificate&track=management"
SENIOR_PLAN = (
    "/plan/?role=senior-medical-coder&years=5&cert=cpc&education=associate"
    "&accuracy=96&audits=on&specialty=cardiology"
)
# Chrome's print dialog puts about 0.4 in around the page by default.
MARGINS = {side: "0.4in" for side in ("top", "right", "bottom", "left")}


def printed(page) -> PdfReader:
    page.emulate_media(media="print")
    return PdfReader(io.BytesIO(page.pdf(format="Letter", margin=MARGINS)))


@pytest.mark.parametrize(
    ("address", "role", "next_role"),
    [(PLAN, "Medical Coder I", "Senior Medical Coder"), (SENIOR_PLAN, "Senior", "Coding Manager")],
)
def test_a_plan_prints_on_at_most_two_letter_pages_without_navigation_or_form(
    page, catalog, address, role, next_role
):
    page.goto(address)
    plan_link = page.get_by_role("link", name="link to this plan").evaluate("a => a.href")
    pdf = printed(page)
    # NFKC: the PDF's text has the font's ligatures ("ﬁ" for "fi").
    text = unicodedata.normalize("NFKC", " ".join(p.extract_text() for p in pdf.pages))
    text = " ".join(text.split())

    assert len(pdf.pages) <= 2, f"{len(pdf.pages)} Letter pages"
    # Where you stand, the next tier and the first credentials with their reasons are there...
    assert "Where you stand" in text and role in text
    assert "The next tier" in text and next_role in text
    assert "Credentials that lead there" in text
    # ... each of the first three credentials with what it does for you and whether you can sit
    # for it (the page is still in print media here) ...
    for item in page.locator(".credentials-advice > li").all()[:3]:
        for part in (item.locator(".reason"), item.locator(".when")):
            expect(part).to_be_visible()
            assert " ".join(part.inner_text().split()) in text
    # ... with the plan's address written out in full, to type in or scan later.
    link = page.evaluate("document.querySelector('.plan-address').textContent.trim()")
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+/plan/\?role=.+", link)
    assert link == plan_link
    assert link.replace(" ", "") in text.replace(" ", "")
    # ... and the navigation, the form and the buttons are not.
    for absent in ("Skip to content", "Career map", "Current role", "Show my plan"):
        assert absent not in text
    assert "Create short link" not in text and "Print this plan" not in text


def test_print_this_plan_opens_the_print_dialog(page, catalog):
    page.goto(PLAN)
    page.evaluate("() => { window.print = () => { window.printed = (window.printed || 0) + 1; }; }")
    button = page.get_by_role("button", name="Print this plan")
    expect(button).to_be_visible()
    button.click()
    assert page.evaluate("window.printed") == 1


def test_without_javascript_there_is_no_dead_print_button(new_context, catalog):
    page = new_context(java_script_enabled=False).new_page()
    page.goto(PLAN)
    expect(page.get_by_role("heading", name="Where you stand")).to_be_visible()
    expect(page.get_by_role("button", name="Print this plan")).to_have_count(0)
