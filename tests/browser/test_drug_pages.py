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
