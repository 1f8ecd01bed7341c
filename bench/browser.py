"""Bytes a browser loads: one code page, then one search query typed into the page's Search box.

Debian's Chromium through Playwright, over a local http.server on 127.0.0.1 (Pagefind runs only over
http). Every response body is counted as served (raw) and as gzip would send it. The query is typed
into the box labelled "Search", so whatever search the site ships (Pagefind, or the script index)
is what gets measured. Without Chromium or Playwright the step is skipped and says so.
"""

from __future__ import annotations

import functools
import gzip
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
SETTLE_MS = 2500


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def page_and_query_bytes(site: Path, code: str, query: str) -> dict:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return {"skipped": "playwright is not installed (make bench installs it)"}
    if not Path(CHROMIUM).exists():
        return {"skipped": f"{CHROMIUM} is missing (apt-get install chromium)"}
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, args=["--no-sandbox", "--disable-background-networking"]
            )
            page = browser.new_page()
            loaded: list[tuple[str, bytes]] = []
            page.on("response", lambda r: loaded.append((r.url, _body(r))))
            page.goto(f"{base}codes/{code}.html", wait_until="networkidle")
            page_files = list(loaded)
            loaded.clear()
            box = page.get_by_label("Search", exact=True).first
            box.click()
            box.type(query, delay=30)
            page.wait_for_timeout(SETTLE_MS)
            query_files = list(loaded)
            browser.close()
    finally:
        server.shutdown()
    return {
        "code_page": _summary(page_files, base),
        "search_query": {"query": query, **_summary(query_files, base)},
    }


def _body(response) -> bytes:
    try:
        return response.body()
    except Exception:  # redirects and aborted requests have no body
        return b""


def _summary(files: list[tuple[str, bytes]], base: str) -> dict:
    return {
        "requests": len(files),
        "bytes": sum(len(body) for _, body in files),
        "gzip_bytes": sum(len(gzip.compress(body, 6)) for _, body in files),
        "files": sorted(url.removeprefix(base) for url, _ in files),
    }
