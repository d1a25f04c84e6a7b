"""A staff member corrects a wage figure in the admin and the planner shows it at once."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_salary_edited_in_the_admin_shows_in_the_planner(staff_context, catalog):
    planner = staff_context.new_page()
    planner.goto("/plan/?role=medical-coder-i&years=2&cert=cpc")
    plan = planner.get_by_role("region", name="Where you stand")
    expect(plan).to_contain_text("$37,000 – $43,490")

    admin = staff_context.new_page()
    admin.goto("/admin/")
    admin.get_by_role("link", name="Wage estimates").click()
    admin.get_by_role("link", name="OEWS May 2025 (current)").click()
    admin.get_by_role("link", name="U.S.", exact=True).click()
    admin.get_by_role("rowheader", name="29-2072 Medical Records Specialists").get_by_role(
        "link"
    ).click()
    tenth = admin.get_by_label("A pct10")
    expect(tenth).to_have_value("37000")
    tenth.fill("38250")
    admin.get_by_role("button", name="Save", exact=True).click()
    expect(admin.get_by_text("was changed successfully")).to_be_visible()

    planner.reload()
    expect(plan).to_contain_text("$38,250 – $43,490")
