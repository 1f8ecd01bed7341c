"""Search at scale: index build time and size, and the bytes one query loads in each mode.

    .venv/bin/python bench/search_budget.py [--content DIR] [--templates DIR] [--queries Q ...]

Builds the content into a temporary folder, then reports
- the index stage's time, split into the script index and Pagefind (fed in memory from the render
  stage), against indexing the written site afterwards with Pagefind's `add_directory` (the CLI way);
- the size of each index (files and bytes; Pagefind's files are already gzip-compressed);
- for each query, the bytes a fresh browser tab loads to answer it: from file:// (script index) and
  over http under /kb/ (Pagefind plus the code list), in Debian's Chromium.
Numbers are raw file sizes, not transfer sizes: a server's gzip makes the script index ~3x smaller.
Use a synthetic corpus (the bench's generator) for the 8,000-page figures.
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import resource
import shutil
import sys
import tempfile
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from codebook import build as index_stage  # noqa: E402  (the orchestration calls the index makers)
from codebook.build import BuildOptions, write_site  # noqa: E402
from codebook.search.pagefind import CONFIG, PromptPagefindService  # noqa: E402

QUERIES = (
    "j7507",
    "J75",
    "7507",
    "00469-0617-73",
    "Prograf",
    "tacrolimus",
    "keytruda",
    "tacrolimis",
    "KX modifier",
    "immediate release",
    "standard wheelchair",
    "blood glucose test strips",
    # A word no descriptor or name holds: the drop-down then reads Pagefind (every part's index).
    "quixotically",
)
# Issue 18: what one typed query may load in a fresh tab at 8,000 guide pages.
BUDGET = {"file:// box": 100_000, "http /kb/ box": 300_000}
LATENCY_MS = 300  # from the last keystroke to the results on screen, on this machine


def folder_size(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


async def index_directory(site: Path) -> None:
    """Pagefind over the written site, as `pagefind --site` does it (for comparison only)."""
    async with PromptPagefindService() as service:
        index = await service.create_index({**CONFIG, "root_selector": "main"})
        await index.add_directory(str(site), glob="codes/**/*.html")
        await index.get_files()


def cpu_seconds() -> float:
    """CPU time of this process plus its finished children (the Pagefind binary)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def timed(timings: dict[str, float], name: str, function):
    """Wraps one part of the index stage so its share of the stage's time (and CPU) is reported."""

    def run(*args, **kwargs):
        start, cpu = time.perf_counter(), cpu_seconds()
        try:
            return function(*args, **kwargs)
        finally:
            timings[name] = time.perf_counter() - start
            timings[f"{name} (CPU)"] = cpu_seconds() - cpu

    return run


def build_site(content: Path, templates: Path, out: Path) -> dict[str, float]:
    parts: dict[str, float] = {}
    index_stage.build_script_index = timed(parts, "index: script index", index_stage.build_script_index)
    index_stage.build_pagefind = timed(parts, "index: Pagefind", index_stage.build_pagefind)
    report = write_site(BuildOptions(content=content, out=out, templates=templates, cache=None))
    return {**report.timings, **parts, "pages": report.pages}


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def serve_under_kb(site: Path, www: Path) -> tuple[ThreadingHTTPServer, str]:
    shutil.copytree(site, www / "kb")
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(www)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/kb/"


def requested_bytes(page, base: str, site: Path, act) -> tuple[int, int]:
    """(bytes, files) of the site's files the tab requests while act() runs and settles."""
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    act()
    page.wait_for_load_state("networkidle")
    files = {site / unquote(urlsplit(u[len(base) :]).path) for u in requested if u.startswith(base)}
    return sum(f.stat().st_size for f in files if f.is_file()), len(files)


