"""The plan's first screen answers the question, and the whole plan stays short."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)

# A Coder II (the catalog's Senior Medical Coder) with a CPC and a CRC, five years in.
CODER_II = "/plan/?role=senior-medical-coder&years=5&cert=cpc&cert=crc&specialty=risk+adjustment"


def page_height(page) -> int:
    return page.evaluate("document.documentElement.scrollHeight")


@pytest.mark.parametrize(("width", "most"), [(1280, 4500), (375, 9000)])
def test_the_coder_ii_plan_with_disclosures_closed_fits_its_height(page, catalog, width, most):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(CODER_II)
    expect(page.get_by_role("heading", name="Share or keep this plan")).to_be_visible()
    assert page.locator(".plan details[open]").count() == 0
    assert page_height(page) <= most, f"{page_height(page)} px at {width} px wide"


def test_the_summary_card_is_in_the_first_screen_at_1280(page, catalog):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(CODER_II)
    card = page.locator(".summary")
    expect(card).to_contain_text("Senior Medical Coder")
    expect(card).to_contain_text("$43,490 – $64,820")
    expect(card).to_be_in_viewport(ratio=1)
    box = card.bounding_box()
    assert box["y"] + box["height"] <= 800
