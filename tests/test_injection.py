"""Nothing an author writes becomes script: asserted on parsed HTML, not on substrings."""

from __future__ import annotations

from pathlib import Path

import pytest

from .helpers import make_content, run_build, soup, valid_page, valid_trio
from .site_scan import start_tags

PAYLOADS = {
    "script-tag": "<script>alert(1)</script>",
    "onerror": '<img src=x onerror="alert(1)">',
    "javascript-link": "[click me](javascript:alert(1))",
    "svg-onload": "<svg onload=alert(1)>",
    "data-link": "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "markdown-image": "![x](javascript:alert(1))",
}
EVENT_ATTRIBUTES = ("onerror", "onload", "onclick", "onmouseover")


def assert_inert(path: Path) -> None:
    tags = start_tags(path)  # one standard-library pass: the catalog pages are large
    assert all(tag.get("src") for tag in tags if tag.name == "script"), "inline <script> in page"
    for tag in tags:
        assert not any(attr in tag.attrs for attr in EVENT_ATTRIBUTES), f"event handler on <{tag.name}>"
        for attr in ("href", "src", "action"):
            value = str(tag.get(attr, "")).strip().lower()
            assert not value.startswith(("javascript:", "data:text", "vbscript:")), f"{attr}={value}"
    assert not any(tag.name in ("svg", "img") for tag in tags)


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    body = " ".join(PAYLOADS.values())
    pages = valid_trio()
    pages["J7500.md"] = valid_page("J7500", body_extra=body)
    pages["J7500.md"] = pages["J7500.md"].replace(
        "title: Test page J7500", "title: '\"><script>alert(1)</script>'"
    )
    content = make_content(folder, pages)
    out = folder / "_site"
    result = run_build("--content", content, "--out", out)
    assert result.returncode == 0, result.stderr
    return out


def test_markdown_and_front_matter_payloads_render_inert(hostile_site: Path) -> None:
    for page in hostile_site.rglob("*.html"):
        assert_inert(page)


def test_payload_text_is_shown_as_text(hostile_site: Path) -> None:
    page = soup(hostile_site / "codes" / "J7500.html")
    assert "<script>alert(1)</script>" in page.find("section", id="definition").get_text()
    assert page.find("p", class_="lead").get_text() == '"><script>alert(1)</script>'


def test_search_index_cannot_close_its_script(hostile_site: Path) -> None:
    text = (hostile_site / "search-index.js").read_text(encoding="utf-8")
    assert "<" not in text
