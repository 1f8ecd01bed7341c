"""Issue 20, the code page in Chromium: the answer on the first screen, the Dose field a few Tab
presses away, a header and a contents list that follow the reader, a readable measure, back to top on
a phone, and a printout that keeps the calculation with its address and date."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

FIRST_SCREEN = {"width": 1280, "height": 800}


def test_billing_unit_and_dose_field_are_on_the_first_screen(visit, site_base: str) -> None:
    page = visit(site_base + "codes/J7507.html", **FIRST_SCREEN).page
    page.locator("#calc-dose").wait_for(state="visible")
    for selector in (".summary-unit strong", "#calc-dose"):
        box = page.locator(selector).bounding_box()
        assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= 800, (selector, box)
    assert page.locator(".summary-unit strong").inner_text() == "1 unit = 1 mg"


def focused_id(page) -> str:
    return page.evaluate("(e => e && (e.id || e.className))(document.activeElement)")


def test_dose_field_is_at_most_five_tab_presses_after_the_skip_link(visit, file_base: str) -> None:
    page = visit(file_base + "codes/J7507.html", **FIRST_SCREEN).page
    page.locator("#calc-dose").wait_for(state="visible")
    page.keyboard.press("Tab")
    assert focused_id(page) == "skip"
    page.keyboard.press("Enter")
    presses = 0
    while focused_id(page) != "calc-dose" and presses < 12:
        page.keyboard.press("Tab")
        presses += 1
    assert focused_id(page) == "calc-dose" and presses <= 5, presses


def test_header_with_search_stays_on_screen_after_scrolling(visit, site_base: str) -> None:
    page = visit(site_base + "codes/J7507.html", **FIRST_SCREEN).page
    page.evaluate("document.getElementById('sources').scrollIntoView()")
    assert page.evaluate("window.scrollY") > 2000
    header = page.locator("header.site-header").bounding_box()
    search = page.locator("#search-q").bounding_box()
    assert header["y"] == 0 and 0 <= search["y"] < header["height"]
    heading = page.locator("#sources h2").bounding_box()
    assert heading["y"] >= header["height"], "a jump to a section lands below the header, not under it"


def marked(page) -> list[str]:
    return page.eval_on_selector_all(
        "nav.contents a[aria-current='true']", "links => links.map(a => a.getAttribute('href'))"
    )


def link_boxes(page) -> list[tuple[float, float, float, float]]:
    return page.eval_on_selector_all(
        "nav.contents a",
        "links => links.map(a => a.getBoundingClientRect()).map(r => [r.x, r.y, r.width, r.height])",
    )


def test_contents_list_marks_the_section_in_view_without_moving_anything(visit, site_base: str) -> None:
    page = visit(site_base + "codes/J7507.html", **FIRST_SCREEN).page
    for slug in ("documentation-requirements", "similar-codes", "clinical-context"):
        page.evaluate(f"document.getElementById('{slug}').scrollIntoView()")
        expect(page.locator(f"nav.contents a[href='#{slug}']")).to_have_attribute("aria-current", "true")
        assert marked(page) == [f"#{slug}"]
        assert page.locator("nav.contents").is_visible()
        before = link_boxes(page)
        page.evaluate("window.scrollBy(0, 40)")  # within the same section: nothing on the list moves
        assert [b[0] for b in link_boxes(page)] == [b[0] for b in before]
        assert [b[2:] for b in link_boxes(page)] == [b[2:] for b in before]


def test_contents_are_plain_links_without_javascript(browser, file_base: str) -> None:
    context = browser.new_context(java_script_enabled=False, viewport=FIRST_SCREEN)
    page = context.new_page()
    page.goto(file_base + "codes/J7507.html")
    links = page.locator("nav.contents a")
    assert links.count() >= 10 and marked(page) == []
    links.filter(has_text="Common Denial Reasons").click()
    assert page.url.endswith("#common-denial-reasons")
    context.close()


FIRST_LINE_LENGTHS = """() => [...document.querySelectorAll('.page-body p')].map(p => {
    const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    let top = null, count = 0;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        for (let i = 0; i < node.length; i++) {
            range.setStart(node, i); range.setEnd(node, i + 1);
            const rect = range.getBoundingClientRect();
            if (!rect.height) continue;
            if (top === null) top = rect.top;
            if (rect.top > top + rect.height / 2) return count;
            count++;
        }
    }
    return 0;  // a single line: not a measure of the column
})"""


def test_prose_keeps_a_readable_measure(visit, file_base: str) -> None:
    """The first line of each wrapped paragraph is a full line: its length is the measure."""
    page = visit(file_base + "codes/J7507.html", **FIRST_SCREEN).page
    full_lines = [n for n in page.evaluate(FIRST_LINE_LENGTHS) if n]
    assert len(full_lines) >= 5  # J7507 after issue 19: fewer, shorter paragraphs
    assert 65 <= max(full_lines) <= 90, full_lines


def test_back_to_top_appears_on_a_phone_once_the_heading_is_gone(visit, file_base: str) -> None:
    phone = visit(file_base + "codes/J7507.html", width=375, height=812).page
    to_top = phone.get_by_role("link", name="Back to top")
    assert not to_top.is_visible()
    phone.evaluate("document.getElementById('common-modifiers').scrollIntoView()")
    to_top.wait_for(state="visible")
    to_top.click()
    expect(phone.locator("h1")).to_be_in_viewport()
    desktop = visit(file_base + "codes/J7507.html", **FIRST_SCREEN).page
    desktop.evaluate("document.getElementById('common-modifiers').scrollIntoView()")
    assert desktop.evaluate("window.scrollY") > 1000
    assert not desktop.get_by_role("link", name="Back to top").is_visible()


def printed(page) -> str:
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    page.emulate_media(media="print")
    return page.locator("body").inner_text()


def test_print_keeps_the_calculation_with_address_edition_and_date(visit, site_base: str) -> None:
    page = visit(site_base + "codes/J7507.html?dose=2.5&unit=mg", **FIRST_SCREEN).page
    page.locator("#calc-units").wait_for(state="visible")
    text = printed(page)
    assert page.locator("#calc-dose").is_visible() and page.locator("#calc-dose").input_value() == "2.5"
    assert page.locator("#calc-units").is_visible() and page.locator("#calc-units").inner_text() == "3"
    meta = page.locator(".print-meta")
    assert meta.is_visible()
    assert "codes/J7507.html?" in meta.inner_text() and "dose=2.5" in meta.inner_text()
    assert re.search(r" on \d{4}-\d{2}-\d{2}\.", meta.inner_text())
    assert "CMS HCPCS Level II" in meta.inner_text()
    assert "content/reference" not in text, "maintainers' paths never print"
    assert not page.locator("nav.contents").is_visible() and not page.locator(".summary-calc").is_visible()


def test_print_leaves_out_an_empty_calculator(visit, file_base: str) -> None:
    page = visit(file_base + "codes/J7507.html", **FIRST_SCREEN).page
    page.locator("#calc-dose").wait_for(state="visible")
    printed(page)
    assert not page.locator("#calculator").is_visible()
    assert page.locator(".summary-unit").is_visible() and page.locator(".print-meta").is_visible()
