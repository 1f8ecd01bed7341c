"""A biller in the catalog: home → all codes → a range → a row → its guide → back to the row."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_from_home_to_a_catalog_row_and_its_guide_and_back(visit, site_base: str) -> None:
    record = visit(site_base + "index.html")
    page = record.page
    page.locator("#catalog a[href$='catalog/index.html']").first.click()
    page.wait_for_url("**/catalog/index.html")
    page.get_by_role("link", name="J7030–J7999").click()
    page.wait_for_url("**/catalog/J-7000.html")
    row = page.locator("tr#J7507")
    assert "Tacrolimus, immediate release, oral, 1 mg" in row.inner_text()
    row.get_by_role("link", name="Guide").click()
    page.wait_for_url("**/codes/J7507.html")
    page.get_by_role("link", name="J7507 in the full CMS code list").click()
    page.wait_for_url("**/catalog/J-7000.html#J7507")
    assert page.evaluate("document.querySelector(':target')?.id") == "J7507"
    assert page.locator("tr#J7507").is_visible()
    assert record.console_errors == []
    assert record.outside_requests == []


def test_a_header_leads_to_the_meaning_of_each_value(visit, file_base: str) -> None:
    record = visit(file_base + "catalog/J-7000.html")
    page = record.page
    page.locator("table.catalog thead").get_by_role("link", name="Pricing indicator").click()
    page.wait_for_url("**/catalog/glossary.html#pricing")
    assert "Drugs" in page.locator("tr#pricing-51").inner_text()
    assert record.console_errors == []
