"""Links gate: our checker and lychee (offline) both find 0 broken links in the real build, both
catch every broken link in a broken mini-site, and only source citations leave the site."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from .gates import BROKEN_LINKS, BROKEN_SITE, lychee_check, lychee_targets, write_site
from .helpers import soup
from .links import PENDING_PAGES, find_broken_links, internal_targets, is_outbound, site_links
from .site_scan import start_tags


def pending_excludes(site: Path) -> tuple[str, ...]:
    """Pages still being built by other work: excluded only while missing (see links.PENDING_PAGES)."""
    return tuple(rf"/{re.escape(name)}$" for name in PENDING_PAGES if not (site / name).exists())


def test_lychee_finds_no_broken_link_in_the_real_build(built_site: Path) -> None:
    report = lychee_check(built_site, exclude=pending_excludes(built_site))
    print(f"lychee: {report.total} links, {report.checked} resolved, {report.excluded} excluded (offline)")
    assert report.checked > 500
    assert report.broken == (), "\n".join(report.broken)


def test_our_checker_and_lychee_look_at_the_same_links(built_site: Path) -> None:
    """The same internal targets, except <script src>, which lychee 0.24 does not extract."""
    ours = internal_targets(built_site)
    theirs = lychee_targets(built_site)
    scripts = internal_targets(built_site, tags=("script",))
    print(f"links: {len(ours)} distinct internal targets (+{len(scripts)} scripts), lychee {len(theirs)}")
    assert len(ours) > 300
    assert ours == theirs


@pytest.fixture(scope="module")
def broken_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_site(tmp_path_factory.mktemp("broken"), BROKEN_SITE)


def normalise(finding: str) -> tuple[str, str]:
    page, _, rest = finding.partition(": ")
    target = rest.split(" (")[0]
    return page, target.removesuffix("/")


def test_both_checkers_catch_every_broken_link_of_a_broken_site(broken_site: Path) -> None:
    ours = {normalise(f) for f in find_broken_links(broken_site).broken}
    theirs = {normalise(f) for f in lychee_check(broken_site).broken}
    assert ours == BROKEN_LINKS
    assert theirs == BROKEN_LINKS


# Sections that cite where facts come from: a code page's Sources, the catalog glossary's Source; and
# each modifier's list of sources in the glossary (ul.sources, the citation partial).
CITATION_SECTIONS = ("sources", "source")


def test_only_source_citations_leave_the_site(built_site: Path) -> None:
    """An outbound URL is always an <a> in a citation section, opening a new tab with no referrer."""
    pages_citing: set[Path] = set()
    for page, tag, attribute, value in site_links(built_site):
        if is_outbound(value):
            where = f"{page.relative_to(built_site)}: {value}"
            assert tag.name == "a" and attribute == "href", f"{where}: loads something from another host"
            assert urlsplit(value).scheme in ("https", "http"), where
            pages_citing.add(page)
    assert pages_citing, "the real content cites web sources; none were found"
    for page in sorted(pages_citing):  # only these pages need a full parse (to see the <section>)
        for link in soup(page).find_all("a", href=lambda href: bool(href) and is_outbound(href)):
            where = f"{page.relative_to(built_site)}: {link['href']}"
            section = link.find_parent("section", id=CITATION_SECTIONS)
            cited = section or link.find_parent("ul", class_="sources")
            assert cited is not None, f"{where}: not a citation"
            assert link.get("target") == "_blank", f"{where}: must open in a new tab"
            assert set(link.get("rel", [])) >= {"noopener", "noreferrer"}, f"{where}: needs rel"


def test_every_page_has_one_h1_and_a_language(built_site: Path) -> None:
    for page in sorted(built_site.rglob("*.html")):
        tags = start_tags(page)
        assert [t.get("lang") for t in tags if t.name == "html"] == ["en"], page
        assert sum(t.name == "h1" for t in tags) == 1, page
