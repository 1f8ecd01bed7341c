"""Where each kind of page lives in the output: one place, so links and files always agree.

Paths are relative to the site root. Templates never spell one: they call the Jinja global
`url(kind, *args, anchor=...)` (see `page_url`), which prefixes the page's `root` ("", "../", or the
public address on 404.html).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable

MAX_CATALOG_ROWS = 400
CATALOG_DIR = "catalog"


def code_path(code: str) -> str:
    return f"codes/{code}.html"


def category_path(slug: str) -> str:
    return f"categories/{slug}.html"


def topic_path(slug: str) -> str:
    return f"topics/{slug}.html"


def family_path(slug: str) -> str:
    return f"families/{slug}.html"


def modifier_path(modifier: str) -> str:
    return site_path("modifiers", anchor=modifier)


def catalog_page_path(slug: str) -> str:
    """A catalog page: a range ('J-7000'), 'index' or 'glossary'."""
    return f"{CATALOG_DIR}/{slug}.html"


def asset_path(name: str) -> str:
    return f"assets/{name}"


SITE_PATHS: dict[str, Callable[..., str]] = {
    "root": lambda: "",
    "page": lambda path: path,  # a site-root path urls.py already made (e.g. a code's catalog row)
    "home": lambda: "index.html",
    "code": code_path,
    "category": category_path,
    "family": family_path,
    "topic": topic_path,
    "topics": lambda: topic_path("index"),
    "modifiers": lambda: "modifiers.html",
    "calculator": lambda: "calculator.html",
    "search": lambda: "search.html",
    "catalog": lambda: catalog_page_path("index"),
    "catalog_glossary": lambda: catalog_page_path("glossary"),
    "catalog_range": catalog_page_path,
    "asset": asset_path,
    "calculator_data": lambda: asset_path("calculator-data.js"),
    "calculator_ndc_code": lambda code: asset_path(f"ndc/{code}.js"),  # one code's NDC rows
    "calculator_ndc_index": lambda shard: asset_path(f"ndc/n{shard}.js"),  # NDC → codes, by first digits
}


def site_path(kind: str, *args: str, anchor: str = "") -> str:
    """The path of a kind of page from the site root, e.g. site_path("code", "J7507")."""
    try:
        path = SITE_PATHS[kind](*args)
    except KeyError:
        raise ValueError(f"no kind of page called {kind!r}; known: {', '.join(SITE_PATHS)}") from None
    return f"{path}#{anchor}" if anchor else path


def page_url(root: str, kind: str, *args: str, anchor: str = "") -> str:
    """A link from a page whose way back to the site root is `root` ("../" from codes/)."""
    return root + site_path(kind, *args, anchor=anchor)


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


def catalog_index(ranges: dict[str, tuple[str, ...]]) -> dict[str, str]:
    """code → catalog path, for lookups in bulk."""
    return {code: f"{catalog_page_path(slug)}#{code}" for slug, members in ranges.items() for code in members}


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
