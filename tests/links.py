"""Our own link checker: every href/src/action in a built folder must name a file in that folder.

Used on the real build (tests/test_site.py) and on a deliberately broken mini-site
(tests/test_links.py), where lychee must agree with it.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .site_scan import LINK_ATTRIBUTES, page_ids, scan_page

# Pages other work in progress adds (the search page): a form may already point at one before it
# exists in the build. Tolerated only for <form action>, and only while the file is missing.
PENDING_PAGES = ("search.html",)


@dataclass(frozen=True)
class LinkCheck:
    checked: int
    broken: tuple[str, ...]
    tolerated: tuple[str, ...] = ()


def site_links(site: Path) -> Iterator[tuple[Path, object, str, str]]:
    """Every (page, tag, attribute, value) for href/src/action in the built site, each file parsed once."""
    for page in sorted(site.rglob("*.html")):
        for tag in scan_page(page).tags:
            for attribute in LINK_ATTRIBUTES:
                value = tag.get(attribute)
                if value is not None:
                    yield page, tag, attribute, value


def is_outbound(value: str) -> bool:
    return bool(urlsplit(value).scheme) or value.startswith("//")


def internal_targets(site: Path, *, tags: tuple[str, ...] = ("a", "link", "img", "form")) -> set[str]:
    """Each internal link as the file (and #fragment) it points at, relative to the site."""
    found = set()
    for page, tag, _attribute, value in site_links(site):
        if tag.name not in tags or is_outbound(value):
            continue
        parts = urlsplit(value)
        target = (page.parent / unquote(parts.path)).resolve() if parts.path else page.resolve()
        relative = target.relative_to(site.resolve()).as_posix()
        found.add(f"{relative}#{parts.fragment}" if parts.fragment else relative)
    return found


def find_broken_links(site: Path) -> LinkCheck:
    broken: list[str] = []
    tolerated: list[str] = []
    checked = 0
    for page, tag, _attribute, value in site_links(site):
        if is_outbound(value):
            continue
        parts = urlsplit(value)
        target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
        checked += 1
        where = f"{page.relative_to(site)}: {value}"
        if not target.is_file():
            pending = tag.name == "form" and target.name in PENDING_PAGES and target.parent == site.resolve()
            (tolerated if pending else broken).append(where)
        elif parts.fragment and target.suffix == ".html" and parts.fragment not in page_ids(target):
            broken.append(f"{where} (no such anchor)")
    if tolerated:
        warnings.warn(
            f"{len(tolerated)} form(s) point at {', '.join(PENDING_PAGES)}, not in this build yet",
            stacklevel=2,
        )
    return LinkCheck(checked, tuple(broken), tuple(tolerated))
