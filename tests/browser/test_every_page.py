"""Every kind of page: no accessibility violation (axe-core), light and dark; no horizontal
scrolling on a phone, nor at 320 CSS pixels (WCAG 2.2, 1.4.10 Reflow); focus outlines and chart
marks that stay visible in forced-colors mode; no motion when reduced motion is asked for; and,
like every browser test, no console error or CSP violation."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.test import Client

from salaries.models import Release

pytestmark = pytest.mark.django_db(transaction=True)

PLAN = "/plan/?role=medical-coder-i&years=2&cert=cpc&education=certificate"
PAGES = {
    "home": "/",
    "planner": "/plan/",
    "planner with a plan": PLAN,
    "planner with credential upkeep": "/plan/?role=medical-coder-i&years=1&cert=cpc&cert=cpma"
    "&cert=ccs&aapc_due=2027-03&aapc_ceus=8&ahima_due=2026-01&course=1",
    "plan details": "/plan/details/?role=outpatient-coder&years=3&cert=cpc&cert=crc"
    "&education=associate&target=coding-auditor",
    "shared plan": None,  # made by the test: its address is a fresh token
    "my plan": None,  # kept by the test, with one CEU logged and one goal
    "career map": "/paths/",
    "career map from a role": "/paths/?role=medical-coder-i",
    "role": "/roles/senior-medical-coder/",
    "credential list": "/certifications/",
    "credential": "/certifications/cpc/",
    "salaries": "/salaries/",
    "salaries, 2024": "/salaries/?release=2024",
    "compare": "/compare/?role=medical-coder-i&role=senior-medical-coder&role=coding-auditor",
    "credential compare": "/certifications/compare/?cert=cpc&cert=ccs",
    "not found": "/p/no-such-plan/",
}
PHONE = {"width": 390, "height": 844}
NARROWEST = {"width": 320, "height": 640}  # WCAG 1.4.10: 1280 CSS px at 400% zoom


def address(name: str) -> str:
    if PAGES[name] is not None:
        return PAGES[name]
    if name == "my plan":
        client = Client()
        kept = client.post(
            "/plan/keep/", {"role": "medical-coder-i", "years": "1", "cert": ["cpc", "cpma"]}
        )["Location"]
        entry = {"body": "aapc", "earned_on": "2026-01-15", "ceus": "1.5", "title": "Webinar"}
        assert client.post(kept + "ceus/", entry).status_code == 303
        goal = {"certification": "cpma", "exam_month": "2099-01"}
        assert client.post(kept + "goals/", goal).status_code == 303
        return kept
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


# Anything that moves: running animations, transitions, smooth scrolling.
MOTION = """() => ({
  animations: document.getAnimations().length,
  moving: [...document.querySelectorAll("*")].filter((el) => {
    const style = getComputedStyle(el);
    return style.scrollBehavior === "smooth"
      || style.transitionDuration.split(",").some((d) => parseFloat(d) > 0)
      || style.animationDuration.split(",").some((d) => parseFloat(d) > 0);
  }).map((el) => el.tagName + "." + el.className),
})"""

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
def test_every_page_reflows_at_320_css_pixels_and_holds_still_for_reduced_motion(
    new_context, browser_problems, catalog, name
):
    # One page load checks both: the narrowest screen, with reduced motion asked for.
    context = new_context(viewport=NARROWEST, reduced_motion="reduce")
    page = open_page(context, name, browser_problems)
    assert_reflows(page, name)
    assert page.evaluate(MOTION) == {"animations": 0, "moving": []}, name


def test_the_salaries_page_of_every_release_reflows_at_320_css_pixels(new_context, catalog):
    page = new_context(viewport=NARROWEST).new_page()
    years = list(Release.objects.filter(survey="oews").values_list("year", flat=True))
    assert len(years) >= 5
    for year in years:
        assert page.goto(f"/salaries/?release={year}").status == 200
        assert_reflows(page, f"salaries, {year}")


# Contrast of a painted colour against the page's background, as WCAG computes it.
CONTRAST = """
  const rgb = (c) => (c.match(/[\\d.]+/g) || []).slice(0, 3).map(Number);
  const luminance = (c) => {
    const [r, g, b] = rgb(c).map((v) => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const contrast = (a, b) => {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  };
  const canvas = getComputedStyle(document.body).backgroundColor;
  // The colours the user's theme gives the system colour keywords.
  const probe = document.createElement("span");
  document.body.append(probe);
  const system = new Set(["CanvasText", "LinkText", "Highlight", "GrayText", "ButtonText"].map(
    (keyword) => { probe.style.color = keyword; return getComputedStyle(probe).color; }));
  probe.remove();
"""
# Every mark of a drawing and the paint that shows it.
CHART_MARKS = """() => {
  CONTRAST
  const marks = {".chart .band": "fill", ".chart .median": "stroke", ".chart .line": "stroke",
    ".chart .mark": "stroke",
    ".chart .point": "fill", ".map-edge": "stroke", ".node-box": "stroke", ".arrowhead": "fill",
    ".map-node .node-title": "fill"};
  return Object.entries(marks).flatMap(([selector, paint]) =>
    [...document.querySelectorAll(selector)].map((el) => {
      const color = getComputedStyle(el)[paint];
      return {selector, color, contrast: color.startsWith("rgb") ? contrast(color, canvas) : 0,
              system: system.has(color)};
    }));
}""".replace("CONTRAST", CONTRAST)
# The focus indicator of the focused element (null: the focus left the page's content).
FOCUS_OUTLINE = """() => {
  CONTRAST
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const name = el.ariaLabel || el.textContent.trim().slice(0, 40);
  const ring = el.matches(".map-node") && el.querySelector(".focus-ring");
  if (ring) {  // a box of the career map: its ring is a wide outline half under the box
    const paint = getComputedStyle(ring);
    return {name, width: parseFloat(paint.strokeWidth) / 2,
            style: paint.stroke === "none" ? "none" : "solid",
            contrast: paint.stroke === "none" ? 0 : contrast(paint.stroke, canvas)};
  }
  const style = getComputedStyle(el);
  return {name, width: parseFloat(style.outlineWidth), style: style.outlineStyle,
          contrast: contrast(style.outlineColor, canvas)};
}""".replace("CONTRAST", CONTRAST)
DRAWINGS = {
    "planner with a plan": 1,  # your band and the next tier's
    "salaries": 3,  # stage bands, the trend, and the occupations coders move into
    "career map from a role": 1,
}


@pytest.mark.parametrize("color_scheme", ["light", "dark"])
@pytest.mark.parametrize("name", DRAWINGS)
def test_forced_colors_keep_chart_marks_and_focus_outlines_visible(
    new_context, browser_problems, catalog, name, color_scheme
):
    context = new_context(color_scheme=color_scheme, forced_colors="active")
    page = open_page(context, name, browser_problems)
    assert page.evaluate("matchMedia('(forced-colors: active)').matches")
    assert page.locator("svg.chart, svg.map-svg").count() == DRAWINGS[name]
    marks = page.evaluate(CHART_MARKS)
    assert len(marks) >= 3
    # In the user's colours, and standing out from the background.
    faint = [m for m in marks if m["contrast"] < 3 or not m["system"]]
    assert faint == [], f"{name}: marks not in the theme's colours or too faint: {faint}"

    # Every stop of the keyboard, the links of the drawings included, shows its focus.
    assert len(tab_through_showing_focus(page, most=80)) >= 10


def tab_through_showing_focus(page, most: int) -> list[dict]:
    """Tab through the page's stops (until the focus leaves its content or comes round to the
    first again); each must show an outline of at least 2 px and 3:1. Returns the outlines."""
    stops = []
    for _ in range(most):
        page.keyboard.press("Tab")
        outline = page.evaluate(FOCUS_OUTLINE)
        if outline is None or outline in stops[:1]:
            break  # past the last stop
        stops.append(outline)
        assert outline["style"] != "none" and outline["width"] >= 2, outline
        assert outline["contrast"] >= 3, outline
    return stops


def test_the_plans_loading_note_fades_in_unless_reduced_motion_is_asked_for(new_context, catalog):
    durations = {}
    for motion in ("no-preference", "reduce"):
        page = new_context(reduced_motion=motion).new_page()
        page.goto(PAGES["planner with a plan"])
        durations[motion] = page.evaluate(
            """() => {
              document.querySelector("form.assessment").classList.add("htmx-request");
              const style = getComputedStyle(document.getElementById("plan-loading"));
              return [style.transitionDuration, style.transitionDelay];
            }"""
        )
    # Without the preference it fades in; with it, it appears at once, after the same delay.
    assert durations == {"no-preference": ["0.1s", "0.3s"], "reduce": ["0s", "0.3s"]}


@pytest.mark.parametrize("color_scheme", ["light", "dark"])
@pytest.mark.parametrize("name", ["home", "planner with a plan", "credential compare"])
def test_every_keyboard_stop_shows_its_focus_in_light_and_dark(
    new_context, browser_problems, catalog, name, color_scheme
):
    page = open_page(new_context(color_scheme=color_scheme), name, browser_problems)
    assert len(tab_through_showing_focus(page, most=120)) >= 8


# The font size of every element that shows text of its own or takes input, outside drawings
# (a drawing's text is in its own units, scaled with it).
FONT_SIZES = """() => {
  const sizes = {};
  for (const el of document.querySelectorAll("body *")) {
    if (el.closest("svg")) continue;
    const text = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
    if (!text && !el.matches("input, select, button, textarea")) continue;
    const size = getComputedStyle(el).fontSize;
    (sizes[size] ||= []).push(el.tagName.toLowerCase() + "." + el.className);
  }
  return sizes;
}"""
TYPE_SCALE = {"12px", "14px", "16px", "18px", "20px", "24px", "32px"}  # site.css's --text-*


@pytest.mark.parametrize("name", PAGES)
def test_every_page_sets_its_text_in_the_one_type_scale(
    new_context, browser_problems, catalog, name
):
    page = open_page(new_context(viewport={"width": 1280, "height": 800}), name, browser_problems)
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 800})
        sizes = page.evaluate(FONT_SIZES)
        assert len(sizes) >= 3, sizes
        off_scale = {size: sorted(set(els))[:5] for size, els in sizes.items()}
        off_scale = {size: els for size, els in off_scale.items() if size not in TYPE_SCALE}
        assert off_scale == {}, f"{name} at {width} px: sizes off the scale: {off_scale}"
