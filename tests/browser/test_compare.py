"""The role and credential comparisons on a phone: one card per compared item, each within the
screen's width, every Sources disclosure open included; side by side, as a table, on a wide
screen; no accessibility violation at either width."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)

COMPARISONS = {
    "roles": (
        "/compare/?role=medical-coder-i&role=senior-medical-coder&role=coding-auditor",
        ["Medical Coder I", "Senior Medical Coder", "Coding Auditor"],
    ),
    "credentials": ("/certifications/compare/?cert=cpc&cert=ccs", ["CPC", "CCS"]),
}
SCROLLS_SIDEWAYS = "document.documentElement.scrollWidth > window.innerWidth"


@pytest.mark.parametrize("width", [320, 375])
@pytest.mark.parametrize("name", COMPARISONS)
def test_on_a_phone_each_compared_item_is_a_card_within_the_screen(
    new_context, catalog, name, width
):
    path, items = COMPARISONS[name]
    page = new_context(viewport={"width": width, "height": 700}).new_page()
    page.goto(path)
    cards = page.locator(".compare-cards tbody tr")
    expect(cards).to_have_count(len(items))
    for card, item in zip(cards.all(), items, strict=True):
        expect(card.get_by_role("heading", level=3)).to_have_text(item)
        # Each aspect is named inside the card, where the wide table's header cannot be seen.
        expect(card.locator(".cell-label").first).to_be_visible()
    # Stacked, in the order asked: each card starts below the one before.
    tops = [
        card.evaluate("(el) => el.getBoundingClientRect().top + scrollY") for card in cards.all()
    ]
    assert tops == sorted(tops) and len(set(tops)) == len(items)
    for card in cards.all():  # every citation shown, the longest addresses included
        card.locator("summary", has_text="Sources").click()
        expect(card.locator(".source-list")).to_be_visible()
    for card, item in zip(cards.all(), items, strict=True):
        box = card.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width, f"{item}: {box}"
    assert not page.evaluate(SCROLLS_SIDEWAYS)
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("name", COMPARISONS)
def test_on_a_wide_screen_the_items_stand_side_by_side_in_a_table(new_context, catalog, name):
    path, items = COMPARISONS[name]
    page = new_context(viewport={"width": 1280, "height": 800}).new_page()
    page.goto(path)
    table = page.get_by_role("table", name="Side by side")
    headers = table.get_by_role("rowheader")
    expect(headers).to_have_text(items)
    expect(table.get_by_role("columnheader", name="Sources")).to_be_visible()
    expect(page.locator(".cell-label").first).to_be_hidden()  # the header column names them
    boxes = [header.bounding_box() for header in headers.all()]
    assert len({round(box["y"]) for box in boxes}) == 1  # one line of item names
    assert [box["x"] for box in boxes] == sorted(box["x"] for box in boxes)
    assert not page.evaluate(SCROLLS_SIDEWAYS)


@pytest.mark.parametrize("width", [320, 1280])
@pytest.mark.parametrize("name", COMPARISONS)
def test_the_comparison_stays_a_table_for_assistive_technology_at_any_width(
    new_context, catalog, name, width
):
    """Stacked as cards, the cells are display: block; the browser's accessibility tree (here
    Chromium's, read over CDP) must still hold one table, a row per item with its header and
    a cell per aspect. The markup names each role explicitly for browsers (Safari) that drop
    table semantics when a table's display changes."""
    path, items = COMPARISONS[name]
    page = new_context(viewport={"width": width, "height": 700}).new_page()
    page.goto(path)
    aspects = page.locator(".compare-cards thead th").count() - 1
    tree = page.context.new_cdp_session(page).send("Accessibility.getFullAXTree")["nodes"]
    roles = [n["role"]["value"] for n in tree if not n.get("ignored")]
    assert roles.count("table") == 1
    assert roles.count("rowheader") == len(items)
    assert roles.count("cell") == len(items) * aspects
    assert roles.count("row") >= len(items)
