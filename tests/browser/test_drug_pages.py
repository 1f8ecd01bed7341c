"""Drug data pages in real Chromium, from file://, at a server root and under a sub-path."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_the_j9035_page_shows_its_ndcs_and_payment_limit(visit, site_base: str) -> None:
    record = visit(f"{site_base}codes/J9035.html")
    page = record.page
    assert page.locator(".payment-limit").inner_text() == "$75.492"  # October 2026
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
    assert (
        "A9606 is billed per microcurie: one unit is one microcurie"
        in page.locator("#calc-picked").inner_text()
    )
    assert not page.locator("#calculator").is_visible()


def label(page, text: str):
    return page.get_by_label(text, exact=True)


def test_a_data_only_page_computes_units_from_an_ndc(visit, file_base: str) -> None:
    """J9035 has no written guide: its page has the same calculator, NDC mode and money included."""
    record = visit(f"{file_base}codes/J9035.html")
    page = record.page
    assert "One unit of J9035 is 10 mg" in page.locator("#billing-units").inner_text()
    assert page.locator("#calc-ndc-list option[value='50242-0060-01']").count() == 1
    page.get_by_label("The NDC and how many items or packages were used").check()
    label(page, "NDC").fill("5024206001")  # the label's 10 digits, no dashes
    label(page, "Number used").fill("2")
    assert label(page, "Billing units").inner_text() == "20"
    assert page.locator("#calc-claim-text").inner_text() == "J9035 x 20 units NDC 50242-0060-01"
    assert "$1,509.84" in page.locator("#calc-money").inner_text()
    page.get_by_label("The dose given or dispensed").check()
    label(page, "Dose").fill("400")
    assert label(page, "Billing units").inner_text() == "40"
    assert (record.console_errors, record.outside_requests) == ([], [])


def test_a_data_only_page_that_cannot_be_calculated_says_why(visit, file_base: str) -> None:
    record = visit(f"{file_base}codes/J0850.html")
    page = record.page
    section = page.locator("#billing-units").inner_text()
    assert "J0850 is billed per vial: one unit is one vial, so there is no amount to convert." in section
    assert page.locator("#calculator").count() == 0
    assert record.console_errors == []


@pytest.mark.parametrize(
    ("typed", "code", "ndc"),
    [
        ("00469-0617-73", "J7507", "00469-0617-73"),  # 5-4-2, as billed
        ("0469-0617-73", "J7507", "00469-0617-73"),  # 4-4-2, as printed on the label
        ("00469061773", "J7507", "00469-0617-73"),  # 11 digits, no dashes
        ("5024206001", "J9035", "50242-0060-01"),  # 10 digits, no dashes: one reading is in the crosswalk
    ],
)
def test_the_calculator_picker_finds_a_code_by_ndc_in_any_form(
    visit, site_base: str, typed: str, code: str, ndc: str
) -> None:
    record = visit(site_base + "calculator.html")
    page = record.page
    label(page, "Code or drug name").fill(typed)
    option = page.get_by_role("option", name=code)
    assert f"NDC {ndc}" in option.inner_text()
    page.keyboard.press("Enter")
    assert label(page, "NDC").input_value() == ndc  # NDC mode, the package filled in
    label(page, "Number used").fill("1")
    expected = {"J7507": "100", "J9035": "10"}[code]
    assert label(page, "Billing units").inner_text() == expected
    declared = {"J7507": "-KX", "J9035": ""}[code]  # the modifiers J7507's page declares for the line
    assert page.locator("#calc-claim-text").inner_text() == f"{code}{declared} x {expected} units NDC {ndc}"
    assert (record.console_errors, record.outside_requests) == ([], [])


@pytest.mark.parametrize(
    ("typed", "code"), [("J9035", "J9035"), ("bevacizumab", "J9035"), ("Prograf", "J7507")]
)
def test_the_calculator_picker_finds_a_code_by_code_generic_or_brand(
    visit, file_base: str, typed: str, code: str
) -> None:
    page = visit(file_base + "calculator.html").page
    label(page, "Code or drug name").fill(typed)
    assert page.get_by_role("option", name=code).count() == 1
