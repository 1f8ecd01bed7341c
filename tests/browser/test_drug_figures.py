"""Issue 28 items 3, 5 and 6 in real Chromium: the data-age statement and notice are in the HTML
(the same from disk and over http, no script reads a clock), the calculator writes money with
thousands separators as pages do, and a biosimilar's page leads to its reference product's."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

AGED_PAGES = ("codes/J9035.html", "index.html", "calculator.html")


def test_the_data_age_reads_the_same_from_disk_and_over_http(visit, file_base: str, served_under_kb) -> None:
    for path in AGED_PAGES:
        seen = []
        for base in (file_base, served_under_kb.base):
            page = visit(base + path).page
            age = page.locator("#data-age")
            assert age.is_visible(), (base, path)
            notice = page.locator(".data-age-notice")
            assert notice.count() == 0 or notice.is_visible()
            seen.append(age.inner_text())
        assert seen[0] == seen[1], path
        assert "CMS payment limits: October 2026 quarter" in seen[0]


def test_the_calculator_writes_a_limit_with_thousands_separators(visit, site_base: str) -> None:
    page = visit(site_base + "codes/J7504.html").page
    page.get_by_label("Dose", exact=True).fill("250")
    money = page.locator("#calc-money").inner_text()
    assert "$5,509.072 per unit" in money and "5509.072" not in money


def test_a_biosimilar_page_leads_to_its_reference_product_and_back(visit, site_base: str) -> None:
    page = visit(site_base + "codes/Q5107.html").page
    table = page.locator("#biosimilars table")
    assert table.locator("tr", has_text="Q5107").locator("td").last.inner_text() == "10 mg"
    table.get_by_role("link", name="J9035").click()
    page.wait_for_url("**/codes/J9035.html")
    back = page.locator("#biosimilars table tr", has_text="Q5107")
    assert back.locator("td").first.inner_text() == "Biosimilar" and back.get_by_role("link").count() == 1
