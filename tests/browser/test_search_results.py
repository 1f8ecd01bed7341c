"""The result list in Chromium (issue 18): what each result shows, "did you mean", Enter on an exact
code, and the drop-down's "All N results" link in view and working on a desktop and on a phone."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from .test_search import ALL_CLEAR, first_result, type_query

pytestmark = pytest.mark.browser

DESKTOP = (1280, 800)
PHONE = (375, 812)


def test_a_result_shows_code_title_billing_unit_and_snippet(visit, site_base: str) -> None:
    record = visit(site_base + "index.html")
    type_query(record.page, "tacrolimus")
    top = first_result(record.page)
    expect(top.locator(".code")).to_have_text("J7507")
    expect(top.locator(".result-title")).to_contain_text("Tacrolimus")
    expect(top.locator(".result-unit")).to_have_text("Billing unit: 1 mg")
    snippet = top.locator(".result-snippet").inner_text()
    assert snippet[:1].isupper(), f"a snippet starts at a sentence or heading: {snippet!r}"
    assert (record.console_errors, record.outside_requests) == ALL_CLEAR


def test_a_terminated_code_says_so_visibly(visit, site_base: str) -> None:
    record = visit(site_base + "index.html")
    type_query(record.page, "J7505")
    badge = first_result(record.page).locator(".badge-terminated")
    expect(badge).to_be_visible()
    expect(badge).to_have_text("Terminated", ignore_case=True)
    assert (record.console_errors, record.outside_requests) == ALL_CLEAR


@pytest.mark.parametrize(
    ("query", "meant", "code"),
    [("tacrolimis", "tacrolimus", "J7507"), ("mycophenolte", "mycophenolate", "J7517")],
)
def test_a_typo_is_found_and_offered_as_did_you_mean(
    visit, site_base: str, query: str, meant: str, code: str
) -> None:
    record = visit(site_base + "index.html")
    type_query(record.page, query)
    expect(record.page.locator("#search-popup .search-suggestion")).to_have_text(
        f"Did you mean \u201c{meant}\u201d?"
    )
    codes = record.page.locator("#search-popup .search-result .code").all_inner_texts()
    assert code in codes[:3]
    assert (record.console_errors, record.outside_requests) == ALL_CLEAR


def test_enter_on_an_exact_code_opens_its_page(visit, site_base: str) -> None:
    record = visit(site_base + "index.html")
    type_query(record.page, "j 7507")
    record.page.keyboard.press("Enter")
    record.page.wait_for_url("**/codes/J7507.html")
    assert record.page.locator("h1").inner_text().startswith("J7507")
    assert (record.console_errors, record.outside_requests) == ALL_CLEAR


@pytest.mark.parametrize(("width", "height"), [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_all_results_link_is_in_view_and_opens_the_results_page(
    visit, site_base: str, width: int, height: int
) -> None:
    record = visit(site_base + "codes/J7507.html", width=width, height=height)
    page = record.page
    type_query(page, "wheelchair")
    link = page.locator("#search-popup .search-popup-foot a")
    expect(link).to_have_text(re.compile(r"^All \d+ results$"))
    box = link.bounding_box()
    assert box is not None
    assert box["x"] >= 0 and box["x"] + box["width"] <= width, f"cut off sideways: {box}"
    assert box["y"] >= 0 and box["y"] + box["height"] <= height, f"below the screen: {box}"
    popup = page.locator("#search-popup").bounding_box()
    assert popup["y"] <= box["y"] and box["y"] + box["height"] <= popup["y"] + popup["height"], (
        "inside the drop-down"
    )
    link.click()
    page.wait_for_url("**/search.html?q=wheelchair")
    expect(page.locator("#search-status")).to_contain_text("\u201cwheelchair\u201d")
    assert (record.console_errors, record.outside_requests) == ALL_CLEAR
