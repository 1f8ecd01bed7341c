"""The billing-unit calculator in real Chromium: code pages and calculator.html, mostly from file://."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

import pytest

from .conftest import save_screenshot

pytestmark = pytest.mark.browser

ALL_CLEAR = ([], [])


def field(page, label: str):
    return page.get_by_label(label, exact=True)


def open_code(visit, base: str, code: str, query: str = ""):
    record = visit(f"{base}codes/{code}.html{query}")
    field(record.page, "Dose").wait_for()
    return record


def query_of(url: str) -> dict[str, str]:
    return dict(parse_qsl(urlsplit(url).query))


def fill_waste(page, dose: str, container: str, date: str, **optional: str) -> None:
    """Fill the discarded-drug fields; optional keys are labels without spaces (Amount_discarded)."""
    field(page, "Dose").fill(dose)
    field(page, "Container type").select_option(container)
    field(page, "Date of service").fill(date)
    for label, value in optional.items():
        field(page, label.replace("_", " ")).fill(value)


def test_j7507_dose_in_mg_and_in_mcg(visit, file_base: str) -> None:
    record = open_code(visit, file_base, "J7507")
    page = record.page
    assert field(page, "Dose unit").input_value() == "mg"
    field(page, "Dose").fill("2.5")
    assert field(page, "Billing units").inner_text() == "3"
    assert page.locator("#calc-working").inner_text() == "2.5 mg ÷ 1 mg per unit = 2.5 → 3 units (rounded up)"
    assert page.locator("#calc-claim-text").inner_text() == "J7507-KX x 3 units"
    field(page, "Dose").fill("1000")
    field(page, "Dose unit").select_option("mcg")
    assert field(page, "Billing units").inner_text() == "1"
    assert page.locator("#calc-working").inner_text().startswith("1,000 mcg = 1 mg; ")
    assert not page.locator("#calc-jw-row").is_visible()
    assert not field(page, "Amount discarded").count(), "oral drugs have no discarded amount"
    assert (record.console_errors, record.outside_requests) == ALL_CLEAR


def claim_modifier_cells(page) -> list[str]:
    return [r.split("\t")[1] for r in page.locator("#calc-claim-rows tr").all_inner_texts()]


def test_j7507_claim_line_shows_the_kx_its_page_declares(visit, file_base: str) -> None:
    record = open_code(visit, file_base, "J7507")
    page = record.page
    assert not page.locator("#calc-claim").is_visible(), "no claim line before a calculation"
    field(page, "Dose").fill("100")
    assert page.locator("#calc-claim-text").inner_text() == "J7507-KX x 100 units"
    assert claim_modifier_cells(page) == ["KX"]
    assert (record.console_errors, record.outside_requests) == ALL_CLEAR


@pytest.mark.parametrize(
    ("code", "dose", "claim"), [("J7525", "5", "J7525 x 1 unit"), ("J9035", "20", "J9035 x 2 units")]
)
def test_a_page_declaring_no_drug_line_modifier_shows_none(
    visit, file_base: str, code: str, dose: str, claim: str
) -> None:
    """J7525 declares only JW/JZ (the calculator's own); J9035 has no guide, so declares nothing."""
    page = open_code(visit, file_base, code).page
    fill_waste(page, dose, "multi-dose", "2026-03-02")
    assert page.locator("#calc-claim-text").inner_text() == claim
    assert claim_modifier_cells(page) == ["none"]


@pytest.mark.parametrize(
    ("code", "dose", "extra", "units", "jw", "claim"),
    [
        ("J7525", "5", {"Amount_discarded": "5"}, "1", "1", "J7525 x 1 unit\nJ7525-JW x 1 unit"),
        (
            "J7501",
            "200",
            {"Container_size": "100", "Containers_opened": "3"},
            "2",
            "1",
            "J7501 x 2 units\nJ7501-JW x 1 unit",
        ),
    ],
)
def test_discarded_amount_from_a_single_dose_container_gives_a_jw_line(
    visit, file_base: str, code: str, dose: str, extra: dict[str, str], units: str, jw: str, claim: str
) -> None:
    record = open_code(visit, file_base, code)
    page = record.page
    fill_waste(page, dose, "single-dose", "2026-03-02", **extra)
    assert field(page, "Billing units").inner_text() == units
    assert field(page, "JW units").inner_text() == jw
    assert page.locator("#calc-claim-text").inner_text() == claim
    rows = page.locator("#calc-claim-rows tr").all_inner_texts()
    assert [r.split("\t")[:3] for r in rows] == [[code, "none", units], [code, "JW", jw]]
    assert "JW" in page.locator("#calc-working").inner_text()
    assert (record.console_errors, record.outside_requests) == ALL_CLEAR


@pytest.mark.parametrize(
    ("date", "modifier", "note"),
    [
        ("2026-03-02", "JZ", "JZ is required on the line for dates of service on or after 2023-07-01"),
        ("2023-03-01", "none", "JZ is optional for dates of service 2023-01-01 to 2023-06-30"),
        ("2022-06-01", "none", "JZ did not exist before 2023-01-01"),
    ],
)
def test_zero_waste_from_a_single_dose_container_shows_jz_guidance_by_date(
    visit, file_base: str, date: str, modifier: str, note: str
) -> None:
    page = open_code(visit, file_base, "J7525").page
    fill_waste(page, "5", "single-dose", date, Amount_discarded="0")
    assert page.locator("#calc-claim-rows tr td").nth(1).inner_text() == modifier
    assert not page.locator("#calc-jw-row").is_visible()
    assert note in page.locator("#calc-notes").inner_text()


def test_without_a_date_of_service_today_is_used_and_said(visit, file_base: str) -> None:
    page = open_code(visit, file_base, "J7525").page
    fill_waste(page, "5", "single-dose", "", Amount_discarded="0")
    today = page.evaluate("new Date().toLocaleDateString('en-CA')")  # YYYY-MM-DD, the browser's day
    assert f"uses today's date ({today})" in page.locator("#calc-notes").inner_text()


@pytest.mark.parametrize("container", ["multi-dose", "unknown"])
def test_never_a_jw_line_unless_the_container_is_single_dose(visit, file_base: str, container: str) -> None:
    page = open_code(visit, file_base, "J7525").page
    fill_waste(page, "5", container, "2026-03-02", Amount_discarded="5")
    assert field(page, "Billing units").inner_text() == "1"
    assert not page.locator("#calc-jw-row").is_visible()
    assert page.locator("#calc-claim-text").inner_text() == "J7525 x 1 unit"
    expected = "never used for multiple-dose" if container == "multi-dose" else "No JW line is produced"
    assert expected in page.locator("#calc-notes").inner_text()


def test_url_round_trip_and_share_link(visit, site_base: str) -> None:
    record = open_code(visit, site_base, "J7507")
    page = record.page
    field(page, "Dose").fill("2.5")
    assert field(page, "Billing units").inner_text() == "3"
    assert query_of(page.url) == {"code": "J7507", "dose": "2.5", "unit": "mg"}
    share = page.get_by_role("link", name="Link to this result")
    assert share.get_attribute("href") == "?code=J7507&dose=2.5&unit=mg#billing-units"
    share.click()
    page.wait_for_url("**#billing-units")
    reopened = visit(page.url).page
    assert field(reopened, "Dose").input_value() == "2.5"
    assert field(reopened, "Dose unit").input_value() == "mg"
    assert field(reopened, "Billing units").inner_text() == "3"
    assert (record.console_errors, record.outside_requests) == ALL_CLEAR


def test_url_round_trip_keeps_waste_and_rounding(visit, file_base: str) -> None:
    page = open_code(visit, file_base, "J7525").page
    fill_waste(page, "7", "single-dose", "2026-03-02", Amount_discarded="8")
    field(page, "Rounding rule").select_option("decimal-1")
    expected = {"code": "J7525", "dose": "7", "unit": "mg", "container": "single-dose", "discarded": "8"}
    expected |= {"discarded_unit": "mg", "date": "2026-03-02", "rounding": "decimal-1"}
    assert query_of(page.url) == expected
    reopened = visit(page.url).page
    assert field(reopened, "Billing units").inner_text() == "1.4"
    assert field(reopened, "JW units").inner_text() == "1.6"
    assert field(reopened, "Container type").input_value() == "single-dose"


def test_a_shared_url_for_another_code_is_ignored(visit, file_base: str) -> None:
    page = open_code(visit, file_base, "J7507", "?code=J7525&dose=9&unit=mg").page
    assert field(page, "Dose").input_value() == ""
    assert not field(page, "Billing units").is_visible()


def test_rounding_rule_defaults_to_cms_with_its_citation_and_offers_payer_rules(
    visit, file_base: str
) -> None:
    page = open_code(visit, file_base, "J7507").page
    rounding = field(page, "Rounding rule")
    assert rounding.input_value() == "cms-up"
    options = rounding.locator("option").all_inner_texts()
    assert options[0] == "Round up to the next whole unit (CMS / Medicare)" and len(options) == 5
    help_text = page.locator("#calc-rounding-help")
    assert (
        "Chapter 17, §10" in help_text.inner_text()
        and "rounds to the next highest unit" in help_text.inner_text()
    )
    link = help_text.get_by_role("link")
    assert link.get_attribute("href") == "https://www.cms.gov/manuals/downloads/clm104c17.pdf"
    assert set(link.get_attribute("rel").split()) >= {"noopener", "noreferrer"}
    field(page, "Dose").fill("2.4")
    assert field(page, "Billing units").inner_text() == "3"
    for mode, units in (("nearest", "2"), ("decimal-2", "2.4"), ("cms-up", "3")):
        rounding.select_option(mode)
        assert field(page, "Billing units").inner_text() == units, mode
    rounding.select_option("nearest")
    assert "payer" in page.locator("#calc-notes").inner_text()


def test_oral_supply_for_a_period(visit, file_base: str) -> None:
    page = open_code(visit, file_base, "J7507").page
    page.get_by_label("A supply for a period").check()
    assert not field(page, "Dose").is_visible()
    assert "Enter the strength" in page.locator("#calc-prompt").inner_text()
    for label, value in (
        ("Strength", "1"),
        ("Quantity per dose", "2"),
        ("Doses per day", "2"),
        ("Days supply", "30"),
    ):
        field(page, label).fill(value)
    assert field(page, "Billing units").inner_text() == "120"
    assert (
        page.locator("#calc-working").inner_text().startswith("1 mg × 2 per dose × 2 doses per day × 30 days")
    )
    assert query_of(page.url)["basis"] == "supply"


def test_bad_input_is_marked_on_its_field_and_announced(visit, file_base: str) -> None:
    page = open_code(visit, file_base, "J7507").page
    dose = field(page, "Dose")
    dose.fill("1e3")
    assert dose.get_attribute("aria-invalid") == "true"
    message = page.locator("#calc-dose-error").inner_text()
    assert "write the number out in full" in message
    assert message in page.locator("#calc-result").inner_text()
    assert not field(page, "Billing units").is_visible()
    assert "calc-dose-error" in dose.get_attribute("aria-describedby")
    dose.fill("2")
    assert dose.get_attribute("aria-invalid") is None
    assert field(page, "Billing units").inner_text() == "2"


def test_copy_button_copies_the_claim_lines(visit, file_base: str) -> None:
    record = open_code(visit, file_base, "J7525")
    page = record.page
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    fill_waste(page, "5", "single-dose", "2026-03-02", Amount_discarded="5")
    page.get_by_role("button", name="Copy claim lines").click()
    status = page.locator("#calc-copy-status")
    status.filter(has_text="Copied").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == "J7525 x 1 unit\nJ7525-JW x 1 unit"


UNLABELLED_CONTROLS = """() => Array.from(document.querySelectorAll(
    '#calculator input, #calculator select, #calculator output, #calc-code'))
  .filter((el) => !el.labels || !el.labels.length || !el.labels[0].textContent.trim())
  .map((el) => el.id || el.name)"""


def test_every_control_has_a_label_and_the_result_is_live(visit, file_base: str) -> None:
    for path in ("codes/J7525.html", "codes/J7507.html", "calculator.html?code=J7501"):
        page = visit(file_base + path).page
        page.locator("#calculator").wait_for()
        unlabelled = page.evaluate(UNLABELLED_CONTROLS)
        assert unlabelled == [], path
        assert page.locator("#calc-result").get_attribute("aria-live") == "polite"


def test_keyboard_only_on_a_code_page(visit, file_base: str) -> None:
    page = open_code(visit, file_base, "J7507").page
    tab_to(page, "calc-dose")
    page.keyboard.type("2.5")
    page.keyboard.press("Tab")
    page.keyboard.press("ArrowDown")  # mg -> g in the Dose unit select
    assert field(page, "Dose unit").input_value() == "g"
    assert field(page, "Billing units").inner_text() == "2500"


def tab_to(page, element_id: str, limit: int = 80) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement && document.activeElement.id") == element_id:
            return
    raise AssertionError(f"#{element_id} cannot be reached with the Tab key")


def test_calculator_page_pick_a_code_by_keyboard(visit, file_base: str) -> None:
    record = visit(file_base + "calculator.html")
    page = record.page
    assert not page.locator("#calculator").is_visible()
    tab_to(page, "calc-code")
    page.keyboard.type("tacrolimus")
    combobox = page.get_by_role("combobox", name="Code or drug name")
    assert combobox.get_attribute("aria-expanded") == "true"
    options = page.get_by_role("option").all_inner_texts()
    assert options[0].startswith("J7503") and any(o.startswith("J7525") for o in options)
    for _ in range(len(options)):
        page.keyboard.press("ArrowDown")
        if combobox.get_attribute("aria-activedescendant") == "calc-option-J7525":
            break
    page.keyboard.press("Enter")
    assert combobox.get_attribute("aria-expanded") == "false"
    assert combobox.input_value() == "J7525 — Tacrolimus, parenteral, 5 mg"
    assert "one unit is 5 mg" in page.locator("#calc-picked").inner_text()
    tab_to(page, "calc-dose")
    page.keyboard.type("12.5")
    assert field(page, "Billing units").inner_text() == "3"
    assert field(page, "Amount discarded").is_visible()
    assert query_of(page.url) == {"code": "J7525", "dose": "12.5", "unit": "mg"}
    save_screenshot(page, "calculator-picked")
    assert (record.console_errors, record.outside_requests) == ALL_CLEAR


def test_calculator_page_pick_by_brand_name_with_the_mouse_then_a_code_without_units(
    visit, file_base: str
) -> None:
    page = visit(file_base + "calculator.html").page
    combobox = field(page, "Code or drug name")
    combobox.fill("cellcept")
    page.get_by_role("option", name="J7517").click()
    assert field(page, "Strength").count() and not field(page, "Amount discarded").is_visible()
    field(page, "Dose").fill("750")
    assert field(page, "Billing units").inner_text() == "3"
    combobox.fill("J7599")
    page.keyboard.press("Enter")
    assert "names no amount" in page.locator("#calc-picked").inner_text()
    assert not page.locator("#calculator").is_visible()
    assert query_of(page.url) == {"code": "J7599"}


def test_calculator_page_opens_from_a_shared_url(visit, site_base: str) -> None:
    record = visit(site_base + "calculator.html?code=j7507&dose=2.5&unit=mg")
    page = record.page
    assert field(page, "Billing units").inner_text() == "3"
    assert field(page, "Code or drug name").input_value().startswith("J7507 — ")
    link = page.locator("#calc-picked a")
    assert link.get_attribute("href") == "codes/J7507.html"
    link.click()
    page.wait_for_url("**/codes/J7507.html")
    assert (record.console_errors, record.outside_requests) == ALL_CLEAR


def test_without_javascript_the_rule_is_text_and_the_form_stays_hidden(browser, file_base: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(file_base + "codes/J7507.html")
        section = page.locator("#billing-units")
        assert "One unit of J7507 is 1 mg" in section.inner_text()
        assert "rounds up to the next whole unit" in section.inner_text()
        assert not page.locator("#calculator").is_visible()
        page.goto(file_base + "calculator.html")
        assert "needs JavaScript" in page.locator("main").inner_text()
        assert not page.locator("#code-picker").is_visible()
    finally:
        context.close()


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_calculator_fits_the_screen(visit, file_base: str, width: int, dark: bool) -> None:
    query = "?code=J7525&dose=5&unit=mg&container=single-dose&discarded=5&date=2026-03-02"
    record = visit(f"{file_base}codes/J7525.html{query}", width=width, dark=dark)
    page = record.page
    assert field(page, "JW units").inner_text() == "1"
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.locator("#billing-units").scroll_into_view_if_needed()
    save_screenshot(page, f"calculator-J7525-{width}-{'dark' if dark else 'light'}")


def pick_code(page, code: str) -> None:
    combobox = field(page, "Code or drug name")
    combobox.fill(code)
    page.keyboard.press("Enter")


def fill_ndc(page, ndc: str, count: str) -> None:
    """NDC mode: the package's NDC and how many items were used."""
    page.get_by_label("The NDC and how many items or packages were used").check()
    field(page, "NDC").fill(ndc)
    field(page, "Number used").fill(count)


def ndc_on_calculator_page(visit, base: str, code: str, ndc: str, count: str):
    """calculator.html with `code` picked and NDC mode filled in; the visit's record."""
    record = visit(base + "calculator.html")
    pick_code(record.page, code)
    fill_ndc(record.page, ndc, count)
    return record


@pytest.mark.parametrize(
    ("code", "typed", "count", "units", "working", "claim", "money"),
    [
        pytest.param(
            "J9035",
            "50242-0060-01",
            "2",
            "20",
            "2 items × 10 billable units per item = 20 (200 mg ÷ 10 mg per unit) → 20 units "
            "(no rounding needed)",
            "J9035 x 20 units NDC 50242-0060-01",
            ("$1,509.84", "$301.97"),
            id="j9035-two-vials",
        ),
        pytest.param(
            "J7507",
            "00469061773",
            "1",
            "100",
            "1 item × 100 billable units per item = 100 (100 mg ÷ 1 mg per unit) → 100 units "
            "(no rounding needed)",
            "J7507-KX x 100 units NDC 00469-0617-73",
            (),
            id="j7507-a-bottle-typed-without-dashes",
        ),
    ],
)
def test_calculator_page_ndc_mode_with_money_and_url(
    visit, site_base: str, code: str, typed: str, count: str, units: str, working: str, claim: str, money
) -> None:
    """Pick a code, give an NDC as typed and a count: units, the working, the claim line (NDC in
    5-4-2 form), the money line and a URL that reopens the same result; the Dose field is hidden."""
    record = ndc_on_calculator_page(visit, site_base, code, typed, count)
    page = record.page
    assert field(page, "Billing units").inner_text() == units
    assert page.locator("#calc-working").inner_text() == working
    assert page.locator("#calc-claim-text").inner_text() == claim
    assert not field(page, "Dose").is_visible()
    shown = page.locator("#calc-money").inner_text()
    label = "Medicare Part B payment limit: not what a commercial payer or Part D plan pays"
    assert f"{label} (October 2026, from a copy of the CMS file (GitHub samaypatel27/gtech_hacks" in shown
    assert "the billable units are from the January 2026 NDC–HCPCS crosswalk" in shown
    assert all(figure in shown for figure in money), shown
    assert query_of(page.url) == {"code": code, "mode": "ndc", "ndc": typed, "items": count}
    reopened = visit(page.url).page
    assert field(reopened, "NDC").input_value() == typed
    assert field(reopened, "Billing units").inner_text() == units
    assert (record.console_errors, record.outside_requests) == ALL_CLEAR


def test_code_page_ndc_mode_from_the_list(visit, file_base: str) -> None:
    record = open_code(visit, file_base, "J7507")
    page = record.page
    assert page.locator("#calc-ndc-list option[value='00469-0617-73']").count() == 1
    fill_ndc(page, "00469-0617-73", "2")
    assert field(page, "Billing units").inner_text() == "200"
    assert (record.console_errors, record.outside_requests) == ALL_CLEAR


def test_calculator_page_ndc_mode_refuses_an_inconsistent_cms_row(visit, file_base: str) -> None:
    """J0290's crosswalk row says 0.25 units per vial × 10 vials but 3 units per package."""
    record = ndc_on_calculator_page(visit, file_base, "J0290", "00781-3400-95", "1")
    page = record.page
    error = page.locator("#calc-ndc-error").inner_text()
    assert "0.25 billable units per item × 10 items ≠ 3 billable units per package" in error
    assert "calculate from the dose instead" in error
    assert not page.locator("#calc-totals").is_visible()
    assert (record.console_errors, record.outside_requests) == ALL_CLEAR


UP = "(rounded up)"


@pytest.mark.parametrize(
    ("code", "ndc", "units", "working", "money"),
    [
        ("J0290", "00781-3402-95", "1", f"0.5 (250 mg ÷ 500 mg per unit) → 1 unit {UP}", "$0.62"),
        ("J0129", "00003-2818-11", "9", f"8.75 (87.5 mg ÷ 10 mg per unit) → 9 units {UP}", "$413.43"),
        (  # "digoxin, up to 0.5 mg"
            "J1160",
            "70515-0262-10",
            "1",
            '0.2 (0.1 mg ÷ up to 0.5 mg per unit) → 1 unit (descriptor "up to": any amount up to it is '
            "1 unit)",
            "$3.81",
        ),
    ],
)
def test_ndc_mode_bills_a_fractional_package_in_whole_units(
    visit, site_base: str, code: str, ndc: str, units: str, working: str, money: str
) -> None:
    """Issue 28 item 1, the real CMS rows, from file://, at a root and under a sub-path: a package
    holding part of a billing unit is billed in whole units by dose mode's rule, and the money line
    and the copyable claim line follow the rounded units."""
    record = ndc_on_calculator_page(visit, site_base, code, ndc, "1")
    page = record.page
    assert field(page, "Billing units").inner_text() == units
    assert page.locator("#calc-working").inner_text().endswith(f"billable units per item = {working}")
    plural = "" if units == "1" else "s"
    assert page.locator("#calc-claim-text").inner_text() == f"{code} x {units} unit{plural} NDC {ndc}"
    assert f"Payment limit for the line: {money}" in page.locator("#calc-money").inner_text()
    assert "billable units; the claim bills whole units" in page.locator("#calc-notes").inner_text()
    if code == "J0290":
        page.locator("#calc-claim").scroll_into_view_if_needed()
        save_screenshot(page, "ndc-mode-whole-units")
    assert (record.console_errors, record.outside_requests) == ALL_CLEAR


def test_ndc_mode_takes_the_payer_rounding_rule_too(visit, file_base: str) -> None:
    record = ndc_on_calculator_page(visit, file_base, "J0290", "00781-3402-95", "3")
    page = record.page
    assert field(page, "Billing units").inner_text() == "2"
    field(page, "Rounding rule").select_option("decimal-1")
    assert field(page, "Billing units").inner_text() == "1.5"
    assert query_of(page.url)["rounding"] == "decimal-1"
    assert (record.console_errors, record.outside_requests) == ALL_CLEAR


CONFIRM = "Use the corrected reading of a row marked as a CMS data fault"


@pytest.mark.parametrize(("code", "ndc"), [("J0256", "00053-7201-02"), ("J0257", "00944-2884-01")])
def test_a_cms_data_fault_row_is_kept_out_of_ndc_mode_until_the_user_confirms(
    visit, site_base: str, code: str, ndc: str
) -> None:
    """Issue 28 item 2: the alpha-1 proteinase inhibitor vials' 0.1 units are refused with the
    reading the figures support; the labelled checkbox bills that reading (100 units)."""
    record = open_code(visit, site_base, code)
    page = record.page
    assert "CMS data fault" in page.locator("#cms-data-faults").inner_text()
    page.locator("#cms-data-faults").scroll_into_view_if_needed()
    save_screenshot(page, f"cms-data-fault-notice-{code}")
    assert not field(page, CONFIRM).is_visible(), "dose mode has no NDC confirmation"
    fill_ndc(page, ndc, "1")
    error = page.locator("#calc-ndc-error").inner_text()
    assert "CMS data fault" in error and "100 units of 10 mg: a factor of 1,000" in error
    assert not page.locator("#calc-totals").is_visible()
    field(page, CONFIRM).check()
    assert field(page, "Billing units").inner_text() == "100"
    assert page.locator("#calc-claim-text").inner_text() == f"{code} x 100 units NDC {ndc}"
    assert "the corrected reading, 1 g per item" in page.locator("#calc-working").inner_text()
    save_screenshot(page, f"ndc-mode-fault-{code}")
    assert (record.console_errors, record.outside_requests) == ALL_CLEAR


@pytest.mark.parametrize(
    ("code", "dose", "unit", "units", "offered"),
    [
        ("J1460", "3", "mL", "3", ["cc", "L", "mL"]),  # 1 cc = 1 mL by definition
        ("J7192", "2500", "IU", "2500", ["IU", "units"]),  # never mg
        ("J3480", "20", "mEq", "10", ["mEq"]),
        ("J7050", "1", "L", "4", ["cc", "L", "mL"]),
    ],
)
def test_a_unit_that_needs_no_conversion_gets_a_calculator(
    visit, file_base: str, code: str, dose: str, unit: str, units: str, offered: list[str]
) -> None:
    """Issue 28 item 4: a dose in the descriptor's own unit divides; only units that convert are offered."""
    record = open_code(visit, file_base, code)
    page = record.page
    assert page.locator("#calc-unit option").all_inner_texts() == offered
    field(page, "Dose").fill(dose)
    field(page, "Dose unit").select_option(unit)
    assert field(page, "Billing units").inner_text() == units
    assert (record.console_errors, record.outside_requests) == ALL_CLEAR
