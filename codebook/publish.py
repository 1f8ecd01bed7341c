"""Files for crawlers, made from the list of pages the build writes: robots.txt and sitemap.xml.

Both exist only in a `--base-url` build: the sitemap protocol needs absolute addresses, and a
guessed host would be wrong wherever the folder is served, so without a base URL no file names one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from xml.sax.saxutils import escape

from .link import Site
from .render import OutputFile
from .urls import code_path, public_url

# Pages a search engine should not list: the error page and the search results page.
NOT_IN_SITEMAP = frozenset({"404.html", "search.html"})


def publishing_files(files: Iterable[OutputFile], base_url: str, site: Site) -> list[OutputFile]:
    if not base_url:
        return []
    pages = sorted(f.path for f in files if f.path.endswith(".html") and f.path not in NOT_IN_SITEMAP)
    return [robots_txt(base_url), sitemap_xml(base_url, pages, last_modified(site))]


def robots_txt(base_url: str) -> OutputFile:
    """Crawlers read robots.txt only at a host's root; under a sub-path it is harmless and ignored."""
    text = f"User-agent: *\nAllow: /\nSitemap: {public_url(base_url, 'sitemap.xml')}\n"
    return OutputFile("robots.txt", text.encode("utf-8"))


def sitemap_xml(base_url: str, pages: list[str], modified: dict[str, dt.date]) -> OutputFile:
    entries = []
    for path in pages:
        lastmod = f"<lastmod>{modified[path].isoformat()}</lastmod>" if path in modified else ""
        entries.append(f"  <url><loc>{escape(public_url(base_url, path))}</loc>{lastmod}</url>")
    text = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        + "\n".join(entries)
        + "\n</urlset>\n"
    )
    return OutputFile("sitemap.xml", text.encode("utf-8"))


def last_modified(site: Site) -> dict[str, dt.date]:
    """A code page changes when a person reviews it or CMS issues a new edition of its facts."""
    edition = site.reference.edition.date
    return {code_path(page.code): max(page.reviewed, edition) for page in site.pages}
