"""Every kind of page: no accessibility violation (axe-core), light and dark; no horizontal
scrolling on a phone, nor at 320 CSS pixels (WCAG 2.2, 1.4.10 Reflow); focus outlines and chart
marks that stay visible in forced-colors mode; no motion when reduced motion is asked for; and,
like every browser test, no console error or CSP violation."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.test import Client

pytestmark = pytest.mark.django_db(transaction=True)

PLAN = "/plan/?role=medical-coder-i&years=2&cert=cpc&education=certificate"
PAGES = {
    "home": "/",
    "planner": "/plan/",
    "planner with a plan": PLAN,
    "shared plan": None,  # made by the test: its address is a fresh token
    "career map": "/paths/",
    "career map from a role": "/paths/?role=medical-coder-i",
    "role": "/roles/senior-medical-coder/",
    "credential list": "/certifications/",
    "credential": "/certifications/cpc/",
    "salaries": "/salaries/",
    "salaries, 2024": "/salaries/?release=2024",
    "compare": "/compare/?role=medical-coder-i&role=senior-medical-coder&role=coding-auditor",
    "not found": "/p/no-such-plan/",
}
PHONE = {"width": 390, "height": 844}
NARROWEST = {"width": 320, "height": 640}  # WCAG 1.4.10: 1280 CSS px at 400% zoom


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


# Elements wider than their box that scroll sideways inside it: each must be reachable and
# named, so a keyboard user can scroll it and a screen reader says what it is.
SCROLLING_REGIONS = """() => [...document.querySelectorAll("body *")]
  .filter((el) => {
    const style = getComputedStyle(el);
    return ["auto", "scroll"].includes(style.overflowX) && el.scrollWidth > el.clientWidth + 1;
  })
  .map((el) => ({
    tag: el.tagName.toLowerCase(), cls: el.className.baseVal ?? el.className,
    tabindex: el.tabIndex, role: el.getAttribute("role"),
    named: Boolean(el.getAttribute("aria-label") || el.getAttribute("aria-labelledby")),
  }))"""


def assert_reflows(page, label):
    widths = page.evaluate(
        "({page: document.documentElement.scrollWidth, screen: window.innerWidth})"
    )
    assert widths["page"] <= NARROWEST["width"], f"{label} scrolls sideways: {widths}"
    for region in page.evaluate(SCROLLING_REGIONS):
        assert region["tabindex"] == 0 and region["role"] == "region" and region["named"], (
            f"{label}: a box that scrolls sideways is not a named, focusable region: {region}"
        )


@pytest.mark.parametrize("name", PAGES)
def test_every_page_reflows_at_320_css_pixels(new_context, browser_problems, catalog, name):
    page = open_page(new_context(viewport=NARROWEST), name, browser_problems)
    assert_reflows(page, name)


def test_the_salaries_page_of_every_release_reflows_at_320_css_pixels(new_context, catalog):
    from salaries.models import Release

    page = new_context(viewport=NARROWEST).new_page()
    years = list(Release.objects.filter(survey="oews").values_list("year", flat=True))
    assert len(years) >= 5
    for year in years:
        assert page.goto(f"/salaries/?release={year}").status == 200
        assert_reflows(page, f"salaries, {year}")
