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
