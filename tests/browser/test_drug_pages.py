"""Drug data pages in real Chromium, from file://, at a server root and under a sub-path."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_the_j9035_page_shows_its_ndcs_and_payment_limit(visit, site_base: str) -> None:
    record = visit(f"{site_base}codes/J9035.html")
    page = record.page
    assert page.locator(".payment-limit").inner_text() == "$73.632"
    ndcs = page.locator(".ndc-table tbody th").all_inner_texts()
    assert "50242-0060-01" in ndcs and "50242-0061-01" in ndcs
    assert page.locator("svg.limit-chart title").count() == 1
    assert record.console_errors == [] and record.outside_requests == []


def test_the_chart_draws_in_the_text_colour_in_dark_mode(visit, file_base: str) -> None:
    page = visit(f"{file_base}codes/J9035.html", dark=True).page
    chart = page.locator("svg.limit-chart")
    text = page.locator("#drug-data h2")
    colour = "el => getComputedStyle(el).color"
    assert chart.evaluate(colour) == text.evaluate(colour)


def test_the_calculator_picker_finds_a_drug_code_without_a_guide_by_brand(visit, site_base: str) -> None:
    page = visit(site_base + "calculator.html").page
    combobox = page.get_by_label("Code or drug name", exact=True)
    combobox.fill("avastin")
    page.get_by_role("option", name="J9035").click()
    page.get_by_label("Dose", exact=True).fill("400")
    assert page.get_by_label("Billing units", exact=True).inner_text() == "40"
    link = page.locator("#calc-picked a")
    assert link.get_attribute("href").endswith("codes/J9035.html")


def test_a_drug_code_whose_descriptor_names_no_amount_says_why(visit, file_base: str) -> None:
    """A9606 is billed "per microcurie": not a unit the calculator converts, so it says why."""
    page = visit(file_base + "calculator.html").page
    page.get_by_label("Code or drug name", exact=True).fill("A9606")
    page.keyboard.press("Enter")
    assert "names no amount" in page.locator("#calc-picked").inner_text()
    assert not page.locator("#calculator").is_visible()
