"""The career map in a real browser: a drawing whose boxes are links, whose arrows each end at
their own point, that marks where you stand, lights a box's moves, that a keyboard can walk
through, and that becomes lists, stage by stage, on a phone."""

import re

import pytest
from playwright.sync_api import expect

from stages.models import Role, Transition

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
    # Your moves are drawn strongly: every move out of your role, and no other.
    moves = Transition.objects.filter(from_role__slug="medical-coder-i").count()
    expect(page.locator(".map-edge.is-route")).to_have_count(moves)
    expect(page.locator('.map-edge.is-route:not([data-from="medical-coder-i"])')).to_have_count(0)


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


ARROW_ENDS = """() => [...document.querySelectorAll('.map-svg .map-edge')].map((path) => {
  const start = path.getPointAtLength(0);
  const end = path.getPointAtLength(path.getTotalLength());
  return {move: path.dataset.from + ' -> ' + path.dataset.to,
          start: [start.x, start.y], end: [end.x, end.y]};
})"""


def near(a, b) -> bool:
    return abs(a[0] - b[0]) < 1 and abs(a[1] - b[1]) < 1


def test_no_arrow_ends_where_another_arrows_head_or_tail_is(page, catalog):
    page.goto("/paths/")
    arrows = page.evaluate(ARROW_ENDS)
    assert len(arrows) == Transition.objects.count() > 10
    for n, arrow in enumerate(arrows):
        for other in arrows[n + 1 :]:
            assert not near(arrow["end"], other["end"]), (arrow["move"], other["move"])
            assert not near(arrow["end"], other["start"]), (arrow["move"], other["move"])
            assert not near(arrow["start"], other["end"]), (arrow["move"], other["move"])
    # Each arrowhead sits on the side of its target's box.
    boxes = page.evaluate(
        """() => Object.fromEntries([...document.querySelectorAll('.map-node')].map((node) => {
          const b = node.querySelector('.node-box').getBBox();
          return [node.dataset.key, [b.x, b.y, b.width, b.height]];
        }))"""
    )
    for arrow in arrows:
        x, y, width, height = boxes[arrow["move"].split(" -> ")[1]]
        ex, ey = arrow["end"]
        assert min(abs(ex - x), abs(ex - x - width)) < 1 and y < ey < y + height, arrow


def test_pointing_at_or_focusing_a_box_lights_its_moves(page, catalog):
    page.goto("/paths/")
    auditor = page.locator('.map-node[data-key="coding-auditor"]')
    own = '.map-edge[data-from="coding-auditor"], .map-edge[data-to="coding-auditor"]'
    count = Transition.objects.filter(from_role__slug="coding-auditor").count()
    count += Transition.objects.filter(to_role__slug="coding-auditor").count()
    auditor.hover()
    expect(page.locator(".map-edge.is-lit")).to_have_count(count)
    expect(page.locator(own).and_(page.locator(".map-edge.is-lit"))).to_have_count(count)
    expect(page.locator(".map-svg")).to_have_class(re.compile(r"\bis-lit\b"))
    page.mouse.move(0, 0)
    expect(page.locator(".map-edge.is-lit")).to_have_count(0)
    # The keyboard lights them too.
    page.locator('.map-node[data-key="medical-coder-i"]').focus()
    moves = Transition.objects.filter(to_role__slug="medical-coder-i").count()
    moves += Transition.objects.filter(from_role__slug="medical-coder-i").count()
    expect(page.locator(".map-edge.is-lit")).to_have_count(moves)


@pytest.mark.parametrize("width", [375, 320])
def test_on_a_phone_the_map_is_lists_stage_by_stage_inside_the_screen(new_context, catalog, width):
    page = new_context(viewport={"width": width, "height": 700}).new_page()
    page.goto("/paths/?role=medical-coder-i")
    expect(page.get_by_role("heading", name="The map as lists")).to_be_visible()
    expect(page.locator(".map-scroll")).to_be_hidden()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    headings = page.locator(".map-stage h3").evaluate_all(
        "(hs) => hs.map((h) => h.firstChild.textContent.trim())"
    )
    assert headings == ["Entry-level", "Mid-career", "Senior/Management"]
    links = page.locator('#map-lists a[href^="/roles/"]')
    boxes = links.evaluate_all(
        "(as) => as.map((a) => { const r = a.getBoundingClientRect(); return [r.left, r.right]; })"
    )
    assert len(boxes) >= Role.objects.count() + Transition.objects.count()
    assert all(left >= 0 and right <= width for left, right in boxes), boxes
    expect(page.locator(".map-role.is-here")).to_contain_text("Medical Coder I")
    expect(page.locator(".map-role.is-here .tag")).to_have_text("You are here")
