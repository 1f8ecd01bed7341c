"""Where each kind of page lives in the output: one place, so links and files always agree.

Paths are relative to the site root; templates prefix them with the page's `root` ("", "../").
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

MAX_CATALOG_ROWS = 400


def code_path(code: str) -> str:
    return f"codes/{code}.html"


def category_path(slug: str) -> str:
    return f"categories/{slug}.html"


def family_path(slug: str) -> str:
    return f"families/{slug}.html"


def modifier_path(modifier: str) -> str:
    return f"modifiers.html#{modifier}"


def public_url(base_url: str, path: str) -> str:
    """The address the public sees for a page: 'index.html' is the folder itself.

    Only for --base-url output (canonical links, Open Graph, sitemap); internal links stay relative.
    """
    base = base_url.rstrip("/") + "/"
    folder, _, name = path.rpartition("/")
    if name == "index.html":
        return base + (f"{folder}/" if folder else "")
    return base + path


def catalog_ranges(codes: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """Catalog page slug (e.g. 'J-7000') → its codes, sorted.

    Codes are grouped by letter and thousand; a group over MAX_CATALOG_ROWS is cut into
    five-hundreds, then hundreds, so no catalog page is huge.
    """
    pages: dict[str, tuple[str, ...]] = {}
    for slug, members in _group(sorted(codes), 1000).items():
        pages.update(_split(slug, members, 1000))
    return dict(sorted(pages.items()))


def catalog_path(code: str, ranges: dict[str, tuple[str, ...]]) -> str:
    """'catalog/J-7000.html#J7507' for a code in the CMS file."""
    for slug, members in ranges.items():
        if code in members:
            return f"catalog/{slug}.html#{code}"
    raise KeyError(code)


def catalog_index(ranges: dict[str, tuple[str, ...]]) -> dict[str, str]:
    """code → catalog path, for lookups in bulk."""
    return {code: f"catalog/{slug}.html#{code}" for slug, members in ranges.items() for code in members}


def _group(codes: list[str], width: int) -> dict[str, list[str]]:
    groups: dict[str, list[str]] = defaultdict(list)
    for code in codes:
        number = int(code[1:]) // width * width
        groups[f"{code[0]}-{number:04d}"].append(code)
    return groups


def _split(slug: str, members: list[str], width: int) -> dict[str, tuple[str, ...]]:
    if len(members) <= MAX_CATALOG_ROWS or width <= 100:
        return {slug: tuple(members)}
    narrower = 500 if width == 1000 else 100
    result: dict[str, tuple[str, ...]] = {}
    for sub_slug, sub_members in _group(members, narrower).items():
        result.update(_split(sub_slug, sub_members, narrower))
    return result
