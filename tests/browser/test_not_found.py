"""404.html as GitHub Pages serves it: for any missing address, at any depth, under the base URL."""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest

from ..helpers import run_build
from .conftest import _QuietHandler

pytestmark = pytest.mark.browser


class _PagesLikeHandler(_QuietHandler):
    """Serves <root>/kb/404.html, with status 404, for every missing file, as GitHub Pages does."""

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "kb" / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def published_under_kb(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The real content built with --base-url for the very server that serves it under /kb/."""
    root = tmp_path_factory.mktemp("pages")
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_PagesLikeHandler, directory=str(root)))
    base = f"http://127.0.0.1:{server.server_address[1]}/kb/"
    result = run_build("--out", root / "kb", "--base-url", base)
    assert result.returncode == 0, result.stderr
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield base
    server.shutdown()


@pytest.mark.parametrize("missing", ["J9999.html", "codes/J9999.html", "codes/old/deeper/page.html"])
def test_404_is_styled_and_its_links_work_at_any_depth(visit, published_under_kb: str, missing: str) -> None:
    record = visit(published_under_kb + missing)
    page = record.page
    assert page.locator("h1").inner_text() == "Page not found"
    assert page.evaluate("getComputedStyle(document.body).fontFamily").startswith("system-ui")
    page.get_by_role("link", name="All codes A–Z").click()
    page.wait_for_url(published_under_kb + "index.html#a-z")
    page.locator("#a-z a[href$='codes/J7507.html']").click()
    page.wait_for_url(published_under_kb + "codes/J7507.html")
    assert page.locator("h1").inner_text().startswith("J7507")
    # The one console error is the 404 status of the missing page itself; nothing else failed.
    assert len(record.console_errors) == 1 and "status of 404" in record.console_errors[0]
    assert record.outside_requests == []


def suggested_links(page) -> dict[str, str]:
    box = page.locator("#not-found-suggestion")
    box.wait_for(state="visible")
    return {a.inner_text(): a.get_attribute("href") for a in box.get_by_role("link").all()}


@pytest.mark.parametrize("missing", ["codes/j9035.html", "codes/j9035/", "J9035", "old/site/codes/J9035.htm"])
def test_404_for_a_code_address_leads_to_the_code_s_page(
    visit, published_under_kb: str, missing: str
) -> None:
    record = visit(published_under_kb + missing)
    page = record.page
    links = suggested_links(page)
    assert links["Go to the J9035 page"] == published_under_kb + "codes/J9035.html"
    assert links["Search for J9035"] == published_under_kb + "search.html?q=J9035"
    page.get_by_role("link", name="Go to the J9035 page").click()
    page.wait_for_url(published_under_kb + "codes/J9035.html")
    assert page.locator("h1").inner_text().startswith("J9035")
    assert len(record.console_errors) == 1 and record.outside_requests == []


def test_404_for_a_code_without_a_page_leads_to_its_catalog_row(visit, published_under_kb: str) -> None:
    page = visit(published_under_kb + "codes/J9037.html").page
    links = suggested_links(page)
    assert links["J9037 in the catalog (J9000–J9999)"] == published_under_kb + "catalog/J-9000.html#J9037"
    page.get_by_role("link", name="J9037 in the catalog").click()
    page.wait_for_url("**/catalog/J-9000.html#J9037")
    assert page.evaluate("document.querySelector(':target')?.id") == "J9037"


def test_404_links_search_the_catalog_and_home(visit, published_under_kb: str) -> None:
    page = visit(published_under_kb + "nothing/here.html").page
    assert page.locator("#not-found-suggestion").is_hidden()
    main = page.locator("main")
    hrefs = {
        name: main.get_by_role("link", name=name, exact=True).get_attribute("href")
        for name in ("Search", "Catalog", "Home")
    }
    assert hrefs == {
        "Search": published_under_kb + "search.html",
        "Catalog": published_under_kb + "catalog/index.html",
        "Home": published_under_kb + "index.html",
    }


@pytest.mark.parametrize(
    "missing",
    [
        "codes/%3Cscript%3Ealert(1)%3C/script%3EJ9035.html",
        "codes/J9035%22%3E%3Cimg%20src=x%20onerror=alert(2)%3E.html",
        "codes/%27;alert(3);%27J9035.html?q=%3Cscript%3Ealert(4)%3C/script%3E",
    ],
)
def test_404_shows_a_hostile_address_as_text(visit, published_under_kb: str, missing: str) -> None:
    record = visit(published_under_kb + missing)
    page = record.page
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    links = suggested_links(page)
    assert links["Go to the J9035 page"] == published_under_kb + "codes/J9035.html"
    shown = page.locator("#not-found-address").inner_text()
    assert shown == page.evaluate("location.pathname + location.search")
    assert page.locator("#not-found-suggestion img, #not-found-suggestion script").count() == 0
    assert page.evaluate("document.scripts.length") == len(page.locator("script[src]").all())
    assert dialogs == [] and record.outside_requests == []
