"""Every built HTML file parsed once, in one pass: its element ids and its linking tags.

The link tests check each href and #anchor of a site with ~100 large catalog pages; parsing each
file once with the standard-library parser (not a BeautifulSoup tree per lookup) keeps that fast.
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
    """The few things the link tests ask of a tag: its name and attributes (as bs4's tag.get)."""

    name: str
    attrs: dict[str, str]

    def get(self, attribute: str, default: object = None) -> object:
        if attribute == "rel" and "rel" in self.attrs:
            return self.attrs["rel"].split()
        return self.attrs.get(attribute, default)


@dataclass
class ScannedPage:
    ids: set[str] = field(default_factory=set)
    tags: list[ScannedTag] = field(default_factory=list)


class _Scanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = ScannedPage()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if "id" in values:
            self.page.ids.add(values["id"])
        if tag in LINKING_TAGS:
            self.page.tags.append(ScannedTag(tag, values))

    handle_startendtag = handle_starttag


@lru_cache(maxsize=4096)
def scan_page(path: Path) -> ScannedPage:
    """ids and linking tags of one built page (cached: the built site does not change during a run)."""
    scanner = _Scanner()
    scanner.feed(path.read_text(encoding="utf-8"))
    scanner.close()
    return scanner.page


def page_ids(path: Path) -> set[str]:
    return scan_page(path).ids
