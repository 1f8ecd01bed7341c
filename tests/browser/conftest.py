"""Real headless Chromium (Debian's /usr/bin/chromium) driven by Playwright.

Locally the browser tests skip when Chromium or Playwright is missing; with CI=true that is an error.
Fixtures give the built site three ways: from file://, at a server root, and under /kb/.
"""

from __future__ import annotations

import functools
import os
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[2] / "_artifacts"


def _unavailable() -> str:
    if not Path(CHROMIUM).exists():
        return f"{CHROMIUM} is not installed (apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed (pip install playwright)"
    return ""


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    reason = _unavailable()
    if reason:
        if os.environ.get("CI") == "true":
            pytest.fail(f"browser tests must run in CI: {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-background-networking",
                "--disable-gpu",
                "--disable-dev-shm-usage",
            ],
        )
        yield chromium
        chromium.close()


@dataclass
class Visit:
    """A page plus everything that happened on it: console errors and requests that left the site."""

    page: object
    console_errors: list[str] = field(default_factory=list)
    outside_requests: list[str] = field(default_factory=list)


def _is_local(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("file", "data", "blob", "about") or parts.hostname in ("127.0.0.1", "localhost")


@pytest.fixture
def visit(browser) -> Iterator[callable]:
    """Open a URL in a fresh context; requests to any other host are blocked and recorded."""
    contexts = []

    def open_url(url: str, *, width: int = 1280, height: int = 900, dark: bool = False) -> Visit:
        context = browser.new_context(
            viewport={"width": width, "height": height}, color_scheme="dark" if dark else "light"
        )
        contexts.append(context)
        page = context.new_page()
        record = Visit(page)
        page.on("console", lambda m: m.type == "error" and record.console_errors.append(m.text))
        page.on("pageerror", lambda e: record.console_errors.append(str(e)))

        def guard(route) -> None:
            if _is_local(route.request.url):
                route.continue_()
            else:
                record.outside_requests.append(route.request.url)
                route.abort()

        context.route("**/*", guard)
        page.goto(url)
        return record

    yield open_url
    for context in contexts:
        context.close()


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@dataclass(frozen=True)
class Served:
    base: str  # e.g. http://127.0.0.1:8123/kb/


def _serve(root: Path) -> tuple[ThreadingHTTPServer, threading.Thread]:
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, thread


@pytest.fixture(scope="session")
def served_under_kb(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """The built site served from a sub-path, as GitHub Pages serves a project site."""
    root = tmp_path_factory.mktemp("www")
    shutil.copytree(built_site, root / "kb")
    server, _ = _serve(root)
    yield Served(f"http://127.0.0.1:{server.server_address[1]}/kb/")
    server.shutdown()


@pytest.fixture(scope="session")
def served_at_root(built_site: Path) -> Iterator[Served]:
    server, _ = _serve(built_site)
    yield Served(f"http://127.0.0.1:{server.server_address[1]}/")
    server.shutdown()


@pytest.fixture(scope="session")
def file_base(built_site: Path) -> str:
    return built_site.as_uri() + "/"


@pytest.fixture(params=["file", "root", "kb"])
def site_base(request: pytest.FixtureRequest) -> str:
    """Each browser test that takes this runs three times: file://, server root, and /kb/."""
    if request.param == "file":
        return request.getfixturevalue("file_base")
    fixture = "served_at_root" if request.param == "root" else "served_under_kb"
    return request.getfixturevalue(fixture).base


def save_screenshot(page: object, name: str) -> Path:
    """Screenshots go to _artifacts/ (uploaded by CI, never committed)."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=False)
    return path
