"""The home page's search box, the first thing in its main content, opens the results page."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_the_home_search_box_opens_the_results_page_from_disk(visit, file_base: str) -> None:
    record = visit(file_base + "index.html", width=375, height=812)
    page = record.page
    box = page.get_by_label("Find a code, a drug or a brand name")
    assert box.bounding_box()["y"] < 812, "the box is on the first screen on a phone"
    box.fill("tacrolimus")
    box.press("Enter")
    page.wait_for_url("**/search.html?q=tacrolimus")
    expect(page.locator("#search-status")).to_contain_text("\u201ctacrolimus\u201d")
    codes = page.locator("#search-page-results .code").all_inner_texts()
    assert "J7507" in codes
    assert record.console_errors == [] and record.outside_requests == []
