"""Page-weight budget: a code page with the CSS and JavaScript it loads, before any search, < 60 kB.

Measured as bytes over the network: each file gzip-compressed, as GitHub Pages (and any ordinary
static host) sends HTML, CSS and JS. Search data (Pagefind's bundle, the file:// index) is fetched only
when someone searches, so it is outside the budget; everything a page names in
<link rel=stylesheet> and <script src> is inside it. Raw sizes are recorded beside the screenshots.
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from .helpers import ROOT
from .site_scan import scan_page

ARTIFACTS = ROOT / "_artifacts"  # gitignored; CI uploads it

BUDGET = 60_000
# The stand-alone calculator also carries its picker: every calculable code with its names (about
# 26 kB gzip for ~1,400 codes), which no code page loads. Its own budget, so the pages' stays 60 kB.
CALCULATOR_BUDGET = 80_000
SEARCH_DATA = ("pagefind/", "search-index.js")


@dataclass(frozen=True)
class Weight:
    files: dict[str, int]  # path -> raw bytes
    sent: int  # gzip-compressed bytes of all of them
    raw: int


def gzipped(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def page_weight(site: Path, page: Path) -> Weight:
    """The page itself plus each stylesheet and script it loads (each counted once)."""
    files = [page]
    tags = scan_page(page).tags  # one html.parser pass: the catalog pages are large
    refs = [t.get("href") for t in tags if t.name == "link" and "stylesheet" in (t.get("rel") or [])]
    refs += [t.get("src") for t in tags if t.name == "script" and t.get("src")]
    for ref in refs:
        target = (page.parent / urlsplit(ref).path).resolve()
        if not target.relative_to(site.resolve()).as_posix().startswith(SEARCH_DATA):
            files.append(target)
    unique = {f.resolve(): f.read_bytes() for f in files}
    return Weight(
        files={p.relative_to(site.resolve()).as_posix(): len(b) for p, b in unique.items()},
        sent=sum(gzipped(b) for b in unique.values()),
        raw=sum(len(b) for b in unique.values()),
    )


def heaviest_by_type(site: Path) -> dict[str, tuple[Weight, str]]:
    """The heaviest page of each type (by bytes sent), with its path."""
    heaviest: dict[str, tuple[Weight, str]] = {}
    for page in site.rglob("*.html"):
        kind = page.parent.name if page.parent != site else page.stem
        weight = page_weight(site, page)
        if kind not in heaviest or weight.sent > heaviest[kind][0].sent:
            heaviest[kind] = (weight, page.relative_to(site).as_posix())
    return heaviest


def test_every_code_page_is_under_budget(built_site: Path) -> None:
    over = []
    for page in sorted((built_site / "codes").glob("*.html")):
        weight = page_weight(built_site, page)
        if weight.sent >= BUDGET:
            over.append(f"{page.name}: {weight.sent:,} bytes sent ({weight.raw:,} raw) {weight.files}")
    assert over == []


def test_budget_counts_the_stylesheet(built_site: Path) -> None:
    """The check must see the CSS, or a page could pass while its assets grow without bound."""
    weight = page_weight(built_site, built_site / "codes" / "J7507.html")
    assert "assets/site.css" in weight.files
    assert weight.raw > weight.files["codes/J7507.html"] and weight.sent > gzipped(b"x")


def test_page_weights_are_recorded(built_site: Path) -> None:
    """The heaviest page of each type, kept in _artifacts/ (gitignored; CI uploads it beside the
    screenshots). The code-page row must be the heaviest code page, found here page by page."""
    heaviest = heaviest_by_type(built_site)
    rows = [
        f"{kind:12} {w.sent:>8,} bytes sent (gzip) {w.raw:>8,} raw  {path}"
        for kind, (w, path) in sorted(heaviest.items())
    ]
    report = ARTIFACTS / "page-weights.txt"
    report.parent.mkdir(exist_ok=True)
    report.write_text("\n".join(rows) + "\n", encoding="utf-8")
    sent = {page: page_weight(built_site, page).sent for page in (built_site / "codes").glob("*.html")}
    weight, path = heaviest["codes"]
    assert weight.sent == sent[built_site / path] == max(sent.values()), path
    assert f"{weight.sent:>8,} bytes sent (gzip) {weight.raw:>8,} raw  {path}" in report.read_text("utf-8")
    assert {"index", "codes", "catalog", "categories"} <= heaviest.keys(), sorted(heaviest)


def test_the_heaviest_drug_page_with_its_scripts_is_under_budget(built_site: Path) -> None:
    """Issue 17: a page with CMS drug data (guide or data-only) carries its own code's NDC rows and the
    calculator, never every code's rows. The heaviest such page, found page by page, with each
    script and stylesheet it names, stays under the budget."""
    pages = [p for p in (built_site / "codes").glob("*.html") if 'id="drug-data"' in p.read_text("utf-8")]
    assert len(pages) > 800, len(pages)
    weights = {page.name: page_weight(built_site, page) for page in pages}
    name, heaviest = max(weights.items(), key=lambda item: item[1].sent)
    assert "assets/calculator.js" in heaviest.files and "assets/site.css" in heaviest.files, name
    assert not any(path.startswith("assets/ndc/") for w in weights.values() for path in w.files)
    assert heaviest.sent < BUDGET, f"{name}: {heaviest.sent:,} bytes sent {heaviest.files}"
    data_only = [
        w
        for page, w in weights.items()
        if "No written guide yet" in (built_site / "codes" / page).read_text()
    ]
    assert max(w.sent for w in data_only) < BUDGET


def test_the_stand_alone_calculator_is_under_budget(built_site: Path) -> None:
    """calculator.html names every code (the picker's list) but no NDC rows: those load per code."""
    weight = page_weight(built_site, built_site / "calculator.html")
    assert "assets/calculator-data.js" in weight.files and not any("ndc" in path for path in weight.files)
    assert weight.sent < CALCULATOR_BUDGET, f"{weight.sent:,} bytes sent {weight.files}"
