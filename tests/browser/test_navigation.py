"""A person clicking through the site: home → category → code → similar code → back."""

from __future__ import annotations

import pytest

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
    for name, path in (("home", "index.html"), ("code", "codes/J7507.html")):
        record = visit(file_base + path, width=width, dark=dark)
        scroll_width = record.page.evaluate("document.documentElement.scrollWidth")
        assert scroll_width <= width, f"{path} scrolls sideways at {width}px"
        save_screenshot(record.page, f"{name}-{width}-{'dark' if dark else 'light'}")
