"""Search in real Chromium: from file:// (script index), at a server root and under /kb/ (Pagefind).

Each query is typed into the header box of a code page (one folder deep), its first result is
checked and clicked; nothing may leave 127.0.0.1 and the console must stay clean (CSP included).
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from playwright.sync_api import expect

from codebook.build import BuildOptions, write_site
from codebook.search import pagefind as pagefind_index
from codebook.search.bundle import read_fragment

from ..helpers import CONTENT
from ..test_search import pagefind_records
from .conftest import _serve, save_screenshot

pytestmark = pytest.mark.browser

QUERY_BUDGET = 300_000
ALL_CLEAR = ([], [])


def search_box(page):
    return page.get_by_label("Search", exact=True)


def type_query(page, query: str) -> None:
    """As a person does it: '/' to reach the box, then type; wait for this query's results."""
    page.keyboard.press("/")
    expect(search_box(page)).to_be_focused()
    page.keyboard.type(query)
    expect(page.locator("#search-popup .search-popup-foot")).to_contain_text(f"\u201c{query}\u201d")


def first_result(page):
    return page.locator("#search-popup .search-result").first


@pytest.mark.parametrize(
    ("query", "code"),
    [("j7507", "J7507"), ("sirolimus", "J7520"), ("Prograf", "J7507"), ("immediate release", "J7507")],
    ids=["code", "generic", "brand", "phrase"],
)
def test_typed_query_lists_the_page_first_and_opens_it(visit, site_base: str, query: str, code: str) -> None:
    record = visit(site_base + "codes/J7503.html")
    page = record.page
    type_query(page, query)
    top = first_result(page)
    assert top.get_attribute("href") == f"../codes/{code}.html"
    assert top.locator(".code").inner_text() == code
    assert top.locator("mark").count() >= 1, "the match is highlighted"
    top.click()
    page.wait_for_url(f"**/codes/{code}.html")
    assert page.locator("h1").inner_text().startswith(code)
    assert (record.console_errors, record.outside_requests) == ALL_CLEAR


def test_code_prefix_lists_the_family_and_arrows_walk_it(visit, site_base: str) -> None:
    record = visit(site_base + "index.html")
    page = record.page
    type_query(page, "J75")
    codes = page.locator("#search-popup .search-result .code").all_inner_texts()
    assert codes == ["J7500", "J7501", "J7502", "J7503", "J7504", "J7505"]
    assert first_result(page).get_attribute("href") == "codes/J7500.html"
    page.keyboard.press("ArrowDown")
    expect(first_result(page)).to_be_focused()
    page.keyboard.press("ArrowDown")
    expect(page.locator("#search-popup .search-result").nth(1)).to_be_focused()
    page.keyboard.press("Escape")
    expect(page.locator("#search-popup")).to_be_hidden()
    expect(search_box(page)).to_be_focused()
    assert (record.console_errors, record.outside_requests) == ALL_CLEAR


def test_a_code_without_a_guide_links_to_its_catalog_row(visit, site_base: str) -> None:
    record = visit(site_base + "codes/J7507.html")
    page = record.page
    type_query(page, "k0001")
    top = first_result(page)
    assert top.get_attribute("href") == "../catalog/K-0000.html#K0001"
    assert "catalog" in top.locator(".badge").all_inner_texts()
    assert (record.console_errors, record.outside_requests) == ALL_CLEAR


def test_enter_opens_a_bookmarkable_results_page(visit, site_base: str) -> None:
    record = visit(site_base + "codes/J7507.html")
    page = record.page
    type_query(page, "tacrolimus")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search.html?q=tacrolimus")
    expect(page.locator("#search-status")).to_contain_text("\u201ctacrolimus\u201d")
    assert search_box(page).input_value() == "tacrolimus"
    hrefs = page.locator("#search-page-results .search-result").evaluate_all("els => els.map(e => e.href)")
    assert hrefs and all(unquote(urlsplit(h).path).endswith(".html") for h in hrefs)
    assert any(h.endswith("codes/J7507.html") for h in hrefs)
    save_screenshot(page, f"search-page-{'file' if site_base.startswith('file') else 'http'}")
    assert (record.console_errors, record.outside_requests) == ALL_CLEAR


