"""--base-url: sitemap.xml, robots.txt, canonical links, Open Graph tags, a 404 that works at any depth.

Without a base URL none of these may name a host, so the same _site/ can be served anywhere.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from .helpers import PUBLISHED_BASE, soup
from .site_scan import ScannedTag, start_tags

pytestmark = pytest.mark.slow  # a full build with --base-url

BASE = PUBLISHED_BASE  # conftest.py builds published_site for it
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def pages_of(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


def public_address(path: str) -> str:
    return BASE + path.removesuffix("index.html")  # any index.html is its folder (catalog/index.html)


def test_sitemap_lists_every_page_but_the_404_with_absolute_addresses(published_site: Path) -> None:
    root = ET.parse(published_site / "sitemap.xml").getroot()
    assert root.tag == f"{SITEMAP_NS}urlset"
    listed = [u.findtext(f"{SITEMAP_NS}loc") for u in root.iter(f"{SITEMAP_NS}url")]
    expected = [public_address(p) for p in pages_of(published_site) if p not in ("404.html", "search.html")]
    assert sorted(listed) == sorted(expected)
    assert "codes/J7507.html" in " ".join(listed)
    dated = {u.findtext(f"{SITEMAP_NS}loc"): u.findtext(f"{SITEMAP_NS}lastmod") for u in root.iter()}
    assert dated[BASE + "codes/J7507.html"] == "2026-11-23"  # the page's review date


def test_robots_txt_points_at_the_sitemap(published_site: Path) -> None:
    robots = (published_site / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert "User-agent: *" in robots
    assert f"Sitemap: {BASE}sitemap.xml" in robots


@pytest.mark.parametrize(
    "path", ["index.html", "codes/J7507.html", "categories/oral-immunosuppressives.html"]
)
def test_pages_carry_canonical_and_open_graph_tags(published_site: Path, path: str) -> None:
    page = soup(published_site / path)
    canonical = page.find("link", rel="canonical")
    assert canonical is not None and canonical["href"] == public_address(path)
    og = {m["property"]: m["content"] for m in page.find_all("meta", property=True)}
    assert og["og:url"] == public_address(path)
    assert og["og:title"] and og["og:description"] and og["og:site_name"] == "codebook"
    assert og["og:type"] == ("article" if path.startswith("codes/") else "website")
    assert page.find("meta", attrs={"name": "description"})["content"] == og["og:description"]


def canonical_link(tags: list[ScannedTag]) -> ScannedTag | None:
    return next((t for t in tags if t.name == "link" and "canonical" in (t.get("rel") or [])), None)


def test_every_page_but_404_has_its_own_canonical_link(published_site: Path) -> None:
    for path in pages_of(published_site):
        canonical = canonical_link(start_tags(published_site / path))  # one html.parser pass per page
        if path == "404.html":
            assert canonical is None
        else:
            assert canonical is not None and canonical.get("href") == public_address(path), path


def test_404_links_are_absolute_under_the_base_url(published_site: Path) -> None:
    """GitHub Pages serves 404.html for a missing page at any depth, so relative links would break."""
    page = soup(published_site / "404.html")
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    links = [
        (tag.name, tag.get("href") or tag.get("src") or tag.get("action"))
        for tag in page.find_all(["a", "link", "script", "form"])
    ]
    assert ("link", f"{BASE}assets/site.css") in links
    assert ("a", f"{BASE}index.html") in links
    for name, value in links:
        if value and not value.startswith("#"):
            assert value.startswith(BASE), f"<{name}> {value} is not under {BASE}"


def test_without_base_url_nothing_names_a_host(built_site: Path) -> None:
    assert not (built_site / "sitemap.xml").exists()
    assert not (built_site / "robots.txt").exists()
    assert "://" not in (built_site / "404.html").read_text(encoding="utf-8")
    for path in pages_of(built_site):
        tags = start_tags(built_site / path)  # one html.parser pass per page
        assert canonical_link(tags) is None, path
        assert not any(t.name == "meta" and "property" in t.attrs for t in tags), path  # no Open Graph
        for tag in (t for t in tags if t.name in ("link", "script", "img", "form")):
            value = tag.get("href") or tag.get("src") or tag.get("action") or ""
            assert not urlsplit(value).netloc, f"{path}: {value}"


def test_base_url_changes_only_the_published_addresses(built_site: Path, published_site: Path) -> None:
    """Internal links stay relative in a --base-url build, so it too works from disk and under /kb/."""
    for path in ("index.html", "codes/J7506.html"):
        plain = [a["href"] for a in soup(built_site / path).find_all("a", href=True)]
        published = [a["href"] for a in soup(published_site / path).find_all("a", href=True)]
        assert plain == published
