"""The real content, built once: every promise DESIGN.md makes about pages and links."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest

from codebook.drugs import load_drug_files
from codebook.schema import REQUIRED_SECTIONS

from .helpers import CONTENT, soup
from .links import find_broken_links, site_links

CODES = sorted(p.stem for p in (CONTENT / "codes").glob("*.md"))


def test_every_content_file_and_every_drug_code_has_a_page(built_site: Path) -> None:
    """codes/ holds a page per guide and per code with CMS drug data (DESIGN.md §3), nothing else."""
    assert CODES, "content/codes/ holds no pages"
    files = load_drug_files(CONTENT / "reference" / "asp")
    built = sorted(p.stem for p in (built_site / "codes").glob("*.html"))
    assert built == sorted(set(CODES) | set(files.current_codes()))


@pytest.mark.parametrize("code", CODES)
def test_code_page_has_every_required_section_in_order(built_site: Path, code: str) -> None:
    page = soup(built_site / "codes" / f"{code}.html")
    assert page.h1 is not None and page.h1.get_text().startswith(code)
    found = []
    for section in page.find_all("section", id=True):
        heading = section.find("h2", recursive=False)
        assert heading is not None, f"section #{section['id']} has no <h2>"
        found.append((section["id"], heading.get_text(strip=True)))
    required = [(spec.slug, spec.title) for spec in REQUIRED_SECTIONS]
    in_page = [item for item in found if item in required]
    assert in_page == required
    for generated in ("billing-units", "sources"):
        assert generated in dict(found)


def test_every_internal_link_resolves_to_a_file(built_site: Path) -> None:
    result = find_broken_links(built_site)
    assert result.checked > 100
    assert result.broken == ()


def test_internal_links_are_relative_and_name_files(built_site: Path) -> None:
    for page, _tag, _attribute, value in site_links(built_site):
        if page.name == "404.html" or urlsplit(value).scheme:
            continue
        assert not value.startswith("/"), f"{page}: root-absolute link {value}"
        path = urlsplit(value).path
        assert path == "" or path.endswith((".html", ".css", ".js", ".svg", ".png")), value


def test_nothing_is_loaded_from_another_host(built_site: Path) -> None:
    for page, tag, attribute, value in site_links(built_site):
        if urlsplit(value).scheme in ("http", "https") or value.startswith("//"):
            assert tag.name == "a" and attribute == "href", f"{page}: loads {value}"
            assert set(tag.get("rel", [])) >= {"noopener", "noreferrer"}, f"{page}: {value}"


@pytest.mark.parametrize("code", CODES)
def test_similar_codes_link_both_ways(built_site: Path, code: str) -> None:
    page = soup(built_site / "codes" / f"{code}.html")
    similar = page.find("section", id="similar-codes").find("ul", class_="similar-list")
    targets = [a["href"].removesuffix(".html").rsplit("/", 1)[-1] for a in similar.find_all("a")]
    assert len(targets) >= 2
    for other in targets:
        back = soup(built_site / "codes" / f"{other}.html").find("section", id="similar-codes")
        assert back.find("a", href=f"../codes/{code}.html"), f"{other} does not link back to {code}"


def test_home_lists_every_code_with_its_descriptor(built_site: Path) -> None:
    home = soup(built_site / "index.html")
    text = home.get_text(" ")
    for code in CODES:
        assert home.find("a", href=f"codes/{code}.html"), code
    assert "CMS HCPCS Level II" in text


def test_category_pages_and_404_exist(built_site: Path) -> None:
    assert list((built_site / "categories").glob("*.html"))
    assert (built_site / "404.html").is_file()
    assert (built_site / "assets" / "site.css").is_file()