def test_results_page_filters_come_from_the_address(visit, site_base: str) -> None:
    record = visit(site_base + "search.html?q=J750&active=1")
    page = record.page
    status = page.locator("#search-status")
    expect(status).to_contain_text("\u201cJ750\u201d")
    codes = page.locator("#search-page-results .code").all_inner_texts()
    assert "J7507" in codes and "J7505" not in codes, "J7505 is terminated"
    assert page.get_by_label("active codes").is_checked()
    page.get_by_label("active codes").uncheck()
    expect(page.locator("#search-page-results .code", has_text="J7505")).to_have_count(1)
    page.get_by_label("codes with a guide page").check()
    expect(page.locator("#search-page-results .badge-catalog")).to_have_count(0)
    assert (record.console_errors, record.outside_requests) == ALL_CLEAR


def test_results_page_shows_more_on_request(visit, site_base: str) -> None:
    record = visit(site_base + "search.html?q=wheelchair")
    page = record.page
    results = page.locator("#search-page-results .search-result")
    expect(results).to_have_count(8)
    page.get_by_role("button", name="Show more results").click()
    expect(results).to_have_count(16)
    assert (record.console_errors, record.outside_requests) == ALL_CLEAR


def file_for(url: str, site: Path, base: str) -> Path | None:
    """The built file behind a request URL (the site is the same bytes in every mode)."""
    if not url.startswith(base):
        return None
    return site / unquote(urlsplit(url[len(base) :]).path)


@pytest.mark.parametrize("query", ["j7507", "standard wheelchair"])
def test_one_query_loads_less_than_300_kb(visit, site_base: str, built_site: Path, query: str) -> None:
    record = visit(site_base + "index.html")
    page = record.page
    page.wait_for_load_state("load")
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    type_query(page, query)
    page.wait_for_load_state("networkidle")
    files = {f for f in (file_for(u, built_site, site_base) for u in requested) if f is not None}
    assert files, "the query loaded no index"
    assert all(f.is_file() for f in files), [str(f) for f in files if not f.is_file()]
    total = sum(f.stat().st_size for f in files)
    assert total < QUERY_BUDGET, f"{total} bytes: {sorted(f.name for f in files)}"
    assert (record.console_errors, record.outside_requests) == ALL_CLEAR


def test_results_page_and_results_load_less_than_300_kb(visit, site_base: str, built_site: Path) -> None:
    record = visit(site_base + "search.html?q=tacrolimus")
    page = record.page
    expect(page.locator("#search-status")).to_contain_text("\u201ctacrolimus\u201d")
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.reload()
    expect(page.locator("#search-status")).to_contain_text("\u201ctacrolimus\u201d")
    page.wait_for_load_state("networkidle")
    files = {f for f in (file_for(u, built_site, site_base) for u in requested) if f is not None}
    assert built_site / "search.html" in files
    total = sum(f.stat().st_size for f in files)
    assert total < QUERY_BUDGET, f"{total} bytes: {sorted(f.name for f in files)}"
    assert (record.console_errors, record.outside_requests) == ALL_CLEAR


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_search_drop_down_screenshots(visit, file_base: str, dark: bool) -> None:
    for width in (375, 1280):
        record = visit(file_base + "codes/J7507.html", width=width, dark=dark)
        type_query(record.page, "tacro")
        assert record.page.evaluate("document.documentElement.scrollWidth") <= width
        save_screenshot(record.page, f"search-{width}-{'dark' if dark else 'light'}")


