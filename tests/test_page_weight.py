"""Page-weight budget: a code page with the CSS and JavaScript it loads, before any search, < 60 kB.

Search data (Pagefind's bundle, the file:// index) is fetched only when someone searches, so it is
not part of the budget; everything a page names in <link rel=stylesheet> and <script src> is.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from .helpers import ROOT, soup

BUDGET = 60_000
SEARCH_DATA = ("pagefind/", "search-index.js")


def page_weight(site: Path, page: Path) -> tuple[int, dict[str, int]]:
    """Bytes of the page itself plus each stylesheet and script it loads (each counted once)."""
    parts = {page.relative_to(site).as_posix(): page.stat().st_size}
    html = soup(page)
    assets = [t.get("href") for t in html.find_all("link", rel="stylesheet")]
    assets += [t.get("src") for t in html.find_all("script", src=True)]
    for ref in assets:
        target = (page.parent / urlsplit(ref).path).resolve()
        name = target.relative_to(site.resolve()).as_posix()
        if not name.startswith(SEARCH_DATA):
            parts[name] = target.stat().st_size
    return sum(parts.values()), parts


def weights_by_type(site: Path) -> dict[str, tuple[int, str]]:
    """The heaviest page of each type: (bytes, path)."""
    heaviest: dict[str, tuple[int, str]] = {}
    for page in site.rglob("*.html"):
        kind = page.parent.name if page.parent != site else page.stem
        total, _ = page_weight(site, page)
        if total > heaviest.get(kind, (0, ""))[0]:
            heaviest[kind] = (total, page.relative_to(site).as_posix())
    return heaviest


def test_every_code_page_is_under_budget(built_site: Path) -> None:
    over = []
    for page in sorted((built_site / "codes").glob("*.html")):
        total, parts = page_weight(built_site, page)
        if total >= BUDGET:
            over.append(f"{page.name}: {total:,} bytes {parts}")
    assert over == []


def test_budget_counts_the_stylesheet(built_site: Path) -> None:
    """The check must see the CSS, or a page could pass while its assets grow without bound."""
    total, parts = page_weight(built_site, built_site / "codes" / "J7507.html")
    assert "assets/site.css" in parts and total > parts["codes/J7507.html"]


def test_page_weights_are_recorded(built_site: Path) -> None:
    """Written next to the screenshots so CI keeps the numbers with each run."""
    rows = [
        f"{kind:12} {size:>8,} bytes  {path}"
        for kind, (size, path) in sorted(weights_by_type(built_site).items())
    ]
    artifacts = ROOT / "_artifacts"
    artifacts.mkdir(exist_ok=True)
    (artifacts / "page-weights.txt").write_text("\n".join(rows) + "\n", encoding="utf-8")
    assert any(row.startswith("codes") for row in rows)
