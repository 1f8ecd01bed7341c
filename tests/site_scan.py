"""Built HTML files parsed in one pass each: their start tags, element ids and linking tags.

Tests that look at every page of a site with ~100 large catalog pages (links, anchors, the header
nav, inert markup) use this standard-library scan instead of a BeautifulSoup tree per page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path

LINKING_TAGS = frozenset({"a", "link", "script", "img", "form"})
LINK_ATTRIBUTES = ("href", "src", "action")


@dataclass(frozen=True)
class ScannedTag:
    """A start tag: its name, attributes (read as bs4's tag.get) and the class of the <nav> it is in."""

    name: str
    attrs: dict[str, str]
    nav: str = ""

    def get(self, attribute: str, default: object = None) -> object:
        if attribute == "rel" and "rel" in self.attrs:
            return self.attrs["rel"].split()
        return self.attrs.get(attribute, default)


@dataclass
class ScannedPage:
    ids: set[str] = field(default_factory=set)
    tags: list[ScannedTag] = field(default_factory=list)  # linking tags only


class _Scanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[ScannedTag] = []
        self.navs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "nav":
            self.navs.append(values.get("class", ""))
        self.tags.append(ScannedTag(tag, values, self.navs[-1] if self.navs else ""))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag == "nav":
            self.navs.pop()

    def handle_endtag(self, tag: str) -> None:
        if tag == "nav" and self.navs:
            self.navs.pop()


def start_tags(path: Path) -> list[ScannedTag]:
    """Every start tag of a page, in document order."""
    return tags_in(path.read_text(encoding="utf-8"))


def tags_in(html: str) -> list[ScannedTag]:
    """Every start tag of an HTML string, in document order."""
    scanner = _Scanner()
    scanner.feed(html)
    scanner.close()
    return scanner.tags


@lru_cache(maxsize=4096)
def scan_page(path: Path) -> ScannedPage:
    """ids and linking tags of one built page (cached: the built site does not change during a run)."""
    page = ScannedPage()
    for tag in start_tags(path):
        if "id" in tag.attrs:
            page.ids.add(tag.attrs["id"])
        if tag.name in LINKING_TAGS:
            page.tags.append(tag)
    return page


def page_ids(path: Path) -> set[str]:
    return scan_page(path).ids