@pytest.fixture(scope="module")
def site_in_parts(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """The real content built in-process with 8 guide pages per Pagefind part (4 parts), served."""
    out = tmp_path_factory.mktemp("parts") / "_site"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pagefind_index, "PART_SIZE", 8)
        write_site(BuildOptions(out=out, cache=None))
    parts = json.loads((out / "pagefind" / "parts.json").read_text())
    assert parts == {"folders": ["part-2/", "part-3/", "part-4/"], "superseded": []}
    server, _ = _serve(out)
    yield out, f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.mark.parametrize(
    # on the results page, which adds Pagefind's full text below the structured hits
    ("query", "code"),
    [("azathioprine", "J7500"), ("tacrolimus", "J7507"), ("sirolimus", "J7520")],
)
def test_a_split_pagefind_index_finds_pages_in_every_part(
    visit, site_in_parts: tuple[Path, str], query: str, code: str
) -> None:
    """Pagefind's mergeIndex: one query searches every part; a result's fragment comes from its part."""
    out, base = site_in_parts
    records = pagefind_records(out)
    assert {r["part"] for r in records.values()} == {"pagefind", "part-2", "part-3", "part-4"}
    part = records[f"codes/{code}.html"]["part"]
    fetched: list[str] = []
    record = visit(base + "index.html")
    page = record.page
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(f"{base}search.html?q={query}")
    expect(page.locator("#search-status")).to_contain_text(f"\u201c{query}\u201d")
    more = page.get_by_role("button", name="Show more results")
    if more.is_visible():
        more.click()  # a whole step of full text: ten of Pagefind's hits
        page.wait_for_load_state("networkidle")
    assert code in page.locator("#search-page-results .search-result .code").all_inner_texts()
    folder = "/pagefind/fragment/" if part == "pagefind" else f"/pagefind/{part}/fragment/"
    assert any(folder in url for url in fetched), f"{code}'s fragment is read from {part}"
    assert (record.console_errors, record.outside_requests) == ALL_CLEAR


OLD_WORD, NEW_WORD = "quorblaxine", "zentrafoxil"


def add_sentence(page: Path, word: str) -> None:
    text = page.read_text(encoding="utf-8")
    marker = "\n## Clinical Context\n\n"
    assert marker in text
    page.write_text(text.replace(marker, f"{marker}Tested with {word} here. ", 1), encoding="utf-8")


@pytest.fixture(scope="module")
def edited_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """The real content in parts, built with .cache/, then again after J7507 lost one word and
    gained another: the second build keeps the parts and adds a recent index (search/bundle.py)."""
    folder = tmp_path_factory.mktemp("edited")
    shutil.copytree(CONTENT, folder / "content")
    page = folder / "content" / "codes" / "J7507.md"
    original = page.read_text(encoding="utf-8")
    options = BuildOptions(content=folder / "content", out=folder / "_site", cache=folder / ".cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pagefind_index, "PART_SIZE", 8)
        add_sentence(page, OLD_WORD)
        write_site(options)
        page.write_text(original, encoding="utf-8")
        add_sentence(page, NEW_WORD)
        write_site(options)
    server, _ = _serve(options.out)
    yield options.out, f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


def test_an_edited_page_is_found_by_its_new_words_only(visit, edited_site: tuple[Path, str]) -> None:
    """The base part still holds the page's old record (the edit did not re-index it); the browser
    drops it as parts.json says, and finds the new record in pagefind/recent/."""
    out, base = edited_site
    parts = json.loads((out / "pagefind" / "parts.json").read_text())
    assert "recent/" in parts["folders"] and len(parts["superseded"]) == 1
    fragments = (out / "pagefind").glob("**/fragment/*.pf_fragment")
    old = [p for p in fragments if p.stem in parts["superseded"]]
    assert len(old) == 1 and OLD_WORD in read_fragment(old[0].read_bytes())["content"], "still on disk"
    for query, found in ((NEW_WORD, True), (OLD_WORD, False)):
        record = visit(f"{base}search.html?q={query}")
        page = record.page
        fetched: list[str] = []
        page.on("request", lambda request, fetched=fetched: fetched.append(request.url))
        page.reload()
        expect(page.locator("#search-status")).to_contain_text(f"\u201c{query}\u201d")
        page.wait_for_load_state("networkidle")
        assert any("/pagefind/recent/" in url for url in fetched), "the recent index is merged"
        codes = page.locator("#search-page-results .search-result .code").all_inner_texts()
        assert ("J7507" in codes) is found, (query, codes)
        assert (record.console_errors, record.outside_requests) == ALL_CLEAR
