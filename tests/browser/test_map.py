"""The career map in a real browser: a drawing whose boxes are links, that marks where you stand,
that a keyboard can walk through, and that stays inside its own box on a phone."""

import re

import pytest
from playwright.sync_api import expect

from stages.models import Role

pytestmark = pytest.mark.django_db(transaction=True)

NODES = ".map-svg a.map-node"


def node_names(page, selector=NODES) -> list[str]:
    return page.locator(selector).evaluate_all("(links) => links.map((a) => a.ariaLabel)")


def test_every_role_is_a_box_that_links_to_its_page(page, catalog):
    page.goto("/paths/")
    hrefs = page.locator(NODES).evaluate_all("(links) => links.map((a) => a.href.baseVal)")
    assert sorted(hrefs) == sorted(
        f"/roles/{slug}/" for slug in Role.objects.values_list("slug", flat=True)
    )

    page.get_by_role(
        "link", name=re.compile(r"^Coding Auditor: Mid-career, Specialist track")
    ).click()
    expect(page).to_have_url(re.compile(r"/roles/coding-auditor/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Coding Auditor")


def test_every_title_and_band_fits_inside_its_box(page, catalog):
    page.goto("/paths/?role=senior-medical-coder")
    overflowing = page.evaluate(
        """() => [...document.querySelectorAll('.map-node')].flatMap((node) => {
          const box = node.querySelector('.node-box').getBBox();
          return [...node.querySelectorAll('text')].filter((text) => {
            const t = text.getBBox();
            return t.x < box.x || t.x + t.width > box.x + box.width - 2
              || t.y < box.y || t.y + t.height > box.y + box.height;
          }).map((text) => text.textContent);
        })"""
    )
    assert overflowing == []


def test_the_plan_links_to_the_map_which_marks_where_you_stand_and_the_next_tier(page, catalog):
    page.goto("/plan/?role=medical-coder-i&years=2&cert=cpc")
    next_tier = page.locator(".next-role h3 a").all_inner_texts()
    assert len(next_tier) >= 3

    page.get_by_role("link", name="See where you stand on the career map").click()
    expect(page).to_have_url(re.compile(r"/paths/\?role=medical-coder-i$"))
    here = node_names(page, f"{NODES}.is-here")
    assert here == [
        "Medical Coder I: Entry-level, Coding track; pay band $37,000 to $43,490 a year; "
        "you are here"
    ]
    marked = node_names(page, f"{NODES}.is-next")
    assert sorted(name.split(":")[0] for name in marked) == sorted(next_tier)
    assert all(name.endswith("; one tier up") for name in marked)
    # Seen, not only announced: the words are drawn in the boxes, and the route is drawn.
    expect(page.locator(f"{NODES}.is-here .node-mark")).to_have_text("You are here")
    expect(page.locator(f"{NODES}.is-next .node-mark")).to_have_count(len(next_tier))
    expect(page.locator(".map-edge.is-route")).to_have_count(len(next_tier))


def test_the_keyboard_reaches_every_box_in_reading_order_with_a_visible_focus_ring(page, catalog):
    page.goto("/paths/")
    page.locator(".map-scroll").focus()
    expected = node_names(page)
    reached = []
    for _ in expected:
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.ariaLabel")
        reached.append(focused)
        ring = page.evaluate(
            """() => {
              const ring = getComputedStyle(document.activeElement.querySelector('.focus-ring'));
              return {stroke: ring.stroke, width: parseFloat(ring.strokeWidth)};
            }"""
        )
        # Half of the ring is under the box: at least 2 px must show around it.
        assert ring["stroke"] != "none" and ring["width"] / 2 >= 2, (focused, ring)
    assert reached == expected
    # Lanes top to bottom, then stages left to right: the first box is an entry-level coder's.
    assert expected[0].startswith("Medical Coder I: Entry-level, Coding track")

    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/roles/[\w-]+/$"))


def test_on_a_phone_the_drawing_scrolls_inside_its_own_box(new_context, catalog):
    page = new_context(viewport={"width": 320, "height": 640}).new_page()
    page.goto("/paths/?role=medical-coder-i")
    sizes = page.evaluate(
        """() => {
          const box = document.querySelector('.map-scroll');
          return {page: document.documentElement.scrollWidth, box: box.clientWidth,
                  drawing: box.scrollWidth, label: box.getAttribute('aria-label'),
                  tabindex: box.tabIndex};
        }"""
    )
    assert sizes["page"] <= 320 < sizes["drawing"] and sizes["box"] < 320
    assert sizes["label"] == "Career map drawing" and sizes["tabindex"] == 0
    # Text at its own size: the drawing is not shrunk to fit the phone.
    title_size = page.locator(".node-title").first.evaluate(
        "(t) => t.getBoundingClientRect().height"
    )
    assert title_size >= 12
