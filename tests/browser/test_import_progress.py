"""A staff member uploads a large BLS file and sees how far the server has got reading it."""

import re

import pytest
from playwright.sync_api import expect

from tests.factories import write_hostile_workbook

pytestmark = pytest.mark.django_db(transaction=True)

# Reports every text the status line shows. While a form submission is pending Playwright
# cannot query the old page (its execution context counts as gone), but the page's own code
# keeps running and can report to Python.
WATCH_STATUS = """
  document.addEventListener("DOMContentLoaded", () => {
    const status = document.getElementById("import-progress");
    if (!status) return;
    new MutationObserver(() => window.reportStatus(status.textContent)).observe(
      status, { childList: true, characterData: true, subtree: true }
    );
  });
"""


def test_the_upload_page_says_how_far_a_large_file_has_been_read(staff_context, tmp_path):
    # 150,000 rows take seconds to read; the page asks how far the server has got every 0.7 s.
    path = write_hostile_workbook(
        tmp_path / "state_M2030_dl.xlsx", rows=150_000, padding_bytes=512 * 1024
    )
    shown = []
    staff_context.expose_function("reportStatus", lambda text: shown.append(text))
    staff_context.add_init_script(WATCH_STATUS)
    page = staff_context.new_page()
    page.goto("/admin/salaries/release/import/")
    expect(page.locator("#import-progress")).to_be_empty()
    page.get_by_label("Workbook").set_input_files(path)
    page.get_by_role("button", name="Show what would change").click()
    # The answer replaces the page: this file has no row for the occupation (or, on a slow
    # machine, took longer to read than a request may).
    expect(page.locator(".errorlist")).to_contain_text("state_M2030_dl.xlsx", timeout=60_000)
    assert shown[0] == "Uploading the file…"
    reading = [text for text in shown if text.startswith("Reading")]
    assert reading, shown
    line = re.compile(r"Reading state_M2030_dl\.xlsx: [\d,]+ rows so far…")
    assert all(line.fullmatch(text) for text in reading), reading
    counts = [int(re.search(r"([\d,]+) rows", text)[1].replace(",", "")) for text in reading]
    assert counts == sorted(counts) and counts[-1] >= 1000
    expect(page.locator("#import-progress")).to_be_empty()  # the new page starts quiet
