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


def visible_rows(page) -> list[str]:
    return page.evaluate(
        "[...document.querySelectorAll('table.catalog tbody tr')].filter(r => r.offsetParent).map(r => r.id)"
    )


def test_the_filter_box_narrows_a_range_page_to_one_code_from_disk(visit, file_base: str) -> None:
    record = visit(file_base + "catalog/J-9000.html")
    page = record.page
    assert len(visible_rows(page)) == 223
    page.get_by_label("Filter codes").fill("j 9035")
    assert visible_rows(page) == ["J9035"]
    assert page.get_by_role("status").inner_text() == "1 of 223 codes shown"
    page.get_by_label("Filter codes").fill("bevacizumab")
    assert "J9035" in visible_rows(page) and len(visible_rows(page)) < 10
    page.get_by_label("Filter codes").fill("")
    page.get_by_label("Status").select_option("terminated")
    terminated = visible_rows(page)
    assert terminated and page.locator("table.catalog tbody tr.t").count() == len(terminated)
    # Print shows only the rows in view, and the page's key open.
    page.evaluate("dispatchEvent(new Event('beforeprint'))")
    page.emulate_media(media="print")
    assert visible_rows(page) == terminated
    assert page.locator("details.legend dd").filter(has_text="51 Drugs").is_visible()
    page.emulate_media(media="screen")
    page.evaluate("dispatchEvent(new Event('afterprint'))")
    assert not page.locator("details.legend").evaluate("d => d.open")
    assert record.console_errors == []
    assert record.outside_requests == []


def test_the_catalog_index_filter_leads_to_the_range_of_a_code(visit, file_base: str) -> None:
    record = visit(file_base + "catalog/index.html")
    page = record.page
    page.get_by_label("Holding codes that are").select_option("terminated")
    counts = page.locator("table.ranges tbody tr:visible td:nth-child(4)").all_inner_texts()
    assert counts and "0" not in counts, "every range left holds a terminated code"
    page.get_by_label("Holding codes that are").select_option("")
    page.get_by_label("Filter pages by code").fill("J9035")
    shown = page.locator("table.ranges tbody tr:visible")
    assert shown.count() == 1
    shown.get_by_role("link").click()
    page.wait_for_url("**/catalog/J-9000.html")
    assert record.console_errors == []


def test_without_script_every_row_shows_and_no_filter_box(browser, file_base: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(file_base + "catalog/J-9000.html")
        assert not page.locator("#catalog-filter").is_visible()
        assert len(visible_rows(page)) == 223
    finally:
        context.close()


def test_a_value_s_meaning_is_one_click_away(visit, file_base: str) -> None:
    page = visit(file_base + "catalog/J-9000.html").page
    legend = page.locator("details.legend")
    drugs = legend.locator("dd").filter(has_text="51 Drugs")
    assert drugs.count() == 1 and not drugs.is_visible()
    legend.locator("summary").click()
    assert drugs.is_visible()
