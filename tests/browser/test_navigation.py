"""A person clicking through the site: home → category → code → similar code → back."""

from __future__ import annotations

import pytest

from ..test_page_weight import BUDGET, gzipped
from .conftest import save_screenshot

pytestmark = pytest.mark.browser


def test_click_home_category_code_similar_and_back(visit, site_base: str) -> None:
    record = visit(site_base + "index.html")
    page = record.page
    page.get_by_role("link", name="Oral immunosuppressive drugs").first.click()
    page.wait_for_url("**/categories/oral-immunosuppressives.html")
    page.locator("a[href$='codes/J7507.html']").first.click()
    page.wait_for_url("**/codes/J7507.html")
    assert page.locator("h1").inner_text().startswith("J7507")
    page.locator("#similar-codes .similar-list a[href$='J7503.html']").click()
    page.wait_for_url("**/codes/J7503.html")
    assert page.locator("h1").inner_text().startswith("J7503")
    page.go_back()
    page.wait_for_url("**/codes/J7507.html")
    assert page.locator("h1").inner_text().startswith("J7507")
    assert record.console_errors == []
    assert record.outside_requests == []


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_pages_fit_the_screen_and_are_saved_as_screenshots(
    visit, file_base: str, width: int, dark: bool
) -> None:
    """Every page type, at a phone's and a desktop's width, light and dark, and in print: saved to
    _artifacts/ for a person to look at (issue 20), and none scrolls sideways."""
    for name, path in SCREENSHOT_PAGES:
        record = visit(file_base + path, width=width, dark=dark)
        scroll_width = record.page.evaluate("document.documentElement.scrollWidth")
        assert scroll_width <= width, f"{path} scrolls sideways at {width}px"
        save_screenshot(record.page, f"{name}-{width}-{'dark' if dark else 'light'}")
        if width == 1280 and not dark:
            record.page.emulate_media(media="print")
            save_screenshot(record.page, f"{name}-print")


SCREENSHOT_PAGES = (
    ("home", "index.html"),
    ("code", "codes/J7507.html"),
    ("code-with-calculation", "codes/J7507.html?dose=2.5&unit=mg"),
    ("drug-data-page", "codes/J9035.html"),
    ("topic", "topics/jw-and-jz.html"),
    ("topics", "topics/index.html"),
    ("calculator", "calculator.html?code=J9035"),
    ("search", "search.html?q=tacrolimus"),
    ("modifiers", "modifiers.html"),
    ("not-found", "404.html"),
    ("catalog-range", "catalog/J-9000.html#J9035"),
    ("catalog-index", "catalog/index.html"),
    ("catalog-glossary", "catalog/glossary.html#pricing"),
)


def test_print_shows_facts_and_sections_without_navigation_or_search(visit, file_base: str) -> None:
    page = visit(file_base + "codes/J7506.html").page
    page.emulate_media(media="print")
    for hidden in (
        "header.site-header",
        "nav.site-nav",
        "form.search-form",
        "nav.breadcrumbs",
        "nav.jump",
        "nav.pager",
    ):
        assert page.locator(hidden).is_hidden(), f"{hidden} is printed"
    assert page.locator("dl.facts").is_visible()
    assert page.locator(".terminated-notice").is_visible()
    sections = page.locator("article section[id]")
    assert sections.count() >= 9
    for i in range(sections.count()):
        assert sections.nth(i).is_visible(), sections.nth(i).get_attribute("id")
    page.emulate_media(media="screen")
    assert page.locator("form.search-form").is_visible()  # the check above is not vacuous


def test_keyboard_focus_is_visible(visit, file_base: str) -> None:
    page = visit(file_base + "codes/J7507.html").page
    seen = 0
    for _ in range(6):
        page.keyboard.press("Tab")
        style = page.evaluate(
            "(() => { const s = getComputedStyle(document.activeElement);"
            " return [document.activeElement.tagName, s.outlineStyle, parseFloat(s.outlineWidth)]; })()"
        )
        tag, outline, width = style
        if tag in ("A", "INPUT", "BUTTON", "SELECT"):
            seen += 1
            assert outline != "none" and width >= 2, f"{tag} has no visible focus ring: {style}"
    assert seen >= 4


PAGE_TYPES = (
    "index.html",
    "categories/oral-immunosuppressives.html",
    "families/J7500-J7599.html",
    "codes/J7521.html",
    "codes/J7506.html",
    "modifiers.html",
    "404.html",
    "codes/J9035.html",
    "topics/which-tacrolimus-cyclosporine-mycophenolate-code.html",
    "calculator.html",
)


@pytest.mark.parametrize("width", [360, 1920])
def test_no_page_type_scrolls_sideways(visit, file_base: str, width: int) -> None:
    record = visit(file_base + "index.html", width=width)
    for path in PAGE_TYPES:
        record.page.goto(file_base + path)
        scroll_width = record.page.evaluate("document.documentElement.scrollWidth")
        assert scroll_width <= width, f"{path} scrolls sideways at {width}px ({scroll_width}px)"
    assert record.console_errors == []


def test_dark_mode_follows_the_system_setting(visit, file_base: str) -> None:
    colours = {}
    for dark in (False, True):
        page = visit(file_base + "codes/J7507.html", dark=dark).page
        colours[dark] = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert colours[False] == "rgb(255, 255, 255)"
    assert colours[True] != colours[False]
    red, green, blue = (int(v) for v in colours[True].removeprefix("rgb(").removesuffix(")").split(","))
    assert max(red, green, blue) < 60


def test_code_page_loads_under_the_weight_budget(visit, served_at_root) -> None:
    """Everything the browser fetches for a code page before anyone searches, gzip-compressed as a
    static host sends it, stays under 60 kB (scripts that load other files are counted too)."""
    fetched: dict[str, int] = {}
    record = visit(served_at_root.base + "index.html")
    page = record.page
    page.on("response", lambda r: fetched.__setitem__(r.url, gzipped(r.body())))
    page.goto(served_at_root.base + "codes/J7507.html")
    page.wait_for_load_state("networkidle")
    assert any(url.endswith("site.css") for url in fetched)
    assert sum(fetched.values()) < BUDGET, fetched
