"""Every kind of page: no accessibility violation (axe-core), light and dark; no horizontal
scrolling on a phone; and, like every browser test, no console error or CSP violation."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.test import Client

pytestmark = pytest.mark.django_db(transaction=True)

PLAN = "/plan/?role=medical-coder-i&years=2&cert=cpc&education=certificate"
PAGES = {
    "home": "/",
    "planner": "/plan/",
    "planner with a plan": PLAN,
    "planner with credential upkeep": "/plan/?role=medical-coder-i&years=1&cert=cpc&cert=cpma"
    "&cert=ccs&aapc_due=2027-03&aapc_ceus=8&ahima_due=2026-01&course=1",
    "shared plan": None,  # made by the test: its address is a fresh token
    "career map": "/paths/?role=medical-coder-i",
    "role": "/roles/senior-medical-coder/",
    "credential list": "/certifications/",
    "credential": "/certifications/cpc/",
    "salaries": "/salaries/",
    "salaries, 2024": "/salaries/?release=2024",
    "compare": "/compare/?role=medical-coder-i&role=senior-medical-coder&role=coding-auditor",
    "not found": "/p/no-such-plan/",
}
PHONE = {"width": 390, "height": 844}


def address(name: str) -> str:
    if PAGES[name] is not None:
        return PAGES[name]
    response = Client().post(
        "/plan/share/", {"role": "medical-coder-i", "years": "2", "cert": "cpc"}
    )
    assert response.status_code == 303
    return response["Location"]


def open_page(context, name, browser_problems):
    if name == "not found":
        browser_problems.expect_status(404)
    page = context.new_page()
    response = page.goto(address(name))
    assert response.status == (404 if name == "not found" else 200)
    return page


@pytest.mark.parametrize("color_scheme", ["light", "dark"])
@pytest.mark.parametrize("name", PAGES)
def test_no_accessibility_violations(new_context, browser_problems, catalog, name, color_scheme):
    page = open_page(new_context(color_scheme=color_scheme), name, browser_problems)
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("name", PAGES)
def test_no_horizontal_scrolling_on_a_phone(new_context, browser_problems, catalog, name):
    context = new_context(viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=3)
    page = open_page(context, name, browser_problems)
    widths = page.evaluate(
        "({page: document.documentElement.scrollWidth, screen: window.innerWidth})"
    )
    assert widths["page"] <= widths["screen"], f"{name}: {widths}"