def query_bytes(browser, base: str, site: Path, query: str) -> tuple[int, int, float]:
    """One query typed into a fresh tab's header box (after the page itself has loaded): the bytes
    and files it loads, and the milliseconds from the last keystroke to its results (issue 18: 300)."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(base + "index.html")
    page.wait_for_load_state("load")
    latency: list[float] = []

    def type_query() -> None:
        page.keyboard.press("/")
        page.keyboard.type(query[:-1])
        start = time.perf_counter()
        page.keyboard.press(query[-1])
        page.locator(".search-popup-foot", has_text=f"\u201c{query}\u201d").wait_for()
        latency.append((time.perf_counter() - start) * 1000)

    measured = requested_bytes(page, base, site, type_query)
    context.close()
    return (*measured, latency[0])


def results_page_bytes(browser, base: str, site: Path, query: str) -> tuple[int, int]:
    """search.html?q=… opened in a fresh tab: the page, its assets and the first results."""
    context = browser.new_context()
    page = context.new_page()

    def open_page() -> None:
        page.goto(f"{base}search.html?q={quote(query)}")
        page.locator("#search-status", has_text=f"\u201c{query}\u201d").wait_for()

    measured = requested_bytes(page, base, site, open_page)
    context.close()
    return measured


def measure_queries(site: Path, queries: list[str]) -> None:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as www, sync_playwright() as playwright:
        server, http_base = serve_under_kb(site, Path(www))
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        local_base = site.as_uri() + "/"
        print("\nbytes (files) loaded by one query in a fresh tab: header box; search.html incl. page;")
        print("and ms from the last keystroke to the box's results (first query of a fresh tab)")
        print(
            f"{'query':<26} {'file:// box':>16} {'http /kb/ box':>16} {'http search.html':>18}"
            f" {'ms file://':>11} {'ms http':>8}"
        )
        over = []
        for query in queries:
            local, served = (
                query_bytes(browser, local_base, site, query),
                query_bytes(browser, http_base, site, query),
            )
            cells = [local[:2], served[:2], results_page_bytes(browser, http_base, site, query)]
            print(
                f"{query:<26}"
                + "".join(f"{f'{b:,} ({n})':>17}" for b, n in cells)
                + f" {local[2]:>10.0f} {served[2]:>8.0f}"
            )
            over += [
                f"{query!r} {mode}: {b:,} > {BUDGET[mode]:,}"
                for mode, (b, _) in zip(BUDGET, cells[:2], strict=True)
                if b > BUDGET[mode]
            ]
            over += [
                f"{query!r} {mode}: {ms:.0f} ms > {LATENCY_MS} ms"
                for mode, ms in (("file://", local[2]), ("http", served[2]))
                if ms > LATENCY_MS
            ]
        print(
            "over budget: " + "; ".join(over) if over else f"every query within {BUDGET} and {LATENCY_MS} ms"
        )
        browser.close()
        server.shutdown()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--content", type=Path, default=ROOT / "content")
    parser.add_argument("--templates", type=Path, default=ROOT / "templates")
    parser.add_argument("--queries", nargs="*", default=list(QUERIES))
    parser.add_argument("--keep", type=Path, help="build into this folder and keep it")
    parser.add_argument("--site", type=Path, help="measure queries on this built site only (no build)")
    args = parser.parse_args()
    if args.site:
        measure_queries(args.site.resolve(), args.queries)
        return
    with tempfile.TemporaryDirectory() as scratch:
        site = args.keep or Path(scratch) / "_site"
        timings = build_site(args.content, args.templates, site)
        print(f"pages: {timings.pop('pages'):.0f}")
        for stage, seconds in timings.items():
            print(f"{stage:<22} {seconds:7.2f} s")
        start, cpu = time.perf_counter(), cpu_seconds()
        asyncio.run(index_directory(site))
        print(
            f"Pagefind add_directory over the written code pages (comparison): "
            f"{time.perf_counter() - start:.2f} s, CPU {cpu_seconds() - cpu:.2f} s"
        )
        for name, folder in (("pagefind/", site / "pagefind"), ("search/ (script index)", site / "search")):
            files, size = folder_size(folder)
            print(f"{name:<24} {files:>6} files {size:>12,} bytes")
        print(f"{'search-index.js':<24} {1:>6} files {(site / 'search-index.js').stat().st_size:>12,} bytes")
        measure_queries(site, args.queries)


if __name__ == "__main__":
    main()
